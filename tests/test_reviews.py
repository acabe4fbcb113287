"""Stories of the weekly review and the values review, on a moved clock (Berlin, days start at 04:00)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from valuesapp.core.errors import UserError

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Berlin wall time on a calendar day, as an instant."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN).astimezone(timezone.utc)


def live_a_week(app, clock, monday: date, ratings, *, value_ids=None):
    """Each day from ``monday``: the card drawn in the morning and, where a rating is given, a reflection at
    night on the card's value (or on ``value_ids[n]``). Returns each day's card value id."""
    shown = []
    for n, rating in enumerate(ratings):
        day = monday + timedelta(days=n)
        clock.set(at(day, 9))
        card = app.practice.card()
        assert card.date == day
        shown.append(card.value.id if card.value else None)
        if rating is not None:
            clock.set(at(day, 22))
            target = value_ids[n] if value_ids else None
            app.journal.reflect(f"Day {n}", rating=rating, value_id=target)
    return shown


@pytest.fixture
def three_values(app):
    return [app.values.add(title).id for title in ("Honesty", "Courage", "Patience")]


def test_given_a_week_of_cards_and_reflections_when_sunday_evening_comes_then_the_review_shows_each_value(
        app, clock, three_values):
    monday = date(2026, 3, 2)
    shown = live_a_week(app, clock, monday, [4, 3, None, 5, 2, 4, 1])
    review = app.reviews.week()  # Sunday 22:00: the week ending today is the last complete one
    assert (review.start, review.end) == (monday, monday + timedelta(days=6))
    assert review.days == tuple(monday + timedelta(days=n) for n in range(7))
    by_id = {line.id: line for line in review.values}
    assert set(by_id) == set(shown)
    for vid, line in by_id.items():
        mine = [n for n, v in enumerate(shown) if v == vid]
        assert line.days_shown == len(mine)
        assert [c.shown for c in line.cells] == [v == vid for v in shown]
        assert line.previous_average is None  # the first week of use
    ratings = [4, 3, None, 5, 2, 4, 1]
    for n, vid in enumerate(shown):
        assert by_id[vid].cells[n].rating == ratings[n]
    assert sum(line.reflections for line in review.values) == 6


def test_on_a_weekday_the_default_week_is_the_one_before_and_a_date_picks_its_own_week(app, clock, three_values):
    clock.set(at(date(2026, 3, 11), 12))  # a Wednesday
    assert (app.reviews.week().start, app.reviews.week().end) == (date(2026, 3, 2), date(2026, 3, 8))
    assert app.reviews.week(date(2026, 3, 11)).start == date(2026, 3, 9)


def test_a_weeks_average_is_set_against_the_four_weeks_before(app, clock, three_values):
    honesty = three_values[0]
    first = date(2026, 2, 2)
    live_a_week(app, clock, first, [2, 2, None, None, None, None, None], value_ids=[honesty] * 7)
    live_a_week(app, clock, first + timedelta(days=28), [5, 4, None, None, None, None, None], value_ids=[honesty] * 7)
    line = next(v for v in app.reviews.week(first + timedelta(days=28)).values if v.id == honesty)
    assert (line.average_rating, line.previous_average) == (4.5, 2.0)


def test_given_a_pause_midweek_then_its_days_are_marked_paused_and_have_no_card(app, clock, three_values):
    monday = date(2026, 3, 2)
    app.practice.pause(monday + timedelta(days=2), monday + timedelta(days=4), "Away")
    shown = live_a_week(app, clock, monday, [3, 3, None, None, None, 3, 3])
    review = app.reviews.week(monday)
    assert review.paused == tuple(monday + timedelta(days=n) for n in (2, 3, 4))
    assert shown[2:5] == [None, None, None]
    for line in review.values:
        assert [c.paused for c in line.cells] == [False, False, True, True, True, False, False]
        assert not any(c.shown for c in line.cells[2:5])


@pytest.mark.parametrize("monday", [date(2026, 3, 23), date(2026, 10, 19)], ids=["spring-forward", "fall-back"])
def test_a_week_over_a_change_of_the_clocks_keeps_seven_days_and_counts_a_late_night_on_the_day_before(
        app, clock, three_values, monday):
    sunday = monday + timedelta(days=6)  # the clocks change on this Sunday
    shown = live_a_week(app, clock, monday, [3] * 7)
    clock.set(at(sunday + timedelta(days=1), 3, 30))  # Monday 03:30 is still Sunday's practice day
    app.repairs.add("Sam", "Snapped at Sam", kind="apology")
    review = app.reviews.week(monday)
    assert len(review.days) == 7 and all(len(line.cells) == 7 for line in review.values)
    assert sum(line.days_shown for line in review.values) == 7 == len([v for v in shown if v])
    assert review.repairs.opened == 1
    assert app.reviews.week(sunday + timedelta(days=1)).repairs.opened == 0


def test_given_no_values_then_the_week_is_empty_but_still_has_its_days(app, clock):
    clock.set(at(date(2026, 3, 8), 21))
    review = app.reviews.week()
    assert review.values == () and len(review.days) == 7
    assert (review.repairs.opened, review.repairs.oldest_open_days) == (0, None)


def test_the_week_counts_repairs_opened_done_and_released_and_names_the_oldest_still_owed(app, clock, three_values):
    clock.set(at(date(2026, 2, 20), 12))
    old = app.repairs.add("Ana", "Missed her talk", kind="amends")
    clock.set(at(date(2026, 3, 3), 12))
    sam = app.repairs.add("Sam", "Snapped at Sam", kind="apology")
    jo = app.repairs.add("Jo", "A hard talk", kind="conversation")
    app.repairs.done(sam.id, "Went well")
    app.repairs.release(jo.id, "Jo said no need")
    clock.set(at(date(2026, 3, 8), 21))
    app.feedback.add("Mia", "You interrupt", kind="concern", received_on=date(2026, 3, 4))
    app.feedback.add("Raj", "Before the week", kind="concern", received_on=date(2026, 3, 1))
    review = app.reviews.week()
    assert (review.repairs.opened, review.repairs.done, review.repairs.released) == (2, 1, 1)
    assert review.repairs.oldest_open.id == old.id and review.repairs.oldest_open_days == 16
    assert [f.friend for f in review.feedback] == ["Mia"]


def test_the_question_for_next_week_shows_on_each_day_of_that_week_and_can_be_reworded(app, clock, three_values):
    clock.set(at(date(2026, 3, 8), 21))  # Sunday evening: the review looks ahead to the week of 9 March
    asked = app.reviews.set_question("  Whom do I owe a call?  ")
    assert (asked.week_start, asked.text) == (date(2026, 3, 9), "Whom do I owe a call?")
    assert app.reviews.week().question == "Whom do I owe a call?"
    app.reviews.set_question("Whom do I owe a visit?")
    assert [app.reviews.question_on(date(2026, 3, 9) + timedelta(days=n)) for n in range(7)] == ["Whom do I owe a visit?"] * 7
    assert app.reviews.question_on(date(2026, 3, 8)) is None and app.reviews.question_on(date(2026, 3, 16)) is None
    with pytest.raises(UserError) as refused:
        app.reviews.set_question("   ")
    assert refused.value.message == "The question cannot be empty."


# The values review


@pytest.fixture
def a_list_with_gaps(app, clock):
    """Honesty (rank 1) lived poorly, Courage shown often and never reflected on, Patience fine, and
    friends' concerns about no value, about a snipped one and about Honesty."""
    ids = [app.values.add(title).id for title in ("Honesty", "Courage", "Patience", "Old habit")]
    honesty, courage, patience, old = ids
    app.values.archive(old, "Not mine any more")
    monday = date(2026, 3, 2)
    for n in range(14):
        day = monday + timedelta(days=n)
        clock.set(at(day, 9))
        app.values.focus(courage if n % 2 == 0 else honesty, 1)
        app.practice.card()
        if n % 2 == 1:
            clock.set(at(day, 22))
            app.journal.reflect("Shaded the truth again", rating=2)
        if n == 3:
            app.journal.reflect("Waited my turn", rating=4, day=day, value_id=patience)
    clock.set(at(date(2026, 3, 15), 21))
    notes = [app.feedback.add("Ana", "You never make it up after a row", kind="concern"),
             app.feedback.add("Ben", "When you hurt someone you move on as if nothing happened", kind="concern"),
             app.feedback.add("Cy", "Still about that old habit", kind="concern", value_id=old),
             app.feedback.add("Dee", "You said it was done when it wasn't", kind="concern", value_id=honesty),
             app.feedback.add("Eve", "Thanks!", kind="appreciation")]
    app.feedback.acted(app.feedback.add("Fay", "Dealt with", kind="concern").id)
    return {"ids": ids, "notes": [n.id for n in notes]}


