"""Adding, correcting, ticking done and releasing a repair: the forms behind the Repairs screen's buttons.

Every form keeps what was typed when something is wrong and says what, next to the field. Closing a
repair (done or released) always offers Undo, since it moves the repair out of sight.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from valuesapp.core import states
from valuesapp.core.limits import NAME_MAX, NOTE_MAX, REASON_MAX, clean_name, clean_text
from valuesapp.services.views import RepairView
from valuesapp.ui.entry_card import TAP_HEIGHT, EntryCard
from valuesapp.ui.handoff import RepairDraft
from valuesapp.ui.presenters.repairs import KIND_LABELS
from valuesapp.ui.pickers import DateField, check_required, choice_dropdown, chosen_value_id, person_zone, value_dropdown
from valuesapp.ui.shared import Shared



PERSON_HINT = "Who is owed the repair?"
PERSON_TO_CONFIRM = "Who is owed this? Often someone other than the friend who wrote."


class RepairForm(EntryCard):
    """The repair card: who, what happened, which kind of repair, the value it touches, the target date.

    One card for three jobs: adding a repair, turning a friend's note into one (filled from the note, the
    person to confirm) and correcting one (filled from it). Cancel saves nothing in any of them."""

    def __init__(self, shared: Shared, on_saved: Callable[[RepairView], None], on_cancel: Callable[[], None]):
        services = shared.services
        self.person = ft.TextField(label="Person", hint_text=PERSON_HINT, max_length=NAME_MAX, helper_max_lines=3,
                                   capitalization=ft.TextCapitalization.WORDS)
        self.what = ft.TextField(label="What happened", hint_text="In a sentence or two, as plainly as you can.",
                                 multiline=True, min_lines=2, max_lines=6, max_length=NOTE_MAX)
        self.target = DateField("Target date", today=services.context.today, zone=lambda: person_zone(services),
                                help_text="Make this repair by",
                                future_only=True, empty_text="none (optional)")
        self.editing: int | None = None  # the repair being corrected
        self.draft: RepairDraft | None = None  # the note being turned into a repair
        super().__init__(
            shared, identifier="repair-form", title="A repair you owe", save_label="Save repair",
            who=self.person, words=self.what,
            kind=choice_dropdown("Kind of repair", states.REPAIR_KINDS, "apology", labels=KIND_LABELS),
            default_kind="apology", value=value_dropdown([]), day=self.target,
            check_who=lambda text: clean_name(text, field="person"),
            check_words=lambda text: clean_text(text, field="description of what happened", max_len=NOTE_MAX,
                                                required=True),
            add=self._save_repair, on_saved=on_saved, on_cancel=on_cancel,
        )

    def open_new(self) -> None:
        if self.editing is not None or self.draft is not None:  # leaving an edit or a note: start afresh
            self.clear()
        self._mode(None, None)
        self.heading("A repair you owe", "Save repair")
        self.open()

    def open_from_note(self, draft: RepairDraft) -> None:
        """Filled from the note; the person is the friend until confirmed, since the one owed is often
        someone else (a note about letting Mara down is a repair owed to Mara)."""
        self.clear()
        self._mode(None, draft)
        self.person.value, self.what.value, self.kind.value = draft.friend, draft.what, draft.kind
        self.person.helper = PERSON_TO_CONFIRM
        self.person.autofocus = True
        self.heading(f"A repair from {draft.friend}'s note", "Save repair")
        self.open(draft.value_id)

    def open_edit(self, repair: RepairView) -> None:
        self.clear()
        self._mode(repair.id, None)
        self.person.value, self.what.value, self.kind.value = repair.person, repair.what, repair.kind
        self.target.set(repair.target_date)
        self.heading(f"Edit the repair with {repair.person}", "Save changes")
        self.open(repair.value_id)

    def _mode(self, editing: int | None, draft: RepairDraft | None) -> None:
        self.editing, self.draft = editing, draft
        self.person.helper = None
        self.person.autofocus = False

    def clear(self) -> None:
        super().clear()
        self._mode(None, None)

    def _save_repair(self) -> RepairView:
        person, what = self.person.value or "", self.what.value or ""
        kind, value_id, target = self.kind.value or "apology", chosen_value_id(self.value), self.target.value
        if self.editing is not None:
            return self.services.repairs.edit(self.editing, person=person, what=what, kind=kind, value_id=value_id,
                                              target_date=target)
        if self.draft is not None:
            return self.services.feedback.to_repair(self.draft.feedback_id, person=person, what=what, kind=kind,
                                                    value_id=value_id, target_date=target)
        return self.services.repairs.add(person, what, kind=kind, value_id=value_id, target_date=target)


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
                ft.TextButton("Cancel", on_click=lambda _e: shared.page.pop_dialog(), height=TAP_HEIGHT),
                ft.FilledButton(confirm, on_click=on_confirm, height=TAP_HEIGHT),
            ],
        )
    )
