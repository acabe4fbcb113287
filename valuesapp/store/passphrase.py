"""The owner's passphrase hash: one row (id 1) or none; it is written with ``store.rows.save``. How it is
hashed and checked is ``services.access``'s."""

from __future__ import annotations

from sqlmodel import Session

from valuesapp.store.tables import OwnerPassphrase

ROW_ID = 1


def get(*, session: Session) -> OwnerPassphrase | None:
    return session.get(OwnerPassphrase, ROW_ID)


def delete(*, session: Session, row: OwnerPassphrase) -> None:
    session.delete(row)
