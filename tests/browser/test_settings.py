"""Settings, as a person changes how the practice runs, and takes their data out and brings it back in."""

from __future__ import annotations

import json
import time

from tests.browser.pages import Server, identified, into_view, open_app, sees, shot, type_into, undo


def setting(server, key: str) -> str:
    return json.loads(server.cli("settings", "show", "--json"))["settings"][key]


def wait_for_setting(server, key: str, expected: str, timeout: float = 45) -> None:
    """The UI saves on Enter or on leaving a field; the store is the proof it happened. Generous: each CLI
    call starts a Python process, which takes seconds on a loaded two-core machine."""
    deadline = time.monotonic() + timeout
    while (current := setting(server, key)) != expected:
        assert time.monotonic() < deadline, f"{key} is {current!r}, expected {expected!r}"
        time.sleep(0.3)


def no_longer_sees(page, text: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        """(needle) => !Array.from(document.querySelectorAll('flt-semantics')).some(
               e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))""",
        arg=text,
        timeout=timeout,
    )


def scroll(page, pixels: int) -> None:
    """Flutter draws the page on a canvas: scroll it with the wheel, as a person would."""
    size = page.viewport_size
    page.mouse.move(size["width"] / 2, size["height"] / 2)
    page.mouse.wheel(0, pixels)
    page.wait_for_timeout(700)


def test_phone_picks_weighted_and_a_later_day_start_and_is_told_why_25_00_is_not_a_time(browser, server):
    page = open_app(browser, server.url, "phone", path="settings")
    sees(page, "How the day's value is picked")
    sees(page, "Only used with Weighted; with Rotation it has no effect.")
    shot(page, "settings-phone")

    page.get_by_role("radio", name="Weighted").click()
    sees(page, "Weighted is chosen, so this applies.")
    wait_for_setting(server, "pick_strategy", "weighted")

    day_start = page.get_by_role("textbox", name="Day starts at")
    type_into(page, day_start, "25:00")
    day_start.press("Enter")
    sees(page, "Day starts at: '25:00' is not a time of day; use HH:MM")
    assert day_start.input_value() == "25:00"  # what was typed stays, to be corrected
    assert setting(server, "day_starts_at") == "04:00"
    shot(page, "settings-invalid-time-phone")

    type_into(page, day_start, "5:30")
    day_start.press("Enter")
    no_longer_sees(page, "is not a time of day")
    wait_for_setting(server, "day_starts_at", "05:30")
    shown = json.loads(server.cli("settings", "show", "--json"))
    assert shown["settings"]["pick_strategy"] == "weighted"
    assert shown["settings"]["day_starts_at"] == "05:30"

    scroll(page, 1400)
    sees(page, "No pauses yet")
    shot(page, "settings-pauses-empty-phone")


def test_desktop_exports_json_and_imports_a_file_after_showing_what_it_adds(browser, server, tmp_path):
    server.cli("values", "add", "Honesty")
    server.cli("reflect", "Said no to the extra project, kindly.", "--rating", "4")
    friend = Server(db=tmp_path / "other.db")  # another person's store, only used through the CLI
    friend.cli("values", "add", "Courage")
    friend.cli("values", "add", "Patience")
    incoming = tmp_path / "from-my-laptop.json"
    friend.cli("export", "--format", "json", "--out", str(incoming))

    page = open_app(browser, server.url, "desktop", path="settings")
    sees(page, "How the day's value is picked")
    shot(page, "settings-desktop")
    identified(page, "settings-data").wait_for()
    scroll(page, 2000)
    sees(page, server.db.name)  # where the data lives
    shot(page, "settings-data-desktop")

    with page.expect_download() as download:
        page.get_by_role("button", name="Export JSON").click()
    assert download.value.suggested_filename.endswith(".json")
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["format"] == "valuesapp"
    assert [v["title"] for v in exported["values"]] == ["Honesty"]
    assert exported["reflections"][0]["rating"] == 4

    with page.expect_download() as download:
        page.get_by_role("button", name="Export Markdown").click()
    assert "# My values journal" in open(download.value.path(), encoding="utf-8").read()

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import JSON").click()
    chooser.value.set_files(str(incoming))
    sees(page, "Import from-my-laptop.json?")
    sees(page, "Adds 2 values")
    shot(page, "settings-import-summary-desktop")
    assert "Courage" not in server.cli("values", "list")  # nothing is imported before the person agrees
    page.get_by_role("button", name="Import", exact=True).click()
    sees(page, "Imported from-my-laptop.json.", timeout=30_000)  # after the export's snackbar, if still shown
    listed = server.cli("values", "list")
    assert "Courage" in listed and "Patience" in listed and "Honesty" in listed

    wrong = tmp_path / "notes.json"
    wrong.write_text('{"format": "valuesapp", "version": 99}', encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import JSON").click()
    chooser.value.set_files(str(wrong))
    sees(page, "notes.json: The import file is version 99; this valuesapp reads version 3 and older.")
    shot(page, "settings-import-error-desktop")


def test_desktop_time_zone_pauses_and_theme(browser, server):
    page = open_app(browser, server.url, "desktop", path="settings")
    sees(page, "Empty: the system's, now")

    zone = page.get_by_role("textbox", name="Time zone")
    type_into(page, zone, "Mars/Olympus_Mons")
    zone.press("Enter")
    sees(page, "Time zone: 'Mars/Olympus_Mons' is not an IANA time zone name")
    assert setting(server, "timezone") == ""
    page.get_by_role("button", name="Choose", exact=True).click()
    type_into(page, "Search time zones", "berl")
    sees(page, "Europe/Berlin")
    page.get_by_text("Europe/Berlin", exact=True).click()
    wait_for_setting(server, "timezone", "Europe/Berlin")
    no_longer_sees(page, "is not an IANA time zone name")

    scroll(page, 900)
    type_into(page, "From", "2026-12-24")
    type_into(page, "To", "2026-12-20")
    page.get_by_role("button", name="Add pause").click()
    sees(page, "before it starts")
    type_into(page, "To", "2027-01-02")
    type_into(page, "Reason (optional)", "Family holiday")
    page.get_by_role("textbox", name="Reason (optional)").press("Enter")  # Enter in the last field adds the pause too
    sees(page, "Thu 24 Dec 2026 to Sat 2 Jan 2027")
    assert "Family holiday" in server.cli("pauses")

    # The new row may be drawn under the window's edge or under the "Paused" snackbar: a click there would
    # land on whatever is drawn on top, so bring it well clear of the bottom first.
    into_view(page, page.get_by_role("button", name="Remove the pause from Thu 24 Dec 2026 to Sat 2 Jan 2027"),
              margin=96).click()
    sees(page, "No pauses yet")
    undo(page, timeout_ms=30_000)  # snackbars queue: the "Paused" one goes first
    # Not the row's dates alone: the "Removed the pause from …" snackbar says them too, before the undo lands.
    sees(page, "The pause from Thu 24 Dec 2026 to Sat 2 Jan 2027 is back.")
    sees(page, "Remove the pause from Thu 24 Dec 2026 to Sat 2 Jan 2027")
    assert "2026-12-24 to 2027-01-02" in server.cli("pauses")

    into_view(page, page.get_by_role("radio", name="Dark"), margin=96).click()  # clear of "The pause … is back."
    wait_for_setting(server, "theme", "dark")
    sees(page, "Theme: Dark. Saved.")  # and the screen is still there, in the dark theme
    identified(page, "settings-theme").wait_for()
    shot(page, "settings-pauses-dark-desktop")
