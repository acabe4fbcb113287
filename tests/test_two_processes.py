"""Several processes at once on one store: they open (and migrate) a new store together, then ask for the
same day's pick at the same moment, and get one value and one stored row.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import event, text

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store import engine
from valuesapp.store.engine import open_store

WORKERS = 2
ROUNDS = 5
START = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def _worker(url: str, seed: int, setup, barrier, results) -> None:
    """One process: open the new store together with the others, then for each round race for the pick."""
    setup.wait(timeout=60)
    try:
        store = open_store(url)
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(("opened", seed, f"{type(exc).__name__}: {exc}"))
        return
    results.put(("opened", seed, None))
    setup.wait(timeout=60)  # the parent adds the values now
    conflicts = []
    event.listen(store.engine, "handle_error", lambda ctx: conflicts.append(type(ctx.original_exception).__name__))
    clock = FixedClock(START)
    # Each process has its own random source: left to itself, each would choose a different value.
    services = build_services(store, clock=clock, rng=random.Random(seed), system_timezone="UTC")
    services.values.list()  # warm the connection so the race starts at the barrier
    try:
        for round_ in range(ROUNDS):
            clock.set(START + timedelta(days=round_))
            barrier.wait(timeout=60)
            try:
                card = services.practice.card()
                results.put((round_, seed, card.date.isoformat(), card.value.id if card.value else None, None,
                             len(conflicts)))
            except Exception as exc:  # reported to the parent, which fails the test with it
                results.put((round_, seed, None, None, f"{type(exc).__name__}: {exc}", len(conflicts)))
    finally:
        store.close()


def test_processes_opening_a_new_store_then_racing_for_the_days_pick_agree(store_url):
    ctx = multiprocessing.get_context("spawn")
    setup = ctx.Barrier(WORKERS + 1)
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    processes = [ctx.Process(target=_worker, args=(store_url, 1000 + n, setup, barrier, results))
                 for n in range(WORKERS)]
    for p in processes:
        p.start()
    try:
        # 1. All open the brand new store at once (the app and the scheduler on a first run): each must
        #    succeed, and the store is migrated exactly once.
        setup.wait(timeout=120)
        opened = [results.get(timeout=120) for _ in processes]
        assert [error for _tag, _seed, error in opened] == [None] * WORKERS
        store = open_store(store_url)
        try:
            with store.engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
            services = build_services(store, clock=FixedClock(START), rng=random.Random(0), system_timezone="UTC")
            for i in range(12):
                services.values.add(f"Value {i}")
        finally:
            store.close()
        setup.wait(timeout=60)

        # 2. Each round, all ask for the same day's pick at the same moment.
        collected = [results.get(timeout=120) for _ in range(WORKERS * ROUNDS)]
    except BaseException:
        setup.abort()
        barrier.abort()
        raise
    finally:
        for p in processes:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
    assert [p.exitcode for p in processes] == [0] * WORKERS
    assert [r[4] for r in collected if r[4]] == []

    by_round: dict[int, set] = {}
    for round_, _seed, day, value_id, _error, _conflicts in collected:
        assert day == (START.date() + timedelta(days=round_)).isoformat()
        assert value_id is not None
        by_round.setdefault(round_, set()).add(value_id)

    store = open_store(store_url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT day, value_id FROM daily_pick ORDER BY day")).all()
    finally:
        store.close()
    days = [date.fromisoformat(str(day)[:10]) for day, _v in rows]
    assert days == [START.date() + timedelta(days=n) for n in range(ROUNDS)], "exactly one stored pick per day"
    for round_, (_day, value_id) in enumerate(rows):
        assert by_round[round_] == {value_id}, "every process saw the stored pick"

    # The barrier makes them collide: at least one process lost an insert (or waited on a lock) and read
    # the winner's pick instead. Without any collision this test would prove nothing.
    conflicts = sum(max(r[5] for r in collected if r[1] == seed) for seed in {r[1] for r in collected})
    assert conflicts >= 1


def test_cli_processes_started_together_print_the_same_value(tmp_path):
    db = tmp_path / "values.db"
    env = {**os.environ, "VALUESAPP_DB": str(db), "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    store = open_store(db)
    services = build_services(store, system_timezone="UTC")
    for title in ("Honesty", "Courage", "Kindness", "Patience", "Curiosity", "Gratitude"):
        services.values.add(title)
    store.close()
    procs = [
        subprocess.Popen([sys.executable, "-m", "valuesapp", "today", "--json"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = []
    for p in procs:
        try:
            outputs.append(p.communicate(timeout=120))
        except subprocess.TimeoutExpired:
            p.kill()
            raise
    assert [p.returncode for p in procs] == [0] * 2, [err for _out, err in outputs]
    cards = [json.loads(out) for out, _err in outputs]
    assert len({(c["date"], c["value"]["id"]) for c in cards}) == 1
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM daily_pick")).scalar() == 1
    finally:
        store.close()


def test_a_store_opened_while_another_process_makes_it_new_waits_instead_of_failing(tmp_path, monkeypatch):
    """Given another process holding the write lock of a brand-new store (it is creating the first tables),
    when this one opens the store, SQLite refuses its switch to WAL at once, busy timeout or not; the store
    waits for the other to finish and then opens, where it used to fail with "database is locked"."""
    path = tmp_path / "values.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE made_by_the_other_process (id INTEGER)")
    pauses = []

    def other_finishes_meanwhile(seconds):
        if not pauses:
            other.execute("COMMIT")
        pauses.append(seconds)

    monkeypatch.setattr(engine, "_pause", other_finishes_meanwhile)
    store = open_store(path)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        store.close()
        other.close()
    assert pauses, "the open was refused once and waited: the race this test is about did happen"
