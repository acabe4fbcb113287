"""The store says when it changed, whoever changed it, so open tabs can show it (store.watch).

Given a watcher on a store, when another connection of this process or another process (the real CLI)
commits, then the watcher calls back; when something only reads, or writes and rolls back, it does not.
On SQLite and on PostgreSQL. Every wait is on an event, with a generous timeout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.store.watch import CHANNEL, PostgresWatcher, SqliteWatcher, watch

GENEROUS = 30  # seconds: a loaded machine is slow, never this slow
REPO = Path(__file__).resolve().parents[1]


class Heard:
    """Counts the watcher's calls and lets a test wait for the next one."""

    def __init__(self):
        self.count = 0
        self.event = threading.Event()

    def __call__(self) -> None:
        self.count += 1
        self.event.set()

    def wait(self) -> bool:
        got = self.event.wait(GENEROUS)
        self.event.clear()
        return got


@pytest.fixture
def watching(store):
    heard = Heard()
    watcher = watch(store, heard, poll=0.05)
    watcher.start()
    assert watcher.ready.wait(GENEROUS), "the watcher never took its first look at the store"
    yield heard, watcher
    watcher.stop()


def test_a_commit_from_another_connection_is_heard(store_url, store, watching):
    heard, watcher = watching
    assert isinstance(watcher, SqliteWatcher if store.is_sqlite else PostgresWatcher)
    other = open_store(store_url)  # its own engine: another connection, as a second server would have
    try:
        build_services(other).repairs.add("Sam", "Snapped at Sam.")
        assert heard.wait(), "a repair added on another connection was not heard"
    finally:
        other.close()


def test_a_commit_from_another_process_is_heard(store_url, store, watching):
    heard, _watcher = watching
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "valuesapp", "--db", store_url, "repairs", "add", "Kim",
                           "Forgot her birthday."], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert heard.wait(), "a repair added with the CLI in another process was not heard"


def test_reads_and_a_rolled_back_write_are_not_heard_then_a_write_is(store_url, store, watching):
    heard, _watcher = watching
    services = build_services(store)
    services.repairs.add("Lee", "Kept the drill.")
    assert heard.wait()
    before = heard.count
    for _ in range(5):  # what a screen's refresh does: it must never make the watcher call back again
        services.repairs.list("open")
        services.repairs.counts()
        services.feedback.list("all")
    with pytest.raises(RuntimeError), store.session() as session:
        session.exec(text("DELETE FROM repair"))
        raise RuntimeError("changed my mind")  # rolled back: nothing changed, nothing to tell
    # Then a real write: the watcher calls back for it, and had not for the reads before it.
    services.repairs.add("Ana", "Missed her talk.")
    assert heard.wait()
    assert heard.count == before + 1, "reads or a rolled-back write were heard as changes"


def test_postgres_notices_ride_inside_the_writing_transaction(store_url, store):
    if store.is_sqlite:
        pytest.skip("PostgreSQL's NOTIFY only")
    import psycopg

    with psycopg.connect(store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        services = build_services(store)
        services.repairs.list("open")
        services.values.list()
        assert not list(listener.notifies(timeout=0.5)), "a read sent a notice"
        services.repairs.add("Sam", "Snapped.")
        got = list(listener.notifies(timeout=GENEROUS, stop_after=1))
        assert [n.channel for n in got] == [CHANNEL]