def test_given_a_list_with_gaps_then_the_values_review_names_each_with_its_words(app, clock, a_list_with_gaps):
    honesty, courage, patience, _old = a_list_with_gaps["ids"]
    ana, ben, cy, dee, _eve = a_list_with_gaps["notes"]
    review = app.reviews.values()
    assert (review.start, review.end, review.weeks) == (date(2025, 12, 22), date(2026, 3, 15), 12)
    lines = {line.title: line for line in review.values}
    assert list(lines) == ["Honesty", "Courage", "Patience"]
    assert (lines["Honesty"].days_shown, lines["Honesty"].reflections, lines["Honesty"].average_rating) == (7, 7, 2.0)
    assert (lines["Courage"].days_shown, lines["Courage"].reflections) == (7, 0)
    assert lines["Honesty"].open_concerns == 1 and lines["Patience"].average_rating == 4.0
    kinds = [(g.kind, g.value_id, g.feedback_ids) for g in review.gaps]
    assert kinds == [("ranked_high_lived_low", honesty, (dee,)), ("never_reflected", courage, ()),
                     ("concerns_without_value", None, (ana, ben, cy))]
    assert "You never make it up after a row" in review.gaps[2].text and "Is a value missing?" in review.gaps[2].text
    assert {f.id for f in review.concerns} == {ana, ben, cy, dee}


