"""Only a friend's link page itself, `/f/<token>`, is public: nothing else under `/f/` opens the app's page.

With a passphrase set and no session, a path such as `/f/x/y` or `/f/../` must not be taken for a link
page and answered with the app (whose page Flet serves for any unknown path). Paths like `/f/../` are
sent as they are (a browser would tidy them, an attacker's client does not), so they go to the ASGI
app directly rather than through httpx, which tidies them too.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest
from starlette.testclient import TestClient

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.app import ASSETS
from valuesapp.web.server import build_web_app

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def gated(tmp_path):
    clock = FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))
    store = open_store(str(tmp_path / "values.db"))
    services = build_services(store, clock=clock, rng=random.Random(7), system_timezone="Europe/Berlin")
    services.access.set_passphrase(PASSPHRASE)
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=True, clock=clock,
                        allowed_hosts=["testserver"])
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield app, client, services
    store.close()


async def _get_as_sent(app, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"testserver")], "client": ("testclient", 50000), "server": ("testserver", 80)}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body


@pytest.mark.parametrize("path", ["/f/", "/f/x/y", "/f/../", "/f/..", "/f/%2e%2e/", "/f/./", "/f//", "/f/x/",
                                  "/f/x.html", "/f/{token}/more", "/f/{token}/", "/f/{token}/../values"])
def test_nothing_under_f_but_a_link_page_opens_without_a_session(gated, path):
    app, client, services = gated
    path = path.format(token=services.links.create("Maya").token)
    status, headers, body = client.portal.call(_get_as_sent, app, path)
    assert status in (303, 404), (path, status)
    if status == 303:
        assert headers[b"location"].startswith(b"/login")
    assert b"flutter" not in body.lower() and b"<script" not in body, path


def test_the_link_page_itself_is_still_public(gated):
    _app, client, services = gated
    made = services.links.create("Maya")
    page = client.get(f"/f/{made.token}")
    assert page.status_code == 200 and "A note from you, Maya" in page.text and "flutter" not in page.text
    assert client.get("/f/" + "x" * 43).status_code == 404  # made up: the same plain Not found
