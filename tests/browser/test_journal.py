"""The Journal, as a person reads back through it: empty at first, then searched, filtered, and tended.

Data is seeded through the CLI against the same database (reflections on past days with ratings), as a
second process would; the screen is refreshed by navigating to it again.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.pages import (
    ARTIFACTS, does_not_see, go, identified, into_view, open_app, practice_today, resize, sees,
    sees_further_down, shot, type_into, undo,
)
from valuesapp.core.words import day_label

# Days in the past only: the server's practice day may lag the calendar by a few hours (it starts at 04:00).
TODAY = practice_today()  # the served day: before 04:00 it is still yesterday


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def add_value(server, title: str) -> str:
    return str(json.loads(server.cli("values", "add", title, "--json"))["id"])


def reflect(server, text: str, days_ago: int, rating: int | None, value: str) -> int:
    args = ["reflect", text, "--date", ago(days_ago), "--value", value, "--json"]
    if rating is not None:
        args += ["--rating", str(rating)]
    return json.loads(server.cli(*args))["id"]


def journal(server) -> list[dict]:
    return json.loads(server.cli("journal", "--json"))


def focused(page, name: str):
    """The textbox, clicked until the browser's focus is really in it.

    Flutter creates the editable element on the first tap of a field's semantics node; text filled
    before focus arrives is lost (seen after switching screens on a phone, about one time in three)."""
    box = page.get_by_role("textbox", name=name)
    for _ in range(4):
        box.click()
        try:
            page.wait_for_function("(e) => e === document.activeElement", arg=box.element_handle(), timeout=3000)
            return box
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"could not put the cursor in {name!r}")


def reopen_journal(page) -> None:
    """Data changed behind the screen's back (the CLI): show another screen, then the journal again."""
    go(page, "Today")
    go(page, "Journal")


def test_phone_empty_journal_then_search_and_a_date_range_that_ends_before_it_starts(browser, server):
    page = open_app(browser, server.url, "phone")
    go(page, "Journal")
    sees(page, "No reflections yet")
    page.get_by_role("button", name="Reflect on Today").wait_for()
    shot(page, "journal-empty-phone")

    honesty, patience, courage = (add_value(server, t) for t in ("Honesty", "Patience", "Courage"))
    reflect(server, "Told Sam the truth about the budget.", 1, 4, honesty)
    reflect(server, "Stayed calm when the build broke.", 3, 3, patience)
    reflect(server, "Spoke up in the planning meeting.", 6, 5, courage)
    reflect(server, "Admitted I had not read the report.", 9, None, honesty)
    reflect(server, "Owned the late invoice before anyone asked.", 12, 2, honesty)
    reopen_journal(page)
    sees(page, f"Reflected on 5 of 13 days since {day_label(TODAY - timedelta(days=12))}")  # the first reflection
    sees(page, "Stayed calm when the build broke.")
    shot(page, "journal-list-phone")

    search = focused(page, "Search reflections")
    type_into(page, search, "BUDGET")
    sees(page, "1 matching reflection")
    sees(page, "Told Sam the truth about the budget.")
    does_not_see(page, "Stayed calm when the build broke.")
    shot(page, "journal-search-phone")

    type_into(page, search, "zebra")
    sees(page, "No reflections match")
    shot(page, "journal-no-matches-phone")
    clear = page.get_by_role("button", name="Clear filters")
    assert clear.count() == 1  # the message's own; the one under the filters stands down meanwhile
    clear.click()
    sees(page, "Stayed calm when the build broke.")

    since = focused(page, "From")
    type_into(page, since, ago(2))
    since.press("Enter")
    sees(page, "1 matching reflection")
    until = focused(page, "To")
    type_into(page, until, ago(5))
    until.press("Enter")
    sees(page, "Earlier than “From”")
    sees(page, "Told Sam the truth about the budget.")  # the last valid filter still applies
    shot(page, "journal-range-error-phone")

    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_timeout(800)
    sees(page, "Reflected days")
    shot(page, "journal-360")

    page.get_by_role("button", name="By value", exact=True).click()
    identified(page, "value-trend-chart").wait_for()
    sees(page, "3 reflections, average 3.0 of 5")
    sees_further_down(page, "Owned the late invoice before anyone asked.")
    page.set_viewport_size({"width": 360, "height": 1900})  # the whole view at phone width, chart and timeline
    page.wait_for_timeout(800)
    shot(page, "journal-by-value-360")


