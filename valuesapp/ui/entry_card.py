"""The shape the "add a note" and "add a repair" cards share: who, their words, a kind, an optional value
and a day, saved through one service call.

A missing who or words is pointed out next to its field before anything is sent, a refused save says
why, and nothing typed is lost either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from valuesapp.ui.pickers import NO_VALUE, DateField, check_required, refill_values
from valuesapp.ui.shared import Shared, section_title, tagged


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
        body = ft.Column(
            [
                section_title(title), who, words, ft.Row([kind], spacing=12), ft.Row([value], spacing=12), day,
                ft.Row([ft.FilledButton(save_label, icon=ft.Icons.CHECK, on_click=self.save),
                        ft.TextButton("Cancel", on_click=lambda _e: self._on_cancel())], wrap=True),
            ],
            spacing=12,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        self.control = tagged(identifier, ft.Card(ft.Container(body, padding=16)))
        self.control.visible = False

    @property
    def visible(self) -> bool:
        return bool(self.control.visible)

    def open(self) -> None:
        refill_values(self.value, self.services.values.list())
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
