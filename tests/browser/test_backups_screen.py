"""Backups from the Settings screen: make one, then restore it after a change, and see the change undone."""

import json

from tests.browser.pages import identified, open_app, sees, shot


def test_back_up_now_then_restore_it_from_settings(browser, server):
    server.cli("values", "add", "Honesty")
    page = open_app(browser, server.url, "desktop", path="settings")
    identified(page, "settings-backups").wait_for()
    page.get_by_role("button", name="Back up now").click()
    sees(page, "Backed up")
    sees(page, "Last backup:")
    server.cli("values", "add", "Added after the backup")
    page.get_by_role("button", name="Restore a backup").click()
    page.get_by_role("button", name="Restore", exact=True).first.click()
    sees(page, "Restore this backup?")
    shot(page, "settings-restore-confirm-desktop")
    page.get_by_role("button", name="Restore", exact=True).last.click()
    sees(page, "Restored the backup from")
    shot(page, "settings-restored-desktop")
    titles = [v["title"] for v in json.loads(server.cli("values", "list", "--json"))]
    assert titles == ["Honesty"]
