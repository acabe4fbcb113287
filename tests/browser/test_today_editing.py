"""Editing a reflection saved today, right there on Today: the edit button under it opens its words and
stars in place, a refusal keeps every word, and saving shows the new words on Today and in the Journal."""

import json

from tests.browser.pages import go, identified, into_view, open_app, resize, sees, sees_further_down, shot, type_into


def test_given_a_saved_reflection_when_its_edit_button_is_tapped_it_is_edited_in_place(browser, server):
    server.cli("values", "add", "Honesty")
    server.cli("settings", "set", "theme", "dark")
    server.cli("reflect", "Said no to the extra project.", "--rating", "3")
    page = open_app(browser, server.url, "phone")
    identified(page, "today-card").wait_for()
    sees(page, "Said no to the extra project.")
    sees(page, "0/10,000")  # the new reflection's counter, written as people write numbers

    edit = page.get_by_role("button", name="Edit reflection: Said no to the extra project.")
    assert edit.bounding_box()["height"] >= 48
    edit.click()
    editor = identified(page, "today-edit-reflection")
    editor.wait_for()
    box = editor.get_by_role("textbox", name="Edit reflection")
    sees(page, "29/10,000")

    # A refused save says why beside the field and keeps every word typed.
    typed = "Said no to the extra project \u202eand meant it."
    type_into(page, box, typed)
    editor.get_by_role("button", name="Save changes").click()
    sees(page, "The reflection contains control characters")
    assert box.input_value() == typed
    shot(page, "today-edit-refused-412-dark")

    type_into(page, box, "Said no to the extra project, kindly, and offered a date instead.")
    editor.get_by_role("button", name="Rate 5 of 5").click()
    editor.get_by_role("button", name="Save changes").click()
    sees(page, "Reflection updated. Rated 5 of 5.")
    sees(page, "Said no to the extra project, kindly, and offered a date instead.")
    (saved,) = json.loads(server.cli("journal", "--json"))
    assert (saved["text"], saved["rating"]) == ("Said no to the extra project, kindly, and offered a date instead.", 5)
    go(page, "Journal")
    sees(page, "Said no to the extra project, kindly, and offered a date instead.")


def test_the_edit_in_place_at_360_and_1280_and_cancel_keeps_the_saved_words(browser, server):
    server.cli("values", "add", "Hold every word accountable, especially the small promises made in passing")
    server.cli("reflect", "Told Mara I would call back, and did, at six as promised.", "--rating", "4")
    page = open_app(browser, server.url, "phone")
    resize(page, 360, 740)
    sees_further_down(page, "Told Mara I would call back")
    into_view(page, page.get_by_role("button", name="Edit reflection: Told Mara I would call back")).click()
    identified(page, "today-edit-reflection").wait_for()
    shot(page, "today-edit-360")
    type_into(page, identified(page, "today-edit-reflection").get_by_role("textbox"), "Not this.")
    page.get_by_role("button", name="Cancel").click()
    identified(page, "today-edit-reflection").wait_for(state="detached")
    sees(page, "Told Mara I would call back, and did, at six as promised.")
    resize(page, 1280, 800)
    into_view(page, page.get_by_role("button", name="Edit reflection: Told Mara I would call back")).click()
    identified(page, "today-edit-reflection").wait_for()
    shot(page, "today-edit-1280")
    (saved,) = json.loads(server.cli("journal", "--json"))
    assert saved["text"] == "Told Mara I would call back, and did, at six as promised."
