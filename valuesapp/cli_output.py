"""What the command line prints: every line goes through ``echo``, and values, repairs and notes each
have one way to be shown in a line.

Stored text can hold what no terminal should receive raw: a friend's note sent before notes were
cleaned may carry escapes that recolour or rewrite the screen, a bell, or a bidi override that shows
other words than it holds. ``echo`` shows each such character as its escape instead (the same one JSON
uses, so ``--json`` output stays valid and unchanged in meaning).
"""

from __future__ import annotations

import json
from typing import Any

import typer

from valuesapp.core.limits import printable
from valuesapp.core.words import plural
from valuesapp.services.views import to_jsonable

CONTINUED = "    "  # a note's further lines, under its first


def echo(message: Any = "", err: bool = False) -> None:
    typer.echo(printable(str(message)), err=err)


def emit_json(obj: Any) -> None:
    echo(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2))


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
