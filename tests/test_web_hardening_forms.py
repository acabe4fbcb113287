"""The public forms (/login and a friend's /f/<token>) against bodies and fields no browser of ours sends.

A body is counted as it arrives, whatever Content-Length says (or does not say); files are refused
before anything is written; a field that does not parse is a 400 with the form shown again; every 429
says the real wait and carries Retry-After. Driven through TestClient on a fixed clock.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import starlette.formparsers
from starlette.testclient import TestClient

from valuesapp.core.waiting import retry_after_seconds, wait_in_words
from valuesapp.app import ASSETS
from valuesapp.web.forms import MAX_FORM_BYTES
from valuesapp.web.server import build_web_app

from tests.served_fixtures import clock, services  # noqa: F401 - fixtures

PASSPHRASE = "correct horse battery staple"
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client(services, clock):
    services.access.set_passphrase(PASSPHRASE)
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=True, clock=clock)
    with TestClient(app, base_url="http://localhost:8550", follow_redirects=False) as c:
        yield c


@pytest.fixture
def no_spooling(monkeypatch):
    """Fails the test if Starlette's multipart parser ever makes a temporary file for a part."""
    made = []

    def refuse(*args, **kwargs):
        made.append(args)
        raise AssertionError("a temporary file was made for a posted part")

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", refuse)
    return made


def form_token(page_html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page_html).group(1)


def chunks(total: int, piece: bytes = b"a" * 4096, head: bytes = b""):
    """A body of ``total`` bytes sent in chunks, with no Content-Length (a generator makes it chunked)."""
    yield head
    sent = len(head)
    while sent < total:
        part = piece[: total - sent]
        sent += len(part)
        yield part


def friend(client, services, **link):
    made = services.links.create("Maya", **link)
    return made.token, form_token(client.get(f"/f/{made.token}").text)


# 7. The body cap counts what arrives


def test_a_chunked_body_over_the_cap_without_a_length_is_refused_413_on_the_sign_in_page(client):
    token = form_token(client.get("/login").text)
    head = f"form_token={token}&passphrase=".encode()
    response = client.post("/login", content=chunks(20 * MAX_FORM_BYTES, head=head), headers=FORM)
    assert response.status_code == 413
    assert "far too long" in response.text and 'name="passphrase"' in response.text
    assert "set-cookie" not in response.headers


def test_a_chunked_body_over_the_cap_without_a_length_is_refused_413_on_a_friends_page(client, services):
    link, token = friend(client, services)
    head = f"form_token={token}&note=".encode()
    response = client.post(f"/f/{link}", content=chunks(20 * MAX_FORM_BYTES, head=head), headers=FORM)
    assert response.status_code == 413
    assert "far too long" in response.text and "<textarea" in response.text
    assert services.feedback.list("all") == []


def test_a_declared_length_over_the_cap_is_refused_before_reading(client, services):
    link, token = friend(client, services)
    body = f"form_token={token}&note=".encode() + b"a" * MAX_FORM_BYTES
    response = client.post(f"/f/{link}", content=body, headers=FORM)
    assert response.status_code == 413
    assert services.feedback.list("all") == []


def test_a_file_part_is_refused_and_nothing_is_written_to_disk(client, services, no_spooling):
    link, token = friend(client, services)
    small = client.post(f"/f/{link}", data={"form_token": token, "note": "With a file"},
                        files={"upload": ("notes.txt", b"hello", "text/plain")})
    assert small.status_code in (400, 413, 415)
    assert services.feedback.list("all") == []
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"form_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    big = client.post(f"/f/{link}", content=chunks(20 * 1024 * 1024, head=head),
                      headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert big.status_code in (400, 413, 415)
    assert no_spooling == []
    assert services.feedback.list("all") == []


def test_a_multipart_form_without_files_is_refused_too(client, services):
    """Our forms are sent urlencoded; anything else is not one of ours, and is said so."""
    link, token = friend(client, services)
    response = client.post(f"/f/{link}", data={"form_token": token, "note": "Sent as multipart"},
                           files={"note2": (None, b"a field, not a file")})
    assert response.status_code in (400, 415)
    assert services.feedback.list("all") == []


def test_more_fields_than_a_form_of_ours_has_are_refused(client, services):
    link, token = friend(client, services)
    fields = {"form_token": token, "note": "Many fields", **{f"x{i}": "y" for i in range(20)}}
    response = client.post(f"/f/{link}", data=fields)
    assert response.status_code == 400
    assert "<textarea" in response.text
    assert services.feedback.list("all") == []
    login = client.post("/login", data={"form_token": form_token(client.get("/login").text),
                                        "passphrase": PASSPHRASE, **{f"x{i}": "y" for i in range(20)}})
    assert login.status_code == 400 and "set-cookie" not in login.headers


def test_a_normal_note_still_goes_through_chunked_or_not_and_sign_in_still_works(client, services):
    link, token = friend(client, services)
    assert client.post(f"/f/{link}", data={"form_token": token, "note": "Plain and é"}).status_code == 303
    token = form_token(client.get(f"/f/{link}").text)  # a form sends one note: the next one is a new form
    body = f"form_token={token}&note=Sent+in+chunks+%C3%A9&kind=appreciation".encode()
    chunked = client.post(f"/f/{link}", content=iter([body[:10], body[10:]]), headers=FORM)
    assert chunked.status_code == 303
    assert sorted(f.note for f in services.feedback.list("all")) == ["Plain and é", "Sent in chunks é"]
    login = client.post("/login", data={"form_token": form_token(client.get("/login").text), "passphrase": PASSPHRASE})
    assert login.status_code == 303


