"""Finding pauses (a pause is written with ``store.rows.save``). Whether a day is paused for the
streak is ``core.streak``'s and the practice service's to say."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from valuesapp.store.tables import Pause


def get(*, session: Session, pause_id: int) -> Pause | None:
    return session.get(Pause, pause_id)


def delete(*, session: Session, pause: Pause) -> None:
    session.delete(pause)


def list_all(*, session: Session) -> list[Pause]:
    """Every pause, the latest to start first."""
    return list(session.exec(select(Pause).order_by(col(Pause.start).desc())))


def on_day(*, session: Session, day: date) -> Pause | None:
    """A pause that ``day`` falls in, if any."""
    return session.exec(select(Pause).where(col(Pause.start) <= day, col(Pause.end) >= day)).first()


def ending_since(*, session: Session, since: date) -> list[Pause]:
    """The pauses whose last day is ``since`` or later."""
    return list(session.exec(select(Pause).where(col(Pause.end) >= since)))
