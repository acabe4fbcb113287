"""The served app can run on a clock a browser test moves (``FileClock``), and only when a test asks.

The clock says the written instant at the moment the file was written (its mtime) and runs on from
there; the checks read that mtime back, so nothing waits and no step's length changes an answer (the
planned instants sit hours from the clock's).
"""

from __future__ import annotations

import os
import random
from datetime import date, datetime, timedelta, timezone

import pytest

from valuesapp.app import chosen_clock
from valuesapp.core.clock import TEST_CLOCK_VARIABLE, FileClock, SystemClock
from valuesapp.core.errors import UserError
from valuesapp.scheduling import DAY_BOUNDARY, PracticeScheduler
from valuesapp.services import build_services
from valuesapp.store.engine import open_store

WRITTEN = datetime(2031, 7, 1, 9, 30, tzinfo=timezone.utc)  # when (in real time) the test "wrote" the file
BOUNDARY = datetime(2026, 3, 2, 4, 0, tzinfo=timezone.utc)


def set_clock(path, instant: datetime, written: datetime | None = None) -> datetime:
    """Write the clock's file (dated ``written`` if given); returns when, in system time, it was written."""
    path.write_text(instant.isoformat(), encoding="utf-8")
    if written is not None:
        stamp = int(written.timestamp() * 1_000_000_000)
        os.utime(path, ns=(stamp, stamp))
    return datetime.fromtimestamp(path.stat().st_mtime_ns / 1e9, timezone.utc)


def test_the_clock_says_the_written_instant_when_written_and_runs_on_at_the_systems_pace(tmp_path):
    path = tmp_path / "values.clock"
    set_clock(path, BOUNDARY - timedelta(hours=2), written=WRITTEN)
    clock = FileClock(path)
    assert clock.shift() == BOUNDARY - timedelta(hours=2) - WRITTEN
    before = datetime.now(timezone.utc)
    now = clock.now()
    after = datetime.now(timezone.utc)
    assert before + clock.shift() <= now <= after + clock.shift()
    set_clock(path, BOUNDARY, written=WRITTEN + timedelta(seconds=1))  # moved: rewritten a second later
    assert clock.shift() == BOUNDARY - WRITTEN - timedelta(seconds=1)


def test_only_the_test_variable_turns_it_on_and_a_file_without_an_instant_stops_the_program(tmp_path):
    assert isinstance(chosen_clock({}), SystemClock)
    assert isinstance(chosen_clock({"VALUESAPP_DB": str(tmp_path / "v.db")}), SystemClock)
    path = tmp_path / "values.clock"
    with pytest.raises(UserError, match=f"{TEST_CLOCK_VARIABLE} names .* holds no instant"):
        chosen_clock({TEST_CLOCK_VARIABLE: str(path)})  # no such file
    path.write_text("2026-03-02T04:00:00", encoding="utf-8")
    with pytest.raises(UserError, match="has no offset"):
        chosen_clock({TEST_CLOCK_VARIABLE: str(path)})
    set_clock(path, BOUNDARY)
    assert isinstance(chosen_clock({TEST_CLOCK_VARIABLE: str(path)}), FileClock)


@pytest.fixture
def moved(tmp_path):
    """Services on a test clock two hours before a 04:00 UTC day start, with values to pick from."""
    path = tmp_path / "values.clock"
    written = set_clock(path, BOUNDARY - timedelta(hours=2))
    services = build_services(open_store(str(tmp_path / "values.db")), clock=FileClock(path), rng=random.Random(3))
    services.settings.set("timezone", "UTC")
    for title in ("Honesty", "Courage"):
        services.values.add(title)
    yield services, path, written
    services.context.store.close()


def test_the_day_boundary_is_planned_on_the_test_clock_and_handed_to_apscheduler_in_system_time(moved):
    services, _, written = moved
    scheduler = PracticeScheduler(services)
    scheduler.plan()
    (boundary,) = [job for job in scheduler.jobs() if job.id == DAY_BOUNDARY]
    assert boundary.next_fire == BOUNDARY  # what Settings and `valuesapp schedule` show: the app's time
    # APScheduler waits by the system clock: the same boundary, the clock's shift earlier.
    planned = scheduler.scheduler.get_job(DAY_BOUNDARY).trigger.get_next_fire_time(None, written)
    assert planned == written + timedelta(hours=2)


def test_a_moved_clock_is_planned_again_and_a_move_past_the_boundary_turns_the_day(moved):
    services, path, _ = moved
    told = []
    scheduler = PracticeScheduler(services, on_new_day=told.append)
    scheduler.plan()
    scheduler.watch_clock()
    assert told == []  # not moved: nothing to do
    set_clock(path, BOUNDARY + timedelta(seconds=5))
    scheduler.watch_clock()
    assert [card.date for card in told] == [date(2026, 3, 2)]
    # (Unstarted, APScheduler keeps each plan's jobs pending side by side; started, the new replace the old.)
    assert {job.next_fire for job in scheduler.jobs() if job.id == DAY_BOUNDARY} == {BOUNDARY + timedelta(days=1)}
