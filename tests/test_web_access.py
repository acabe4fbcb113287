"""The served app's front door over HTTP: a stranger gets nothing, the owner signs in, a friend leaves a note.

Driven through Starlette's TestClient against the very ASGI app `valuesapp serve` runs, on a fixed clock.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from datetime import timedelta

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from valuesapp.services.access import HASHER
from valuesapp.app import ASSETS
from valuesapp.web.server import build_web_app

from tests.served_fixtures import clock, services  # noqa: F401 - fixtures

PASSPHRASE = "correct horse battery staple"
OWN_PAGE = {"origin": "http://testserver"}  # the app's own page opens the websocket (hosts.py refuses others)
PRIVATE_GETS = ["/", "/today", "/values", "/journal", "/feedback?x=1", "/oauth_callback", "/docs", "/openapi.json",
                "/flutter_service_worker.js.map.secret", "/signout"]


def client_for(services, clock, *, gated: bool) -> TestClient:
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=gated, clock=clock,
                        allowed_hosts=["testserver"])
    return TestClient(app, base_url="http://testserver", follow_redirects=False)


@pytest.fixture
def client(services, clock):
    services.access.set_passphrase(PASSPHRASE)
    with client_for(services, clock, gated=True) as c:
        yield c


def form_token(page_html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page_html).group(1)


def sign_in(client, passphrase: str = PASSPHRASE, *, next_path: str = "/"):
    token = form_token(client.get("/login").text)
    return client.post("/login", data={"passphrase": passphrase, "form_token": token, "next": next_path})


def assert_safe_headers(response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[-1].split(";")[0]


# A stranger


def test_without_a_session_a_stranger_gets_nothing_private(client):
    for path in PRIVATE_GETS:
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login"), path
        assert "valuesapp" not in response.text.lower() or "sign in" in response.text.lower()
        assert_safe_headers(response)
    assert client.get("/values").headers["location"] == "/login?next=%2Fvalues"
    for method, path in [("PUT", "/upload"), ("POST", "/"), ("POST", "/values"), ("DELETE", "/ws")]:
        response = client.request(method, path)
        assert response.status_code == 401, (method, path)
        assert_safe_headers(response)
    with pytest.raises(WebSocketDisconnect) as refused:
        with client.websocket_connect("/ws", headers=OWN_PAGE):
            pass
    assert refused.value.code == 1008


def test_the_public_paths_are_the_sign_in_page_the_client_files_and_friends_pages(client):
    for path in ["/login", "/manifest.json", "/icons/Icon-192.png", "/favicon.png", "/main.dart.wasm", "/main.dart.js",
                 "/flutter_bootstrap.js", "/canvaskit/canvaskit.wasm"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_safe_headers(response)
    assert client.get("/f/" + "x" * 43).status_code == 404


# The owner


def test_wrong_passphrase_is_refused_and_the_right_one_opens_a_strict_http_only_session(client, caplog):
    caplog.set_level(logging.INFO, logger="valuesapp.access")
    wrong = sign_in(client, "not the passphrase at all")
    assert wrong.status_code == 401
    assert "That passphrase is not right." in wrong.text
    assert "set-cookie" not in wrong.headers
    assert_safe_headers(wrong)

    right = sign_in(client, next_path="/values")
    assert right.status_code == 303 and right.headers["location"] == "/values"
    cookie = right.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie and "Path=/" in cookie
    token = re.search(r"valuesapp_session=([^;]+)", cookie).group(1)
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128

    page = client.get("/values")
    assert page.status_code == 200 and "flutter_bootstrap.js" in page.text
    assert_safe_headers(page)
    with client.websocket_connect("/ws", headers=OWN_PAGE):
        pass  # accepted

    lines = [r.getMessage() for r in caplog.records]
    assert any(re.match(r"^2026-11-27T09:00:00Z sign-in failed from testclient$", line) for line in lines), lines
    assert any(re.match(r"^2026-11-27T09:00:00Z sign-in succeeded from testclient$", line) for line in lines)
    assert not any(PASSPHRASE in line or "not the passphrase" in line for line in lines)


def test_an_open_redirect_after_sign_in_is_not_possible(client):
    for target in ["//evil.example/x", "https://evil.example/", "/\\evil.example"]:
        assert sign_in(client, next_path=target).headers["location"] == "/"


def test_a_session_ends_after_30_idle_minutes(client, clock):
    sign_in(client)
    clock.advance(timedelta(minutes=29))
    assert client.get("/").status_code == 200
    clock.advance(timedelta(minutes=29))  # 29 minutes after the last use: still alive, and used again
    assert client.get("/").status_code == 200
    clock.advance(timedelta(minutes=31))
    assert client.get("/").status_code == 303
    with pytest.raises(WebSocketDisconnect):
        with client.websocket_connect("/ws", headers=OWN_PAGE):
            pass


def test_a_session_ends_after_12_hours_however_busy(client, clock):
    sign_in(client)
    for _ in range(35):  # every 20 minutes for 11 h 40 min
        clock.advance(timedelta(minutes=20))
        assert client.get("/").status_code == 200
    clock.advance(timedelta(minutes=21))
    assert client.get("/").status_code == 303


def test_signing_out_ends_the_session_and_a_get_never_does(client):
    sign_in(client)
    page = client.get("/signout")  # a GET only shows the question
    assert page.status_code == 200 and "Sign out?" in page.text
    assert client.get("/").status_code == 200
    out = client.post("/signout", data={"form_token": form_token(page.text)})
    assert out.status_code == 303 and out.headers["location"] == "/login?signed_out=1"
    assert 'valuesapp_session=""' in out.headers["set-cookie"] or "Max-Age=0" in out.headers["set-cookie"]
    assert client.get("/").status_code == 303


def test_a_stolen_cookie_stops_working_once_its_owner_signs_out(services, clock):
    services.access.set_passphrase(PASSPHRASE)
    with client_for(services, clock, gated=True) as owner:
        sign_in(owner)
        stolen = owner.cookies.get("valuesapp_session")
        owner.post("/signout", data={"form_token": form_token(owner.get("/signout").text)})
        owner.cookies.set("valuesapp_session", stolen)
        assert owner.get("/").status_code == 303


def test_forms_without_their_token_are_refused(client, services):
    assert client.post("/login", data={"passphrase": PASSPHRASE}).status_code == 400
    made = services.links.create("Maya")
    response = client.post(f"/f/{made.token}", data={"note": "Kept while you retry"})
    assert response.status_code == 400
    assert "Kept while you retry" in response.text
    assert services.feedback.list("all") == []


# Guessing


def test_five_failures_lock_an_address_out_with_back_off_until_the_window_passes(client, clock, caplog):
    caplog.set_level(logging.INFO, logger="valuesapp.access")
    for _ in range(4):
        assert sign_in(client, "wrong guess number one").status_code == 401
    fifth = sign_in(client, "wrong guess number one")
    assert fifth.status_code == 429 and "try again in 30 seconds" in fifth.text
    assert sign_in(client).status_code == 429, "even the right passphrase waits"
    clock.advance(timedelta(seconds=31))
    assert sign_in(client, "wrong guess number one").status_code == 429  # sixth failure: now a minute
    assert sign_in(client).status_code == 429
    clock.advance(timedelta(minutes=16))  # the window has passed
    assert sign_in(client).status_code == 303
    assert any("refused from testclient" in r.getMessage() for r in caplog.records)


# A friend


def test_a_friend_leaves_a_note_through_a_valid_link_and_sees_nothing_else(client, services):
    services.values.add("Honesty")
    services.values.add("Courage")
    made = services.links.create("Maya", allow_values=True)
    page = client.get(f"/f/{made.token}")
    assert page.status_code == 200 and "A note from you, Maya" in page.text
    assert "Honesty" in page.text  # allowed for this link
    assert_safe_headers(page)
    note = "<script>alert('x')</script> You talk over people.\x07"
    honesty = services.values.list()[0].id
    sent = client.post(f"/f/{made.token}", data={"note": note, "kind": "concern", "value": str(honesty),
                                                  "form_token": form_token(page.text)})
    assert sent.status_code == 303 and sent.headers["location"] == f"/f/{made.token}?sent=1"
    thanks = client.get(sent.headers["location"])
    assert thanks.status_code == 200 and "Thank you, Maya" in thanks.text
    assert "Honesty" not in thanks.text and "Courage" not in thanks.text
    assert_safe_headers(thanks)
    (stored,) = services.feedback.list("all")
    kept = note.replace("\x07", "")  # markup kept as plain text; the bell dropped, as every way in does
    assert (stored.friend, stored.note, stored.via_link, stored.value_id, stored.state) == ("Maya", kept, True, honesty, "new")


def test_values_are_offered_only_when_the_owner_allowed_it(client, services):
    services.values.add("Honesty")
    made = services.links.create("Sam")
    page = client.get(f"/f/{made.token}")
    assert "Honesty" not in page.text
    refused = client.post(f"/f/{made.token}", data={"note": "Hi", "value": "1", "form_token": form_token(page.text)})
    assert refused.status_code == 400 and "Choose one of the values listed" in refused.text


def test_revoked_expired_and_made_up_links_get_the_same_plain_404(client, services, clock):
    revoked = services.links.create("Ann")
    services.links.revoke(revoked.link.id)
    expired = services.links.create("Bo", days=1)
    clock.advance(timedelta(days=1, seconds=1))
    bodies = set()
    for token in [revoked.token, expired.token, "made-up-token-made-up-token-made-up-token00", "x"]:
        for response in (client.get(f"/f/{token}"), client.post(f"/f/{token}", data={"note": "hi"})):
            assert response.status_code == 404
            assert_safe_headers(response)
            bodies.add(re.sub(r'nonce="[^"]*"', "", response.text))
    assert len(bodies) == 1


def test_oversized_and_empty_notes_are_refused_with_the_limit_named_and_the_text_kept(client, services):
    made = services.links.create("Maya")
    token = form_token(client.get(f"/f/{made.token}").text)
    long_note = "<b>" + "é" * 5_000
    too_long = client.post(f"/f/{made.token}", data={"note": long_note, "form_token": token})
    assert too_long.status_code == 400
    assert "the limit is 5,000" in too_long.text
    assert "&lt;b&gt;" + "é" * 5_000 in too_long.text  # kept, and shown as text
    empty = client.post(f"/f/{made.token}", data={"note": "   ", "form_token": token})
    assert empty.status_code == 400 and "The note is empty" in empty.text
    assert services.feedback.list("all") == []


def test_a_link_takes_ten_notes_an_hour(client, services, clock):
    made = services.links.create("Maya")
    for i in range(10):  # each note from a newly opened page: a form sends one note
        token = form_token(client.get(f"/f/{made.token}").text)
        assert client.post(f"/f/{made.token}", data={"note": f"note {i}", "form_token": token}).status_code == 303
    token = form_token(client.get(f"/f/{made.token}").text)
    eleventh = client.post(f"/f/{made.token}", data={"note": "one more", "form_token": token})
    assert eleventh.status_code == 429 and "one more" in eleventh.text
    clock.advance(timedelta(hours=1, seconds=1))
    assert client.post(f"/f/{made.token}", data={"note": "later", "form_token": token}).status_code == 303
    assert len(services.feedback.list("all")) == 11


# What is stored, and the app's own page


def test_only_hashes_are_stored_argon2id_with_at_least_owasp_parameters(services):
    services.access.set_passphrase(PASSPHRASE)
    made = services.links.create("Maya")
    db = services.context.store.path
    raw = b"".join(f.read_bytes() for f in (db, db.with_name(db.name + "-wal")) if f.exists())
    assert PASSPHRASE.encode() not in raw and made.token.encode() not in raw
    assert hashlib.sha256(made.token.encode()).hexdigest().encode() in raw
    assert b"$argon2id$" in raw
    params = HASHER
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism >= 1
    assert services.access.verify(PASSPHRASE) and not services.access.verify(PASSPHRASE + " ")


def test_the_apps_page_allows_exactly_its_own_inline_scripts(client):
    sign_in(client)
    page = client.get("/")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page.text, re.S)
    assert scripts
    policy = page.headers["content-security-policy"]
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy


def test_on_loopback_without_a_passphrase_the_app_opens_but_headers_and_links_still_apply(services, clock):
    with client_for(services, clock, gated=False) as open_client:
        page = open_client.get("/")
        assert page.status_code == 200
        assert_safe_headers(page)
        assert open_client.get("/login").status_code == 303
        made = services.links.create("Maya")
        assert open_client.get(f"/f/{made.token}").status_code == 200
