"""Left open across the day boundary, every open tab shows the new day's card without a reload."""

from datetime import datetime, timedelta, timezone

from tests.browser.conftest import Server, open_app, sees, shot


def test_open_tabs_show_the_new_card_when_the_day_turns(browser, tmp_path):
    now = datetime.now(timezone.utc)
    boundary = (now + timedelta(seconds=100)).replace(second=0, microsecond=0)
    server = Server(db=tmp_path / "values.db")
    server.cli("values", "add", "Honesty")
    server.cli("values", "add", "Courage")
    server.cli("settings", "set", "timezone", "UTC")
    server.cli("settings", "set", "day_starts_at", boundary.strftime("%H:%M"))
    before = (boundary - timedelta(days=1)).date() if boundary.date() == now.date() else now.date()
    server.start()
    try:
        phone = open_app(browser, server.url, "phone")
        desktop = open_app(browser, server.url, "desktop")
        for page in (phone, desktop):
            sees(page, before.strftime("%A, %d %B %Y"))
        box = desktop.get_by_role("textbox", name="Reflection")
        box.click()
        box.fill("Started before the day turned.")
        wait_ms = (boundary - datetime.now(timezone.utc)).total_seconds() * 1000 + 30_000
        after = boundary.date()
        for page in (phone, desktop):
            sees(page, after.strftime("%A, %d %B %Y"), timeout=wait_ms)
        shot(phone, "today-after-day-turned-phone")
        sees(desktop, "This reflection will be saved for")
        desktop.get_by_role("button", name="Save reflection").click()
        sees(desktop, "Reflection saved.")
        assert f'"day": "{before.isoformat()}"' in server.cli("journal", "--json")
    finally:
        server.stop()
