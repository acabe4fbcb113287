"""Copying every row of one store into another, empty one: the move from the laptop to the host.

Generic over the tables, so a table added later is carried without a change here: every table of the
models (``SQLModel.metadata``, which the migrations build the schema from; ``tests/test_move_coverage``
holds the two together), parents before children, each row with its own id, so that every reference
(which note came through which link, which value a reflection is about) stays as it was. On
PostgreSQL each table's id sequence is then moved past the copied ids, so the next row made there
does not collide with a copied one.

The copy is one transaction on the target: it reads the source in one transaction too (one snapshot,
even while another process writes), checks every table's count before committing, and a failure of
any kind, or an interruption, rolls it all back and leaves the target as empty as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, func, select
from sqlmodel import SQLModel

from valuesapp.store import tables

BATCH = 1000  # rows per INSERT: a long history moves in a few round trips, without all of it in memory

# Tables of a migrated store that are not carried, each with why.
NOT_MOVED = {
    "alembic_version": "the target has its own, stamped at the same schema revision when it was opened",
    "reflection_search": "SQLite's search index over reflections, filled again by its triggers as they arrive",
}


class TargetNotEmpty(Exception):
    """The target already holds rows (table -> count): a move never mixes two stores."""

    def __init__(self, found: dict[str, int]):
        super().__init__(", ".join(f"{table} {count}" for table, count in found.items()))
        self.found = found


class CountsDiffer(Exception):
    """After the copy a table's count on the target is not the source's: nothing is committed."""


def moved_tables() -> list[sa.Table]:
    """Every table a move carries, parents before children (foreign keys point back only)."""
    tables.load_all()  # a command loads only the families it reads: a move carries every one
    return [t for t in SQLModel.metadata.sorted_tables if not is_left_behind(t.name)]


def is_left_behind(table_name: str) -> bool:
    return any(table_name == name or table_name.startswith(name + "_") for name in NOT_MOVED)


def counts(conn: Connection) -> dict[str, int]:
    """Rows per moved table."""
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in moved_tables()}


def _rows(source: Connection, table: sa.Table) -> Iterator[list[dict]]:
    result = source.execution_options(yield_per=BATCH).execute(select(table).order_by(*table.primary_key.columns))
    for batch in result.mappings().partitions(BATCH):
        yield [dict(row) for row in batch]


def _move_sequences_past_copied_ids(target: Connection, table: sa.Table) -> None:
    """PostgreSQL hands out ids from a sequence that an insert with its own id does not move."""
    quote = target.dialect.identifier_preparer.quote
    for column in table.primary_key.columns:
        if not isinstance(column.type, sa.Integer):
            continue
        sequence = target.execute(sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                                  {"table": quote(table.name), "column": column.name}).scalar()
        if sequence:
            target.execute(sa.text(f"SELECT setval(:sequence, COALESCE((SELECT MAX({quote(column.name)}) FROM "
                                   f"{quote(table.name)}), 0) + 1, false)"), {"sequence": sequence})


def copy_rows(source_engine: Engine, target_engine: Engine, *,
              on_table: Callable[[str, int], None] = lambda name, rows: None) -> dict[str, int]:
    """Copy every moved table's rows from source to target (which must hold none); rows per table.

    ``on_table`` is told each table as it is copied (how many rows), so a long move can say where it is.
    Raises TargetNotEmpty before writing anything if the target holds rows, CountsDiffer if a count
    differs after; either way, and on any other failure, the target is left as it was.
    """
    with source_engine.connect() as source, target_engine.connect() as target:
        with source.begin(), target.begin():
            if source.dialect.name == "sqlite":  # its driver begins only before a write: one snapshot for reads
                source.exec_driver_sql("BEGIN")
            already = {name: n for name, n in counts(target).items() if n}
            if already:
                raise TargetNotEmpty(already)
            expected = counts(source)
            for table in moved_tables():
                copied = 0
                for batch in _rows(source, table):
                    target.execute(table.insert(), batch)
                    copied += len(batch)
                if target.dialect.name == "postgresql":
                    _move_sequences_past_copied_ids(target, table)
                on_table(table.name, copied)
            found = counts(target)
            if found != expected:
                differ = [f"{name} {n} -> {found.get(name)}" for name, n in expected.items() if found.get(name) != n]
                raise CountsDiffer("; ".join(differ))
    return expected
