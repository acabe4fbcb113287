"""Export (JSON, Markdown, CSV) and import (validated, all or nothing, merging into a store with data)."""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import os
import random
import re
import uuid
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from valuesapp.core.clock import FixedClock
from valuesapp.core.errors import UserError
from valuesapp.services import build_services
from valuesapp.services import exchange_merge
from valuesapp.services import exchange_files
from valuesapp.services.exchange import FORMAT, VERSION
from valuesapp.store.engine import open_store
from valuesapp.store.tables import load_all

POSTGRES_URL = os.environ.get("VALUESAPP_TEST_POSTGRES_URL")
START = datetime(2026, 3, 2, 9, 15, 30, 123456, tzinfo=timezone.utc)
SECTIONS = ("values", "value_prompts", "revisions", "picks", "focuses", "pauses", "reflections", "links", "feedback",
            "repairs", "values_reviews", "week_questions")

HOSTILE_TITLE = "*Bold* _claim_ [link](http://evil.example) <script>alert(1)</script> `code` | ~x~ &amp; #1"
HOSTILE_TEXT = "\n".join([
    "- not a list",
    "1. not a list either",
    "1986. a year, not a list",
    "# not a heading",
    "> not a quote",
    "---",
    "+ no",
    "=====",
    "**not bold** and \\ backslash",
    "plain words, \"quoted\", 'single', comma",
])


# Stores


class _Stores:
    """Fresh stores of the same kind as the test's own (SQLite file or PostgreSQL database)."""

    def __init__(self, store_url: str, tmp_path):
        self.kind = "postgresql" if store_url.startswith("postgresql") else "sqlite"
        self.tmp_path = tmp_path
        self.opened = []
        self.dropped = []

    def url(self) -> str:
        if self.kind == "sqlite":
            return str(self.tmp_path / f"other-{uuid.uuid4().hex[:8]}.db")
        admin = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
        name = f"valuesapp_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.dropped.append((admin, name))
        return f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"

    def services(self, clock=None, seed: int = 7):
        store = open_store(self.url())
        self.opened.append(store)
        return build_services(store, clock=clock or FixedClock(START), rng=random.Random(seed), system_timezone="Europe/Berlin")

    def close(self):
        for store in self.opened:
            store.close()
        for admin, name in self.dropped:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture
def stores(store_url, tmp_path):
    made = _Stores(store_url, tmp_path)
    yield made
    made.close()


def wipe(store) -> None:
    load_all()  # every table, also of the families this process has not read yet
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]  # children first
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f"DELETE FROM {table}"))


def populate(app, clock) -> dict:
    """A store with something in every table and every state, and words that look like markup."""
    clock.set(START)
    v = app.values
    honesty = v.add("Honesty", "Say what is true,\neven \"when\" it costs.")
    courage = v.add("Courage", "Act despite fear.")
    kindness = v.add(HOSTILE_TITLE, HOSTILE_TEXT, rank=1)
    old = v.add("Punctuality")
    v.edit(courage.id, title="Courage 勇気", description="Act; despite fear — 🙂")
    v.move(honesty.id, 1)
    v.add_prompt(honesty.id, "Where did I shade the truth?")
    v.archive(old.id, "It was about <other> people's clocks")
    v.reorder([courage.id, honesty.id, kindness.id])
    v.restore(old.id, rank=2)
    v.archive(old.id, "Again: not mine")
    app.settings.set("pick_strategy", "rotation")
    app.settings.set("evening_prompt_at", "off")
    days = []
    for n in range(4):
        days.append(app.practice.card().date)
        app.journal.reflect(f"Day {n}: {HOSTILE_TEXT if n == 1 else 'fine'}", rating=(n % 5) + 1)
        clock.advance(timedelta(days=1, minutes=7, microseconds=11))
    app.journal.reflect("A past day, no rating", day=days[0] - timedelta(days=3))
    v.focus(honesty.id, 3)
    app.practice.card()
    app.practice.pause(days[-1] + timedelta(days=5), days[-1] + timedelta(days=9), "Holiday *away*")
    r1 = app.repairs.add("Sam", "Snapped at **Sam** over dinner", kind="apology", value_id=kindness.id,
                         target_date=days[0] + timedelta(days=1))
    r2 = app.repairs.add("Ana", "Missed her talk", kind="amends")
    r3 = app.repairs.add("Jo", "Owe a [hard] conversation", kind="conversation")
    r4 = app.repairs.add("Lee", "Borrowed book", kind="other")
    app.repairs.plan(r2.id, days[-1] + timedelta(days=2))
    app.repairs.done(r3.id, "It went _well_")
    app.repairs.release(r4.id, "Lee said it's fine")
    app.repairs.done(r1.id)
    app.repairs.reopen(r1.id)
    f1 = app.feedback.add("Mia", "You <b>interrupt</b> a lot\n- really", kind="concern", value_id=kindness.id)
    f2 = app.feedback.add("Raj", "Thanks for the help", kind="appreciation", received_on=days[0])
    f3 = app.feedback.add("Kim", "Try a walk", kind="suggestion")
    app.feedback.ack(f2.id)
    app.feedback.acted(f3.id)
    app.feedback.to_repair(f1.id)
    tokens = add_links(app, clock, honesty.id)
    app.reviews.set_question("Whom do I *owe* a call?")
    app.reviews.save("Kindness <stays> on top")
    return {"honesty": honesty.id, "courage": courage.id, "kindness": kindness.id, "old": old.id, "tokens": tokens}


