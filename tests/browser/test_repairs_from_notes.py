"""Repairs drawn once, made from a friend's note with the person confirmed, corrected and deleted with Undo.

The walkthrough that found a repair drawn twice: the Repairs screen was shown, left, its list grew while
it was hidden, and coming back drew the new card twice (the copy's buttons did nothing). Here the list
grows while the screen is hidden, and a note from Alex about letting Mara down becomes a repair owed to
Mara, counted, released and brought back; the same form corrects a repair, and a deleted one comes back
with its link to the note.
"""

import json
import re

from playwright.sync_api import expect

from tests.browser.pages import (
    choose, does_not_see, go, identified, open_app, resize, sees, shot, type_into, undo,
)

CARD = re.compile(r"^repair-\d+$")


def holds(page, label: str, text: str) -> None:
    """The field shows ``text``. A value the server put there reaches the page's input once it is focused,
    so tap it first, then wait for it."""
    box = page.get_by_role("textbox", name=re.compile(rf"(^|\s){re.escape(label)}(\s|$)"))
    box.click(position={"x": 40, "y": 20})
    expect(box).to_have_value(text)


def repairs(server, state: str = "all") -> list[dict]:
    return json.loads(server.cli("repairs", "list", "--state", state, "--json"))


def cards_drawn(page, wanted: dict[str, int]) -> None:
    """Wait until the repair cards drawn are exactly ``wanted`` (identifier -> how many times): each once,
    none left over. A card drawn twice never settles to this, so the wait fails with what was drawn."""
    script = """(wanted) => {
        const seen = {};
        for (const e of document.querySelectorAll('[flt-semantics-identifier]')) {
            const id = e.getAttribute('flt-semantics-identifier');
            if (/^repair-\\d+$/.test(id)) seen[id] = (seen[id] || 0) + 1;
        }
        return JSON.stringify(seen) === JSON.stringify(wanted);
    }"""
    ordered = dict(sorted(wanted.items()))
    try:
        page.wait_for_function(script, arg=ordered, timeout=15_000)
    except Exception:
        drawn = page.evaluate("""() => Array.from(document.querySelectorAll('[flt-semantics-identifier]'))
            .map(e => e.getAttribute('flt-semantics-identifier')).filter(i => /^repair-\\d+$/.test(i))""")
        raise AssertionError(f"repair cards drawn: {drawn}, wanted each of {sorted(wanted)} once") from None


def test_phone_a_note_becomes_a_repair_owed_to_someone_else_drawn_once_released_and_back(browser, server):
    server.cli("values", "add", "Reliability")
    server.cli("repairs", "add", "Sam", "Snapped at Sam when he asked about the release.")
    server.cli("repairs", "add", "Lee", "Kept the drill since spring.", "--kind", "amends")
    server.cli("feedback", "add", "Alex", "You let Mara down at the party: you promised to stay and left.",
               "--value", "1")
    page = open_app(browser, server.url, "phone", path="repairs")
    cards_drawn(page, {"repair-1": 1, "repair-2": 1})
    sees(page, "Open 2")  # the filter's counts show on a phone too

    # Given the Repairs screen was drawn and left, when its list grows while it is hidden (another
    # process adds a repair) and the person comes back, then each card is drawn once.
    go(page, "Feedback")
    identified(page, "feedback-1").wait_for()
    server.cli("repairs", "add", "Kim", "Forgot her birthday.")
    go(page, "Repairs")
    cards_drawn(page, {"repair-1": 1, "repair-2": 1, "repair-3": 1})
    sees(page, "Open 3")

    # When the note is turned into a repair, the form opens filled from it with the person to confirm.
    go(page, "Feedback")
    identified(page, "feedback-1").get_by_role("button", name="Turn into a repair").click()
    identified(page, "repair-form").wait_for()
    sees(page, "A repair from Alex's note")
    sees(page, "Who is owed this? Often someone other than the friend who wrote.")
    holds(page, "Person", "Alex")
    holds(page, "What happened", "You let Mara down at the party: you promised to stay and left.")
    shot(page, "repairs-from-note-form-phone")
    assert len(repairs(server)) == 3  # nothing saved until the person saves

    # Cancel saves nothing.
    page.get_by_role("button", name="Cancel").click()
    does_not_see(page, "A repair from Alex's note")
    assert len(repairs(server)) == 3

    go(page, "Feedback")
    identified(page, "feedback-1").get_by_role("button", name="Turn into a repair").click()
    sees(page, "A repair from Alex's note")
    type_into(page, "Person", "Mara")
    page.get_by_role("button", name="Save repair").click()
    sees(page, "Repair with Mara added, linked to the note.")
    cards_drawn(page, {"repair-1": 1, "repair-2": 1, "repair-3": 1, "repair-4": 1})
    made = {r["id"]: r for r in repairs(server)}[4]
    assert (made["person"], made["kind"], made["value_id"], made["feedback_id"]) == ("Mara", "conversation", 1, 1)
    assert made["what"].startswith("You let Mara down at the party")
    assert json.loads(server.cli("feedback", "list", "--json"))[0]["state"] == "acknowledged"
    card = identified(page, "repair-4")
    sees(page, "From a friend's note")
    shot(page, "repairs-from-note-saved-412x915")
    resize(page, 360, 740)
    card.wait_for()
    shot(page, "repairs-from-note-saved-360x740")

    # Released, it is gone from Open wherever it was drawn; Undo says it is open again.
    card.get_by_role("button", name="More for the repair with Mara").click()
    choose(page, "Release")
    type_into(page, "Reason for releasing", "Mara and I talked; Alex's note was about the party, not me.")
    page.get_by_role("alertdialog").get_by_role("button", name="Release").click()
    sees(page, "Released the repair with Mara.")
    cards_drawn(page, {"repair-1": 1, "repair-2": 1, "repair-3": 1})
    sees(page, "Released 1")
    shot(page, "repairs-released-counts-360x740")
    assert {r["id"]: r["state"] for r in repairs(server)}[4] == "released"
    undo(page)
    sees(page, "Repair with Mara is open again.")
    cards_drawn(page, {"repair-1": 1, "repair-2": 1, "repair-3": 1, "repair-4": 1})
    assert {r["id"]: r["state"] for r in repairs(server)}[4] == "owed"

    # The note now says which repair it became, by who is owed it (no "#4": that is a rank elsewhere).
    go(page, "Feedback")
    sees(page, "Repair with Mara · owed")
    resize(page, 1280, 800)
    go(page, "Repairs")
    cards_drawn(page, {"repair-1": 1, "repair-2": 1, "repair-3": 1, "repair-4": 1})
    sees(page, "Open (4)")
    shot(page, "repairs-from-note-1280x800")


