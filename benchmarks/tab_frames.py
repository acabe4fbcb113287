"""What a tab click and a change cost over the websocket, with ten years of data, at a phone's size (412x915,
touch) and a desktop's (1280x800). Run after `bash benchmarks/run.sh` made .venv-bench:

    .venv-bench/bin/python -m benchmarks.tab_frames [ROUNDS]

For each tab: the first visit (the screen is built), then ROUNDS switches to it with nothing changed
(median): the click until its own data is in the accessibility tree, and the bytes the server sent for
the switch. Then, at phone size, the bytes a change sends: saving a reflection on Today, ticking a repair
done, acknowledging a friend's note. Websocket frames are read through the Chrome DevTools Protocol
(binary frames counted as the bytes on the wire, not their base64 text); a switch's or a change's bytes
are everything received from the click until the socket has been quiet for QUIET seconds.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import TEN_YEARS, generate
from benchmarks.run import BIN, CHROMIUM_ARGS, DESKTOP, SCREENS, Served, _today

PHONE = {"width": 412, "height": 915}
QUIET = 0.4  # seconds without a frame: the update is complete
SWITCH_BYTES, SWITCH_MS, FIRST_MS, CHANGE_BYTES = 8 * 1024, 150, 250, 8 * 1024  # issue 13's targets


# Clicks a tab (a bottom-bar tab is named by its label, a rail button "<label>\nTab 2 of 7"), then polls every
# animation frame until the screen's own node is in the accessibility tree and the one left is gone.
TAB_CLICK_JS = """
async ([tabName, selector, goneSelector]) => {
  const named = (e) => (e.getAttribute('aria-label') || e.textContent || '').trim();
  const tab = Array.from(document.querySelectorAll('flt-semantics[role=tab], flt-semantics[role=button]'))
      .find(e => named(e) === tabName || named(e).startsWith(tabName + '\\n') || named(e).startsWith(tabName + ' '));
  if (!tab) return -1;
  const started = performance.now();
  tab.click();
  return await new Promise((resolve) => {
    const check = () => {
      const shown = document.querySelector(selector);
      if (shown && (!goneSelector || !document.querySelector(goneSelector))) resolve(performance.now() - started);
      else if (performance.now() - started > 120000) resolve(-2);
      else requestAnimationFrame(check);
    };
    check();
  });
}
"""


@dataclass
class Tab:
    first_ms: float = 0.0
    first_bytes: int = 0
    shown_ms: list[float] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)


@dataclass
class Change:
    shown_ms: list[float] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)


class Frames:
    """Bytes the page received over its websocket, through DevTools."""

    def __init__(self, context, page):
        self.received: list[tuple[float, int]] = []
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _frame(self, e) -> None:
        r = e["response"]
        data = r.get("payloadData", "")
        size = len(base64.b64decode(data)) if r.get("opcode") == 2 else len(data.encode())
        self.received.append((time.perf_counter(), size))

    def clear(self) -> None:
        self.received.clear()

    def settled(self, page, timeout: float = 15.0) -> int:
        """Wait until nothing has arrived for QUIET seconds; the bytes received since ``clear``."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            last = self.received[-1][0] if self.received else started
            if time.perf_counter() - last >= QUIET:
                break
            page.wait_for_timeout(50)
        return sum(n for _, n in self.received)


def _context(browser, size: dict):
    phone = size["width"] < 600
    return browser.new_context(viewport=size, device_scale_factor=1, has_touch=phone, is_mobile=phone)


def _open(browser, url: str, size: dict):
    context = _context(browser, size)
    page = context.new_page()
    page.set_default_timeout(90_000)
    frames = Frames(context, page)
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector("[flt-semantics-identifier='today-card']", state="attached")
    page.wait_for_timeout(1000)
    return context, page, frames