def add_links(app, clock, value_id: int) -> dict[str, str]:
    """Friends' links in every state (open, never ending, revoked, expired), with notes sent through them."""
    maya = app.links.create("Maya", days=30, allow_values=True)
    ben = app.links.create("Ben", days=None)
    zoe = app.links.create("Zoe", days=30)
    ola = app.links.create("Ola", days=1)
    assert app.links.send(maya.token, "You listen *well*", kind="appreciation", value_id=value_id)
    assert app.links.send(maya.token, "Slow down at dinner", kind="suggestion")
    assert app.links.send(zoe.token, "Before it closed")
    assert app.links.send(ola.token, "Just in time")
    app.links.revoke(zoe.link.id)
    clock.advance(timedelta(days=2))  # Ola's one-day link has expired
    return {"Maya": maya.token, "Ben": ben.token, "Zoe": zoe.token, "Ola": ola.token}


def export_doc(app) -> dict:
    return json.loads(app.exchange.export_json())


# The JSON document


def test_export_is_a_versioned_document_with_every_table(app, clock):
    populate(app, clock)
    doc = export_doc(app)
    assert doc["format"] == FORMAT == "valuesapp"
    assert doc["version"] == VERSION == 3
    assert list(doc)[:2] == ["format", "version"]
    assert {"format", "version", "settings", *SECTIONS} <= set(doc)
    for section in SECTIONS:
        assert doc[section], f"populate() leaves something in {section}"
        ids = [row["id"] for row in doc[section]]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert doc["settings"] == {"evening_prompt_at": "off", "pick_strategy": "rotation"}
    assert {r["state"] for r in doc["repairs"]} == {"owed", "planned", "done", "released"}
    assert {f["state"] for f in doc["feedback"]} == {"new", "acknowledged", "acted_on"}
    assert {f["via_link"] for f in doc["feedback"]} == {True, False}
    # Instants are UTC with their offset, at full precision; days are plain dates.
    assert doc["values"][0]["created_at"] == "2026-03-02T09:15:30.123456+00:00"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["picks"][0]["day"])


def test_export_import_export_is_identical(app, clock, stores):
    populate(app, clock)
    first = app.exchange.export_json()
    target = stores.services()
    summary = target.exchange.import_json(first)
    assert summary.into_empty_store
    doc = json.loads(first)
    assert (summary.values, summary.reflections, summary.repairs, summary.feedback, summary.picks, summary.pauses) == (
        len(doc["values"]), len(doc["reflections"]), len(doc["repairs"]), len(doc["feedback"]), len(doc["picks"]),
        len(doc["pauses"]))
    assert target.exchange.export_json() == first
    # The imported store goes on working: new rows get new ids (PostgreSQL's sequences moved past the file's).
    new = target.values.add("Patience")
    assert new.id == max(v["id"] for v in doc["values"]) + 1
    assert target.repairs.add("Someone", "Something").id == max(r["id"] for r in doc["repairs"]) + 1
    assert target.values.replay_history() == [v.id for v in target.values.list()]


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="needs VALUESAPP_TEST_POSTGRES_URL")
def test_a_sqlite_export_imports_into_postgresql_identically(tmp_path):
    sqlite_side = _Stores(str(tmp_path / "x.db"), tmp_path)
    pg_side = _Stores(POSTGRES_URL, tmp_path)
    try:
        clock = FixedClock(START)
        source = sqlite_side.services(clock)
        populate(source, clock)
        text_ = source.exchange.export_json()
        target = pg_side.services()
        target.exchange.import_json(text_)
        assert target.exchange.export_json() == text_
    finally:
        sqlite_side.close()
        pg_side.close()


# The same property over randomly built stores

