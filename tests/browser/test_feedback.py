"""Feedback, as a person writes down a friend's blunt note on a phone and turns it into a repair, then
works through several notes on a desktop.

Screens are opened at their own addresses (/feedback); the CLI, a second process on the same store,
seeds notes and checks the links between notes and repairs.
"""

import json
from datetime import timedelta

from tests.browser.pages import (
    choose, go, identified, new_page, open_app, practice_today, resize, sees, sees_further_down, shot,
    type_into, undo,
)


def cli_json(server, *args: str):
    return json.loads(server.cli(*args, "--json"))


def test_phone_note_errors_acknowledge_and_turn_into_a_repair_found_in_repairs(browser, server):
    server.cli("values", "add", "Listening")
    page = open_app(browser, server.url, "phone", path="feedback")
    identified(page, "feedback-empty").wait_for()
    sees(page, "No notes from friends yet")
    sees(page, "Ask two or three people you trust for blunt notes")
    shot(page, "feedback-empty-phone")

    page.get_by_role("button", name="Add note").click()
    page.get_by_role("button", name="Save note").click()
    sees(page, "The friend's name cannot be empty.")
    sees(page, "The note cannot be empty.")
    type_into(page, "Note", "You talk over people when you get excited about an idea.")
    page.get_by_role("button", name="Save note").click()
    sees(page, "The friend's name cannot be empty.")
    assert page.get_by_role("textbox", name="Note").input_value() == "You talk over people when you get excited about an idea."
    shot(page, "feedback-error-phone")
    assert cli_json(server, "feedback", "list") == []

    type_into(page, "Friend", "Maya")
    page.get_by_role("button", name="Save note").click()
    sees(page, "Note from Maya saved.")
    card = identified(page, "feedback-1")
    card.wait_for()
    sees(page, "1 new of 1 note")
    shot(page, "feedback-new-phone")

    card.get_by_role("button", name="Acknowledge").click()
    sees(page, "Acknowledged the note from Maya.")
    sees(page, "acknowledged")
    assert cli_json(server, "feedback", "list")[0]["state"] == "acknowledged"

    # The note opens the repair form, filled for the person to confirm; it is Maya who is owed this one.
    card.get_by_role("button", name="Turn into a repair").click()
    identified(page, "repair-form").wait_for()
    sees(page, "A repair from Maya's note")
    page.get_by_role("button", name="Save repair").click()
    sees(page, "Repair with Maya added, linked to the note.")
    identified(page, "repair-1").wait_for()
    sees(page, "From a friend's note")
    (repair,) = cli_json(server, "repairs", "list")
    assert repair["feedback_id"] == 1 and repair["person"] == "Maya" and repair["kind"] == "conversation"
    assert cli_json(server, "feedback", "list")[0]["repair_ids"] == [1]

    go(page, "Feedback")
    sees(page, "Repair with Maya · owed")
    shot(page, "feedback-linked-phone")
    page.get_by_role("button", name="Open the repair with Maya").click()
    identified(page, "repair-1").wait_for()
    sees(page, "You talk over people")
    shot(page, "feedback-repair-in-repairs-phone")


def test_desktop_new_notes_stand_out_acted_on_and_one_becomes_a_repair(browser, server):
    server.cli("values", "add", "Generosity")
    week_ago = (practice_today() - timedelta(days=7)).isoformat()
    server.cli("feedback", "add", "Jo", "You always make time when someone is struggling.", "--kind", "appreciation",
               "--date", week_ago, "--value", "1")
    server.cli("feedback", "ack", "1")
    server.cli("feedback", "add", "Ravi", "Try asking before offering advice.", "--kind", "suggestion")
    server.cli("feedback", "add", "Kim", "You promised to help with the move and did not show up.")
    page = open_app(browser, server.url, "desktop", path="feedback")
    identified(page, "feedback-3").wait_for()
    sees(page, "2 new of 3 notes, newest first.")
    shot(page, "feedback-list-desktop")

    page.get_by_role("button", name="More for the note from Ravi").click()  # a new note: acted on from its menu
    choose(page, "Mark acted on")
    sees(page, "Marked the note from Ravi acted on.")
    assert {f["id"]: f["state"] for f in cli_json(server, "feedback", "list")}[2] == "acted_on"

    identified(page, "feedback-3").get_by_role("button", name="Turn into a repair").click()
    identified(page, "repair-form").wait_for()
    sees(page, "A repair from Kim's note")
    page.get_by_role("button", name="Save repair").click()
    sees(page, "Repair with Kim added, linked to the note.")
    identified(page, "repair-1").wait_for()
    sees(page, "From a friend's note")
    shot(page, "feedback-linked-desktop")
    shot(page, "feedback-repair-in-repairs-desktop")
    assert [r["feedback_id"] for r in cli_json(server, "repairs", "list")] == [3]


