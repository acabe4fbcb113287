"""``valuesapp review ...`` and ``valuesapp reviews``: the week looked back on, the list reviewed, the
question for next week, and the values reviews kept.

The JSON shapes are the issue's: a week is ``{"from", "to", "values", "repairs", "feedback", ...}``,
a values review ``{"from", "to", "values", "gaps"}``; each adds a little more for scripts (the grid's
cells, the paused days, the concerns' words), never less.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Optional

import typer

from valuesapp.cli.output import continued, emit, emit_json
from valuesapp.cli.shared import JsonFlag, day_option, services
from valuesapp.core.words import plural

group = typer.Typer(help="Look back: the weekly review and the values review.", no_args_is_help=True)


def week_doc(review) -> dict[str, Any]:
    return {
        "from": review.start, "to": review.end, "paused": list(review.paused),
        "values": [{"id": v.id, "title": v.title, "rank": v.rank, "days_shown": v.days_shown,
                    "reflections": v.reflections, "average_rating": v.average_rating,
                    "previous_average": v.previous_average,
                    "days": [{"day": c.day, "shown": c.shown, "rating": c.rating, "paused": c.paused} for c in v.cells]}
                   for v in review.values],
        "repairs": {"opened": review.repairs.opened, "done": review.repairs.done, "released": review.repairs.released,
                    "oldest_open_days": review.repairs.oldest_open_days,
                    "oldest_open_id": review.repairs.oldest_open.id if review.repairs.oldest_open else None},
        "feedback": {"received": len(review.feedback), "ids": [f.id for f in review.feedback]},
        "next_week": review.next_week, "question": review.question,
    }


def values_doc(review) -> dict[str, Any]:
    return {
        "from": review.start, "to": review.end, "weeks": review.weeks,
        "values": [{"id": v.id, "title": v.title, "rank": v.rank, "days_shown": v.days_shown,
                    "reflections": v.reflections, "average_rating": v.average_rating, "open_concerns": v.open_concerns}
                   for v in review.values],
        "gaps": [{"kind": g.kind, "value_id": g.value_id, "feedback_ids": list(g.feedback_ids), "text": g.text}
                 for g in review.gaps],
    }


def _rating(average: float | None) -> str:
    return "unrated" if average is None else f"{average:g}/5"


def _week_lines(review) -> Iterator[str]:
    yield f"Week {review.start} to {review.end}"
    if not review.values:
        yield "No value came up this week."
    for v in review.values:
        before = f" (four weeks before: {_rating(v.previous_average)})" if v.previous_average is not None else ""
        grid = " ".join("-" if c.paused else f"{c.rating:g}" if c.rating is not None else ("o" if c.shown else ".")
                        for c in v.cells)
        yield (f"  {v.title}: {plural(v.days_shown, 'day')} shown, {plural(v.reflections, 'reflection')}, "
               f"lived {_rating(v.average_rating)}{before}  [{grid}]")
    r = review.repairs
    oldest = f"; oldest still owed: {r.oldest_open.person}, {plural(r.oldest_open_days, 'day')}" if r.oldest_open else ""
    yield f"Repairs: {r.opened} opened, {r.done} done, {r.released} released{oldest}"
    yield f"Friends' notes: {len(review.feedback)}"
    for f in review.feedback:
        yield f"  {f.received_on} {f.friend} ({f.kind}): {continued(f.note)}"
    yield f"Question for the week of {review.next_week}: {review.question or '(none yet)'}"


def _values_lines(review) -> Iterator[str]:
    yield f"Values review {review.start} to {review.end} ({plural(review.weeks, 'week')})"
    for v in review.values:
        yield (f"  {v.rank}. {v.title}: {plural(v.days_shown, 'day')} shown, {plural(v.reflections, 'reflection')}, "
               f"lived {_rating(v.average_rating)}, {plural(v.open_concerns, 'open concern')}")
    yield "Gaps:" if review.gaps else "No gaps."
    for g in review.gaps:
        yield f"  - {continued(g.text)}"


@group.command("week")
def review_week(
    day: Annotated[Optional[str], typer.Option("--date", help="Any day of the week wanted, YYYY-MM-DD "
                                                              "(default: the last complete week).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The practice week, Monday to Sunday: each value's days, reflections and ratings, repairs, notes."""
    review = services().reviews.week(day_option(day, "--date"))
    if as_json:
        emit_json(week_doc(review))
    else:
        emit(review, False, _week_lines(review))


@group.command("values")
def review_values(
    weeks: Annotated[Optional[int], typer.Option("--weeks", help="How many weeks to look back (default: the setting).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The list reviewed: each value's record over the period, and the gaps it shows."""
    review = services().reviews.values(weeks)
    if as_json:
        emit_json(values_doc(review))
    else:
        emit(review, False, _values_lines(review))


@group.command("save")
def review_save(
    note: Annotated[str, typer.Option("--note", help="What you take from this review.")] = "",
    weeks: Annotated[Optional[int], typer.Option("--weeks", help="How many weeks it looked back (default: the setting).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Keep the current values review: its period, gaps, the list's changes since the last, and a note."""
    saved = services().reviews.save(note, weeks=weeks)
    emit(saved, as_json, f"Saved the values review of {saved.period_from} to {saved.period_to} "
                         f"({plural(len(saved.gaps), 'gap')}, {plural(len(saved.changes), 'change')}).")


@group.command("question")
def review_question(
    text: str,
    week: Annotated[Optional[str], typer.Option("--week", help="Any day of the week it is for (default: next week).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Set the question every card of a week asks."""
    asked = services().reviews.set_question(text, week_start=day_option(week, "--week date"))
    emit(asked, as_json, f"The week of {asked.week_start} asks: {asked.text}")


def _saved_line(r) -> str:
    note = f": {continued(r.note)}" if r.note else ""
    return (f"[{r.id}] {r.day} ({r.period_from} to {r.period_to}), {plural(len(r.gaps), 'gap')}, "
            f"{plural(len(r.changes), 'change')}{note}")


def reviews(as_json: JsonFlag = False) -> None:
    """The values reviews you saved, the latest first."""
    emit(services().reviews.saved(), as_json, _saved_line, empty="No values review saved yet.")
