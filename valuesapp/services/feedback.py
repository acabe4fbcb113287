"""Friends' feedback notes: where they see the person fall short of (or live up to) their values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from valuesapp.core import states
from valuesapp.core.errors import UserError
from valuesapp.core.limits import NOTE_MAX, clean_name, clean_text
from valuesapp.core.messages import Msg
from valuesapp.services.context import Context
from valuesapp.services.lookups import check_value_ref, found
from valuesapp.services.repairs import KEEP, Keep, RepairsService
from valuesapp.services.views import FeedbackView, RepairView
from valuesapp.store import feedback as stored
from valuesapp.store import repairs as stored_repairs
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import Feedback, FeedbackBase

LIST_FILTERS = ("all",) + states.FEEDBACK_STATES


@dataclass(frozen=True)
class NoteAsItWas:
    """A note exactly as it was before a change (every column, and the repairs made from it): what Undo
    puts back, whether the note was acknowledged, marked acted on or deleted since."""

    feedback_id: int
    friend: str
    columns: dict[str, Any]
    repair_ids: tuple[int, ...]


class FeedbackService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.repairs = RepairsService(ctx)

    def add(
        self,
        friend: str,
        note: str,
        *,
        kind: str = "concern",
        value_id: int | None = None,
        received_on: date | None = None,
        via_link: bool = False,
    ) -> FeedbackView:
        friend = clean_name(friend, field="friend's name")
        note = clean_text(note, field="note", max_len=NOTE_MAX, required=True)
        kind = states.check_choice(kind, states.FEEDBACK_KINDS, field="kind")
        with self.ctx.store.session() as session:
            check_value_ref(session, value_id)
            today = self.ctx.today(session)
            received_on = received_on or today
            if received_on > today:
                raise UserError.of(Msg.FEEDBACK_IN_FUTURE, day=received_on.isoformat())
            now = self.ctx.now()
            row = save(session=session, row=Feedback(
                friend=friend, note=note, kind=kind, value_id=value_id, received_on=received_on,
                state=states.NEW, via_link=via_link, created_at=now, updated_at=now,
            ))
            return self._views(session, [row])[0]

    def ack(self, feedback_id: int) -> FeedbackView:
        return self._move(feedback_id, states.ACK)

    def acted(self, feedback_id: int) -> FeedbackView:
        return self._move(feedback_id, states.ACT)

    def to_repair(self, feedback_id: int, *, kind: str = "conversation", what: str | None = None,
                  target_date: date | None = None, person: str | None = None,
                  value_id: int | None | Keep = KEEP) -> RepairView:
        """Turn a note into a repair, the two linked. Who is owed it is the person's to say (``person``: often
        not the friend who wrote); left out, it is the friend. ``value_id`` left out is the note's value."""
        with self.ctx.store.session() as session:
            row = self._get(session, feedback_id)
            if row.state == states.NEW:
                row.state, row.updated_at = states.ACKNOWLEDGED, self.ctx.now()
                session.add(row)
            repair = self.repairs.insert(
                session, row.friend if person is None else person, what or row.note, kind=kind,
                value_id=row.value_id if isinstance(value_id, Keep) else value_id, target_date=target_date,
                feedback_id=feedback_id,
            )
            return self.repairs.views(session, [repair])[0]

    def as_it_is(self, feedback_id: int) -> NoteAsItWas:
        """The note now, to put back with ``put_back`` after a change (the screen's Undo)."""
        with self.ctx.store.session() as session:
            return self._as_it_is(session, self._get(session, feedback_id))

    def delete(self, feedback_id: int) -> NoteAsItWas:
        """Delete a note (a duplicate, a mistake); repairs made from it stay, no longer linked to it.
        Returns the note as it was, which ``put_back`` restores with its links to those repairs."""
        with self.ctx.store.session() as session:
            row = self._get(session, feedback_id)
            was = self._as_it_is(session, row)
            stored.unlink_repairs(session=session, feedback_id=feedback_id)
            session.delete(row)
        self.ctx.notify("feedback")
        return was

    def put_back(self, was: NoteAsItWas) -> FeedbackView:
        """Undo: the note exactly as it was (state, times, everything), deleted or not since; a deleted one
        comes back under its own id, linked again to those of its repairs that are still there and unlinked."""
        with self.ctx.store.session() as session:
            row = stored.get(session=session, feedback_id=was.feedback_id)
            if row is None:
                row = Feedback(id=was.feedback_id, **was.columns)
            else:
                for column, value in was.columns.items():
                    setattr(row, column, value)
            save(session=session, row=row)
            stored.relink_repairs(session=session, feedback_id=row.id, repair_ids=was.repair_ids)
            view = self._views(session, [row])[0]
        self.ctx.notify("feedback")
        return view

    def get(self, feedback_id: int) -> FeedbackView:
        with self.ctx.store.session() as session:
            return self._views(session, [self._get(session, feedback_id)])[0]

    def list(self, state: str = "all", *, value_id: int | None = None, limit: int | None = None) -> list[FeedbackView]:
        """Newest first; ``limit``: the newest so many only (years of notes are shown a page at a time)."""
        if state not in LIST_FILTERS:
            raise UserError.of(Msg.FEEDBACK_LISTED_AS, choices=", ".join(LIST_FILTERS), state=state)
        with self.ctx.store.session() as session:
            rows = stored.find(session=session, state=None if state == "all" else state, value_id=value_id, limit=limit)
            return self._views(session, rows)

    def counts(self) -> dict[str, int]:
        """How many notes are in each state (states with none are left out)."""
        with self.ctx.store.session() as session:
            return stored.count_by_state(session=session)

    def _move(self, feedback_id: int, move: str) -> FeedbackView:
        with self.ctx.store.session() as session:
            row = self._get(session, feedback_id)
            row.state = states.feedback_move(row.state, move, feedback_id=row.id)
            row.updated_at = self.ctx.now()
            return self._views(session, [save(session=session, row=row)])[0]

    def _as_it_is(self, session: Session, row: Feedback) -> NoteAsItWas:
        columns = {name: getattr(row, name) for name in FeedbackBase.model_fields if name != "id"}
        repairs = stored_repairs.ids_by_feedback(session=session, feedback_ids=[row.id])
        return NoteAsItWas(row.id, row.friend, columns, tuple(repairs[row.id]))

    def _get(self, session: Session, feedback_id: int) -> Feedback:
        return found(stored.get(session=session, feedback_id=feedback_id), "feedback note", feedback_id)

    def _views(self, session: Session, rows: list[Feedback]) -> list[FeedbackView]:
        titles = stored_values.titles_by_id(session=session, ids=(r.value_id for r in rows))
        repairs = stored_repairs.ids_by_feedback(session=session, feedback_ids=[r.id for r in rows])
        return [FeedbackView.of(r, value_title=titles.get(r.value_id), repair_ids=tuple(repairs[r.id])) for r in rows]
