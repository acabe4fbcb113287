"""A friend's form sends one note: reloading the thank-you page, pressing Send twice or replaying the post
stores nothing more, and two posts of one form at the same moment store one note (SQLite and PostgreSQL).

The thank-you page is a GET of its own (post, then a 303 redirect), so a reload asks for it again and
sends nothing; the form's token is remembered once used, under the link's lock.
"""

from __future__ import annotations

import random
import re
import threading

import pytest
from starlette.testclient import TestClient

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


def _held_in_the_gap(app, senders: int):
    """Every send waits between looking its form up and storing its note for the others (up to two
    seconds): without a lock, all of them have found the form unused by then; with it, the first waits
    alone, the barrier breaks, and the others find the form used once they get the lock."""
    ctx = app.links.ctx
    real_today = ctx.today
    in_the_gap = threading.Barrier(senders, timeout=2)

    def slow_today(session=None):
        try:
            in_the_gap.wait()
        except threading.BrokenBarrierError:
            pass
        return real_today(session)

    ctx.today = slow_today
    return lambda: setattr(ctx, "today", real_today)


def test_two_posts_of_one_form_at_once_store_one_note_through_http(client, services):  # noqa: F811
    link = services.links.create("Maya").token
    token = form_token(client.get(f"/f/{link}").text)
    restore = _held_in_the_gap(services, 2)
    statuses: list[int] = []
    start = threading.Barrier(2)

    def post() -> None:
        start.wait()
        statuses.append(client.post(f"/f/{link}", data={"form_token": token, "note": "Sent twice at once"}).status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    restore()
    assert statuses == [303, 303]
    assert notes(services) == ["Sent twice at once"]


def test_two_sends_of_one_form_at_once_store_one_note_on_each_database(store, clock):
    app = build_services(store, clock=clock, rng=random.Random(1), system_timezone="Europe/Berlin")
    link = app.links.create("Maya").token
    restore = _held_in_the_gap(app, 2)
    results: list = [None, None]
    start = threading.Barrier(2)

    def send(i: int) -> None:
        start.wait()
        try:
            results[i] = app.links.send(link, "Sent twice at once", form_token="1764600000-abc.signature")
        except Exception as exc:  # kept, to be asserted on
            results[i] = exc

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    restore()
    assert results == [True, True]
    assert [f.note for f in app.feedback.list("all")] == ["Sent twice at once"]
