"""The dialogs of the Values screen: edit, snip with a reason, focus for N days, own prompts, history.

Each dialog closes itself by reference (never ``page.pop_dialog()``), because a snackbar shown from
inside a dialog sits on top of it in Flet's dialog stack and ``pop_dialog`` would close that instead.
A dialog stays open on a mistake, with the message beside the field and the typed text kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.core.words import plural
from valuesapp.services.views import FocusView, PromptView, ValueView
from valuesapp.ui.presenters.history import HistoryEntry, history_entries
from valuesapp.ui.presenters.values import quoted
from valuesapp.ui.shared import Shared, field_for

DIALOG_WIDTH = 460
HISTORY_PAGE = 30


# Small helpers shared by the screen and its dialogs


def day_text(day: date) -> str:
    """'3 Dec 2026': short, unambiguous in every locale, and no platform-specific strftime flags."""
    return f"{day.day} {day:%b %Y}"


def local_time(shared: Shared, instant: datetime) -> datetime:
    """Instants are stored in UTC; people read them in the time zone their practice runs in."""
    try:
        zone = ZoneInfo(shared.services.settings.effective_timezone())
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return instant.astimezone(zone)


def moment_text(shared: Shared, instant: datetime) -> str:
    local = local_time(shared, instant)
    return f"{day_text(local.date())}, {local:%H:%M}"


def text_field(**kwargs) -> ft.TextField:
    """A field whose error message wraps instead of being cut off on a phone, and goes away as soon as
    the person starts correcting the text (a stale error next to fixed text reads as a new problem)."""
    return ft.TextField(error_max_lines=4, on_change=_clear_error, **kwargs)


def _clear_error(e: ft.Event[ft.TextField]) -> None:
    if e.control.error:
        e.control.error = None
        e.control.update()


def attempt_fields(shared: Shared, action: Callable, *args, fields: dict[str, ft.TextField], **kwargs):
    """``Shared.attempt`` for forms with several fields: the message goes beside the field it is about
    (``UserError.field``: a note too long goes to the note), otherwise beside the first. Nothing typed is cleared."""
    for field in fields.values():
        field.error = None
    try:
        return action(*args, **kwargs)
    except UserError as exc:
        field_for(exc, fields).error = exc.message
        for field in fields.values():
            field.update()
        return None


def _dialog(shared: Shared, title: str, body: list[ft.Control], actions: list[ft.Control]) -> ft.AlertDialog:
    dialog = ft.AlertDialog(
        modal=True,
        scrollable=True,
        title=ft.Text(title),
        content=ft.Column(body, tight=True, spacing=12, width=DIALOG_WIDTH,
                          horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        actions=actions,
    )
    shared.page.show_dialog(dialog)
    return dialog


def close(dialog: ft.AlertDialog) -> None:
    dialog.open = False
    dialog.update()


def _cancel(dialog_ref: list[ft.AlertDialog], label: str = "Cancel") -> ft.Control:
    return ft.TextButton(label, on_click=lambda _e: close(dialog_ref[0]))


# Edit


def edit_value(shared: Shared, value: ValueView, on_done: Callable[[ValueView], None]) -> None:
    title = text_field(label="Title", value=value.title, autofocus=True)
    note = text_field(label="Note", value=value.description, multiline=True, min_lines=3, max_lines=10,
                        hint_text="What living this value looks like for you")
    ref: list[ft.AlertDialog] = []

    def save(_e=None):
        saved = attempt_fields(shared, shared.services.values.edit, value.id, title=title.value or "",
                               description=note.value or "", fields={"title": title, "note": note})
        if saved is not None:
            close(ref[0])
            on_done(saved)

    title.on_submit = save
    ref.append(_dialog(shared, f"Edit {quoted(value.title)}", [title, note],
                       [_cancel(ref), ft.FilledButton("Save changes", icon=ft.Icons.CHECK, on_click=save)]))


# Snip (the store calls it archiving)


def archive_value(shared: Shared, value: ValueView, on_done: Callable[[ValueView, int | None], None]) -> None:
    """Snipping needs a reason: it is kept beside the value and in the list's history."""
    reason = text_field(label="Reason", hint_text="Why does it no longer belong on the list?", multiline=True,
                          min_lines=2, max_lines=6, autofocus=True)
    ref: list[ft.AlertDialog] = []

    def snip(_e=None):
        snipped = shared.attempt(shared.services.values.archive, value.id, reason.value or "", field=reason)
        if snipped is not None:
            close(ref[0])
            on_done(snipped, value.rank)

    explanation = ft.Text(
        f"{quoted(value.title)} leaves the ranked list and will not be picked. Its reflections stay, and you "
        "can restore it from the Snipped section at any time."
    )
    ref.append(_dialog(shared, f"Snip {quoted(value.title)}?", [explanation, reason],
                       [_cancel(ref), ft.FilledButton("Snip value", icon=ft.Icons.CONTENT_CUT, on_click=snip)]))


