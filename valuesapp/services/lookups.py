"""Small shared reads and checks that several services need inside their own unit of work."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from valuesapp.core.errors import NotFound, UserError
from valuesapp.store.tables import Value


def get_value(session: Session, value_id: int) -> Value:
    row = session.get(Value, value_id)
    if row is None:
        raise NotFound("value", value_id)
    return row


def check_value_ref(session: Session, value_id: int | None) -> int | None:
    """An optional link to a value must name one that exists (active or archived)."""
    if value_id is not None:
        get_value(session, value_id)
    return value_id


def active_values(session: Session) -> list[Value]:
    return list(session.exec(select(Value).where(col(Value.archived_at).is_(None)).order_by(col(Value.rank))))


def active_order(session: Session) -> list[int]:
    return [row.id for row in active_values(session)]


def check_title_free(session: Session, title: str, *, except_id: int | None = None) -> None:
    # Compared in Python, not with SQL lower(): SQLite's lower() folds ASCII only, so "ärger" would slip
    # past "ÄRGER" here and an exact repeat of "ÄRGER" would hit the unique index as a crash.
    wanted = title.lower()
    query = select(Value.id, Value.title).where(col(Value.archived_at).is_(None))
    for value_id, existing in session.exec(query):
        if value_id != except_id and existing.lower() == wanted:
            raise UserError(f"You already have an active value titled {title!r}; titles must differ.")


def titles_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(Value.id, Value.title).where(col(Value.id).in_(wanted)))
    return {value_id: title for value_id, title in rows}
