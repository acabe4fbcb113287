"""The app opens again in the same browser: after a reload, in another tab later, and after the server restarted.

Every other browser test starts with an empty cache, so none of them sees a revisit. Here one browser
profile (one HTTP cache on disk) opens the app several times, and each time the app must draw (the
day's card) with no Content Security Policy message in the console about the app's own page. Before
the fix the browser revalidated `/`, got a 304 whose policy lacked the inline scripts' hashes, and the
page stayed blank. Each revisit also checks that the cache really was used (the 10 MB of client code
did not cross the network again), so the test proves what it claims. Phone size.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS, SIZES, identified, sees, shot

PASSPHRASE = "a long walk at dawn, every day"
# The phone talks to this computer only: the served client (either build) asks no CDN, not even for Rive's
# script, which Flet's client has hard-wired, so any refusal by the policy is a failure.


class Watch:
    """What one browser context saw: console messages about the policy, and each load's responses."""

    def __init__(self, context, server):
        self.server = server
        url = server.url
        self.policy_messages: list[str] = []
        self.errors: list[str] = []
        self.responses: list[tuple[int, str, str]] = []
        context.on("console", self._console)
        context.on("response", lambda r: self.responses.append(
            (r.status, r.url.removeprefix(url.rstrip("/")), r.request.resource_type)))

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text:
            self.policy_messages.append(text)
        elif message.type == "error":
            self.errors.append(text[:300])

    def start_load(self) -> None:
        self.responses.clear()

    def page_status(self) -> int | None:
        """How the app's page itself came (the last document of the load: a sign-in's redirect comes first)."""
        pages = [status for status, _, kind in self.responses if kind == "document"]
        return pages[-1] if pages else None


def drawn(page, watch: Watch, name: str) -> None:
    """Wait until the app has drawn the day's card; fail at once, with the console's words, if the policy
    stopped the page (a blank page never draws, and waiting out a long timeout would say nothing)."""
    deadline = time.monotonic() + 90
    while not page.locator("flt-semantics-placeholder").count():
        assert not watch.policy_messages, f"{name}: the page was stopped by its policy: {watch.policy_messages}"
        assert time.monotonic() < deadline, f"{name}: the app did not start within 90 s"
        page.wait_for_timeout(200)
    page.wait_for_timeout(800)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    try:
        page.wait_for_selector("flt-semantics", state="attached", timeout=60_000)
        if urlsplit(page.url).path == "/":  # Today: the day's card
            identified(page, "today-card").wait_for(timeout=60_000)
        sees(page, "Honesty", timeout=60_000)  # the day's value, or the Values screen's list
    except Exception as exc:  # say what the page showed instead, and what the browser and server said
        shot(page, f"revisit-{name}-FAILED-phone")
        shown = page.evaluate("""() => Array.from(document.querySelectorAll('flt-semantics'))
            .map(e => e.getAttribute('aria-label') || e.textContent).filter(t => t).slice(0, 30)""")
        log = watch.server.log.read_text()[-2000:] if watch.server.log else ""
        raise AssertionError(f"{name}: the app did not draw the day ({exc}); at {page.url} it shows {shown}; "
                             f"console errors {watch.errors}; server said: {log}") from exc
    assert not watch.policy_messages, f"{name}: {watch.policy_messages}"
    shot(page, f"revisit-{name}-phone")


def new_tab(context):
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def visit(page, watch: Watch, url: str, name: str, *, sign_in: bool = False) -> None:
    watch.start_load()
    page.goto(url, wait_until="commit", timeout=60_000)
    if sign_in:
        page.get_by_label("Passphrase").wait_for()
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(url, wait_until="commit", timeout=30_000)
    drawn(page, watch, name)


def reload(page, watch: Watch, name: str) -> None:
    watch.start_load()
    page.reload(wait_until="commit", timeout=60_000)
    drawn(page, watch, name)