def test_a_shorter_period_sees_less_and_a_bad_number_of_weeks_is_refused(app, clock, a_list_with_gaps):
    review = app.reviews.values(weeks=1)
    assert review.start == date(2026, 3, 9)
    assert next(v for v in review.values if v.title == "Courage").days_shown == 3
    for bad in (0, 521):
        with pytest.raises(UserError) as refused:
            app.reviews.values(weeks=bad)
        assert "number of weeks" in refused.value.message


def test_when_a_value_is_added_from_the_review_and_it_is_saved_then_it_keeps_the_gaps_changes_and_note(
        app, clock, a_list_with_gaps):
    repairing = app.values.add("Repairing harm", "Make it right after I hurt someone.", rank=2)
    review = app.reviews.values()
    assert "concerns_without_value" in [g.kind for g in review.gaps]
    saved = app.reviews.save("Two friends said the same thing.")
    assert (saved.period_from, saved.period_to, saved.day) == (review.start, review.end, date(2026, 3, 15))
    assert saved.note == "Two friends said the same thing."
    assert [g["kind"] for g in saved.gaps] == [g.kind for g in review.gaps]
    assert any("Repairing harm" in change for change in saved.changes)
    assert [r.id for r in app.reviews.saved()] == [saved.id]
    clock.advance(timedelta(days=1))
    app.values.edit(repairing.id, title="Repairing harm I cause")
    again = app.reviews.save()
    assert len(again.changes) == 1 and "Repairing harm I cause" in again.changes[0]
    assert [r.id for r in app.reviews.saved()] == [again.id, saved.id]
    assert app.reviews.values_due() is False


def test_a_values_review_is_due_once_its_weeks_have_passed_since_the_practice_began(app, clock, three_values):
    clock.set(at(date(2026, 1, 5), 9))
    app.practice.card()
    clock.set(at(date(2026, 3, 29), 9))
    assert app.reviews.values_due() is False
    clock.set(at(date(2026, 3, 30), 9))
    assert app.reviews.values_due() is True
    app.settings.set("values_review_weeks", "20")
    assert app.reviews.values_due() is False


def test_today_offers_the_review_on_the_review_day_and_when_a_values_review_is_due(app, clock, three_values):
    clock.set(at(date(2026, 3, 7), 12))  # a Saturday
    app.practice.card()
    assert app.reviews.due_today() is False
    clock.set(at(date(2026, 3, 8), 12))  # Sunday, the review day
    assert app.reviews.due_today() is True
    app.settings.set("review_day", "monday")
    assert app.reviews.due_today() is False
    clock.set(at(date(2026, 6, 1), 12))  # twelve weeks since the first card: a values review is due
    app.settings.set("review_day", "sunday")
    assert app.reviews.due_today() is True


def test_a_saved_values_review_shows_in_the_lists_history_beside_the_revisions(app, clock, a_list_with_gaps):
    from valuesapp.ui.presenters.history import history_entries

    app.values.add("Repairing harm", "Make it right after I hurt someone.", rank=2)
    saved = app.reviews.save("Two friends said the same thing.")
    clock.advance(timedelta(hours=1))
    app.values.edit(app.values.list()[0].id, title="Honesty, first")

    entries = history_entries(app.values.history(), app.reviews.saved())
    summaries = [e.summary for e in entries]
    saved_at = summaries.index("Values review saved")
    assert saved_at == 1, summaries  # after the later rewording, before the value added from the review
    assert "Repairing harm" in summaries[2]
    review = entries[saved_at]
    assert review.review and review.detail.endswith("Note: Two friends said the same thing.")
    assert f"{len(saved.gaps)} gaps seen, {len(saved.changes)} changes made" in review.detail
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
