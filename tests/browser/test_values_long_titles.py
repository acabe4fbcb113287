"""Six long values on a 360 px phone: each title has the card's width (the arrows are in the value's
menu there), so a title reads in two or three lines instead of a column a few words wide."""

import json
import re

from tests.browser.pages import choose, open_app, resize, sees, shot, switch_on_semantics

LONG = (
    "Hold every word accountable, especially the small promises",
    "Tell the truth early, before it becomes expensive to hear",
    "Be patient with people who are slower than I would like",
    "Give credit in public and criticism in private, always",
    "Finish what I start, or say plainly that I am stopping",
    "Listen to the end of a sentence before answering it",
)

TITLE_SPACE = """(title) => {
    const card = Array.from(document.querySelectorAll('flt-semantics')).find(
        e => (e.getAttribute('aria-label') || '').startsWith('Rank ') && (e.getAttribute('aria-label') || '').includes(title));
    if (!card) return null;
    const c = card.getBoundingClientRect();
    const rights = Array.from(card.querySelectorAll("flt-semantics[role=button]")).map(b => b.getBoundingClientRect())
        .filter(b => b.top < c.top + 60).map(b => b.left);
    return Math.min(...rights) - (c.left + 32);  // from after the drag handle to the first button
}"""


def title_space(page, title: str) -> float:
    page.wait_for_function(f"() => ({TITLE_SPACE})({json.dumps(title)}) !== null")
    return page.evaluate(TITLE_SPACE, title)


def test_six_long_titles_at_360_have_the_cards_width_and_move_through_the_menu(browser, server):
    for title in LONG:
        server.cli("values", "add", title)
    page = open_app(browser, server.url, "phone", path="values")
    resize(page, 360, 740)
    page.reload(wait_until="commit")  # a phone opens at its own width
    switch_on_semantics(page)
    sees(page, LONG[0])
    sees(page, "Rotation: every value comes up once a round, in random order, whatever its rank.")
    assert title_space(page, LONG[0]) >= 200
    shot(page, "values-long-titles-360-top")
    page.mouse.move(180, 500)
    page.mouse.wheel(0, 420)
    sees(page, LONG[3])
    shot(page, "values-long-titles-360")

    page.get_by_role("button", name=re.compile(f"More for {re.escape(LONG[1])}")).click()
    choose(page, "Move up")
    sees(page, f"Rank 1\n{LONG[1]}")
    assert [v["title"] for v in json.loads(server.cli("values", "list", "--json"))][:2] == [LONG[1], LONG[0]]

    resize(page, 412, 915)
    sees(page, LONG[5])
    shot(page, "values-long-titles-412")


def test_six_long_titles_at_1280_and_in_the_dark_keep_the_arrows_beside_the_title(browser, server):
    for title in LONG:
        server.cli("values", "add", title)
    server.cli("settings", "set", "pick_strategy", "weighted")
    server.cli("settings", "set", "theme", "dark")
    page = open_app(browser, server.url, "desktop", path="values")
    sees(page, "Weighted: the higher a value's rank, the more often it comes up.")
    page.get_by_role("button", name=f"Move {LONG[2]} up").click()
    sees(page, f"Rank 2\n{LONG[2]}")
    shot(page, "values-long-titles-1280-dark")
