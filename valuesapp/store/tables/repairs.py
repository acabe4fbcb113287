"""Repairs the person owes, some made from a friend's note.

Its foreign keys point to the values and feedback families, loaded with it:
SQLAlchemy resolves a foreign key's table when a row is written."""

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from valuesapp.core import states
from valuesapp.store.fields import (
    CHOICE_COLUMN,
    Id,
    Instant,
    Name,
    Reason,
    RepairKind,
    RepairState,
    Text,
    Words,
)
from valuesapp.store.tables import feedback, values  # noqa: F401 - the tables its foreign keys point to
from valuesapp.store.tables.stored import Stored


class RepairBase(Stored):
    """Who is owed an apology or a hard conversation, and whether it has been made good."""

    id: int | None = Field(default=None, primary_key=True)
    person: Name
    what: Words
    kind: RepairKind = Field(sa_type=CHOICE_COLUMN)
    value_id: Id | None = Field(default=None, foreign_key="value.id", index=True)
    target_date: date | None = Field(default=None)
    state: RepairState = Field(default=states.OWED, sa_type=CHOICE_COLUMN)
    planned_for: date | None = Field(default=None)
    done_at: Instant | None = Field(default=None)
    outcome_note: Text | None = Field(default=None)
    released_at: Instant | None = Field(default=None)
    release_reason: Reason | None = Field(default=None)
    feedback_id: Id | None = Field(default=None, foreign_key="feedback.id", index=True)
    created_at: Instant
    updated_at: Instant


class Repair(RepairBase, table=True):
    __tablename__ = "repair"
    __table_args__ = (
        Index("ix_repair_state_created", "state", "created_at"),
        Index("ix_repair_state_updated", "state", "updated_at"),  # the latest page of done or released
    )
