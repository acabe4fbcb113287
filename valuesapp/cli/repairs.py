"""``valuesapp repairs ...``: apologies and hard conversations owed, from noted to done or released."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from valuesapp.cli.output import created, emit, repair_line
from valuesapp.cli.shared import JsonFlag, day_option, services
from valuesapp.core.limits import parse_date

group = typer.Typer(help="Repair debts: apologies and hard conversations you owe.", no_args_is_help=True)


@group.command("list")
def repairs_list(
    state: Annotated[str, typer.Option("--state", help="open, owed, planned, done, released or all.")] = "open",
    as_json: JsonFlag = False,
) -> None:
    """Repairs you owe; open ones oldest first."""
    emit(services().repairs.list(state), as_json, repair_line,
         empty="Nothing here." if state != "open" else "No open repairs.")


@group.command("add")
def repairs_add(
    person: str,
    what: str,
    kind: Annotated[str, typer.Option("--kind", help="apology, conversation, amends or other.")] = "apology",
    value: Annotated[Optional[int], typer.Option("--value", help="The value it touches.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Target date (make it by), YYYY-MM-DD.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Note a repair you owe someone."""
    r = services().repairs.add(person, what, kind=kind, value_id=value, target_date=day_option(by, "--by date"))
    created("repair", r, as_json, f"{r.kind} owed to {r.person}")


@group.command("plan")
def repairs_plan(
    repair_id: int,
    on: Annotated[str, typer.Option("--on", help="When you plan to do it, YYYY-MM-DD.")],
    as_json: JsonFlag = False,
) -> None:
    """Plan a repair for a day."""
    r = services().repairs.plan(repair_id, parse_date(on, field="--on date"))
    emit(r, as_json, repair_line(r))


@group.command("done")
def repairs_done(
    repair_id: int,
    note: Annotated[Optional[str], typer.Option("--note", help="How it went.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Tick a repair off."""
    r = services().repairs.done(repair_id, note)
    emit(r, as_json, repair_line(r))


@group.command("release")
def repairs_release(
    repair_id: int,
    reason: Annotated[str, typer.Option("--reason", help="Why it is no longer owed.")],
    as_json: JsonFlag = False,
) -> None:
    """Release a repair that is no longer owed."""
    r = services().repairs.release(repair_id, reason)
    emit(r, as_json, repair_line(r))


@group.command("reopen")
def repairs_reopen(repair_id: int, as_json: JsonFlag = False) -> None:
    """Undo done or released."""
    r = services().repairs.reopen(repair_id)
    emit(r, as_json, repair_line(r))


def _id_or_none(raw: str | None, option: str, keep):
    """``--value 3`` names a value, ``--value none`` clears it, no option leaves it as it is (``keep``)."""
    if raw is None:
        return keep
    if raw.strip().lower() == "none":
        return None
    try:
        return int(raw)
    except ValueError:
        raise typer.BadParameter(f"give a value's id or 'none', not {raw!r}", param_hint=option) from None


@group.command("edit")
def repairs_edit(
    repair_id: int,
    person: Annotated[Optional[str], typer.Option("--person", help="Who is owed the repair.")] = None,
    what: Annotated[Optional[str], typer.Option("--what", help="What happened.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="apology, conversation, amends or other.")] = None,
    value: Annotated[Optional[str], typer.Option("--value", help="The value it touches (an id), or 'none'.")] = None,
    target_date: Annotated[Optional[str], typer.Option(
        "--target-date", help="Target date, YYYY-MM-DD, or 'none'.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct a repair: who, what happened, its kind, value or target date (the rest stays as it is)."""
    from valuesapp.services.repairs import KEEP  # loaded with the services, only when a command runs

    target = KEEP if target_date is None else (
        None if target_date.strip().lower() == "none" else parse_date(target_date, field="--target-date date"))
    r = services().repairs.edit(repair_id, person=person, what=what, kind=kind,
                                value_id=_id_or_none(value, "--value", KEEP), target_date=target)
    emit(r, as_json, repair_line(r))


@group.command("delete")
def repairs_delete(repair_id: int, as_json: JsonFlag = False) -> None:
    """Delete a repair (a duplicate or a mistake); it cannot be undone from here."""
    kept = services().repairs.delete(repair_id)
    emit(kept.view, as_json, f"Deleted repair {repair_id} ({kept.view.person}).")