# Focus pin


def focus_value(shared: Shared, value: ValueView, current: FocusView | None,
                on_done: Callable[[FocusView], None]) -> None:
    days = text_field(label="Number of days", value="7", keyboard_type=ft.KeyboardType.NUMBER,
                        input_filter=ft.NumbersOnlyInputFilter(), autofocus=True)
    ref: list[ft.AlertDialog] = []

    def pin(_e=None):
        text = (days.value or "").strip()
        if not text.isdigit():
            days.error = "Enter a number of days, such as 7."
            days.update()
            return
        pinned = shared.attempt(shared.services.values.focus, value.id, int(text), field=days)
        if pinned is not None:
            close(ref[0])
            on_done(pinned)

    days.on_submit = pin
    body: list[ft.Control] = [
        ft.Text(f"For as many days as you choose, Today shows {quoted(value.title)} instead of the usual pick. "
                "If today's value is already another one, the focus starts tomorrow."),
        days,
    ]
    if current is not None and current.value_id != value.id:
        body.insert(1, ft.Text(f"This replaces the focus on {quoted(current.value_title)}.", color=ft.Colors.ERROR))
    ref.append(_dialog(shared, f"Focus on {quoted(value.title)}", body,
                       [_cancel(ref), ft.FilledButton("Pin focus", icon=ft.Icons.CENTER_FOCUS_STRONG, on_click=pin)]))


# The person's own prompts


