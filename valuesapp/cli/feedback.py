"""``valuesapp feedback ...``: notes friends gave you, acknowledged, acted on, or turned into repairs."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from valuesapp.cli.output import created, echo, emit, feedback_line
from valuesapp.cli.shared import JsonFlag, day_option, services

group = typer.Typer(help="Friends' feedback notes.", no_args_is_help=True)


@group.command("list")
def feedback_list(
    state: Annotated[str, typer.Option("--state", help="new, acknowledged, acted_on or all.")] = "all",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many, newest first.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Notes from friends, newest first."""
    emit(services().feedback.list(state, limit=limit), as_json, feedback_line, empty="No feedback notes.")


@group.command("add")
def feedback_add(
    friend: str,
    note: str,
    kind: Annotated[str, typer.Option("--kind", help="concern, appreciation or suggestion.")] = "concern",
    value: Annotated[Optional[int], typer.Option("--value", help="The value it is about.")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="When it arrived, YYYY-MM-DD (default: today).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a note a friend gave you."""
    f = services().feedback.add(friend, note, kind=kind, value_id=value, received_on=day_option(date_))
    created("feedback note", f, as_json, f"from {f.friend}")


@group.command("ack")
def feedback_ack(feedback_id: int, as_json: JsonFlag = False) -> None:
    """Acknowledge a note."""
    f = services().feedback.ack(feedback_id)
    emit(f, as_json, feedback_line(f))


@group.command("acted")
def feedback_acted(feedback_id: int, as_json: JsonFlag = False) -> None:
    """Mark a note as acted on."""
    f = services().feedback.acted(feedback_id)
    emit(f, as_json, feedback_line(f))


@group.command("to-repair")
def feedback_to_repair(
    feedback_id: int,
    kind: Annotated[str, typer.Option("--kind", help="apology, conversation, amends or other.")] = "conversation",
    what: Annotated[Optional[str], typer.Option("--what", help="What the repair is about (default: the note).")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Target date, YYYY-MM-DD.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Turn a note into a repair owed to that friend (the two stay linked)."""
    r = services().feedback.to_repair(feedback_id, kind=kind, what=what, target_date=day_option(by, "--by date"))
    created("repair", r, as_json, f"{r.kind} owed to {r.person}, from feedback {feedback_id}")


@group.command("delete")
def feedback_delete(feedback_id: int) -> None:
    """Delete a note (a duplicate, a mistake); repairs made from it stay, no longer linked to it."""
    gone = services().feedback.delete(feedback_id)
    kept = f"; repair {', '.join(map(str, gone.repair_ids))} stays, unlinked" if gone.repair_ids else ""
    echo(f"Deleted feedback note {gone.feedback_id} from {gone.friend}{kept}.")
