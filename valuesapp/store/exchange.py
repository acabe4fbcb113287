"""Whole tables for the export and the import: every row in id order, whether a store holds any data,
the keys a merge compares, rows put back under their own ids, and PostgreSQL's sequences moved past
them. What goes in a document, and what counts as the same row, is ``services.exchange``'s."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, SQLModel, col, select


def rows_of(*, session: Session, table: type[SQLModel]) -> Iterator[Any]:
    """Every row of ``table``, by id."""
    return iter(session.exec(select(table).order_by(col(table.id))))


def all_empty(*, session: Session, tables: Iterable[type[SQLModel]]) -> bool:
    """Whether none of ``tables`` holds a row (each is asked for one row only)."""
    return all(session.exec(select(table.id).limit(1)).first() is None for table in tables)


def ids_by_key(*, session: Session, table: type[SQLModel], names: Iterable[str]) -> dict[tuple, int]:
    """Each row's id under the tuple of its ``names`` fields (for equal keys, the highest id)."""
    keys = select(table.id, *(getattr(table, name) for name in names)).order_by(col(table.id))
    return {tuple(found[1:]): found[0] for found in session.exec(keys)}


def add_all(*, session: Session, rows: Iterable[SQLModel]) -> None:
    """Add rows as they are (with their ids), written at once."""
    for row in rows:
        session.add(row)
    session.flush()


def reset_sequences(*, session: Session, tables: Iterable[type[SQLModel]]) -> None:
    """PostgreSQL's id sequences must move past ids that were inserted explicitly."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        name = table.__tablename__
        session.exec(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
        ))
