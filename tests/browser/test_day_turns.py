"""Left open across the day boundary, every open tab shows the new day's card without a reload, and a
reflection being typed then stays with the day it was begun.

The boundary is moved to a minute or so ahead from the Settings screen of the running app (which
reschedules at once), so the test waits about a minute, whatever the machine's load did to start-up.
"""

import json
from datetime import datetime, timedelta, timezone

from tests.browser.pages import go, open_app, sees, shot, type_into

DATE = "%A, %d %B %Y"


def test_open_tabs_show_the_new_card_when_the_day_turns(browser, server):
    server.cli("values", "add", "Honesty")
    server.cli("values", "add", "Courage")
    server.cli("settings", "set", "timezone", "UTC")
    # A day start later today keeps the practice day at yesterday until then.
    later = datetime.now(timezone.utc) + timedelta(minutes=20)
    if later.date() != datetime.now(timezone.utc).date():
        later = datetime.now(timezone.utc).replace(hour=23, minute=59)
    server.cli("settings", "set", "day_starts_at", later.strftime("%H:%M"))
    phone = open_app(browser, server.url, "phone")
    desktop = open_app(browser, server.url, "desktop", path="settings")
    yesterday = datetime.now(timezone.utc).date() - timedelta(days=1)
    sees(phone, yesterday.strftime(DATE))

    boundary = (datetime.now(timezone.utc) + timedelta(seconds=75)).replace(second=0, microsecond=0)
    day_start = desktop.get_by_role("textbox", name="Day starts at")
    type_into(desktop, "Day starts at", boundary.strftime("%H:%M"))
    day_start.press("Enter")
    go(desktop, "Today")
    sees(desktop, yesterday.strftime(DATE))
    type_into(desktop, "Reflection", "Started before the day turned.")
    desktop.wait_for_timeout(1500)  # let the typed text reach the server

    wait_ms = max(0.0, (boundary - datetime.now(timezone.utc)).total_seconds()) * 1000 + 45_000
    today = boundary.date()
    sees(phone, today.strftime(DATE), timeout=wait_ms)
    sees(desktop, today.strftime(DATE), timeout=30_000)
    shot(phone, "today-after-day-turned-phone")
    shot(desktop, "today-reflection-kept-for-its-day-desktop")
    desktop.get_by_role("button", name="Save reflection").click()
    sees(desktop, "Reflection saved.")
    (saved,) = json.loads(server.cli("journal", "--json"))
    assert (saved["text"], saved["day"]) == ("Started before the day turned.", yesterday.isoformat())
