"""Counts are said in words the way a person says them, by one helper used everywhere."""

from __future__ import annotations

from valuesapp.core.words import plural


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