_words = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
        st.sampled_from("\n\t*_#[]<>`|\\&-+=.!\"'"),
    ),
    max_size=24,
)
_ops = st.lists(
    st.one_of(
        st.tuples(st.just("add"), _words, _words, st.none() | st.integers(1, 6)),
        st.tuples(st.just("edit"), st.integers(0, 9), _words, st.none() | _words),
        st.tuples(st.just("move"), st.integers(0, 9), st.integers(1, 6)),
        st.tuples(st.just("reorder"), st.randoms(use_true_random=False)),
        st.tuples(st.just("archive"), st.integers(0, 9), _words),
        st.tuples(st.just("restore"), st.integers(0, 9), st.none() | st.integers(1, 6)),
        st.tuples(st.just("prompt"), st.integers(0, 9), _words),
        st.tuples(st.just("later"), st.integers(0, 3), st.integers(0, 23), st.integers(0, 999_999)),
        st.tuples(st.just("today")),
        st.tuples(st.just("reflect"), _words, st.none() | st.integers(1, 5), st.integers(0, 5)),
        st.tuples(st.just("repair"), _words, _words, st.sampled_from(["apology", "conversation", "amends", "other"])),
        st.tuples(st.just("repair_move"), st.integers(0, 9), st.sampled_from(["plan", "done", "release", "reopen"]), _words),
        st.tuples(st.just("feedback"), _words, _words, st.sampled_from(["concern", "appreciation", "suggestion"]),
                  st.none() | st.integers(0, 9)),
        st.tuples(st.just("feedback_move"), st.integers(0, 9), st.sampled_from(["ack", "acted", "to_repair"])),
        st.tuples(st.just("pause"), st.integers(-5, 5), st.integers(0, 4), _words),
        st.tuples(st.just("focus"), st.integers(0, 9), st.integers(1, 5)),
        st.tuples(st.just("link"), _words, st.sampled_from([None, 1, 30]), st.booleans()),
        st.tuples(st.just("link_note"), st.integers(0, 9), _words, st.none() | st.integers(0, 9)),
        st.tuples(st.just("link_revoke"), st.integers(0, 9)),
        st.tuples(st.just("setting"), st.sampled_from([
            ("pick_strategy", "weighted"), ("pick_strategy", "random"), ("pick_strategy", "rotation"),
            ("growth_edge", "on"), ("day_starts_at", "05:30"), ("timezone", "America/New_York"),
            ("reminder_at", "off"), ("evening_prompt_at", "20:15"),
        ])),
    ),
    min_size=6,
    max_size=30,
)
_titles = st.lists(st.text(min_size=1, max_size=20).map(lambda t: "".join(c for c in t if c.isprintable()) or "Value"),
                   min_size=1, max_size=6)


def _run(app, clock, ops) -> None:
    def pick(ids: list[int], i: int) -> int:
        return ids[i % len(ids)] if ids else 1

    tokens: list[str] = []
    for op in ops:
        name = op[0]
        all_values = [v.id for v in app.values.list(include_archived=True)]
        try:
            if name == "add":
                app.values.add(op[1], op[2], rank=op[3])
            elif name == "edit":
                app.values.edit(pick(all_values, op[1]), title=op[2], description=op[3])
            elif name == "move":
                app.values.move(pick(all_values, op[1]), op[2])
            elif name == "reorder":
                order = [v.id for v in app.values.list()]
                op[1].shuffle(order)
                app.values.reorder(order)
            elif name == "archive":
                app.values.archive(pick(all_values, op[1]), op[2])
            elif name == "restore":
                app.values.restore(pick(all_values, op[1]), rank=op[2])
            elif name == "prompt":
                app.values.add_prompt(pick(all_values, op[1]), op[2])
            elif name == "later":
                clock.advance(timedelta(days=op[1], hours=op[2], microseconds=op[3]))
            elif name == "today":
                app.practice.card()
            elif name == "reflect":
                app.journal.reflect(op[1], rating=op[2], day=app.practice.today() - timedelta(days=op[3]))
            elif name == "repair":
                app.repairs.add(op[1], op[2], kind=op[3])
            elif name == "repair_move":
                ids = [r.id for r in app.repairs.list("all")]
                rid = pick(ids, op[1])
                if op[2] == "plan":
                    app.repairs.plan(rid, app.practice.today() + timedelta(days=2))
                elif op[2] == "done":
                    app.repairs.done(rid, op[3])
                elif op[2] == "release":
                    app.repairs.release(rid, op[3])
                else:
                    app.repairs.reopen(rid)
            elif name == "feedback":
                app.feedback.add(op[1], op[2], kind=op[3], value_id=None if op[4] is None else pick(all_values, op[4]))
            elif name == "feedback_move":
                ids = [f.id for f in app.feedback.list()]
                getattr(app.feedback, op[2])(pick(ids, op[1]))
            elif name == "pause":
                start = app.practice.today() + timedelta(days=op[1])
                app.practice.pause(start, start + timedelta(days=op[2]), op[3])
            elif name == "focus":
                app.values.focus(pick(all_values, op[1]), op[2])
            elif name == "setting":
                app.settings.set(*op[1])
            elif name == "link":
                tokens.append(app.links.create(op[1], days=op[2], allow_values=op[3]).token)
            elif name == "link_note" and tokens:
                app.links.send(tokens[op[1] % len(tokens)], op[2], value_id=None if op[3] is None else pick(all_values, op[3]))
            elif name == "link_revoke":
                app.links.revoke(pick([link.id for link in app.links.list()], op[1]))
        except UserError:
            pass  # refused as it should be; the store is unchanged and the sequence goes on


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(titles=_titles, ops=_ops)
def test_export_import_export_is_the_identity_for_any_store(store_url, stores, titles, ops):
    source_store = _cached_store(stores, "source")
    target_store = _cached_store(stores, "target")
    wipe(source_store)
    wipe(target_store)
    clock = FixedClock(START)
    source = build_services(source_store, clock=clock, rng=random.Random(3), system_timezone="Europe/Berlin")
    _run(source, clock, [("add", title, "", None) for title in titles] + [("today",)] + ops)
    first = source.exchange.export_json()
    doc = json.loads(first)
    event(f"{sum(len(doc[s]) for s in SECTIONS) // 10 * 10}+ rows, {len(doc['settings'])} settings")
    target = build_services(target_store, clock=FixedClock(START), rng=random.Random(4), system_timezone="UTC")
    target.exchange.import_json(first)
    assert target.exchange.export_json() == first


