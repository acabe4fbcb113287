"""Repairs, as a person notes one on a phone and ticks it off, then reviews overdue ones on a desktop.

The screen is opened at its own address (/repairs), as a bookmark would; data is seeded and checked
through the CLI, a second process on the same store.
"""

import json
import re
from datetime import timedelta

from tests.browser.pages import choose, identified, open_app, practice_today, sees, shot, type_into, undo


def repairs(server, state: str = "all") -> list[dict]:
    return json.loads(server.cli("repairs", "list", "--state", state, "--json"))


def test_phone_add_with_a_missing_person_then_done_with_a_note_and_undo(browser, server):
    server.cli("values", "add", "Patience")
    page = open_app(browser, server.url, "phone", path="repairs")
    identified(page, "repairs-empty-open").wait_for()
    sees(page, "Nothing owed right now")
    shot(page, "repairs-empty-phone")
    assert page.get_by_role("button", name=re.compile(r"^Add (a )?repair")).count() == 1, "one add button per screen"

    page.get_by_role("button", name="Add repair").click()
    type_into(page, "What happened", "Snapped at Sam when he asked about the release.")
    page.get_by_role("button", name="Save repair").click()
    sees(page, "The person cannot be empty.")
    assert page.get_by_role("textbox", name="What happened").input_value() == "Snapped at Sam when he asked about the release."
    shot(page, "repairs-error-phone")
    assert repairs(server) == []

    type_into(page, "Person", "Sam")
    page.get_by_role("button", name="Save repair").click()
    sees(page, "Repair with Sam added.")
    card = identified(page, "repair-1")
    card.wait_for()
    sees(page, "added today")
    shot(page, "repairs-added-phone")

    card.get_by_role("button", name="Mark done").click()
    type_into(page, "How did it go? (optional)", "Said sorry over coffee; he had already let it go.")
    page.get_by_role("alertdialog").get_by_role("button", name="Mark done").click()
    sees(page, "Repair with Sam done.")
    sees(page, "Nothing owed right now")
    shot(page, "repairs-done-undo-offered-phone")
    (done,) = repairs(server, "done")
    assert done["outcome_note"] == "Said sorry over coffee; he had already let it go."

    undo(page)
    identified(page, "repair-1").wait_for()
    sees(page, "Repair with Sam is open again.")
    sees(page, "Snapped at Sam")
    shot(page, "repairs-undone-phone")
    (back,) = repairs(server, "open")
    assert back["state"] == "owed" and back["outcome_note"] is None


def test_desktop_overdue_marked_plan_release_with_a_reason_and_reopen(browser, server):
    server.cli("values", "add", "Reliability")
    past = (practice_today() - timedelta(days=10)).isoformat()
    server.cli("repairs", "add", "Ana", "Missed her recital after promising to come.", "--by", past, "--value", "1")
    server.cli("repairs", "add", "Lee", "Borrowed the drill in spring and never returned it.", "--kind", "amends")
    page = open_app(browser, server.url, "desktop", path="repairs")
    identified(page, "repair-1").wait_for()
    sees(page, "Overdue 10 days")
    sees(page, "2 open, the oldest added today; 1 overdue.")
    shot(page, "repairs-overdue-desktop")

    identified(page, "repair-2").get_by_role("button", name="More for the repair with Lee").click()
    choose(page, "Plan a day")
    page.get_by_role("dialog").get_by_role("button", name="Plan").click()
    sees(page, "Repair with Lee planned for")
    assert repairs(server, "planned")[0]["person"] == "Lee"
    page.get_by_role("button", name="Planned").click()
    sees(page, "Borrowed the drill")
    sees(page, "planned for")
    shot(page, "repairs-planned-desktop")
    page.get_by_role("button", name=re.compile(r"^Open\b")).click()

    identified(page, "repair-1").get_by_role("button", name="More for the repair with Ana").click()
    choose(page, "Release")
    page.get_by_role("alertdialog").get_by_role("button", name="Release").click()
    sees(page, "The reason cannot be empty.")
    shot(page, "repairs-release-error-desktop")
    type_into(page, "Reason for releasing", "She asked me to let it go; we talked it through.")
    page.get_by_role("alertdialog").get_by_role("button", name="Release").click()
    sees(page, "Released the repair with Ana.")
    assert repairs(server, "released")[0]["release_reason"] == "She asked me to let it go; we talked it through."

    page.get_by_role("button", name="Released").click()
    sees(page, "She asked me to let it go")
    shot(page, "repairs-released-desktop")

    identified(page, "repair-1").get_by_role("button", name="Reopen").click()
    sees(page, "Repair with Ana is open again.")
    assert {r["person"] for r in repairs(server, "open")} == {"Ana", "Lee"}
