"""The log of reminders sent, one row per kind and day (a claim is written with ``store.rows.save``; the
unique kind and day decide which process sends it)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from valuesapp.store.tables import ReminderLog


def sent(*, session: Session, kind: str, day: date) -> bool:
    """Whether the ``kind`` reminder went out for ``day``."""
    return session.exec(select(ReminderLog).where(ReminderLog.kind == kind, ReminderLog.day == day)).first() is not None
