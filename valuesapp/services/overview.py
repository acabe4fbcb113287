"""Everything the Today screen shows, read in one call: the one place that state lives.

The card, the streak, open repairs (overdue first), new feedback, and what was written on this day a
month and a year ago. Counts that the navigation shows come from here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from valuesapp.core import states
from valuesapp.services.context import Context
from valuesapp.services.feedback import FeedbackService
from valuesapp.services.journal import JournalService
from valuesapp.services.practice import PracticeService
from valuesapp.services.repairs import RepairsService
from valuesapp.services.views import FeedbackView, ReflectionView, RepairView, TodayCard


@dataclass(frozen=True)
class Counts:
    open_repairs: int
    overdue_repairs: int
    new_feedback: int


@dataclass(frozen=True)
class TodayOverview:
    card: TodayCard
    streak: int
    reflections_today: tuple[ReflectionView, ...]
    open_repairs: tuple[RepairView, ...]  # overdue first, then oldest first
    oldest_repair_age: int | None
    new_feedback: tuple[FeedbackView, ...]  # newest first
    month_ago: tuple[ReflectionView, ...]
    year_ago: tuple[ReflectionView, ...]
    counts: Counts


def _months_back(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class OverviewService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.practice = PracticeService(ctx)
        self.journal = JournalService(ctx)
        self.repairs = RepairsService(ctx)
        self.feedback = FeedbackService(ctx)

    def counts(self) -> Counts:
        repairs = self.repairs.list("open")
        return Counts(len(repairs), sum(r.overdue for r in repairs), len(self.feedback.list(states.NEW)))

    def today(self) -> TodayOverview:
        card = self.practice.card()
        day = card.date
        repairs = states.overdue_first(self.repairs.list("open"))
        new_feedback = self.feedback.list(states.NEW)
        return TodayOverview(
            card=card,
            streak=self.practice.streak(),
            reflections_today=tuple(self.journal.on_day(day)),
            open_repairs=tuple(repairs),
            oldest_repair_age=max((r.age_days for r in repairs), default=None),
            new_feedback=tuple(new_feedback),
            month_ago=tuple(self.journal.on_day(_months_back(day, 1))),
            year_ago=tuple(self.journal.on_day(_months_back(day, 12))),
            counts=Counts(len(repairs), sum(r.overdue for r in repairs), len(new_feedback)),
        )

