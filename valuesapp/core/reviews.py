"""The two looks back: the practice week (Monday to Sunday) and the review of the list itself.

Pure rules on plain records, so that the week's edges, the averages and the gaps are decided in one
place and tested without a store. Every day here is a practice day (``core.clock.practice_day``: the
local day that starts at the person's day start, in their zone), so a week that spans a change of the
clocks still has its seven days, and an instant (a repair done at 02:00) counts on the day the person
was living.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = 7
BEFORE_WEEKS = 4  # a week's average is set against the four weeks before it
HIGH_RANKS = 3  # "ranked high": in the top three
LIVED_LOW = 2.5  # "lived low": an average rating of 2.5 or less
SHOWN_OFTEN = 4  # shown on at least four days ...
RANKED_HIGH_LIVED_LOW, NEVER_REFLECTED, CONCERNS_WITHOUT_VALUE = (
    "ranked_high_lived_low", "never_reflected", "concerns_without_value")
GAP_KINDS = (RANKED_HIGH_LIVED_LOW, NEVER_REFLECTED, CONCERNS_WITHOUT_VALUE)
MISSING_QUESTION = "Is a value missing?"


# What the rules read: plain records the service builds from the store.

@dataclass(frozen=True)
class ValueRef:
    id: int
    title: str
    rank: int | None  # None: snipped (archived)


@dataclass(frozen=True)
class Shown:
    """A value was the day's card."""

    day: date
    value_id: int


@dataclass(frozen=True)
class Reflected:
    day: date
    value_id: int | None
    rating: int | None


@dataclass(frozen=True)
class Concern:
    """A friend's concern that is still open (not acted on)."""

    id: int
    friend: str
    note: str
    value_id: int | None


# What the rules answer.

@dataclass(frozen=True)
class Cell:
    """One day of one value on the week's grid: whether it was the card, and that day's rating (the mean of
    that day's rated reflections on it, to one decimal), or that the day was paused."""

    day: date
    shown: bool
    rating: float | None
    paused: bool


@dataclass(frozen=True)
class WeekLine:
    """A value that came up in the week (was the card, or was reflected on)."""

    id: int
    title: str
    rank: int | None
    days_shown: int
    reflections: int
    average_rating: float | None
    previous_average: float | None  # over the four weeks before
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ListLine:
    """A value on the list over the values review's period."""

    id: int
    title: str
    rank: int
    days_shown: int
    reflections: int
    average_rating: float | None
    open_concerns: int


@dataclass(frozen=True)
class Gap:
    kind: str
    value_id: int | None
    feedback_ids: tuple[int, ...]
    text: str


