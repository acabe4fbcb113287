"""Finding friends' feedback notes, and counting what came through each link (a note is written with
``store.rows.save``).

The notes' table is named through ``store.tables`` when a query runs, not when this module loads: the
practice service imports this module for the card's count of concerns, and ``reflect`` and ``journal``,
which load that service, never count notes (nor map the notes' and links' tables)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, func, select, update

from valuesapp.store import tables

if TYPE_CHECKING:
    from valuesapp.store.tables import Feedback


def get(*, session: Session, feedback_id: int) -> Feedback | None:
    return session.get(tables.Feedback, feedback_id)


def find(*, session: Session, state: str | None = None, value_id: int | None = None,
         limit: int | None = None) -> list[Feedback]:
    """Notes in ``state`` (any, if None), about ``value_id`` if given, the newest first."""
    query = select(tables.Feedback)
    if state is not None:
        query = query.where(tables.Feedback.state == state)
    if value_id is not None:
        query = query.where(tables.Feedback.value_id == value_id)
    query = query.order_by(col(tables.Feedback.received_on).desc(), col(tables.Feedback.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def count_by_state(*, session: Session) -> dict[str, int]:
    """How many notes are in each state (states with none are left out)."""
    return dict(session.exec(select(tables.Feedback.state, func.count()).group_by(tables.Feedback.state)).all())


def count_per_value(*, session: Session, kind: str, except_state: str) -> dict[int, int]:
    """How many notes of ``kind`` on each value are in any state but ``except_state`` (values with none
    are left out)."""
    query = (
        select(tables.Feedback.value_id, func.count())
        .where(tables.Feedback.kind == kind, tables.Feedback.state != except_state,
               col(tables.Feedback.value_id).is_not(None))
        .group_by(tables.Feedback.value_id)
    )
    return dict(session.exec(query).all())


def count_per_link(*, session: Session) -> dict[int, int]:
    """How many notes came through each link (links with none are left out)."""
    link = tables.Feedback.link_id
    query = select(link, func.count()).where(col(link).is_not(None)).group_by(link)
    return dict(session.exec(query).all())


def count_through(*, session: Session, link_id: int) -> int:
    return session.exec(select(func.count()).where(tables.Feedback.link_id == link_id)).one()


def sent_through_since(*, session: Session, link_id: int, since: datetime) -> tuple[int, datetime | None]:
    """How many notes came through a link after ``since``, and when the oldest of them came."""
    query = select(func.count(), func.min(col(tables.Feedback.created_at))).where(
        tables.Feedback.link_id == link_id, col(tables.Feedback.created_at) > since
    )
    count, oldest = session.exec(query).one()
    return count, oldest


def unlink_repairs(*, session: Session, feedback_id: int) -> None:
    """The repairs made from a note no longer name it (the note is being deleted; the repairs stay)."""
    session.exec(update(tables.Repair).where(col(tables.Repair.feedback_id) == feedback_id).values(feedback_id=None))
    session.flush()


def relink_repairs(*, session: Session, feedback_id: int, repair_ids: Iterable[int]) -> None:
    """Those of ``repair_ids`` still there and linked to no note name this note again (an undone delete)."""
    ids = list(repair_ids)
    if ids:
        repair = tables.Repair
        session.exec(update(repair).where(col(repair.id).in_(ids), col(repair.feedback_id).is_(None))
                     .values(feedback_id=feedback_id))
