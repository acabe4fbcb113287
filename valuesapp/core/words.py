"""Counted words and named days, said the way a person says them: "1 day", "2 days", "1,204 notes".

Plurals built by hand at each message drifted ("1 reflected days", "3 note(s)"); one helper keeps
every screen, command and message saying a count the same way.
"""

from __future__ import annotations

from datetime import date


def plural(count: int, one: str, many: str | None = None) -> str:
    """The count with its word: the singular only for exactly one, thousands separated.

    ``many`` defaults to ``one + "s"``; give it for words that change otherwise ("entry", "entries")
    or for phrases whose plural is not at the end ("reflected day", "reflected days").
    """
    word = one if count == 1 else (many if many is not None else one + "s")
    return f"{count:,} {word}"


def day_label(day: date) -> str:
    """A day as the journal names it: "Fri 27 Nov 2026" (the weekday helps more than the number)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def long_day_label(day: date, *, year: bool = True) -> str:
    """The same, written out where there is room (the day's card): "Friday 27 November 2026", day first
    and unpadded like every other date the app writes."""
    return f"{day:%A} {day.day} {day:%B}" + (f" {day:%Y}" if year else "")
