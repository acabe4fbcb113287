"""The review rules with no store: the practice week, the grid, the averages and the gaps."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from valuesapp.core import reviews
from valuesapp.core.reviews import Concern, Reflected, Shown, ValueRef

MONDAY = date(2026, 3, 23)  # the week the clocks go forward in Berlin (Sunday 29 March)
VALUES = [ValueRef(1, "Honesty", 1), ValueRef(2, "Courage", 2), ValueRef(3, "Patience", 3),
          ValueRef(4, "Play", 4), ValueRef(9, "Old", None)]

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@given(days)
def test_every_day_belongs_to_one_monday_to_sunday_week(day):
    monday, sunday = reviews.week_of(day)
    assert monday.weekday() == 0 and sunday.weekday() == 6
    assert monday <= day <= sunday and (sunday - monday).days == 6


@given(days)
def test_the_last_complete_week_ends_on_a_sunday_no_later_than_today_and_within_a_week(day):
    monday, sunday = reviews.last_complete_week(day)
    assert sunday.weekday() == 6 and sunday <= day < sunday + timedelta(days=7)
    assert monday == sunday - timedelta(days=6)


reflection = st.builds(Reflected, st.integers(-40, 10).map(lambda n: MONDAY + timedelta(days=n)),
                       st.sampled_from([1, 2, 3, 4, 9, None]), st.one_of(st.none(), st.integers(1, 5)))
shown = st.builds(Shown, st.integers(-40, 10).map(lambda n: MONDAY + timedelta(days=n)), st.sampled_from([1, 2, 3, 4]))


@given(st.lists(shown, max_size=30), st.lists(reflection, max_size=40))
def test_the_grid_has_seven_days_and_each_cell_holds_only_that_days_ratings(picks, notes):
    lines = reviews.week_lines(MONDAY, VALUES, picks, notes, [])
    for line in lines:
        assert [c.day for c in line.cells] == [MONDAY + timedelta(days=n) for n in range(7)]
        for cell in line.cells:
            that_day = [r.rating for r in notes if r.value_id == line.id and r.day == cell.day and r.rating]
            assert (cell.rating is None) == (not that_day)
            if that_day:
                assert min(that_day) - 0.05 <= cell.rating <= max(that_day) + 0.05
            assert cell.shown == any(p.value_id == line.id and p.day == cell.day for p in picks)
        assert line.days_shown == sum(c.shown for c in line.cells)
        assert line.days_shown + line.reflections > 0  # only values that came up that week


@given(st.lists(shown, max_size=30), st.lists(reflection, max_size=40))
def test_a_values_average_this_week_and_the_four_before_never_mix(picks, notes):
    for line in reviews.week_lines(MONDAY, VALUES, picks, notes, []):
        this = [r.rating for r in notes if r.value_id == line.id and MONDAY <= r.day <= MONDAY + timedelta(6)]
        before = [r.rating for r in notes
                  if r.value_id == line.id and MONDAY - timedelta(28) <= r.day < MONDAY]
        assert line.average_rating == reviews.average(this)
        assert line.previous_average == reviews.average(before)


def test_given_a_paused_midweek_when_the_week_is_drawn_then_those_cells_say_paused_and_nothing_else():
    picks = [Shown(MONDAY, 1), Shown(MONDAY + timedelta(1), 2), Shown(MONDAY + timedelta(5), 1)]
    notes = [Reflected(MONDAY, 1, 4), Reflected(MONDAY + timedelta(5), 1, 2)]
    pause = [(MONDAY + timedelta(2), MONDAY + timedelta(4))]
    lines = reviews.week_lines(MONDAY, VALUES, picks, notes, pause)
    honesty = lines[0]
    assert [c.paused for c in honesty.cells] == [False, False, True, True, True, False, False]
    assert honesty.days_shown == 2 and honesty.average_rating == 3.0
    assert [line.title for line in lines] == ["Honesty", "Courage"]


def test_given_no_values_or_a_first_week_then_the_week_is_empty_and_has_no_previous_average():
    assert reviews.week_lines(MONDAY, [], [], [], []) == []
    first = reviews.week_lines(MONDAY, VALUES, [Shown(MONDAY + timedelta(6), 4)], [Reflected(MONDAY + timedelta(6), 4, 5)], [])
    assert first[0].previous_average is None and first[0].average_rating == 5.0


def test_a_reflection_on_a_day_outside_the_week_is_not_in_its_grid():
    lines = reviews.week_lines(MONDAY, VALUES, [], [Reflected(MONDAY - timedelta(1), 1, 5),
                                                    Reflected(MONDAY + timedelta(7), 1, 5)], [])
    assert lines == []


# The values review's gaps.

def _lines(ratings: dict[int, list[int | None]], shown_days: dict[int, int], concerns=()):
    picks = [Shown(MONDAY + timedelta(n), vid) for vid, count in shown_days.items() for n in range(count)]
    notes = [Reflected(MONDAY + timedelta(n), vid, r) for vid, rs in ratings.items() for n, r in enumerate(rs)]
    return reviews.list_lines(MONDAY, MONDAY + timedelta(83), VALUES, picks, notes, list(concerns))


def test_given_a_top_value_lived_poorly_then_it_is_a_gap_and_a_lower_one_lived_as_poorly_is_not():
    lines = _lines({1: [2, 3], 4: [1, 1]}, {1: 2, 4: 2})
    found = reviews.gaps(lines, [])
    assert [(g.kind, g.value_id) for g in found] == [("ranked_high_lived_low", 1)]
    assert "Honesty is ranked 1" in found[0].text and "2.5" in found[0].text


def test_an_average_just_above_two_and_a_half_is_not_lived_low():
    assert reviews.gaps(_lines({1: [2, 3, 3]}, {1: 3}), []) == []


def test_given_a_value_shown_four_days_and_never_reflected_then_it_is_a_gap_and_three_days_is_not():
    found = reviews.gaps(_lines({}, {2: 4, 3: 3}), [])
    assert [(g.kind, g.value_id) for g in found] == [("never_reflected", 2)]


def test_given_concerns_about_no_value_or_a_snipped_one_then_one_gap_asks_if_a_value_is_missing():
    concerns = [Concern(7, "Ana", "You never make it up after a row", None),
                Concern(8, "Ben", "Same as Ana said", 9), Concern(5, "Cy", "Late again", 1)]
    lines = _lines({1: [4]}, {1: 1}, concerns)
    found = reviews.gaps(lines, concerns)
    assert [(g.kind, g.value_id, g.feedback_ids) for g in found] == [("concerns_without_value", None, (7, 8))]
    assert "Ana: \u201cYou never make it up after a row\u201d" in found[0].text
    assert found[0].text.endswith("Is a value missing?")
    assert lines[0].open_concerns == 1


def test_only_ranked_values_are_on_the_list_review_in_rank_order():
    assert [line.id for line in _lines({9: [1]}, {})] == [1, 2, 3, 4]


def test_the_review_period_is_whole_weeks_ending_today():
    start, end = reviews.review_period(date(2026, 6, 14), 12)
    assert end == date(2026, 6, 14) and (end - start).days + 1 == 84


def test_a_values_review_is_due_after_its_weeks_since_the_last_one_or_the_first_day():
    assert not reviews.review_due(date(2026, 3, 1), None, None, 12)
    assert reviews.review_due(date(2026, 3, 29), None, date(2026, 1, 4), 12)
    assert not reviews.review_due(date(2026, 3, 28), date(2026, 1, 4), date(2025, 1, 1), 12)
