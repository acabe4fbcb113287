"""Time comes from a clock that is passed in, never from a module-level ``now()``.

The practice's "day" is a local day that starts at a chosen hour (04:00 by default, for people up
past midnight), so the same instant can belong to yesterday in one setting and today in another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class FixedClock:
    """A clock for tests and replays: it says what it is told and moves only when asked."""

    current: datetime = field(default_factory=lambda: datetime(2026, 1, 1, 12, tzinfo=timezone.utc))

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current = self.current + delta

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self.current = instant


def practice_day(instant: datetime, tz: ZoneInfo, day_starts_at: time) -> date:
    """The local day an instant belongs to when days begin at ``day_starts_at``.

    Wall-clock arithmetic on purpose: at 02:00 with a 04:00 start it is still yesterday, whatever
    the DST rules did overnight. Inside a skipped hour the boundary falls at the jump itself.
    """
    local = instant.astimezone(tz)
    shifted = local.replace(tzinfo=None) - timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    return shifted.date()


def day_start(day: date, tz: ZoneInfo, day_starts_at: time) -> datetime:
    """The first instant of practice day ``day``: its local start time, or, when that wall time does not
    exist (inside a spring-forward gap), the moment the clocks jump. When the wall time happens twice
    (fall back), the first one: the day starts once.
    """
    wall = datetime.combine(day, day_starts_at)
    first = wall.replace(tzinfo=tz, fold=0)
    if first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) == wall:
        return first.astimezone(timezone.utc)
    # A gap: fold=1 lands before the jump, fold=0 after it. Find the jump, to the second.
    low, high = sorted(int(wall.replace(tzinfo=tz, fold=f).timestamp()) for f in (0, 1))
    while high - low > 1:
        mid = (low + high) // 2
        if datetime.fromtimestamp(mid, tz).replace(tzinfo=None) >= wall:
            high = mid
        else:
            low = mid
    return datetime.fromtimestamp(high, timezone.utc)


def next_day_start(after: datetime, tz: ZoneInfo, day_starts_at: time) -> datetime:
    """The first day boundary strictly after ``after``."""
    day = practice_day(after, tz, day_starts_at)
    for offset in (1, 2):
        start = day_start(day + timedelta(days=offset), tz, day_starts_at)
        if start > after:
            return start
    raise AssertionError("a day boundary always falls within two days")
