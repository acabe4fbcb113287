"""The shape the "add a note" and "add a repair" cards share: who, their words, a kind, an optional value
and a day, saved through one service call.

A missing who or words is pointed out next to its field before anything is sent, a refused save says
why, and nothing typed is lost either way. The card may be filled and opened while its screen is off the
page (a note handed over from another screen): what changes then is swapped whole (the value list is a
fresh dropdown), never a long-lived list grown in place, which Flet would send twice on the way back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from valuesapp.ui.pickers import NO_VALUE, DateField, check_required, value_dropdown
from valuesapp.ui.shared import Shared, section_title, tagged
from valuesapp.ui.widgets import named

TAP_HEIGHT = 48  # the smallest comfortable tap target


class EntryCard:
    def __init__(self, shared: Shared, *, identifier: str, title: str, save_label: str, who: ft.TextField,
                 words: ft.TextField, kind: ft.Dropdown, default_kind: str, value: ft.Dropdown, day: DateField,
                 check_who: Callable[[str], str], check_words: Callable[[str], str], add: Callable[[], Any],
                 on_saved: Callable[[Any], None], on_cancel: Callable[[], None]):
        """``check_who``/``check_words`` clean a field's text or raise UserError (shown beside the field);
        ``add`` is the service call that saves the card, raising UserError for what the person can fix."""
        self.shared = shared
        self.services = shared.services
        self._who, self._words, self.kind, self.value, self._day = who, words, kind, value, day
        self._default_kind = default_kind
        self._check_who, self._check_words, self._add = check_who, check_words, add
        self._on_saved = on_saved
        self._on_cancel = on_cancel
        self.title = section_title(title)
        self.save_button = ft.FilledButton(save_label, icon=ft.Icons.CHECK, on_click=self.save, height=TAP_HEIGHT)
        self._value_slot = ft.Container(value, expand=True)
        body = ft.Column(
            [
                self.title, who, words, named(ft.Row([kind], spacing=12), str(kind.label)),
                named(ft.Row([self._value_slot]), str(value.label)), day,
                ft.Row([self.save_button,
                        ft.TextButton("Cancel", on_click=lambda _e: self._on_cancel(), height=TAP_HEIGHT)],
                       wrap=True),
            ],
            spacing=12,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        # Not one semantic container: each field, dropdown and button is reached and read on its own.
        self.control = tagged(identifier, ft.Card(ft.Container(body, padding=16), semantic_container=False))
        self.control.visible = False

    @property
    def visible(self) -> bool:
        return bool(self.control.visible)

    def heading(self, title: str, save_label: str) -> None:
        """What the card says it is doing: adding, turning a note into one, or correcting one."""
        self.title.value = title
        self.save_button.content = save_label

    def open(self, chosen: int | None = None) -> None:
        """Show the card with the value list up to date, keeping (or setting, ``chosen``) a value that is
        still there."""
        label = self.value.label if isinstance(self.value.label, str) else "Value"
        fresh = value_dropdown(self.services.values.list(), label=label)
        wanted = str(chosen) if chosen is not None else self.value.value
        fresh.value = wanted if any(o.key == wanted for o in fresh.options) else NO_VALUE
        self.value = self._value_slot.content = fresh
        self.control.visible = True

    def close(self) -> None:
        self.control.visible = False

    def clear(self) -> None:
        for field in (self._who, self._words):
            field.value, field.error = "", None
        self.kind.value = self._default_kind
        self.value.value = NO_VALUE
        self._day.set(None)

    def save(self, _e=None) -> None:
        who_ok = check_required(self._who, self._check_who)
        words_ok = check_required(self._words, self._check_words)
        if not (who_ok and words_ok):
            self.control.update()
            return
        saved = self.shared.attempt(self._add)
        if saved is None:
            self.control.update()
            return
        self.clear()
        self._on_saved(saved)
