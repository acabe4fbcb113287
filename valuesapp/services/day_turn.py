"""The day turning over: the new day's pick, made once and shown to every open window.

A use case of its own, apart from the reminders: the scheduler runs it at each day boundary and at
start, and decides *when*; this decides *what*. It is never the only way a day gets its value: opening
the app picks too (``PracticeService.ensure_pick``), and whichever comes first makes the one pick.
"""

from __future__ import annotations

from datetime import datetime

from valuesapp.services.context import Context
from valuesapp.services.practice import PracticeService
from valuesapp.services.views import TodayCard


class DayTurnService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.practice = PracticeService(ctx)

    def turn(self, at: datetime) -> TodayCard | None:
        """The day boundary: make and store the new day's pick (if nobody has), return its card."""
        day = self.ctx.day_of(at)
        if self.ctx.today() != day:
            return None  # a late run for a day that is already over: nothing to pick
        self.practice.ensure_pick(day)
        return self.practice.card(day)
