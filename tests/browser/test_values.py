"""Values, as a person builds their list on a phone and later prunes and reviews it on a desktop.

The screen is opened at its own address (/values): a deep link is how a bookmark or a phone's home
screen icon reaches it, and it keeps these tests independent of the navigation's labels.
"""

import json

from tests.browser.pages import choose, identified, open_app, resize, sees, shot, type_into, undo


def titles_in_order(server) -> list[str]:
    return [v["title"] for v in json.loads(server.cli("values", "list", "--json"))]


def add_value(page, title: str, note: str = "") -> None:
    type_into(page, "Title", title)
    if note:
        type_into(page, "Note (optional)", note)
    page.get_by_role("button", name="Add value").click()


def gone(page, text: str) -> None:
    """Wait until ``text`` is no longer shown anywhere."""
    page.wait_for_function(
        """(needle) => !Array.from(document.querySelectorAll('flt-semantics')).some(
               e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))""",
        arg=text, timeout=15_000,
    )


def drag(page, from_rank: int, to_rank: int) -> None:
    """Drag a value by its handle (the first 40 px of its card) onto another rank's card."""
    source = page.locator(f"flt-semantics[aria-label^='Rank {from_rank}\\A ']").first.bounding_box()
    target = page.locator(f"flt-semantics[aria-label^='Rank {to_rank}\\A ']").first.bounding_box()
    x, y = source["x"] + 22, source["y"] + 26
    end_y = target["y"] + 10 if to_rank < from_rank else target["y"] + target["height"] - 10
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(x, y + (end_y - y) * step / 20)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    page.mouse.up()


def more(page, title: str, action: str) -> None:
    """Open a value's menu and choose one of its actions."""
    page.get_by_role("button", name=f"More for {title}").click()
    choose(page, action)


def test_phone_first_values_errors_beside_the_field_and_moving_with_buttons(browser, server):
    page = open_app(browser, server.url, "phone", path="values")
    identified(page, "values-empty").wait_for()
    sees(page, "No values yet")
    shot(page, "values-empty-phone")
    resize(page, 1280, 800)
    sees(page, "No values yet")
    shot(page, "values-empty-desktop")
    resize(page, 412, 915)

    page.get_by_role("button", name="Add value").click()
    sees(page, "The title cannot be empty.")

    add_value(page, "Honesty", "Say what is true, even when it costs me.")
    sees(page, "Added Honesty at rank 1.")
    add_value(page, "Courage")
    sees(page, "Added Courage at rank 2.")
    add_value(page, "Kindness")
    sees(page, "Added Kindness at rank 3.")

    add_value(page, "honesty")
    sees(page, "You already have an active value titled 'honesty'")
    assert page.get_by_role("textbox", name="Title").input_value() == "honesty"
    shot(page, "values-error-duplicate-phone")

    # On a phone, Move up and Move down are in each value's menu, so the title has the card's width.
    more(page, "Kindness", "Move up")
    sees(page, "Rank 2\nKindness")
    more(page, "Kindness", "Move up")
    sees(page, "Rank 1\nKindness")
    more(page, "Honesty", "Move down")
    sees(page, "Rank 3\nHonesty")
    assert titles_in_order(server) == ["Kindness", "Courage", "Honesty"]
    shot(page, "values-list-phone")

    drag(page, 3, 1)
    sees(page, "Rank 1\nHonesty")

    more(page, "Courage", "Edit")
    type_into(page, "Note", "Say the hard thing kindly, and early.")
    type_into(page, "Title", " ")
    page.get_by_role("button", name="Save changes").click()
    sees(page, "The title cannot be empty.")
    shot(page, "values-edit-dialog-phone")
    type_into(page, "Title", "Courage to speak up")
    gone(page, "The title cannot be empty.")
    page.get_by_role("button", name="Save changes").click()
    sees(page, "Saved Courage to speak up.")
    sees(page, "Courage to speak up\nSay the hard thing kindly, and early.")
    assert titles_in_order(server) == ["Honesty", "Kindness", "Courage to speak up"]

    page.set_viewport_size({"width": 360, "height": 800})
    sees(page, "Rank 3\nCourage to speak up")
    shot(page, "values-list-phone-360")


def test_desktop_snip_with_a_reason_undo_restore_focus_prompts_and_history(browser, server):
    for title in ("Honesty", "Courage", "Kindness"):
        server.cli("values", "add", title)
    page = open_app(browser, server.url, "desktop", path="values")
    sees(page, "Kindness")

    # Snip: a reason is required; Undo puts it back where it was.
    more(page, "Courage", "Snip")
    sees(page, "Snip \u2018Courage\u2019?")
    page.get_by_role("button", name="Snip value").click()
    sees(page, "The reason cannot be empty.")
    shot(page, "values-archive-dialog-desktop")
    type_into(page, "Reason", "Too vague; Honesty covers the hard part.")
    page.get_by_role("button", name="Snip value").click()
    sees(page, "Snipped Courage.")
    undo(page)
    sees(page, "Put back Courage at rank 2.")
    assert titles_in_order(server) == ["Honesty", "Courage", "Kindness"]

    # Snip for good: it shows under Snipped with its reason, and Restore puts it at the end.
    more(page, "Courage", "Snip")
    type_into(page, "Reason", "Too vague; Honesty covers the hard part.")
    page.get_by_role("button", name="Snip value").click()
    identified(page, "archived-values").wait_for()
    sees(page, "Reason: Too vague; Honesty covers the hard part.")
    shot(page, "values-archived-desktop")
    page.get_by_role("button", name="Restore Courage").click()
    sees(page, "Restored Courage at rank 3.")

    # Focus for N days, shown at the top with a way to end it.
    more(page, "Kindness", "Focus for N days")
    type_into(page, "Number of days", "0")
    page.get_by_role("button", name="Pin focus").click()
    sees(page, "The number of days must be a whole number from 1 to 366")
    type_into(page, "Number of days", "3")
    page.get_by_role("button", name="Pin focus").click()
    identified(page, "focus-banner").wait_for()
    sees(page, "Focus: Kindness")

    # A prompt of one's own, shown on the value's card.
    more(page, "Honesty", "Reflection prompts")
    type_into(page, "New prompt", "Where did I soften the truth today?")
    page.get_by_role("button", name="Add prompt").click()
    page.get_by_role("button", name="Remove prompt: Where did I soften the truth today?").click()
    sees(page, "Removed: Where did I soften the truth today?")
    undo(page)
    sees(page, "Remove prompt: Where did I soften the truth today?")
    page.get_by_role("button", name="Done").click()
    sees(page, "Honesty\nWhere did I soften the truth today?")
    shot(page, "values-list-desktop")

    page.get_by_role("button", name="End focus").click()
    sees(page, "Focus on Kindness ended.")

    drag(page, 3, 1)
    sees(page, "Rank 1\nCourage")
    assert titles_in_order(server) == ["Courage", "Honesty", "Kindness"]

    server.cli("review", "save", "--note", "Looked at the list whole.")  # a values review, kept from the CLI
    page.get_by_role("button", name="History").click()
    sees(page, "How your list changed")
    sees(page, "Values review saved")
    sees(page, "Note: Looked at the list whole.")
    sees(page, "Moved 'Courage' from rank 3 to 1.")
    sees(page, "Snipped 'Courage': Too vague; Honesty covers the hard part.")
    sees(page, "After: 1. Honesty · 2. Kindness · 3. Courage")
    shot(page, "values-history-desktop")
