"""The move carries everything: every table and column of a migrated store is copied by `valuesapp move`, or
named in ``store.copy.NOT_MOVED`` with the reason it stays, so a table added later (Web Push's keys and
devices, say) cannot be left on the laptop unnoticed."""

from __future__ import annotations

import sqlalchemy as sa

from valuesapp.store import copy as store_copy


def test_every_table_and_column_of_the_migrated_store_is_moved_or_stays_for_a_stated_reason(store):
    found = sa.inspect(store.engine)
    moved = {t.name: {c.name for c in t.columns} for t in store_copy.moved_tables()}
    forgotten = []
    for table in sorted(found.get_table_names()):
        if store_copy.is_left_behind(table):
            continue
        columns = {c["name"] for c in found.get_columns(table)}
        forgotten += [f"{table}.{column}" for column in sorted(columns - moved.get(table, set()))] or (
            [table] if table not in moved else [])
    assert forgotten == [], "not carried by a move, and not in NOT_MOVED with a reason: " + ", ".join(forgotten)


def test_what_stays_behind_is_deliberate_and_each_has_its_reason():
    assert set(store_copy.NOT_MOVED) == {"alembic_version", "reflection_search"}
    assert all(len(reason.split()) >= 5 for reason in store_copy.NOT_MOVED.values())
    assert "owner_passphrase" in {t.name for t in store_copy.moved_tables()}  # unlike an export


def test_parents_are_copied_before_the_rows_that_point_at_them():
    order = [t.name for t in store_copy.moved_tables()]
    for position, table in enumerate(store_copy.moved_tables()):
        for key in table.foreign_keys:
            assert order.index(key.column.table.name) < position, f"{table.name} before {key.column.table.name}"
