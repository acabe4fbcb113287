"""Killed mid-write, the store stays whole and keeps every write that had returned.

A child process writes reflections, repairs and feedback in a loop, reporting each id once its write
has returned; the test kills it with SIGKILL at random moments, 50 times, and checks the store after
each. The children are forked from the test process (with everything already imported), so each one
starts writing at once instead of spending a second importing Python packages.
"""

from __future__ import annotations

import itertools
import os
import random
import select
import signal
import sqlite3
import time

import pytest

TABLES = ("reflection", "repair", "feedback")


def _write_forever(db: str, report: int) -> None:
    """The child: its own store, its own connections; reports ``kind id`` after each write returns."""
    from valuesapp.services import build_services
    from valuesapp.store.engine import open_store

    app = build_services(open_store(db), system_timezone="UTC")
    if not app.values.list():
        app.values.add("Honesty")
    os.write(report, b"ready\n")
    for n in itertools.count():
        kind = TABLES[n % 3]
        if kind == "reflection":
            made = app.journal.reflect(f"reflection {n} " + "words " * (n % 50), rating=1 + n % 5)
        elif kind == "repair":
            made = app.repairs.add(f"Person {n}", f"what happened {n}")
        else:
            made = app.feedback.add(f"Friend {n}", f"note {n}")
        os.write(report, f"{kind} {made.id}\n".encode())


def _read_lines(fd: int, until: float, *, stop_at: bytes | None = None) -> bytes:
    """What the child reported until ``until`` (or until ``stop_at`` arrives, or the pipe closes)."""
    data = b""
    while True:
        ready, _, _ = select.select([fd], [], [], max(0.0, until - time.monotonic()))
        if not ready:
            return data
        chunk = os.read(fd, 65536)
        if not chunk:
            return data
        data += chunk
        if stop_at is not None and stop_at in data:
            return data


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forking children is POSIX")
def test_fifty_kills_leave_an_intact_store_with_every_returned_write(tmp_path):
    db = str(tmp_path / "values.db")
    rng = random.Random(20261127)
    confirmed: dict[str, set[int]] = {kind: set() for kind in TABLES}
    for _ in range(50):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            os.close(read_end)
            try:
                _write_forever(db, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        started = _read_lines(read_end, time.monotonic() + 60, stop_at=b"ready\n")
        assert b"ready" in started, "the writer did not start"
        report = started + _read_lines(read_end, time.monotonic() + rng.uniform(0.0, 0.3))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        report += _read_lines(read_end, time.monotonic() + 0.2)
        os.close(read_end)
        for line in report.decode().splitlines():
            if line != "ready":
                kind, ident = line.split()
                confirmed[kind].add(int(ident))
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for kind in TABLES:
                stored = {row[0] for row in conn.execute(f"SELECT id FROM {kind}")}
                missing = confirmed[kind] - stored
                assert not missing, f"{kind} writes that had returned are gone after a kill: {sorted(missing)[:5]}"
    assert sum(len(ids) for ids in confirmed.values()) > 50, "the loop hardly wrote between kills"
