"""The journal calendar's sentence counts from the first day of use, not from the first cell the grid draws.

Given a person who reflected for the first time today, they read "Reflected today, your first day", not
"Reflected on 1 of the last 142 days"; a week in, the week; a year in, the days the calendar shows.
"""

from __future__ import annotations

from datetime import date, timedelta

from valuesapp.ui import heatmap
from valuesapp.ui.presenters.heatmap import counted_from, summary

TODAY = date(2026, 12, 1)  # a Tuesday
GRID_START = heatmap.first_day(TODAY, heatmap.MAX_WEEKS)


def test_on_the_first_day_the_calendar_counts_one_day_of_one():
    days = {TODAY: 4.0}
    assert counted_from(GRID_START, TODAY, TODAY) == TODAY
    assert summary(days, grid_start=GRID_START, first_use=TODAY, today=TODAY) == (
        "Reflected today, your first day · average rating 4.0")


def test_one_week_in_it_counts_the_seven_days_since_the_first_reflection():
    first = TODAY - timedelta(days=6)
    days = {first: 3.0, first + timedelta(days=2): None, TODAY: 5.0}
    assert summary(days, grid_start=GRID_START, first_use=first, today=TODAY) == (
        "Reflected on 3 of 7 days since Wed 25 Nov 2026 · average rating 4.0")


def test_a_year_in_it_counts_the_days_the_calendar_shows():
    first = TODAY - timedelta(days=365)
    inside = {GRID_START + timedelta(days=n): 2.0 for n in range(0, 100, 2)}
    days = {first: 5.0, **inside}  # the first reflection lies before the grid and is not counted
    shown = (TODAY - GRID_START).days + 1
    assert counted_from(GRID_START, first, TODAY) == GRID_START
    assert summary(days, grid_start=GRID_START, first_use=first, today=TODAY) == (
        f"Reflected on 50 of the last {shown} days · average rating 2.0")


def test_the_journal_knows_when_reflecting_began(app, clock):
    """The service's answer, as the calendar needs it: the first reflected day inside the calendar, or the
    calendar's first day when reflecting began earlier."""
    today = app.practice.today()
    since = today - timedelta(days=100)
    assert app.journal.first_day(not_before=since) is None
    app.values.add("Courage")
    app.journal.reflect("Spoke up.", day=today - timedelta(days=3))
    assert app.journal.first_day(not_before=since) == today - timedelta(days=3)
    app.journal.reflect("Long ago.", day=today - timedelta(days=300))
    assert app.journal.first_day(not_before=since) == since