def test_first_day_the_calendar_counts_one_day_and_the_date_picker_writes_dates_the_apps_way(browser, server):
    """Given a first reflection today, the calendar says so (not "1 of the last 142 days") at every size and
    in the dark; the date picker speaks British English, as the app's own dates do ("Tue 1 Dec 2026")."""
    courage = add_value(server, "Courage")
    server.cli("reflect", "Said no to the extra project, kindly.", "--rating", "2", "--value", courage)
    page = open_app(browser, server.url, "phone", path="journal")
    resize(page, 360, 740)
    sees(page, "Reflected today, your first day · average rating 2.0")
    shot(page, "journal-first-day-360")
    resize(page, 412, 915)
    sees(page, "Reflected today, your first day")
    shot(page, "journal-first-day-412")

    page.get_by_role("button", name="Choose the first day").click()
    day = date.fromisoformat(journal(server)[0]["day"])
    # Day first, as the app writes dates ("Tue 1 Dec 2026"); en-US named it "Tuesday, December 1, 2026".
    sees(page, f"{day:%A}, {day.day} {day:%B} {day.year}")
    shot(page, "journal-date-picker-412")
    page.get_by_role("button", name="Cancel").click()
    does_not_see(page, f"{day:%A}, {day.day} {day:%B} {day.year}")

    resize(page, 1280, 800)
    sees(page, "Reflected today, your first day")
    shot(page, "journal-first-day-1280")

    server.cli("settings", "set", "theme", "dark")
    dark = open_app(browser, server.url, "phone", path="journal")
    sees(dark, "Reflected today, your first day")
    shot(dark, "journal-first-day-dark-412")


def seed_a_season(server) -> dict[str, int]:
    """Ten weeks of Honesty rising from 2 to 5, five months of Courage, a repair and a friend's concern.

    Written in-process through the services (the CLI's own entry point), which is much faster than a dozen
    CLI processes on a busy machine; the server reads the same database file.
    """
    from valuesapp.app import open_services

    services = open_services(str(server.db))
    try:
        honesty = services.values.add("Honesty").id
        courage = services.values.add("Courage").id
        for week, rating in enumerate([2, 3, 2, 3, 4, 3, 4, 5, 4, 5]):
            services.journal.reflect(f"Honesty, week {week}: said the awkward thing.", rating=rating,
                                     day=TODAY - timedelta(days=67 - 7 * week), value_id=honesty)
        for n, rating in enumerate([1, 2, 3, 3, 4, 3, 4, 3, 4, 4]):
            services.journal.reflect(f"Courage, round {n}: asked the question everyone avoided.", rating=rating,
                                     day=TODAY - timedelta(days=151 - 9 * n), value_id=courage)
        keep = services.journal.reflect("Told the client the demo was not ready.", rating=4,
                                        day=TODAY - timedelta(days=2), value_id=honesty).id
        doomed = services.journal.reflect("Backed down in the review, again.", rating=2,
                                          day=TODAY - timedelta(days=1), value_id=courage).id
        services.repairs.add("Sam", "Blamed Sam's script for my bug.", kind="apology", value_id=honesty)
        services.feedback.add("Ana", "You soften bad news until it is not news.", kind="concern", value_id=honesty,
                              received_on=TODAY - timedelta(days=4))
    finally:
        services.context.store.close()
    return {"keep": keep, "doomed": doomed}


