"""Killed mid-write, the store stays whole and keeps every write that had returned.

A child process writes reflections, repairs and feedback in a loop, printing each id once its write has
returned; the test kills it with SIGKILL at random moments, 50 times, and checks the store after each.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

WRITER = textwrap.dedent(
    """
    import itertools, sys
    from valuesapp.services import build_services
    from valuesapp.store.engine import open_store

    app = build_services(open_store(sys.argv[1]), system_timezone="UTC")
    if not app.values.list():
        app.values.add("Honesty")
    print("ready", flush=True)
    for n in itertools.count():
        kind = ("reflection", "repair", "feedback")[n % 3]
        if kind == "reflection":
            made = app.journal.reflect(f"reflection {n} " + "words " * (n % 50), rating=1 + n % 5)
        elif kind == "repair":
            made = app.repairs.add(f"Person {n}", f"what happened {n}")
        else:
            made = app.feedback.add(f"Friend {n}", f"note {n}")
        print(kind, made.id, flush=True)
    """
)
TABLES = {"reflection": "reflection", "repair": "repair", "feedback": "feedback"}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_fifty_kills_leave_an_intact_store_with_every_returned_write(tmp_path):
    db = tmp_path / "values.db"
    rng = random.Random(20261127)
    confirmed: dict[str, set[int]] = {kind: set() for kind in TABLES}
    for _ in range(50):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True, bufsize=1,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        for line in out.splitlines():
            kind, ident = line.split()
            confirmed[kind].add(int(ident))
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for kind, table in TABLES.items():
                stored = {row[0] for row in conn.execute(f"SELECT id FROM {table}")}
                missing = confirmed[kind] - stored
                assert not missing, f"{kind} writes that had returned are gone after a kill: {sorted(missing)[:5]}"
    assert sum(len(ids) for ids in confirmed.values()) > 50  # the loop really wrote between kills
