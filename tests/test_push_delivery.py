"""A reminder pushed to a phone: encrypted to the phone's own keys, signed with the server's VAPID key,
and every answer of a push service handled (accepted, gone, failing, silent) without anything raised.

The push service is the test's own (``push_fixtures.LocalPushService``); the phone's side is a key pair
and auth secret the test holds, so it decrypts what arrived and checks the token as a browser and a push
service would. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timezone

import pytest

from tests.push_fixtures import Subscriber, check_vapid, push_service, quick, unb64url  # noqa: F401 - fixture
from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.services.reminders import MORNING, Reminder
from valuesapp.store.engine import open_store

ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"


@pytest.fixture
def services(store_url):
    store = open_store(store_url)
    yield build_services(store, clock=FixedClock(datetime(2026, 6, 1, 6, 0, tzinfo=timezone.utc)),
                         rng=random.Random(3), system_timezone="Europe/Berlin")
    store.close()


def a_phone(services, push_service, name: str, user_agent: str = ANDROID) -> tuple[Subscriber, int]:
    phone = Subscriber(push_service.endpoint(name))
    return phone, services.push.subscribe(phone.subscription(), user_agent=user_agent)


def test_given_a_phone_when_a_test_is_sent_then_it_decrypts_with_the_phones_keys_and_the_token_is_the_servers(
        services, push_service):
    quick(services)
    phone, device_id = a_phone(services, push_service, "pixel")
    [result] = services.push.send_test()
    assert (result.device_id, result.accepted, result.result, result.label) == (device_id, True, "accepted (201)",
                                                                                "Chrome on Android")
    [push] = push_service.to("pixel")
    assert phone.decrypt(push) == {"title": "valuesapp", "body": "Reminders reach this device.", "url": "/today"}
    claims = check_vapid(push, services.push.public_key())
    assert claims["aud"] == push_service.origin  # the endpoint's origin
    assert claims["sub"].startswith(("mailto:", "https://"))
    assert int(push.headers["ttl"]) == 12 * 3600  # a phone off for the night still gets the morning's card
    [device] = services.push.devices()
    assert (device.last_result, device.last_sent_at, device.host) == ("accepted (201)", services.context.now(),
                                                                      "127.0.0.1")


def test_the_public_key_is_a_p256_point_made_once_and_kept_in_the_store(services, store_url):
    key = services.push.public_key()
    point = unb64url(key)
    assert len(point) == 65 and point[0] == 4
    assert services.push.public_key() == key
    again = build_services(open_store(store_url))  # another process, or after a restart
    try:
        assert again.push.public_key() == key
    finally:
        again.context.store.close()


def test_each_device_gets_its_own_push_and_a_tap_opens_the_screen_the_reminder_is_about(services, push_service):
    quick(services)
    pixel, _ = a_phone(services, push_service, "pixel")
    iphone, _ = a_phone(services, push_service, "iphone", IPHONE)
    results = services.push.deliver(Reminder("weekly", date(2026, 6, 1), "1 repair overdue", "Still owed: Sam."))
    assert [r.accepted for r in results] == [True, True]
    assert [d.label for d in services.push.devices()] == ["Chrome on Android", "Safari on iPhone"]
    expected = {"title": "1 repair overdue", "body": "Still owed: Sam.", "url": "/repairs"}
    assert pixel.decrypt(push_service.to("pixel")[0]) == expected
    assert iphone.decrypt(push_service.to("iphone")[0]) == expected
    review = Reminder("review", date(2026, 6, 7), "Your weekly review is ready", "The week of ...")
    services.push.deliver(review)
    assert pixel.decrypt(push_service.to("pixel")[1])["url"] == "/review"


@pytest.mark.parametrize("gone", [404, 410])
def test_a_device_whose_push_service_says_it_is_gone_is_dropped(services, push_service, gone):
    pauses = quick(services)
    a_phone(services, push_service, "old")
    _, kept = a_phone(services, push_service, "new")
    push_service.answer("old", gone)
    results = services.push.send_test()
    assert [(r.accepted, r.removed) for r in results] == [(False, True), (True, False)]
    assert results[0].result == f"gone ({gone}): the device was removed"
    assert [d.id for d in services.push.devices()] == [kept]
    assert len(push_service.to("old")) == 1 and pauses == []  # not tried again
    services.push.deliver(Reminder(MORNING, date(2026, 6, 1), "Today's value", "Honesty"))  # and never again
    assert len(push_service.to("old")) == 1


def test_a_failing_push_service_is_tried_three_times_with_growing_pauses_then_the_failure_is_recorded(
        services, push_service):
    pauses = quick(services)
    a_phone(services, push_service, "busy")
    push_service.answer("busy", 500, 503, 500)
    [result] = services.push.send_test()
    assert (result.accepted, result.removed, result.result) == (False, False, "failed (500) after 3 tries")
    assert len(push_service.to("busy")) == 3 and pauses == sorted(pauses) and len(pauses) == 2 and pauses[0] > 0
    [device] = services.push.devices()
    assert device.last_result == "failed (500) after 3 tries"


def test_a_push_service_busy_for_a_moment_takes_the_push_on_a_later_try(services, push_service):
    quick(services)
    phone, _ = a_phone(services, push_service, "busy")
    push_service.answer("busy", 429, 502)
    [result] = services.push.send_test()
    assert (result.accepted, result.result) == (True, "accepted (201)")
    assert [phone.decrypt(p)["title"] for p in push_service.to("busy")] == ["valuesapp"] * 3


def test_a_refusal_that_another_try_cannot_change_is_recorded_at_once(services, push_service):
    pauses = quick(services)
    a_phone(services, push_service, "strict")
    push_service.answer("strict", 403)
    [result] = services.push.send_test()
    assert (result.accepted, result.result, pauses) == (False, "failed (403)", [])
    assert len(services.push.devices()) == 1


def test_a_push_service_that_never_answers_times_out_and_is_recorded(services, push_service):
    quick(services, timeout=0.5, tries=2)
    a_phone(services, push_service, "silent")
    push_service.hang("silent")
    future = services.push.send(Reminder(MORNING, date(2026, 6, 1), "Today's value", "Honesty"))
    results = future.result(timeout=60)  # two tries of half a second each, well under pytest's timeout
    assert [(r.accepted, r.result) for r in results] == [(False, "timed out after 2 tries")]
    assert [d.last_result for d in services.push.devices()] == ["timed out after 2 tries"]
