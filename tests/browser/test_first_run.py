"""The first run on the smallest common phone (360x740): the choice is on the first screen, and once the
practice starts, Today opens at its top with the day's value in view."""

import json

from tests.browser.pages import identified, new_page, open_app, resize, sees, shot, switch_on_semantics

VIEW = {"width": 360, "height": 740}


def box(page, locator) -> dict:
    locator.wait_for()
    return locator.first.bounding_box()


def in_view(page, locator) -> bool:
    b = box(page, locator)
    return b is not None and b["y"] >= 0 and b["y"] + b["height"] <= page.viewport_size["height"]


def test_at_360_the_two_choices_are_on_the_first_screen_and_today_opens_on_the_days_value(browser, server):
    page = new_page(browser, "phone")
    page.set_viewport_size(VIEW)
    page.goto(server.url, wait_until="commit", timeout=60_000)
    switch_on_semantics(page)
    sees(page, "Live one value a day")
    start = page.get_by_role("button", name="Start with these")
    scratch = page.get_by_role("button", name="Start from scratch")
    assert in_view(page, start) and in_view(page, scratch)
    assert box(page, start)["height"] >= 48 and box(page, scratch)["height"] >= 48
    shot(page, "first-run-360")

    # The person scrolls the list a little (to read it) and ticks one more, then starts.
    page.mouse.move(180, 500)
    before = box(page, start)["y"]
    page.mouse.wheel(0, 200)
    page.wait_for_function(
        """([name, y]) => Array.from(document.querySelectorAll('flt-semantics[role=button]')).some(
               e => (e.textContent || '').includes(name) && e.getBoundingClientRect().y < y - 40)""",
        arg=["Start with these", before], timeout=15_000)
    page.get_by_role("checkbox", name="Patience").click()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('flt-semantics')).some(e => (e.getAttribute('aria-label') || "
        "e.textContent || '').includes('Patience') && e.getAttribute('aria-checked') === 'true')", timeout=15_000)
    assert in_view(page, start)
    start.click()
    sees(page, "Added 4 values.")

    card = identified(page, "today-card")
    card.wait_for()
    title = json.loads(server.cli("today", "--json"))["value"]["title"]
    sees(page, title)
    # The day's value, whole and on screen (a node scrolled out of view is clipped or gone from the tree).
    page.wait_for_function(
        """([title, height]) => { const c = document.querySelector("[flt-semantics-identifier='today-value-title']");
                   const r = c && c.getBoundingClientRect();
                   return r && (c.textContent || c.getAttribute('aria-label') || '').includes(title)
                       && r.y >= 56 && r.height >= 30 && r.bottom <= height - 80; }""",
        arg=[title, VIEW["height"]], timeout=15_000)
    shot(page, "first-run-today-360")
    assert [v["title"] for v in json.loads(server.cli("values", "list", "--json"))] == [
        "Honesty", "Courage", "Kindness", "Patience"]


def test_the_first_run_at_412_1280_and_in_the_dark(browser, server):
    server.cli("settings", "set", "theme", "dark")
    page = open_app(browser, server.url, "phone")
    sees(page, "Live one value a day")
    assert in_view(page, page.get_by_role("button", name="Start with these"))
    shot(page, "first-run-412-dark")
    resize(page, 1280, 800)
    sees(page, "Start from common values")
    assert in_view(page, page.get_by_role("button", name="Start from scratch"))
    shot(page, "first-run-1280-dark")