def _cached_store(stores: _Stores, name: str):
    cache = stores.__dict__.setdefault("cache", {})
    if name not in cache:
        cache[name] = open_store(stores.url())
        stores.opened.append(cache[name])
    return cache[name]


# Markdown


def test_markdown_has_every_part_and_escapes_markup(app, clock):
    ids = populate(app, clock)
    md = app.exchange.export_markdown()
    for heading in ("# My values journal", "## Values", "### Snipped", "## Journal", "## Repairs", "## Feedback from friends"):
        assert re.search(rf"^{re.escape(heading)}$", md, re.M), heading
    assert md.index("## Values") < md.index("## Journal") < md.index("## Repairs") < md.index("## Feedback from friends")
    assert "Courage 勇気" in md and "Punctuality" in md and "Again: not mine" in md
    assert "Missed her talk" in md and "Lee said it" in md and "Thanks for the help" in md
    assert "Lived it: 2/5" in md
    # Markup in a person's words is escaped: nothing they typed becomes a link, a tag, code or emphasis.
    assert "<script>" not in md
    assert "\\*Bold\\*" in md and "\\[link\\]" in md and "\\<b\\>" in md
    assert "\\- not a list" in md and "1\\. not a list either" in md and "\\---" in md
    assert ids  # (populate ran)


def test_markdown_renders_a_persons_words_as_written(app, clock):
    """Rendered by a CommonMark parser, the person's words come out as text: no markup of theirs survives."""
    markdown_it = pytest.importorskip("markdown_it")
    populate(app, clock)
    md = app.exchange.export_markdown()
    doc = export_doc(app)
    rendered = markdown_it.MarkdownIt("commonmark").enable("strikethrough").enable("table").render(md)

    for tag in ("<a ", "<code", "<pre", "<blockquote", "<hr", "<script", "<s>", "<del>", "<img", "<table"):
        assert tag not in rendered, f"{tag} came from a person's words:\n{rendered}"
    # title, sections (Reviews too), "Snipped", one per reflection and one per saved values review
    expected_headings = 1 + 6 + 1 + len(doc["reflections"]) + len(doc["values_reviews"])
    assert len(re.findall(r"<h[1-6]>", rendered)) == expected_headings
    active = [v for v in doc["values"] if v["archived_at"] is None]
    archived = [v for v in doc["values"] if v["archived_at"] is not None]
    assert rendered.count("<ol>") == 1  # the ranked values, and no other numbered list
    reviewed = sum(len(r["gaps"]) + len(r["changes"]) for r in doc["values_reviews"]) + len(doc["week_questions"])
    assert rendered.count("<li>") == (len(active) + len(archived) + len(doc["repairs"]) + len(doc["feedback"])
                                      + len(doc["links"]) + reviewed)
    assert rendered.count("<strong>") == len(active) + len(archived)
    assert rendered.count("<em>") == sum(1 for r in doc["reflections"] if r["rating"])

    plain = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for words in [HOSTILE_TITLE, HOSTILE_TEXT, "You <b>interrupt</b> a lot\n- really", "Snapped at **Sam** over dinner"]:
        for line in words.split("\n"):
            assert line.strip() in plain, f"{line!r} did not come through as written"


# CSV


def _read_csv(content: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content, newline="")))


def test_csv_to_a_folder_has_one_file_per_table(app, clock, tmp_path):
    populate(app, clock)
    doc = export_doc(app)
    out = tmp_path / "csv"
    written = app.exchange.export_csv(out)
    names = {p.name for p in written}
    assert names == {f"{s}.csv" for s in SECTIONS} | {"settings.csv"}
    for section in SECTIONS:
        rows = _read_csv((out / f"{section}.csv").read_text(encoding="utf-8"))
        assert len(rows) == len(doc[section])
        assert [int(r["id"]) for r in rows] == [r["id"] for r in doc[section]]
    values = _read_csv((out / "values.csv").read_text(encoding="utf-8"))
    by_id = {int(r["id"]): r for r in values}
    for v in doc["values"]:
        assert by_id[v["id"]]["title"] == v["title"]
        assert by_id[v["id"]]["description"] == v["description"]  # commas, quotes and newlines survive
    revisions = _read_csv((out / "revisions.csv").read_text(encoding="utf-8"))
    assert json.loads(revisions[-1]["titles"]) == doc["revisions"][-1]["titles"]
    settings_rows = _read_csv((out / "settings.csv").read_text(encoding="utf-8"))
    assert {r["key"]: r["value"] for r in settings_rows} == doc["settings"]


def test_csv_to_a_zip_holds_the_same_files(app, clock, tmp_path):
    populate(app, clock)
    folder = tmp_path / "folder"
    app.exchange.export_csv(folder)
    archive_path = tmp_path / "export.zip"
    assert app.exchange.export_csv(archive_path) == [archive_path]
    with zipfile.ZipFile(archive_path) as archive:
        assert sorted(archive.namelist()) == sorted(p.name for p in folder.iterdir())
        for name in archive.namelist():
            assert archive.read(name) == (folder / name).read_bytes()


