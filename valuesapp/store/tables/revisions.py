"""The ranked list's history: one row per change, enough to redo it.

Its foreign keys point to the values family, loaded with it:
SQLAlchemy resolves a foreign key's table when a row is written."""

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from valuesapp.store.fields import (
    CHOICE_COLUMN,
    Action,
    Id,
    Instant,
    Text,
    Title,
)
from valuesapp.store.tables import values  # noqa: F401 - the tables its foreign keys point to
from valuesapp.store.tables.stored import Stored


class RevisionBase(Stored):
    """One change to the ranked list: enough ``detail`` to redo it, and the list after it."""

    id: int | None = Field(default=None, primary_key=True)
    at: Instant = Field(index=True)
    action: Action = Field(sa_type=CHOICE_COLUMN)
    value_id: Id | None = Field(default=None, foreign_key="value.id")
    summary: Text
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    order: list[Id] = Field(default_factory=list, sa_column=Column("order_ids", JSON, nullable=False))
    titles: list[Title] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Revision(RevisionBase, table=True):
    __tablename__ = "revision"
