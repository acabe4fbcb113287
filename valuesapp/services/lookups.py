"""Small shared checks that several services need inside their own unit of work, on what
``store.values`` reads."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session

from valuesapp.core.errors import NotFound, UserError
from valuesapp.core.messages import Msg
from valuesapp.store import values as stored
from valuesapp.store.tables import Value


Row = TypeVar("Row")


def found(row: Row | None, what: str, row_id: int) -> Row:
    """The row asked for by its id, or the refusal that says which ``what`` (a "repair") is not there."""
    if row is None:
        raise NotFound(what, row_id)
    return row


def get_value(session: Session, value_id: int) -> Value:
    return found(stored.get(session=session, value_id=value_id), "value", value_id)


def check_value_ref(session: Session, value_id: int | None) -> int | None:
    """An optional link to a value must name one that exists (active or archived)."""
    if value_id is not None:
        get_value(session, value_id)
    return value_id


def active_order(session: Session) -> list[int]:
    return [row.id for row in stored.list_active(session=session)]


def check_title_free(session: Session, title: str, *, except_id: int | None = None) -> None:
    # Compared in Python, not with SQL lower(): SQLite's lower() folds ASCII only, so "ärger" would slip
    # past "ÄRGER" here and an exact repeat of "ÄRGER" would hit the unique index as a crash.
    wanted = title.lower()
    for value_id, existing in stored.active_titles(session=session):
        if value_id != except_id and existing.lower() == wanted:
            raise UserError.of(Msg.TITLE_TAKEN, title=title)
