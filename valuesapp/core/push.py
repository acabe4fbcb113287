"""Web Push rules: what a browser's subscription must be, how a device is named, and what a reminder's
push says (with or without its words).

A subscription is what ``PushSubscription.toJSON()`` gives (RFC 8030, RFC 8291): the push service's
``endpoint`` for this browser, and the keys the payload is encrypted to: ``p256dh``, the browser's P-256
public key as an uncompressed point (65 bytes), and ``auth``, a 16-byte secret, both base64url. Anything
else is refused before it is stored, so a bad one can never make the scheduler's sending fail later.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg

ENDPOINT_MAX = 2048  # real push services' endpoints are a few hundred characters
USER_AGENT_MAX = 512
P256_POINT_BYTES = 65
AUTH_SECRET_BYTES = 16
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")

# Where tapping a reminder's notification opens the app, by the reminder's kind.
MORNING, EVENING, WEEKLY, REVIEW, TEST = "morning", "evening", "weekly", "review", "test"
SCREENS = {MORNING: "/today", EVENING: "/today", WEEKLY: "/repairs", REVIEW: "/review", TEST: "/today"}
# What a push says when the words are hidden (the setting push_hides_words): nothing of the person's own.
HIDDEN_WORDS = {
    MORNING: ("Today's card is ready", "Open valuesapp to see it."),
    EVENING: ("Time to reflect", "Open valuesapp to write about today."),
    WEEKLY: ("Something is waiting", "Open valuesapp to see what is due."),
    REVIEW: ("Your weekly review is ready", "Open valuesapp to look back on the week."),
    TEST: ("valuesapp", "Reminders reach this device."),
}


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str

    def as_info(self) -> dict:
        """As pywebpush takes it (the same shape as the browser's JSON)."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


def _refuse(problem: str) -> UserError:
    return UserError.of(Msg.PUSH_NOT_A_SUBSCRIPTION, problem=problem)


def b64url_bytes(text: object) -> bytes | None:
    """The bytes of base64url text (padding optional); None if it is not that."""
    if not isinstance(text, str) or not text.isascii() or not _BASE64URL.fullmatch(text):
        return None
    try:
        return base64.urlsafe_b64decode(text.rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        return None


def check_subscription(body: object) -> Subscription:
    """The subscription in a browser's ``PushSubscription.toJSON()``, or a UserError saying what is wrong."""
    if not isinstance(body, Mapping):
        raise _refuse("it is not a JSON object")
    endpoint = body.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        raise _refuse("it has no endpoint")
    if len(endpoint) > ENDPOINT_MAX or not endpoint.isascii() or not endpoint.isprintable():
        raise _refuse("its endpoint is not a web address")
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - raises for a port that is no number
    except ValueError:
        raise _refuse("its endpoint is not a web address") from None
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username or parts.password:
        raise _refuse("its endpoint is not an http(s) address")
    keys = body.get("keys")
    if not isinstance(keys, Mapping):
        raise _refuse("it has no keys")
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    point = b64url_bytes(p256dh)
    if point is None or len(point) != P256_POINT_BYTES or point[0] != 4:
        raise _refuse(f"its p256dh key is not a {P256_POINT_BYTES}-byte P-256 point in base64url")
    secret = b64url_bytes(auth)
    if secret is None or len(secret) != AUTH_SECRET_BYTES:
        raise _refuse(f"its auth secret is not {AUTH_SECRET_BYTES} bytes in base64url")
    return Subscription(endpoint, str(p256dh), str(auth))


def push_host(endpoint: str) -> str:
    """The push service a device's pushes go through, by its host (fcm.googleapis.com, web.push.apple.com)."""
    try:
        return urlsplit(endpoint).hostname or endpoint
    except ValueError:
        return endpoint


_BROWSERS = (("edg/", "Edge"), ("opr/", "Opera"), ("samsungbrowser/", "Samsung Internet"), ("firefox/", "Firefox"),
             ("fxios/", "Firefox"), ("crios/", "Chrome"), ("chrome/", "Chrome"), ("chromium/", "Chromium"),
             ("safari/", "Safari"))
_SYSTEMS = (("android", "Android"), ("iphone", "iPhone"), ("ipad", "iPad"), ("cros", "ChromeOS"),
            ("mac os x", "macOS"), ("windows", "Windows"), ("linux", "Linux"))


def device_label(user_agent: str | None) -> str:
    """A short name for a device from its browser's User-Agent: "Chrome on Android", "Safari on iPhone"."""
    ua = (user_agent or "").lower()
    browser = next((name for needle, name in _BROWSERS if needle in ua), None)
    system = next((name for needle, name in _SYSTEMS if needle in ua), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "A browser"


def clean_user_agent(user_agent: str | None) -> str | None:
    if not user_agent:
        return None
    text = "".join(c for c in user_agent if c.isprintable())[:USER_AGENT_MAX].strip()
    return text or None


def payload(kind: str, title: str, body: str, *, hide_words: bool) -> dict[str, str]:
    """What a push carries (encrypted): its title, body and the screen a tap opens."""
    if hide_words:
        title, body = HIDDEN_WORDS.get(kind, HIDDEN_WORDS[TEST])
    return {"title": title, "body": body, "url": SCREENS.get(kind, "/today")}
