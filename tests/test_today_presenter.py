"""Today's screen, decided without a browser: stories told to the services on a fixed clock, then read
through the presenter exactly as the screen reads them (the overview, every value ever, the kept draft)."""

from __future__ import annotations

from datetime import date, timedelta

from valuesapp.ui.presenters.today import (
    NOTHING_TICKED,
    Box,
    TodayView,
    chosen_starters,
    present_today,
    reflection_saved,
    starters_added,
)

DAY = timedelta(days=1)
MONDAY = date(2026, 3, 2)  # the conftest clock's practice day


def today(app, box: Box = Box()) -> TodayView:
    """What the Today screen would show now, with ``box`` holding what is typed."""
    return present_today(app.overview.today(), values_ever=len(app.values.list(include_archived=True)),
                         box=box, pending=app.drafts.pending())


def test_with_no_values_yet_today_offers_common_values_with_three_ticked(app):
    shown = today(app)
    assert shown.first_run
    assert [s.title for s in shown.starters if s.ticked] == ["Honesty", "Courage", "Kindness"]
    assert shown.starters[0].note == "Say what is true, even when it is inconvenient."
    # Ticking none asks for one; ticking two adds those two, in the list's order
    assert chosen_starters([False] * len(shown.starters)) == []
    assert NOTHING_TICKED == "Tick at least one value, or start from scratch."
    ticks = [s.title in ("Patience", "Honesty") for s in shown.starters]
    assert [title for title, _ in chosen_starters(ticks)] == ["Honesty", "Patience"]
    assert starters_added(2) == "Added 2 values. Reorder them on the Values screen."


def test_given_two_values_when_the_day_turns_then_the_card_shows_the_new_day(app, clock):
    app.values.add("Honesty", "Say what is true.")
    app.values.add("Courage")
    monday = today(app)
    assert not monday.first_run and monday.no_card is None
    assert monday.card.date == "Monday 2 March 2026"
    assert monday.card.strategy == "Rotation" and monday.card.rank in ("Rank 1", "Rank 2")
    assert monday.card.why.startswith("Why today: ")
    assert monday.card.streak == "Reflect today to start a streak."

    clock.advance(DAY)
    tuesday = today(app)
    assert tuesday.card.date == "Tuesday 3 March 2026"
    assert {monday.card.title, tuesday.card.title} == {"Honesty", "Courage"}  # a rotation shows each once
    described = {"Honesty": "Say what is true.", "Courage": ""}
    assert tuesday.card.description == described[tuesday.card.title]  # an empty note draws no line


def test_given_a_reflection_yesterday_the_streak_counts_it_and_today_lists_what_was_saved(app, clock):
    app.values.add("Honesty")
    app.journal.reflect("Said no to the extra project.", rating=4)
    assert today(app).card.streak == "1 day reflected in a row"
    (saved,) = today(app).reflect.reflected_today
    assert (saved.text, saved.rating) == ("Said no to the extra project.", 4)
    assert reflection_saved(4) == "Reflection saved. Rated 4 of 5."
    assert reflection_saved(None) == "Reflection saved."
    clock.advance(DAY)
    assert today(app).reflect.reflected_today == ()


def test_given_every_value_snipped_it_is_no_first_run_and_there_is_nothing_to_reflect_on(app):
    honesty = app.values.add("Honesty")
    app.values.archive(honesty.id, "Lived it for a year.")
    shown = today(app)
    assert not shown.first_run and shown.card is None and shown.reflect is None
    assert (shown.no_card.paused, shown.no_card.title) == (False, "No value to pick")
    assert shown.no_card.text == "All your values are snipped. Add or restore one on the Values screen."


def test_given_a_pause_today_the_card_says_paused_and_why(app):
    app.values.add("Honesty")
    app.practice.pause(MONDAY, MONDAY + DAY, "Ill")
    shown = today(app)
    assert shown.no_card.paused and shown.no_card.title == "Paused today"
    assert shown.reflect is None


