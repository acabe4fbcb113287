"""The scheduler's reminders reach every phone: each device gets each kind of reminder at most once a day,
through a restart and a catch-up, and never holds the scheduler while its push service is silent.

Driven through the running app's own wiring (``RunningApp``: the scheduler's reminders go to the push
workers), on a clock the test moves, with the test's own push service and phones.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.push_fixtures import Subscriber, push_service, quick  # noqa: F401 - fixture
from valuesapp.app import RunningApp
from valuesapp.core.clock import FixedClock
from valuesapp.scheduling import MORNING
from valuesapp.services import build_services
from valuesapp.store.engine import open_store

BERLIN = ZoneInfo("Europe/Berlin")
WAIT = 60  # seconds: far longer than any push here takes, well under pytest's timeout


@pytest.fixture
def opened(store_url):
    """Open the store as a process does (a restart opens it again); every one is closed at the end."""
    made = []

    def open_at(clock: FixedClock):
        services = build_services(open_store(store_url), clock=clock, rng=random.Random(5), system_timezone="Europe/Berlin")
        quick(services)
        made.append(services)
        return services

    yield open_at
    for services in made:
        services.push.close()
        services.context.store.close()


def a_practice_with_two_phones(opened, push_service, at: datetime):
    clock = FixedClock(at)
    app = opened(clock)
    app.values.add("Honesty", "Say what is true, kindly.")
    phones = {name: Subscriber(push_service.endpoint(name)) for name in ("pixel", "iphone")}
    for phone in phones.values():
        app.push.subscribe(phone.subscription())
    return app, clock, phones


def pushed(push_service, phones) -> dict[str, list[dict]]:
    return {name: [phone.decrypt(p) for p in push_service.to(name)] for name, phone in phones.items()}


def test_the_morning_job_on_a_moved_clock_sends_one_push_per_phone_per_day(opened, push_service):
    app, clock, phones = a_practice_with_two_phones(opened, push_service, datetime(2026, 6, 1, 7, 0, tzinfo=BERLIN))
    running = RunningApp(app, desktop=False)
    fire = running.scheduler.triggers()[MORNING].get_next_fire_time(None, clock.now())
    assert fire.astimezone(BERLIN) == datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN)
    clock.set(fire)
    running.scheduler.morning(fire)
    running.scheduler.morning(fire)  # the job again (a second fire, a second window): nothing more
    assert app.push.wait_idle(WAIT)
    question = app.practice.card(app.context.today()).prompt  # the card's own question for the day
    assert question
    card = {"title": "Today's value: Honesty", "body": question, "url": "/today"}
    assert pushed(push_service, phones) == {"pixel": [card], "iphone": [card]}

    next_day = running.scheduler.triggers()[MORNING].get_next_fire_time(fire, fire)
    clock.set(next_day)
    running.scheduler.morning(next_day)
    assert app.push.wait_idle(WAIT)
    assert {name: len(p) for name, p in pushed(push_service, phones).items()} == {"pixel": 2, "iphone": 2}


def test_a_morning_missed_by_minutes_is_pushed_once_at_start_and_not_again_after_a_restart(opened, push_service):
    app, clock, phones = a_practice_with_two_phones(opened, push_service, datetime(2026, 6, 1, 8, 40, tzinfo=BERLIN))
    RunningApp(app, desktop=False).scheduler.catch_up()  # started 40 minutes after the morning reminder
    assert app.push.wait_idle(WAIT)
    assert [p["title"] for p in pushed(push_service, phones)["pixel"]] == ["Today's value: Honesty"]

    clock.set(datetime(2026, 6, 1, 8, 50, tzinfo=BERLIN))
    restarted = opened(clock)  # the app is started again: a new process on the same store
    RunningApp(restarted, desktop=False).scheduler.catch_up()
    assert restarted.push.wait_idle(WAIT)
    assert {name: len(p) for name, p in pushed(push_service, phones).items()} == {"pixel": 1, "iphone": 1}


def test_a_reminder_handed_to_the_pushes_twice_reaches_each_phone_once(opened, push_service):
    """Two processes that both made the day's reminder (or a push retried from a catch-up) push it once."""
    app, clock, phones = a_practice_with_two_phones(opened, push_service, datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN))
    reminder = app.reminders.morning(clock.now())
    other = opened(clock)
    assert [r.accepted for r in app.push.deliver(reminder)] == [True, True]
    assert other.push.deliver(reminder) == [] and app.push.deliver(reminder) == []
    assert {name: len(p) for name, p in pushed(push_service, phones).items()} == {"pixel": 1, "iphone": 1}


def test_with_words_hidden_a_push_says_only_that_the_card_is_ready(opened, push_service):
    app, clock, phones = a_practice_with_two_phones(opened, push_service, datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN))
    app.settings.set("push_hides_words", "on")
    running = RunningApp(app, desktop=False)
    running.scheduler.morning(clock.now())
    assert app.push.wait_idle(WAIT)  # the day's pushes go out side by side: the morning's first, here
    clock.set(datetime(2026, 6, 1, 21, 0, tzinfo=BERLIN))
    running.scheduler.evening(clock.now())
    assert app.push.wait_idle(WAIT)
    morning, evening = pushed(push_service, phones)["pixel"]
    assert morning == {"title": "Today's card is ready", "body": "Open valuesapp to see it.", "url": "/today"}
    assert evening["url"] == "/today" and "Honesty" not in evening["title"] + evening["body"]
    assert "Honesty" not in str(pushed(push_service, phones))


def test_a_silent_push_service_never_holds_the_scheduler(opened, push_service):
    """The push waits on a phone's push service that never answers; the scheduler's job has long returned,
    and its next job runs, while that push is still waiting (it gives up at its timeout)."""
    app, clock, phones = a_practice_with_two_phones(opened, push_service, datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN))
    push_service.hang("pixel")
    push_service.hang("iphone")
    app.push.delivery.timeout, app.push.delivery.tries = 30.0, 1
    running = RunningApp(app, desktop=False)
    running.scheduler.morning(clock.now())  # returns at once: the push is on a worker
    assert push_service.arrived.wait(WAIT)  # the push is at the silent service, unanswered
    assert [d.last_result for d in app.push.devices()] == [None, None]  # and still waiting for it
    clock.set(clock.now() + timedelta(minutes=1))
    running.scheduler.turn_day(clock.now())  # the scheduler goes on with its next job meanwhile
    assert app.practice.card().value.title == "Honesty"
    push_service.release.set()  # the service hangs up without an answer: recorded, nothing raised
    assert app.push.wait_idle(WAIT)
    assert {d.last_result.split(" (")[0] for d in app.push.devices()} <= {"could not reach the push service", "timed out"}
