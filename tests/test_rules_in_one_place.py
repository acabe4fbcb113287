"""Rules that more than one screen or service needs, each written once in the core and checked here for
every input: a range that ends before it starts, overdue repairs first, the first run, and which day a
half-typed reflection belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuesapp.core.errors import UserError
from valuesapp.core.limits import check_range, ends_before_it_starts
from valuesapp.core.reflecting import carried_over, may_restore_draft, reflection_day
from valuesapp.core.starter import first_run
from valuesapp.core.states import overdue_first

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
maybe_days = st.none() | days
texts = st.text(alphabet=st.sampled_from(" \n\tab"), max_size=6)


@given(start=maybe_days, end=maybe_days)
def test_a_range_is_refused_exactly_when_both_ends_are_given_and_the_end_comes_first(start, end):
    wrong = start is not None and end is not None and end < start
    assert ends_before_it_starts(start, end) == wrong
    if not wrong:
        check_range(start, end)
        return
    with pytest.raises(UserError) as refused:
        check_range(start, end)
    assert refused.value.message == f"The range ends ({end}) before it starts ({start})."


def test_the_journal_the_trend_and_a_pause_refuse_a_backward_range_in_the_same_words(app):
    monday, friday = date(2026, 2, 23), date(2026, 2, 27)
    value = app.values.add("Honesty")
    for ask in (lambda: app.journal.list(since=friday, until=monday),
                lambda: app.insights.rating_trend(value.id, since=friday, until=monday)):
        with pytest.raises(UserError, match=r"^The range ends \(2026-02-23\) before it starts \(2026-02-27\)\.$"):
            ask()
    with pytest.raises(UserError, match=r"^The pause ends \(2026-02-23\) before it starts \(2026-02-27\)\.$"):
        app.practice.pause(friday, monday)
    assert app.journal.list(since=friday, until=friday) == []  # one day is a range, not a mistake


@dataclass(frozen=True)
class Owed:
    id: int
    overdue: bool
    created_at: datetime


T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
owed = st.builds(Owed, id=st.integers(1, 50), overdue=st.booleans(),
                 created_at=st.integers(0, 5).map(lambda h: T0 + timedelta(hours=h)))


@given(st.lists(owed, max_size=12, unique_by=lambda r: r.id))
def test_overdue_repairs_come_first_then_the_oldest_whatever_order_they_arrive_in(repairs):
    ordered = overdue_first(repairs)
    assert sorted(ordered, key=lambda r: r.id) == sorted(repairs, key=lambda r: r.id)  # none lost or doubled
    assert overdue_first(reversed(repairs)) == ordered  # the order they came in does not matter
    flags = [r.overdue for r in ordered]
    assert flags == sorted(flags, reverse=True)  # every overdue one before every other
    for first, then in zip(ordered, ordered[1:]):
        if first.overdue == then.overdue:
            assert (first.created_at, first.id) < (then.created_at, then.id)


def test_only_a_store_that_never_held_a_value_is_a_first_run():
    assert first_run(0)
    assert not first_run(1)  # one archived value counts: this person has practised before


@given(text=texts, begun_on=maybe_days, card_day=days)
def test_words_being_typed_stay_with_their_day_and_an_empty_box_follows_the_card(text, begun_on, card_day):
    day = reflection_day(text, begun_on, card_day)
    if text.strip() and begun_on is not None:
        assert day == begun_on
    else:
        assert day == card_day
    assert carried_over(text, begun_on, card_day) == (day != card_day)
    assert may_restore_draft(text) == (not text.strip())  # a draft never replaces words being typed
