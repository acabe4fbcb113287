"""The /reminders page and its push worker over HTTP: private, scripted only by its nonce, never kept.

Driven through Starlette's TestClient against the very ASGI app `valuesapp serve` runs. What the script
does in a browser (register, subscribe, send) is the browser test tests/browser/test_push_reminders.py.
"""

from __future__ import annotations

import re

import pytest

from valuesapp.web.reminders import WORKER_PATH, WORKER_SCOPE

from tests.served_fixtures import clock, services  # noqa: F401 - fixtures
from tests.test_web_access import client, client_for, sign_in  # noqa: F401 - fixtures


def test_a_stranger_is_sent_to_sign_in_before_the_reminders_page(client):
    answer = client.get("/reminders")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Freminders"
    assert "Turn on reminders" not in answer.text


def test_signed_in_the_owner_gets_the_page_with_its_one_button_and_the_iphone_way(client):
    sign_in(client)
    answer = client.get("/reminders")
    assert answer.status_code == 200
    page = answer.text
    assert page.count("<button") == 1 and ">Turn on reminders on this device</button>" in page
    assert "Add to Home Screen" in page and "16.4" in page
    assert 'href="/settings"' in page  # back to the app
    assert answer.headers["cache-control"] == "no-store"


def test_the_page_script_runs_only_by_its_nonce_and_may_reach_only_this_server(client):
    sign_in(client)
    first, second = client.get("/reminders"), client.get("/reminders")
    policy = first.headers["content-security-policy"]
    nonce = re.search(r"script-src 'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(r"<script([^>]*)>", first.text)
    assert scripts == [f' nonce="{nonce}"']  # one script, inline, carrying this answer's nonce
    assert nonce not in second.text and nonce not in second.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "connect-src 'self'" in policy and "worker-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    # What the script registers and where it sends the subscription are the routes this server answers.
    assert f"'{WORKER_PATH}'" in first.text and f"'{WORKER_SCOPE}'" in first.text
    assert "'/push/key'" in first.text and "'/push/subscriptions'" in first.text


@pytest.mark.parametrize("gated", [True, False])
def test_the_push_worker_is_javascript_asked_for_anew_and_public(services, clock, gated):  # noqa: F811
    if gated:
        services.access.set_passphrase("correct horse battery staple")
    with client_for(services, clock, gated=gated) as anyone:
        answer = anyone.get(WORKER_PATH)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "service-worker-allowed" not in answer.headers  # its own folder is its scope
    body = answer.text
    assert "addEventListener('push'" in body and "addEventListener('notificationclick'" in body
    assert "showNotification" in body


def test_nothing_else_under_push_is_public(client):
    assert client.get("/push/sw.js.map").status_code == 303
    assert client.get("/push/other.js").status_code == 303