def test_desktop_heatmap_stats_chart_timeline_then_delete_undo_and_edit(browser, server):
    ids = seed_a_season(server)
    keep, doomed = ids["keep"], ids["doomed"]
    page = open_app(browser, server.url, "desktop", path="journal")  # a deep link to the screen
    identified(page, "journal-heatmap").wait_for()
    sees(page, "Reflected on 22 of ")
    sees(page, f"days since {day_label(TODAY - timedelta(days=151))}")  # counted from the first reflection
    identified(page, "heatmap-legend").wait_for()
    sees(page, "Backed down in the review, again.")
    shot(page, "journal-list-desktop")
    element_shot(page, identified(page, "journal-heatmap"), "journal-heatmap-desktop")

    page.get_by_role("button", name="By value", exact=True).click()
    identified(page, "value-trend-chart").wait_for()
    sees(page, "11 reflections, average 3.5 of 5")
    sees_further_down(page, "Concern from Ana")
    sees_further_down(page, "Repair owed to Sam (apology)")
    sees(page, "Told the client the demo was not ready.")
    shot(page, "journal-by-value-desktop")
    element_shot(page, identified(page, "value-trend-chart"), "journal-chart-desktop")
    reveal(page, identified(page, "value-timeline"))
    shot(page, "journal-timeline-desktop")
    into_view(page, page.get_by_role("button", name=re.compile(r"^Courage"))).click()  # in the overview below
    page.mouse.wheel(0, -20_000)  # up to the value's card
    sees(page, "11 reflections, average 3.0 of 5")

    page.get_by_role("button", name="Reflections", exact=True).click()
    sees(page, "showing 20+ reflections")  # a page at a time
    # Nearing the end of the list loads the next page, which holds the oldest reflection.
    sees_further_down(page, "Courage, round 0: asked the question everyone avoided.")
    page.mouse.wheel(0, -20_000)  # back to the top, where the newest are
    page.wait_for_timeout(600)
    sees(page, "showing 22 reflections")
    sees(page, "Backed down in the review, again.")
    identified(page, f"reflection-{doomed}").get_by_role("button", name="Delete reflection", exact=False).click()
    sees(page, "deleted.")
    does_not_see(page, "Backed down in the review, again.")
    assert doomed not in [r["id"] for r in journal(server)]
    undo(page)
    sees(page, "Reflection restored.")
    gone(page, "Reflection restored.")  # snackbars queue: let this one go before the next action's
    sees(page, "Backed down in the review, again.")
    assert doomed in [r["id"] for r in journal(server)]

    identified(page, f"reflection-{keep}").get_by_role("button", name="Edit reflection", exact=False).click()
    text = focused(page, "Reflection")
    type_into(page, text, "")
    page.get_by_role("button", name="Save changes").click()
    sees(page, "The reflection cannot be empty.")
    shot(page, "journal-edit-error-desktop")
    type_into(page, focused(page, "Reflection"), "Told the client the demo was not ready, and why.")
    page.get_by_role("button", name="Rate 5 of 5").click()
    page.get_by_role("button", name="Save changes").click()
    sees(page, "Reflection updated.", timeout=30_000)
    sees(page, "Told the client the demo was not ready, and why.")
    edited = next(r for r in journal(server) if r["id"] == keep)
    assert (edited["text"], edited["rating"]) == ("Told the client the demo was not ready, and why.", 5)
    shot(page, "journal-edited-desktop")

    # The heatmap's shades and the chart in the dark theme (a new session reads the theme setting).
    server.cli("settings", "set", "theme", "dark")
    dark = open_app(browser, server.url, "desktop", path="journal")
    identified(dark, "journal-heatmap").wait_for()
    dark.get_by_role("button", name="By value", exact=True).click()
    identified(dark, "value-trend-chart").wait_for()
    shot(dark, "journal-dark-desktop")


def gone(page, text: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        """(needle) => !Array.from(document.querySelectorAll('flt-semantics')).some(
               e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))""",
        arg=text,
        timeout=timeout,
    )


def reveal(page, locator) -> None:
    """Scroll Flutter's view (it ignores the DOM's scrollIntoView) until the element is wholly in sight."""
    height = page.viewport_size["height"]
    page.mouse.move(page.viewport_size["width"] / 2, height / 2)
    for _ in range(30):
        try:
            box = locator.bounding_box(timeout=1000)
        except PlaywrightTimeout:  # not built yet: Flutter makes nodes only near the visible part
            box = None
        # A node cut off by the window's edge reports only its visible part: demand a margin below it.
        if box and box["y"] >= 60 and (box["y"] + box["height"] <= height - 40 or box["y"] < 140):
            return
        page.mouse.wheel(0, 150 if box is None or box["y"] > 60 else -150)
        page.wait_for_timeout(250)


def element_shot(page, locator, name: str) -> None:
    reveal(page, locator)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))
