"""What opening the app costs a phone: bytes of a cold load and of a reopen, and the hosts asked, for the
served app and for bare Flet side by side; and Lighthouse's mobile scores for both.

    python -m benchmarks.load [--repeats N] [--lighthouse] [--db FILE]

At 412x915 (touch) in headless Chromium, read through the DevTools protocol: every HTTP response's
``encodedDataLength`` (what went over the wire: headers and body, compressed or not) and every websocket
frame received. A cold load is a fresh profile; the reopen is a new tab in the same profile, after the
first tab closed. A load counts as done once its card is in the accessibility tree and nothing more was
fetched for a second. Lighthouse is 12.2.3 (see benchmarks/lighthouse.py for where it comes from), with
its default mobile settings, run once per side. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
PHONE = {"width": 412, "height": 915}
APP_CARD = "[flt-semantics-identifier='today-card']"
HELLO_CARD = "[flt-semantics-identifier='hello-card']"
QUIET_SECONDS = 1.0
COLD_TARGET, REOPEN_TARGET = 5 * 2**20, 200 * 2**10


@dataclass
class Load:
    http_bytes: int = 0
    socket_bytes: int = 0
    requests: int = 0
    hosts: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    biggest: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.http_bytes + self.socket_bytes


def _frame_bytes(event: dict) -> int:
    response = event["response"]
    data = response.get("payloadData", "")
    return len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data.encode())


def measure(context, url: str, selector: str, *, timeout_ms: int = 120_000) -> Load:
    """One tab in ``context``: open ``url``, wait for ``selector``, then for a quiet network; what it took."""
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    load, urls, started_at = Load(), {}, [time.monotonic()]
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})

    def sent(e):
        urls[e["requestId"]] = e["request"]["url"]
        host = urlsplit(e["request"]["url"]).hostname
        if host:
            load.hosts.add(host)
        load.requests += 1
        started_at[0] = time.monotonic()

    def finished(e):
        load.http_bytes += int(e.get("encodedDataLength", 0))
        load.biggest.append((int(e.get("encodedDataLength", 0)), urls.get(e["requestId"], "?")))
        started_at[0] = time.monotonic()

    def frame(e):
        load.socket_bytes += _frame_bytes(e)

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", lambda e: load.errors.append(
        f"failed: {urls.get(e['requestId'], '?')} ({e.get('blockedReason') or e.get('errorText')})"))
    cdp.on("Network.webSocketFrameReceived", frame)
    page.on("console", lambda m: load.errors.append(f"console {m.type}: {m.text[:160]}") if m.type == "error" else None)
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector(selector, state="attached")
    while time.monotonic() - started_at[0] < QUIET_SECONDS:
        page.wait_for_timeout(100)
    load.biggest.sort(reverse=True)
    page.close()
    return load


def cold_and_reopen(browser, url: str, selector: str) -> tuple[Load, Load]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    try:
        cold = measure(context, url, selector)
        again = measure(context, url, selector)
    finally:
        context.close()
    return cold, again


def kib(n: float) -> str:
    return f"{n / 2**20:.2f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


def load_rows(report, browser, app: "Served", hello: "Served", repeats: int) -> None:  # noqa: F821
    """The rows for run.py's table: cold and reopen bytes and hosts, app beside bare Flet."""
    figures = {"app": ([], [], set()), "hello": ([], [], set())}
    notes: list[str] = []
    for i in range(repeats):
        order = [("app", app, APP_CARD), ("hello", hello, HELLO_CARD)]
        for name, server, selector in (order if i % 2 == 0 else order[::-1]):
            cold, again = cold_and_reopen(browser, server.url, selector)
            colds, reopens, hosts = figures[name]
            colds.append(cold.total)
            reopens.append(again.total)
            hosts.update(cold.hosts | again.hosts)
            print(f"  {name}: cold {kib(cold.total)} (http {kib(cold.http_bytes)}, websocket {kib(cold.socket_bytes)}, "
                  f"{cold.requests} requests), reopen {kib(again.total)} (http {kib(again.http_bytes)}, websocket "
                  f"{kib(again.socket_bytes)}, {again.requests} requests); hosts {sorted(cold.hosts | again.hosts)}",
                  flush=True)
            if i == 0:
                notes.append(f"{name} cold load's largest responses: " + ", ".join(
                    f"{urlsplit(u).path} {kib(n)}" for n, u in cold.biggest[:5]))
                errors = sorted(set(cold.errors + again.errors))
                if errors:
                    notes.append(f"{name} load errors: " + "; ".join(errors[:6]))
    (ac, ar, ah), (hc, hr, hh) = figures["app"], figures["hello"]
    cold_app, reopen_app = statistics.median(ac), statistics.median(ar)
    report.add("4 browser", "Cold load at 412x915, bytes over the wire (HTTP + websocket), vs bare Flet",
               f"valuesapp {kib(cold_app)} / hello {kib(statistics.median(hc))}", "<= 5 MiB",
               "ok" if cold_app <= COLD_TARGET else "MISSED")
    report.add("4 browser", "Reopen in the same profile, bytes over the wire, vs bare Flet",
               f"valuesapp {kib(reopen_app)} / hello {kib(statistics.median(hr))}", "<= 200 KiB",
               "ok" if reopen_app <= REOPEN_TARGET else "MISSED")
    others = sorted(h for h in ah if h != "127.0.0.1")
    report.add("4 browser", "Hosts a load asks, other than the server", f"valuesapp: {', '.join(others) or 'none'}; "
               f"hello: {', '.join(sorted(h for h in hh if h != '127.0.0.1')) or 'none'}", "none",
               "ok" if not others else "MISSED")
    report.notes.extend(notes)


