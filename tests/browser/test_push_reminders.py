"""Reminders on a phone: Today offers them, /reminders turns them on, Settings lists and removes the device,
and the app's push worker shows what is pushed.

Headless Chromium here has no push service to subscribe to (no internet), so an init script replaces
``PushManager.prototype.subscribe`` with one that returns a subscription whose keys this test holds; the
page's own code registers the worker, asks for permission, fetches the key and posts that subscription
as it would a real one. Its endpoint is a small HTTP server in this test, so "Send a test reminder" in
Settings really pushes: the test decrypts what arrived with the subscription's own keys (http_ece) and
hands those very bytes' payload to the registered worker with DevTools'
``ServiceWorker.deliverPushMessage``; ``registration.getNotifications()`` then shows its title and body.

How far the tap on a notification is tested: headless Chromium has no notification to click, and
``clients.openWindow``/``WindowClient.focus`` are allowed only inside a real ``notificationclick``, so a
synthetic one cannot run them. The test calls, inside the running worker (Playwright's service-worker
handle), the very function the click handler uses to choose: ``appWindowFor(url)`` finds the open app
window at the notification's screen (the handler focuses it) and finds none for a screen no window
shows (the handler opens one there). The focus and openWindow calls themselves are not exercised.
This runs on http://127.0.0.1 (a secure context); the hosting test covers HTTPS behind Caddy.
"""

from __future__ import annotations

