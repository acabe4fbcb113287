"""What the command line prints: every line goes through ``echo``, every command's result through
``emit`` (JSON with ``--json``, else lines for a person), and values, repairs and notes each have one
way to be shown in a line.

Stored text can hold what no terminal should receive raw: a friend's note sent before notes were
cleaned may carry escapes that recolour or rewrite the screen, a bell, or a bidi override that shows
other words than it holds. ``echo`` shows each such character as its escape instead (the same one JSON
uses, so ``--json`` output stays valid and unchanged in meaning).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import typer

from valuesapp.core.limits import printable
from valuesapp.core.words import plural

CONTINUED = "    "  # a note's further lines, under its first


def echo(message: Any = "", err: bool = False) -> None:
    typer.echo(printable(str(message)), err=err)


def emit_json(obj: Any) -> None:
    # Imported here: the read models load the services package, which a command's --help need not wait for.
    from valuesapp.services.views import to_jsonable

    echo(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2))


def emit(obj: Any, as_json: bool, text: str | Iterable[str] | Callable[[Any], str], *, empty: str | None = None) -> None:
    """A command's result: ``obj`` as JSON with ``--json``; otherwise ``text`` for a person.

    ``text`` is a line, or lines (a generator runs only when they are printed), or a function giving
    each item of the list ``obj`` its line. ``empty`` is printed instead when ``obj`` is an empty list.
    """
    if as_json:
        emit_json(obj)
        return
    if empty is not None and not obj:
        echo(empty)
    lines = map(text, obj) if callable(text) else [text] if isinstance(text, str) else text
    for line in lines:
        echo(line)


def created(kind: str, obj: Any, as_json: bool, detail: str = "") -> None:
    """A created thing: its id alone on stdout (easy to script), a sentence for the person on stderr."""
    if as_json:
        emit_json(obj)
        return
    echo(obj.id)
    echo(f"Added {kind} {obj.id}{': ' + detail if detail else ''}.", err=True)


def continued(text: str) -> str:
    """A multi-line text in a one-line listing: its further lines indented, so the next item stands out."""
    return text.replace("\n", "\n" + CONTINUED)


def value_line(v) -> str:
    rank = f"{v.rank:>3}." if v.rank else "  -"
    tail = f"  [snipped: {continued(v.archive_reason)}]" if v.archived else ""
    return f"{rank} {v.title}  (id {v.id}){tail}"


def repair_line(r) -> str:
    flags = " OVERDUE" if r.overdue else ""
    when = f", planned {r.planned_for}" if r.planned_for and r.state == "planned" else ""
    by = f", by {r.target_date}" if r.target_date else ""
    old = plural(r.age_days, "day")
    return f"[{r.id}] {r.state}{flags}  {r.person} ({r.kind}{by}{when}), {old} old: {continued(r.what)}"


def feedback_line(f) -> str:
    about = f" about {f.value_title}" if f.value_title else ""
    linked = f" -> repair {', '.join(map(str, f.repair_ids))}" if f.repair_ids else ""
    state = f.state.replace("_", " ")
    return f"[{f.id}] {state}  {f.received_on} {f.friend} ({f.kind}{about}){linked}: {continued(f.note)}"
