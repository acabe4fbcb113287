"""The export "of everything" is everything: every table and column of a migrated store is either in the
JSON export or in ``NOT_EXPORTED`` with the reason it stays out, so the next new table cannot be forgotten.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import SQLModel

from valuesapp.services import exchange
from valuesapp.store.tables import load_all

# The export writes the setting table as one dict, {key: value}, not as a section of rows.
SETTINGS = {"setting": {"key", "value"}}


def _exported_columns() -> dict[str, set[str]]:
    """Table -> the columns the export reads: each section's fields, as the store names them."""
    covered = {table: set(columns) for table, columns in SETTINGS.items()}
    for _section, table, model in exchange.SECTIONS:
        mapper = sa.inspect(table)
        covered[table.__tablename__] = {mapper.get_property(field).columns[0].name for field in model.model_fields}
    return covered


def _store_columns(store) -> dict[str, set[str]]:
    found = sa.inspect(store.engine)
    return {name: {c["name"] for c in found.get_columns(name)} for name in found.get_table_names()}


def test_every_table_and_column_is_exported_or_stays_out_for_a_stated_reason(store):
    not_exported = getattr(exchange, "NOT_EXPORTED", {})
    in_store = _store_columns(store)
    load_all()
    tables = set(in_store) | {t.name for t in SQLModel.metadata.sorted_tables}
    exported = _exported_columns()
    forgotten = []
    for table in sorted(tables):
        if table in not_exported:
            continue
        columns = in_store.get(table) or {c.name for c in SQLModel.metadata.tables[table].columns}
        for column in sorted(columns):
            if column not in exported.get(table, set()) and f"{table}.{column}" not in not_exported:
                forgotten.append(f"{table}.{column}")
    assert forgotten == [], "neither exported nor in NOT_EXPORTED with a reason: " + ", ".join(forgotten)


def test_every_exclusion_has_a_reason_and_names_something_real(store):
    in_store = _store_columns(store)
    load_all()
    metadata = {t.name: {c.name for c in t.columns} for t in SQLModel.metadata.sorted_tables}
    exported = _exported_columns()
    for name, reason in exchange.NOT_EXPORTED.items():
        assert isinstance(reason, str) and len(reason.split()) >= 5, f"{name}: say why it stays out"
        table, _, column = name.partition(".")
        assert table not in exported or column, f"{name}: a table is either exported or not"
        if column:
            assert column in metadata.get(table, set()) | in_store.get(table, set()), f"{name}: no such column"
            assert column not in exported.get(table, set()), f"{name}: excluded, yet exported"
        elif table not in metadata and table not in in_store:
            # The search index exists only on SQLite builds with FTS5's trigram tokenizer.
            assert table.startswith("reflection_search"), f"{name}: no such table"


def test_what_stays_out_is_deliberate():
    """A reviewable list: a change to it is a change to the README's "Your data" section too."""
    assert set(exchange.NOT_EXPORTED) == {
        "owner_passphrase", "reminder_log", "alembic_version", "used_form_token",
        "vapid_key", "push_device", "push_sent",
        "reflection_search", "reflection_search_data", "reflection_search_idx", "reflection_search_docsize",
        "reflection_search_config",
    }