# Merging into a store that has data


def test_import_into_a_store_with_data_merges(app, clock, stores):
    ids = populate(app, clock)
    file_text = app.exchange.export_json()
    doc = json.loads(file_text)

    other_clock = FixedClock(START - timedelta(days=30))
    target = stores.services(other_clock)
    mine = target.values.add("HONESTY", "my own words")
    kind = target.values.add("Kindness")
    target.journal.reflect("my own reflection", rating=2)
    before_values = {v.id: v.title for v in target.values.list(include_archived=True)}

    preview = target.exchange.preview(file_text)
    summary = target.exchange.import_json(file_text)
    assert preview == summary
    assert not summary.into_empty_store
    assert summary.values_matched == 1  # "Honesty" is my "HONESTY"
    assert summary.values == len(doc["values"]) - 1

    after = target.values.list(include_archived=True)
    active = [v for v in after if not v.archived]
    assert [v.title for v in active][:2] == ["HONESTY", "Kindness"], "what was here keeps its place at the top"
    assert [v.rank for v in active] == list(range(1, len(active) + 1))
    assert {v.title for v in active[2:]} == {"Courage 勇気", HOSTILE_TITLE}
    assert [v.title for v in after if v.archived] == ["Punctuality"]
    for value_id, title in before_values.items():
        assert target.values.get(value_id).title == title  # ids of what was here are kept
    # The file's reflections on Honesty now belong to my HONESTY.
    honesty_reflections = [r for r in doc["reflections"] if r["value_id"] == ids["honesty"]]
    assert len(target.journal.list(value_id=mine.id)) == len(honesty_reflections)
    assert kind.id not in {r.value_id for r in target.journal.list() if r.text != "my own reflection"}
    # The feedback note and the repair it became are still linked.
    linked = [f for f in target.feedback.list() if f.friend == "Mia"]
    assert len(linked) == 1 and len(linked[0].repair_ids) == 1
    assert target.repairs.get(linked[0].repair_ids[0]).feedback_id == linked[0].id
    # The history says what happened, and still replays to the list.
    assert target.values.history()[-1].action == "import"
    assert target.values.replay_history() == [v.id for v in active]

    # Importing the same file again adds nothing at all.
    once = target.exchange.export_json()
    again = target.exchange.import_json(file_text)
    assert (again.values, again.reflections, again.repairs, again.feedback, again.picks, again.pauses) == (0,) * 6
    assert again.skipped_duplicates > 0
    assert target.exchange.export_json() == once


def test_a_merged_pick_never_replaces_the_days_pick_already_here(app, clock, stores):
    app.values.add("Honesty")
    app.values.add("Courage")
    app.practice.card()
    file_text = app.exchange.export_json()
    target = stores.services(FixedClock(START))
    target.values.add("Patience")
    mine = target.practice.card()
    summary = target.exchange.import_json(file_text)
    assert summary.picks == 0 and summary.skipped_duplicates >= 1
    assert target.practice.card().value == mine.value


def test_import_into_a_store_that_only_has_settings(app, clock, stores):
    populate(app, clock)
    file_text = app.exchange.export_json()
    target = stores.services()
    target.settings.set("timezone", "Asia/Tokyo")
    target.settings.set("pick_strategy", "weighted")
    summary = target.exchange.import_json(file_text)
    assert summary.into_empty_store
    exported = json.loads(target.exchange.export_json())
    source = json.loads(file_text)
    assert {k: exported[k] for k in SECTIONS} == {k: source[k] for k in SECTIONS}
    assert exported["settings"]["pick_strategy"] == "rotation"  # the file's choice
    assert exported["settings"]["timezone"] == "Asia/Tokyo"  # the file said nothing about it


# Invalid files: one line, and nothing written


def _valid_doc(app, clock) -> dict:
    populate(app, clock)
    return export_doc(app)


