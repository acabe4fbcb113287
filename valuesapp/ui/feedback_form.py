"""The "add a note from a friend" card: who said it, what they said, what kind of note, which value, when.

Friends' words are kept as typed; a missing name or note is pointed out next to its field, and nothing
typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from valuesapp.core import states
from valuesapp.core.limits import NAME_MAX, NOTE_MAX, clean_name, clean_text
from valuesapp.services.views import FeedbackView
from valuesapp.ui.entry_card import EntryCard
from valuesapp.ui.presenters.feedback import KIND_LABELS
from valuesapp.ui.pickers import DateField, choice_dropdown, chosen_value_id, person_zone, value_dropdown
from valuesapp.ui.shared import Shared

# The Feedback screen's buttons as tall as a finger needs (48 px; Flutter's web default is 32).
TALL = ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=20, vertical=14), visual_density=ft.VisualDensity.STANDARD)


class FeedbackForm(EntryCard):
    def __init__(self, shared: Shared, on_saved: Callable[[FeedbackView], None], on_cancel: Callable[[], None]):
        services = shared.services
        self.friend = ft.TextField(label="Friend", hint_text="Who gave you this note?", max_length=NAME_MAX,
                                   capitalization=ft.TextCapitalization.WORDS)
        self.note = ft.TextField(label="Note", hint_text="Their words, as close as you can remember them.",
                                 multiline=True, min_lines=3, max_lines=8, max_length=NOTE_MAX)
        self.received = DateField("Received", today=services.context.today, zone=lambda: person_zone(services),
                                  help_text="When did the note arrive?", past_only=True, empty_text="today")
        super().__init__(
            shared, identifier="feedback-form", title="A note from a friend", save_label="Save note",
            who=self.friend, words=self.note,
            kind=choice_dropdown("Kind of note", states.FEEDBACK_KINDS, "concern", labels=KIND_LABELS),
            default_kind="concern", value=value_dropdown([], label="Value it is about (optional)"),
            day=self.received, check_who=lambda text: clean_name(text, field="friend's name"),
            check_words=lambda text: clean_text(text, field="note", max_len=NOTE_MAX, required=True),
            add=self._add_note, on_saved=on_saved, on_cancel=on_cancel,
        )

    def _add_note(self) -> FeedbackView:
        return self.services.feedback.add(
            self.friend.value or "", self.note.value or "", kind=self.kind.value or "concern",
            value_id=chosen_value_id(self.value), received_on=self.received.value,
        )
