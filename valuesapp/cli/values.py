"""``valuesapp values ...``: the ranked list of values, its history, and each value's own prompts."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from valuesapp.cli.output import created, echo, emit, value_line
from valuesapp.cli.shared import JsonFlag, services
from valuesapp.core.errors import UserError

group = typer.Typer(help="Your ranked list of values.", no_args_is_help=True)


@group.command("list")
def values_list(
    snipped: Annotated[bool, typer.Option("--snipped", help="Include snipped values.")] = False,
    archived: Annotated[bool, typer.Option("--archived", hidden=True)] = False,  # the old name of --snipped
    as_json: JsonFlag = False,
) -> None:
    """Your values by rank."""
    emit(services().values.list(include_archived=snipped or archived), as_json, value_line,
         empty='No values yet. Add one with: valuesapp values add "Honesty" --note "Say what is true."')


@group.command("show")
def values_show(value_id: int, as_json: JsonFlag = False) -> None:
    """One value with its note and your own prompts."""
    v = services().values.get(value_id)

    def lines():
        yield value_line(v)
        if v.description:
            yield f"  {v.description}"
        for p in v.prompts:
            yield f"  prompt {p.id}: {p.text}"

    emit(v, as_json, lines())


@group.command("add")
def values_add(
    title: str,
    note: Annotated[str, typer.Option("--note", help="What this value means to you.")] = "",
    rank: Annotated[Optional[int], typer.Option("--rank", help="Insert at this rank (default: at the end).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a value, at the end or at a rank."""
    v = services().values.add(title, note, rank=rank)
    created("value", v, as_json, f"{v.title!r} at rank {v.rank}")


@group.command("edit")
def values_edit(
    value_id: int,
    title: Annotated[Optional[str], typer.Option("--title")] = None,
    note: Annotated[Optional[str], typer.Option("--note")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Reword a value's title or its note."""
    if title is None and note is None:
        raise UserError("Say what to change: --title TEXT and/or --note TEXT.")
    v = services().values.edit(value_id, title=title, description=note)
    emit(v, as_json, f"Edited value {v.id}: {v.title}")


@group.command("move")
def values_move(value_id: int, rank: int, as_json: JsonFlag = False) -> None:
    """Move a value to a rank."""
    emit(services().values.move(value_id, rank), as_json, value_line)


@group.command("reorder")
def values_reorder(value_ids: list[int], as_json: JsonFlag = False) -> None:
    """Give the whole order at once: every active value's id, top first."""
    emit(services().values.reorder(value_ids), as_json, value_line)


@group.command("snip")
def values_snip(
    value_id: int,
    reason: Annotated[str, typer.Option("--reason", help="Why you are snipping it (kept in the history).")],
    as_json: JsonFlag = False,
) -> None:
    """Snip a value from the ranked list, keeping the reason."""
    v = services().values.archive(value_id, reason)
    emit(v, as_json, f"Snipped value {v.id}: {v.title}")


# The old name of ``snip``, kept so that scripts written before go on working; not in the help.
group.command("archive", hidden=True)(values_snip)


@group.command("restore")
def values_restore(
    value_id: int,
    rank: Annotated[Optional[int], typer.Option("--rank", help="Restore at this rank (default: at the end).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Bring a snipped value back."""
    v = services().values.restore(value_id, rank=rank)
    emit(v, as_json, f"Restored value {v.id} at rank {v.rank}: {v.title}")


def _change_lines(r) -> str:
    titles = ", ".join(r.titles) if r.titles else "(empty list)"
    return f"{r.at:%Y-%m-%d %H:%M}  {r.summary}\n                  -> {titles}"


@group.command("history")
def values_history(as_json: JsonFlag = False) -> None:
    """How your list changed, oldest first."""
    emit(services().values.history(), as_json, _change_lines, empty="No changes yet.")


@group.command("prompt-add")
def values_prompt_add(value_id: int, text: str, as_json: JsonFlag = False) -> None:
    """Add a reflection prompt of your own to a value."""
    p = services().values.add_prompt(value_id, text)
    created("prompt", p, as_json)


@group.command("prompt-remove")
def values_prompt_remove(prompt_id: int) -> None:
    """Remove one of your own prompts."""
    p = services().values.remove_prompt(prompt_id)
    echo(f"Removed prompt {p.id}.")
