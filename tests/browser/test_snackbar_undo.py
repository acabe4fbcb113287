"""The Undo snackbar, as a person on a phone meets it: offered after a snip long enough to reach it, then
gone by itself so it no longer covers the last card; and closed at once with its × when not wanted."""

from __future__ import annotations

import json
import re
import time

from tests.browser.pages import choose, does_not_see, go, identified, open_app, sees, shot, type_into
from valuesapp.ui.shared import TOAST_WITH_ACTION_SECONDS


def active_titles(server) -> list[str]:
    return [v["title"] for v in json.loads(server.cli("values", "list", "--json"))]


def test_phone_undo_after_a_snip_goes_by_itself_and_another_closes_with_its_button(browser, server):
    for title in ("Honesty", "Courage", "Kindness"):
        server.cli("values", "add", title)
    courage = next(v["id"] for v in json.loads(server.cli("values", "list", "--json")) if v["title"] == "Courage")
    server.cli("reflect", "Asked the question nobody asked.", "--rating", "4", "--value", str(courage))
    page = open_app(browser, server.url, "phone", path="values")
    sees(page, "Kindness")

    page.get_by_role("button", name="More for Kindness").click()
    choose(page, re.compile(r"^Snip"))
    type_into(page, "Reason", "Kindness lives inside Honesty for me.")
    page.get_by_role("button", name=re.compile(r"^Snip")).last.click()
    undo = page.get_by_role("button", name="Undo")
    undo.wait_for()
    shown = time.monotonic()
    page.get_by_role("button", name="Close").wait_for()  # it can be closed, too
    shot(page, "snackbar-undo-offered-412")
    undo.wait_for(state="detached", timeout=(TOAST_WITH_ACTION_SECONDS + 20) * 1000)  # nobody touched it
    assert time.monotonic() - shown >= TOAST_WITH_ACTION_SECONDS - 2  # long enough to reach Undo
    shot(page, "snackbar-undo-gone-412")
    assert "Kindness" not in active_titles(server)  # it went without undoing anything

    go(page, "Journal")
    identified(page, "journal-heatmap").wait_for()
    page.get_by_role("button", name=re.compile(r"^Delete reflection from")).click()
    page.get_by_role("button", name="Undo").wait_for()
    closed = time.monotonic()
    page.get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Undo").wait_for(state="detached")
    assert time.monotonic() - closed < TOAST_WITH_ACTION_SECONDS  # closed by the button, not the timeout
    does_not_see(page, "Asked the question nobody asked.")
    assert json.loads(server.cli("journal", "--json")) == []
