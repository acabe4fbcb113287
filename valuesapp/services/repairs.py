"""Repair debts: who is owed an apology or a hard conversation, and whether it has been made good.

Every repair can be corrected (``edit``, checked like ``add``) and deleted; a deleted or reopened repair
can be put back exactly as it was (``restore``), which is what each screen's Undo does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from sqlmodel import Session

from valuesapp.core import states
from valuesapp.core.clock import practice_day
from valuesapp.core.errors import UserError
from valuesapp.core.limits import NOTE_MAX, REASON_MAX, clean_name, clean_text
from valuesapp.core.messages import Msg
from valuesapp.services.context import Context
from valuesapp.services.lookups import check_value_ref, found
from valuesapp.services.views import RepairView
from valuesapp.store import feedback as stored_feedback
from valuesapp.store import repairs as stored
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import Repair

LIST_FILTERS = ("open", "all") + states.REPAIR_STATES


class Keep(Enum):
    """``edit``'s default for a field that may be emptied (value, target date): leave it as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class RepairCopy:
    """A repair as it was before it was deleted or reopened, to put back with ``restore`` (Undo)."""

    view: RepairView
    fields: dict[str, Any]


class RepairsService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def add(
        self,
        person: str,
        what: str,
        *,
        kind: str = "apology",
        value_id: int | None = None,
        target_date: date | None = None,
        feedback_id: int | None = None,
    ) -> RepairView:
        with self.ctx.store.session() as session:
            row = self.insert(session, person, what, kind=kind, value_id=value_id, target_date=target_date,
                              feedback_id=feedback_id)
            return self.views(session, [row])[0]

    def insert(self, session: Session, person: str, what: str, *, kind: str, value_id: int | None,
               target_date: date | None, feedback_id: int | None) -> Repair:
        """Add a repair inside a caller's unit of work (turning feedback into a repair is one change)."""
        person = clean_name(person, field="person")
        what = clean_text(what, field="description of what happened", max_len=NOTE_MAX, required=True)
        kind = states.check_choice(kind, states.REPAIR_KINDS, field="kind")
        check_value_ref(session, value_id)
        if feedback_id is not None:
            found(stored_feedback.get(session=session, feedback_id=feedback_id), "feedback note", feedback_id)
        now = self.ctx.now()
        return save(session=session, row=Repair(
            person=person, what=what, kind=kind, value_id=value_id, target_date=target_date,
            feedback_id=feedback_id, state=states.OWED, created_at=now, updated_at=now,
        ))

    def edit(self, repair_id: int, *, person: str | None = None, what: str | None = None, kind: str | None = None,
             value_id: int | None | Keep = KEEP, target_date: date | None | Keep = KEEP) -> RepairView:
        """Correct a repair: who is owed it, what happened, its kind, the value, the target date; checked as
        ``add`` checks them. A field not given is left as it is (``value_id=None`` clears the value)."""
        person = None if person is None else clean_name(person, field="person")
        what = None if what is None else clean_text(what, field="description of what happened", max_len=NOTE_MAX,
                                                    required=True)
        kind = None if kind is None else states.check_choice(kind, states.REPAIR_KINDS, field="kind")

        def change(row: Repair) -> None:
            row.person = person if person is not None else row.person
            row.what = what if what is not None else row.what
            row.kind = kind if kind is not None else row.kind
            if not isinstance(value_id, Keep):
                row.value_id = value_id
            if not isinstance(target_date, Keep):
                row.target_date = target_date

        with self.ctx.store.session() as session:
            row = self._get(session, repair_id)
            if not isinstance(value_id, Keep):
                check_value_ref(session, value_id)
            change(row)
            row.updated_at = self.ctx.now()
            return self.views(session, [save(session=session, row=row)])[0]

    def copy(self, repair_id: int) -> RepairCopy:
        """The repair as it is now, to put back later with ``restore``."""
        with self.ctx.store.session() as session:
            row = self._get(session, repair_id)
            return RepairCopy(self.views(session, [row])[0], row.model_dump())

    def delete(self, repair_id: int) -> RepairCopy:
        """Delete a repair (a duplicate, a mistake); the copy returned puts it back with ``restore``."""
        with self.ctx.store.session() as session:
            row = self._get(session, repair_id)
            kept = RepairCopy(self.views(session, [row])[0], row.model_dump())
            stored.delete(session=session, row=row)
            return kept

    def restore(self, kept: RepairCopy) -> RepairView:
        """Put a repair back exactly as it was copied: same id, state, dates and notes, and its link to the
        note it came from (unless that note has since been deleted, when the repair comes back unlinked)."""
        fields = dict(kept.fields)
        with self.ctx.store.session() as session:
            if fields.get("feedback_id") is not None and stored_feedback.get(
                    session=session, feedback_id=fields["feedback_id"]) is None:
                fields["feedback_id"] = None
            if fields.get("value_id") is not None and stored_values.get(session=session, value_id=fields["value_id"]) is None:
                fields["value_id"] = None
            row = stored.get(session=session, repair_id=fields["id"])
            if row is None:
                row = Repair(**fields)
            else:
                for name, value in fields.items():
                    setattr(row, name, value)
            return self.views(session, [save(session=session, row=row)])[0]

    def plan(self, repair_id: int, on: date) -> RepairView:
        def change(row: Repair) -> None:
            row.state = states.repair_move(row.state, states.PLAN, repair_id=row.id)
            row.planned_for = on

        return self._change(repair_id, change)

    def done(self, repair_id: int, note: str | None = None) -> RepairView:
        note = clean_text(note, field="note on how it went", max_len=NOTE_MAX).strip() or None

        def change(row: Repair) -> None:
            row.state = states.repair_move(row.state, states.FINISH, repair_id=row.id)
            row.done_at, row.outcome_note = self.ctx.now(), note

        return self._change(repair_id, change)

    def release(self, repair_id: int, reason: str) -> RepairView:
        reason = clean_text(reason, field="reason", max_len=REASON_MAX, required=True).strip()

        def change(row: Repair) -> None:
            row.state = states.repair_move(row.state, states.RELEASE, repair_id=row.id)
            row.released_at, row.release_reason = self.ctx.now(), reason

        return self._change(repair_id, change)

    def reopen(self, repair_id: int) -> RepairView:
        """Undo done or released: back to planned if it had a plan, else owed."""

        def change(row: Repair) -> None:
            row.state = states.repair_move(row.state, states.REOPEN, repair_id=row.id, has_plan=row.planned_for is not None)
            row.done_at = row.outcome_note = row.released_at = row.release_reason = None

        return self._change(repair_id, change)

    def get(self, repair_id: int) -> RepairView:
        with self.ctx.store.session() as session:
            return self.views(session, [self._get(session, repair_id)])[0]

    def list(self, state: str = "open", *, value_id: int | None = None, limit: int | None = None) -> list[RepairView]:
        """Open ones oldest first (the longest owed leads); closed ones most recently closed first.
        ``limit``: the first so many only (years of closed repairs are shown a page at a time)."""
        if state not in LIST_FILTERS:
            raise UserError.of(Msg.REPAIRS_LISTED_AS, choices=", ".join(LIST_FILTERS), state=state)
        wanted = states.REPAIR_OPEN if state == "open" else None if state == "all" else (state,)
        with self.ctx.store.session() as session:
            rows = stored.find(session=session, states_in=wanted, value_id=value_id, limit=limit,
                               latest_first=state in (states.DONE, states.RELEASED))
            return self.views(session, rows)

    def counts(self) -> dict[str, int]:
        """How many repairs are in each state (states with none are left out)."""
        with self.ctx.store.session() as session:
            return stored.count_by_state(session=session)

    def by_ids(self, ids: Iterable[int]) -> list[RepairView]:
        with self.ctx.store.session() as session:
            return self.views(session, stored.by_ids(session=session, ids=ids))

    def _change(self, repair_id: int, change) -> RepairView:
        with self.ctx.store.session() as session:
            row = self._get(session, repair_id)
            change(row)
            row.updated_at = self.ctx.now()
            return self.views(session, [save(session=session, row=row)])[0]

    def _get(self, session: Session, repair_id: int) -> Repair:
        return found(stored.get(session=session, repair_id=repair_id), "repair", repair_id)

    def views(self, session: Session, rows: list[Repair]) -> list[RepairView]:
        titles = stored_values.titles_by_id(session=session, ids=(r.value_id for r in rows))
        current = self.ctx.settings(session)
        tz = self.ctx.timezone(current)
        today = practice_day(self.ctx.now(), tz, current.day_starts_at)
        return [repair_view(r, titles.get(r.value_id), today, tz, current.day_starts_at) for r in rows]


def repair_view(row: Repair, value_title: str | None, today: date, tz, day_starts_at: time = time(4, 0)) -> RepairView:
    # Age in practice days, like "today": a repair logged at 02:00 belongs to the evening before.
    opened = practice_day(row.created_at, tz, day_starts_at)
    missed = states.overdue_since(row.state, row.target_date, row.planned_for, today)
    return RepairView.of(row, value_title=value_title, age_days=max(0, (today - opened).days),
                         overdue=missed is not None, overdue_since=missed)