def week_of(day: date) -> tuple[date, date]:
    """The practice week a day is in: its Monday and its Sunday."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=WEEK - 1)


def last_complete_week(today: date) -> tuple[date, date]:
    """The latest week whose Sunday is today or before: on a Sunday that is the week ending today (the
    review is ready that evening), on any other day the week before this one."""
    monday, sunday = week_of(today)
    return (monday, sunday) if sunday == today else (monday - timedelta(days=WEEK), monday - timedelta(days=1))


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def average(ratings: Iterable[int | None]) -> float | None:
    """The mean of the given ratings to two decimals, leaving out the unrated; None if none is rated."""
    rated = [r for r in ratings if r is not None]
    return round(sum(rated) / len(rated), 2) if rated else None


def _within(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def paused_days(pauses: Iterable[tuple[date, date]], start: date, end: date) -> frozenset[date]:
    """The days from ``start`` to ``end`` that fall in any pause (each pause its first and last day)."""
    return frozenset(d for d in days(start, end) if any(p_start <= d <= p_end for p_start, p_end in pauses))


def _order(values: Iterable[ValueRef]) -> list[ValueRef]:
    """Ranked values by rank, then snipped ones by title."""
    return sorted(values, key=lambda v: (v.rank is None, v.rank or 0, v.title.lower(), v.id))


def week_lines(monday: date, values: Sequence[ValueRef], shown: Sequence[Shown], reflected: Sequence[Reflected],
               pauses: Iterable[tuple[date, date]]) -> list[WeekLine]:
    """Per value that came up in the week of ``monday``: its days, reflections, average against the four
    weeks before, and its row of the grid (seven cells, Monday first)."""
    sunday = monday + timedelta(days=WEEK - 1)
    before = monday - timedelta(days=WEEK * BEFORE_WEEKS)
    week_days = days(monday, sunday)
    off = paused_days(pauses, monday, sunday)
    in_week_shown = [s for s in shown if _within(s.day, monday, sunday)]
    in_week_reflected = [r for r in reflected if r.value_id is not None and _within(r.day, monday, sunday)]
    came_up = {s.value_id for s in in_week_shown} | {r.value_id for r in in_week_reflected}
    lines = []
    for value in _order(v for v in values if v.id in came_up):
        shown_days = {s.day for s in in_week_shown if s.value_id == value.id}
        mine = [r for r in in_week_reflected if r.value_id == value.id]
        earlier = [r.rating for r in reflected if r.value_id == value.id and before <= r.day < monday]
        cells = tuple(Cell(day, day in shown_days, _day_rating(mine, day), day in off) for day in week_days)
        lines.append(WeekLine(value.id, value.title, value.rank, len(shown_days), len(mine),
                              average(r.rating for r in mine), average(earlier), cells))
    return lines


def _day_rating(reflected: Iterable[Reflected], day: date) -> float | None:
    mean = average(r.rating for r in reflected if r.day == day)
    return None if mean is None else round(mean, 1)


def list_lines(start: date, end: date, values: Sequence[ValueRef], shown: Sequence[Shown],
               reflected: Sequence[Reflected], concerns: Sequence[Concern]) -> list[ListLine]:
    """Per ranked value, by rank: how it fared from ``start`` to ``end``, and its friends' open concerns."""
    lines = []
    for value in _order(v for v in values if v.rank is not None):
        mine = [r for r in reflected if r.value_id == value.id and _within(r.day, start, end)]
        lines.append(ListLine(
            value.id, value.title, value.rank or 0,
            len({s.day for s in shown if s.value_id == value.id and _within(s.day, start, end)}),
            len(mine), average(r.rating for r in mine), sum(1 for c in concerns if c.value_id == value.id)))
    return lines


def gaps(lines: Sequence[ListLine], concerns: Sequence[Concern]) -> list[Gap]:
    """What the list review points at, in this order: top values lived low, values shown often and never
    reflected on, and friends' concerns that touch no value on the list (about none, or about a snipped one)."""
    found = []
    for line in lines:
        mine = tuple(c.id for c in concerns if c.value_id == line.id)
        if line.rank <= HIGH_RANKS and line.average_rating is not None and line.average_rating <= LIVED_LOW:
            found.append(Gap(RANKED_HIGH_LIVED_LOW, line.id, mine,
                             f"{line.title} is ranked {line.rank} but was lived at {line.average_rating:g} on average."))
    for line in lines:
        if line.days_shown >= SHOWN_OFTEN and line.reflections == 0:
            found.append(Gap(NEVER_REFLECTED, line.id, tuple(c.id for c in concerns if c.value_id == line.id),
                             f"{line.title} was the card on {line.days_shown} days and never reflected on."))
    on_list = {line.id for line in lines}
    loose = [c for c in concerns if c.value_id not in on_list]
    if loose:
        quoted = "; ".join(f"{c.friend}: \u201c{c.note}\u201d" for c in loose)
        found.append(Gap(CONCERNS_WITHOUT_VALUE, None, tuple(c.id for c in loose),
                         f"Friends' concerns that touch no value on your list: {quoted}. {MISSING_QUESTION}"))
    return found


def review_period(today: date, weeks: int) -> tuple[date, date]:
    """The values review looks back ``weeks`` whole weeks, ending today."""
    return today - timedelta(days=WEEK * weeks - 1), today


def review_due(today: date, last_saved: date | None, first_day: date | None, weeks: int) -> bool:
    """A values review is due once ``weeks`` weeks have passed since the last one saved (or, before any,
    since the practice began)."""
    since = last_saved or first_day
    return since is not None and (today - since).days >= WEEK * weeks

WEEKS_MAX = 520  # a values review looks back at most ten years
