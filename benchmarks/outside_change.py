"""How long a change made outside an open tab takes to show in it, and what it costs the tab.

A phone tab (412x915, touch) is open on Repairs and a desktop tab on the Journal, on ten years of data.
Then, a round at a time, the real CLI (another process) adds a repair and logs a reflection; the time is
from the CLI process's end (its commit is done) to the new words being in the tab's accessibility tree,
polled every animation frame. Also printed: the websocket bytes each tab received for the change, and
what the tabs received while nothing changed (more than a few bytes there would mean a refresh loop).

    python -m benchmarks.outside_change [ROUNDS] [--days N]

Runs with the interpreter it is started with (PYTHONPATH picks the checkout).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import TEN_YEARS, generate
from benchmarks.run import CHROMIUM_ARGS, Served, _today

PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1280, "height": 800}
IDLE_SECONDS = 5

SHOWN_JS = """(needle) => Array.from(document.querySelectorAll('flt-semantics')).some(
    e => (e.getAttribute('aria-label') || '').includes(needle) || (e.textContent || '').includes(needle))"""


class Tab:
    """A browser page with its websocket's received bytes counted."""

    def __init__(self, browser, url: str, size: dict, path: str, ready: str):
        self.context = browser.new_context(viewport=size, has_touch=size is PHONE, is_mobile=size is PHONE,
                                           device_scale_factor=1)
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)
        self.frames: list[int] = []
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", lambda e: self.frames.append(len(e["response"]["payloadData"])))
        self.page.goto(url.rstrip("/") + "/" + path)
        self.page.wait_for_selector("flt-semantics-placeholder", state="attached")
        self.page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
        self.page.wait_for_selector(ready, state="attached")

    def received(self) -> int:
        return sum(self.frames)

    def shown(self, needle: str) -> float:
        """Wait (polling every animation frame) until ``needle`` is in the accessibility tree; the time then."""
        self.page.wait_for_function(SHOWN_JS, arg=needle, polling="raf", timeout=60_000)
        return time.perf_counter()


def cli(db: Path, *args: str) -> float:
    """Run the real CLI on the store; the time it ended."""
    subprocess.run([sys.executable, "-m", "valuesapp", "--db", str(db), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "VALUESAPP_FETCH_FONTS": "0"})
    return time.perf_counter()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=5)
    parser.add_argument("--days", type=int, default=TEN_YEARS)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="valuesapp-outside-"))
    try:
        db = work / "store.db"
        generate(db, days=args.days, end=_today())
        env = {**os.environ, "VALUESAPP_FETCH_FONTS": "0"}
        server = Served([sys.executable, "-m", "valuesapp", "--db", str(db), "serve", "--port", "{port}"], env,
                        work / "serve.log")
        server.start()
        figures: dict[str, list[tuple[float, int]]] = {"repair -> phone Repairs": [], "reflection -> desktop Journal": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            try:
                server.wait_listening()
                phone = Tab(browser, server.url, PHONE, "repairs", "[flt-semantics-identifier='repair-list']")
                desktop = Tab(browser, server.url, DESKTOP, "journal", "[flt-semantics-identifier^='reflection-']")
                phone.page.wait_for_timeout(2000)
                before = phone.received(), desktop.received()
                phone.page.wait_for_timeout(IDLE_SECONDS * 1000)
                idle = phone.received() - before[0], desktop.received() - before[1]
                for round_ in range(args.rounds):
                    for key, tab, change, needle in (
                        ("repair -> phone Repairs", phone, ("repairs", "add", f"Rowan {round_}", f"Owed round {round_}."),
                         f"Owed round {round_}."),
                        ("reflection -> desktop Journal", desktop, ("reflect", f"Outside round {round_}, noted."),
                         f"Outside round {round_}, noted."),
                    ):
                        start_bytes = tab.received()
                        ended = cli(db, *change)
                        latency = tab.shown(needle) - ended
                        tab.page.wait_for_timeout(500)  # the rest of the update's frames
                        figures[key].append((latency, tab.received() - start_bytes))
            finally:
                browser.close()
                server.stop()
        print(f"Idle for {IDLE_SECONDS} s with both tabs open: phone received {idle[0]} B, desktop {idle[1]} B")
        print("| change (CLI, another process) | CLI end -> shown in the open tab (median, max) | bytes to the tab (median) |")
        print("|---|---|---|")
        for key, rows in figures.items():
            latencies = [r[0] for r in rows]
            print(f"| {key} | {statistics.median(latencies) * 1000:.0f} ms, {max(latencies) * 1000:.0f} ms "
                  f"| {statistics.median(r[1] for r in rows) / 1024:.1f} KiB |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