def _click_tab(page, frames: Frames, name: str, selector: str, previous: str) -> tuple[float, int]:
    frames.clear()
    took = page.evaluate(TAB_CLICK_JS, [name, selector, previous])
    if took < 0:
        raise RuntimeError(f"tab {name!r}: {'not found' if took == -1 else 'content not shown in 120 s'}")
    return took, frames.settled(page)


def tabs(browser, url: str, size: dict, rounds: int) -> dict[str, Tab]:
    """Each tab in turn, so each click leaves another screen; the first round builds the screens."""
    context, page, frames = _open(browser, url, size)
    try:
        figures = {name: Tab() for name, _ in SCREENS}
        previous = SCREENS[-1][1]
        for round_ in range(rounds + 1):
            for name, selector in SCREENS:
                if round_ == 0:  # (Today was built when the app opened: its first figures are not shown)
                    figures[name].first_ms, figures[name].first_bytes = _click_tab(page, frames, name, selector,
                                                                                   previous)
                else:
                    took, size_ = _click_tab(page, frames, name, selector, previous)
                    figures[name].shown_ms.append(took)
                    figures[name].bytes.append(size_)
                previous = selector
    finally:
        context.close()
    return figures


def _wait_text(page, pattern: str, timeout: float = 20_000) -> None:
    page.wait_for_function(
        """(p) => { const re = new RegExp(p); return Array.from(document.querySelectorAll('flt-semantics')).some(
               e => re.test(e.getAttribute('aria-label') || '') || re.test(e.textContent || '')); }""",
        arg=pattern, timeout=timeout)


def _wait_gone(page, pattern: str, timeout: float = 20_000) -> None:
    page.wait_for_function(
        """(p) => { const re = new RegExp(p); return !Array.from(document.querySelectorAll('flt-semantics')).some(
               e => re.test(e.getAttribute('aria-label') || '') || re.test(e.textContent || '')); }""",
        arg=pattern, timeout=timeout)


def _timed(page, frames: Frames, act, done: str) -> tuple[float, int]:
    frames.clear()
    started = time.perf_counter()
    act()
    _wait_text(page, done)
    shown = (time.perf_counter() - started) * 1000
    size = frames.settled(page)
    _wait_gone(page, done)  # the snackbar has gone before the next change
    return shown, size


def _tab(page, frames: Frames, name: str) -> None:
    selector = dict(SCREENS)[name]
    _click_tab(page, frames, name, selector, "")


def changes(browser, url: str, size: dict, rounds: int) -> dict[str, Change]:
    """Saving a reflection on Today, ticking a repair done, acknowledging a note: each ``rounds`` times
    (as many as the data has open repairs and new notes)."""
    context, page, frames = _open(browser, url, size)
    figures = {"Save a reflection": Change(), "Tick a repair done": Change(), "Acknowledge a note": Change()}
    try:
        _tab(page, frames, "Today")
        for i in range(rounds):
            box = page.get_by_role("textbox", name=re.compile(r"Reflection"))
            box.first.click(position={"x": 40, "y": 20})
            page.wait_for_timeout(300)
            page.keyboard.insert_text(f"Benchmark reflection {i}: kept my word on the small things.")
            page.wait_for_timeout(600)
            button = page.get_by_role("button", name="Save reflection")
            took, got = _timed(page, frames, lambda: button.click(), r"Reflection saved")
            figures["Save a reflection"].shown_ms.append(took)
            figures["Save a reflection"].bytes.append(got)
        _tab(page, frames, "Repairs")
        for _ in range(rounds):
            page.get_by_role("button", name="Mark done", exact=True).first.click()
            confirm = page.get_by_role("alertdialog").get_by_role("button", name="Mark done")
            confirm.wait_for()
            page.wait_for_timeout(400)
            took, got = _timed(page, frames, lambda: confirm.click(), r"Repair with .* done\.")
            figures["Tick a repair done"].shown_ms.append(took)
            figures["Tick a repair done"].bytes.append(got)
        _tab(page, frames, "Feedback")
        for _ in range(rounds):
            button = page.get_by_role("button", name="Acknowledge", exact=True).first
            button.wait_for()
            took, got = _timed(page, frames, lambda: button.click(), r"Acknowledged the note from")
            figures["Acknowledge a note"].shown_ms.append(took)
            figures["Acknowledge a note"].bytes.append(got)
    finally:
        context.close()
    return figures


def kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


@dataclass
class Line:
    what: str
    figure: str
    target: str
    ok: bool | None


def lines(phone: dict[str, Tab], desktop: dict[str, Tab], changed: dict[str, Change]) -> list[Line]:
    out: list[Line] = []
    for label, figures, gated in (("phone 412x915", phone, True), ("desktop 1280x800", desktop, False)):
        for name, t in figures.items():
            shown, size = statistics.median(t.shown_ms), statistics.median(t.bytes)
            if gated:
                out.append(Line(f"{name}, {label}: switch, nothing changed (median)", f"{shown:.0f} ms, {kib(size)}",
                                f"<= {SWITCH_MS} ms, <= 8 KiB", shown <= SWITCH_MS and size <= SWITCH_BYTES))
                if name != "Today":  # Today is built when the app opens
                    out.append(Line(f"{name}, {label}: first visit", f"{t.first_ms:.0f} ms, {kib(t.first_bytes)}",
                                    f"<= {FIRST_MS} ms", t.first_ms <= FIRST_MS))
            else:
                out.append(Line(f"{name}, {label}: switch, nothing changed (median)", f"{shown:.0f} ms, {kib(size)}",
                                "< 300 ms", shown < 300))
    for name, c in changed.items():
        if c.bytes:
            size, shown = statistics.median(c.bytes), statistics.median(c.shown_ms)
            out.append(Line(f"{name}, phone 412x915 (median of {len(c.bytes)})", f"{kib(size)}, shown in {shown:.0f} ms",
                            "<= 8 KiB", size <= CHANGE_BYTES))
    return out


def measure(rounds: int = 5, *, work: Path | None = None, db: Path | None = None, browser=None) -> list[Line]:
    """Serve ten years (``db``, else generated into ``work``) and measure every row, in ``browser`` (else a
    Chromium of its own)."""
    owned = work is None
    work = work or Path(tempfile.mkdtemp(prefix="valuesapp-tabs-"))
    try:
        if db is None:
            db = work / "ten-years.db"
            generate(db, days=TEN_YEARS, end=_today())
        if browser is not None:
            return _measure(browser, rounds, work, db)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            try:
                return _measure(browser, rounds, work, db)
            finally:
                browser.close()
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def _measure(browser, rounds: int, work: Path, db: Path) -> list[Line]:
    valuesapp = shutil.which("valuesapp", path=str(BIN)) or "valuesapp"
    env = {**os.environ, "VALUESAPP_FETCH_FONTS": "0"}
    results = {}
    for what, run in (("phone", lambda url: tabs(browser, url, PHONE, rounds)),
                      ("desktop", lambda url: tabs(browser, url, DESKTOP, rounds)),
                      ("changes", lambda url: changes(browser, url, PHONE, min(rounds, 3)))):
        copy = work / f"tabs-{what}.db"  # each part on a fresh copy: the changes change it
        shutil.copyfile(db, copy)
        server = Served([valuesapp, "--db", str(copy), "serve", "--port", "{port}"], env, work / "serve.log")
        server.start()
        try:
            server.wait_listening()
            results[what] = run(server.url)
        finally:
            server.stop()
    return lines(results["phone"], results["desktop"], results["changes"])


def main(rounds: int = 5) -> None:
    print("| what | figure | target | met |")
    print("|---|---|---|---|")
    for line in measure(rounds):
        print(f"| {line.what} | {line.figure} | {line.target} | {'ok' if line.ok else 'MISSED'} |", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
