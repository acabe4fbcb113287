"""Start to card, alone: ``valuesapp serve`` on ten years against bare Flet, interleaved, in one run.

The same measurement as the start-up row of ``benchmarks.run`` (from process start until the day's
card, or the hello card, is in a headless Chromium's accessibility tree), without the rest of the
benchmark, so a change to start-up can be measured in a minute. The ten years are generated once into
/tmp (``VALUESAPP_START_SPEED_DATA`` names another file) and copied for each round.

    python -m benchmarks.start_speed [ROUNDS] [BEFORE]

BEFORE: another checkout of valuesapp (say /work/main) served the same way in the same rounds, so a
change is measured against what it changes on a shared, noisy machine.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks.generate import TEN_YEARS, generate
from benchmarks.run import CHROMIUM_ARGS, HERE, ROOT, Served, _today, copy_store, median, ms, open_until

BIN = Path(sys.executable).parent
DATA = Path(os.environ.get("VALUESAPP_START_SPEED_DATA", "/tmp/valuesapp-start-speed/ten-years.db"))


def ten_years() -> Path:
    if not DATA.is_file():
        DATA.parent.mkdir(parents=True, exist_ok=True)
        print(f"Generating ten years into {DATA} ...", flush=True)
        generate(DATA, days=TEN_YEARS, end=_today())
    return DATA


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv else 5
    before = argv[1] if len(argv) > 1 else None
    from playwright.sync_api import sync_playwright

    data = ten_years()
    work = DATA.parent
    db = copy_store(data, work / "serve-startup.db")
    valuesapp = shutil.which("valuesapp", path=str(BIN)) or "valuesapp"
    env = {**os.environ, "VALUESAPP_FETCH_FONTS": "0", "PYTHONPATH": str(ROOT)}
    niceness = os.nice(0)
    if niceness < 10:  # as benchmarks.run: the servers and the browser at nice 10
        os.nice(10 - niceness)
    app_cmd = [valuesapp, "--db", str(db), "serve", "--port", "{port}"]
    hello_cmd = [sys.executable, str(HERE / "hello_flet.py"), "{port}"]
    ours, bare, old = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            for i in range(rounds + 1):  # the first round warms caches and is not counted
                pair = [("valuesapp", app_cmd, "[flt-semantics-identifier='today-card']", ours),
                        ("hello", hello_cmd, "[flt-semantics-identifier='hello-card']", bare)]
                if before:
                    pair.insert(1, ("before", app_cmd, "[flt-semantics-identifier='today-card']", old))
                for name, cmd, selector, into in (pair if i % 2 == 0 else pair[::-1]):
                    server = Served(cmd, {**env, "PYTHONPATH": before} if name == "before" else env, work / "serve.log")
                    started = time.perf_counter()
                    server.start()
                    try:
                        server.wait_listening()
                        listening = time.perf_counter() - started
                        context, _page, elapsed = open_until(browser, server.url, selector, started)
                        context.close()
                    finally:
                        server.stop()
                    print(f"  round {i}{'' if i else ' (warm-up)'} {name}: listening {ms(listening)}, "
                          f"card {ms(elapsed)}", flush=True)
                    if i:
                        into.append(elapsed)
        finally:
            browser.close()
    ratio = median(ours) / median(bare)
    print(f"Start -> card (median of {rounds}): valuesapp {ms(median(ours))} / hello {ms(median(bare))} = "
          f"{ratio:.2f}x (target <= 1.2x); load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if old:
        print(f"Before ({before}): {ms(median(old))} = {median(old) / median(bare):.2f}x bare Flet")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