def _mutations() -> list[tuple[str, object]]:
    def change(fn):
        def apply(doc):
            doc = copy.deepcopy(doc)
            fn(doc)
            return json.dumps(doc)
        return apply

    def setitem(path, value):
        def fn(doc):
            *head, last = path
            target = doc
            for key in head:
                target = target[key]
            target[last] = value
        return change(fn)

    def delitem(path):
        def fn(doc):
            *head, last = path
            target = doc
            for key in head:
                target = target[key]
            del target[last]
        return change(fn)

    def duplicate_id(section):
        return change(lambda doc: doc[section][1].__setitem__("id", doc[section][0]["id"]))

    def active(doc):
        return [v for v in doc["values"] if v["archived_at"] is None]

    return [
        ("not JSON", lambda doc: b"{this is not json"),
        ("not UTF-8", lambda doc: b"\xff\xfe\xfa not text"),
        ("empty file", lambda doc: b""),
        ("a JSON list", lambda doc: b"[]"),
        ("a JSON string", lambda doc: b'"valuesapp"'),
        ("nested too deeply", lambda doc: b'{"format": "valuesapp", "version": 1, "settings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        ("wrong format", setitem(["format"], "someotherapp")),
        ("no format", delitem(["format"])),
        ("newer version", setitem(["version"], 4)),
        ("reviews missing from a version 3 file", delitem(["values_reviews"])),
        ("version 0", setitem(["version"], 0)),
        ("version as text", setitem(["version"], "1")),
        ("version true", setitem(["version"], True)),
        ("no version", delitem(["version"])),
        ("a section missing", delitem(["reflections"])),
        ("links missing from a version 2 file", delitem(["links"])),
        ("a note's link missing from a version 2 file", delitem(["feedback", 0, "link_id"])),
        ("a section of the wrong type", setitem(["values"], {"1": "Honesty"})),
        ("an unknown section", setitem(["friends"], [])),
        ("a field missing", delitem(["values", 0, "title"])),
        ("an unknown field", setitem(["values", 0, "colour"], "red")),
        ("a title of the wrong type", setitem(["values", 0, "title"], 5)),
        ("an empty title", setitem(["values", 0, "title"], "")),
        ("a title too long", setitem(["values", 0, "title"], "x" * 121)),
        ("a note too long", setitem(["values", 0, "description"], "x" * 10_001)),
        ("a reflection too long", setitem(["reflections", 0, "text"], "x" * 10_001)),
        ("a name too long", setitem(["repairs", 0, "person"], "x" * 201)),
        ("a reason too long", setitem(["repairs", 3, "release_reason"], "x" * 2_001)),
        ("rating 0", setitem(["reflections", 0, "rating"], 0)),
        ("rating 6", setitem(["reflections", 0, "rating"], 6)),
        ("rating true", setitem(["reflections", 0, "rating"], True)),
        ("rating 2.5", setitem(["reflections", 0, "rating"], 2.5)),
        ("rating as words", setitem(["reflections", 0, "rating"], "five")),
        ("a day that is not a date", setitem(["reflections", 0, "day"], "2026-02-30")),
        ("an instant that is not one", setitem(["values", 0, "created_at"], "yesterday")),
        ("an instant without its offset", setitem(["values", 0, "created_at"], "2026-03-02T09:15:30")),
        ("a control character", setitem(["reflections", 0, "text"], "nul \x00 here")),
        ("a bell in a title", setitem(["values", 0, "title"], "ding\x07")),
        ("an unknown repair state", setitem(["repairs", 0, "state"], "forgotten")),
        ("an unknown feedback kind", setitem(["feedback", 0, "kind"], "rant")),
        ("an unknown strategy", setitem(["picks", 0, "strategy"], "dice")),
        ("a yes/no that is neither", setitem(["feedback", 0, "via_link"], "maybe")),
        ("id 0", setitem(["values", 0, "id"], 0)),
        ("a negative id", setitem(["reflections", 0, "id"], -4)),
        ("an id too big for the store", setitem(["reflections", 0, "id"], 2**31)),
        ("a cycle too big for the store", setitem(["picks", 0, "cycle"], 2**40)),
        ("a reflection on a missing value", setitem(["reflections", 0, "value_id"], 999)),
        ("a pick of a missing value", setitem(["picks", 0, "value_id"], 999)),
        ("a prompt on a missing value", setitem(["value_prompts", 0, "value_id"], 999)),
        ("a focus on a missing value", setitem(["focuses", 0, "value_id"], 999)),
        ("feedback about a missing value", setitem(["feedback", 0, "value_id"], 999)),
        ("a repair from missing feedback", setitem(["repairs", 0, "feedback_id"], 999)),
        ("a revision naming a missing value", change(lambda doc: doc["revisions"][0]["order"].append(999))),
        ("two values with one id", duplicate_id("values")),
        ("two reflections with one id", duplicate_id("reflections")),
        ("two repairs with one id", duplicate_id("repairs")),
        ("two links with one id", duplicate_id("links")),
        ("two links with one token", change(lambda doc: doc["links"][1].__setitem__("token_sha256", doc["links"][0]["token_sha256"]))),
        ("a token digest that is not one", setitem(["links", 0, "token_sha256"], "not-a-digest")),
        ("a token digest in capitals", change(lambda doc: doc["links"][0].__setitem__("token_sha256", doc["links"][0]["token_sha256"].upper()))),
        ("a link without a friend", setitem(["links", 0, "friend"], "")),
        ("a link's yes/no that is neither", setitem(["links", 0, "allow_values"], "sometimes")),
        ("a link made at no instant", setitem(["links", 0, "created_at"], "2026-03-02")),
        ("a note through a missing link", setitem(["feedback", 0, "link_id"], 999)),
        ("a links section of the wrong type", setitem(["links"], {"1": "Maya"})),
        ("ranks with a gap", change(lambda doc: active(doc)[-1].__setitem__("rank", 9))),
        ("rank 0", change(lambda doc: active(doc)[0].__setitem__("rank", 0))),
        ("an active value without a rank", change(lambda doc: active(doc)[0].__setitem__("rank", None))),
        ("an archived value with a rank",
         change(lambda doc: [v for v in doc["values"] if v["archived_at"]][0].__setitem__("rank", 4))),
        ("two active values with one title",
         change(lambda doc: active(doc)[1].__setitem__("title", active(doc)[0]["title"].upper()))),
        ("two picks on one day", change(lambda doc: doc["picks"][1].__setitem__("day", doc["picks"][0]["day"]))),
        ("an unknown setting", setitem(["settings", "colour"], "red")),
        ("a bad setting", setitem(["settings", "pick_strategy"], "sometimes")),
        ("a bad time setting", setitem(["settings", "day_starts_at"], "25:00")),
        ("a setting that is not text", setitem(["settings", "growth_edge"], 1)),
    ]


def test_invalid_files_are_refused_in_one_line_and_write_nothing(app, clock, stores):
    doc = _valid_doc(app, clock)
    empty = stores.services()
    empty_before = empty.exchange.export_json()
    full_before = app.exchange.export_json()
    problems = []
    for name, make in _mutations():
        raw = make(doc)
        for target, before, attempts in ((app, full_before, ("preview", "import_json")), (empty, empty_before, ("import_json",))):
            for attempt in (getattr(target.exchange, name) for name in attempts):
                try:
                    attempt(raw)
                    problems.append(f"{name}: accepted")
                except UserError as exc:
                    if "\n" in exc.message or not exc.message.startswith("The import file"):
                        problems.append(f"{name}: message {exc.message!r}")
                except Exception as exc:  # noqa: BLE001 - anything else is the bug this test looks for
                    problems.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
                if target.exchange.export_json() != before:
                    problems.append(f"{name}: the store changed")
                    return pytest.fail("\n".join(problems))
    assert problems == []
    # ... and the untouched document itself is fine.
    assert empty.exchange.import_json(json.dumps(doc)).into_empty_store


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    store = open_store(tmp_path / "values.db")
    try:
        app = build_services(store, clock=FixedClock(START))
        monkeypatch.setattr(exchange_files, "MAX_IMPORT_BYTES", 1000)
        with pytest.raises(UserError, match="larger than"):
            app.exchange.import_json(b" " * 1001)
    finally:
        store.close()


# Preview


def test_preview_says_what_an_import_would_add_and_writes_nothing(app, clock, stores):
    populate(app, clock)
    file_text = app.exchange.export_json()
    target = stores.services()
    before = target.exchange.export_json()
    preview = target.exchange.preview(file_text)
    assert preview.into_empty_store and preview.values == 4 and preview.repairs == 5
    assert target.exchange.export_json() == before
    assert "4 values" in preview.describe()
    # Nothing moved underneath either: the next row still gets id 1 (PostgreSQL's sequences included).
    assert target.values.add("First").id == 1
    merge_preview = target.exchange.preview(file_text)
    with_one = target.exchange.export_json()
    assert not merge_preview.into_empty_store and merge_preview.values == 4
    assert target.exchange.export_json() == with_one


def test_an_import_refused_halfway_leaves_nothing_behind(app, clock, stores, monkeypatch):
    """All or nothing: a failure after some rows were written rolls every one of them back."""
    populate(app, clock)
    file_text = app.exchange.export_json()
    target = stores.services()
    target.values.add("Mine")
    before = target.exchange.export_json()
    real = exchange_merge.merge

    def merge_then_fail(session, doc, *, now):
        real(session, doc, now=now)
        raise UserError("Simulated failure after writing.")

    monkeypatch.setattr(exchange_merge, "merge", merge_then_fail)
    with pytest.raises(UserError):
        target.exchange.import_json(file_text)
    assert target.exchange.export_json() == before


def test_dates_and_days_survive_exactly(app, clock, stores):
    app.values.add("Honesty")
    clock.set(datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc))
    app.journal.reflect("Last instant of the year", rating=5, day=date(2026, 6, 1))
    file_text = app.exchange.export_json()
    target = stores.services()
    target.exchange.import_json(file_text)
    [r] = target.journal.list()
    assert r.day == date(2026, 6, 1)
    assert r.created_at == datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)


