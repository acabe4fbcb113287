"""``valuesapp move --to URL``: everything in this store, carried into a new, empty database (the host's).

A plain function, put on the root command in ``valuesapp.cli``; the copy itself is ``services.move``.
What it moved goes to stdout (one line per table, or ``--json``), the sentence for the person to stderr.
"""

from __future__ import annotations

from typing import Annotated

import typer

from valuesapp.cli.output import echo, emit
from valuesapp.cli.shared import JsonFlag, services
from valuesapp.core.words import plural


def move(
    to: Annotated[str, typer.Option(
        "--to", help="The empty database to move into: postgresql://USER:PASSWORD@HOST/DB, or a new file.")],
    as_json: JsonFlag = False,
) -> None:
    """Move everything to another, empty database (say, the host's PostgreSQL): values, history,
    reflections, repairs, notes, friends' links, reviews, settings, the passphrase and reminders'
    devices, with their ids. All or nothing; this store stays as it is."""
    from valuesapp.services.move import move_store

    moved = move_store(services().context.store, to)
    emit({"from": moved.source, "to": moved.target, "rows": moved.rows}, as_json,
         (f"{table:<22} {count}" for table, count in moved.rows.items()))
    echo(f"Moved {plural(moved.total, 'row')} from {moved.source} to {moved.target}. "
         f"From now on use that one: valuesapp --db URL serve (or VALUESAPP_DB=URL).", err=True)
