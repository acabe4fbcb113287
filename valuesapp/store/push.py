"""The phones that get reminders by Web Push, what went to each, and the server's VAPID key pair (rows are
written with ``store.rows.save``; a ``PushSent`` claim is one too, and its unique device, kind and day
decide, across processes, that a reminder reaches a device once)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, delete, select

from valuesapp.store.tables import PushDevice, PushSent, VapidKey


def vapid_key(*, session: Session) -> VapidKey | None:
    return session.get(VapidKey, 1)


def device(*, session: Session, device_id: int) -> PushDevice | None:
    return session.get(PushDevice, device_id)


def by_endpoint(*, session: Session, endpoint: str) -> PushDevice | None:
    return session.exec(select(PushDevice).where(PushDevice.endpoint == endpoint)).first()


def devices(*, session: Session) -> list[PushDevice]:
    """Every device, in the order they were added."""
    return list(session.exec(select(PushDevice).order_by(col(PushDevice.id))))


def remove(*, session: Session, device_id: int) -> bool:
    """Forget a device and what was sent to it; False if there was no such device."""
    row = session.get(PushDevice, device_id)
    if row is None:
        return False
    session.exec(delete(PushSent).where(col(PushSent.device_id) == device_id))
    session.delete(row)
    session.flush()
    return True


def sent_to(*, session: Session, device_id: int, kind: str, day: date) -> bool:
    """Whether the ``kind`` reminder of ``day`` went to this device."""
    query = select(PushSent).where(PushSent.device_id == device_id, PushSent.kind == kind, PushSent.day == day)
    return session.exec(query).first() is not None
