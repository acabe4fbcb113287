"""Opening the app on a phone asks nothing of any other host, and its console shows no blocked request.

Given a fresh served app, when a phone opens it, then every request goes to this server (Flutter's Rive
plugin asks this server, not jsDelivr, and learns at once that no Rive runtime is bundled), and the
console has no Content Security Policy error.
"""

from urllib.parse import urlsplit

from tests.browser.pages import new_page, sees, switch_on_semantics


def test_a_phone_opening_the_app_asks_no_other_host_and_the_console_has_no_csp_error(browser, server):
    page = new_page(browser, "phone")
    hosts, errors, failed = set(), [], []
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname) if r.url.startswith("http") else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # The Rive loader's last try is the sign that it has run: before, it hung on the blocked CDN script.
    with page.expect_request_finished(lambda r: r.url.endswith("/rive-native/wasm_compatibility/rive_native.js"),
                                      timeout=90_000):
        page.goto(server.url, wait_until="commit", timeout=60_000)
        switch_on_semantics(page)
        sees(page, "Live one value a day")
    assert hosts == {"127.0.0.1"}, hosts
    assert not failed, failed
    assert not [e for e in errors if "Content Security Policy" in e or "Failed to load" in e], errors
