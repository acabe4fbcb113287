"""Hosted at a public address: the one the proxy in front serves it at is what the Host and Origin checks
allow, what friends' links start with, and (https) what makes the sign-in cookie Secure. It is chosen
once, with `valuesapp settings set public_url https://...` or `serve --public-url`, and a wrong one is
one line with exit code 2.

The served app is the one `valuesapp serve` builds: its run_server is replaced by one that keeps the app,
which Starlette's TestClient then drives (a real HTTPS proxy in front: tests/browser/test_hosted.py).
"""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from valuesapp.core.errors import UserError
from valuesapp.core.settings import parse

PASSPHRASE = "correct horse battery staple"
HOSTED = "https://values.example.org"


@pytest.fixture
def served(app, monkeypatch):
    """``serve(...)`` as the CLI calls it, returning the ASGI app it would have run (and the services)."""
    from valuesapp import app as wiring
    from valuesapp.web import server

    kept = {}
    monkeypatch.setattr(server, "run_server", lambda asgi, *, host, port: kept.update(app=asgi, host=host, port=port))
    monkeypatch.setattr(server, "log_sign_ins", lambda to_file: None)

    def serve(**options):
        kept.clear()
        wiring.serve(app, **options)
        return kept["app"]

    return serve


def _signed_in(asgi, *, host: str, origin: str):
    with TestClient(asgi, base_url=f"http://{host}", follow_redirects=False) as client:
        token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text).group(1)
        return client.post("/login", data={"passphrase": PASSPHRASE, "form_token": token, "next": "/"},
                           headers={"origin": origin})


@pytest.mark.parametrize("raw, stored", [
    ("https://values.example.org", HOSTED), ("HTTPS://Values.Example.ORG/", HOSTED),
    ("http://values.lan:8080", "http://values.lan:8080"), (" off ", ""), ("", ""),
])
def test_a_public_address_is_kept_as_scheme_host_and_port(cli, raw, stored):  # noqa: F811
    assert cli.run("settings", "set", "public_url", raw).code == 0
    assert cli.services.settings.get().public_url == stored


@pytest.mark.parametrize("raw", [
    "values.example.org", "ftp://values.example.org", "https://values.example.org/app", "https://",
    "https://me@values.example.org", "https://values.example.org/?x=1", "https://values example.org",
    "https://values.example.org:99999", "https://values_example.org", "https://values.example.org/#top",
])
def test_given_an_address_that_is_not_one_settings_set_says_so_in_one_line_with_exit_code_2(cli, raw):  # noqa: F811
    outcome = cli.run("settings", "set", "public_url", raw)
    assert outcome.code == 2
    (line,) = outcome.err.splitlines()
    assert line == (f"valuesapp: Public address: {raw!r} is not an address such as https://values.example.org "
                    "(http or https, a host name, no path).")
    assert cli.services.settings.get().public_url == ""


def test_given_a_stored_public_url_serve_answers_to_it_and_its_cookie_is_secure_over_the_proxys_http(app, served):
    app.access.set_passphrase(PASSPHRASE)
    app.settings.set("public_url", HOSTED)
    asgi = served(host="127.0.0.1", port=8550)
    # Caddy passes the browser's Host on; the page's own Origin is the public address.
    with TestClient(asgi, base_url="http://values.example.org", follow_redirects=False) as client:
        assert client.get("/login").status_code == 200
        assert client.get("/login", headers={"host": "elsewhere.example.org"}).status_code == 403
    posted = _signed_in(asgi, host="values.example.org", origin=HOSTED)
    assert posted.status_code == 303
    cookie = posted.headers["set-cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    refused = _signed_in(asgi, host="values.example.org", origin="https://elsewhere.example.org")
    assert refused.status_code == 403


def test_the_public_url_option_wins_over_the_setting_and_plain_http_keeps_the_cookie_as_the_request_was(app, served):
    app.access.set_passphrase(PASSPHRASE)
    app.settings.set("public_url", HOSTED)
    asgi = served(host="127.0.0.1", port=8550, public_url="http://values.lan:8080/")
    with TestClient(asgi, base_url="http://values.example.org") as client:
        assert client.get("/login").status_code == 403  # the stored address is not this server's now
    posted = _signed_in(asgi, host="values.lan:8080", origin="http://values.lan:8080")
    assert posted.status_code == 303 and "Secure" not in posted.headers["set-cookie"]
    assert app.links.friends_address().base_url == "http://values.lan:8080"


def test_the_older_public_name_is_an_alias_for_an_https_public_address(app, served):
    app.access.set_passphrase(PASSPHRASE)
    asgi = served(host="127.0.0.1", port=8550, public_names=["values.example.org"])
    assert _signed_in(asgi, host="values.example.org", origin=HOSTED).status_code == 303
    assert app.links.friends_address().base_url == HOSTED


def test_a_public_url_without_a_passphrase_is_refused_before_listening(app, served):
    app.settings.set("public_url", HOSTED)
    with pytest.raises(UserError) as refused:
        served(host="127.0.0.1", port=8550)
    assert refused.value.message.startswith("Serving at https://values.example.org would let anyone")
    with pytest.raises(UserError, match="is not an address such as"):
        served(host="127.0.0.1", port=8550, public_url="values.example.org/app")


def test_given_a_public_url_links_create_needs_no_base_url_and_warns_of_nothing(cli, monkeypatch):  # noqa: F811
    monkeypatch.delenv("VALUESAPP_PUBLIC_NAME", raising=False)
    cli.ok("settings", "set", "public_url", HOSTED + "/")
    made = cli.run("links", "create", "Maya")
    assert made.code == 0 and made.out.startswith("https://values.example.org/f/") and "Warning" not in made.err
    assert cli.services.links.friends_address().base_url == HOSTED  # the Feedback screen, not served
    typed = cli.run("links", "create", "Bo", "--base-url", "http://localhost:8550")
    assert typed.out.startswith("http://localhost:8550/f/")


def test_the_setting_is_checked_by_the_core_rule_everywhere():
    assert parse("public_url", "https://[2001:db8::7]:8443/") == "https://[2001:db8::7]:8443"
    with pytest.raises(UserError):
        parse("public_url", "https://values.example.org\\evil")


def test_behind_a_proxy_on_this_machine_that_says_https_the_cookie_is_secure_without_a_public_url(tmp_path):
    """uvicorn trusts X-Forwarded-Proto from 127.0.0.1 only (Caddy sends it): the real server, no --public-url."""
    import urllib.error
    import urllib.request

    from tests.browser.pages import Server

    class Kept(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None  # the 303 and its Set-Cookie are what is looked at

    server = Server(db=tmp_path / "values.db")
    server.cli("passphrase", "set", input=PASSPHRASE + "\n")
    server.start()
    try:
        opener = urllib.request.build_opener(Kept)

        def sign_in(headers: dict) -> str:
            with opener.open(urllib.request.Request(server.url + "login", headers=headers), timeout=30) as page:
                token = re.search(r'name="form_token" value="([^"]+)"', page.read().decode()).group(1)
            body = f"passphrase={PASSPHRASE.replace(' ', '+')}&form_token={token}&next=%2F".encode()
            posted = urllib.request.Request(server.url + "login", data=body, headers={
                **headers, "content-type": "application/x-www-form-urlencoded"})
            with pytest.raises(urllib.error.HTTPError) as redirected:
                opener.open(posted, timeout=30)
            assert redirected.value.code == 303
            return redirected.value.headers["set-cookie"]

        assert "Secure" in sign_in({"x-forwarded-proto": "https"})
        assert "Secure" not in sign_in({})
    finally:
        server.stop()
