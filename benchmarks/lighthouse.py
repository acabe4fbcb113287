"""Lighthouse 12.2.3's accessibility score of the served app, and the audits it fails.

Usage: python -m benchmarks.lighthouse [--path today] [--friend]

Seeds a temporary store through the CLI (values, a reflection, a repair, a friend's note and link), starts
`valuesapp serve` on it, and runs Lighthouse against the page (``--friend``: the friend's note page at
/f/<token> instead). It installs nothing: it runs ``lighthouse`` from LIGHTHOUSE (a path), else
/tmp/lh/node_modules/.bin/lighthouse (``npm install --prefix /tmp/lh lighthouse@12.2.3``), else
``npx --yes lighthouse@12.2.3``. Debian's Chromium at CHROME_PATH (default /usr/bin/chromium).

What Lighthouse reads of a Flutter page is the document itself (language, title, viewport, the loading
splash) and the hidden "Enable accessibility" placeholder: Flutter builds its tree of controls only once
that placeholder is pressed, which Lighthouse never does. The controls are covered by
tests/browser/test_accessibility.py, which presses it and reads Chromium's accessibility tree.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VERSION = "12.2.3"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def lighthouse_command() -> list[str]:
    if os.environ.get("LIGHTHOUSE"):
        return [os.environ["LIGHTHOUSE"]]
    local = Path("/tmp/lh/node_modules/.bin/lighthouse")
    if local.exists():
        return [str(local)]
    return ["npx", "--yes", f"lighthouse@{VERSION}"]


def cli(db: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "valuesapp", "--db", str(db), *args], check=True,
                          capture_output=True, text=True)
    return done.stdout


def seed(db: Path) -> str:
    """A store with something in every list; returns the friend's link path."""
    for title in ("Honesty", "Patience", "Courage"):
        cli(db, "values", "add", title)
    cli(db, "reflect", "Told Sam the truth about the delay.", "--rating", "3", "--value", "1")
    cli(db, "repairs", "add", "Sam", "Snapped at Sam about the release.")
    cli(db, "feedback", "add", "Maya", "You talk over people when you get excited.")
    link = cli(db, "links", "create", "Alex", "--base-url", "http://127.0.0.1")
    return re.search(r"/f/[\w-]+", link).group(0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "FLET_FORCE_WEB_SERVER": "1", "VALUESAPP_DB": str(db), "VALUESAPP_FETCH_FONTS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "valuesapp", "serve", "--port", str(port)], env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"valuesapp serve exited: {log.read_text(errors='replace')[-1500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.3):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("valuesapp serve did not listen within 90 s")


def failing(report: dict) -> list[str]:
    """Each failed audit of the accessibility category, with the first few elements it named."""
    lines = []
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit.get("score") is None or audit["score"] >= 1 or audit.get("scoreDisplayMode") in ("manual", "notApplicable"):
            continue
        lines.append(f"  {ref['id']} (weight {ref['weight']}): {audit['title']}")
        for item in (audit.get("details") or {}).get("items", [])[:5]:
            node = item.get("node") or {}
            lines.append(f"      {node.get('snippet', '')[:140]}  {node.get('explanation', '').splitlines()[-1:] or ''}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="today", help="the app's screen to audit (default: today)")
    parser.add_argument("--friend", action="store_true", help="audit the friend's note page instead")
    parser.add_argument("--keep", type=Path, help="write Lighthouse's JSON report here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="valuesapp-lh-") as tmp:
        db = Path(tmp) / "values.db"
        friend_path = seed(db)
        port = free_port()
        server = serve(db, port, Path(tmp) / "server.log")
        try:
            url = f"http://127.0.0.1:{port}" + (friend_path if args.friend else "/" + args.path.lstrip("/"))
            out = Path(tmp) / "report.json"
            env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium")}
            cmd = [*lighthouse_command(), url, "--only-categories=accessibility", "--output=json",
                   f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}", "--quiet", "--max-wait-for-load=60000"]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
            if done.returncode != 0 or not out.exists():
                print(done.stdout[-2000:], done.stderr[-3000:], file=sys.stderr)
                return 1
            report = json.loads(out.read_text())
            if args.keep:
                shutil.copy(out, args.keep)
        finally:
            server.terminate()
            server.wait(timeout=15)
    score = report["categories"]["accessibility"]["score"]
    print(f"Lighthouse {report.get('lighthouseVersion')} accessibility of {url}: {score:.2f}")
    lines = failing(report)
    print("Failing audits:" if lines else "No failing audits.")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
