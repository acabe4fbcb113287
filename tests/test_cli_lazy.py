"""A command loads what it uses and nothing else: ``valuesapp today`` runs on a person's store without
importing the other commands' modules, the app's screens, the scheduler or the migrations, while
``valuesapp --help`` still lists every command, in its order. (Start-up time itself is measured in
``benchmarks/cli_speed.py``, never asserted here.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands_run import run_then

# Run as ``python -m valuesapp ...`` does, then say which modules the run loaded.
RUN_AND_LIST = run_then("print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
EVERY_COMMAND = ["serve", "today", "focus", "pause", "pauses", "unpause", "reflect", "journal", "schedule",
                 "backup", "backups", "restore", "export", "move", "import", "reviews", "values", "repairs",
                 "feedback", "settings", "reflection", "passphrase", "links", "review", "push"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_VALUESAPP")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               VALUESAPP_DB=str(tmp_path / "values.db"))
    return env


def _loaded_by(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, *args], env=_env(tmp_path), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout, set(done.stderr.split())


@pytest.fixture
def store_with_a_value(tmp_path):
    add = subprocess.run([sys.executable, "-m", "valuesapp", "values", "add", "Honesty"], env=_env(tmp_path),
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert add.returncode == 0, add.stderr
    return tmp_path


@pytest.mark.parametrize("args", [("today",), ("journal", "--limit", "10"), ("reflect", "Said it kindly.")])
def test_a_daily_command_loads_only_its_own_module(store_with_a_value, args):
    """Given a store with a value, when a person runs today, journal or reflect, then the program loads
    that command's module and none of the others, nor Flet, APScheduler or Alembic."""
    shown, loaded = _loaded_by(store_with_a_value, *args)
    if args[0] == "today":
        assert "Honesty" in shown
    commands = {name for name in loaded if name.startswith("valuesapp.cli.")}
    assert "valuesapp.cli.practice" in commands
    others = {"data", "feedback", "links", "moving", "push", "repairs", "reviews", "serving", "settings", "values"}
    assert not commands & {f"valuesapp.cli.{name}" for name in others}, sorted(commands)
    heavy = {name.split(".")[0] for name in loaded} & {"flet", "apscheduler", "alembic", "rich"}
    assert not heavy, f"{' '.join(args)} loads {sorted(heavy)}"


def test_help_still_lists_every_command_in_order(tmp_path):
    """When a person asks for help, then every command and group is listed, in the table's order, with
    its one-line help (built from its module)."""
    shown, loaded = _loaded_by(tmp_path, "--help")
    listed = [line.split()[0] for line in shown.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == EVERY_COMMAND
    assert "Show the day's value" in shown and "Phones that get reminders by Web Push." in shown
    assert "valuesapp.services" not in loaded, "help opens no store"


def test_a_group_loaded_on_demand_keeps_its_subcommands_and_their_help(tmp_path):
    shown, loaded = _loaded_by(tmp_path, "values", "--help")
    assert "Usage: valuesapp values [OPTIONS] COMMAND [ARGS]..." in shown
    assert "add" in shown.split("Commands:")[1]
    assert "valuesapp.cli.practice" not in loaded


def test_code_walking_the_command_table_sees_every_command():
    import typer.main

    from valuesapp.cli import app

    root = typer.main.get_command(app)
    assert list(root.commands) == EVERY_COMMAND
    assert root.commands["today"].name == "today" and "values" in root.commands
    assert root.commands.get("no-such-command") is None


RUN_AND_WATCH_THE_COLLECTOR = (
    "import gc, sys, runpy\n"
    "import valuesapp.cli.shared as shared\n"
    "opened, seen = shared.services, []\n"
    "def services(**kwargs):\n"
    "    seen.append(gc.isenabled())\n"
    "    got = opened(**kwargs)\n"
    "    seen.extend([gc.isenabled(), gc.get_freeze_count() > 0])\n"
    "    return got\n"
    "shared.services = services\n"
    "sys.argv = ['valuesapp', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('valuesapp', run_name='__main__')\n"
    "except SystemExit as done:\n"
    "    assert not done.code, done.code\n"
    "print(seen, gc.isenabled(), file=sys.stderr)\n"
)


def test_the_collector_rests_while_the_program_loads_and_works_once_the_store_is_open(store_with_a_value):
    """Given a store, when a person runs today, then the garbage collector is off while the program loads
    (it would scan the start-up's objects over and over and free next to nothing), and on again, with
    those objects set aside, once the store is open: a long run (serve, the app) collects as ever."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_WATCH_THE_COLLECTOR, "today"], env=_env(store_with_a_value),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Honesty" in done.stdout
    seen = done.stderr.strip().splitlines()[-1]
    assert seen == "[False, True, True] True", "off while loading; on, the start-up set aside, once open; on at the end"
