"""The day turns over at the boundary and reminders go out: with an injected clock, across DST.

Fire times come from the scheduler's own triggers (the ones APScheduler runs), never from a copy of
their arithmetic in the test.
"""

from __future__ import annotations

import random
import threading
import time as wallclock
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.date import DateTrigger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from valuesapp.core.clock import FixedClock, practice_day
from valuesapp.scheduling import DAY_BOUNDARY, EVENING, MORNING, WEEKLY, PracticeScheduler
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.store.tables import DailyPick

ZONES = ("America/New_York", "Europe/Berlin", "America/Santiago")
# Both DST changes of 2026 in each zone, as (first day of a window around the change).
DST_WINDOWS = {
    "America/New_York": (date(2026, 3, 5), date(2026, 10, 29)),
    "Europe/Berlin": (date(2026, 3, 26), date(2026, 10, 22)),
    "America/Santiago": (date(2026, 4, 1), date(2026, 9, 3)),
}


def services_at(path, instant: datetime, tz: str = "Europe/Berlin"):
    clock = FixedClock(instant)
    return build_services(open_store(path), clock=clock, rng=random.Random(7), system_timezone=tz), clock


@pytest.mark.parametrize("zone", ZONES)
def test_one_boundary_per_local_day_at_every_hour_across_both_dst_changes(tmp_path, zone):
    """Given a day boundary at any whole hour, when DST starts or ends, then every local day gets exactly
    one boundary, no day is skipped, and the card's date turns exactly at the fire time."""
    tz = ZoneInfo(zone)
    app, clock = services_at(tmp_path / "v.db", datetime(2026, 1, 1, tzinfo=timezone.utc), zone)
    scheduler = PracticeScheduler(app)
    for hour in range(24):
        app.settings.set("day_starts_at", f"{hour:02d}:00")
        trigger = scheduler.triggers()[DAY_BOUNDARY]
        for window_start in DST_WINDOWS[zone]:
            start = datetime.combine(window_start, time(12), tz)
            fire, previous, days = None, None, []
            now = start
            for _ in range(6):
                fire = trigger.get_next_fire_time(previous, now).astimezone(timezone.utc)
                clock.set(fire - timedelta(minutes=1))
                before = app.context.today()
                clock.set(fire)
                at = app.context.today()
                assert at == before + timedelta(days=1), (zone, hour, fire)
                days.append(at)
                previous, now = fire, fire + timedelta(seconds=1)
            assert days == [days[0] + timedelta(days=i) for i in range(6)], (zone, hour, days)


def test_a_boundary_inside_the_skipped_hour_falls_at_the_jump_and_inside_the_repeated_hour_at_its_first_pass(tmp_path):
    app, _ = services_at(tmp_path / "v.db", datetime(2026, 3, 1, tzinfo=timezone.utc), "America/New_York")
    scheduler = PracticeScheduler(app)
    ny = ZoneInfo("America/New_York")
    app.settings.set("day_starts_at", "02:30")
    spring = scheduler.triggers()[DAY_BOUNDARY].get_next_fire_time(None, datetime(2026, 3, 8, 0, 0, tzinfo=ny))
    assert spring.astimezone(ny) == datetime(2026, 3, 8, 3, 0, tzinfo=ny)  # no 02:30 that night: at the jump
    app.settings.set("day_starts_at", "01:30")
    autumn = scheduler.triggers()[DAY_BOUNDARY].get_next_fire_time(None, datetime(2026, 11, 1, 0, 0, tzinfo=ny))
    assert autumn.astimezone(ny).utcoffset() == timedelta(hours=-4)  # the first 01:30 (EDT), not the second
    after = scheduler.triggers()[DAY_BOUNDARY].get_next_fire_time(autumn, autumn + timedelta(seconds=1))
    assert after.astimezone(ny).date() == date(2026, 11, 2)  # the repeated 01:30 does not turn the day again


