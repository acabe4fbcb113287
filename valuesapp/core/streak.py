"""The streak of reflected days.

A paused day (holiday, illness) neither counts nor breaks the streak, as in good habit trackers.
Today not yet reflected does not break it either: the day is not over.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, timedelta


def streak(today: date, reflected: Collection[date], is_paused: Callable[[date], bool], *, horizon: int = 3660) -> int:
    count = 0
    day = today
    if day not in reflected:
        day -= timedelta(days=1)
    for _ in range(horizon):
        if day in reflected:
            count += 1
        elif not is_paused(day):
            break
        day -= timedelta(days=1)
    return count
