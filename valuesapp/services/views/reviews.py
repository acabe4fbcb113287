"""Reviews (``services.reviews``): the week looked back on, the list reviewed, and what was kept of both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from valuesapp.core.reviews import Gap, ListLine, WeekLine
from valuesapp.services.views.read_model import ReadModel
from valuesapp.services.views.feedback import FeedbackView
from valuesapp.services.views.repairs import RepairView
from valuesapp.store.tables import ValuesReviewBase, WeekQuestionBase


class WeekQuestionView(ReadModel, WeekQuestionBase):
    leaves_out = ("created_at", "updated_at")
    id: int


class SavedReviewView(ReadModel, ValuesReviewBase):
    """A values review as it was saved (its gaps as they read then)."""

    id: int
    gaps: tuple[dict[str, Any], ...]
    changes: tuple[str, ...]


@dataclass(frozen=True)
class WeekRepairs:
    """Repairs in a week: how many were opened, done and released on its days, and the oldest still owed
    (with its age in days, as the Repairs screen counts it)."""

    opened: int
    done: int
    released: int
    oldest_open: RepairView | None

    @property
    def oldest_open_days(self) -> int | None:
        return None if self.oldest_open is None else self.oldest_open.age_days


@dataclass(frozen=True)
class WeekReview:
    """A practice week, Monday to Sunday: per value that came up, its days, reflections and average against
    the four weeks before, with its row of the grid; the paused days; repairs; friends' notes that arrived;
    and the question set for the week after it."""

    start: date
    end: date
    days: tuple[date, ...]
    paused: tuple[date, ...]
    values: tuple[WeekLine, ...]
    repairs: WeekRepairs
    feedback: tuple[FeedbackView, ...]
    next_week: date
    question: str | None


@dataclass(frozen=True)
class ValuesReview:
    """The list reviewed over a period: per ranked value how it fared, the gaps, and the open concerns
    the gaps name (their words, for "is a value missing?")."""

    start: date
    end: date
    weeks: int
    values: tuple[ListLine, ...]
    gaps: tuple[Gap, ...]
    concerns: tuple[FeedbackView, ...]
