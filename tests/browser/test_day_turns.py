"""Left open across the day boundary, every open tab shows the new day's card without a reload, and a
reflection being typed then stays with the day it was begun.

The served app runs on a test clock (``Server(clock=...)``, a ``FileClock``) two hours before the day
starts; once both tabs are open and the reflection typed, the test moves the clock to three seconds
before the boundary. The server's scheduler plans again within a second and its day-boundary job fires
on the moved clock, so the test waits seconds, not the minute and more a real boundary took. (Were the
machine too slow to plan before the boundary, the move is caught up as a start is, and the day still
turns.)
"""

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.browser.pages import Server, open_app, sees, shot, type_into
from valuesapp.core.words import long_day_label

BOUNDARY = datetime(2026, 3, 2, 4, 0, tzinfo=timezone.utc)  # Monday, when the default 04:00 day start comes
YESTERDAY = BOUNDARY.date() - timedelta(days=1)


@pytest.fixture
def server(tmp_path):
    s = Server(db=tmp_path / "values.db", clock=BOUNDARY - timedelta(hours=2))
    s.cli("values", "add", "Honesty")
    s.cli("values", "add", "Courage")
    s.cli("settings", "set", "timezone", "UTC")
    s.cli("settings", "set", "day_starts_at", BOUNDARY.strftime("%H:%M"))
    s.start()
    yield s
    s.stop()


def test_open_tabs_show_the_new_card_when_the_day_turns(browser, server):
    phone = open_app(browser, server.url, "phone")
    desktop = open_app(browser, server.url, "desktop")
    sees(phone, long_day_label(YESTERDAY))
    sees(desktop, long_day_label(YESTERDAY))
    type_into(desktop, "Reflection", "Started before the day turned.")
    desktop.wait_for_timeout(1500)  # let the typed text reach the server

    server.move_clock(BOUNDARY - timedelta(seconds=3))
    today = long_day_label(BOUNDARY.date())
    sees(phone, today, timeout=30_000)
    sees(desktop, today, timeout=30_000)
    shot(phone, "today-after-day-turned-phone")
    shot(desktop, "today-reflection-kept-for-its-day-desktop")
    desktop.get_by_role("button", name="Save reflection").click()
    sees(desktop, "Reflection saved.")
    (saved,) = json.loads(server.cli("journal", "--json"))
    assert (saved["text"], saved["day"]) == ("Started before the day turned.", YESTERDAY.isoformat())
