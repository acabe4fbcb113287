"""The tables. Instants are timezone-aware UTC; days (a pick's, a reflection's) are local practice days.

Values are never deleted, only archived, so that history, picks and reflections keep their meaning.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, func, text
from sqlmodel import Field, SQLModel


class Value(SQLModel, table=True):
    __tablename__ = "value"
    __table_args__ = (
        # Titles are unique among active values, ignoring case; archived ones may repeat.
        Index(
            "uq_value_active_title",
            func.lower(text("title")),
            unique=True,
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
        Index("ix_value_rank", "rank"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120)
    description: str = Field(default="")
    rank: int | None = Field(default=None)
    archived_at: datetime | None = Field(default=None)
    archive_reason: str | None = Field(default=None)
    created_at: datetime
    updated_at: datetime


class ValuePrompt(SQLModel, table=True):
    __tablename__ = "value_prompt"

    id: int | None = Field(default=None, primary_key=True)
    value_id: int = Field(foreign_key="value.id", index=True)
    text: str
    created_at: datetime


class Revision(SQLModel, table=True):
    __tablename__ = "revision"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    action: str = Field(max_length=16)
    value_id: int | None = Field(default=None, foreign_key="value.id")
    summary: str
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    order: list[int] = Field(default_factory=list, sa_column=Column("order_ids", JSON, nullable=False))
    titles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class DailyPick(SQLModel, table=True):
    __tablename__ = "daily_pick"
    __table_args__ = (UniqueConstraint("day", name="uq_daily_pick_day"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date
    value_id: int = Field(foreign_key="value.id", index=True)
    strategy: str = Field(max_length=16)
    reason: str
    cycle: int | None = Field(default=None)
    created_at: datetime


class Focus(SQLModel, table=True):
    __tablename__ = "focus"

    id: int | None = Field(default=None, primary_key=True)
    value_id: int = Field(foreign_key="value.id")
    start: date
    end: date
    cleared_at: datetime | None = Field(default=None)
    created_at: datetime


class Pause(SQLModel, table=True):
    __tablename__ = "pause"

    id: int | None = Field(default=None, primary_key=True)
    start: date = Field(index=True)
    end: date
    reason: str = Field(default="")
    created_at: datetime


class Reflection(SQLModel, table=True):
    __tablename__ = "reflection"
    __table_args__ = (Index("ix_reflection_value_day", "value_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    value_id: int | None = Field(default=None, foreign_key="value.id")
    text: str
    rating: int | None = Field(default=None)
    created_at: datetime
    updated_at: datetime


class Feedback(SQLModel, table=True):
    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_state_received", "state", "received_on"),
        Index("ix_feedback_received", "received_on", "id"),  # the newest page of all notes
    )

    id: int | None = Field(default=None, primary_key=True)
    friend: str
    received_on: date
    note: str
    kind: str = Field(max_length=16)
    value_id: int | None = Field(default=None, foreign_key="value.id", index=True)
    state: str = Field(default="new", max_length=16)
    via_link: bool = Field(default=False)
    link_id: int | None = Field(default=None, foreign_key="feedback_link.id", index=True)
    created_at: datetime
    updated_at: datetime


class Repair(SQLModel, table=True):
    __tablename__ = "repair"
    __table_args__ = (
        Index("ix_repair_state_created", "state", "created_at"),
        Index("ix_repair_state_updated", "state", "updated_at"),  # the latest page of done or released
    )

    id: int | None = Field(default=None, primary_key=True)
    person: str
    what: str
    kind: str = Field(max_length=16)
    value_id: int | None = Field(default=None, foreign_key="value.id", index=True)
    target_date: date | None = Field(default=None)
    state: str = Field(default="owed", max_length=16)
    planned_for: date | None = Field(default=None)
    done_at: datetime | None = Field(default=None)
    outcome_note: str | None = Field(default=None)
    released_at: datetime | None = Field(default=None)
    release_reason: str | None = Field(default=None)
    feedback_id: int | None = Field(default=None, foreign_key="feedback.id", index=True)
    created_at: datetime
    updated_at: datetime


class Setting(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str


class ReminderLog(SQLModel, table=True):
    """Which reminder went out for which day, so that no reminder goes out twice, from any process."""

    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("kind", "day", name="uq_reminder_log_kind_day"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    day: date
    fired_at: datetime


class FeedbackLink(SQLModel, table=True):
    """A link a friend can use to leave notes. Only the SHA-256 of its token is kept: a stolen copy of the
    store cannot be used to post as that friend."""

    __tablename__ = "feedback_link"

    id: int | None = Field(default=None, primary_key=True)
    friend: str
    token_sha256: str = Field(max_length=64, unique=True)
    allow_values: bool = Field(default=False)
    created_at: datetime
    expires_at: datetime | None = Field(default=None)
    revoked_at: datetime | None = Field(default=None)


class OwnerPassphrase(SQLModel, table=True):
    """The owner's passphrase for the served app, as an Argon2id hash only (one row at most)."""

    __tablename__ = "owner_passphrase"

    id: int = Field(default=1, primary_key=True)
    argon2_hash: str
    set_at: datetime
