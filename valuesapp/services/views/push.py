"""Web Push (``services.push``): the devices that get reminders, and how a push to one went."""

from __future__ import annotations

from dataclasses import dataclass

from valuesapp.services.views.read_model import ReadModel
from valuesapp.store.tables import PushDeviceBase


class PushDeviceView(ReadModel, PushDeviceBase):
    """A device as the owner sees it: never its endpoint or keys (with them anyone could push to it)."""

    leaves_out = ("endpoint", "p256dh", "auth", "user_agent")
    id: int
    host: str  # its push service (fcm.googleapis.com, web.push.apple.com, ...)
    label: str  # from its browser's User-Agent: "Chrome on Android"


@dataclass(frozen=True)
class PushResult:
    """How one push to one device went. ``accepted``: its push service took it (2xx); ``removed``: it
    answered that the subscription is gone (404/410), so the device was dropped."""

    device_id: int
    host: str
    label: str
    accepted: bool
    result: str  # one line: "accepted (201)", "failed (500) after 3 tries", "timed out after 3 tries", ...
    removed: bool = False
