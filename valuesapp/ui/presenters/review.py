"""The Review screen, as plain data: the week looked back on (with its Franklin grid) and the list reviewed.

``present_week`` and ``present_values`` read the services' read models and say every word and every cell
the screen draws, so the screen only lays them out, and these are tested without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from valuesapp.core import reviews as rules
from valuesapp.core.words import plural
from valuesapp.services.views import SavedReviewView, ValuesReview, WeekReview

DAY_LETTERS = ("M", "T", "W", "T", "F", "S", "S")
GAP_HEADINGS = {
    rules.RANKED_HIGH_LIVED_LOW: "Ranked high, lived low",
    rules.NEVER_REFLECTED: "Shown often, never reflected on",
    rules.CONCERNS_WITHOUT_VALUE: rules.MISSING_QUESTION,
}
LOOSE_CONCERNS = "Friends' concerns that touch no value on your list:"
PAUSED, SHOWN_UNRATED, NOT_SHOWN = "–", "•", ""  # glyphs every bundled font has


def short_day(day: date) -> str:
    return f"{day.day} {day:%B}"


def rating_text(average: float | None) -> str:
    return "not rated" if average is None else f"{average:g} of 5"


@dataclass(frozen=True)
class GridCell:
    text: str  # the rating, a dot for a card not rated, a dash for a paused day, nothing otherwise
    label: str  # what a screen reader says: "Honesty, Tuesday 3 March: rated 4"
    shown: bool


@dataclass(frozen=True)
class GridRow:
    title: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class WeekValue:
    title: str
    summary: str  # "3 days shown · 2 reflections · lived 3.5 of 5"
    compared: str  # "4 weeks before: 2 of 5 (up)", or "" in a first week


@dataclass(frozen=True)
class WeekView:
    heading: str
    empty: str | None  # said when no value came up
    values: tuple[WeekValue, ...]
    day_letters: tuple[str, ...]
    day_labels: tuple[str, ...]
    grid: tuple[GridRow, ...]
    repairs: str
    oldest_owed: str
    notes_heading: str
    notes: tuple[tuple[str, str], ...]  # (who and what kind, their words)
    question_label: str
    question: str


def present_week(review: WeekReview) -> WeekView:
    values = tuple(
        WeekValue(
            v.title,
            f"{plural(v.days_shown, 'day')} shown · {plural(v.reflections, 'reflection')} · "
            f"lived {rating_text(v.average_rating)}",
            "" if v.previous_average is None else
            f"4 weeks before: {rating_text(v.previous_average)}{_trend(v.average_rating, v.previous_average)}",
        )
        for v in review.values
    )
    grid = tuple(GridRow(v.title, tuple(_cell(v.title, c) for c in v.cells)) for v in review.values)
    r = review.repairs
    oldest = ("Nothing still owed." if r.oldest_open is None else
              f"Oldest still owed: {r.oldest_open.person}, {plural(r.oldest_open_days or 0, 'day')}.")
    return WeekView(
        heading=f"Week of {short_day(review.start)} to {short_day(review.end)} {review.end.year}",
        empty=None if review.values else "No value came up this week.",
        values=values,
        day_letters=DAY_LETTERS,
        day_labels=tuple(f"{d:%A} {short_day(d)}" for d in review.days),
        grid=grid,
        repairs=f"Repairs: {r.opened} opened · {r.done} done · {r.released} released",
        oldest_owed=oldest,
        notes_heading=("No notes from friends this week." if not review.feedback
                       else f"{plural(len(review.feedback), 'note')} from friends"),
        notes=tuple((f"{f.friend} · {f.kind}", f.note) for f in review.feedback),
        question_label=f"Question for the week of {short_day(review.next_week)}",
        question=review.question or "",
    )


def _trend(now: float | None, before: float) -> str:
    if now is None:
        return ""
    return " (up)" if now > before else " (down)" if now < before else " (the same)"


def _cell(title: str, cell: rules.Cell) -> GridCell:
    when = f"{title}, {cell.day:%A} {short_day(cell.day)}"
    if cell.paused:
        return GridCell(PAUSED, f"{when}: paused", False)
    if cell.rating is not None:
        return GridCell(f"{cell.rating:g}", f"{when}: rated {cell.rating:g}", cell.shown)
    if cell.shown:
        return GridCell(SHOWN_UNRATED, f"{when}: the card, not rated", True)
    return GridCell(NOT_SHOWN, f"{when}: not the card", False)


@dataclass(frozen=True)
class ListValue:
    id: int
    rank: int
    title: str
    summary: str


@dataclass(frozen=True)
class GapLine:
    heading: str
    text: str
    value_id: int | None
    concerns: tuple[str, ...]  # the friends' words the gap points at


@dataclass(frozen=True)
class ValuesView:
    heading: str
    values: tuple[ListValue, ...]
    gaps_heading: str
    gaps: tuple[GapLine, ...]


def present_values(review: ValuesReview) -> ValuesView:
    words = {f.id: f"{f.friend}: \u201c{f.note}\u201d" for f in review.concerns}
    return ValuesView(
        heading=f"Your list over {plural(review.weeks, 'week')} ({short_day(review.start)} {review.start.year} "
                f"to {short_day(review.end)} {review.end.year})",
        values=tuple(
            ListValue(v.id, v.rank, v.title,
                      f"{plural(v.days_shown, 'day')} shown · {plural(v.reflections, 'reflection')} · "
                      f"lived {rating_text(v.average_rating)} · {plural(v.open_concerns, 'open concern')}")
            for v in review.values
        ),
        gaps_heading="Gaps" if review.gaps else "No gaps: the list and the practice agree.",
        gaps=tuple(
            GapLine(GAP_HEADINGS[g.kind],
                    LOOSE_CONCERNS if g.kind == rules.CONCERNS_WITHOUT_VALUE else g.text,  # their words follow
                    g.value_id, tuple(words[i] for i in g.feedback_ids if i in words))
            for g in review.gaps
        ),
    )


def present_saved(saved: list[SavedReviewView]) -> tuple[str, ...]:
    """One line per saved values review, the latest first."""
    return tuple(
        f"{short_day(r.day)} {r.day.year}: {plural(len(r.gaps), 'gap')}, {plural(len(r.changes), 'change')}"
        + (f". {r.note}" if r.note else "")
        for r in saved
    )


def review_saved(saved: SavedReviewView) -> str:
    return f"Values review saved ({plural(len(saved.changes), 'change')} to the list)."
