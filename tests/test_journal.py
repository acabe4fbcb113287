"""Stories about reflections: logging, rating, editing, deleting, listing and searching them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from valuesapp.core.errors import NotFound, UserError
from valuesapp.core.limits import NOTE_MAX
from tests.conftest import dump

DAY = timedelta(days=1)
MARCH_2 = date(2026, 3, 2)


def test_a_reflection_is_for_today_by_default_and_belongs_to_the_days_value(app, clock):
    # With no values at all a reflection is still welcome; it just belongs to no value.
    first = app.journal.reflect("No values yet, but a thought.")
    assert first.value_id is None and first.day == MARCH_2
    app.values.add("Honesty")
    app.values.add("Courage")
    r = app.journal.reflect("Told my boss the release would slip.", rating=4)
    card = app.practice.card()
    assert r.day == MARCH_2 == card.date
    assert (r.value_id, r.value_title) == (card.value.id, card.value.title)
    assert r.rating == 4 and r.text == "Told my boss the release would slip."
    assert r.created_at == r.updated_at == clock.now()
    assert app.journal.get(r.id) == r
    # Without a rating, and on another value than the day's when named.
    other = next(v for v in app.values.list() if v.id != card.value.id)
    r2 = app.journal.reflect("Thinking about the other one.", value_id=other.id)
    assert r2.rating is None and r2.value_id == other.id and r2.value_title == other.title
    # Before 04:00 the next morning it is still the same practice day.
    clock.advance(timedelta(hours=14, minutes=59))  # 03:59 in Berlin
    assert app.journal.reflect("Late night thought.").day == MARCH_2


def test_a_reflection_for_a_past_day_belongs_to_that_days_value_if_there_was_one(app, clock):
    app.values.add("A")
    app.values.add("B")
    monday = app.practice.card()
    clock.advance(DAY)
    tuesday = app.practice.card()
    clock.advance(3 * DAY)
    r = app.journal.reflect("Looking back at Monday.", day=MARCH_2, rating=2)
    assert (r.day, r.value_id) == (MARCH_2, monday.value.id)
    assert app.journal.reflect("And Tuesday.", day=MARCH_2 + DAY).value_id == tuesday.value.id
    # A day that never got a pick: no value, and asking does not make one up afterwards.
    lost = app.journal.reflect("A day I skipped.", day=MARCH_2 + 2 * DAY)
    assert lost.value_id is None and lost.value_title is None
    assert app.practice.card(MARCH_2 + 2 * DAY).value is None
    with pytest.raises(UserError, match="future"):
        app.journal.reflect("Tomorrow.", day=app.practice.today() + DAY)


def test_ratings_are_whole_numbers_from_1_to_5_and_a_bad_one_changes_nothing(app, store):
    app.values.add("A")
    keep = app.journal.reflect("kept", rating=3)
    before = dump(store)
    for bad in (0, 6, -1, True, False, 2.5, "3"):
        with pytest.raises(UserError, match="rating is a whole number from 1 to 5"):
            app.journal.reflect("never saved", rating=bad)
        with pytest.raises(UserError, match="1 to 5"):
            app.journal.edit(keep.id, rating=bad)
        assert dump(store) == before, bad
    assert [app.journal.reflect("ok", rating=n).rating for n in (1, 5)] == [1, 5]


def test_bad_reflections_are_refused_with_a_clear_message_and_change_nothing(app, store):
    app.values.add("A")
    keep = app.journal.reflect("kept")
    before = dump(store)
    for call, needle in [
        (lambda: app.journal.reflect(""), "cannot be empty"),
        (lambda: app.journal.reflect("  \n "), "cannot be empty"),
        (lambda: app.journal.reflect("x" * (NOTE_MAX + 1)), "limit is 10,000"),
        (lambda: app.journal.reflect("bad\x00byte"), "control characters"),
        (lambda: app.journal.reflect("on nothing", value_id=999), "no value with id 999"),
        (lambda: app.journal.edit(keep.id, text=""), "cannot be empty"),
        (lambda: app.journal.edit(999, text="x"), "no reflection with id 999"),
        (lambda: app.journal.delete(999), "no reflection with id 999"),
        (lambda: app.journal.list(since=MARCH_2, until=MARCH_2 - DAY), "ends .* before it starts"),
        (lambda: app.journal.list(value_id=999), "no value with id 999"),
    ]:
        with pytest.raises(UserError, match=needle):
            call()
        assert dump(store) == before
    assert app.journal.reflect("x" * NOTE_MAX).text == "x" * NOTE_MAX


def test_editing_a_reflection_changes_text_and_rating_and_keeps_the_rest(app, clock):
    app.values.add("A")
    r = app.journal.reflect("first draft", rating=2)
    clock.advance(timedelta(hours=1))
    edited = app.journal.edit(r.id, text="second draft")
    assert (edited.text, edited.rating, edited.day, edited.value_id) == ("second draft", 2, r.day, r.value_id)
    assert edited.created_at == r.created_at and edited.updated_at == clock.now()
    assert app.journal.edit(r.id, rating=5).rating == 5
    assert app.journal.edit(r.id, rating=None).rating is None  # a rating can be taken back
    assert app.journal.get(r.id).text == "second draft"


def test_deleting_a_reflection_and_undoing_it(app):
    app.values.add("A")
    keep = app.journal.reflect("keep me")
    gone = app.journal.reflect("delete me", rating=1)
    deleted = app.journal.delete(gone.id)
    assert deleted == gone
    assert [r.id for r in app.journal.list()] == [keep.id]
    with pytest.raises(NotFound):
        app.journal.get(gone.id)
    back = app.journal.restore(deleted)
    assert back == gone
    assert [r.id for r in app.journal.list()] == [gone.id, keep.id]
    with pytest.raises(UserError, match="still here"):
        app.journal.restore(deleted)
    # A new reflection after the undo gets a fresh id, never the restored one.
    assert app.journal.reflect("new").id not in (keep.id, gone.id)


def test_listing_by_date_range_and_by_value_newest_first(app, clock):
    a = app.values.add("A").id
    b = app.values.add("B").id
    made = {}
    for n in range(6):
        day = MARCH_2 - n * DAY
        made[day] = app.journal.reflect(f"day {n}", day=day, value_id=a if n % 2 == 0 else b)
    extra = app.journal.reflect("also today", value_id=b)
    everything = app.journal.list()
    assert [r.id for r in everything] == [extra.id] + [made[MARCH_2 - n * DAY].id for n in range(6)]
    in_range = app.journal.list(since=MARCH_2 - 4 * DAY, until=MARCH_2 - 2 * DAY)
    assert [r.day for r in in_range] == [MARCH_2 - 2 * DAY, MARCH_2 - 3 * DAY, MARCH_2 - 4 * DAY]
    assert [r.day for r in app.journal.list(since=MARCH_2 - DAY)] == [MARCH_2, MARCH_2, MARCH_2 - DAY]
    assert [r.day for r in app.journal.list(until=MARCH_2 - 4 * DAY)] == [MARCH_2 - 4 * DAY, MARCH_2 - 5 * DAY]
    assert {r.value_id for r in app.journal.list(value_id=a)} == {a}
    assert len(app.journal.list(value_id=a)) == 3
    only_b = app.journal.list(value_id=b, since=MARCH_2 - 2 * DAY)
    assert [r.text for r in only_b] == ["also today", "day 1"]
    assert [r.id for r in app.journal.on_day(MARCH_2)] == [extra.id, made[MARCH_2].id]
    assert [r.id for r in app.journal.list(limit=2, offset=1)] == [made[MARCH_2].id, made[MARCH_2 - DAY].id]
    # Reflections on a value that was later snipped are still listed by it.
    app.values.archive(a, "gone")
    assert len(app.journal.list(value_id=a)) == 3


def test_search_ignores_case_and_takes_percent_and_underscore_literally(app):
    app.values.add("A")
    texts = [
        "Kept my PROMISE to Sam.",
        "Broke a promise.",
        "Gave 50% of my attention.",
        "Gave 500 minutes.",
        "file_name mix-up",
        "filename fine",
        "Mein Ärger war groß.",
        "Back\\slash",
    ]
    ids = {t: app.journal.reflect(t).id for t in texts}

    def found(query):
        return {r.text for r in app.journal.list(search=query)}

    assert found("promise") == {"Kept my PROMISE to Sam.", "Broke a promise."}
    assert found("PrOmIsE to") == {"Kept my PROMISE to Sam."}
    assert found("50%") == {"Gave 50% of my attention."}
    assert found("%") == {"Gave 50% of my attention."}
    assert found("_") == {"file_name mix-up"}
    assert found("file_name") == {"file_name mix-up"}
    assert found("\\") == {"Back\\slash"}
    assert found("nothing like this") == set()
    assert found("ärger") == found("ÄRGER") == found("Ärger") == {"Mein Ärger war groß."}
    # Search combines with the other filters.
    assert app.journal.list(search="promise", since=MARCH_2 + DAY) == []
    assert len(ids) == len(texts)


def test_search_follows_every_change_to_the_text_and_folds_unicode_case(app):
    """On SQLite an FTS5 index finds the candidates (migration 0003); it must never go stale or differ."""
    app.values.add("A")
    summer = app.journal.reflect("Un été de patience.")
    shout = app.journal.reflect("ÉTÉ INDIEN, encore.")
    other = app.journal.reflect("Nothing seasonal.")

    def found(query, **kw):
        return [r.id for r in app.journal.list(search=query, **kw)]

    assert found("ÉTÉ") == found("été") == [shout.id, summer.id]
    assert found("été", limit=1) == [shout.id] and found("été", limit=1, offset=1) == [summer.id]
    assert found("té") == [shout.id, summer.id]  # two letters: below a trigram, still found
    app.journal.edit(other.id, text="An été after all.")
    assert found("after all") == [other.id] and found("seasonal") == []
    deleted = app.journal.delete(summer.id)
    assert found("patience") == []
    app.journal.restore(deleted)
    assert found("patience") == [summer.id]
    assert found('"quoted" words') == [] and found("été\" OR \"x") == []  # the query is text, not FTS syntax
