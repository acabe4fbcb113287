"""Finding and counting the days' picks (a pick is written with ``store.rows.save``; the unique day
decides which process's pick is kept). How the next one is chosen is ``core.picking``'s."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, func, select

from valuesapp.store.tables import DailyPick


def on_day(*, session: Session, day: date) -> DailyPick | None:
    return session.exec(select(DailyPick).where(DailyPick.day == day)).first()


def latest_before(*, session: Session, day: date) -> DailyPick | None:
    """The pick of the last picked day before ``day``."""
    return session.exec(select(DailyPick).where(DailyPick.day < day).order_by(col(DailyPick.day).desc())).first()


def latest_cycle(*, session: Session, strategy: str) -> int | None:
    """The highest cycle number that picks made by ``strategy`` reached (None if there are none)."""
    return session.exec(select(func.max(DailyPick.cycle)).where(DailyPick.strategy == strategy)).first()


def values_in_cycle(*, session: Session, strategy: str, cycle: int) -> frozenset[int]:
    """The values that picks by ``strategy`` showed in ``cycle``."""
    query = select(DailyPick.value_id).where(DailyPick.strategy == strategy, DailyPick.cycle == cycle)
    return frozenset(session.exec(query))


def count_by_value(*, session: Session, value_id: int | None = None) -> dict[int, int]:
    """How many days each value (only ``value_id``, if given) was picked; values never picked are left out."""
    query = select(DailyPick.value_id, func.count()).group_by(DailyPick.value_id)
    if value_id is not None:
        query = query.where(DailyPick.value_id == value_id)
    return {vid: int(n) for vid, n in session.exec(query)}