def test_a_body_that_is_not_text_is_refused_with_the_form_shown_again(client, services):
    link, token = friend(client, services)
    response = client.post(f"/f/{link}", content=f"form_token={token}&note=%FF%FE".encode(), headers=FORM)
    assert response.status_code == 400 and "<textarea" in response.text
    assert services.feedback.list("all") == []


# 10. A field that does not parse


@pytest.mark.parametrize("raw", ["²", "-1", "1e3", "9" * 30, "9" * 5000, "abc", " 1", "1.0", "٣"])
def test_a_value_that_is_not_one_of_the_listed_ids_is_a_400_with_the_text_kept(client, services, raw):
    services.values.add("Honesty")
    link, token = friend(client, services, allow_values=True)
    response = client.post(f"/f/{link}", data={"form_token": token, "note": "Kept <as> typed", "value": raw})
    assert response.status_code == 400
    assert "Choose one of the values listed" in response.text
    assert "Kept &lt;as&gt; typed" in response.text
    assert services.feedback.list("all") == []


def test_an_unknown_kind_or_a_mangled_form_token_is_a_400_not_a_500(client, services):
    link, token = friend(client, services)
    kind = client.post(f"/f/{link}", data={"form_token": token, "note": "Kept", "kind": "²"})
    assert kind.status_code == 400 and "Kept" in kind.text
    for bad in ["1.é", "².abc", "é", "1." + "a" * 10_000]:
        friend_page = client.post(f"/f/{link}", data={"form_token": bad, "note": "Kept"})
        assert friend_page.status_code == 400 and "Kept" in friend_page.text, bad
        login = client.post("/login", data={"form_token": bad, "passphrase": PASSPHRASE})
        assert login.status_code == 400, bad
    assert services.feedback.list("all") == []


# 13. Every 429 says the real wait and carries Retry-After


def test_the_wait_is_said_in_words_never_shorter_than_it_is():
    assert wait_in_words(timedelta(seconds=30)) == "30 seconds"
    assert wait_in_words(timedelta(seconds=1)) == "1 second"
    assert wait_in_words(timedelta(seconds=0.2)) == "1 second"
    assert wait_in_words(timedelta(seconds=59.5)) == "1 minute"
    assert wait_in_words(timedelta(seconds=58.5)) == "59 seconds"
    assert wait_in_words(timedelta(seconds=60)) == "1 minute"
    assert wait_in_words(timedelta(seconds=61)) == "2 minutes"
    assert wait_in_words(timedelta(minutes=15)) == "15 minutes"
    assert wait_in_words(timedelta(minutes=40, seconds=1)) == "41 minutes"
    assert wait_in_words(timedelta(hours=1)) == "60 minutes"
    assert wait_in_words(timedelta(hours=3, seconds=1)) == "4 hours"
    assert [retry_after_seconds(timedelta(seconds=s)) for s in (0.2, 1, 29.5, 30, 900)] == [1, 1, 30, 30, 900]


def test_the_sign_in_lockout_says_the_real_wait_and_sends_retry_after(client, clock):
    def attempt(passphrase):
        return client.post("/login", data={"form_token": form_token(client.get("/login").text),
                                           "passphrase": passphrase})

    for _ in range(4):
        assert attempt("wrong guess number one").status_code == 401
    fifth = attempt("wrong guess number one")
    assert fifth.status_code == 429
    assert "try again in 30 seconds" in fifth.text and fifth.headers["retry-after"] == "30"
    clock.advance(timedelta(seconds=10.5))
    waiting = attempt(PASSPHRASE)
    assert waiting.status_code == 429
    assert "try again in 20 seconds" in waiting.text and waiting.headers["retry-after"] == "20"
    clock.advance(timedelta(seconds=20))
    sixth = attempt("wrong guess number one")  # the wait doubles: a minute
    assert sixth.status_code == 429
    assert "try again in 1 minute." in sixth.text and sixth.headers["retry-after"] == "60"


def test_the_link_limit_says_when_the_oldest_note_of_the_hour_is_an_hour_old(client, services, clock):
    link, token = friend(client, services)

    def fresh() -> str:  # a form sends one note: each note is posted from a newly opened page
        return form_token(client.get(f"/f/{link}").text)

    assert client.post(f"/f/{link}", data={"form_token": token, "note": "first"}).status_code == 303
    clock.advance(timedelta(minutes=20))
    for i in range(9):
        assert client.post(f"/f/{link}", data={"form_token": fresh(), "note": f"note {i}"}).status_code == 303
    token = fresh()
    eleventh = client.post(f"/f/{link}", data={"form_token": token, "note": "one more"})
    assert eleventh.status_code == 429 and "one more" in eleventh.text
    assert "try again in 40 minutes" in eleventh.text and eleventh.headers["retry-after"] == "2400"
    clock.advance(timedelta(minutes=39, seconds=30))
    later = client.post(f"/f/{link}", data={"form_token": token, "note": "one more"})
    assert later.status_code == 429
    assert "try again in 30 seconds" in later.text and later.headers["retry-after"] == "30"
    clock.advance(timedelta(seconds=30))
    assert client.post(f"/f/{link}", data={"form_token": token, "note": "one more"}).status_code == 303
