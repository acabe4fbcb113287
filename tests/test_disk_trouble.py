"""Disk trouble: a read-only store or folder, or a full disk, gives one clear line; nothing already saved
is lost or half-written; the text being written is kept as a draft where the disk allows.

These mount small file systems (tmpfs, read-only bind mounts), which needs root, as CI has."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from valuesapp.core.clock import FixedClock
from valuesapp.core.errors import UserError
from valuesapp.services import build_services
from valuesapp.store.engine import open_store


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB tmpfs of our own, unmounted afterwards."""
    where = tmp_path / "disk"
    where.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where))
    except (subprocess.CalledProcessError, FileNotFoundError, PermissionError):
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    yield where
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def services_on(path: Path):
    return build_services(open_store(path), clock=FixedClock(datetime(2026, 6, 1, 9, tzinfo=timezone.utc)),
                          rng=random.Random(2), system_timezone="UTC")


def test_a_read_only_folder_gives_one_line_and_loses_nothing(small_disk):
    app = services_on(small_disk / "values.db")
    app.values.add("Honesty")
    app.journal.reflect("Saved before the disk went read-only.", rating=4)
    app.context.store.engine.dispose()
    _mount("-o", "remount,ro", str(small_disk))
    with pytest.raises(UserError) as refused:
        app.journal.reflect("Typed while read-only.")
    message = str(refused.value)
    assert "\n" not in message and ("read-only" in message or "Cannot open" in message)
    _mount("-o", "remount,rw", str(small_disk))
    with sqlite3.connect(small_disk / "values.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [r.text for r in app.journal.list()] == ["Saved before the disk went read-only."]


def test_a_read_only_store_file_keeps_the_text_as_a_draft(tmp_path):
    app = services_on(tmp_path / "values.db")
    app.values.add("Honesty")
    app.context.store.engine.dispose()
    with sqlite3.connect(tmp_path / "values.db") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = tmp_path / "values.db"
    try:
        _mount("--bind", str(db), str(db))
        _mount("-o", "remount,ro,bind", str(db))
    except (subprocess.CalledProcessError, FileNotFoundError, PermissionError):
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    try:
        text = "What I wrote while the store could not be written."
        assert app.drafts.keep(text, rating=3)
        with pytest.raises(UserError, match="read-only|Cannot open"):
            app.journal.reflect(text, rating=3)
        draft = app.drafts.pending()
        assert draft is not None and draft.text == text and draft.rating == 3
    finally:
        subprocess.run(["umount", "-l", str(db)], capture_output=True)
    app.journal.reflect(draft.text, rating=draft.rating)
    app.drafts.discard()
    assert app.drafts.pending() is None
    assert [r.text for r in app.journal.list()] == [text]


def test_a_full_disk_gives_one_line_and_every_earlier_write_survives_whole(small_disk):
    app = services_on(small_disk / "values.db")
    app.values.add("Honesty")
    ballast = small_disk / "ballast"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    ballast.write_bytes(b"\0" * max(0, free - 256 * 1024))
    saved = []
    with pytest.raises(UserError) as refused:
        for n in range(1000):
            saved.append(app.journal.reflect(f"entry {n} " + "word " * 1500).id)
    assert "full" in str(refused.value) and "\n" not in str(refused.value)
    assert saved, "the disk filled before anything was written; the ballast is too big"
    ballast.unlink()
    app.context.store.engine.dispose()
    with sqlite3.connect(small_disk / "values.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM reflection")}
    assert set(saved) <= stored
    app.journal.reflect("Room again.")  # and it works again once there is space
