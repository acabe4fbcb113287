"""The "add a note from a friend" card: who said it, what they said, what kind of note, which value, when.

Friends' words are kept as typed; a missing name or note is pointed out next to its field, and nothing
typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from valuesapp.core import states
from valuesapp.core.limits import NOTE_MAX, clean_name, clean_text
from valuesapp.services.views import FeedbackView
from valuesapp.ui.pickers import (
    NO_VALUE, DateField, check_required, choice_dropdown, chosen_value_id, person_zone, refill_values, value_dropdown,
)
from valuesapp.ui.shared import Shared, section_title, tagged

KIND_LABELS = {"concern": "Concern", "appreciation": "Appreciation", "suggestion": "Suggestion"}


class FeedbackForm:
    def __init__(self, shared: Shared, on_saved: Callable[[FeedbackView], None], on_cancel: Callable[[], None]):
        self.shared = shared
        self.services = shared.services
        self._on_saved = on_saved
        self._on_cancel = on_cancel
        self.friend = ft.TextField(label="Friend", hint_text="Who gave you this note?", max_length=200,
                                   capitalization=ft.TextCapitalization.WORDS)
        self.note = ft.TextField(label="Note", hint_text="Their words, as close as you can remember them.",
                                 multiline=True, min_lines=3, max_lines=8, max_length=NOTE_MAX)
        self.kind = choice_dropdown("Kind of note", states.FEEDBACK_KINDS, "concern", labels=KIND_LABELS)
        self.value = value_dropdown([], label="Value it is about (optional)")
        self.received = DateField("Received", today=self.services.context.today, zone=lambda: person_zone(self.services),
                                  help_text="When did the note arrive?", past_only=True, empty_text="today")
        self.control = tagged("feedback-form", ft.Card(ft.Container(self._body(), padding=16)))
        self.control.visible = False

    def _body(self) -> ft.Control:
        return ft.Column(
            [
                section_title("A note from a friend"),
                self.friend,
                self.note,
                ft.Row([self.kind], spacing=12),
                ft.Row([self.value], spacing=12),
                self.received,
                ft.Row(
                    [
                        ft.FilledButton("Save note", icon=ft.Icons.CHECK, on_click=self.save),
                        ft.TextButton("Cancel", on_click=lambda _e: self._on_cancel()),
                    ],
                    wrap=True,
                ),
            ],
            spacing=12,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    @property
    def visible(self) -> bool:
        return bool(self.control.visible)

    def open(self) -> None:
        refill_values(self.value, self.services.values.list())
        self.control.visible = True

    def close(self) -> None:
        self.control.visible = False

    def clear(self) -> None:
        for field in (self.friend, self.note):
            field.value, field.error = "", None
        self.kind.value = "concern"
        self.value.value = NO_VALUE
        self.received.set(None)

    def save(self, _e=None) -> None:
        friend_ok = check_required(self.friend, lambda text: clean_name(text, field="friend's name"))
        note_ok = check_required(self.note, lambda text: clean_text(text, field="note", max_len=NOTE_MAX, required=True))
        if not (friend_ok and note_ok):
            self.control.update()
            return
        saved = self.shared.attempt(
            self.services.feedback.add, self.friend.value or "", self.note.value or "", kind=self.kind.value or "concern",
            value_id=chosen_value_id(self.value), received_on=self.received.value,
        )
        if saved is None:
            self.control.update()
            return
        self.clear()
        self._on_saved(saved)
