"""Where a tab click's time goes: the click's message to the server, the server's update back (its size
and when it arrived), and the content drawn. Run after `bash benchmarks/run.sh` made .venv-bench:

    .venv-bench/bin/python -m benchmarks.tab_frames [ROUNDS]

Ten years of data are generated into a temporary folder. Websocket frames are read through the Chrome
DevTools Protocol; times are from the click, on the Python side.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import TEN_YEARS, generate
from benchmarks.run import BIN, CHROMIUM_ARGS, SCREENS, TAB_CLICK_JS, Served, _today, open_until


def main(rounds: int = 3) -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="valuesapp-tabs-"))
    try:
        db = work / "ten-years.db"
        generate(db, days=TEN_YEARS, end=_today())
        valuesapp = shutil.which("valuesapp", path=str(BIN)) or "valuesapp"
        env = {**os.environ, "VALUESAPP_FETCH_FONTS": "0"}
        server = Served([valuesapp, "--db", str(db), "serve", "--port", "{port}"], env, work / "serve.log")
        server.start()
        figures: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name, _ in SCREENS}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            try:
                server.wait_listening()
                context, page, _ = open_until(browser, server.url, SCREENS[-1][1], time.perf_counter())
                received: list[tuple[float, int]] = []
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.on("Network.webSocketFrameReceived",
                       lambda e: received.append((time.perf_counter(), len(e["response"]["payloadData"]))))
                previous = SCREENS[-1][1]
                for round_ in range(rounds + 1):  # the first round builds each screen once; not counted
                    for name, selector in SCREENS:
                        received.clear()
                        clicked = time.perf_counter()
                        shown = page.evaluate(TAB_CLICK_JS, [name, selector, previous]) / 1000
                        previous = selector
                        if round_ and received:
                            big = max(received, key=lambda r: r[1])
                            figures[name].append((shown, big[0] - clicked, sum(n for _, n in received), len(received)))
                        page.wait_for_timeout(300)
            finally:
                browser.close()
                server.stop()
        print("| tab | click -> visible | click -> server's update received | update bytes | messages |")
        print("|---|---|---|---|---|")
        for name, rows in figures.items():
            shown, update, size, count = (statistics.median(col) for col in zip(*rows))
            print(f"| {name} | {shown * 1000:.0f} ms | {update * 1000:.0f} ms | {size / 1024:.0f} KiB | {count:.0f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
