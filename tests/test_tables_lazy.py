"""A command maps the tables it reads and no others: each table family (``store.tables``) and each group
of read models (``services.views``) loads when first named, so ``valuesapp today`` does not pay for
repairs, reviews or Web Push. What needs every table (the migrations, a move, the schema checks) loads
them all with ``tables.load_all()``. (Start-up time itself is measured in ``benchmarks/cli_speed.py``.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from sqlmodel import SQLModel

from tests.commands_run import run_then
from valuesapp.store import tables

# Run as ``python -m valuesapp ...`` does, then say which tables the run mapped.
RUN_AND_LIST_TABLES = run_then("from sqlmodel import SQLModel\n"
                               "print(' '.join(sorted(SQLModel.metadata.tables)), file=sys.stderr)")
# Once the day's value is picked, none of these is read by today, reflect or journal.
NEVER_READ_BY_THE_DAILY_COMMANDS = {"repair", "revision", "feedback", "feedback_link", "used_form_token", "values_review",
                                    "week_question", "reminder_log", "owner_passphrase", "push_device", "push_sent",
                                    "vapid_key"}


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_VALUESAPP")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               VALUESAPP_DB=str(tmp_path / "values.db"))
    return env


@pytest.fixture
def a_person_with_a_value_and_a_repair(tmp_path):
    """A store with a value, a repair, and the day's value picked (the pick weighs friends' notes)."""
    for args in (["values", "add", "Honesty"], ["repairs", "add", "Sam", "Snapped at Sam"], ["today"]):
        made = subprocess.run([sys.executable, "-m", "valuesapp", *args], env=_env(tmp_path), capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=120)
        assert made.returncode == 0, made.stderr
    return tmp_path


def _mapped(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_TABLES, *args], env=_env(tmp_path), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout, set(done.stderr.strip().splitlines()[-1].split())


@pytest.mark.parametrize("args", [("today",), ("reflect", "Said it kindly."), ("journal", "--limit", "10")])
def test_a_daily_command_maps_only_the_tables_it_reads(a_person_with_a_value_and_a_repair, args):
    """Given a store with a value, a repair and the day's value picked, when a person runs today, reflect
    or journal, then the command does its work having mapped the value and practice tables, and none of
    repairs, the list's history, friends' notes and links, reviews, the app's own records or Web Push."""
    shown, mapped = _mapped(a_person_with_a_value_and_a_repair, *args)
    assert {"value", "reflection"} <= mapped
    assert not mapped & NEVER_READ_BY_THE_DAILY_COMMANDS, sorted(mapped & NEVER_READ_BY_THE_DAILY_COMMANDS)
    if args[0] == "today":
        assert "Honesty" in shown
    if args[0] == "reflect":
        assert "Said it kindly." in _mapped(a_person_with_a_value_and_a_repair, "journal", "--limit", "1")[0]


def test_a_command_that_reads_repairs_maps_them(a_person_with_a_value_and_a_repair):
    shown, mapped = _mapped(a_person_with_a_value_and_a_repair, "repairs", "list")
    assert "Sam" in shown and "repair" in mapped


def _families() -> dict[str, ModuleType]:
    tables.load_all()
    return {name: sys.modules[f"{tables.__name__}.{name}"] for name in tables.FAMILIES}


def test_every_table_and_base_is_named_in_the_directory_of_families():
    """A new model put in a family's module but not in ``FAMILIES`` could not be imported by name."""
    for family, module in _families().items():
        defined = {name for name, obj in vars(module).items()
                   if isinstance(obj, type) and issubclass(obj, SQLModel) and obj.__module__ == module.__name__}
        assert defined == set(tables.FAMILIES[family]), family
        for name in defined:
            assert getattr(tables, name) is getattr(module, name)


def test_each_family_loads_the_families_its_foreign_keys_point_to():
    """SQLAlchemy finds a foreign key's table when a row is written: a family that did not load its
    targets would fail on the first write of a command that never loaded them."""
    families = _families()
    family_of = {SQLModel.metadata.tables[model.__tablename__].name: family
                 for family, module in families.items()
                 for model in vars(module).values()
                 if isinstance(model, type) and issubclass(model, SQLModel) and getattr(model, "__table__", None) is not None}
    for family, module in families.items():
        loads = {family} | {obj.__name__.rsplit(".", 1)[1] for obj in vars(module).values()
                            if isinstance(obj, ModuleType) and obj.__name__.startswith(tables.__name__ + ".")}
        for table in (SQLModel.metadata.tables[t] for t, f in family_of.items() if f == family):
            for key in table.foreign_keys:
                target = key.target_fullname.split(".")[0]
                assert family_of[target] in loads, f"{family}: {table.name} points to {target} ({family_of[target]})"


def test_load_all_gives_the_metadata_every_table_of_a_migrated_store(store):
    import sqlalchemy as sa

    from valuesapp.store.copy import is_left_behind

    tables.load_all()
    in_store = {name for name in sa.inspect(store.engine).get_table_names() if not is_left_behind(name)}
    assert in_store == set(SQLModel.metadata.tables)
