"""The journal screen's small decisions, checked without a browser: how many weeks fit, which colour a day
gets, which period a trend uses, and what the status line and the no-match message say."""

from __future__ import annotations

from datetime import date, timedelta

from valuesapp.services.insights import RatingPoint
from valuesapp.ui import heatmap
from valuesapp.ui.presenters import heatmap as calendar
from valuesapp.ui.presenters.journal import Filters, counter, describe_filters, present_entries, status_line
from valuesapp.ui.trend_chart import describe, period_for, trend_chart

FRIDAY = date(2026, 11, 27)


def test_six_months_fit_on_a_desktop_and_fewer_weeks_on_a_phone():
    wide = heatmap.fit(780)
    assert wide.weeks == heatmap.MAX_WEEKS and heatmap.CELL_MIN <= wide.cell <= heatmap.CELL_MAX
    phone = heatmap.fit(360 - 32 - 24)  # a 360 px phone less the page's and the card's padding
    assert heatmap.MIN_WEEKS <= phone.weeks < heatmap.MAX_WEEKS and phone.cell == heatmap.CELL_MIN
    used = heatmap.LABEL_WIDTH + phone.weeks * (phone.cell + heatmap.GAP)
    assert used <= 360 - 32 - 24
    assert heatmap.fit(0).weeks == heatmap.MIN_WEEKS


def test_the_grid_starts_on_a_monday_and_ends_with_the_week_of_today():
    start = heatmap.first_day(FRIDAY, 3)
    assert start.weekday() == 0 and start == date(2026, 11, 9)
    assert start + timedelta(weeks=3) > FRIDAY >= start + timedelta(weeks=2)
    assert heatmap.Heatmap.span(FRIDAY) == (heatmap.first_day(FRIDAY, heatmap.MAX_WEEKS), FRIDAY)


def test_a_days_colour_shows_whether_it_was_reflected_and_how_well():
    days = {FRIDAY: 4.5, FRIDAY - timedelta(days=1): None, FRIDAY - timedelta(days=2): 1.2}
    colours = calendar.palette(dark=False)
    assert calendar.color_for(FRIDAY, days, colours) == colours.rating(5)  # 4.5 rounds half up
    assert calendar.color_for(FRIDAY - timedelta(days=1), days, colours) == colours.unrated
    assert calendar.color_for(FRIDAY - timedelta(days=2), days, colours) == colours.rating(1)
    assert calendar.color_for(FRIDAY - timedelta(days=3), days, colours) == colours.not_reflected
    assert [calendar.level(a) for a in (None, 1.0, 2.49, 2.5, 5.0)] == [0, 1, 2, 3, 5]
    assert calendar.describe_day(FRIDAY, days) == "Fri 27 Nov 2026: reflected, rated 4.5 of 5"
    assert calendar.describe_day(FRIDAY - timedelta(days=3), days) == "Tue 24 Nov 2026: not reflected"  # as the legend says


def test_the_trend_period_follows_how_long_a_value_has_been_reflected_on():
    assert period_for(FRIDAY - timedelta(days=20), FRIDAY) == "day"
    assert period_for(FRIDAY - timedelta(days=200), FRIDAY) == "week"
    assert period_for(FRIDAY - timedelta(days=800), FRIDAY) == "month"
    assert period_for(None, None) == "week"
    points = [RatingPoint(date(2026, 11, 2), 2.0, 1), RatingPoint(date(2026, 11, 23), 4.5, 2)]
    assert describe(points, "week", "Honesty") == (
        "Average rating of Honesty per week, 2 weeks: 2.0 on 2 Nov, 4.5 on 23 Nov, rising.")


def test_the_status_line_and_the_no_match_message_say_what_is_shown():
    assert status_line(1, False, True) == "1 matching reflection"
    assert status_line(20, True, False) == "Newest first · showing 20+ reflections"
    only_friday = Filters(value_id=3, since=FRIDAY, until=FRIDAY, search="budget")
    assert describe_filters(only_friday, "Honesty") == "“budget” on Honesty on Fri 27 Nov 2026"
    assert describe_filters(Filters(since=FRIDAY), None) == "from Fri 27 Nov 2026"
    assert not Filters().active and only_friday.active


def test_one_clear_filters_button_at_a_time():
    """Given filters that match nothing, the message's own "Clear filters" is the only one; given matches, the
    one under the filters is."""
    nothing = present_entries([], shown=20, filters=Filters(search="zebra"), value_title=None)
    assert nothing.no_match is not None and not nothing.clear_shown
    unfiltered = present_entries([], shown=20, filters=Filters(), value_title=None)
    assert not unfiltered.clear_shown


def test_the_trend_is_straight_lines_on_a_scale_of_whole_ratings():
    """Given three weekly averages, the chart joins them with straight segments (a smooth curve drew ratings
    between the points that nobody gave) and labels the ratings 1 to 5 on its left."""
    points = [RatingPoint(date(2026, 11, 2), 2.0, 1), RatingPoint(date(2026, 11, 9), 4.0, 1),
              RatingPoint(date(2026, 11, 16), 3.5, 2)]
    chart = trend_chart(points, "week", "Honesty").content.content
    (line,) = chart.data_series
    assert line.curved is False
    assert [p.y for p in line.points] == [2.0, 4.0, 3.5]
    assert [label.value for label in chart.left_axis.labels] == [1, 2, 3, 4, 5]


def test_the_edit_box_counts_as_people_write_numbers():
    assert counter("") == "0/10,000"
    assert counter("x" * 1234) == "1,234/10,000"
