"""Feedback, as a person writes down a friend's blunt note on a phone and turns it into a repair, then
works through several notes on a desktop.

Screens are opened at their own addresses (/feedback); the CLI, a second process on the same store,
seeds notes and checks the links between notes and repairs.
"""

import json
from datetime import date, timedelta

from tests.browser.pages import identified, open_app, sees, shot, type_into


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

    card.get_by_role("button", name="Turn into a repair").click()
    sees(page, "Repair #1 with Maya added.")
    sees(page, "Repair #1 with Maya · owed")
    shot(page, "feedback-linked-phone")
    (repair,) = cli_json(server, "repairs", "list")
    assert repair["feedback_id"] == 1 and repair["person"] == "Maya" and repair["kind"] == "conversation"
    assert cli_json(server, "feedback", "list")[0]["repair_ids"] == [1]

    page.get_by_role("button", name="Open repair #1").click()
    identified(page, "repair-1").wait_for()
    sees(page, "From feedback #1")
    sees(page, "You talk over people")
    shot(page, "feedback-repair-in-repairs-phone")


def test_desktop_new_notes_stand_out_acted_on_and_open_repairs_from_the_snackbar(browser, server):
    server.cli("values", "add", "Generosity")
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    server.cli("feedback", "add", "Jo", "You always make time when someone is struggling.", "--kind", "appreciation",
               "--date", week_ago, "--value", "1")
    server.cli("feedback", "ack", "1")
    server.cli("feedback", "add", "Ravi", "Try asking before offering advice.", "--kind", "suggestion")
    server.cli("feedback", "add", "Kim", "You promised to help with the move and did not show up.")
    page = open_app(browser, server.url, "desktop", path="feedback")
    identified(page, "feedback-3").wait_for()
    sees(page, "2 new of 3 notes, newest first.")
    shot(page, "feedback-list-desktop")

    identified(page, "feedback-2").get_by_role("button", name="Mark acted on").click()
    sees(page, "Marked the note from Ravi acted on.")
    assert {f["id"]: f["state"] for f in cli_json(server, "feedback", "list")}[2] == "acted_on"

    identified(page, "feedback-3").get_by_role("button", name="Turn into a repair").click()
    sees(page, "Repair #1 with Kim added.")
    shot(page, "feedback-linked-desktop")
    page.get_by_role("button", name="Open Repairs").click()
    identified(page, "repair-1").wait_for()
    sees(page, "From feedback #3")
    shot(page, "feedback-repair-in-repairs-desktop")
    assert [r["feedback_id"] for r in cli_json(server, "repairs", "list")] == [3]
