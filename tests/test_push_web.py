"""A phone's subscription arriving over HTTP: only from the app's own page, only for the signed-in owner,
only as a real PushSubscription of a few hundred bytes; anything else is a 400 (or 403) in one line and
nothing is stored.

Driven through Starlette's TestClient (httpx) against the very ASGI app ``valuesapp serve`` runs.
"""

from __future__ import annotations

import json
import re

import pytest
from starlette.testclient import TestClient

from tests.push_fixtures import Subscriber, b64url, unb64url
from tests.served_fixtures import clock, services  # noqa: F401 - fixtures
from valuesapp.app import ASSETS
from valuesapp.web.push import BODY_MAX
from valuesapp.web.server import build_web_app

PASSPHRASE = "correct horse battery staple"
ORIGIN = "http://localhost:8550"
OWN_PAGE = {"origin": ORIGIN}
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def client_for(services, clock, *, gated: bool) -> TestClient:
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=gated, clock=clock)
    return TestClient(app, base_url=ORIGIN, follow_redirects=False)


@pytest.fixture
def client(services, clock):
    """The app on this machine with no passphrase: the gate stands open, so only the route's own checks count."""
    with client_for(services, clock, gated=False) as c:
        yield c


def a_subscription(**changes) -> dict:
    body = Subscriber("https://fcm.googleapis.com/fcm/send/dGVzdA:APA91bH").subscription()
    for key, value in changes.items():
        if key in ("p256dh", "auth"):
            body["keys"][key] = value
        else:
            body[key] = value
    return body


def subscribe(client, body, headers=OWN_PAGE, **kwargs):
    return client.post("/push/subscriptions", content=body if isinstance(body, (bytes, str)) or hasattr(body, "__next__")
                       else json.dumps(body), headers={"content-type": "application/json", **headers}, **kwargs)


def test_the_key_is_the_servers_vapid_public_key_as_a_browser_takes_it(client, services):
    answer = client.get("/push/key")
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    key = answer.json()["public_key"]
    assert key == services.push.public_key() and len(unb64url(key)) == 65 and re.fullmatch(r"[A-Za-z0-9_-]+", key)
    assert client.get("/push/key").json() == {"public_key": key}


def test_a_subscription_from_the_apps_own_page_is_stored_once_per_endpoint(client, services):
    body = a_subscription()
    answer = subscribe(client, body, headers={**OWN_PAGE, "user-agent": ANDROID})
    assert answer.status_code == 201 and answer.json() == {"id": 1}
    [device] = services.push.devices()
    assert (device.id, device.host, device.label) == (1, "fcm.googleapis.com", "Chrome on Android")
    renewed = a_subscription(endpoint=body["endpoint"])  # the browser renewed its keys
    assert subscribe(client, renewed).json() == {"id": 1}
    assert len(services.push.devices()) == 1


def _no_device(services):
    assert services.push.devices() == []


TOO_LONG = a_subscription()
TOO_LONG["padding"] = "x" * BODY_MAX

BAD = {
    "no keys": a_subscription(keys=None),
    "no p256dh": a_subscription(keys={"auth": b64url(b"a" * 16)}),
    "no auth": a_subscription(auth=None),
    "p256dh of 64 bytes": a_subscription(p256dh=b64url(b"\x04" + b"k" * 63)),
    "p256dh not a point": a_subscription(p256dh=b64url(b"\x02" + b"k" * 64)),
    "auth of 15 bytes": a_subscription(auth=b64url(b"a" * 15)),
    "auth of 17 bytes": a_subscription(auth=b64url(b"a" * 17)),
    "auth not base64url": a_subscription(auth="not base64url!!!!!!!!!"),
    "no endpoint": a_subscription(endpoint=None),
    "javascript endpoint": a_subscription(endpoint="javascript:alert(1)"),
    "ftp endpoint": a_subscription(endpoint="ftp://push.example.com/x"),
    "data endpoint": a_subscription(endpoint="data:text/plain,hello"),
    "endpoint without a host": a_subscription(endpoint="https:///x"),
    "endpoint with a password": a_subscription(endpoint="https://me:secret@push.example.com/x"),
    "a list": [a_subscription()],
    "not JSON": b"endpoint=https://push.example.com/x",
    "JSON nested without end": b"[" * 3000 + b"]" * 3000,
    "over the size limit": TOO_LONG,
}


@pytest.mark.parametrize("case", list(BAD))
def test_what_is_not_a_push_subscription_gets_400_in_one_line_and_nothing_is_stored(client, services, case):
    answer = subscribe(client, BAD[case])
    assert answer.status_code == 400, answer.text
    assert "\n" not in answer.text and "nothing was stored" in answer.text.lower(), answer.text
    _no_device(services)


def test_a_subscription_sent_as_anything_but_json_is_refused(client, services):
    answer = client.post("/push/subscriptions", data={"endpoint": "https://push.example.com/x"}, headers=OWN_PAGE)
    assert answer.status_code == 400 and answer.text == "The subscription must be sent as JSON; nothing was stored."
    _no_device(services)


def endless(piece: bytes = b" " * 1024, at_most: int = 1000):
    """A body with no length, streamed in chunks: far more than the cap, if the server kept reading."""
    yield b'{"endpoint": "https://push.example.com/x", "pad": "'
    for _ in range(at_most):
        yield piece


def test_a_body_without_a_length_is_cut_off_at_the_cap(client, services):
    answer = subscribe(client, endless())
    assert answer.status_code == 400 and "too long" in answer.text
    _no_device(services)


def test_a_short_subscription_streamed_without_a_length_still_counts_its_bytes(client, services):
    chunks = iter([json.dumps(a_subscription()).encode()])
    assert subscribe(client, chunks).status_code == 201


def test_a_declared_length_over_the_cap_is_refused_before_reading(client, services):
    answer = subscribe(client, json.dumps(a_subscription()), headers={**OWN_PAGE, "content-length": str(BODY_MAX + 1)})
    assert answer.status_code == 400
    _no_device(services)


@pytest.mark.parametrize("origin", [None, "null", "https://evil.example", "http://localhost:9999", "http://127.0.0.1:8550"])
def test_a_subscription_from_anywhere_but_the_apps_own_page_is_refused_403(client, services, origin):
    headers = {} if origin is None else {"origin": origin}
    answer = subscribe(client, a_subscription(), headers=headers)
    assert answer.status_code == 403 and "\n" not in answer.text
    _no_device(services)


def test_with_a_passphrase_the_key_and_subscribing_need_the_owner_signed_in(services, clock):
    services.access.set_passphrase(PASSPHRASE)
    with client_for(services, clock, gated=True) as client:
        key = client.get("/push/key")
        assert key.status_code == 303 and key.headers["location"] == "/login?next=%2Fpush%2Fkey"
        assert subscribe(client, a_subscription()).status_code == 401
        _no_device(services)
        token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text).group(1)
        signed_in = client.post("/login", data={"passphrase": PASSPHRASE, "form_token": token, "next": "/reminders"})
        assert signed_in.status_code == 303
        assert client.get("/push/key").json()["public_key"] == services.push.public_key()
        assert subscribe(client, a_subscription()).status_code == 201
        assert len(services.push.devices()) == 1