# Resource Timing says how many bytes crossed the network: the client's code (main.dart.wasm in Chromium) is about
# 8 MB; kept by the browser
# (or revalidated with a 304) only its headers do. Playwright's own statuses say 200 for a 304 that
# Chromium's cache answered, so they cannot tell.
CODE_FETCHED_WHOLE = 1_000_000
SIZES_SEEN = """() => {
    const page = performance.getEntriesByType('navigation')[0];
    const code = performance.getEntriesByType('resource').find(e => ['/main.dart.wasm', '/main.dart.js'].includes(new URL(e.name).pathname));
    return {page: [page.transferSize, page.encodedBodySize], code: code ? [code.transferSize, code.encodedBodySize] : null};
}"""


def fetched_whole(page, watch: Watch, name: str) -> None:
    seen = page.evaluate(SIZES_SEEN)
    assert watch.page_status() == 200 and seen["page"][0] > seen["page"][1] > 0, (name, seen, watch.responses)
    assert seen["code"] and seen["code"][0] > CODE_FETCHED_WHOLE, f"{name}: a first visit fetches the code: {seen}"


def came_from_the_cache(page, watch: Watch, name: str) -> None:
    """The app's page itself came whole (never a 304), and the 10 MB of code came from the browser's cache."""
    seen = page.evaluate(SIZES_SEEN)
    assert watch.page_status() == 200, f"{name}: the app's page must come whole: {watch.responses}"
    assert seen["page"][0] > seen["page"][1] > 0, f"{name}: the app's page came from the cache: {seen}"
    assert seen["code"] and seen["code"][0] < CODE_FETCHED_WHOLE, f"{name}: the browser's cache was not used: {seen}"


@pytest.fixture
def context(browser, tmp_path):
    """One browser profile on disk, as a phone has: an incognito context's cache lives in memory and keeps no
    entry over a few MB, so it would fetch the 10 MB of code again and never revisit from its cache."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=SIZES["phone"],
        has_touch=True, is_mobile=True, device_scale_factor=1)
    yield context
    context.close()


def test_without_a_passphrase_the_app_opens_on_every_visit_and_after_a_restart(context, server):
    server.cli("values", "add", "Honesty")
    watch = Watch(context, server)
    page = new_tab(context)
    visit(page, watch, server.url, "open-1-first-visit")
    fetched_whole(page, watch, "first visit")

    reload(page, watch, "open-2-reload")
    came_from_the_cache(page, watch, "reload")

    page.close()
    page = new_tab(context)
    visit(page, watch, server.url + "values", "open-3-another-visit")
    came_from_the_cache(page, watch, "another visit")

    page.close()
    server.restart()
    page = new_tab(context)
    visit(page, watch, server.url, "open-4-after-restart")
    came_from_the_cache(page, watch, "after a restart")
    reload(page, watch, "open-5-after-restart-reload")
    came_from_the_cache(page, watch, "a reload after a restart")


def test_signed_in_the_app_opens_on_every_visit_and_after_a_restart(context, server):
    server.cli("values", "add", "Honesty")
    server.cli("passphrase", "set", input=PASSPHRASE + "\n")
    server.restart()  # the gate is decided at start
    watch = Watch(context, server)
    page = new_tab(context)
    visit(page, watch, server.url, "signed-in-1-first-visit", sign_in=True)
    fetched_whole(page, watch, "first visit")

    reload(page, watch, "signed-in-2-reload")
    came_from_the_cache(page, watch, "reload")

    page.close()
    page = new_tab(context)
    visit(page, watch, server.url, "signed-in-3-another-visit")  # still signed in: straight to the app
    came_from_the_cache(page, watch, "another visit")

    page.close()
    server.restart()  # sessions end with the server: sign in again
    page = new_tab(context)
    visit(page, watch, server.url, "signed-in-4-after-restart", sign_in=True)
    came_from_the_cache(page, watch, "after a restart")
    reload(page, watch, "signed-in-5-after-restart-reload")
    came_from_the_cache(page, watch, "a reload after a restart")
