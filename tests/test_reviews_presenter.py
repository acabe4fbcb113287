"""What the Review screen says, decided without a browser: the week's words and grid, and the list's gaps."""

from __future__ import annotations

from datetime import date, timedelta

from tests.test_reviews import a_list_with_gaps, at, live_a_week  # noqa: F401  (a fixture and story helpers)
from valuesapp.ui.presenters.review import present_saved, present_values, present_week


def test_a_lived_week_reads_as_words_and_a_grid_of_seven_days(app, clock):
    honesty = app.values.add("Honesty").id
    monday = date(2026, 3, 2)
    app.practice.pause(monday + timedelta(days=3), monday + timedelta(days=3), "Ill")
    live_a_week(app, clock, monday, [4, None, 2, None, 5, 3, 1])
    app.reviews.set_question("Whom do I owe a call?")
    shown = present_week(app.reviews.week())
    assert shown.heading == "Week of 2 March to 8 March 2026" and shown.empty is None
    (value,) = shown.values
    assert value.title == "Honesty" and value.summary == "6 days shown · 5 reflections · lived 3 of 5"
    assert value.compared == ""  # the first week of use
    (row,) = shown.grid
    assert [c.text for c in row.cells] == ["4", "•", "2", "–", "5", "3", "1"]
    assert row.cells[0].label == "Honesty, Monday 2 March: rated 4"
    assert row.cells[1].label == "Honesty, Tuesday 3 March: the card, not rated"
    assert row.cells[3].label == "Honesty, Thursday 5 March: paused"
    assert shown.day_labels[6] == "Sunday 8 March"
    assert shown.question_label == "Question for the week of 9 March" and shown.question == "Whom do I owe a call?"
    assert shown.repairs == "Repairs: 0 opened · 0 done · 0 released" and shown.oldest_owed == "Nothing still owed."
    assert honesty


def test_a_week_after_others_compares_and_says_who_is_still_owed(app, clock):
    honesty = app.values.add("Honesty").id
    live_a_week(app, clock, date(2026, 2, 23), [2, None, None, None, None, None, None], value_ids=[honesty] * 7)
    live_a_week(app, clock, date(2026, 3, 2), [4, None, None, None, None, None, None], value_ids=[honesty] * 7)
    app.repairs.add("Sam", "Snapped at Sam", kind="apology")
    app.feedback.add("Mia", "You listened well", kind="appreciation")
    shown = present_week(app.reviews.week())
    assert shown.values[0].compared == "4 weeks before: 2 of 5 (up)"
    assert shown.oldest_owed == "Oldest still owed: Sam, 0 days." and shown.repairs.startswith("Repairs: 1 opened")
    assert shown.notes_heading == "1 note from friends" and shown.notes == (("Mia · appreciation", "You listened well"),)


def test_a_week_with_no_values_says_so(app, clock):
    clock.set(at(date(2026, 3, 8), 21))
    shown = present_week(app.reviews.week())
    assert shown.empty == "No value came up this week." and shown.grid == ()
    assert shown.notes_heading == "No notes from friends this week."


def test_the_list_review_names_each_gap_with_the_friends_words(app, a_list_with_gaps):  # noqa: F811
    shown = present_values(app.reviews.values())
    assert shown.heading == "Your list over 12 weeks (22 December 2025 to 15 March 2026)"
    assert [(v.rank, v.title) for v in shown.values] == [(1, "Honesty"), (2, "Courage"), (3, "Patience")]
    assert shown.values[0].summary == "7 days shown · 7 reflections · lived 2 of 5 · 1 open concern"
    assert [g.heading for g in shown.gaps] == ["Ranked high, lived low", "Shown often, never reflected on",
                                                "Is a value missing?"]
    missing = shown.gaps[2]
    assert missing.text == "Friends' concerns that touch no value on your list:"
    assert missing.value_id is None and missing.concerns[0] == "Ana: \u201cYou never make it up after a row\u201d"
    assert len(missing.concerns) == 3
    assert shown.gaps[0].concerns == ("Dee: \u201cYou said it was done when it wasn't\u201d",)


def test_saved_reviews_read_as_one_line_each(app, a_list_with_gaps):  # noqa: F811
    assert present_saved(app.reviews.saved()) == ()
    app.reviews.save("Add repairing harm.")
    assert present_saved(app.reviews.saved()) == ("15 March 2026: 3 gaps, 5 changes. Add repairing harm.",)  # 4 added, 1 snipped


def test_todays_card_asks_the_weeks_question_and_today_offers_the_review_when_due(app, clock):
    from valuesapp.ui.presenters.today import Box, present_today

    app.values.add("Honesty")
    clock.set(at(date(2026, 3, 8), 21))
    app.reviews.set_question("Whom do I owe a call?")
    clock.set(at(date(2026, 3, 9), 9))
    overview = app.overview.today()
    shown = present_today(overview, values_ever=1, box=Box(), pending=None,
                          week_question=app.reviews.question_on(overview.card.date), review_due=app.reviews.due_today())
    assert shown.card.question == "Whom do I owe a call?" and shown.review_due is False
    before = present_today(overview, values_ever=1, box=Box(), pending=None)
    assert before.card.question == "" and before.review_due is False
