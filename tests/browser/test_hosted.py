"""Hosted: the owner opens https://values.test (Caddy in front, an internal certificate, real PostgreSQL
behind), signs in over HTTPS and sees the day's card; the session cookie is Secure and HttpOnly, and the
page is a secure context (what Web Push and service workers need), where /reminders registers the app's
push worker and its subscription is stored on the host. Phone size.

The subscription's keys are the test's own (``FakeSubscription``): headless Chromium here has no push
service to subscribe to; see tests/browser/test_push_reminders.py."""

from __future__ import annotations

import json

from tests.browser.hosting import PASSPHRASE, hosted, hosted_browser, postgres_database  # noqa: F401 - fixtures
from tests.browser.pages import identified, sees, shot, switch_on_semantics
from tests.browser.test_push_reminders import FakeSubscription
from valuesapp.web.gate import SESSION_COOKIE


def test_phone_owner_signs_in_over_https_behind_caddy_and_the_session_is_secure(hosted):  # noqa: F811
    phone = FakeSubscription("https://push.example.net/send/this-phone")
    hosted.context.add_init_script(phone.init_script())
    page = hosted.context.new_page()
    page.set_default_timeout(20_000)
    page.goto(hosted.url + "/", wait_until="commit", timeout=60_000)
    page.get_by_label("Passphrase").wait_for()
    assert page.url == hosted.url + "/login", "the app's page must not load before sign-in"
    assert page.evaluate("() => window.isSecureContext") is True
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(hosted.url + "/", timeout=30_000)
    switch_on_semantics(page)
    identified(page, "today-card").wait_for()
    sees(page, "Honesty")
    shot(page, "hosted-01-today-over-https-phone")

    (session,) = [c for c in hosted.context.cookies(hosted.url) if c["name"] == SESSION_COOKIE]
    assert (session["secure"], session["httpOnly"], session["sameSite"]) == (True, True, "Strict")
    assert session["domain"] == "values.test"
    assert page.evaluate("() => window.isSecureContext") is True
    assert page.evaluate("() => location.origin") == hosted.url
    assert "ERROR" not in hosted.server.log.read_text()

    # Reminders: in this secure context /reminders registers the app's own push worker (scope /push/) and
    # the subscription reaches the host's store.
    page.goto(hosted.url + "/reminders")
    page.get_by_role("button", name="Turn on reminders on this device").click()
    page.get_by_role("status").filter(has_text="Reminders are on for this device").wait_for()
    page.wait_for_function("""async () => {
        const registration = await navigator.serviceWorker.getRegistration('/push/');
        return Boolean(registration && registration.active && registration.active.state === 'activated');
    }""", polling=200)
    scopes = page.evaluate("() => navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))")
    assert scopes == [hosted.url + "/push/"]
    shot(page, "hosted-02-reminders-on-over-https-phone")
    (device,) = json.loads(hosted.server.cli("push", "list", "--json"))
    assert device["push_service"] == "push.example.net"
