"""Sessions end when the passphrase changes, whichever process changed it, and open websockets close.

The "other process" is a second store and services on the same database file, as `valuesapp
passphrase set` run in a terminal would be. The server learns of the change from the store within a
couple of seconds of the injected clock; a websocket left quiet is closed by the server itself.
"""

from __future__ import annotations

import random
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest
from starlette.testclient import TestClient

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.app import ASSETS
from valuesapp.web import sockets
from valuesapp.web.server import build_web_app

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a different passphrase, longer"
BASE = "http://localhost:8550"
OWN_PAGE = {"origin": BASE}
RECHECKED = timedelta(seconds=3)  # more than the couple of seconds between reads of the store


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "values.db")


@pytest.fixture
def services(db, clock):
    store = open_store(db)
    yield build_services(store, clock=clock, rng=random.Random(7))
    store.close()


@pytest.fixture
def other_process(db, clock, services):
    """The same store opened a second time, as the CLI in another terminal opens it."""
    store = open_store(db)
    yield build_services(store, clock=clock, rng=random.Random(8))
    store.close()


@pytest.fixture
def client(services, clock):
    services.access.set_passphrase(PASSPHRASE)
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=True, clock=clock)
    with TestClient(app, base_url=BASE, follow_redirects=False) as c:
        yield c


def form_token(page_html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page_html).group(1)


def sign_in(client, passphrase: str = PASSPHRASE):
    return client.post("/login", data={"passphrase": passphrase, "form_token": form_token(client.get("/login").text)})


def next_message_within(ws, seconds: float = 20):
    """What the server sends next on ``ws``, or None if nothing came (the thread is left to the socket's end)."""
    got: list = []

    def read() -> None:
        try:
            got.append(ws.receive())
        except Exception as exc:  # the socket's streams closed under a reader that waited in vain
            got.append({"type": "no message", "error": repr(exc)})

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds)
    return got[0] if got else None


def test_a_passphrase_changed_by_another_process_ends_every_session_within_seconds(client, other_process, clock):
    assert sign_in(client).status_code == 303
    assert client.get("/").status_code == 200
    other_process.access.set_passphrase(NEW_PASSPHRASE)
    clock.advance(RECHECKED)
    ended = client.get("/values")
    assert ended.status_code == 303 and ended.headers["location"].startswith("/login")
    assert sign_in(client).status_code == 401, "the old passphrase no longer opens it"
    assert sign_in(client, NEW_PASSPHRASE).status_code == 303
    clock.advance(RECHECKED)
    assert client.get("/").status_code == 200, "a session made after the change is kept"


def test_setting_the_same_passphrase_again_also_ends_sessions(client, other_process, clock):
    """Whoever runs `passphrase set` means to shut everyone out; the same words do that too."""
    sign_in(client)
    other_process.access.set_passphrase(PASSPHRASE)
    clock.advance(RECHECKED)
    assert client.get("/").status_code == 303


def test_a_passphrase_cleared_by_another_process_ends_sessions_and_nobody_signs_in_until_one_is_set(
        client, other_process, clock):
    sign_in(client)
    other_process.access.clear_passphrase()
    clock.advance(RECHECKED)
    assert client.get("/").status_code == 303
    page = client.get("/login")
    assert page.status_code == 200 and "No passphrase is set" in page.text
    refused = sign_in(client)
    assert refused.status_code == 403 and "No passphrase is set" in refused.text
    assert "set-cookie" not in refused.headers
    other_process.access.set_passphrase(NEW_PASSPHRASE)
    assert sign_in(client, NEW_PASSPHRASE).status_code == 303


def test_a_quiet_websocket_is_closed_by_the_server_once_its_session_is_signed_out(client, monkeypatch):
    monkeypatch.setattr(sockets, "WEBSOCKET_CHECK_SECONDS", 0.05)
    sign_in(client)
    with client.websocket_connect("ws://localhost:8550/ws", headers=OWN_PAGE) as ws:
        out = client.post("/signout", data={"form_token": form_token(client.get("/signout").text)})
        assert out.status_code == 303
        message = next_message_within(ws)
        assert message is not None, "the server never closed the socket"
        assert message == {"type": "websocket.close", "code": 1008} or message.get("code") == 1008, message


def test_a_quiet_websocket_is_closed_by_the_server_once_the_passphrase_changes(client, other_process, clock,
                                                                               monkeypatch):
    monkeypatch.setattr(sockets, "WEBSOCKET_CHECK_SECONDS", 0.05)
    sign_in(client)
    with client.websocket_connect("ws://localhost:8550/ws", headers=OWN_PAGE) as ws:
        other_process.access.set_passphrase(NEW_PASSPHRASE)
        clock.advance(RECHECKED)
        message = next_message_within(ws)
        assert message is not None, "the server never closed the socket"
        assert message["type"] == "websocket.close" and message.get("code") == 1008, message


def test_a_quiet_websocket_is_closed_once_its_session_has_been_idle_too_long(client, clock, monkeypatch):
    monkeypatch.setattr(sockets, "WEBSOCKET_CHECK_SECONDS", 0.05)
    sign_in(client)
    with client.websocket_connect("ws://localhost:8550/ws", headers=OWN_PAGE) as ws:
        clock.advance(timedelta(minutes=31))
        message = next_message_within(ws)
        assert message is not None and message["type"] == "websocket.close" and message.get("code") == 1008