def test_phone_correct_a_repair_then_delete_it_and_undo_both_in_the_dark(browser, server):
    server.cli("settings", "set", "theme", "dark")
    server.cli("values", "add", "Honesty")
    server.cli("feedback", "add", "Jo", "You told Ana the report was done when it was not.")
    server.cli("feedback", "to-repair", "1", "--kind", "apology", "--what", "Told Ana the report was done.")
    page = open_app(browser, server.url, "phone", path="repairs")
    resize(page, 360, 740)
    card = identified(page, "repair-1")
    card.wait_for()
    shot(page, "repairs-card-menu-closed-360x740-dark")

    # Edit opens the same form, filled; a mistake is shown beside the field and nothing typed is lost.
    card.get_by_role("button", name="More for the repair with Jo").click()
    choose(page, "Edit")
    sees(page, "Edit the repair with Jo")
    holds(page, "What happened", "Told Ana the report was done.")
    type_into(page, "Person", "")
    type_into(page, "What happened", "Told Ana the report was done when it was not.")
    page.get_by_role("button", name="Save changes").click()
    sees(page, "The person cannot be empty.")
    holds(page, "What happened", "Told Ana the report was done when it was not.")
    shot(page, "repairs-edit-error-360x740-dark")
    type_into(page, "Person", "Ana")
    page.get_by_role("button", name="Save changes").click()
    sees(page, "Repair with Ana saved.")
    (edited,) = repairs(server)
    assert (edited["person"], edited["what"], edited["kind"], edited["feedback_id"]) == (
        "Ana", "Told Ana the report was done when it was not.", "apology", 1)
    undo(page)
    sees(page, "Repair with Jo is as it was.")
    (back,) = repairs(server)
    assert (back["person"], back["what"]) == ("Jo", "Told Ana the report was done.")

    # Deleted, it goes; Undo brings it back exactly.
    identified(page, "repair-1").get_by_role("button", name="More for the repair with Jo").click()
    choose(page, "Delete")
    sees(page, "Deleted the repair with Jo.")
    cards_drawn(page, {})
    sees(page, "Nothing owed right now")
    assert repairs(server) == []
    shot(page, "repairs-deleted-undo-offered-360x740-dark")
    undo(page)
    sees(page, "Repair with Jo is back.")
    cards_drawn(page, {"repair-1": 1})
    assert repairs(server) == [back] and back["feedback_id"] == 1
    assert json.loads(server.cli("feedback", "list", "--json"))[0]["repair_ids"] == [1]
