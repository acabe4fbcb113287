"""The scheduler: the day turns over at the boundary, reminders go out, inside the app's process.

APScheduler 3 runs the jobs; the jobs only call services (``RemindersService``) and hand what they
return to the edge (open screens, notifications). The scheduler is never the only way a day gets its
pick: opening the app picks too. Its triggers are ``DailyTrigger``s rather than ``CronTrigger``s,
because APScheduler 3's cron arithmetic skips or repeats a day around some DST changes (seen here:
midnight in America/Santiago on the spring-forward day, 00:00 in New York the day after); ours is
the core's own day-start rule, the same one that dates every pick.

APScheduler waits by the system clock. On a browser test's ``FileClock`` (the only clock that runs
apart from it) each fire time is moved by that clock's shift, and a move of the clock is treated as a
start at the new instant: the jobs are planned again and missed ones caught up, within a second.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger

from valuesapp.core.clock import FileClock, next_day_start, practice_day
from valuesapp.core.settings import WEEKDAYS
from valuesapp.services import Services
from valuesapp.services.reminders import Reminder
from valuesapp.services.views import TodayCard

log = logging.getLogger(__name__)

DAY_BOUNDARY, MORNING, EVENING, WEEKLY, BACKUP, WATCH, CLOCK_WATCH = (
    "day-boundary", "morning-reminder", "evening-prompt", "weekly-repairs", "daily-backup", "settings-watch",
    "test-clock-watch",
)
REVIEW = "weekly-review"
DEFAULT_REVIEW_AT = time(21, 0)  # the weekly review's time when the evening prompt is off
HOUSEKEEPING = frozenset({WATCH, CLOCK_WATCH})  # jobs of the scheduler's own, never shown as planned
WEEKLY_NUDGE_WEEKDAY = 0  # Monday
DEFAULT_NUDGE_AT = time(8, 0)
CATCH_UP_WINDOW = timedelta(hours=1)  # a reminder missed by less than this goes out once at start


class DailyTrigger(BaseTrigger):
    """Once a local day at a wall-clock time, in a time zone, optionally only on some weekdays.

    Where that time does not exist (the clocks jump over it) it fires at the jump; where it happens
    twice (the clocks fall back) it fires at the first.
    """

    def __init__(self, at: time, tz: ZoneInfo, weekdays: frozenset[int] | None = None):
        self.at, self.tz, self.weekdays = at, tz, weekdays

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        # In UTC throughout: aware datetimes sharing a zone compare and add by wall clock, not by instant.
        start = now.astimezone(timezone.utc)
        if previous_fire_time is not None:
            start = max(start, previous_fire_time.astimezone(timezone.utc) + timedelta(microseconds=1))
        fire = next_day_start(start - timedelta(microseconds=1), self.tz, self.at)
        while self.weekdays is not None and practice_day(fire, self.tz, self.at).weekday() not in self.weekdays:
            fire = next_day_start(fire, self.tz, self.at)
        return fire

    def __str__(self) -> str:
        days = "" if self.weekdays is None else f" on weekdays {sorted(self.weekdays)}"
        return f"daily at {self.at:%H:%M} {self.tz.key}{days}"

    def __repr__(self) -> str:
        return f"<DailyTrigger {self}>"


class ShiftedTrigger(BaseTrigger):
    """A trigger of the app's time, run by APScheduler's system time: a clock's shift apart.

    Only for a ``FileClock`` (a browser test's); with the system clock the triggers are handed over as
    they are.
    """

    def __init__(self, trigger: BaseTrigger, shift: Callable[[], timedelta]):
        self.trigger, self.shift = trigger, shift

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        shift = self.shift()
        previous = previous_fire_time + shift if previous_fire_time is not None else None
        fire = self.trigger.get_next_fire_time(previous, now + shift)
        return fire - shift if fire is not None else None

    def __str__(self) -> str:
        return f"{self.trigger} on a shifted clock"


@dataclass(frozen=True)
class PlannedJob:
    id: str
    name: str
    next_fire: datetime | None


class PracticeScheduler:
    """One per process. ``on_new_day`` and ``on_reminder`` are called from the scheduler's thread."""

    def __init__(
        self,
        services: Services,
        *,
        on_new_day: Callable[[TodayCard], None] | None = None,
        on_reminder: Callable[[Reminder], None] | None = None,
    ):
        self.services = services
        self.on_new_day = on_new_day or (lambda card: None)
        self.on_reminder = on_reminder or (lambda reminder: None)
        self.scheduler = BackgroundScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": int(CATCH_UP_WINDOW.total_seconds())},
            timezone=timezone.utc,
        )
        self.notification_status = "Reminders are not shown: no window is open."
        self._planned_for: tuple | None = None
        clock = services.context.clock
        self._test_clock = clock if isinstance(clock, FileClock) else None
        self._planned_shift: timedelta | None = None
        self._lock = threading.Lock()
        services.context.listeners.append(self._on_service_event)

    # Planning

    def triggers(self) -> dict[str, DailyTrigger]:
        """The jobs the current settings ask for, each with its trigger."""
        settings = self.services.settings.get()
        tz = self.services.context.timezone(settings)
        planned = {DAY_BOUNDARY: DailyTrigger(settings.day_starts_at, tz)}
        if settings.reminder_at is not None:
            planned[MORNING] = DailyTrigger(settings.reminder_at, tz)
        if settings.evening_prompt_at is not None:
            planned[EVENING] = DailyTrigger(settings.evening_prompt_at, tz)
        planned[WEEKLY] = DailyTrigger(settings.reminder_at or DEFAULT_NUDGE_AT, tz, frozenset({WEEKLY_NUDGE_WEEKDAY}))
        planned[REVIEW] = DailyTrigger(settings.evening_prompt_at or DEFAULT_REVIEW_AT, tz,
                                       frozenset({WEEKDAYS.index(settings.review_day)}))
        if self.services.backups.supported:
            planned[BACKUP] = DailyTrigger(settings.day_starts_at, tz)
        return planned

    def plan(self) -> None:
        """(Re)create the jobs from the settings; called at start and whenever the settings change."""
        with self._lock:
            settings = self.services.settings.get()
            self._planned_for = (settings, self.services.settings.effective_timezone())
            runners = {DAY_BOUNDARY: self.turn_day, MORNING: self.morning, EVENING: self.evening, WEEKLY: self.weekly,
                       BACKUP: self.back_up, REVIEW: self.review}
            names = {DAY_BOUNDARY: "The day's value is picked", MORNING: "Morning reminder",
                     EVENING: "Evening prompt", WEEKLY: "Weekly nudge about overdue repairs",
                     BACKUP: "Daily backup of the store", REVIEW: "Weekly review is ready"}
            wanted = self.triggers()
            for job in self.scheduler.get_jobs():
                if job.id not in wanted and job.id not in HOUSEKEEPING:
                    job.remove()
            for job_id, trigger in wanted.items():
                self.scheduler.add_job(runners[job_id], self._on_system_time(trigger), id=job_id, name=names[job_id],
                                       replace_existing=True)
            if self.scheduler.get_job(WATCH) is None:
                self.scheduler.add_job(self.watch_settings, IntervalTrigger(minutes=1), id=WATCH,
                                       name="Notice settings changed elsewhere")
            if self._test_clock is not None:
                self._planned_shift = self._test_clock.shift()
                if self.scheduler.get_job(CLOCK_WATCH) is None:
                    self.scheduler.add_job(self.watch_clock, IntervalTrigger(seconds=1), id=CLOCK_WATCH,
                                           name="Notice the test clock moved")

    def _on_system_time(self, trigger: BaseTrigger) -> BaseTrigger:
        if self._test_clock is None:
            return trigger
        return ShiftedTrigger(trigger, self._test_clock.shift)

    def _shift(self) -> timedelta:
        return self._test_clock.shift() if self._test_clock is not None else timedelta(0)

    def jobs(self) -> list[PlannedJob]:
        """What will happen next, in the practice's time zone (the settings screen and the CLI show this)."""
        tz = self.services.context.timezone(self.services.settings.get())
        shift = self._shift()  # APScheduler's times are the system's; these are the app's
        result = []
        for job in self.scheduler.get_jobs():
            if job.id in HOUSEKEEPING:
                continue
            next_fire = getattr(job, "next_run_time", None)
            if next_fire is None and not self.scheduler.running:
                next_fire = job.trigger.get_next_fire_time(None, self.services.context.now() - shift)
            result.append(PlannedJob(job.id, job.name, (next_fire + shift).astimezone(tz) if next_fire else None))
        order = [DAY_BOUNDARY, MORNING, EVENING, WEEKLY, REVIEW, BACKUP]
        return sorted(result, key=lambda j: order.index(j.id))

    # Running

    def start(self) -> None:
        self.plan()
        self.scheduler.start()
        self.catch_up()

    def shutdown(self) -> None:
        if self.services.context.listeners.count(self._on_service_event):
            self.services.context.listeners.remove(self._on_service_event)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def catch_up(self, now: datetime | None = None) -> None:
        """At start: today's pick now, a backup if the last is older than a day, and any reminder missed
        by less than an hour, once."""
        now = now or self.services.context.now()
        self.turn_day(now)
        self.back_up(now)
        runners = {MORNING: self.morning, EVENING: self.evening, WEEKLY: self.weekly, REVIEW: self.review}
        for job_id, trigger in self.triggers().items():
            if job_id not in runners:
                continue
            last = trigger.get_next_fire_time(None, now - CATCH_UP_WINDOW)
            if last is not None and last <= now:
                runners[job_id](last)

    def turn_day(self, at: datetime | None = None) -> None:
        card = self._safely(self.services.day_turn.turn, at)
        if card is not None:
            self.on_new_day(card)

    def morning(self, at: datetime | None = None) -> None:
        self._remind(self.services.reminders.morning, at)

    def evening(self, at: datetime | None = None) -> None:
        self._remind(self.services.reminders.evening, at)

    def weekly(self, at: datetime | None = None) -> None:
        self._remind(self.services.reminders.weekly, at)

    def review(self, at: datetime | None = None) -> None:
        self._remind(self.services.reminders.review, at)

    def back_up(self, at: datetime | None = None) -> None:
        self._safely(lambda _at: self.services.backups.make_if_due(), at)

    def watch_settings(self) -> None:
        """Settings changed by another process (the CLI, a second window): reschedule."""
        current = (self.services.settings.get(), self.services.settings.effective_timezone())
        if current != self._planned_for:
            self.plan()

    def watch_clock(self) -> None:
        """The test clock was moved: as at a start at the new instant, plan again and catch up (a move past
        a boundary turns the day even when the plan comes too late for the boundary's own job)."""
        if self._test_clock is not None and self._test_clock.shift() != self._planned_shift:
            self.plan()
            self.catch_up()

    def _remind(self, make: Callable[[datetime], Reminder | None], at: datetime | None) -> None:
        reminder = self._safely(make, at)
        if reminder is not None:
            self.on_reminder(reminder)

    def _safely(self, job: Callable, at: datetime | None):
        """A job's failure is logged, never raised into the scheduler's thread (it would stop nothing, but
        would print a trace where the person cannot act on it)."""
        try:
            return job(at or self.services.context.now())
        except Exception:
            log.exception("scheduled job %s failed", getattr(job, "__name__", job))
            return None

    def _on_service_event(self, topic: str) -> None:
        if topic == "settings" and self.scheduler.running:
            self.plan()
