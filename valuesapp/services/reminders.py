"""What the scheduler's reminders say, as plain use cases that take the instant they run for.

The scheduler decides *when*; these decide *what*: the morning reminder, the evening prompt (only if
nothing is logged yet), the weekly nudge about overdue repairs, and the weekly review on its day. Each goes out at most once per day
per store, whichever process sends it. The day's pick at the boundary is ``services.day_turn``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError

from valuesapp.core.settings import WEEKDAYS
from valuesapp.core.words import plural
from valuesapp.services.context import Context
from valuesapp.services.journal import JournalService
from valuesapp.services.practice import PracticeService
from valuesapp.services.repairs import RepairsService
from valuesapp.services.reviews import ReviewsService
from valuesapp.store import reminders as stored
from valuesapp.store.rows import save
from valuesapp.store.tables import ReminderLog

MORNING, EVENING, WEEKLY, REVIEW = "morning", "evening", "weekly", "review"
REVIEW_READY = "Your weekly review is ready"


@dataclass(frozen=True)
class Reminder:
    kind: str
    day: date
    title: str
    body: str


class RemindersService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.practice = PracticeService(ctx)
        self.journal = JournalService(ctx)
        self.repairs = RepairsService(ctx)

    def morning(self, at: datetime) -> Reminder | None:
        day = self.ctx.day_of(at)
        card = self.practice.card(day) if self.ctx.today() == day else None
        if card is None or card.value is None:
            return None
        # The value and the day's question: what the card asks, readable on a lock screen without opening it.
        question = card.prompt or card.value.description or "Open the day's card."
        return self._once(Reminder(MORNING, day, f"Today's value: {card.value.title}", question))

    def evening(self, at: datetime) -> Reminder | None:
        day = self.ctx.day_of(at)
        if self.journal.on_day(day):
            return None
        card = self.practice.card(day) if self.ctx.today() == day else None
        if card is None or card.value is None:
            return None
        return self._once(Reminder(EVENING, day, "How did it go?", f"How well did you live {card.value.title} today?"))

    def weekly(self, at: datetime) -> Reminder | None:
        day = self.ctx.day_of(at)
        overdue = [r for r in self.repairs.list("open") if r.overdue]
        if not overdue:
            return None
        names = ", ".join(sorted({r.person for r in overdue}))
        count = f"{plural(len(overdue), 'repair')} overdue"
        return self._once(Reminder(WEEKLY, day, count, f"Still owed: {names}."))

    def review(self, at: datetime) -> Reminder | None:
        """On the review day (a setting): the week just lived is ready to look back on, if anything
        happened in it."""
        day = self.ctx.day_of(at)
        if WEEKDAYS[day.weekday()] != self.ctx.settings().review_day:
            return None
        week = ReviewsService(self.ctx).week(day)
        if not (week.values or week.feedback or week.repairs.opened or week.repairs.done or week.repairs.released):
            return None
        span = f"{week.start.day} {week.start:%B} to {week.end.day} {week.end:%B}"
        body = f"The week of {span}: {plural(len(week.values), 'value')} came up. Look back, and set a question for the next."
        return self._once(Reminder(REVIEW, day, REVIEW_READY, body))

    def sent(self, kind: str, day: date) -> bool:
        with self.ctx.store.session() as session:
            return stored.sent(session=session, kind=kind, day=day)

    def _once(self, reminder: Reminder) -> Reminder | None:
        """Claim the reminder for this day in the store; another process that claimed it first wins."""
        try:
            with self.ctx.store.session() as session:
                save(session=session, row=ReminderLog(kind=reminder.kind, day=reminder.day, fired_at=self.ctx.now()))
        except IntegrityError:
            return None
        return reminder
