"""Tabs switched back and forth: every screen drawn once, hidden ones out of the way, changes shown once.

Screens stay mounted and a switch only hides one and shows another; rows are kept while they say the
same. Given a journal of a few weeks, values and a repair, when a person goes Journal, Values, Today and
back several times, saves a reflection on Today, and a value is renamed from the CLI while Values is
hidden, then each reflection and value is drawn exactly once (counted by its identifier in the
accessibility tree), the new reflection is on top of the Journal, the renamed value shows its new name
only, and the screens not shown are nowhere in the tree (no hidden field or button can be reached).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from tests.browser.pages import Server, choose, go, identified, open_app, resize, sees, shot, type_into

TODAY = date.today()  # days in the past only: the server's practice day may lag the calendar by a few hours
REFLECTION = r"^reflection-\d+$"
SCREEN_NODES = {"Today": "today-card", "Values": "ranked-values", "Journal": "journal-heatmap"}


def seeded(tmp_path) -> Server:
    from valuesapp.app import open_services

    server = Server(db=tmp_path / "values.db")
    services = open_services(str(server.db))
    try:
        ids = [services.values.add(title).id for title in ("Honesty", "Patience", "Courage")]
        for n in range(30, 0, -1):
            services.journal.reflect(f"Day {n}: kept a small promise to myself.", rating=1 + n % 5,
                                     day=TODAY - timedelta(days=n), value_id=ids[n % 3])
        services.repairs.add("Sam", "Snapped at Sam about the release.", kind="apology")
    finally:
        services.context.store.close()
    server.start()
    return server


def drawn(page, pattern: str) -> dict[str, int]:
    return page.evaluate("""(p) => { const re = new RegExp(p), seen = {};
        for (const e of document.querySelectorAll('[flt-semantics-identifier]')) {
            const id = e.getAttribute('flt-semantics-identifier');
            if (re.test(id)) seen[id] = (seen[id] || 0) + 1;
        }
        return seen; }""", pattern)


def each_once(page, pattern: str, including: set[str]) -> None:
    """Wait until every node matching ``pattern`` is drawn exactly once and ``including`` are among them. A
    row drawn twice never settles to this, so the wait fails with what was drawn."""
    script = """([p, wanted]) => { const re = new RegExp(p), seen = {};
        for (const e of document.querySelectorAll('[flt-semantics-identifier]')) {
            const id = e.getAttribute('flt-semantics-identifier');
            if (re.test(id)) seen[id] = (seen[id] || 0) + 1;
        }
        return Object.values(seen).every(n => n === 1) && wanted.every(w => seen[w] === 1); }"""
    try:
        page.wait_for_function(script, arg=[pattern, sorted(including)], timeout=15_000)
    except Exception:
        raise AssertionError(f"drawn: {drawn(page, pattern)}; wanted each once, with {sorted(including)}") from None


def only_screen(page, shown: str) -> None:
    """The screen shown is in the accessibility tree once; the hidden ones are not there at all."""
    nodes = "|".join(SCREEN_NODES.values())
    wanted = {name: (1 if name == shown else 0) for name in SCREEN_NODES}
    script = """([p, wanted, names]) => { const re = new RegExp('^(' + p + ')$'), seen = {};
        for (const e of document.querySelectorAll('[flt-semantics-identifier]')) {
            const id = e.getAttribute('flt-semantics-identifier');
            if (re.test(id)) seen[id] = (seen[id] || 0) + 1;
        }
        return Object.entries(names).every(([tab, id]) => (seen[id] || 0) === wanted[tab]); }"""
    try:
        page.wait_for_function(script, arg=[nodes, wanted, SCREEN_NODES], timeout=15_000)
    except Exception:
        raise AssertionError(f"on {shown}: {drawn(page, '^(' + nodes + ')$')}") from None


def named_once(page, identifier: str, text: str, *, gone: str) -> None:
    """Under the node ``identifier``, ``text`` is said exactly once and ``gone`` (a word on its own) never."""
    script = """([identifier, text, gone]) => {
        const root = document.querySelector(`[flt-semantics-identifier='${identifier}']`);
        if (!root) return false;
        const said = [root, ...root.querySelectorAll('flt-semantics')]
            .map(e => (e.getAttribute('aria-label') || '') + '\\n' + Array.from(e.childNodes)
                .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join(''))
            .join('\\n');
        const lines = said.split('\\n').map(l => l.trim());
        return lines.filter(l => l === text).length === 1 && !lines.includes(gone); }"""
    try:
        page.wait_for_function(script, arg=[identifier, text, gone], timeout=15_000)
    except Exception:
        raise AssertionError(f"{text!r} not said exactly once (or {gone!r} still said) in {identifier}") from None


def newest_reflection(server) -> int:
    return json.loads(server.cli("journal", "--json", "--limit", "1"))[0]["id"]


def test_tabs_back_and_forth_draw_every_screen_once_and_a_change_once_on_a_phone_and_a_desktop(browser, tmp_path):
    server = seeded(tmp_path)
    try:
        page = open_app(browser, server.url, "phone")
        only_screen(page, "Today")
        newest = newest_reflection(server)
        for _ in range(2):  # built on the first round, shown again on the second
            go(page, "Journal")
            only_screen(page, "Journal")
            each_once(page, REFLECTION, {f"reflection-{newest}"})
            go(page, "Values")
            only_screen(page, "Values")
            sees(page, "Patience")
            go(page, "Today")
            only_screen(page, "Today")

        # A change on Today reaches the Journal once, on top.
        type_into(page, "Reflection", "Told Sam the truth about the delay.")
        page.get_by_role("button", name="Save reflection").click()
        sees(page, "Reflection saved.")
        saved = newest_reflection(server)
        go(page, "Journal")
        only_screen(page, "Journal")
        sees(page, "Told Sam the truth about the delay.")
        each_once(page, REFLECTION, {f"reflection-{saved}", f"reflection-{newest}"})
        top = page.locator("[flt-semantics-identifier^='reflection-']").first
        assert top.get_attribute("flt-semantics-identifier") == f"reflection-{saved}"
        shot(page, "screens-journal-after-save-412x915")

        # A value renamed elsewhere while Values is hidden: shown with its new name, once, when Values is shown.
        server.cli("values", "edit", "2", "--title", "Patience with people")
        go(page, "Values")
        only_screen(page, "Values")
        named_once(page, "ranked-values", "Patience with people", gone="Patience")
        shot(page, "screens-values-renamed-412x915")

        for name in ("Today", "Journal", "Values", "Journal"):
            go(page, name)
            only_screen(page, name)
        each_once(page, REFLECTION, {f"reflection-{saved}"})
        resize(page, 360, 740)
        each_once(page, REFLECTION, {f"reflection-{saved}"})
        shot(page, "screens-journal-back-360x740")

        # Dark, from the theme menu while the Journal is shown: its calendar is drawn again, once.
        page.get_by_role("button", name=re.compile(r"^Theme: ")).click()
        choose(page, "Dark", role="menuitemcheckbox")
        page.get_by_role("button", name="Theme: Dark", exact=True).wait_for()
        only_screen(page, "Journal")
        each_once(page, REFLECTION, {f"reflection-{saved}"})
        shot(page, "screens-journal-dark-360x740")

        resize(page, 1280, 800)
        for name in ("Today", "Values", "Journal"):
            go(page, name)
            only_screen(page, name)
        each_once(page, REFLECTION, {f"reflection-{saved}", f"reflection-{newest}"})
        shot(page, "screens-journal-1280x800")
        go(page, "Today")
        only_screen(page, "Today")
        sees(page, "Told Sam the truth about the delay.")
        shot(page, "screens-today-after-save-1280x800")
    finally:
        server.stop()
