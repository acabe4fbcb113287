"""Editing a reflection saved today, where it is shown on Today, instead of a trip to the Journal.

Each reflection saved today is a row with an edit button; tapping it turns that row into the same
field and stars, with Save changes and Cancel. The rows are kept while they say the same (``ui.kept``). Saving goes through the Journal's own edit (the same
checks as everywhere); a refused save says why beside the field and keeps every word, because the
field is one object kept across refreshes, never rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from valuesapp.core.limits import NOTE_MAX
from valuesapp.ui.kept import Kept
from valuesapp.ui.presenters import today as presenter
from valuesapp.ui.presenters.today import Reflected
from valuesapp.ui.shared import Shared, tagged
from valuesapp.ui.widgets import RatingPicker, stars

TALL = 48  # every button's height: a finger's tap target


class ReflectionEditor:
    def __init__(self, shared: Shared, *, on_change: Callable[[], None]):
        """``on_change`` redraws Today (its rows come from ``rows``) when editing starts or is cancelled."""
        self.shared = shared
        self.on_change = on_change
        self.editing: int | None = None  # the reflection being edited, if any
        self.text = ft.TextField(label="Edit reflection", multiline=True, min_lines=2, max_lines=8, error_max_lines=4,
                                 max_length=NOTE_MAX, counter=presenter.counter(""), on_change=self._typed)
        self.rating = RatingPicker()
        self.kept: Kept[ft.Control] = Kept("reflected")
        self.kept_heading: Kept[ft.Control] = Kept("reflected-heading")
        self.editor = tagged("today-edit-reflection", ft.Column(
            [
                self.text,
                ft.Row([self.rating], wrap=True),
                ft.Row([ft.FilledButton("Save changes", icon=ft.Icons.CHECK, on_click=self.save, height=TALL),
                        ft.TextButton("Cancel", on_click=self.cancel, height=TALL)], wrap=True),
            ],
            spacing=8,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ))

    def rows(self, reflected: Sequence[Reflected]) -> list[ft.Control]:
        """Today's saved reflections, the one being edited as the editor."""
        if self.editing not in {r.id for r in reflected}:
            self.editing = None  # deleted in the Journal meanwhile, or the day turned
        rows = iter(self.kept.rows([(r.id, r) for r in reflected if r.id != self.editing], self._row))
        heading = self.kept_heading.rows([(part, part) for part in ("divider", "title")] if reflected else [],
                                         _heading)
        return [*heading, *(self.editor if r.id == self.editing else next(rows) for r in reflected)]

    def _row(self, r: Reflected) -> ft.Control:
        return ft.ListTile(
            leading=ft.Icon(ft.Icons.NOTES),
            title=ft.Text(r.text, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS),
            subtitle=stars(r.rating),
            trailing=ft.IconButton(ft.Icon(ft.Icons.EDIT_OUTLINED, semantics_label=r.edit_label),
                                   on_click=lambda _e: self.start(r), width=TALL, height=TALL),
            content_padding=ft.Padding.only(left=4),
        )

    def start(self, r: Reflected) -> None:
        self.editing = r.id
        self.text.value, self.text.error = r.text, None
        self.text.counter = presenter.counter(r.text)
        self.rating.set(r.rating)
        self.on_change()
        self.shared.page.run_task(self.text.focus)  # the keyboard comes up on the words, and they scroll into view

    def _typed(self, _e=None) -> None:
        self.text.counter = presenter.counter(self.text.value or "")
        self.text.update()

    def save(self, _e=None) -> None:
        saved = self.shared.attempt(self.shared.services.journal.edit, self.editing, text=self.text.value or "",
                                    rating=self.rating.value, field=self.text)
        if saved is None:
            return
        self.editing = None
        self.shared.toast(presenter.reflection_updated(saved.rating))
        self.shared.changed()
        self.shared.page.update()

    def cancel(self, _e=None) -> None:
        self.editing = None
        self.on_change()


def _heading(part: str) -> ft.Control:
    if part == "divider":
        return ft.Divider()
    # Room below the heading for the editor's floating label, which would otherwise sit on it.
    return ft.Container(ft.Text("Saved today", size=13, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE_VARIANT),
                        padding=ft.Padding.only(bottom=10))