# Lighthouse


def lighthouse_scores(url: str, out: Path) -> dict[str, float]:
    from benchmarks.lighthouse import CHROME_FLAGS, lighthouse_command

    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium")}
    cmd = [*lighthouse_command(), url, "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}",
           "--quiet", "--max-wait-for-load=90000", "--only-categories=performance,accessibility,best-practices"]
    for _attempt in range(3):  # on a busy machine a DevTools call can time out inside Lighthouse: try again
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode == 0 and out.exists():
            break
    else:
        raise RuntimeError(f"lighthouse failed: {done.stderr[-1500:]}")
    report = json.loads(out.read_text())
    return {name: cat["score"] for name, cat in report["categories"].items()}


def lighthouse_rows(report, app: "Served", hello: "Served", work: Path) -> None:  # noqa: F821
    scores: dict[str, dict[str, float]] = {}
    for name, server in (("app", app), ("hello", hello)):
        try:
            scores[name] = lighthouse_scores(server.url, work / f"lighthouse-{name}.json")
        except (RuntimeError, subprocess.TimeoutExpired) as exc:  # a failed audit leaves its row empty, not the run
            report.notes.append(f"Lighthouse on {name} did not finish: {str(exc).splitlines()[-1][:200]}")
            scores[name] = {}
    for category in ("performance", "accessibility", "best-practices"):
        app_score, hello_score = (scores[n].get(category) for n in ("app", "hello"))
        report.add("4 browser", f"Lighthouse 12.2.3 mobile {category}, vs bare Flet",
                   f"valuesapp {'-' if app_score is None else f'{app_score:.2f}'} / "
                   f"hello {'-' if hello_score is None else f'{hello_score:.2f}'}")


def load_part(report, browser, data, work: Path, env: dict, valuesapp: str, repeats: int, *,
              lighthouse: bool = True) -> None:
    """Part of run.py's browser part: one app server (ten years) and one bare Flet, side by side."""
    from benchmarks.run import Served, copy_store

    db = copy_store(data.ten, work / "serve-load.db")
    app = Served([valuesapp, "--db", str(db), "serve", "--port", "{port}"], env, work / "serve.log")
    hello = Served([sys.executable, str(HERE / "hello_flet.py"), "{port}"], env, work / "hello.log")
    for server in (app, hello):
        server.start()
    try:
        for server in (app, hello):
            server.wait_listening()
        ready_compressed(app.url)
        load_rows(report, browser, app, hello, repeats)
        if lighthouse:
            lighthouse_rows(report, app, hello, work)
    finally:
        app.stop()
        hello.stop()


def bench_load(report, data, work: Path, repeats: int, *, lighthouse: bool = True) -> None:
    from benchmarks.run import BIN, CHROMIUM_ARGS

    from playwright.sync_api import sync_playwright

    valuesapp = shutil.which("valuesapp", path=str(BIN)) or "valuesapp"
    env = {**os.environ, "VALUESAPP_FETCH_FONTS": "0"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            load_part(report, browser, data, work, env, valuesapp, repeats, lighthouse=lighthouse)
        finally:
            browser.close()


def ready_compressed(url: str, timeout: float = 300) -> None:
    """Wait until the server answers its big files compressed, if it ever will (it compresses its client
    files once, in the background, after it starts); a server that never does is measured as it is."""
    import urllib.request

    deadline = time.monotonic() + timeout
    for path in ("main.dart.wasm", "canvaskit/skwasm.wasm", "main.dart.js", "canvaskit/chromium/canvaskit.wasm",
                 "assets/fonts/MaterialIcons-Regular.otf"):
        while time.monotonic() < deadline:
            request = urllib.request.Request(url + path, method="HEAD", headers={"accept-encoding": "br"})
            with urllib.request.urlopen(request) as answer:
                if answer.headers.get("content-encoding") == "br":
                    break
                if "accept-encoding" not in (answer.headers.get("vary") or "").lower():
                    return  # this server never compresses
            time.sleep(1)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.generate import TEN_YEARS, generate
    from benchmarks.run import Report, _today

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--days", type=int, default=TEN_YEARS)
    parser.add_argument("--lighthouse", action="store_true", help="also Lighthouse's mobile scores (minutes)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="valuesapp-load-"))
    try:
        db = work / "ten-years.db"
        generate(db, days=args.days, end=_today())
        report = Report()

        class _Data:
            ten = db

        bench_load(report, _Data, work, args.repeats, lighthouse=args.lighthouse)
        print(report.table())
        for note in report.notes:
            print("- " + note)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
