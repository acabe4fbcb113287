"""A friend's form sends one note: reloading the thank-you page, pressing Send twice or replaying the post
stores nothing more, and two posts of one form at the same moment store one note (SQLite and PostgreSQL).

The thank-you page is a GET of its own (post, then a 303 redirect), so a reload asks for it again and
sends nothing; the form's token is remembered once used, under the link's lock.
"""

from __future__ import annotations

import random
import re

import pytest
from starlette.testclient import TestClient

from tests.races import held_in_the_gap, run_together
from tests.served_fixtures import clock, services  # noqa: F401  (fixtures: a store on a fixed Berlin morning)
from valuesapp.app import ASSETS
from valuesapp.services import build_services
from valuesapp.web.server import build_web_app


def form_token(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def client(services, clock):  # noqa: F811
    app = build_web_app(services, lambda page: None, assets_dir=ASSETS, gated=False, clock=clock)
    with TestClient(app, base_url="http://localhost:8550", follow_redirects=False) as c:
        yield c


def notes(services) -> list[str]:  # noqa: F811
    return [f.note for f in services.feedback.list("all")]


def test_given_a_sent_note_when_the_friend_reloads_the_thank_you_page_then_no_second_note(client, services):  # noqa: F811
    link = services.links.create("Maya").token
    page = client.get(f"/f/{link}")
    sent = client.post(f"/f/{link}", data={"form_token": form_token(page.text), "note": "You interrupt."})
    assert sent.status_code == 303 and sent.headers["location"] == f"/f/{link}?sent=1"
    for _reload in range(3):
        thanks = client.get(sent.headers["location"])
        assert thanks.status_code == 200 and "Thank you, Maya" in thanks.text and "<textarea" not in thanks.text
    assert notes(services) == ["You interrupt."]


def test_given_a_sent_note_when_the_same_form_is_posted_again_then_nothing_is_stored_and_thanks_again(
        client, services):  # noqa: F811
    link = services.links.create("Maya").token
    token = form_token(client.get(f"/f/{link}").text)
    first = client.post(f"/f/{link}", data={"form_token": token, "note": "You interrupt."})
    again = client.post(f"/f/{link}", data={"form_token": token, "note": "You interrupt."})
    changed = client.post(f"/f/{link}", data={"form_token": token, "note": "A replay with other words"})
    assert [r.status_code for r in (first, again, changed)] == [303, 303, 303]
    assert {r.headers["location"] for r in (first, again, changed)} == {f"/f/{link}?sent=1"}
    assert notes(services) == ["You interrupt."]
    # A newly opened page is a new form: the friend's second note goes through.
    second = client.post(f"/f/{link}", data={"form_token": form_token(client.get(f"/f/{link}").text), "note": "And"})
    assert second.status_code == 303 and sorted(notes(services)) == ["And", "You interrupt."]


def test_two_pages_opened_in_the_same_second_are_two_forms(client, services):  # noqa: F811
    link = services.links.create("Maya").token  # the fixed clock: both pages are made in the same second
    first, second = (form_token(client.get(f"/f/{link}").text) for _ in range(2))
    assert first != second
    for token, note in ((first, "From the first tab"), (second, "From the second tab")):
        assert client.post(f"/f/{link}", data={"form_token": token, "note": note}).status_code == 303
    assert sorted(notes(services)) == ["From the first tab", "From the second tab"]


def test_two_posts_of_one_form_at_once_store_one_note_through_http(client, services):  # noqa: F811
    link = services.links.create("Maya").token
    token = form_token(client.get(f"/f/{link}").text)
    with held_in_the_gap(services.links.ctx, 2):  # each post waits for the other between lookup and store
        statuses = run_together(2, lambda _i: client.post(
            f"/f/{link}", data={"form_token": token, "note": "Sent twice at once"}).status_code)
    assert statuses == [303, 303]
    assert notes(services) == ["Sent twice at once"]


def test_two_sends_of_one_form_at_once_store_one_note_on_each_database(store, clock):
    app = build_services(store, clock=clock, rng=random.Random(1), system_timezone="Europe/Berlin")
    link = app.links.create("Maya").token
    with held_in_the_gap(app.links.ctx, 2):
        results = run_together(2, lambda _i: app.links.send(link, "Sent twice at once",
                                                            form_token="1764600000-abc.signature"))
    assert results == [True, True]
    assert [f.note for f in app.feedback.list("all")] == ["Sent twice at once"]
