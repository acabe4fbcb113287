"""The Journal's screen, decided without a browser: what typed filters do, which page of reflections is
shown and what the list, its status line and its buttons say."""

from __future__ import annotations

from datetime import date, timedelta

from valuesapp.ui.presenters.journal import (
    ALL_VALUES,
    EARLIER_THAN_FROM,
    PAGE_SIZE,
    Filters,
    chosen_option,
    deleted,
    edit_title,
    entry,
    keep_known_value,
    present_entries,
    read_day,
    read_filters,
    value_options,
    value_title,
)

DAY = timedelta(days=1)
MONDAY = date(2026, 3, 2)  # the conftest clock's practice day


def typed(since: str = "", until: str = "", value: str | None = ALL_VALUES, search: str = ""):
    return read_filters(since=since, until=until, value=value, search=search)


def test_given_a_from_and_a_to_that_make_sense_the_filters_apply():
    reading = typed("2026-02-23", " 2026-02-27 ", "3", "  budget ")
    assert (reading.since_error, reading.until_error) == (None, None)
    assert reading.filters == Filters(3, date(2026, 2, 23), date(2026, 2, 27), "budget")
    assert typed().filters == Filters()  # nothing typed: no filters, and none active
    assert typed(value=None).filters == Filters()


def test_given_a_to_earlier_than_the_from_the_field_says_so_and_the_last_filters_stay():
    reading = typed("2026-02-27", "2026-02-23")
    assert reading.filters is None  # the screen keeps what it showed
    assert (reading.since_error, reading.until_error) == (None, EARLIER_THAN_FROM)
    assert EARLIER_THAN_FROM == "Earlier than “From”"
    assert typed("2026-02-27", "2026-02-27").filters == Filters(since=date(2026, 2, 27), until=date(2026, 2, 27))


def test_given_a_half_typed_date_it_is_named_under_its_own_field():
    reading = typed("2026-02", "2026-02-01")
    assert reading.filters is None
    assert reading.since_error == "The date '2026-02' is not a date; use YYYY-MM-DD."
    assert reading.until_error is None  # no range message while the other end is not a date yet
    assert read_day("  ").day is None and read_day("  ").error is None
    assert read_day("2026-03-02").day == MONDAY


def test_the_value_menu_holds_every_value_and_forgets_one_deleted_meanwhile(app):
    honesty = app.values.add("Honesty")
    courage = app.values.add("Courage")
    app.values.archive(courage.id, "Lived it.")
    values = app.values.list(include_archived=True)
    options = value_options(values)
    assert [(o.key, o.text) for o in options] == [
        (ALL_VALUES, "All values"), (str(honesty.id), "Honesty"), (str(courage.id), "Courage (snipped)")]
    assert value_title(options, courage.id) == "Courage (snipped)"
    on_honesty = Filters(value_id=honesty.id)
    assert keep_known_value(on_honesty, values) == on_honesty and chosen_option(on_honesty) == str(honesty.id)
    gone = Filters(value_id=999, search="x")
    assert keep_known_value(gone, values) == Filters(search="x")
    assert chosen_option(Filters()) == ALL_VALUES


def test_given_more_reflections_than_a_page_the_list_shows_one_page_and_offers_more(app):
    honesty = app.values.add("Honesty")
    for n in range(PAGE_SIZE + 1):
        app.journal.reflect(f"Day {n}.", rating=3, day=MONDAY - n * DAY, value_id=honesty.id)
    found = app.journal.list(limit=PAGE_SIZE + 1)
    shown = present_entries(found, shown=PAGE_SIZE, filters=Filters(), value_title=None)
    assert shown.more and len(shown.entries) == PAGE_SIZE and shown.no_match is None
    assert shown.status == "Newest first · showing 20+ reflections"
    assert not shown.clear_shown  # nothing to clear
    newest = shown.entries[0]
    assert (newest.when, newest.value) == ("Mon 2 Mar 2026", "Honesty")
    assert (newest.edit_label, newest.delete_label) == ("Edit reflection from Mon 2 Mar 2026",
                                                       "Delete reflection from Mon 2 Mar 2026")
    assert edit_title(newest.reflection) == "Edit reflection from Mon 2 Mar 2026"
    assert deleted(newest.reflection) == "Reflection from Mon 2 Mar 2026 deleted."


def test_given_a_search_that_finds_nothing_the_list_says_what_was_asked_for(app):
    honesty = app.values.add("Honesty")
    app.journal.reflect("Told Sam the truth.", day=MONDAY, value_id=honesty.id)
    wanted = Filters(value_id=honesty.id, since=MONDAY, until=MONDAY, search="zebra")
    shown = present_entries(app.journal.list(**wanted.query(), limit=PAGE_SIZE + 1), shown=PAGE_SIZE,
                            filters=wanted, value_title="Honesty")
    assert shown.entries == () and not shown.more
    assert not shown.clear_shown  # the no-match message's own "Clear filters" is the one on screen
    found = Filters(search="sam")
    assert present_entries(app.journal.list(**found.query(), limit=PAGE_SIZE + 1), shown=PAGE_SIZE, filters=found,
                           value_title=None).clear_shown  # matches: the button under the filters clears them
    assert shown.status == "0 matching reflections"
    assert shown.no_match == "Nothing matches “zebra” on Honesty on Mon 2 Mar 2026. Try other words or dates."
    week = Filters(since=MONDAY - 6 * DAY, until=MONDAY)
    assert present_entries([], shown=PAGE_SIZE, filters=week, value_title=None).no_match == (
        "Nothing matches from Tue 24 Feb 2026 up to Mon 2 Mar 2026. Try other words or dates.")


def test_a_reflection_without_a_value_says_so(app):
    app.journal.reflect("Tired.", day=MONDAY - DAY)  # no value was picked that day
    (tired,) = app.journal.list()
    assert entry(tired).value == "No value"
