"""Friends' feedback notes.

Its foreign keys point to the values and links families, loaded with it:
SQLAlchemy resolves a foreign key's table when a row is written."""

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from valuesapp.core import states
from valuesapp.store.fields import (
    CHOICE_COLUMN,
    FeedbackKind,
    FeedbackState,
    Id,
    Instant,
    Name,
    Words,
)
from valuesapp.store.tables import links, values  # noqa: F401 - the tables its foreign keys point to
from valuesapp.store.tables.stored import Stored


class FeedbackBase(Stored):
    """A friend's note: where they see the person fall short of (or live up to) their values."""

    id: int | None = Field(default=None, primary_key=True)
    friend: Name
    received_on: date
    note: Words
    kind: FeedbackKind = Field(sa_type=CHOICE_COLUMN)
    value_id: Id | None = Field(default=None, foreign_key="value.id", index=True)
    state: FeedbackState = Field(default=states.NEW, sa_type=CHOICE_COLUMN)
    via_link: bool = Field(default=False)
    link_id: Id | None = Field(default=None, foreign_key="feedback_link.id", index=True)
    created_at: Instant
    updated_at: Instant


class Feedback(FeedbackBase, table=True):
    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_state_received", "state", "received_on"),
        Index("ix_feedback_received", "received_on", "id"),  # the newest page of all notes
    )