def test_given_a_half_typed_reflection_begun_yesterday_when_todays_card_opens_it_stays_with_yesterday(app, clock):
    app.values.add("Honesty")
    app.values.add("Courage")
    typing = today(app, Box("Started before the day turned.", 3))
    assert typing.box.day == MONDAY and typing.reflect.notes == ()

    clock.advance(DAY)
    turned = today(app, typing.box)
    assert turned.card.date == "Tuesday 3 March 2026"
    assert turned.box == Box("Started before the day turned.", 3, MONDAY)  # still Monday's, stars and all
    assert turned.reflect.notes == ("This reflection will be saved for Monday 2 March, the day you began it.",)
    # Once saved (the box empties), the box belongs to the day on the card again
    assert today(app, Box()).box.day == MONDAY + DAY
    # A box holding only spaces has not begun: it follows the card
    assert today(app, Box("  \n", None, MONDAY)).box.day == MONDAY + DAY


def test_given_a_draft_kept_before_a_crash_when_today_opens_it_comes_back_into_the_empty_box(app, clock):
    app.values.add("Honesty")
    app.drafts.keep("Owned the late invoice", day=MONDAY, rating=2)
    clock.advance(DAY)
    shown = today(app)
    assert shown.restored
    assert (shown.box.text, shown.box.rating, shown.box.day) == ("Owned the late invoice", 2, MONDAY)
    saved_for, restored = shown.reflect.notes
    assert saved_for == "This reflection will be saved for Monday 2 March, the day you began it."
    assert restored.startswith("Restored the draft you were writing (last changed 02 Mar, ")
    # Words being typed now are never replaced by the draft
    typing = today(app, Box("Something else", None, MONDAY + DAY))
    assert not typing.restored and typing.box.text == "Something else" and typing.reflect.notes == ()


def test_given_open_repairs_the_overdue_one_comes_first_and_today_shows_five(app, clock):
    for n in range(6):
        app.repairs.add(f"Friend {n}", f"Repair {n}.")
    late = app.repairs.add("Sam", "Missed the call.", target_date=MONDAY)
    clock.advance(3 * DAY)
    repairs = today(app).repairs
    assert repairs.summary == "7 open · oldest 3 days · 1 overdue"
    assert len(repairs.lines) == 5
    first = repairs.lines[0]
    assert first.repair.id == late.id and first.overdue
    assert first.title == "Sam: Missed the call."
    assert first.subtitle == "apology · 3 days · overdue since 2026-03-02"
    assert first.done_label == "Mark repair with Sam done"
    assert [line.title for line in repairs.lines[1:3]] == ["Friend 0: Repair 0.", "Friend 1: Repair 1."]


def test_with_nothing_owed_and_no_notes_today_says_so(app):
    app.values.add("Honesty")
    shown = today(app)
    assert (shown.repairs.summary, shown.repairs.lines) == ("No repairs owed. Good.", ())
    assert shown.from_friends.count is None and shown.on_this_day == ()


def test_given_two_new_notes_from_friends_today_counts_them_and_shows_the_newest(app):
    app.values.add("Honesty")
    app.feedback.add("Ana", "You listened well today.", kind="appreciation", received_on=MONDAY - DAY)
    app.feedback.add("Ben", "You cut me off twice.", received_on=MONDAY)
    friends = today(app).from_friends
    assert friends.count == "2 new notes"
    assert (friends.newest_note, friends.newest_about) == ("You cut me off twice.", "Ben · concern · 2026-03-02")


def test_what_was_written_a_month_ago_comes_back_on_this_day(app):
    honesty = app.values.add("Honesty")
    app.journal.reflect("Told the truth about the budget.", rating=5, day=date(2026, 2, 2), value_id=honesty.id)
    app.journal.reflect("A year back.", day=date(2025, 3, 2))
    (year, month) = today(app).on_this_day
    assert (year.text, year.when, year.rating) == ("A year back.", "A year ago · no value", None)
    assert (month.text, month.when, month.rating) == ("Told the truth about the budget.", "A month ago · Honesty", 5)
