"""The Journal, as plain data: which filters hold, the page of reflections shown, and what the status
line, the no-match message and each reflection's buttons say.

Filters are applied only once they are valid, so a half-typed date never empties the list; a date that
is not one, or a range that ends before it starts, is said beside its field and the last valid filters
still apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from valuesapp.core.errors import UserError
from valuesapp.core.limits import NOTE_MAX, ends_before_it_starts, parse_date
from valuesapp.core.words import day_label, plural
from valuesapp.services.views import ReflectionView, ValueView

PAGE_SIZE = 20
ALL_VALUES = "all"
ENTRIES, BY_VALUE = "entries", "values"
EARLIER_THAN_FROM = "Earlier than “From”"  # the range rule, short enough for a half-width field on a phone


@dataclass(frozen=True)
class Filters:
    value_id: int | None = None
    since: date | None = None
    until: date | None = None
    search: str = ""

    @property
    def active(self) -> bool:
        return self != Filters()

    def query(self) -> dict:
        return {"value_id": self.value_id, "since": self.since, "until": self.until, "search": self.search or None}


# The value menu


@dataclass(frozen=True)
class Option:
    key: str
    text: str


ALL_VALUES_OPTION = Option(ALL_VALUES, "All values")


def value_options(values: Sequence[ValueView]) -> tuple[Option, ...]:
    """Every value, snipped ones too (old reflections are about them), after "All values"."""
    return (ALL_VALUES_OPTION,) + tuple(
        Option(str(v.id), v.title + (" (snipped)" if v.archived else "")) for v in values)


def keep_known_value(filters: Filters, values: Sequence[ValueView]) -> Filters:
    """A value deleted meanwhile (by another tab, the CLI, an import) is no longer filtered on."""
    if filters.value_id is not None and filters.value_id not in {v.id for v in values}:
        return replace(filters, value_id=None)
    return filters


def chosen_option(filters: Filters) -> str:
    return str(filters.value_id) if filters.value_id else ALL_VALUES


def value_title(options: Sequence[Option], value_id: int | None) -> str | None:
    return next((o.text for o in options if o.key == str(value_id)), None)


# Reading what was typed


@dataclass(frozen=True)
class DayReading:
    day: date | None  # None: left empty, or not a date
    error: str | None


def read_day(typed: str) -> DayReading:
    raw = typed.strip()
    if not raw:
        return DayReading(None, None)
    try:
        return DayReading(parse_date(raw), None)
    except UserError as exc:
        return DayReading(None, exc.message)


@dataclass(frozen=True)
class FilterReading:
    since_error: str | None
    until_error: str | None
    filters: Filters | None  # None: something typed is wrong, so the last valid filters stay


def read_filters(*, since: str, until: str, value: str | None, search: str) -> FilterReading:
    """The filters as typed: applied when both dates are dates and the range does not end before it starts."""
    first, last = read_day(since), read_day(until)
    until_error = last.error
    if first.error is None and last.error is None and ends_before_it_starts(first.day, last.day):
        until_error = EARLIER_THAN_FROM
    if first.error or until_error:
        return FilterReading(first.error, until_error, None)
    value_id = None if value in (None, ALL_VALUES) else int(value)
    return FilterReading(None, None, Filters(value_id, first.day, last.day, search.strip()))


# What the list shows


@dataclass(frozen=True)
class Entry:
    reflection: ReflectionView  # what editing and deleting act on
    when: str
    value: str
    edit_label: str
    delete_label: str


@dataclass(frozen=True)
class Entries:
    status: str
    entries: tuple[Entry, ...]
    more: bool  # a "Show more" button after them
    no_match: str | None  # nothing matches: this says what was asked for
    clear_shown: bool  # the "Clear filters" button under the filters (one on the screen at a time)


def present_entries(found: Sequence[ReflectionView], *, shown: int, filters: Filters,
                    value_title: str | None) -> Entries:
    """``found``: up to ``shown + 1`` reflections, so the one past the page tells whether there are more."""
    more, page = len(found) > shown, tuple(found[:shown])
    return Entries(
        status=status_line(len(page), more, filters.active),
        entries=tuple(entry(r) for r in page),
        more=more,
        no_match=None if page else (
            f"Nothing matches {describe_filters(filters, value_title)}. Try other words or dates."),
        clear_shown=filters.active and bool(page),  # with no match, the message's own button clears them
    )


def entry(r: ReflectionView) -> Entry:
    when = day_label(r.day)
    return Entry(r, when, r.value_title or "No value", f"Edit reflection from {when}", f"Delete reflection from {when}")


def status_line(count: int, more: bool, filtered: bool) -> str:
    noun = "matching reflection" if filtered else "reflection"
    shown = f"{count:,}+ {noun}s" if more else plural(count, noun)
    return shown if filtered else f"Newest first · showing {shown}"


def describe_filters(filters: Filters, value_title: str | None) -> str:
    """The filters in words, for "Nothing matches …": "“budget” on Honesty on Fri 27 Nov 2026"."""
    parts = []
    if filters.search:
        parts.append(f"“{filters.search}”")
    if filters.value_id is not None:
        parts.append(f"on {value_title or 'this value'}")
    if filters.since and filters.until and filters.since == filters.until:
        parts.append(f"on {day_label(filters.since)}")
    else:
        if filters.since:
            parts.append(f"from {day_label(filters.since)}")
        if filters.until:
            parts.append(f"up to {day_label(filters.until)}")
    return " ".join(parts) or "these filters"


def counter(text: str) -> str:
    """The edit box's count as people write numbers: "42/10,000", not "42/10000"."""
    return f"{len(text):,}/{NOTE_MAX:,}"


def edit_title(r: ReflectionView) -> str:
    return f"Edit reflection from {day_label(r.day)}"


def deleted(r: ReflectionView) -> str:
    return f"Reflection from {day_label(r.day)} deleted."
