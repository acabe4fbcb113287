"""The core's Web Push rules without a server: a device's short name, its push service, and what a
reminder's push says with and without its words."""

from __future__ import annotations

import pytest

from valuesapp.core import push

USER_AGENTS = {
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36":
        "Chrome on Android",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Mobile/15E148 Safari/604.1": "Safari on iPhone",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
    "Chrome/121.0 Mobile Safari/537.36": "Samsung Internet on Android",
    "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0": "Firefox on Android",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 "
    "Edg/131.0": "Edge on Windows",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Safari/605.1.15": "Safari on macOS",
    "curl/8.5": "A browser",
    None: "A browser",
}


@pytest.mark.parametrize("agent", list(USER_AGENTS))
def test_a_device_is_named_by_its_browser_and_system(agent):
    assert push.device_label(agent) == USER_AGENTS[agent]


def test_a_device_is_shown_with_its_push_service():
    assert push.push_host("https://web.push.apple.com/QGuQyavXutnMB?x=1") == "web.push.apple.com"


@pytest.mark.parametrize(("kind", "url"), [("morning", "/today"), ("evening", "/today"), ("weekly", "/repairs"),
                                           ("review", "/review")])
def test_with_words_hidden_no_push_carries_the_reminders_words(kind, url):
    shown = push.payload(kind, "Today's value", "Honesty: say what is true", hide_words=False)
    assert shown == {"title": "Today's value", "body": "Honesty: say what is true", "url": url}
    hidden = push.payload(kind, "Today's value", "Honesty: say what is true", hide_words=True)
    assert hidden["url"] == url and "Honesty" not in hidden["title"] + hidden["body"]
    assert push.payload("morning", "x", "y", hide_words=True)["title"] == "Today's card is ready"


def test_a_user_agent_is_kept_short_and_printable():
    assert push.clean_user_agent("Chrome\x1b[31m/1" + "x" * 1000) == ("Chrome[31m/1" + "x" * 1000)[:push.USER_AGENT_MAX]
    assert push.clean_user_agent("") is None