def test_at_the_boundary_the_new_days_pick_is_stored_and_open_windows_are_told(tmp_path):
    app, clock = services_at(tmp_path / "v.db", datetime(2026, 5, 4, 10, tzinfo=timezone.utc))
    for title in ("Honesty", "Courage", "Kindness"):
        app.values.add(title)
    told = []
    scheduler = PracticeScheduler(app, on_new_day=told.append)
    fire = scheduler.triggers()[DAY_BOUNDARY].get_next_fire_time(None, clock.now())
    clock.set(fire)
    scheduler.turn_day(fire)
    assert told and told[0].date == date(2026, 5, 5) and told[0].value is not None
    with app.context.store.session() as session:
        assert session.exec(select(DailyPick.day)).all() == [date(2026, 5, 5)]


def test_a_reminder_missed_by_less_than_an_hour_goes_out_once_at_start_and_an_older_one_not_at_all(tmp_path):
    berlin = ZoneInfo("Europe/Berlin")
    app, clock = services_at(tmp_path / "v.db", datetime(2026, 6, 1, 8, 40, tzinfo=berlin))
    app.values.add("Honesty")
    sent = []
    PracticeScheduler(app, on_reminder=sent.append).catch_up()
    assert [r.kind for r in sent] == ["morning"]  # 08:00 was 40 minutes ago
    PracticeScheduler(app, on_reminder=sent.append).catch_up()  # a restart: never twice
    assert len(sent) == 1
    clock.set(datetime(2026, 6, 2, 9, 30, tzinfo=berlin))  # 90 minutes late next day: dropped
    PracticeScheduler(app, on_reminder=sent.append).catch_up()
    assert len(sent) == 1


def test_the_evening_prompt_is_skipped_once_a_reflection_is_logged_and_the_weekly_nudge_names_overdue_repairs(tmp_path):
    berlin = ZoneInfo("Europe/Berlin")
    app, clock = services_at(tmp_path / "v.db", datetime(2026, 6, 1, 21, 0, tzinfo=berlin))
    app.values.add("Honesty")
    app.journal.reflect("Said no to the extra project.", rating=4)
    sent = []
    scheduler = PracticeScheduler(app, on_reminder=sent.append)
    scheduler.evening(clock.now())
    assert sent == []
    app.repairs.add("Sam", "Snapped at Sam in the meeting", target_date=date(2026, 5, 20))
    monday = scheduler.triggers()[WEEKLY].get_next_fire_time(None, clock.now())
    assert monday.astimezone(berlin).weekday() == 0
    clock.set(monday)
    scheduler.weekly(monday)
    assert [r.kind for r in sent] == ["weekly"] and "Sam" in sent[0].body


def test_changing_the_day_boundary_or_time_zone_reschedules_at_once(tmp_path):
    app, _ = services_at(tmp_path / "v.db", datetime.now(timezone.utc))
    scheduler = PracticeScheduler(app)
    scheduler.start()
    try:
        app.settings.set("timezone", "Asia/Tokyo")
        app.settings.set("day_starts_at", "05:15")
        boundary = next(j for j in scheduler.jobs() if j.id == DAY_BOUNDARY).next_fire
        assert boundary.utcoffset() == timedelta(hours=9) and (boundary.hour, boundary.minute) == (5, 15)
        app.settings.set("evening_prompt_at", "off")
        assert EVENING not in {j.id for j in scheduler.jobs()}
        assert MORNING in {j.id for j in scheduler.jobs()}
    finally:
        scheduler.shutdown()


