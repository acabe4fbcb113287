"""Reminders on your devices, decided without a browser: devices subscribed through the push service on a
fixed clock, then read through the presenter exactly as Settings and Today read them."""

from __future__ import annotations

import base64
import os
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from valuesapp.services.views import PushResult
from valuesapp.ui.presenters import push_devices as presenter
from valuesapp.ui.presenters.today import Box, present_today

BERLIN = ZoneInfo("Europe/Berlin")
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def a_subscription(endpoint: str) -> dict:
    """What a browser's ``PushSubscription.toJSON()`` gives: its push service's address and its keys."""
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return {"endpoint": endpoint, "expirationTime": None, "keys": {"p256dh": b64(point), "auth": b64(os.urandom(16))}}


def shown(app, *, web: bool = True) -> presenter.Devices:
    return presenter.present_devices(app.push.devices(), now=app.context.now(), zone=BERLIN, web=web)


def test_with_no_device_yet_settings_says_so_and_offers_the_page_only_in_a_browser(app):
    in_browser = shown(app)
    assert in_browser.lines == ()
    assert in_browser.empty.startswith("No device gets reminders yet.")
    assert in_browser.can_turn_on_here and "allow notifications" in in_browser.here_note
    in_window = shown(app, web=False)
    assert not in_window.can_turn_on_here
    assert "open the app there" in in_window.here_note


def test_given_a_phone_and_a_laptop_each_line_names_the_browser_its_push_service_and_when_it_was_added(app, clock):
    phone = app.push.subscribe(a_subscription("https://fcm.googleapis.com/fcm/send/abc"), user_agent=ANDROID)
    clock.advance(timedelta(days=1))
    laptop = app.push.subscribe(a_subscription("https://updates.push.services.mozilla.com/wpush/v2/xyz"))
    lines = shown(app).lines
    assert [line.id for line in lines] == [laptop, phone]  # the newest first
    newest, older = lines
    assert older.title == "Chrome on Android"
    assert older.subtitle.startswith("fcm.googleapis.com · added ")
    assert older.last == "No reminder sent yet" and not older.failed
    assert older.phone and not newest.phone
    assert newest.title == "A browser"  # no User-Agent: nothing is made up
    assert newest.subtitle.startswith("updates.push.services.mozilla.com · added ")
    # Each Remove button says which device it removes, so two of them are told apart when read aloud.
    assert older.remove_label.startswith("Remove Chrome on Android (fcm.googleapis.com, added ")
    assert older.remove_label != newest.remove_label
    assert older.removed.startswith("Removed Chrome on Android: it gets no more reminders.")


def test_the_last_reminder_says_when_and_how_it_went_and_a_refusal_stands_out():
    now = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)  # 10:30 in Berlin

    class Device:
        id, host, label = 3, "web.push.apple.com", "Safari on iPhone"
        added_at = datetime(2026, 11, 20, 12, 0)  # as SQLite gives it back: UTC without a zone

    taken, refused, earlier = Device(), Device(), Device()
    taken.last_sent_at, taken.last_result = datetime(2026, 12, 1, 7, 0), "accepted (201)"
    refused.last_sent_at, refused.last_result = now - timedelta(days=1), "refused (403) after 3 tries"
    earlier.last_sent_at, earlier.last_result = datetime(2026, 11, 28, 20, 0, tzinfo=timezone.utc), "accepted (201)"
    lines = [presenter.device_line(d, now=now, zone=BERLIN) for d in (taken, refused, earlier)]
    assert lines[0].last == "Last reminder today at 08:00: accepted (201)" and not lines[0].failed
    assert lines[1].last == "Last reminder yesterday at 10:30: refused (403) after 3 tries" and lines[1].failed
    assert lines[2].last == "Last reminder on Sat 28 Nov 2026 at 21:00: accepted (201)"
    assert lines[0].subtitle == "web.push.apple.com · added Fri 20 Nov 2026"


def test_a_test_reminder_says_how_many_took_it_and_names_each_that_did_not():
    took = PushResult(1, "fcm.googleapis.com", "Chrome on Android", True, "accepted (201)")
    failed = PushResult(2, "web.push.apple.com", "Safari on iPhone", False, "refused (403)")
    assert presenter.test_sent([]) == "No device gets reminders yet, so nothing was sent."
    assert presenter.test_sent([took]).startswith("Sent a test reminder to 1 device.")
    assert presenter.test_sent([took, failed]) == ("Sent to 1 of 2 devices. Not taken: Safari on iPhone: "
                                                   "refused (403).")


def test_today_offers_reminders_once_in_a_browser_until_a_device_has_them_or_it_is_waved_away(app):
    assert presenter.offer_on_today(web=True, devices=0, dismissed=False)
    assert not presenter.offer_on_today(web=False, devices=0, dismissed=False)  # the desktop window: no push there
    assert not presenter.offer_on_today(web=True, devices=1, dismissed=False)
    assert not presenter.offer_on_today(web=True, devices=0, dismissed=True)

    def today(offer: bool):
        return present_today(app.overview.today(), values_ever=len(app.values.list(include_archived=True)),
                             box=Box(), pending=None, reminders_offer=offer)

    assert not today(True).reminders_offer  # no values yet: the first run comes first
    app.values.add("Honesty")
    assert today(True).reminders_offer
    assert not today(False).reminders_offer
