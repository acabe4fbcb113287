"""The daily practice: today's value, a focus, pauses, and the reflections logged on it.

The top-level commands here (``today``, ``focus``, ``pause``, ``pauses``, ``unpause``, ``reflect``,
``journal``) are plain functions, put on the root command in ``valuesapp.cli``, where the order of
``valuesapp --help`` is kept; ``valuesapp reflection ...`` is this module's own group.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from valuesapp.cli.output import created, echo, emit, emit_json
from valuesapp.cli.shared import JsonFlag, day_option, services
from valuesapp.core.errors import UserError
from valuesapp.core.limits import RATING_MAX, RATING_MIN, parse_date
from valuesapp.core.words import plural

reflection_group = typer.Typer(help="Edit or delete a logged reflection.", no_args_is_help=True)


def today(as_json: JsonFlag = False) -> None:
    """Show the day's value (picking it if nobody has yet today)."""
    s = services()
    card = s.practice.card()
    if as_json:
        from valuesapp.services.views import to_jsonable

        emit_json({**to_jsonable(card), "streak": s.practice.streak()})
        return
    if card.value is None:
        echo(f"{card.date}: {card.message or card.reason}")
        if card.paused:
            echo(card.reason)
        return
    v = card.value
    echo(f"{card.date}  #{v.rank}  {v.title}")
    if v.description:
        echo(f"  {v.description}")
    echo(f"  Why today: {card.reason}")
    echo(f"  Ask yourself: {card.prompt}")
    echo(f"  Streak: {plural(s.practice.streak(), 'reflected day', 'reflected days')}")


def focus(
    value_id: Annotated[Optional[int], typer.Argument(help="The value to focus on.")] = None,
    days: Annotated[int, typer.Option("--days", help="How many days, starting today (tomorrow if today's value is already picked).")] = 7,
    clear: Annotated[bool, typer.Option("--clear", help="End the current focus.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Focus on one value for the next N days (it overrides the pick strategy)."""
    s = services()
    if clear:
        ended = s.values.clear_focus()
        echo(f"Focus on {ended.value_title} ended." if ended else "There was no focus to end.")
        return
    if value_id is None:
        raise UserError("Name the value to focus on (valuesapp focus VALUE_ID --days N), or use --clear.")
    pin = s.values.focus(value_id, days)
    emit(pin, as_json, f"Focusing on {pin.value_title} from {pin.start} through {pin.end}.")


# Pauses


def pause(
    from_: Annotated[str, typer.Option("--from", help="First paused day, YYYY-MM-DD.")],
    to: Annotated[str, typer.Option("--to", help="Last paused day, YYYY-MM-DD.")],
    reason: Annotated[str, typer.Option("--reason")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Pause the practice for a date range: no picks, and the streak holds."""
    p = services().practice.pause(parse_date(from_, field="--from date"), parse_date(to, field="--to date"), reason)
    created("pause", p, as_json, f"{p.start} to {p.end}")


def pauses(as_json: JsonFlag = False) -> None:
    """List pauses, latest first."""
    emit(services().practice.pauses(), as_json, lambda p: f"{p.id:>4}  {p.start} to {p.end}  {p.reason}")


def unpause(pause_id: int) -> None:
    """Remove a pause."""
    p = services().practice.remove_pause(pause_id)
    echo(f"Removed the pause from {p.start} to {p.end}.")


# Reflections


def reflect(
    text: str,
    rating: Annotated[Optional[int], typer.Option("--rating", help=f"How well you lived the value, {RATING_MIN}-{RATING_MAX}.")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="A past day, YYYY-MM-DD (default: today).")] = None,
    value: Annotated[Optional[int], typer.Option("--value", help="Reflect on this value instead of the day's.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Log a reflection on the day's value."""
    r = services().journal.reflect(text, rating=rating, day=day_option(date_), value_id=value)
    created("reflection", r, as_json, f"{r.day}" + (f" on {r.value_title}" if r.value_title else ""))


def _reflection_lines(r) -> str:
    stars = f"  {r.rating}/5" if r.rating else ""
    body = "\n".join(f"    {line}" for line in r.text.splitlines() or [""])
    return f"[{r.id}] {r.day}  {r.value_title or '(no value)'}{stars}\n{body}"


def journal(
    value: Annotated[Optional[int], typer.Option("--value", help="Only this value's reflections.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this day, YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this day, YYYY-MM-DD.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", help="Text to look for.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many, newest first.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Your reflections, newest first."""
    items = services().journal.list(
        value_id=value, since=day_option(since, "--since date"), until=day_option(until, "--until date"),
        search=search, limit=limit,
    )
    emit(items, as_json, _reflection_lines, empty="No reflections match.")


@reflection_group.command("edit")
def reflection_edit(
    reflection_id: int,
    text: Annotated[Optional[str], typer.Option("--text")] = None,
    rating: Annotated[Optional[int], typer.Option("--rating", help=f"{RATING_MIN}-{RATING_MAX}.")] = None,
    clear_rating: Annotated[bool, typer.Option("--clear-rating")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Change a reflection's text or rating."""
    if text is None and rating is None and not clear_rating:
        raise UserError("Say what to change: --text TEXT, --rating N or --clear-rating.")
    kwargs: dict[str, Any] = {"text": text}
    if rating is not None or clear_rating:
        kwargs["rating"] = None if clear_rating else rating
    r = services().journal.edit(reflection_id, **kwargs)
    emit(r, as_json, f"Edited reflection {r.id}.")


@reflection_group.command("delete")
def reflection_delete(reflection_id: int) -> None:
    """Delete a reflection."""
    r = services().journal.delete(reflection_id)
    echo(f"Deleted reflection {r.id} of {r.day}.")
