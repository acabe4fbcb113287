"""The weekly review's reminder: on the review day, at the evening prompt time, once, and caught up only
when missed by less than an hour (the scheduler's rule for every reminder)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.test_scheduling import services_at
from valuesapp.scheduling import REVIEW, PracticeScheduler

BERLIN = ZoneInfo("Europe/Berlin")


def a_lived_week(tmp_path, instant: datetime):
    """A store with a value and a reflection on Tuesday 2 June 2026, the clock at ``instant``."""
    app, clock = services_at(tmp_path / "v.db", datetime(2026, 6, 2, 20, 0, tzinfo=BERLIN))
    app.values.add("Honesty")
    app.journal.reflect("Said no to the extra project.", rating=4)
    clock.set(instant)
    return app, clock


def test_on_sunday_at_the_evening_prompt_time_the_weekly_review_is_ready_once(tmp_path):
    app, clock = a_lived_week(tmp_path, datetime(2026, 6, 3, 12, 0, tzinfo=BERLIN))
    sent = []
    scheduler = PracticeScheduler(app, on_reminder=sent.append)
    fire = scheduler.triggers()[REVIEW].get_next_fire_time(None, clock.now())
    assert fire.astimezone(BERLIN) == datetime(2026, 6, 7, 21, 0, tzinfo=BERLIN)  # Sunday, the evening prompt
    clock.set(fire)
    scheduler.review(fire)
    scheduler.review(fire)  # never twice
    assert [(r.kind, r.title, r.day) for r in sent] == [("review", "Your weekly review is ready", date(2026, 6, 7))]
    assert sent[0].body.startswith("The week of 1 June to 7 June: 1 value came up.")


def test_the_review_day_and_the_evening_time_move_the_reminder(tmp_path):
    app, clock = a_lived_week(tmp_path, datetime(2026, 6, 3, 12, 0, tzinfo=BERLIN))
    app.settings.set("review_day", "Saturday")
    app.settings.set("evening_prompt_at", "19:30")
    scheduler = PracticeScheduler(app)
    fire = scheduler.triggers()[REVIEW].get_next_fire_time(None, clock.now())
    assert fire.astimezone(BERLIN) == datetime(2026, 6, 6, 19, 30, tzinfo=BERLIN)
    app.settings.set("evening_prompt_at", "off")  # still ready, at 21:00
    fire = scheduler.triggers()[REVIEW].get_next_fire_time(None, clock.now())
    assert fire.astimezone(BERLIN).time() == time(21, 0)
    assert app.reminders.review(datetime(2026, 6, 7, 19, 0, tzinfo=BERLIN)) is None  # Sunday is not the day now


def test_missed_by_less_than_an_hour_it_goes_out_at_start_and_later_not_at_all(tmp_path):
    app, clock = a_lived_week(tmp_path, datetime(2026, 6, 7, 21, 40, tzinfo=BERLIN))
    sent = []
    PracticeScheduler(app, on_reminder=sent.append).catch_up()
    assert "review" in [r.kind for r in sent]
    later, later_clock = a_lived_week(tmp_path / "later", datetime(2026, 6, 7, 22, 30, tzinfo=BERLIN))
    late = []
    PracticeScheduler(later, on_reminder=late.append).catch_up()
    assert "review" not in [r.kind for r in late]


def test_a_week_in_which_nothing_happened_has_no_review_to_announce(tmp_path):
    app, clock = services_at(tmp_path / "v.db", datetime(2026, 6, 14, 21, 0, tzinfo=BERLIN))
    assert app.reminders.review(clock.now()) is None
    app.values.add("Honesty")
    app.practice.card()
    assert app.reminders.review(clock.now() + timedelta(minutes=1)).title == "Your weekly review is ready"
