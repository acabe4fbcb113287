"""Backups: made with the online backup API, kept 14 daily and 8 weekly, checked before restoring."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuesapp.core.clock import FixedClock
from valuesapp.core.errors import UserError
from valuesapp.core.retention import backups_to_keep
from valuesapp.services import build_services
from valuesapp.store.engine import open_store


@pytest.fixture
def person(tmp_path):
    clock = FixedClock(datetime(2026, 5, 1, 9, tzinfo=timezone.utc))
    app = build_services(open_store(tmp_path / "values.db"), clock=clock, rng=random.Random(3), system_timezone="UTC")
    app.values.add("Honesty", "Say what is true.")
    app.journal.reflect("Told Sam the real reason I was late.", rating=4)
    yield app, clock
    app.context.store.close()


def scribble_over_a_page(app):
    """Damage the store the way a bad disk would: garbage over one of its pages."""
    path = app.context.store.path
    app.context.store.engine.dispose()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    return path


@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)), max_size=200))
def test_retention_keeps_the_newest_per_day_for_14_days_and_per_week_for_8_weeks(taken):
    keep = backups_to_keep(taken)
    assert len(keep) <= 14 + 8
    if taken:
        assert max(taken) in keep
    days = sorted({t.date() for t in taken}, reverse=True)[:14]
    for day in days:
        assert max(t for t in taken if t.date() == day) in keep
    weeks = sorted({t.isocalendar()[:2] for t in taken}, reverse=True)[:8]
    for week in weeks:
        assert max(t for t in taken if t.isocalendar()[:2] == week) in keep


def test_a_backup_is_a_whole_checked_copy_and_old_ones_are_pruned(person):
    app, clock = person
    for _ in range(40):
        app.backups.make()
        clock.advance(timedelta(days=1))
    kept = app.backups.list()
    assert 14 <= len(kept) <= 22
    newest = kept[0]
    assert app.backups.check(newest.path).ok
    with sqlite3.connect(newest.path) as conn:
        assert conn.execute("SELECT text FROM reflection").fetchone()[0] == "Told Sam the real reason I was late."


def test_the_daily_backup_is_made_only_when_the_last_is_older_than_a_day(person):
    app, clock = person
    assert app.backups.make_if_due() is not None
    clock.advance(timedelta(hours=23))
    assert app.backups.make_if_due() is None
    clock.advance(timedelta(hours=2))
    assert app.backups.make_if_due() is not None


def test_restoring_brings_back_what_was_backed_up_and_saves_the_current_store_first(person):
    app, clock = person
    made = app.backups.make()
    clock.advance(timedelta(minutes=5))
    app.journal.reflect("Written after the backup.")
    clock.advance(timedelta(minutes=5))
    safety = app.backups.restore(made.path)
    texts = [r.text for r in app.journal.list()]
    assert texts == ["Told Sam the real reason I was late."]
    with sqlite3.connect(safety.path) as conn:
        assert conn.execute("SELECT count(*) FROM reflection").fetchone()[0] == 2


def test_a_damaged_or_foreign_file_is_refused_and_nothing_changes(person, tmp_path):
    app, _ = person
    junk = tmp_path / "not-a-backup.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    with pytest.raises(UserError, match="Cannot restore from"):
        app.backups.restore(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(UserError, match="not a valuesapp database"):
        app.backups.restore(other)
    assert [r.text for r in app.journal.list()] == ["Told Sam the real reason I was late."]
    assert app.backups.list() == []


def test_a_damaged_store_is_reported_and_the_newest_good_backup_offered(person):
    app, _ = person
    good = app.backups.make()
    path = scribble_over_a_page(app)
    assert not app.backups.health().ok
    assert app.backups.newest_good() == good
    app.backups.restore(good.path)
    assert app.backups.health().ok
    assert [r.text for r in app.journal.list()] == ["Told Sam the real reason I was late."]


def test_opening_a_damaged_store_says_what_is_wrong_and_names_the_newest_good_backup(person):
    from valuesapp.app import open_services

    app, _ = person
    good = app.backups.make()
    path = scribble_over_a_page(app)
    damaged = path.read_bytes()
    with pytest.raises(UserError) as refused:
        open_services(str(path))
    message = str(refused.value)
    assert "damaged" in message and str(good.path) in message and "\n" not in message
    assert path.read_bytes() == damaged  # never silently overwritten, not even migrated
