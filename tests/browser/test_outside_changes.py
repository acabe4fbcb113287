"""Open tabs show what another process changed, without a reload: on SQLite and on PostgreSQL.

A person has Repairs open on the phone and the Journal open on the desktop; meanwhile the CLI (another
process on the same store, as a second server or a script would be) adds a repair and logs a reflection.
Both appear in the open tabs where they are, each card drawn once, and a card ticked done in the phone
tab goes (the tab's own change, heard again from the store, changes nothing more).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.browser.pages import Server, StoreURL, does_not_see, identified, open_app, sees, shot
from tests.browser.test_repairs_from_notes import cards_drawn

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()  # the served practice day may lag the calendar


def served(store_url: str, tmp_path: Path) -> Server:
    db = StoreURL(store_url, tmp_path) if "://" in store_url else Path(store_url)
    server = Server(db=db)
    server.start()
    return server


def test_a_repair_and_a_reflection_from_the_cli_appear_in_open_phone_and_desktop_tabs(browser, store_url, tmp_path):
    server = served(store_url, tmp_path)
    try:
        value = str(json.loads(server.cli("values", "add", "Patience", "--json"))["id"])
        server.cli("repairs", "add", "Sam", "Snapped at Sam when he asked about the release.")
        server.cli("reflect", "Waited for Lee to finish before answering.", "--date", YESTERDAY, "--value", value)
        phone = open_app(browser, server.url, "phone", path="repairs")
        cards_drawn(phone, {"repair-1": 1})
        desktop = open_app(browser, server.url, "desktop", path="journal")
        sees(desktop, "Waited for Lee to finish before answering.")

        # When the CLI adds a repair and logs a reflection, then both open tabs show them, no reload.
        server.cli("repairs", "add", "Kim", "Forgot her birthday.", "--kind", "amends")
        server.cli("reflect", "Let the meeting run long without sighing.", "--date", YESTERDAY, "--value", value)
        cards_drawn(phone, {"repair-1": 1, "repair-2": 1})
        sees(phone, "Forgot her birthday.")
        sees(phone, "Open 2")  # the counts follow
        sees(desktop, "Let the meeting run long without sighing.")
        sees(desktop, "Waited for Lee to finish before answering.")
        shot(phone, "outside-change-repairs-412x915")
        shot(desktop, "outside-change-journal-1280x800")

        # The phone tab's own change: the card goes once, the other stays, and its buttons still work.
        identified(phone, "repair-2").get_by_role("button", name="Mark done").click()
        phone.get_by_role("alertdialog").get_by_role("button", name="Mark done").click()
        sees(phone, "Repair with Kim done.")
        cards_drawn(phone, {"repair-1": 1})
        sees(phone, "Done 1")
        # And a change from the CLI to a card already drawn shows in place.
        server.cli("repairs", "done", "1")
        cards_drawn(phone, {})
        does_not_see(phone, "Snapped at Sam when he asked about the release.")
        sees(phone, "Nothing owed right now")
        shot(phone, "outside-change-repairs-done-412x915")
    finally:
        server.stop()
