"""The journal's calendar of reflected days, as plain data: what its sentence counts and which colour a day gets.

The sentence counts from the first day of use (the first reflection) when that is inside the calendar:
on the first day it is one day out of one, not one out of the 142 the grid happens to hold. Days before
that are drawn empty, like days still to come.

The colours are fixed per theme rather than the theme's shades at an opacity: a cell must stand out from
an empty one ("not reflected") by 3:1 (WCAG 2 non-text contrast) in light and in dark, ratings grow in
strength from 1 to 5, and "reflected, no rating" is a hue of its own (amber beside the green ratings),
never the strongest colour. tests/test_heatmap_colours.py computes the contrast ratios from these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from valuesapp.core.limits import RATING_MAX, RATING_MIN
from valuesapp.core.words import day_label, plural


@dataclass(frozen=True)
class Palette:
    not_reflected: str
    unrated: str
    ratings: tuple[str, ...]  # rating 1 first

    def rating(self, n: int) -> str:
        return self.ratings[n - RATING_MIN]


LIGHT = Palette(
    not_reflected="#E2E7E4",
    unrated="#B8670A",
    ratings=("#238B72", "#1D725E", "#165A4A", "#104136", "#0A2922"),  # darker is better lived
)
DARK = Palette(
    not_reflected="#2C3431",
    unrated="#C38322",
    ratings=("#279B80", "#31C4A2", "#54D4B6", "#85E0CB", "#BEEFE3"),  # brighter is better lived
)


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def level(average: float | None) -> int:
    """0 for a reflected day without a rating, else the average rounded half up to a rating (1..5)."""
    if average is None:
        return 0
    return max(RATING_MIN, min(RATING_MAX, int(average + 0.5)))


def color_for(day: date, days: Mapping[date, float | None], colours: Palette) -> str:
    if day not in days:
        return colours.not_reflected
    n = level(days[day])
    return colours.rating(n) if n else colours.unrated


# Counting


def counted_from(grid_start: date, first_use: date | None, today: date) -> date:
    """The first day the sentence counts: the grid's first day, or the first day of use if that is later."""
    if first_use is None:
        return today
    return min(today, max(grid_start, first_use))


def summary(days: Mapping[date, float | None], *, grid_start: date, first_use: date | None, today: date) -> str:
    """"Reflected on 5 of 7 days since Tue 24 Nov 2026" early on; "… of the last 182 days" once the
    calendar no longer reaches back to the first day; with the average rating of those days."""
    start = counted_from(grid_start, first_use, today)
    counted = {d: a for d, a in days.items() if start <= d <= today}
    total = (today - start).days + 1
    if start == today:
        text = "Reflected today, your first day" if counted else "Your first day"
    elif first_use is not None and start == first_use:
        text = f"Reflected on {len(counted):,} of {plural(total, 'day')} since {day_label(start)}"
    else:
        text = f"Reflected on {len(counted):,} of the last {plural(total, 'day')}"
    rated = [a for a in counted.values() if a is not None]
    if rated:
        text += f" · average rating {sum(rated) / len(rated):.1f}"
    return text


def describe_day(day: date, days: Mapping[date, float | None]) -> str:
    when = day_label(day)
    if day not in days:
        return f"{when}: not reflected"  # the legend's words
    average = days[day]
    return f"{when}: reflected, " + ("no rating" if average is None else f"rated {average:.1f} of {RATING_MAX}")
