"""Where repairs and feedback notes can go from where they are.

Keeping the allowed moves in one table per kind makes the rules visible at a glance and gives every
refusal the same clear wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol, TypeVar

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg

# Repairs: owed -> planned -> done, or released when no longer owed; done and released can be reopened.
OWED, PLANNED, DONE, RELEASED = "owed", "planned", "done", "released"
REPAIR_STATES = (OWED, PLANNED, DONE, RELEASED)
REPAIR_OPEN = (OWED, PLANNED)
REPAIR_KINDS = ("apology", "conversation", "amends", "other")

PLAN, FINISH, RELEASE, REOPEN = "plan", "done", "release", "reopen"
_REPAIR_MOVES: dict[str, dict[str, str]] = {
    PLAN: {OWED: PLANNED, PLANNED: PLANNED},
    FINISH: {OWED: DONE, PLANNED: DONE},
    RELEASE: {OWED: RELEASED, PLANNED: RELEASED},
    REOPEN: {DONE: "", RELEASED: ""},  # back to planned or owed, decided by whether it had a plan
}
_REPAIR_HINTS = {
    PLAN: "plan",
    FINISH: "mark done",
    RELEASE: "release",
    REOPEN: "reopen",
}


def repair_move(state: str, move: str, *, repair_id: int, has_plan: bool = False) -> str:
    targets = _REPAIR_MOVES[move]
    if state not in targets:
        hint = Msg.REPAIR_REOPEN_FIRST.text if state in (DONE, RELEASED) else ""
        raise UserError.of(Msg.REPAIR_CANNOT_MOVE, repair_id=repair_id, state=state, moved=_past(move), hint=hint)
    if move == REOPEN:
        return PLANNED if has_plan else OWED
    return targets[state]


def _past(move: str) -> str:
    return {PLAN: "planned", FINISH: "marked done", RELEASE: "released", REOPEN: "reopened"}[move]


def overdue_since(state: str, due_by: date | None, planned_for: date | None, today: date) -> date | None:
    """The day an open repair was missed: the day it was due by or the day it was planned for, whichever
    has passed first. None while neither has passed (their own day still counts), and once it is done or
    released. A planned day is a promise to oneself, so letting it pass is as overdue as a missed by-date."""
    if state not in REPAIR_OPEN:
        return None
    return min((day for day in (due_by, planned_for) if day is not None and day < today), default=None)


class _OpenRepair(Protocol):
    @property
    def overdue(self) -> bool: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=_OpenRepair)


def overdue_first(repairs: Iterable[R]) -> list[R]:
    """Open repairs in the order they are owed: the overdue ones first, then the oldest first (and, for
    two written in the same instant, the first written). The same order on Today and on Repairs, so the
    repair Today puts on top is the one the Repairs screen does."""
    return sorted(repairs, key=lambda r: (not r.overdue, r.created_at, r.id))


# Feedback notes: new -> acknowledged -> acted on (acting on a new note acknowledges it too).
NEW, ACKNOWLEDGED, ACTED_ON = "new", "acknowledged", "acted_on"
FEEDBACK_STATES = (NEW, ACKNOWLEDGED, ACTED_ON)
FEEDBACK_KINDS = ("concern", "appreciation", "suggestion")

ACK, ACT = "ack", "acted"
_FEEDBACK_MOVES: dict[str, dict[str, str]] = {
    ACK: {NEW: ACKNOWLEDGED},
    ACT: {NEW: ACTED_ON, ACKNOWLEDGED: ACTED_ON},
}


def feedback_move(state: str, move: str, *, feedback_id: int) -> str:
    targets = _FEEDBACK_MOVES[move]
    if state not in targets:
        wanted = "acknowledged" if move == ACK else "marked acted on"
        raise UserError.of(Msg.FEEDBACK_CANNOT_MOVE, feedback_id=feedback_id, state=state.replace("_", " "), wanted=wanted)
    return targets[state]


def check_choice(value: str, choices: tuple[str, ...], *, field: str) -> str:
    if value not in choices:
        raise UserError.of(Msg.NOT_A_CHOICE, field=field, value=value, choices=", ".join(choices))
    return value
