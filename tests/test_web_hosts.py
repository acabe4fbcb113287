"""Only this server's own names get an answer, and only its own pages may use the websocket or post a form.

A web page elsewhere must not read the journal through `/ws` (it sends its own Origin), nor by pointing
its own name at 127.0.0.1 (DNS rebinding: it sends its own Host). Both modes, gated and not.
Driven through Starlette's TestClient against the app `valuesapp serve` builds, with the names it
would allow when listening on 127.0.0.1:8550 or 0.0.0.0:8550.
"""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from valuesapp.core.errors import UserError
from valuesapp.app import ASSETS
from valuesapp.web.hosts import REFUSED, WEBSOCKET_REFUSED, allowed_hosts, public_name
from valuesapp.web.server import build_web_app

from tests.served_fixtures import clock, services  # noqa: F401 - fixtures

PASSPHRASE = "correct horse battery staple"
EVIL = "evil.example"


def serving(services, clock, *, gated: bool, listen: str = "127.0.0.1", host: str = "127.0.0.1:8550",
            public: tuple[str, ...] = (), machine: tuple[str, ...] = ("homebox", "homebox.local")) -> TestClient:
    """The app as served on ``listen``:8550, reached by a browser that wrote ``host`` in its address bar."""
    if gated:
        services.access.set_passphrase(PASSPHRASE)
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=gated, clock=clock,
                        allowed_hosts=allowed_hosts(listen, public_names=public, machine_names=machine))
    return TestClient(app, base_url=f"http://{host}", follow_redirects=False)


def form_token(page_html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page_html).group(1)


def refused(response) -> None:
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/plain")
    assert len(response.content) < 200 and b"<script" not in response.content and b"flutter" not in response.content


def websocket_refused(client, **kwargs) -> None:
    """Refused at the handshake, by the host check: closed before it is accepted, which a server answers with
    a 403 (test_a_refused_websocket_gets_a_403_from_the_real_server), never an open-then-closed socket."""
    with pytest.raises(WebSocketDisconnect) as refusal:
        with client.websocket_connect(ws_url(client), **kwargs):
            pytest.fail("the websocket was accepted")
    assert (refusal.value.code, refusal.value.reason) == (1008, WEBSOCKET_REFUSED)


def ws_url(client) -> str:
    """The websocket at the client's own address (TestClient's websocket_connect would say testserver)."""
    return f"ws://{client.base_url.netloc.decode()}/ws"


@pytest.mark.parametrize("gated", [False, True], ids=["no passphrase", "passphrase"])
def test_a_foreign_host_gets_403_and_nothing_of_the_app(services, clock, gated):
    made = services.links.create("Maya")
    with serving(services, clock, gated=gated) as client:
        for path in ["/", "/values", "/login", f"/f/{made.token}", "/main.dart.js", "/manifest.json",
                     "/icons/Icon-192.png", "/favicon.png"]:
            refused(client.get(path, headers={"host": EVIL}))
            refused(client.get(path, headers={"host": EVIL + ":8550"}))
        refused(client.post("/login", headers={"host": EVIL}, data={"passphrase": PASSPHRASE}))
        websocket_refused(client, headers={"host": EVIL, "origin": "http://" + EVIL})
        websocket_refused(client, headers={"host": EVIL + ":8550", "origin": f"http://{EVIL}:8550"})


def test_without_a_passphrase_a_page_elsewhere_cannot_open_the_websocket(services, clock):
    with serving(services, clock, gated=False) as client:
        websocket_refused(client, headers={"origin": "http://" + EVIL})
        websocket_refused(client, headers={"origin": "http://127.0.0.1:3000"})  # another local site
        websocket_refused(client, headers={"origin": "null"})
        websocket_refused(client)  # no Origin: not a page of ours
        with client.websocket_connect(ws_url(client), headers={"origin": "http://127.0.0.1:8550"}):
            pass  # the app's own page gets in


def test_a_form_posted_from_a_page_elsewhere_is_refused(services, clock):
    with serving(services, clock, gated=True) as client:
        token = form_token(client.get("/login").text)
        form = {"passphrase": PASSPHRASE, "form_token": token, "next": "/"}
        refused(client.post("/login", data=form, headers={"origin": "http://" + EVIL}))
        refused(client.post("/login", data=form, headers={"origin": "http://127.0.0.1:3000"}))
        signed_in = client.post("/login", data=form, headers={"origin": "http://127.0.0.1:8550"})
        assert signed_in.status_code == 303 and "valuesapp_session=" in signed_in.headers["set-cookie"]


def test_a_form_posted_with_origin_null_is_judged_by_its_token_as_browsers_send_it_from_our_own_pages(services,
                                                                                                      clock):
    """Under `Referrer-Policy: no-referrer` a browser posts our own sign-in form with `Origin: null`."""
    with serving(services, clock, gated=True) as client:
        token = form_token(client.get("/login").text)
        posted = client.post("/login", data={"passphrase": PASSPHRASE, "form_token": token, "next": "/"},
                             headers={"origin": "null"})
        assert posted.status_code == 303
        forged = client.post("/login", data={"passphrase": PASSPHRASE, "next": "/"}, headers={"origin": "null"})
        assert forged.status_code == 400 and "set-cookie" not in forged.headers


