"""One person's first morning, end to end, and everything still there after a restart.

First run, three values added and reordered, the day's card with its prompt, a rated reflection, a
repair ticked off with a note, a friend's note turned into a repair, a value snipped with a reason, the
journal searched; then the server stops and starts again and all of it is still there.
"""

import json

import pytest

from tests.browser.pages import choose, go, identified, open_app, sees, shot, type_into


def listed(server, *args):
    return json.loads(server.cli(*args, "--json"))


def move_up(page, title: str, size: str) -> None:
    """An arrow button beside the title on a desktop; an item of the value's menu on a phone."""
    if size == "phone":
        page.get_by_role("button", name=f"More for {title}").click()
        choose(page, "Move up")
    else:
        page.get_by_role("button", name=f"Move {title} up").click()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_first_morning_survives_a_restart(browser, server, size):
    page = open_app(browser, server.url, size)
    sees(page, "Live one value a day")
    shot(page, f"story-01-first-run-{size}")

    # Start from scratch: three values of my own, then put them in my order.
    page.get_by_role("button", name="Start from scratch").click()
    for title, note in (("Honesty", "Say what is true."), ("Courage", "Act while afraid."),
                        ("Hold every word accountable", "What I say, I stand behind.")):
        type_into(page, "Title", title)
        type_into(page, "Note (optional)", note)
        page.get_by_role("button", name="Add value").click()
        sees(page, title)
    for rank in (2, 1):
        move_up(page, "Hold every word accountable", size)
        sees(page, f"Rank {rank}\nHold every word accountable")
    assert [v["title"] for v in listed(server, "values", "list")] == ["Hold every word accountable", "Honesty", "Courage"]
    shot(page, f"story-02-values-{size}")

    # Today: the card, why it came up, a question; a rated reflection.
    go(page, "Today")
    identified(page, "today-card").wait_for()
    sees(page, "Why today:")
    card = listed(server, "today")
    sees(page, card["value"]["title"])
    sees(page, card["prompt"])
    type_into(page, "Reflection", "Told the team the estimate was wrong before they asked.")
    page.get_by_role("button", name="Rate 4 of 5").click()
    page.get_by_role("button", name="Save reflection").click()
    sees(page, "Reflection saved. Rated 4 of 5.")
    shot(page, f"story-03-today-{size}")

    # A repair owed, ticked off with a note.
    go(page, "Repairs")
    page.get_by_role("button", name="Add repair").click()
    type_into(page, "Person", "Sam")
    type_into(page, "What happened", "Snapped at Sam in the planning meeting.")
    page.get_by_role("button", name="Save repair").click()
    sees(page, "Repair with Sam added.")
    identified(page, "repair-1").get_by_role("button", name="Mark done").click()
    type_into(page, "How did it go? (optional)", "Apologised over coffee; we are good.")
    page.get_by_role("button", name="Mark done").click()
    sees(page, "Repair with Sam done.")
    shot(page, f"story-04-repairs-{size}")

    # A friend's blunt note, turned into a repair.
    go(page, "Feedback")
    page.get_by_role("button", name="Add note").click()
    type_into(page, "Friend", "Maya")
    type_into(page, "Note", "You promise more than you deliver.")
    page.get_by_role("button", name="Save note").click()
    sees(page, "Note from Maya saved.")
    identified(page, "feedback-1").get_by_role("button", name="Turn into a repair").click()
    identified(page, "repair-form").wait_for()
    page.get_by_role("button", name="Save repair").click()
    sees(page, "Repair with Maya added, linked to the note.")
    shot(page, f"story-05-feedback-{size}")

    # Snip a value, with a reason worth keeping.
    go(page, "Values")
    page.get_by_role("button", name="More for Courage").click()
    choose(page, "Snip")
    type_into(page, "Reason", "Honesty covers the hard part of it.")
    page.get_by_role("button", name="Snip value").click()
    identified(page, "archived-values").wait_for()
    sees(page, "Honesty covers the hard part of it.")

    # Search the journal.
    go(page, "Journal")
    type_into(page, "Search reflections", "estimate")
    sees(page, "Told the team the estimate was wrong")
    shot(page, f"story-06-journal-{size}")
    page.context.close()

    # Stop, start again: all of it is still there.
    server.restart()
    page = open_app(browser, server.url, size)
    identified(page, "today-card").wait_for()
    sees(page, card["value"]["title"])
    sees(page, "Told the team the estimate was wrong before they asked.")
    go(page, "Repairs")
    sees(page, "Maya")
    go(page, "Values")
    sees(page, "Honesty covers the hard part of it.")
    shot(page, f"story-07-after-restart-{size}")
    assert [v["title"] for v in listed(server, "values", "list")] == ["Hold every word accountable", "Honesty"]
    (done,) = listed(server, "repairs", "list", "--state", "done")
    assert done["outcome_note"] == "Apologised over coffee; we are good."
    (linked,) = listed(server, "repairs", "list")
    assert linked["person"] == "Maya" and linked["feedback_id"] == 1