def test_a_job_two_seconds_ahead_really_fires_and_the_scheduler_stops_cleanly(tmp_path):
    app, _ = services_at(tmp_path / "v.db", datetime.now(timezone.utc))
    threads_before = set(threading.enumerate())
    scheduler = PracticeScheduler(app)
    scheduler.start()
    fired = threading.Event()
    job = scheduler.scheduler.add_job(fired.set, DateTrigger(datetime.now(timezone.utc) + timedelta(seconds=2)))
    started = wallclock.monotonic()
    assert fired.wait(timeout=15), "the job did not fire within 15 s"
    assert wallclock.monotonic() - started >= 1.5
    # A one-off job is removed by the scheduler's thread just after it runs; shutting down in between
    # (which empties the job store) made that removal fail in the thread.
    while scheduler.scheduler.get_job(job.id) is not None and wallclock.monotonic() - started < 15:
        wallclock.sleep(0.05)
    scheduler.shutdown()
    assert not scheduler.scheduler.running
    # The scheduler's threads (APScheduler's own and its job pool's); a thread another part of this test
    # process started meanwhile (a web test's compressing thread, a pool of the push senders) is not its.
    left = [t for t in set(threading.enumerate()) - threads_before
            if t.is_alive() and (t.name == "APScheduler" or t.name.startswith("ThreadPoolExecutor"))]
    assert left == [], f"threads left running: {left}"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=st.lists(st.tuples(st.integers(0, 36), st.integers(1, 72)), min_size=1, max_size=8))
def test_over_sixty_days_of_starts_and_stops_every_open_day_has_exactly_one_pick_that_never_changes(tmp_path_factory, sessions):
    """Given the app opened and closed at random over 60 days, each day it was open has one pick, and a
    pick, once made, stays."""
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 3, 20, 9, tzinfo=berlin)  # spans the spring DST change
    app, clock = services_at(tmp_path_factory.mktemp("p") / "v.db", start)
    for title in ("Honesty", "Courage", "Kindness", "Patience"):
        app.values.add(title)
    settings_now = app.settings.get()
    now, open_days, seen = start.astimezone(timezone.utc), set(), {}
    for gap_hours, open_hours in sessions:
        now += timedelta(hours=gap_hours)
        end = now + timedelta(hours=open_hours)
        if now > start.astimezone(timezone.utc) + timedelta(days=60):
            break
        clock.set(now)
        scheduler = PracticeScheduler(app)
        scheduler.catch_up(now)  # opening the app
        open_days.add(practice_day(now, berlin, settings_now.day_starts_at))
        trigger = scheduler.triggers()[DAY_BOUNDARY]
        fire = trigger.get_next_fire_time(None, now)
        while fire <= end.astimezone(timezone.utc):  # the app is open across these boundaries
            clock.set(fire)
            scheduler.turn_day(fire)
            open_days.add(practice_day(fire, berlin, settings_now.day_starts_at))
            fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
        now = end
        with app.context.store.session() as session:
            picks = session.exec(select(DailyPick)).all()
        days = [p.day for p in picks]
        assert len(days) == len(set(days)), "a day has two picks"
        assert set(days) == open_days
        for p in picks:
            assert seen.setdefault(p.day, p.value_id) == p.value_id, "a pick changed after it was made"


def test_schedule_json_lists_each_job_with_an_iso_8601_fire_time_with_offset(tmp_path):
    import json
    import subprocess
    import sys

    db = str(tmp_path / "v.db")
    run = lambda *args: subprocess.run([sys.executable, "-m", "valuesapp", "--db", db, *args],  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    assert run("settings", "set", "timezone", "America/Santiago").returncode == 0
    done = run("schedule", "--json")
    assert done.returncode == 0, done.stderr
    jobs = {job["id"]: job for job in json.loads(done.stdout)}
    assert {DAY_BOUNDARY, MORNING, EVENING, WEEKLY} <= set(jobs)
    for job in jobs.values():
        fire = datetime.fromisoformat(job["next_fire"])
        assert fire.utcoffset() is not None and fire > datetime.now(timezone.utc)
        assert fire.utcoffset() in (timedelta(hours=-3), timedelta(hours=-4))  # Santiago's own offset
    assert datetime.fromisoformat(jobs[DAY_BOUNDARY]["next_fire"]).strftime("%H:%M") == "04:00"