# Friends' links and the notes sent through them


def _links(app) -> list[tuple]:
    return [(link.friend, link.state, link.notes, link.allow_values, link.created_at, link.expires_at, link.revoked_at)
            for link in app.links.list()]


def _cli(services, *args: str) -> str:
    """The command line on these services, as a person types it."""
    import typer
    from click.testing import CliRunner

    from valuesapp.cli import _State
    from valuesapp.cli import app as cli_app

    _State.services = services
    try:
        result = CliRunner().invoke(typer.main.get_command(cli_app), list(args), catch_exceptions=False)
    finally:
        _State.services = None
    assert result.exit_code == 0, result.output
    return result.stdout


def test_friends_links_and_the_notes_sent_through_them_move_with_the_store(app, clock, stores):
    ids = populate(app, clock)
    file_text = app.exchange.export_json()
    target = stores.services(clock)
    summary = target.exchange.import_json(file_text)
    assert _links(target) == _links(app)
    assert summary.into_empty_store and summary.links == 4
    assert {state for _f, state, *_rest in _links(target)} == {"open", "revoked", "expired"}
    assert _cli(target, "links", "list") == _cli(app, "links", "list")
    assert _cli(target, "links", "list", "--json") == _cli(app, "links", "list", "--json")
    assert [(f.friend, f.via_link, f.value_id) for f in target.feedback.list()] == [
        (f.friend, f.via_link, f.value_id) for f in app.feedback.list()]
    assert target.exchange.export_json() == file_text
    # The friend's link keeps working on the new machine; a revoked or expired one stays shut.
    tokens = ids["tokens"]
    assert target.links.form(tokens["Maya"]).values, "Maya may still say which value a note is about"
    assert target.links.send(tokens["Ben"], "Sent to the new machine")
    assert [link.notes for link in target.links.list() if link.friend == "Ben"] == [1]
    assert target.links.form(tokens["Zoe"]) is None and target.links.form(tokens["Ola"]) is None
    # ... and new links get new ids (PostgreSQL's sequence moved past the file's).
    assert target.links.create("New friend").link.id == 5