@pytest.mark.parametrize("host", ["127.0.0.1:8550", "127.0.0.1", "localhost:8550", "localhost", "[::1]:8550"])
def test_this_machines_own_names_with_and_without_the_port_get_in(services, clock, host):
    with serving(services, clock, gated=False, host=host) as client:
        page = client.get("/")
        assert page.status_code == 200 and "<script" in page.text
        with client.websocket_connect(ws_url(client), headers={"origin": f"http://{host}"}):
            pass


def test_behind_a_proxy_the_public_name_gets_in(services, clock):
    with serving(services, clock, gated=True, host="values.example.org",
                 public=("values.example.org",)) as client:
        assert client.get("/login").status_code == 200
        assert client.get("/").headers["location"] == "/login"
        token = form_token(client.get("/login").text)
        posted = client.post("/login", data={"passphrase": PASSPHRASE, "form_token": token, "next": "/"},
                             headers={"origin": "https://values.example.org"})
        assert posted.status_code == 303
    # A proxy that sends its own Host (127.0.0.1:8550) upstream: the public name as Origin still counts.
    with serving(services, clock, gated=True, public=("values.example.org",)) as client:
        token = form_token(client.get("/login").text)
        posted = client.post("/login", data={"passphrase": PASSPHRASE, "form_token": token, "next": "/"},
                             headers={"origin": "https://values.example.org"})
        assert posted.status_code == 303


@pytest.mark.parametrize("host", ["homebox:8550", "homebox.local:8550", "192.168.1.20:8550", "[fd00::20]:8550",
                                  "127.0.0.1:8550"])
def test_on_every_address_a_phone_at_home_gets_in_by_the_machines_name_or_address(services, clock, host):
    with serving(services, clock, gated=True, listen="0.0.0.0", host=host) as client:
        assert client.get("/login").status_code == 200
        assert client.get("/").status_code == 303
    with serving(services, clock, gated=True, listen="0.0.0.0", host=host) as client:
        refused(client.get("/login", headers={"host": EVIL + ":8550"}))


def test_the_machines_real_hostname_is_allowed_on_every_address():
    import socket

    hostname = socket.gethostname().lower()
    rule = allowed_hosts("0.0.0.0")
    assert rule.allows_host(f"{hostname}:8550") and rule.allows_host(hostname.split(".")[0] + ".local")
    assert not rule.allows_host(EVIL)
    assert not allowed_hosts("127.0.0.1").allows_host(f"{hostname}.local:8550")


def test_the_rule_without_a_server():
    rule = allowed_hosts("127.0.0.1", public_names=["https://Values.Example.org/"])
    assert rule.public_names == {"values.example.org"}
    for host in ["localhost", "LOCALHOST:8550", "127.0.0.1", "[::1]:8550", "values.example.org:443"]:
        assert rule.allows_host(host), host
    for host in [None, "", EVIL, "127.0.0.1.evil.example", "localhost@evil.example", "[::1", "a b", "192.168.1.20"]:
        assert not rule.allows_host(host), host
    assert rule.allows_origin("http://localhost:8550", "localhost:8550")
    assert rule.allows_origin("https://values.example.org", "127.0.0.1:8550")
    assert not rule.allows_origin("http://localhost:8550", "127.0.0.1:8550")  # another origin, if the same machine
    assert not rule.allows_origin("http://localhost", "localhost:8550")
    assert not rule.allows_origin("http://evil.example", "localhost:8550")
    assert not rule.allows_origin("file://", "localhost:8550")
    assert allowed_hosts("192.168.1.20", machine_names=[]).allows_host("192.168.1.20:8550")


def test_a_public_name_that_is_no_name_is_one_clear_line():
    with pytest.raises(UserError) as bad:
        public_name("values example org")
    assert str(bad.value) == "The public name 'values example org' is not a host name such as values.example.org."


def test_serve_with_a_public_name_that_is_no_name_stops_before_listening(services):
    from valuesapp.app import serve

    with pytest.raises(UserError, match="is not a host name"):
        serve(services, port=1, public_names=["https://values example.org"])


def test_a_refused_websocket_gets_a_403_from_the_real_server_and_nothing_is_logged_as_an_error(tmp_path):
    """uvicorn answers a close before accept with an HTTP 403, the refusal a browser sees."""
    import urllib.error
    import urllib.request

    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    from tests.browser.pages import Server

    server = Server(db=tmp_path / "values.db")
    server.start()
    try:
        for origin in ["http://" + EVIL, f"http://127.0.0.1:{server.port + 1}", None]:
            with pytest.raises(InvalidStatus) as refusal:
                connect(f"ws://127.0.0.1:{server.port}/ws", origin=origin, open_timeout=30).close()
            assert refusal.value.response.status_code == 403, origin
        request = urllib.request.Request(server.url, headers={"Host": EVIL})
        with pytest.raises(urllib.error.HTTPError) as foreign:
            urllib.request.urlopen(request, timeout=30)
        assert foreign.value.code == 403 and foreign.value.read().decode() == REFUSED
    finally:
        server.stop()
    assert "ERROR" not in server.log.read_text()
