"""What weekly and values reviews keep: a saved values review, and the question set for a week."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from valuesapp.store.fields import Instant, Prompt, Text
from valuesapp.store.tables.stored import Stored


class ValuesReviewBase(Stored):
    """A values review the person saved: its day and period, the gaps it showed, the changes made to the
    list from it (the revisions' summaries, as they read then), and the person's note."""

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    period_from: date
    period_to: date
    gaps: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    changes: list[Text] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: Text = Field(default="")
    created_at: Instant


class ValuesReview(ValuesReviewBase, table=True):
    __tablename__ = "values_review"


class WeekQuestionBase(Stored):
    """The question a weekly review set for a week, in the person's words; every card of that week asks it."""

    id: int | None = Field(default=None, primary_key=True)
    week_start: date  # the week's Monday
    text: Prompt
    created_at: Instant
    updated_at: Instant


class WeekQuestion(WeekQuestionBase, table=True):
    __tablename__ = "week_question"
    __table_args__ = (UniqueConstraint("week_start", name="uq_week_question_week"),)
