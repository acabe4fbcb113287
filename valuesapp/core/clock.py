"""Time comes from a clock that is passed in, never from a module-level ``now()``.

The practice's "day" is a local day that starts at a chosen hour (04:00 by default, for people up
past midnight), so the same instant can belong to yesterday in one setting and today in another.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
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


TEST_CLOCK_VARIABLE = "VALUESAPP_TEST_CLOCK"


class FileClock:
    """The time of an app started by a browser test, which moves it by rewriting a file; never a person's.

    A served app runs in its own process, so a test cannot hand it a ``FixedClock``; it names a file
    instead, in the environment variable ``VALUESAPP_TEST_CLOCK`` (read by ``valuesapp.app`` only, and
    set by nobody by chance: a normal run never looks at a file for the time). The file holds one instant
    with its offset (``2026-03-02T03:59:57+00:00``): the clock says that instant at the moment the file was
    written (its mtime) and runs on at the system clock's pace from there, so the scheduler's jobs still
    fire in real seconds. A test moves it by writing a new file beside it and renaming it over the old
    (never a half-written file); a running scheduler sees the move within a second and plans again.
    A missing or unreadable file is an error, never a quiet fall back to the real time.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._seen: tuple[tuple[int, int, int], timedelta] | None = None
        self.shift()  # a bad file stops the program at start, not at the first tick

    def shift(self) -> timedelta:
        """How far this clock runs ahead of the system's (behind: negative); it changes only with the file."""
        stat = os.stat(self.path)
        key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        seen = self._seen
        if seen is None or seen[0] != key:
            written = datetime.fromtimestamp(stat.st_mtime_ns / 1e9, timezone.utc)
            seen = (key, read_instant(self.path.read_text(encoding="utf-8")) - written)
            self._seen = seen  # one assignment: a thread reading at the same time sees the old pair or the new
        return seen[1]

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self.shift()


def read_instant(text: str) -> datetime:
    """An ISO instant with its offset, as a test clock's file holds it."""
    instant = datetime.fromisoformat(text.strip())
    if instant.tzinfo is None:
        raise ValueError(f"{text.strip()!r} has no offset (write it as 2026-03-02T03:59:57+00:00)")
    return instant.astimezone(timezone.utc)


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
