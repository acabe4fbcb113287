"""Moving from the laptop to the host: `valuesapp move --to postgresql://...` carries every row of every
table into an empty database, with its ids, in one transaction: afterwards the two stores are equal row
for row, a friend's link made on the laptop still takes a note on the host, and new rows get new ids.
A target that already holds data is refused in one line, and a copy that fails half-way leaves the
target empty.

Each test moves a SQLite store (the laptop's) into PostgreSQL when CI provides one, and into a new
SQLite file always (a second laptop, or a run without PostgreSQL).
"""

from __future__ import annotations

import json
import os
import random

import pytest

from tests.conftest import dump, new_postgres_database
from tests.push_fixtures import Subscriber, push_service  # noqa: F401 - a fixture
from tests.test_cli import Cli
from tests.test_exchange import populate
from valuesapp.cli.shared import _State
from valuesapp.core.errors import UserError
from valuesapp.services import build_services
from valuesapp.services.move import move_store
from valuesapp.store import copy as store_copy
from valuesapp.store.engine import open_store

POSTGRES_URL = os.environ.get("VALUESAPP_TEST_POSTGRES_URL")
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def target(request, tmp_path):
    """A new, empty database to move into: a file not made yet, or a database of its own on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "host" / "values.db")
        return
    if not POSTGRES_URL:
        pytest.skip("set VALUESAPP_TEST_POSTGRES_URL (as .ci/run does) to move into PostgreSQL")
    url, drop = new_postgres_database()
    yield url
    drop()


@pytest.fixture
def laptop(tmp_path, clock, push_service):  # noqa: F811 - the fixture
    """The laptop's SQLite store with something in every table: what `populate` makes, a passphrase, a
    reminder that went out (to a phone as well, so the server's push key and the phone move too), a
    friend's form that has sent its note."""
    store = open_store(str(tmp_path / "laptop" / "values.db"))
    app = build_services(store, clock=clock, rng=random.Random(1234), system_timezone="Europe/Berlin")
    made = populate(app, clock)
    app.access.set_passphrase(PASSPHRASE)
    app.push.subscribe(Subscriber(push_service.endpoint("phone")).subscription(), user_agent="Android Chrome")
    reminder = app.reminders.morning(clock.now())
    assert [result.accepted for result in app.push.deliver(reminder)] == [True]
    form = "a-form-token-from-the-friends-page"
    assert app.links.send(made["tokens"]["Ben"], "Sent once, from one form", form_token=form)
    app.settings.set("public_url", "https://values.example.org")
    yield app, made
    store.close()


def _every_table_has_rows(rows: dict) -> list[str]:
    return [table for table, found in rows.items() if not found]


def test_given_a_full_laptop_store_when_moved_then_every_table_is_equal_row_for_row(laptop, target):
    app, _ = laptop
    before = dump(app.context.store)
    assert _every_table_has_rows(before) == [], "the story should fill every table"
    moved = move_store(app.context.store, target)
    host = open_store(target)
    try:
        after = dump(host)
    finally:
        host.close()
    assert after == before
    assert moved.rows == {table: len(rows) for table, rows in before.items()}
    assert dump(app.context.store) == before  # the laptop's store stays as it was


def test_after_the_move_a_friends_link_and_the_passphrase_work_on_the_host_and_new_rows_get_new_ids(laptop, target,
                                                                                                    clock):
    app, made = laptop
    old_ids = {n.id for n in app.feedback.list()}
    move_store(app.context.store, target)
    store = open_store(target)
    try:
        host = build_services(store, clock=clock, rng=random.Random(5), system_timezone="Europe/Berlin")
        form = host.links.form(made["tokens"]["Maya"])
        assert form is not None and form.values, "Maya's link opens her page, with the values to choose from"
        assert host.links.send(made["tokens"]["Maya"], "Noted on the host", kind="concern")
        arrived = [n for n in host.feedback.list() if n.note == "Noted on the host"]
        assert len(arrived) == 1 and arrived[0].id not in old_ids and arrived[0].friend == "Maya"
        assert host.links.form(made["tokens"]["Zoe"]) is None  # revoked on the laptop: revoked on the host
        assert host.access.verify(PASSPHRASE)
        assert host.settings.get().public_url == "https://values.example.org"
        assert host.values.add("Patience").id > max(v.id for v in app.values.list(include_archived=True))
        assert host.reminders.morning(clock.now()) is None  # the morning's reminder went out, on the laptop
    finally:
        store.close()


def test_a_target_that_already_holds_data_is_refused_and_left_as_it_was(laptop, target, clock):
    app, _ = laptop
    store = open_store(target)
    other = build_services(store, clock=clock, rng=random.Random(5), system_timezone="Europe/Berlin")
    other.values.add("Someone else's")
    before = dump(store)
    store.close()
    with pytest.raises(UserError) as refused:
        move_store(app.context.store, target)
    assert refused.value.message.startswith("Nothing was moved: ") and "already holds data (1 in value, 1 in revision)" in refused.value.message
    store = open_store(target)
    try:
        assert dump(store) == before
    finally:
        store.close()


def test_a_copy_that_fails_half_way_leaves_the_target_empty_and_a_second_try_moves_everything(laptop, target):
    app, _ = laptop
    halfway = store_copy.moved_tables()[len(store_copy.moved_tables()) // 2].name

    class Interrupted(Exception):
        pass

    def copied(name, rows):
        if name == halfway:
            raise Interrupted(f"the connection dropped after {rows} rows of {name}")

    store = open_store(target)
    try:
        with pytest.raises(Interrupted):
            store_copy.copy_rows(app.context.store.engine, store.engine, on_table=copied)
        assert {table: rows for table, rows in dump(store).items() if rows} == {}
    finally:
        store.close()
    moved = move_store(app.context.store, target)
    assert moved.total == sum(map(len, dump(app.context.store).values()))


def test_moving_into_itself_is_refused(laptop):
    app, _ = laptop
    with pytest.raises(UserError, match="is the store being moved"):
        move_store(app.context.store, str(app.context.store.path))


def test_the_command_prints_what_it_moved_and_refuses_a_full_target_in_one_line_with_exit_code_2(laptop, target,
                                                                                                 clock):
    app, _ = laptop
    _State.services, _State.db = app, None
    try:
        cli = Cli(app, clock)
        done = cli.run("move", "--to", target, "--json")
        assert done.code == 0, done.err
        moved = json.loads(done.out)
        assert moved["rows"]["value"] == 4 and moved["rows"]["feedback_link"] == 4
        assert "postgres:postgres" not in done.err and done.err.startswith("Moved ")
        again = cli.run("move", "--to", target)
        assert again.code == 2 and len(again.err.splitlines()) == 1
        assert again.err.startswith("valuesapp: Nothing was moved: ") and "already holds data" in again.err
        bad = cli.run("move", "--to", "mysql://somewhere/values")
        assert bad.code == 2 and "is not a database valuesapp can use" in bad.err
    finally:
        _State.services, _State.db = None, None
