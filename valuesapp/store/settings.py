"""Reading and writing the person's settings, stored as text under their key. What a value means, and
which are allowed, is ``core.settings``'s."""

from __future__ import annotations

from sqlmodel import Session, col, select

from valuesapp.store.tables import Setting


def read_all(*, session: Session, by_key: bool = False) -> dict[str, str]:
    """Every stored setting as key -> text (settings never changed are not stored); ``by_key``: in the
    order of their keys."""
    query = select(Setting)
    if by_key:
        query = query.order_by(col(Setting.key))
    return {row.key: row.value for row in session.exec(query)}


def put(*, session: Session, key: str, value: str) -> None:
    """Store a setting's text, in place of what was stored under its key."""
    session.merge(Setting(key=key, value=value))
