"""The daily practice: the day's pick, a focus pin, pauses, and reflections on the days.

Its foreign keys point to the values family, loaded with it:
SQLAlchemy resolves a foreign key's table when a row is written."""

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from valuesapp.store.fields import (
    CHOICE_COLUMN,
    Count,
    Id,
    Instant,
    Rating,
    Reason,
    Strategy,
    Words,
)
from valuesapp.store.tables import values  # noqa: F401 - the tables its foreign keys point to
from valuesapp.store.tables.stored import Stored


class PickBase(Stored):
    """The day's value, picked once and kept."""

    id: int | None = Field(default=None, primary_key=True)
    day: date
    value_id: Id = Field(foreign_key="value.id", index=True)
    strategy: Strategy = Field(sa_type=CHOICE_COLUMN)
    reason: Reason
    cycle: Count | None = Field(default=None)
    created_at: Instant


class DailyPick(PickBase, table=True):
    __tablename__ = "daily_pick"
    __table_args__ = (UniqueConstraint("day", name="uq_daily_pick_day"),)


class FocusBase(Stored):
    """One value pinned for a run of days, over every strategy."""

    id: int | None = Field(default=None, primary_key=True)
    value_id: Id = Field(foreign_key="value.id")
    start: date
    end: date
    cleared_at: Instant | None = Field(default=None)
    created_at: Instant


class Focus(FocusBase, table=True):
    __tablename__ = "focus"


class PauseBase(Stored):
    """Days off the practice: no pick, and the streak waits."""

    id: int | None = Field(default=None, primary_key=True)
    start: date = Field(index=True)
    end: date
    reason: Reason = Field(default="")
    created_at: Instant


class Pause(PauseBase, table=True):
    __tablename__ = "pause"


class ReflectionBase(Stored):
    """What the person wrote about a day, with how well they lived the day's value (1 to 5), if they said."""

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    value_id: Id | None = Field(default=None, foreign_key="value.id")
    text: Words
    rating: Rating | None = Field(default=None)
    created_at: Instant
    updated_at: Instant


class Reflection(ReflectionBase, table=True):
    __tablename__ = "reflection"
    __table_args__ = (Index("ix_reflection_value_day", "value_id", "day"),)
