"""The ranked list: each value and the person's own questions for it."""

from sqlalchemy import Index, func, text
from sqlmodel import Field

from valuesapp.store.fields import (
    TITLE_COLUMN,
    Count,
    Id,
    Instant,
    Prompt,
    Reason,
    Text,
    Title,
)
from valuesapp.store.tables.stored import Stored


class ValueBase(Stored):
    """A value on the ranked list; archived ("snipped") ones keep their place in history, without a rank."""

    id: int | None = Field(default=None, primary_key=True)
    title: Title = Field(sa_type=TITLE_COLUMN)
    description: Text = Field(default="")
    rank: Count | None = Field(default=None)
    archived_at: Instant | None = Field(default=None)
    archive_reason: Reason | None = Field(default=None)
    created_at: Instant
    updated_at: Instant


class Value(ValueBase, table=True):
    __tablename__ = "value"
    __table_args__ = (
        # Titles are unique among active values, ignoring case; archived ones may repeat. Migration 0001
        # makes the index on SQLite and on PostgreSQL (postgresql_where, the same clause); naming that here
        # would load SQLAlchemy's PostgreSQL dialect on every command, for no DDL: tables come from migrations.
        Index(
            "uq_value_active_title",
            func.lower(text("title")),
            unique=True,
            sqlite_where=text("archived_at IS NULL"),
        ),
        Index("ix_value_rank", "rank"),
    )


class PromptBase(Stored):
    """A question of the person's own for one value, asked on its days."""

    id: int | None = Field(default=None, primary_key=True)
    value_id: Id = Field(foreign_key="value.id", index=True)
    text: Prompt
    created_at: Instant


class ValuePrompt(PromptBase, table=True):
    __tablename__ = "value_prompt"
