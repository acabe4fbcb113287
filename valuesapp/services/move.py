"""Moving the whole store to another database (the laptop's SQLite file to the host's PostgreSQL).

Everything goes, as it is: values, history, picks, reflections, repairs, feedback notes and friends'
links (with which note came through which), reviews, settings, the passphrase, which reminders went
out, and whatever later tables hold (Web Push's keys and devices): the copy is of every table
(``store.copy``), not of a list of sections, so a link made on the laptop works against the host, and
devices keep receiving. An export, by contrast, leaves the passphrase and private keys out.

The target must be empty (a new database, or a file that does not exist yet): it is brought to the
current schema, then filled in one transaction, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.store.copy import CountsDiffer, TargetNotEmpty, copy_rows
from valuesapp.store.engine import Store, open_store


@dataclass(frozen=True)
class Moved:
    """What a move carried: from where, to where (passwords hidden), and rows per table in the order copied."""

    source: str
    target: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def move_store(source: Store, target: str) -> Moved:
    """Copy every row of ``source`` into the empty database ``target`` (a path or URL, as ``--db`` takes)."""
    destination = open_store(target)  # a bad URL, or one that cannot be reached, is one line from here
    try:
        if destination.url == source.url:
            raise UserError.of(Msg.MOVE_TO_ITSELF, location=destination.location)
        try:
            rows = copy_rows(source.engine, destination.engine)
        except TargetNotEmpty as full:
            raise UserError.of(Msg.MOVE_TARGET_NOT_EMPTY, location=destination.location,
                               found=", ".join(f"{n} in {table}" for table, n in full.found.items())) from None
        except CountsDiffer as differ:
            raise UserError.of(Msg.MOVE_COUNTS_DIFFER, location=destination.location, counts=str(differ)) from None
        return Moved(source.location, destination.location, rows)
    finally:
        destination.close()
