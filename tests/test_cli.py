"""The command line as a person (or a script) uses it: every contract command, and every kind of bad input.

Most calls go through Typer's CliRunner on the very services the other tests use (fixed clock, both
stores). The one-line-and-exit-code-2 path lives in ``valuesapp.cli.run``, so a few calls run the real
program in a subprocess, choosing the database with ``--db`` and with ``VALUESAPP_DB``.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import typer
from click.testing import CliRunner

from valuesapp.cli import _State
from valuesapp.cli import app as cli_app
from valuesapp.core.errors import UserError

TODAY = "2026-03-02"  # the conftest clock: 2026-03-02 12:00 UTC, 13:00 in Europe/Berlin
CARD_KEYS = {"date", "value", "strategy", "reason"}
CARD_VALUE_KEYS = {"id", "title", "rank", "description"}
# Typer builds the click command anew on every invoke (a third of a second); build it once.
COMMAND = typer.main.get_command(cli_app)


class Outcome:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


class Cli:
    """Runs the app as ``valuesapp.cli.run`` would: a UserError becomes one line on stderr and exit code 2."""

    def __init__(self, services, clock):
        self.services = services
        self.clock = clock
        self.runner = CliRunner()

    def run(self, *args: str) -> Outcome:
        result = self.runner.invoke(COMMAND, [str(a) for a in args], catch_exceptions=True, prog_name="valuesapp")
        exc = result.exception
        if isinstance(exc, UserError):
            return Outcome(2, result.stdout, result.stderr + f"valuesapp: {exc.message}\n")
        if exc is not None and not isinstance(exc, SystemExit):
            raise exc  # a crash: the test fails with its traceback
        return Outcome(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str) -> str:
        outcome = self.run(*args)
        assert outcome.code == 0, f"{args}: exit {outcome.code}: {outcome.err}"
        return outcome.out

    def json(self, *args: str):
        return json.loads(self.ok(*args, "--json"))

    def new_id(self, *args: str) -> int:
        """A creating command prints the bare new id on stdout."""
        out = self.ok(*args)
        assert out.strip().isdigit() and out == out.strip() + "\n", f"{args} printed {out!r}"
        return int(out)

    def export(self) -> str:
        return self.ok("export", "--format", "json")


@pytest.fixture
def cli(app, clock):
    _State.services, _State.db = app, None
    yield Cli(app, clock)
    _State.services, _State.db = None, None


def _titles(cli: Cli, *flags: str) -> list[str]:
    return [v["title"] for v in cli.json("values", "list", *flags)]


# A new person's story, command by command


def test_today_before_any_value_says_how_to_add_one(cli):
    card = cli.json("today")
    assert CARD_KEYS <= set(card)
    assert card["date"] == TODAY and card["value"] is None
    assert "valuesapp values add" in card["message"]
    assert "valuesapp values add" in cli.ok("today")
    assert cli.json("values", "list") == []


def test_values_list_add_edit_move_reorder_archive_restore_history(cli):
    honesty = cli.new_id("values", "add", "Honesty", "--note", "Say what is true.")
    courage = cli.new_id("values", "add", "Courage")
    kindness = cli.new_id("values", "add", "Kindness", "--rank", "1")
    patience = cli.json("values", "add", "Patience", "--note", "Wait well.")
    assert patience["title"] == "Patience" and patience["rank"] == 4 and patience["description"] == "Wait well."
    assert _titles(cli) == ["Kindness", "Honesty", "Courage", "Patience"]
    listed = cli.json("values", "list")
    assert [v["rank"] for v in listed] == [1, 2, 3, 4]
    assert [v["id"] for v in listed] == [kindness, honesty, courage, patience["id"]]

    edited = cli.json("values", "edit", honesty, "--title", "Honesty & candour", "--note", "No white lies.")
    assert (edited["title"], edited["description"]) == ("Honesty & candour", "No white lies.")
    assert "Honesty & candour" in cli.ok("values", "list")

    moved = cli.json("values", "move", courage, "1")
    assert [v["id"] for v in moved] == [courage, kindness, honesty, patience["id"]]
    reordered = cli.json("values", "reorder", patience["id"], honesty, courage, kindness)
    assert [v["id"] for v in reordered] == [patience["id"], honesty, courage, kindness]

    archived = cli.json("values", "archive", patience["id"], "--reason", "Not mine after all")
    assert archived["archive_reason"] == "Not mine after all" and archived["rank"] is None
    assert _titles(cli) == ["Honesty & candour", "Courage", "Kindness"]
    assert _titles(cli, "--archived") == ["Honesty & candour", "Courage", "Kindness", "Patience"]
    assert "snipped: Not mine after all" in cli.ok("values", "list", "--archived")

    assert cli.ok("values", "restore", patience["id"], "--rank", "2").startswith(f"Restored value {patience['id']} at rank 2")
    assert _titles(cli) == ["Honesty & candour", "Patience", "Courage", "Kindness"]

    history = cli.json("values", "history")
    assert [h["action"] for h in history] == ["add", "add", "add", "add", "edit", "move", "reorder", "archive", "restore"]
    assert history[-1]["titles"] == ["Honesty & candour", "Patience", "Courage", "Kindness"]
    assert history[7]["titles"] == ["Honesty & candour", "Courage", "Kindness"]
    assert all(h["at"].startswith(TODAY) for h in history)
    assert "Restored 'Patience' at rank 2." in cli.ok("values", "history")

    prompt = cli.new_id("values", "prompt-add", honesty, "Where did I shade the truth?")
    assert [p["text"] for p in cli.json("values", "show", honesty)["prompts"]] == ["Where did I shade the truth?"]
    cli.ok("values", "prompt-remove", prompt)
    assert cli.json("values", "show", honesty)["prompts"] == []


def test_today_picks_once_a_day_and_says_why(cli):
    ids = [cli.new_id("values", "add", t) for t in ("Honesty", "Courage", "Kindness")]
    card = cli.json("today")
    assert CARD_KEYS <= set(card)
    assert card["date"] == TODAY
    assert set(card["value"]) >= CARD_VALUE_KEYS and card["value"]["id"] in ids
    assert card["strategy"] == "rotation" and card["reason"]
    assert card["value"]["rank"] == ids.index(card["value"]["id"]) + 1
    for _ in range(2):
        assert cli.json("today") == card  # asking again gives the same pick
    text = cli.ok("today")
    assert card["value"]["title"] in text and "Why today" in text

    # The next day (after 04:00 local) is a new pick; rotation never repeats yesterday's value.
    cli.clock.advance(timedelta(days=1))
    tomorrow = cli.json("today")
    assert tomorrow["date"] == "2026-03-03" and tomorrow["value"]["id"] != card["value"]["id"]
    # At 02:30 local the practice day is still the previous one (the day starts at 04:00).
    cli.clock.advance(timedelta(hours=13, minutes=30))  # 2026-03-04 01:30 UTC = 02:30 Berlin
    assert cli.json("today")["date"] == "2026-03-03"


def test_focus_pins_a_value_and_pause_stops_the_picks(cli):
    honesty = cli.new_id("values", "add", "Honesty")
    courage = cli.new_id("values", "add", "Courage")
    pin = cli.json("focus", courage, "--days", "2")
    assert pin == {"value_id": courage, "value_title": "Courage", "start": TODAY, "end": "2026-03-03"}
    for _ in range(2):
        card = cli.json("today")
        assert (card["value"]["id"], card["strategy"]) == (courage, "focus")
        cli.clock.advance(timedelta(days=1))
    assert cli.json("today")["strategy"] == "rotation"  # the focus ended
    assert cli.ok("focus", honesty, "--days", "1").startswith(f"Focusing on Honesty from {TODAY[:-2]}04 through")
    assert cli.ok("focus", "--clear").startswith("Focus on Honesty ended")

    pause_id = cli.new_id("pause", "--from", "2026-03-06", "--to", "2026-03-08", "--reason", "Holiday")
    [listed] = cli.json("pauses")
    assert listed == {"id": pause_id, "start": "2026-03-06", "end": "2026-03-08", "reason": "Holiday"}
    cli.clock.advance(timedelta(days=2))  # 2026-03-06
    card = cli.json("today")
    assert card["date"] == "2026-03-06" and card["value"] is None and card["paused"]
    assert "Holiday" in card["reason"]
    cli.ok("unpause", pause_id)
    assert cli.json("today")["value"] is not None


def test_reflect_and_the_journal(cli):
    honesty = cli.new_id("values", "add", "Honesty")
    courage = cli.new_id("values", "add", "Courage")
    picked = cli.json("today")["value"]["id"]
    first = cli.new_id("reflect", "Told the truth about the deadline.", "--rating", "4")
    past = cli.json("reflect", "Yesterday I hid a mistake.", "--rating", "2", "--date", "2026-02-28", "--value", courage)
    assert past["day"] == "2026-02-28" and past["rating"] == 2 and past["value_id"] == courage
    plain = cli.new_id("reflect", "No rating today, just words.", "--date", "2026-03-01", "--value", honesty)

    journal = cli.json("journal")
    assert [r["id"] for r in journal] == [first, plain, past["id"]]  # newest day first
    assert journal[0]["value_id"] == picked and journal[0]["rating"] == 4 and journal[0]["day"] == TODAY
    assert journal[1]["rating"] is None
    assert [r["id"] for r in cli.json("journal", "--value", courage)] == ([first] if picked == courage else []) + [past["id"]]
    assert [r["id"] for r in cli.json("journal", "--since", "2026-03-01")] == [first, plain]
    assert [r["id"] for r in cli.json("journal", "--until", "2026-03-01")] == [plain, past["id"]]
    assert [r["id"] for r in cli.json("journal", "--since", "2026-02-28", "--until", "2026-02-28")] == [past["id"]]
    assert [r["id"] for r in cli.json("journal", "--search", "MISTAKE")] == [past["id"]]
    assert cli.json("journal", "--search", "nothing like this") == []
    assert "Told the truth" in cli.ok("journal") and "4/5" in cli.ok("journal")

    cli.ok("reflection", "edit", plain, "--rating", "5", "--text", "Words, and a rating after all.")
    assert [r["rating"] for r in cli.json("journal", "--search", "after all")] == [5]
    cli.ok("reflection", "delete", plain)
    assert [r["id"] for r in cli.json("journal")] == [first, past["id"]]
    assert cli.json("today")["streak"] == 1


def test_repairs_through_every_state(cli):
    honesty = cli.new_id("values", "add", "Honesty")
    sam = cli.new_id("repairs", "add", "Sam", "Snapped at Sam", "--kind", "apology", "--value", honesty,
                     "--by", "2026-03-01")
    cli.clock.advance(timedelta(days=1))
    ana = cli.json("repairs", "add", "Ana", "Missed her talk", "--kind", "amends")
    assert ana["state"] == "owed" and ana["kind"] == "amends" and ana["person"] == "Ana"
    cli.clock.advance(timedelta(days=2))

    open_ = cli.json("repairs", "list")
    assert [r["id"] for r in open_] == [sam, ana["id"]]  # oldest first
    assert [r["age_days"] for r in open_] == [3, 2]
    assert [r["overdue"] for r in open_] == [True, False]
    assert open_[0]["value_title"] == "Honesty"
    assert "OVERDUE" in cli.ok("repairs", "list")

    planned = cli.json("repairs", "plan", ana["id"], "--on", "2026-03-10")
    assert (planned["state"], planned["planned_for"]) == ("planned", "2026-03-10")
    done = cli.json("repairs", "done", ana["id"], "--note", "She accepted.")
    assert (done["state"], done["outcome_note"]) == ("done", "She accepted.")
    assert cli.json("repairs", "reopen", ana["id"])["state"] == "planned"  # it had a plan
    released = cli.json("repairs", "release", sam, "--reason", "Sam moved on")
    assert (released["state"], released["release_reason"]) == ("released", "Sam moved on")
    assert cli.json("repairs", "reopen", sam)["state"] == "owed"
    cli.ok("repairs", "done", sam)
    assert [r["id"] for r in cli.json("repairs", "list")] == [ana["id"]]
    assert [r["id"] for r in cli.json("repairs", "list", "--state", "done")] == [sam]
    assert {r["id"] for r in cli.json("repairs", "list", "--state", "all")} == {sam, ana["id"]}


def test_feedback_through_every_state_and_into_a_repair(cli):
    kindness = cli.new_id("values", "add", "Kindness")
    mia = cli.new_id("feedback", "add", "Mia", "You interrupt a lot.", "--kind", "concern", "--value", kindness)
    raj = cli.json("feedback", "add", "Raj", "Thanks for the help.", "--kind", "appreciation", "--date", "2026-02-20")
    assert (raj["state"], raj["received_on"], raj["kind"]) == ("new", "2026-02-20", "appreciation")
    kim = cli.new_id("feedback", "add", "Kim", "Try a walk at lunch.", "--kind", "suggestion")

    assert [f["id"] for f in cli.json("feedback", "list")] == [kim, mia, raj["id"]]  # newest first
    assert [f["id"] for f in cli.json("feedback", "list", "--limit", "2")] == [kim, mia]
    assert cli.json("feedback", "ack", raj["id"])["state"] == "acknowledged"
    assert cli.json("feedback", "acted", kim)["state"] == "acted_on"
    repair = cli.new_id("feedback", "to-repair", mia, "--kind", "conversation", "--by", "2026-03-09")
    [note] = [f for f in cli.json("feedback", "list") if f["id"] == mia]
    assert note["repair_ids"] == [repair] and note["state"] == "acknowledged" and note["value_title"] == "Kindness"
    [owed] = cli.json("repairs", "list")
    assert (owed["id"], owed["person"], owed["feedback_id"], owed["value_id"]) == (repair, "Mia", mia, kindness)
    assert [f["id"] for f in cli.json("feedback", "list", "--state", "acknowledged")] == [mia, raj["id"]]
    assert "-> repair" in cli.ok("feedback", "list")


def test_settings_show_and_set_every_key(cli):
    shown = cli.json("settings", "show")
    assert shown["settings"]["pick_strategy"] == "rotation"
    assert shown["settings"]["growth_edge"] == "off"
    assert shown["settings"]["day_starts_at"] == "04:00"
    assert shown["timezone_in_effect"] == "Europe/Berlin"
    for key, value, stored in [
        ("pick_strategy", "weighted", "weighted"),
        ("growth_edge", "on", "on"),
        ("day_starts_at", "5:30", "05:30"),
        ("timezone", "America/New_York", "America/New_York"),
        ("reminder_at", "07:45", "07:45"),
        ("evening_prompt_at", "off", "off"),
        ("evening_prompt_at", "21:30", "21:30"),
        ("reminder_at", "off", "off"),
        ("pick_strategy", "random", "random"),
    ]:
        assert cli.ok("settings", "set", key, value).strip() == f"{key} = {stored}"
        assert cli.json("settings", "show")["settings"][key] == stored
    assert cli.json("settings", "show")["timezone_in_effect"] == "America/New_York"
    text = cli.ok("settings", "show")
    assert "pick_strategy" in text and "America/New_York" in text
    # The day follows the settings: 12:00 UTC is 07:00 in New York, after a 05:30 start.
    cli.ok("settings", "set", "day_starts_at", "08:00")
    assert cli.json("today")["date"] == "2026-03-01"


def test_export_in_every_format_and_import_into_a_new_store(cli, tmp_path):
    honesty = cli.new_id("values", "add", "Honesty", "--note", "Say it, kindly.")
    cli.new_id("values", "add", "Courage")
    cli.ok("today")
    cli.new_id("reflect", "Said the hard thing.", "--rating", "4")
    cli.new_id("repairs", "add", "Sam", "Snapped at Sam", "--value", honesty)
    cli.new_id("feedback", "add", "Mia", "You *interrupt*.", "--value", honesty)

    exported = cli.export()
    doc = json.loads(exported)
    assert (doc["format"], doc["version"]) == ("valuesapp", 3)
    out = tmp_path / "backup.json"
    cli.ok("export", "--format", "json", "--out", out)
    assert out.read_text(encoding="utf-8") == exported
    assert not list(tmp_path.glob("*.partial"))

    md_path = tmp_path / "journal.md"
    cli.ok("export", "--format", "markdown", "--out", md_path)
    md = md_path.read_text(encoding="utf-8")
    assert "## Values" in md and "Said the hard thing." in md and "You \\*interrupt\\*." in md
    assert "## Repairs" in md and "Sam" in md
    assert cli.ok("export", "--format", "markdown") == md

    cli.ok("export", "--format", "csv", "--out", tmp_path / "csv")
    with open(tmp_path / "csv" / "values.csv", newline="", encoding="utf-8") as f:
        assert [r["title"] for r in csv.DictReader(f)] == ["Honesty", "Courage"]
    cli.ok("export", "--format", "csv", "--out", tmp_path / "all.zip")
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert "reflections.csv" in archive.namelist()

    # Into a brand new store, chosen with --db: dry run first, then for real; the export is the same.
    new_db = tmp_path / "restored.db"
    _State.services = None
    try:
        preview = cli.ok("--db", new_db, "import", out, "--dry-run")
        assert preview.startswith("Would import.") and "2 values" in preview
        assert json.loads(cli.export())["values"] == []
        assert cli.ok("--db", new_db, "import", out).startswith("Imported.")
        assert cli.ok("--db", new_db, "export", "--format", "json") == exported
        again = cli.ok("--db", new_db, "import", out)
        assert "Adds 0 values (+2 matched existing)" in again
        assert cli.ok("--db", new_db, "export", "--format", "json") == exported
    finally:
        if _State.services is not None:
            _State.services.context.store.close()
        _State.services = cli.services


def test_every_list_command_takes_json(cli):
    value = cli.new_id("values", "add", "Honesty")
    cli.new_id("reflect", "Words.", "--value", value)
    cli.new_id("repairs", "add", "Sam", "Snapped")
    cli.new_id("feedback", "add", "Mia", "A note")
    cli.new_id("pause", "--from", "2026-04-01", "--to", "2026-04-02")
    for command in (["values", "list"], ["values", "list", "--archived"], ["values", "history"], ["journal"],
                    ["repairs", "list"], ["repairs", "list", "--state", "all"], ["feedback", "list"], ["pauses"]):
        parsed = cli.json(*command)
        assert isinstance(parsed, list) and parsed, command
        assert all(isinstance(item, dict) and "id" in item for item in parsed), command
    assert isinstance(cli.json("settings", "show")["settings"], dict)
    assert isinstance(cli.json("today"), dict)


# Bad input: one line, exit code 2, and the store exactly as it was


def _bad_inputs(ids: dict[str, int], tmp_path: Path) -> list[tuple[str, ...]]:
    not_json = tmp_path / "not.json"
    not_json.write_text("{ this is not json", encoding="utf-8")
    wrong_version = tmp_path / "v99.json"
    wrong_version.write_text(json.dumps({"format": "valuesapp", "version": 99}), encoding="utf-8")
    wrong_format = tmp_path / "other.json"
    wrong_format.write_text(json.dumps({"format": "otherapp", "version": 1}), encoding="utf-8")
    h, c, done, owed, acked, acted = (ids[k] for k in ("honesty", "courage", "done", "owed", "acked", "acted"))
    return [
        # titles
        ("values", "add", ""),
        ("values", "add", "   "),
        ("values", "add", "honesty"),
        ("values", "add", "HONESTY", "--rank", "1"),
        ("values", "add", "x" * 121),
        ("values", "add", "Fine title", "--note", "n" * 10_001),
        ("values", "add", "Fine title", "--rank", "9"),
        ("values", "edit", c, "--title", "Honesty"),
        ("values", "edit", c, "--title", ""),
        ("values", "edit", h),
        # unknown ids
        ("values", "edit", 999, "--title", "X"),
        ("values", "show", 999),
        ("values", "move", 999, 1),
        ("values", "archive", 999, "--reason", "gone"),
        ("values", "restore", 999),
        ("values", "prompt-add", 999, "A prompt"),
        ("values", "prompt-remove", 999),
        ("focus", 999, "--days", 3),
        ("reflect", "Words", "--value", 999),
        ("journal", "--value", 999),
        ("reflection", "edit", 999, "--text", "x"),
        ("reflection", "delete", 999),
        ("unpause", 999),
        ("repairs", "add", "Sam", "x", "--value", 999),
        ("repairs", "plan", 999, "--on", "2026-03-05"),
        ("repairs", "done", 999),
        ("repairs", "release", 999, "--reason", "x"),
        ("repairs", "reopen", 999),
        ("feedback", "add", "Mia", "x", "--value", 999),
        ("feedback", "ack", 999),
        ("feedback", "acted", 999),
        ("feedback", "to-repair", 999),
        # other values out of range
        ("values", "move", h, 0),
        ("values", "move", h, 3),
        ("values", "reorder", h),
        ("values", "reorder", h, c, c),
        ("values", "archive", h, "--reason", ""),
        ("values", "restore", h),
        ("focus", h, "--days", 0),
        ("focus", h, "--days", 400),
        ("focus",),
        # ratings
        ("reflect", "Words", "--rating", 0),
        ("reflect", "Words", "--rating", 6),
        ("reflect", "Words", "--rating", -1),
        ("reflect", ""),
        ("reflection", "edit", ids["reflection"], "--rating", 6),
        # dates that are not dates
        ("reflect", "Words", "--date", "yesterday"),
        ("reflect", "Words", "--date", "2026-02-30"),
        ("reflect", "Words", "--date", "2026-03-03"),  # the future
        ("journal", "--since", "last week"),
        ("journal", "--until", "2026-13-01"),
        ("journal", "--since", "2026-03-02", "--until", "2026-03-01"),
        ("pause", "--from", "soon", "--to", "2026-03-09"),
        ("pause", "--from", "2026-03-09", "--to", "2026-03-05"),
        ("repairs", "add", "Sam", "x", "--by", "next week"),
        ("repairs", "plan", owed, "--on", "someday"),
        ("feedback", "add", "Mia", "x", "--date", "03/01/2026"),
        ("feedback", "add", "Mia", "x", "--date", "2030-01-01"),
        # states a repair (or note) cannot reach from where it is
        ("repairs", "reopen", owed),
        ("repairs", "plan", done, "--on", "2026-03-05"),
        ("repairs", "release", done, "--reason", "x"),
        ("repairs", "done", done),
        ("feedback", "ack", acked),
        ("feedback", "ack", acted),
        ("feedback", "acted", acted),
        # choices
        ("repairs", "add", "", "x"),
        ("repairs", "add", "Sam", ""),
        ("repairs", "add", "Sam", "x", "--kind", "hug"),
        ("repairs", "list", "--state", "someday"),
        ("feedback", "add", "Mia", "x", "--kind", "rant"),
        ("feedback", "list", "--state", "ignored"),
        ("settings", "set", "pick_strategy", "sometimes"),
        ("settings", "set", "growth_edge", "maybe"),
        ("settings", "set", "day_starts_at", "25:00"),
        ("settings", "set", "timezone", "Mars/Olympus_Mons"),
        ("settings", "set", "reminder_at", "7am"),
        ("settings", "set", "evening_prompt_at", "never"),
        ("settings", "set", "colour", "red"),
        # export and import
        ("export", "--format", "pdf"),
        ("export", "--format", "csv"),
        ("export", "--format", "json", "--out", tmp_path / "no" / "such" / "folder" / "x.json"),
        ("import", tmp_path / "missing.json"),
        ("import", not_json),
        ("import", wrong_version),
        ("import", wrong_format),
        ("import", not_json, "--dry-run"),
    ]


@pytest.fixture
def populated(cli):
    honesty = cli.new_id("values", "add", "Honesty")
    courage = cli.new_id("values", "add", "Courage")
    reflection = cli.new_id("reflect", "Something", "--value", honesty, "--date", "2026-03-01")
    owed = cli.new_id("repairs", "add", "Sam", "Snapped")
    done = cli.new_id("repairs", "add", "Ana", "Late")
    cli.ok("repairs", "done", done)
    acked = cli.new_id("feedback", "add", "Mia", "Listen more")
    cli.ok("feedback", "ack", acked)
    acted = cli.new_id("feedback", "add", "Kim", "Walk more")
    cli.ok("feedback", "acted", acted)
    # No pick yet today: a command that picked before failing would show up as a change.
    return dict(honesty=honesty, courage=courage, reflection=reflection, owed=owed, done=done, acked=acked, acted=acted)


def test_bad_input_is_one_line_exit_2_and_changes_nothing(cli, populated, tmp_path):
    problems = []
    before = cli.export()
    for args in _bad_inputs(populated, tmp_path):
        outcome = cli.run(*args)
        lines = outcome.err.splitlines()
        if outcome.code != 2:
            problems.append(f"{args}: exit {outcome.code}, stdout {outcome.out!r}")
        elif len(lines) != 1 or not lines[0].startswith("valuesapp: ") or "Traceback" in outcome.err:
            problems.append(f"{args}: stderr {outcome.err!r}")
        if outcome.out:
            problems.append(f"{args}: printed {outcome.out!r} on stdout")
        if cli.export() != before:
            problems.append(f"{args}: the store changed")
            before = cli.export()
    assert problems == [], "\n".join(problems)
    assert not list(tmp_path.glob("**/*.partial"))


# The real program: exit codes and one line on stderr come from valuesapp.cli.run


def _spawn(args: list[str], home: Path, env_db: str | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "VALUESAPP_DB"}
    # Never the person's own data folder, whatever happens.
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    if env_db is not None:
        env["VALUESAPP_DB"] = env_db
    return subprocess.Popen([sys.executable, "-m", "valuesapp", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen) -> Outcome:
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return Outcome(proc.returncode, out, err)


def test_the_real_program_exit_codes_and_database_choice(tmp_path):
    chosen, ignored = tmp_path / "chosen.db", tmp_path / "ignored.db"
    added = _finish(_spawn(["--db", chosen, "values", "add", "Honesty"], tmp_path, env_db=str(ignored)))
    assert (added.code, added.out) == (0, "1\n"), added.err
    assert "Added value 1" in added.err
    assert chosen.exists() and not ignored.exists(), "--db wins over VALUESAPP_DB"

    procs = {
        "empty title, database from VALUESAPP_DB": _spawn(["values", "add", ""], tmp_path, env_db=str(chosen)),
        "rating 6, database from --db": _spawn(["--db", chosen, "reflect", "Words", "--rating", "6"], tmp_path),
        "duplicate title": _spawn(["values", "add", "HONESTY"], tmp_path, env_db=str(chosen)),
    }
    for name, outcome in ((name, _finish(proc)) for name, proc in procs.items()):
        assert outcome.code == 2, f"{name}: {outcome.code} {outcome.err}"
        assert outcome.out == "", name
        assert len(outcome.err.splitlines()) == 1 and outcome.err.startswith("valuesapp: "), f"{name}: {outcome.err!r}"
        assert "Traceback" not in outcome.err

    # Read back through the environment variable: the failed calls wrote nothing (not even a pick).
    exported = _finish(_spawn(["export", "--format", "json"], tmp_path, env_db=str(chosen)))
    doc = json.loads(exported.out)
    assert [v["title"] for v in doc["values"]] == ["Honesty"]
    assert doc["reflections"] == [] and doc["picks"] == []
    assert not (tmp_path / "data").exists(), "nothing touched the default data folder"


def test_plain_valuesapp_opens_the_app(cli, monkeypatch):
    import valuesapp.app as wired

    opened = []
    monkeypatch.setattr(wired, "open_app", lambda services: opened.append(services))
    assert cli.run().code == 0
    assert opened == [cli.services]
    help_ = cli.ok("--help")
    assert "today" in help_ and "values" in help_ and "export" in help_


# The served app's passphrase and friends' links


def test_a_passphrase_is_set_from_standard_input_and_a_short_one_is_refused(cli):
    assert cli.ok("passphrase", "status") == "not set\n"
    short = cli.runner.invoke(COMMAND, ["passphrase", "set"], input="too short\n", prog_name="valuesapp")
    assert isinstance(short.exception, UserError) and "use at least 12" in short.exception.message
    assert cli.ok("passphrase", "status") == "not set\n"
    done = cli.runner.invoke(COMMAND, ["passphrase", "set"], input="a long walk at dawn\n", prog_name="valuesapp")
    assert done.exit_code == 0, done.stderr
    assert cli.ok("passphrase", "status") == "set\n"
    assert cli.services.access.verify("a long walk at dawn")
    cli.ok("passphrase", "clear")
    assert cli.ok("passphrase", "status") == "not set\n"


def test_links_are_made_listed_and_revoked_and_bad_input_is_one_line(cli):
    made = cli.json("links", "create", "Maya", "--days", "7", "--allow-values", "--base-url", "https://me.example/")
    assert set(made) >= {"id", "friend", "url", "expires"}
    assert made["friend"] == "Maya" and made["url"].startswith("https://me.example/f/")
    assert made["expires"].startswith("2026-03-09")  # the fixed clock's 2 March, plus 7 days
    plain = cli.ok("links", "create", "Sam")
    assert plain.startswith("http://127.0.0.1:8550/f/") and plain.count("\n") == 1  # as `serve` listens by default
    (maya, sam) = cli.json("links", "list")
    assert (maya["friend"], maya["open"], sam["friend"]) == ("Maya", True, "Sam")
    assert "url" not in maya, "a link is shown once only: only its hash is kept"
    cli.ok("links", "revoke", str(made["id"]))
    assert cli.json("links", "list")[0]["revoked"] is True
    for args in (["links", "create", ""], ["links", "create", "Bo", "--days", "0"],
                 ["links", "create", "Bo", "--base-url", "me.example"], ["links", "revoke", "99"]):
        outcome = cli.run(*args)
        assert outcome.code == 2 and len(outcome.err.strip().splitlines()) == 1, (args, outcome.err)
    assert len(cli.json("links", "list")) == 2


def test_serving_beyond_this_machine_without_a_passphrase_is_refused(tmp_path):
    db = tmp_path / "values.db"
    refused = _finish(_spawn(["--db", db, "serve", "--host", "0.0.0.0", "--port", "8599"], tmp_path))
    assert refused.code == 2
    assert refused.err.startswith("valuesapp: Serving on 0.0.0.0 would let anyone on the network read your journal")
    assert "valuesapp passphrase set" in refused.err and len(refused.err.splitlines()) == 1
