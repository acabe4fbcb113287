"""Finding, counting and deleting repairs (a repair is written with ``store.rows.save``). Which ones to
show, and in what order, is the service's to say."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, func, select

from valuesapp.core import states
from valuesapp.store.tables import Repair


def get(*, session: Session, repair_id: int) -> Repair | None:
    return session.get(Repair, repair_id)


def find(
    *,
    session: Session,
    states_in: Iterable[str] | None = None,
    value_id: int | None = None,
    latest_first: bool = False,
    limit: int | None = None,
) -> list[Repair]:
    """Repairs in any of ``states_in`` (all, if None), about ``value_id`` if given: the oldest first, or the
    most recently changed first. ``limit``: the first so many only."""
    query = select(Repair)
    if states_in is not None:
        query = query.where(col(Repair.state).in_(tuple(states_in)))
    if value_id is not None:
        query = query.where(Repair.value_id == value_id)
    if latest_first:
        query = query.order_by(col(Repair.updated_at).desc(), col(Repair.id).desc())
    else:
        query = query.order_by(col(Repair.created_at), col(Repair.id))
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def list_open(*, session: Session, value_id: int | None = None, limit: int | None = None) -> list[Repair]:
    """Repairs still owed or planned, the longest owed first."""
    return find(session=session, states_in=states.REPAIR_OPEN, value_id=value_id, limit=limit)


def count_by_state(*, session: Session) -> dict[str, int]:
    """How many repairs are in each state (states with none are left out)."""
    return dict(session.exec(select(Repair.state, func.count()).group_by(Repair.state)).all())


def by_ids(*, session: Session, ids: Iterable[int]) -> list[Repair]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return list(session.exec(select(Repair).where(col(Repair.id).in_(wanted)).order_by(col(Repair.id))))


def ids_by_feedback(*, session: Session, feedback_ids: Iterable[int]) -> dict[int, list[int]]:
    """The repairs each note was turned into, in the order they were made."""
    found: dict[int, list[int]] = defaultdict(list)
    wanted = list(feedback_ids)
    if wanted:
        query = select(Repair.id, Repair.feedback_id).where(col(Repair.feedback_id).in_(wanted)).order_by(col(Repair.id))
        for repair_id, feedback_id in session.exec(query):
            found[feedback_id].append(repair_id)
    return found


def delete(*, session: Session, row: Repair) -> None:
    """Remove a repair for good (the service keeps a copy for Undo). Its link to a note lives on the repair's
    own row, so nothing else refers to it."""
    session.delete(row)
    session.flush()
