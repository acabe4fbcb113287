"""Looking back per value: counts, averages, rating trends and the timeline that brings a value's story together."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from valuesapp.core.errors import NotFound, UserError
from valuesapp.services.insights import RatingPoint

DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
MARCH_2 = date(2026, 3, 2)  # a Monday, and "today" on the fixed clock


def test_stats_count_picks_and_reflections_and_average_only_rated_ones(app, clock):
    honesty = app.values.add("Honesty")
    courage = app.values.add("Courage")
    quiet = app.values.add("Quiet")
    picked = []
    for _ in range(4):  # four days of picks: rotation shows each value before any repeats
        picked.append(app.practice.card().value.id)
        clock.advance(DAY)
    app.journal.reflect("Told the truth.", rating=4, day=MARCH_2, value_id=honesty.id)
    app.journal.reflect("Told it again.", rating=5, day=MARCH_2 + DAY, value_id=honesty.id)
    app.journal.reflect("No rating this time.", day=MARCH_2 + 2 * DAY, value_id=honesty.id)
    app.journal.reflect("Spoke up.", rating=1, day=MARCH_2 + DAY, value_id=courage.id)
    app.journal.reflect("A day without a value.", rating=3, day=MARCH_2 - 5 * DAY)

    stats = {s.value_id: s for s in app.insights.value_stats()}
    assert [s.title for s in app.insights.value_stats()] == ["Honesty", "Courage", "Quiet"]
    h = stats[honesty.id]
    assert (h.reflections, h.rated, h.average_rating) == (3, 2, 4.5)
    assert (h.first_reflected, h.last_reflected) == (MARCH_2, MARCH_2 + 2 * DAY)
    assert stats[courage.id].average_rating == 1.0
    assert stats[quiet.id].reflections == 0 and stats[quiet.id].average_rating is None
    assert stats[quiet.id].first_reflected is None
    for value_id, s in stats.items():
        assert s.times_picked == picked.count(value_id)
    assert sum(s.times_picked for s in stats.values()) == 4
    assert app.insights.value_stat(honesty.id) == h


def test_archived_values_keep_their_record_but_silent_ones_drop_out(app):
    kept = app.values.add("Patience")
    silent = app.values.add("Thrift")
    app.values.add("Care")
    app.journal.reflect("Waited my turn.", rating=2, day=MARCH_2 - DAY, value_id=kept.id)
    app.values.archive(kept.id, "Became a habit")
    app.values.archive(silent.id, "Not mine")
    stats = app.insights.value_stats()
    assert [(s.title, s.archived) for s in stats] == [("Care", False), ("Patience", True)]
    assert [s.title for s in app.insights.value_stats(include_archived=False)] == ["Care"]
    assert app.insights.value_stat(silent.id).archived
    with pytest.raises(NotFound):
        app.insights.value_stat(999)


def test_the_rating_trend_averages_each_period_exactly(app):
    v = app.values.add("Kindness")
    other = app.values.add("Other")
    ratings = {MARCH_2 - 14 * DAY: [2], MARCH_2 - 13 * DAY: [3, 4], MARCH_2 - 7 * DAY: [5], MARCH_2: [1]}
    for day, rs in ratings.items():
        for r in rs:
            app.journal.reflect(f"Rated {r}.", rating=r, day=day, value_id=v.id)
    app.journal.reflect("Unrated: not in the trend.", day=MARCH_2 - DAY, value_id=v.id)
    app.journal.reflect("Another value's.", rating=5, day=MARCH_2 - 14 * DAY, value_id=other.id)

    by_day = app.insights.rating_trend(v.id, per="day")
    assert by_day == [
        RatingPoint(MARCH_2 - 14 * DAY, 2.0, 1),
        RatingPoint(MARCH_2 - 13 * DAY, 3.5, 2),
        RatingPoint(MARCH_2 - 7 * DAY, 5.0, 1),
        RatingPoint(MARCH_2, 1.0, 1),
    ]
    # Weeks start on Monday: Feb 16 (Mon) and Feb 17 fall in one week, weighted by count: (2+3+4)/3.
    assert app.insights.rating_trend(v.id, per="week") == [
        RatingPoint(date(2026, 2, 16), 3.0, 3),
        RatingPoint(date(2026, 2, 23), 5.0, 1),
        RatingPoint(MARCH_2, 1.0, 1),
    ]
    assert app.insights.rating_trend(v.id, per="month") == [
        RatingPoint(date(2026, 2, 1), 3.5, 4),
        RatingPoint(date(2026, 3, 1), 1.0, 1),
    ]
    assert app.insights.rating_trend(v.id, since=MARCH_2 - 7 * DAY, per="day") == by_day[2:]
    assert app.insights.rating_trend(v.id, until=MARCH_2 - 14 * DAY, per="day") == by_day[:1]


def test_the_rating_trend_refuses_bad_requests(app):
    v = app.values.add("Kindness")
    assert app.insights.rating_trend(v.id) == []
    with pytest.raises(UserError, match="per one of"):
        app.insights.rating_trend(v.id, per="year")
    with pytest.raises(UserError, match="before it starts"):
        app.insights.rating_trend(v.id, since=MARCH_2, until=MARCH_2 - DAY)
    with pytest.raises(NotFound):
        app.insights.rating_trend(404)


def test_the_timeline_puts_reflections_repairs_and_feedback_together_newest_first(app, clock):
    v = app.values.add("Honesty")
    elsewhere = app.values.add("Courage")
    app.journal.reflect("Owned the mistake.", rating=4, day=MARCH_2 - 3 * DAY, value_id=v.id)
    note = app.feedback.add("Ana", "You glossed over the numbers.", kind="concern", value_id=v.id,
                            received_on=MARCH_2 - 2 * DAY)
    app.feedback.add("Ben", "Not about honesty.", kind="appreciation", value_id=elsewhere.id)
    repair = app.repairs.add("Sam", "Blamed the tooling.", kind="apology", value_id=v.id)  # created "today"
    clock.advance(DAY)
    app.repairs.done(repair.id, "Sam laughed it off.")
    clock.advance(MINUTE)
    released = app.repairs.add("Kim", "Missed the call.", value_id=v.id)
    clock.advance(MINUTE)
    app.repairs.release(released.id, "Kim moved away.")
    clock.advance(MINUTE)
    app.journal.reflect("Kept it straight.", day=MARCH_2 + DAY, value_id=v.id)

    entries = app.insights.timeline(v.id)
    assert [(e.day, e.kind, e.headline) for e in entries] == [
        (MARCH_2 + DAY, "reflection", "Reflection"),
        (MARCH_2 + DAY, "repair", "Repair to Kim released"),
        (MARCH_2 + DAY, "repair", "Repair owed to Kim (apology)"),
        (MARCH_2 + DAY, "repair", "Repair with Sam done"),
        (MARCH_2, "repair", "Repair owed to Sam (apology)"),
        (MARCH_2 - 2 * DAY, "feedback", "Concern from Ana"),
        (MARCH_2 - 3 * DAY, "reflection", "Reflection"),
    ]
    assert entries[1].text == "Kim moved away." and entries[3].text == "Sam laughed it off."
    assert entries[-1].rating == 4 and entries[5].state == "new" and entries[5].ref_id == note.id
    assert [e.headline for e in app.insights.timeline(v.id, limit=2)] == ["Reflection", "Repair to Kim released"]
    assert app.insights.timeline(elsewhere.id)[0].headline == "Appreciation from Ben"
    assert len(app.insights.timeline(v.id, limit=None)) == 7


def test_a_repair_logged_after_midnight_belongs_to_the_practice_day_before(app, clock):
    v = app.values.add("Honesty")
    clock.advance(timedelta(hours=13, minutes=30))  # 02:30 in Berlin on March 3: still March 2's practice day
    app.repairs.add("Sam", "Snapped at Sam.", value_id=v.id)
    assert app.insights.timeline(v.id)[0].day == MARCH_2
