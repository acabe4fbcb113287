"""Reminders on your devices, as plain data: each phone or browser that gets pushed reminders, and the offer.

Settings lists the devices from ``services.push.devices()`` (which browser, its push service, when it
was added, when a reminder last went to it and how that went) and removes one. Today offers once to
turn reminders on, only where that can work (the app served to a browser) and only until a device has
them or the person says no.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol

from valuesapp.core.words import day_label, plural

PAGE = "/reminders"  # the plain page that turns reminders on for the device it is opened on
OFFER_DISMISSED = "push-offer-dismissed"  # the flag kept when Today's offer is waved away


class Device(Protocol):
    """What the screen needs of one device (``services.views.PushDeviceView``)."""

    id: int
    host: str
    label: str
    added_at: datetime
    last_sent_at: datetime | None
    last_result: str | None


@dataclass(frozen=True)
class DeviceLine:
    id: int
    title: str  # "Chrome on Android"
    subtitle: str  # "fcm.googleapis.com · added Tue 1 Dec 2026"
    last: str  # "Last reminder today at 08:00: accepted", or "No reminder sent yet"
    failed: bool  # the last push went wrong: shown in the error colour
    phone: bool  # drawn with a phone, else a computer
    remove_label: str  # the Remove button's name: which device it removes
    removed: str  # the snackbar after removing it


@dataclass(frozen=True)
class Devices:
    lines: tuple[DeviceLine, ...]
    empty: str  # shown when there are no lines ("" when there are)
    can_turn_on_here: bool  # the app is in a browser, so the button can open /reminders here
    here_note: str  # what the button does, or why it is not offered here


def _local(instant: datetime, zone: tzinfo) -> datetime:
    """Stored instants are UTC (SQLite gives them back without a zone)."""
    return (instant if instant.tzinfo else instant.replace(tzinfo=timezone.utc)).astimezone(zone)


def when(instant: datetime, *, now: datetime, zone: tzinfo) -> str:
    """"today at 08:00", "yesterday at 21:00" or "on Mon 30 Nov 2026 at 08:00", in the practice's zone."""
    moment, today = _local(instant, zone), _local(now, zone).date()
    if moment.date() == today:
        day = "today"
    elif moment.date() == today - timedelta(days=1):
        day = "yesterday"
    else:
        day = "on " + day_label(moment.date())
    return f"{day} at {moment:%H:%M}"


def accepted(result: str | None) -> bool:
    """The server records "accepted (201)" when the push service took it, and why not otherwise."""
    return result is not None and result.strip().lower().startswith("accepted")


def device_line(device: Device, *, now: datetime, zone: tzinfo) -> DeviceLine:
    title = (device.label or "").strip() or "A browser"
    host = (device.host or "").strip() or "unknown push service"
    added = day_label(_local(device.added_at, zone).date())
    if device.last_sent_at is None:
        last, failed = "No reminder sent yet", False
    else:
        result = (device.last_result or "").strip()
        failed = bool(result) and not accepted(result)
        last = f"Last reminder {when(device.last_sent_at, now=now, zone=zone)}" + (f": {result}" if result else "")
    return DeviceLine(
        id=device.id,
        title=title,
        subtitle=f"{host} · added {added}",
        last=last,
        failed=failed,
        phone=any(word in title for word in ("Android", "iPhone", "iPad")),
        remove_label=f"Remove {title} ({host}, added {added})",
        removed=f"Removed {title}: it gets no more reminders. To have them again, open Turn on reminders "
                "on that device.",
    )


def present_devices(devices: Iterable[Device], *, now: datetime, zone: tzinfo, web: bool) -> Devices:
    """The devices, newest first; ``web``: the app is open in a browser (not the desktop window)."""
    lines = tuple(device_line(d, now=now, zone=zone)
                  for d in sorted(devices, key=lambda d: _local(d.added_at, timezone.utc), reverse=True))
    empty = "" if lines else ("No device gets reminders yet. Turn them on from each phone or computer you "
                              "want them on.")
    if web:
        note = "Opens a short page that asks this browser to allow notifications."
    else:
        note = ("Reminders on a device are turned on in its browser: open the app there (the address the app "
                "is served at) and come back to this part of Settings.")
    return Devices(lines, empty, web, note)


class Sent(Protocol):
    """How a push to one device went (``services.views.PushResult``)."""

    label: str
    accepted: bool
    result: str
    removed: bool


def test_sent(results: Iterable[Sent]) -> str:
    """"Sent a test reminder to 2 devices." or each device that did not take it, and why."""
    results = list(results)
    if not results:
        return "No device gets reminders yet, so nothing was sent."
    taken = [r for r in results if r.accepted]
    if len(taken) == len(results):
        return f"Sent a test reminder to {plural(len(taken), 'device')}. It should show there within a minute."
    refused = "; ".join(f"{r.label}: {r.result}" for r in results if not r.accepted)
    return f"Sent to {len(taken)} of {plural(len(results), 'device')}. Not taken: {refused}."


def offer_on_today(*, web: bool, devices: int, dismissed: bool) -> bool:
    """Today offers reminders once: in a browser, while no device has them, until the person waves it away."""
    return web and devices == 0 and not dismissed


OFFER_TITLE = "Get reminders on this device"
OFFER_TEXT = "The morning card and the evening prompt can arrive as notifications, even with the app closed."
HIDE_WORDS_NOTE = ('On: a reminder says only "Today\'s card is ready" or the like, so no value or words of yours '
                   "show on a lock screen.")
OFFER_DISMISSED_TEXT = "Reminders can be turned on any time from Settings."
