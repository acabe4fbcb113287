"""Writing any row: every entity's new or changed row is written the same way, at once, so that a new
one has its id before the unit of work goes on."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def save(*, session: Session, row: Row) -> Row:
    session.add(row)
    session.flush()
    return row