def test_links_merge_into_a_store_that_has_its_own_and_a_second_import_adds_nothing(app, clock, stores):
    populate(app, clock)
    file_text = app.exchange.export_json()
    target = stores.services(clock)
    own = target.links.create("Own friend")
    assert target.links.send(own.token, "My own friend's note")
    summary = target.exchange.import_json(file_text)
    by_friend = {link.friend: link for link in target.links.list()}
    assert by_friend["Own friend"].id == own.link.id and by_friend["Own friend"].notes == 1
    assert {f: (link.state, link.notes) for f, link in by_friend.items() if f != "Own friend"} == {
        link.friend: (link.state, link.notes) for link in app.links.list()}, "each note points at its imported link"
    assert not summary.into_empty_store and summary.links == 4
    doc = json.loads(target.exchange.export_json())
    friend_of = {link["id"]: link["friend"] for link in doc["links"]}
    assert all(friend_of[f["link_id"]] == f["friend"] for f in doc["feedback"] if f["link_id"] is not None)
    once = target.exchange.export_json()
    again = target.exchange.import_json(file_text)
    assert (again.links, again.feedback) == (0, 0) and again.skipped_duplicates >= 4 + 4
    assert target.exchange.export_json() == once
    assert len(target.links.list()) == 5


def test_a_version_1_file_from_before_links_were_exported_still_imports(app, clock, stores):
    populate(app, clock)
    doc = export_doc(app)
    doc["version"] = 1
    del doc["links"]
    for note in doc["feedback"]:
        del note["link_id"]
    target = stores.services(clock)
    summary = target.exchange.import_json(json.dumps(doc))
    assert summary.into_empty_store and summary.links == 0
    assert target.links.list() == []
    assert [(f.friend, f.via_link) for f in target.feedback.list()] == [(f.friend, f.via_link) for f in app.feedback.list()]


def test_markdown_and_csv_say_which_links_there_are_and_which_notes_came_through_them(app, clock, tmp_path):
    populate(app, clock)
    md = app.exchange.export_markdown()
    assert re.search(r"^## Friends' links$", md, re.M)
    links_part = md[md.index("## Friends' links"):]
    for friend, state in (("Maya", "open"), ("Ben", "open"), ("Zoe", "revoked"), ("Ola", "expired")):
        assert re.search(rf"^- {friend}: {state}\b", links_part, re.M), (friend, state, links_part)
    assert "2 notes" in links_part and "no end date" in links_part
    assert "token" not in md.lower() and "sha" not in md.lower()
    feedback_part = md[md.index("## Feedback from friends"):md.index("## Friends' links")]
    assert feedback_part.count("sent through your link") == 4
    app.exchange.export_csv(tmp_path / "csv")
    rows = _read_csv((tmp_path / "csv" / "links.csv").read_text(encoding="utf-8"))
    assert [r["friend"] for r in rows] == ["Maya", "Ben", "Zoe", "Ola"]


def test_a_store_holding_a_friends_note_from_before_notes_were_cleaned_still_moves(app, clock, stores):
    """Given a friend's note stored with a terminal escape, a bell and a bidi override (sent before
    friends' notes were cleaned on arrival) and a repair made from it, when the store is exported and
    imported elsewhere, then everything arrives, the friend's words cleaned as a note is cleaned today."""
    value = app.values.add("Keep my word")
    link = app.links.create("Maya")
    assert app.links.send(link.token, "You left early")
    note = app.feedback.list()[0]
    repair = app.feedback.to_repair(note.id)
    raw = "You \x1b[31mleft\x07 early \u202eagain"
    with app.context.store.session() as session:
        session.execute(text("UPDATE feedback SET note = :raw, friend = :friend"), {"raw": raw, "friend": "Ma\x1bya"})
        session.execute(text("UPDATE repair SET what = :raw WHERE id = :id"), {"raw": raw, "id": repair.id})
    target = stores.services(clock)
    target.exchange.import_json(app.exchange.export_json())
    [moved] = target.feedback.list()
    assert (moved.friend, moved.note, moved.via_link) == ("Maya", "You [31mleft early again", True)
    assert [r.what for r in target.repairs.list()] == ["You [31mleft early again"]
    assert [v.title for v in target.values.list()] == [value.title]