class PromptsDialog:
    """Add and remove the questions Today may ask when this value comes up.

    Changes are saved at once; a removed prompt stays in the list as "Removed" with an Undo until the
    dialog closes, so a slip of the finger costs nothing.
    """

    def __init__(self, shared: Shared, value: ValueView, on_change: Callable[[], None]):
        self.shared = shared
        self.value = value
        self.on_change = on_change
        self.prompts: list[PromptView] = list(value.prompts)
        self.removed: dict[int, PromptView] = {}
        self.new_prompt = text_field(label="New prompt", hint_text="Such as: where did I hold back today?",
                                       on_submit=self.add, autofocus=True)
        self.rows = ft.Column(spacing=0, tight=True)
        self._paint()
        body = [
            ft.Text(f"When {quoted(value.title)} comes up, Today asks these in turn; a value without prompts of "
                    "its own gets one of the general questions."),
            self.rows,
            self.new_prompt,
            ft.Row([ft.FilledTonalButton("Add prompt", icon=ft.Icons.ADD, on_click=self.add)],
                   alignment=ft.MainAxisAlignment.END),
        ]
        self.ref: list[ft.AlertDialog] = []
        self.ref.append(_dialog(shared, f"Prompts for {quoted(value.title)}", body, [_cancel(self.ref, "Done")]))

    def _paint(self) -> None:
        if not self.prompts:
            self.rows.controls = [ft.Text("No prompts of your own yet.", color=ft.Colors.ON_SURFACE_VARIANT)]
            return
        self.rows.controls = [self._row(p) for p in self.prompts]

    def _row(self, prompt: PromptView) -> ft.Control:
        if prompt.id in self.removed:
            text = ft.Text(f"Removed: {prompt.text}", italic=True, color=ft.Colors.ON_SURFACE_VARIANT, expand=True)
            action = ft.TextButton("Undo", on_click=lambda _e, p=prompt: self.undo(p))
        else:
            text = ft.Text(prompt.text, expand=True)
            action = ft.IconButton(ft.Icon(ft.Icons.DELETE_OUTLINE, semantics_label=f"Remove prompt: {prompt.text}"),
                                   on_click=lambda _e, p=prompt: self.remove(p), width=48, height=48)
        return ft.Row([ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, size=18), text, action],
                      vertical_alignment=ft.CrossAxisAlignment.CENTER)

    def add(self, _e=None) -> None:
        added = self.shared.attempt(self.shared.services.values.add_prompt, self.value.id, self.new_prompt.value or "",
                                    field=self.new_prompt)
        if added is None:
            return
        self.prompts.append(added)
        self.new_prompt.value = ""
        self._saved()

    def remove(self, prompt: PromptView) -> None:
        if self.shared.attempt(self.shared.services.values.remove_prompt, prompt.id) is not None:
            self.removed[prompt.id] = prompt
            self._saved()

    def undo(self, prompt: PromptView) -> None:
        again = self.shared.attempt(self.shared.services.values.add_prompt, self.value.id, prompt.text)
        if again is not None:
            del self.removed[prompt.id]
            self.prompts[self.prompts.index(prompt)] = again
            self._saved()

    def _saved(self) -> None:
        self._paint()
        self.rows.update()
        self.new_prompt.update()
        self.on_change()


# History


class HistoryDialog:
    """How the list changed, newest first: when, what, and the order it left behind. Paged, since a
    list kept for years has hundreds of revisions."""

    def __init__(self, shared: Shared):
        self.shared = shared
        services = shared.services
        self.revisions: list[HistoryEntry] = history_entries(services.values.history(), services.reviews.saved())
        self.shown = 0
        self.items = ft.Column(spacing=4, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.more = ft.TextButton("Show older changes", icon=ft.Icons.EXPAND_MORE, on_click=self.show_more)
        self._extend()
        if not self.revisions:
            self.items.controls = [ft.Text("No changes yet: add a value to start the history.")]
        reviews = sum(e.review for e in self.revisions)
        count = plural(len(self.revisions) - reviews, "change") + (f" and {plural(reviews, 'values review')}" if reviews else "")
        body = [
            ft.Text(f"{count}, newest first.", color=ft.Colors.ON_SURFACE_VARIANT),
            self.items,
            self.more,
        ]
        self.ref: list[ft.AlertDialog] = []
        self.ref.append(_dialog(shared, "How your list changed", body, [_cancel(self.ref, "Close")]))

    def _extend(self) -> None:
        page = self.revisions[self.shown:self.shown + HISTORY_PAGE]
        self.items.controls += [self._entry(r) for r in page]
        self.shown += len(page)
        self.more.visible = self.shown < len(self.revisions)

    def show_more(self, _e=None) -> None:
        self._extend()
        self.items.update()
        self.more.update()

    def _entry(self, entry: HistoryEntry) -> ft.Control:
        return ft.Container(
            ft.Column(
                [
                    ft.Text(moment_text(self.shared, entry.at), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(entry.summary, weight=ft.FontWeight.W_600 if entry.review else ft.FontWeight.W_500,
                            color=ft.Colors.PRIMARY if entry.review else None),
                    ft.Text(entry.detail, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=2,
                tight=True,
            ),
            padding=ft.Padding.symmetric(vertical=8),
            border=ft.Border.only(bottom=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
        )
