"""Counts are said in words the way a person says them, by one helper used everywhere."""

from __future__ import annotations

from datetime import date, timedelta

from valuesapp.core.words import day_label, long_day_label, plural


def test_one_is_singular_and_every_other_count_is_plural():
    assert plural(1, "day") == "1 day"
    assert plural(2, "day") == "2 days"
    assert plural(0, "note") == "0 notes"
    assert plural(-1, "day") == "-1 days"


def test_irregular_plurals_and_phrases_are_given_whole():
    assert plural(1, "reflected day", "reflected days") == "1 reflected day"
    assert plural(3, "entry", "entries") == "3 entries"


def test_large_counts_have_thousands_separators():
    assert plural(1204, "note") == "1,204 notes"
    assert plural(1_000_000, "day") == "1,000,000 days"


# Where counts are said: the command line's streak line


from tests.test_cli import cli  # noqa: E402,F401  (the fixture: the CLI on a fresh store and a fixed clock)


def test_today_says_a_streak_of_one_in_the_singular(cli):  # noqa: F811
    cli.ok("values", "add", "Honesty")
    cli.ok("reflect", "Told Sam the plan was late.")
    assert "  Streak: 1 reflected day\n" in cli.ok("today")
    cli.clock.advance(timedelta(days=1))
    cli.ok("reflect", "Said no to a meeting I did not need.")
    assert "  Streak: 2 reflected days\n" in cli.ok("today")


def test_what_an_import_would_add_is_counted_in_words():
    from valuesapp.services.views import ImportSummary

    said = ImportSummary(values=1, reflections=2, repairs=0, feedback=1, picks=1, pauses=1, links=1).describe()
    assert said == ("Adds 1 value, 2 reflections, 0 repairs, 1 feedback note, 1 daily pick, 1 pause, "
                    "1 friend's link.")


def test_the_cards_date_is_written_out_day_first_and_unpadded_like_every_other_date():
    assert long_day_label(date(2026, 12, 1)) == "Tuesday 1 December 2026"
    assert long_day_label(date(2026, 3, 2), year=False) == "Monday 2 March"
    assert day_label(date(2026, 12, 1)) == "Tue 1 Dec 2026"