import base64
import json
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.browser.pages import (
    SIZES, does_not_see, go, identified, resize, sees, shot, switch_on_semantics,
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PushService:
    """A push service on this machine: takes each push with 201 and keeps its body and headers."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server name
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(201)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/push/this-phone"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeSubscription:
    """The browser's half of a subscription: its P-256 key pair and auth secret, which only it (the test) holds."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.p256dh = b64(self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))
        self.auth_secret = os.urandom(16)

    def init_script(self) -> str:
        """Replaces subscribe (and getSubscription, for what it subscribed) in every page of the context."""
        subscription = {"endpoint": self.endpoint, "expirationTime": None,
                        "keys": {"p256dh": self.p256dh, "auth": b64(self.auth_secret)}}
        return """(() => {
  const json = %s;
  let subscribed = null;
  const key = (name) => Uint8Array.from(atob(json.keys[name].replace(/-/g, '+').replace(/_/g, '/')
    + '='.repeat((4 - json.keys[name].length %% 4) %% 4)), (c) => c.charCodeAt(0)).buffer;
  PushManager.prototype.subscribe = async function (options) {
    const server = new Uint8Array(options.applicationServerKey);
    window.__subscribedWith = btoa(String.fromCharCode(...server)).replace(/\\+/g, '-').replace(/\\//g, '_')
      .replace(/=+$/, '');
    subscribed = { endpoint: json.endpoint, expirationTime: null, options,
      getKey: key, toJSON: () => json, unsubscribe: async () => { subscribed = null; return true; } };
    return subscribed;
  };
  PushManager.prototype.getSubscription = async function () { return subscribed; };
})();""" % json.dumps(subscription)

    def decrypt(self, body: bytes) -> dict:
        return json.loads(http_ece.decrypt(body, private_key=self.private_key, auth_secret=self.auth_secret,
                                           version="aes128gcm"))


def outside(server, read):
    """``read(services)`` on the same store from outside, as a second process would."""
    from valuesapp.services import build_services
    from valuesapp.store.engine import open_store

    store = open_store(str(server.db))
    try:
        return read(build_services(store))
    finally:
        store.close()


def devices(server) -> list:
    return outside(server, lambda services: services.push.devices())


def settings(server):
    return outside(server, lambda services: services.settings.get())


def wait_until(page, check, what: str, timeout: float = 20.0):
    """Wait for ``check()`` to give something, looking again every 0.1 s; the wait is the page's, so the
    browser's events (DevTools', service workers') keep arriving meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        page.wait_for_timeout(100)


def scroll_to(page, identifier: str) -> None:
    """Flutter draws on a canvas and ignores scrollIntoView: wheel until the part is on screen."""
    height = page.viewport_size["height"]
    page.mouse.move(page.viewport_size["width"] / 2, height / 2)
    for _ in range(40):
        box = identified(page, identifier).bounding_box() if identified(page, identifier).count() else None
        if box and 40 <= box["y"] <= height / 2:
            return
        page.mouse.wheel(0, 250 if box is None or box["y"] > height / 2 else -250)
        page.wait_for_timeout(150)


def test_a_phone_turns_reminders_on_sees_itself_in_settings_gets_a_notification_and_is_removed(browser, server):
    server.cli("values", "add", "Honesty")
    service = PushService()
    phone = FakeSubscription(service.endpoint)
    origin = server.url.rstrip("/")
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True, is_mobile=True, device_scale_factor=1)
    context.grant_permissions(["notifications"], origin=origin)
    context.add_init_script(phone.init_script())
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        # Today offers reminders once, served in a browser with no device yet; its button opens /reminders.
        page.goto(origin + "/today", wait_until="commit", timeout=60_000)
        switch_on_semantics(page)
        identified(page, "today-reminders-offer").wait_for()
        sees(page, "Get reminders on this device")
        shot(page, "push-today-offer-phone")
        identified(page, "today-reminders-offer").get_by_role("button", name="Turn on reminders on this device").click()
        page.wait_for_url(origin + "/reminders")

        # The plain page: what it does, the one button, the iPhone way; pressing it turns reminders on.
        page.get_by_role("heading", name="Reminders on this device").wait_for()
        assert page.get_by_text("Add to Home Screen").count() >= 1
        page.get_by_role("button", name="Turn on reminders on this device").click()
        page.get_by_role("status").filter(has_text="Reminders are on for this device").wait_for()
        key = page.evaluate("() => fetch('/push/key').then(r => r.json()).then(k => k.public_key)")
        assert page.evaluate("() => window.__subscribedWith") == key  # subscribed with the server's own key
        shot(page, "push-page-on-phone")
        for width, height, name in ((360, 740, "small-phone"), (1280, 800, "desktop")):
            page.set_viewport_size({"width": width, "height": height})
            shot(page, f"push-page-on-{name}")
        page.emulate_media(color_scheme="dark")
        shot(page, "push-page-on-desktop-dark")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(SIZES["phone"])
        (device,) = wait_until(page, lambda: devices(server), "the stored device")
        assert device.host == "127.0.0.1"

        # The worker is the app's own, at /push/ (not Flutter's, not the page's scope).
        scopes = page.evaluate("() => navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))")
        assert scopes == [origin + "/push/"]

        # Back in the app, Settings lists this device with its push service; a test reminder reaches it.
        page.get_by_role("link", name="Back to the app").click()
        page.wait_for_url(origin + "/settings")
        switch_on_semantics(page)
        sees(page, "How the day's value is picked")
        scroll_to(page, "settings-push")
        sees(page, "Reminders on your devices")
        sees(page, "127.0.0.1 · added ")
        sees(page, "No reminder sent yet")
        panel = identified(page, "settings-push")
        panel.get_by_role("button", name="Send a test reminder").click()
        sees(page, "Sent a test reminder to 1 device.")
        sees(page, "accepted (201)")
        shot(page, "push-settings-device-phone")
        # Lock screens can be kept from showing the value and its words.
        panel.get_by_role("switch", name="Hide words in phone notifications").click()
        sees(page, "Hide words in phone notifications: on. Saved.")
        assert settings(server).push_hides_words
        page.set_viewport_size({"width": 360, "height": 740})
        scroll_to(page, "settings-push")
        shot(page, "push-settings-device-small-phone")
        page.set_viewport_size(SIZES["phone"])
        (path, headers, body) = wait_until(page, lambda: service.received, "the push at the endpoint")[0]
        assert path == "/push/this-phone" and headers["content-encoding"] == "aes128gcm"
        payload = phone.decrypt(body)
        assert set(payload) == {"title", "body", "url"}

        # What the server pushed, handed to the registered worker: it shows the notification.
        cdp = context.new_cdp_session(page)
        registrations: list[dict] = []
        cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
        cdp.send("ServiceWorker.enable")
        registration = wait_until(
            page, lambda: next((r for r in registrations if r["scopeURL"] == origin + "/push/" and not r["isDeleted"]), None),
            "the push worker's registration")
        cdp.send("ServiceWorker.deliverPushMessage", {"origin": origin, "registrationId": registration["registrationId"],
                                                       "data": json.dumps(payload)})
        notifications = """(tag) => navigator.serviceWorker.getRegistration('/push/')
            .then(r => r.getNotifications(tag ? {tag} : {}))
            .then(ns => ns.map(n => ({title: n.title, body: n.body, url: n.data.url})))"""
        shown = wait_until(page, lambda: page.evaluate(notifications, None), "the notification")
        assert shown == [{"title": payload["title"], "body": payload["body"], "url": payload["url"]}]
        # A morning card's words, handed over the same way, open Today when tapped.
        cdp.send("ServiceWorker.deliverPushMessage", {
            "origin": origin, "registrationId": registration["registrationId"],
            "data": json.dumps({"title": "Honesty", "body": "Where will you say what is true today?", "url": "/today"})})
        wait_until(page, lambda: page.evaluate(notifications, "/today") == [
            {"title": "Honesty", "body": "Where will you say what is true today?", "url": "/today"}], "the card's notification")

        # The tap's choice of window, run inside the worker itself (see the module's docstring).
        worker = wait_until(page, lambda: next((w for w in context.service_workers if w.url.endswith("/push/sw.js")), None),
                            "the push worker")
        chooses = "(url) => self.appWindowFor(url).then(c => c && new URL(c.url).pathname)"
        assert worker.evaluate(chooses, "/settings") == "/settings"  # a window at that screen: focused
        assert worker.evaluate(chooses, "/repairs") is None  # none at Repairs: one is opened there

        # With a device on, Today offers nothing more; on a desktop the device is listed the same way, and
        # removing it asks, then says what happened.
        resize(page, 1280, 800)
        go(page, "Today")
        identified(page, "today-card").wait_for()
        does_not_see(page, "Get reminders on this device")
        go(page, "Settings")
        scroll_to(page, "settings-push")
        sees(page, "127.0.0.1 · added ")
        shot(page, "push-settings-device-desktop")
        page.emulate_media(color_scheme="dark")
        shot(page, "push-settings-device-desktop-dark")
        page.emulate_media(color_scheme="light")
        panel.get_by_role("button", name=re.compile(r"^Remove .* \(127\.0\.0\.1, added ")).click()
        page.get_by_role("alertdialog").get_by_role("button", name="Remove").click()
        sees(page, "it gets no more reminders")
        sees(page, "No devices yet")
        shot(page, "push-settings-removed-desktop")
        assert devices(server) == []
    finally:
        context.close()
        service.close()


def test_not_now_on_today_hides_the_offer_for_good_and_blocked_notifications_are_explained(browser, server):
    server.cli("values", "add", "Courage")
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True, is_mobile=True, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(server.url.rstrip("/") + "/today", wait_until="commit", timeout=60_000)
        switch_on_semantics(page)
        offer = identified(page, "today-reminders-offer")
        offer.wait_for()
        for width, height, name in ((360, 740, "small-phone"), (1280, 800, "desktop")):
            resize(page, width, height)
            shot(page, f"push-today-offer-{name}")
        page.emulate_media(color_scheme="dark")
        shot(page, "push-today-offer-desktop-dark")
        resize(page, *SIZES["phone"].values())
        offer.get_by_role("button", name="Not now").click()
        sees(page, "Reminders can be turned on any time from Settings.")
        does_not_see(page, "Get reminders on this device")
        page.reload(wait_until="commit")
        switch_on_semantics(page)
        sees(page, "Courage")
        does_not_see(page, "Get reminders on this device")

        # This browser has notifications blocked for the app: the page says so and how to undo it.
        origin = server.url.rstrip("/")
        context.new_cdp_session(page).send("Browser.setPermission", {
            "permission": {"name": "notifications"}, "setting": "denied", "origin": origin})
        page.goto(origin + "/reminders")
        page.get_by_role("button", name="Turn on reminders on this device").click()
        page.get_by_role("status").filter(has_text="Notifications are blocked for this site").wait_for()
        assert "site settings" in page.get_by_role("status").inner_text()
        shot(page, "push-page-blocked-phone")
        assert devices(server) == []
    finally:
        context.close()