def test_a_friend_on_a_phone_sends_a_note_reloads_the_thank_you_page_and_one_note_arrives(browser, server):
    server.cli("settings", "set", "display_name", "Robin")
    made = cli_json(server, "links", "create", "Maya", "--base-url", server.url)
    page = new_page(browser, "phone")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(made["url"])
    page.get_by_text("Robin asked you for honest feedback on the values they live by").wait_for()
    shot(page, "friend-page-360")
    page.get_by_label("Your note").fill("You promised to call back and never did.")
    page.get_by_role("button", name="Send").click()
    page.get_by_role("heading", name="Thank you, Maya").wait_for()
    assert page.url.endswith("?sent=1"), "the thank-you page is a page of its own, not the post's answer"
    page.reload()
    page.get_by_role("heading", name="Thank you, Maya").wait_for()
    page.get_by_text("Your note was delivered to Robin.").wait_for()
    page.emulate_media(color_scheme="dark")
    shot(page, "friend-thanks-360-dark")
    notes = cli_json(server, "feedback", "list")
    assert [n["note"] for n in notes] == ["You promised to call back and never did."]


def test_phone_note_changes_undo_from_the_snackbar_delete_from_the_menu_and_a_link_only_here_warns(browser, server):
    server.cli("feedback", "add", "Maya", "You interrupt me when I talk about work.")
    server.cli("feedback", "to-repair", "1")
    server.cli("feedback", "add", "Kim", "You promised to help with the move and did not show up.")
    page = open_app(browser, server.url, "phone", path="feedback")
    resize(page, 360, 740)
    kim = identified(page, "feedback-2")
    kim.wait_for()
    shot(page, "feedback-cards-360")

    kim.get_by_role("button", name="Acknowledge").click()
    sees(page, "Acknowledged the note from Kim.")
    undo(page)
    sees(page, "The note from Kim is new again.")
    assert {n["id"]: n["state"] for n in cli_json(server, "feedback", "list")}[2] == "new"

    page.get_by_role("button", name="More for the note from Maya").click()
    choose(page, "Delete note")
    sees(page, "Deleted the note from Maya.")
    identified(page, "feedback-1").wait_for(state="detached")
    assert [n["id"] for n in cli_json(server, "feedback", "list")] == [2]
    undo(page)
    sees(page, "The note from Maya is back.")
    identified(page, "feedback-1").wait_for()
    (maya,) = [n for n in cli_json(server, "feedback", "list") if n["id"] == 1]
    assert maya["repair_ids"] == [1] and maya["state"] == "acknowledged"

    sees_further_down(page, "Only this computer can open this link")
    shot(page, "feedback-links-warning-360")
    type_into(page, "Friend's name", "Sam")
    page.get_by_role("button", name="Make link").click()
    identified(page, "new-link-warning").wait_for()
    sees(page, "No QR code: only this computer can open this link, a friend's phone cannot.")
    shot(page, "feedback-link-no-qr-360")
    page.get_by_role("button", name="Done").click()

    resize(page, 412, 915)
    shot(page, "feedback-links-412")
    resize(page, 1280, 800)
    identified(page, "feedback-2").scroll_into_view_if_needed()
    shot(page, "feedback-cards-1280")

    # The owner's name for friends' pages, typed in Settings; then the screen in the dark theme.
    go(page, "Settings")
    type_into(page, "Your name", "Robin")
    page.keyboard.press("Enter")
    sees(page, "Your name: Robin. Saved.")
    assert "Robin asked you" in _friend_page(server)
    page.get_by_role("radio", name="Dark").click()
    go(page, "Feedback")
    identified(page, "feedback-2").wait_for()
    shot(page, "feedback-cards-1280-dark")


def _friend_page(server) -> str:
    from urllib.request import urlopen

    made = cli_json(server, "links", "create", "Robin's friend", "--base-url", server.url)
    with urlopen(made["url"]) as response:
        return response.read().decode()
