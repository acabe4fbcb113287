"""Adding a repair, ticking one done and releasing one: the forms behind the Repairs screen's buttons.

Every form keeps what was typed when something is wrong and says what, next to the field. Closing a
repair (done or released) always offers Undo, since it moves the repair out of sight.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from valuesapp.core import states
from valuesapp.core.limits import NAME_MAX, NOTE_MAX, REASON_MAX, clean_name, clean_text
from valuesapp.services.views import RepairView
from valuesapp.ui.entry_card import EntryCard
from valuesapp.ui.pickers import DateField, check_required, choice_dropdown, chosen_value_id, person_zone, value_dropdown
from valuesapp.ui.shared import Shared

KIND_LABELS = {"apology": "Apology", "conversation": "Conversation", "amends": "Amends", "other": "Other"}


class RepairForm(EntryCard):
    """The "add a repair" card: who, what happened, which kind of repair, the value it touches, by when."""

    def __init__(self, shared: Shared, on_saved: Callable[[RepairView], None], on_cancel: Callable[[], None]):
        services = shared.services
        self.person = ft.TextField(label="Person", hint_text="Who is owed the repair?", max_length=NAME_MAX,
                                   capitalization=ft.TextCapitalization.WORDS)
        self.what = ft.TextField(label="What happened", hint_text="In a sentence or two, as plainly as you can.",
                                 multiline=True, min_lines=2, max_lines=6, max_length=NOTE_MAX)
        self.target = DateField("Target date", today=services.context.today, zone=lambda: person_zone(services),
                                help_text="Make this repair by",
                                future_only=True, empty_text="none (optional)")
        super().__init__(
            shared, identifier="repair-form", title="A repair you owe", save_label="Save repair",
            who=self.person, words=self.what,
            kind=choice_dropdown("Kind of repair", states.REPAIR_KINDS, "apology", labels=KIND_LABELS),
            default_kind="apology", value=value_dropdown([]), day=self.target,
            check_who=lambda text: clean_name(text, field="person"),
            check_words=lambda text: clean_text(text, field="description of what happened", max_len=NOTE_MAX,
                                                required=True),
            add=self._add_repair, on_saved=on_saved, on_cancel=on_cancel,
        )

    def _add_repair(self) -> RepairView:
        return self.services.repairs.add(
            self.person.value or "", self.what.value or "", kind=self.kind.value or "apology",
            value_id=chosen_value_id(self.value), target_date=self.target.value,
        )


def ask_done(shared: Shared, repair: RepairView, on_done: Callable[[RepairView], None]) -> None:
    """Tick a repair off, with an optional note on how it went (worth rereading before the next one)."""
    note = ft.TextField(label="How did it go? (optional)", multiline=True, min_lines=2, max_lines=6, max_length=NOTE_MAX)

    def finish(_e=None) -> None:
        done = shared.attempt(shared.services.repairs.done, repair.id, note.value or None, field=note)
        if done is not None:
            shared.page.pop_dialog()
            on_done(done)

    _ask(shared, f"Done: repair with {repair.person}", repair.what, note, "Mark done", finish)


def ask_release(shared: Shared, repair: RepairView, on_released: Callable[[RepairView], None]) -> None:
    """Let go of a repair that is no longer owed; the reason is required, so the choice is a considered one."""
    reason = ft.TextField(label="Reason for releasing", hint_text="Why is this no longer yours to make?",
                          multiline=True, min_lines=2, max_lines=5, max_length=REASON_MAX)

    def release(_e=None) -> None:
        if not check_required(reason, lambda text: clean_text(text, field="reason", max_len=REASON_MAX, required=True)):
            reason.update()
            return
        released = shared.attempt(shared.services.repairs.release, repair.id, reason.value or "", field=reason)
        if released is not None:
            shared.page.pop_dialog()
            on_released(released)

    _ask(shared, f"Release the repair with {repair.person}?", repair.what, reason, "Release", release)


def _ask(shared: Shared, title: str, what: str, field: ft.TextField, confirm: str,
         on_confirm: Callable[[ft.ControlEvent | None], None]) -> None:
    # Unlike Shared.confirm, the dialog stays open on a mistake so the message shows beside the field.
    shared.page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Column(
                [ft.Text(what, color=ft.Colors.ON_SURFACE_VARIANT, max_lines=6, overflow=ft.TextOverflow.ELLIPSIS), field],
                tight=True, spacing=12, width=420, horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
            actions=[
                ft.TextButton("Cancel", on_click=lambda _e: shared.page.pop_dialog()),
                ft.FilledButton(confirm, on_click=on_confirm),
            ],
        )
    )
