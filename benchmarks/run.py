"""Ten years of use, measured: scaling of every screen's service calls, a real peer (jrnl), the app in
headless Chromium against bare Flet, and export/import. Prints a table and writes benchmarks/results.md.

Every figure is a median over several runs, and every comparison is a ratio of two medians measured in
the same run with the two sides interleaved, because the machines this runs on are shared and noisy.

    python -m benchmarks [--smoke] [--skip-peer] [--skip-browser] [--skip-lighthouse] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from benchmarks.generate import ONE_MONTH, TEN_YEARS, generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
CHROMIUM_ARGS = [  # as the browser tests launch it (tests/browser/conftest.py)
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader",
]
RARE = "Leuchtturmwärter"  # the generator puts it in about one reflection in 200
SCALING_TARGET = 1.5


# Results


@dataclass
class Row:
    section: str
    what: str
    figure: str
    target: str = ""
    verdict: str = ""  # "ok", "MISSED", or "" when there is no target

    def cells(self) -> list[str]:
        return [self.section, self.what, self.figure, self.target, self.verdict]


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        print(" | ".join(c for c in row.cells() if c), flush=True)
        return row

    def table(self) -> str:
        head = ["part", "what", "figure", "target", "met"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in self.rows:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in r.cells()) + " |")
        return "\n".join(lines)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


# The data


@dataclass
class Data:
    ten: Path
    month: Path
    end: date
    ten_days: int
    month_days: int
    seconds: float


def make_data(work: Path, *, smoke: bool, end: date) -> Data:
    ten_days, month_days = (60, 10) if smoke else (TEN_YEARS, ONE_MONTH)
    started = time.perf_counter()
    ten = work / "ten-years.db"
    generate(ten, days=ten_days, end=end)
    elapsed = time.perf_counter() - started
    month = work / "one-month.db"
    generate(month, days=month_days, end=end)
    return Data(ten, month, end, ten_days, month_days, elapsed)


def copy_store(source: Path, target: Path) -> Path:
    """A private copy (through SQLite's backup API) for a part that writes."""
    for leftover in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)  # a stale WAL beside a new file reads as a damaged store
    src, dest = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()
    return target


# 2. Scaling of the service calls behind every screen and CLI command


def services_on(path: Path, end: date):
    from valuesapp.core.clock import FixedClock
    from valuesapp.services import build_services
    from valuesapp.store.engine import open_store

    clock = FixedClock(datetime.combine(end, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=12))
    return build_services(open_store(path), clock=clock, rng=random.Random(1), system_timezone="UTC")


def screen_calls(s) -> dict[str, Callable[[], object]]:
    """The calls each screen's refresh and each CLI command makes, as they make them."""
    from valuesapp.ui.heatmap import Heatmap
    from valuesapp.ui.journal import PAGE_SIZE

    def today_screen():
        s.overview.today()
        s.values.list(include_archived=True)

    def today_cli():
        s.practice.card()
        s.practice.streak()

    def values_screen():
        s.values.list(include_archived=True)
        s.values.current_focus()
        s.practice.today()

    def journal_screen():
        s.journal.list(limit=1)
        s.values.list(include_archived=True)
        today = s.practice.today()
        s.journal.reflected_days(*Heatmap.span(today))
        s.journal.list(limit=PAGE_SIZE + 1)

    def repairs_screen():
        from valuesapp.ui.repairs import PAGE

        s.repairs.counts()
        s.repairs.list("open")
        s.repairs.list("done", limit=PAGE)
        s.repairs.list("released", limit=PAGE)

    def feedback_screen():
        from valuesapp.ui.feedback import PAGE

        s.feedback.counts()
        notes = s.feedback.list("all", limit=PAGE)
        s.repairs.by_ids(i for n in notes for i in n.repair_ids)

    return {
        "Today screen (overview, values)": today_screen,
        "`valuesapp today` (card, streak)": today_cli,
        "Values screen (list with archived, focus)": values_screen,
        "`valuesapp values list`": lambda: s.values.list(),
        "Journal first page (20 newest)": lambda: s.journal.list(limit=PAGE_SIZE + 1),
        "Journal screen (first page, heatmap, value filter)": journal_screen,
        "`valuesapp journal --limit 10`": lambda: s.journal.list(limit=10),
        "Repairs screen (open, newest 30 closed, counts)": repairs_screen,
        "`valuesapp repairs list` (open)": lambda: s.repairs.list("open"),
        "Feedback screen (newest 30 notes, counts)": feedback_screen,
        "`valuesapp feedback list --limit 10`": lambda: s.feedback.list("all", limit=10),
        "Nav counts (open repairs, new feedback)": lambda: s.overview.counts(),
    }


def growing_calls(s) -> dict[str, Callable[[], object]]:
    """Calls whose answer grows with the data (every match, every note): their growth is stated, not held
    to the 1.5x target."""
    from valuesapp.ui.journal import PAGE_SIZE

    return {
        f"Search screen, rare word {RARE!r} (first page)": lambda: s.journal.list(search=RARE, limit=PAGE_SIZE + 1),
        "Search screen, common word 'ÉTÉ' (first page)": lambda: s.journal.list(search="ÉTÉ", limit=PAGE_SIZE + 1),
        f"`journal --search {RARE}` (all matches)": lambda: s.journal.list(search=RARE),
        "`journal --search ÉTÉ` (all matches)": lambda: s.journal.list(search="ÉTÉ"),
        "Search, two letters 'ét' (no index: every row read)": lambda: s.journal.list(search="ét", limit=PAGE_SIZE + 1),
        "`valuesapp feedback list` (prints every note)": lambda: s.feedback.list("all"),
    }


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def interleaved(a: Callable[[], object], b: Callable[[], object], repeats: int) -> tuple[list[float], list[float]]:
    """Time a and b alternately (which goes first alternates too), after one warm-up of each."""
    a(), b()
    ta, tb = [], []
    for i in range(repeats):
        if i % 2:
            tb.append(timed(b))
            ta.append(timed(a))
        else:
            ta.append(timed(a))
            tb.append(timed(b))
    return ta, tb


def bench_scaling(report: Report, data: Data, repeats: int) -> None:
    ten = services_on(copy_store(data.ten, data.ten.with_name("scaling-ten.db")), data.end)
    month = services_on(copy_store(data.month, data.month.with_name("scaling-month.db")), data.end)
    label = f"{data.ten_days // 365 or data.ten_days} {'years' if data.ten_days >= 365 else 'days'}"
    try:
        for name, (fa, fb) in _pairs(screen_calls(ten), screen_calls(month)):
            ta, tb = interleaved(fa, fb, repeats)
            ratio = median(ta) / median(tb)
            report.add("2 scaling", name, f"{label} {ms(median(ta))} / one month {ms(median(tb))} = {ratio:.2f}x",
                       f"<= {SCALING_TARGET}x", verdict(ratio <= SCALING_TARGET))
        for name, (fa, fb) in _pairs(growing_calls(ten), growing_calls(month)):
            ta, tb = interleaved(fa, fb, repeats)
            ratio = median(ta) / median(tb)
            report.add("2 scaling", name, f"{label} {ms(median(ta))} / one month {ms(median(tb))} = {ratio:.2f}x",
                       "growth stated")
        counts = {
            "reflections with the rare word": len(ten.journal.list(search=RARE)),
            "reflections with 'été'": len(ten.journal.list(search="ÉTÉ")),
        }
        report.notes.append("Search matches in the large data set: " + ", ".join(f"{k}: {v}" for k, v in counts.items()) + ".")
    finally:
        ten.context.store.close()
        month.context.store.close()


def _pairs(a: dict, b: dict):
    for name in a:
        yield name, (a[name], b[name])


# 3. Against a real peer: jrnl, as whole processes


def jrnl_setup(work: Path, source: Path) -> dict[str, str]:
    """jrnl with its own config (XDG dirs in the work folder), no encryption, the same reflections."""
    config_home, data_home = work / "jrnl-config", work / "jrnl-data"
    (config_home / "jrnl").mkdir(parents=True, exist_ok=True)
    data_home.mkdir(parents=True, exist_ok=True)
    journal = data_home / "journal.txt"
    # YAML (a JSON config makes jrnl think it is from version 1 and ask to upgrade it).
    config = f"""colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: '{journal}'
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '{_version("jrnl")}'
"""
    (config_home / "jrnl" / "jrnl.yaml").write_text(config, encoding="utf-8")
    conn = sqlite3.connect(source)
    try:
        rows = conn.execute("SELECT created_at, text FROM reflection ORDER BY created_at, id").fetchall()
    finally:
        conn.close()
    with journal.open("w", encoding="utf-8") as out:
        for created, text in rows:
            stamp = datetime.fromisoformat(str(created)).strftime("%Y-%m-%d %H:%M")
            out.write(f"[{stamp}] {text}\n\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "XDG_DATA_HOME": str(data_home), "NO_COLOR": "1"}
    env.pop("JRNL_CONFIG", None)
    return env


def run_process(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Wall seconds and stdout of one whole process."""
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-800:]}")
    return elapsed, done.stdout.decode("utf-8", errors="replace")


def peak_process(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one whole process, from the kernel's rusage."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-800:]}")
    return elapsed, usage.ru_maxrss / 1024


def process_pair(report: Report, what: str, ours: list[str], theirs: list[str], env_ours, env_theirs, repeats: int,
                 *, theirs_name: str, target_faster: bool = True) -> None:
    run_process(ours, env_ours), run_process(theirs, env_theirs)  # warm the page cache for both
    ta, tb = [], []
    for i in range(repeats):
        order = [(ours, env_ours, ta), (theirs, env_theirs, tb)]
        for cmd, env, into in (order if i % 2 == 0 else order[::-1]):
            into.append(run_process(cmd, env)[0])
    ratio = median(ta) / median(tb)
    if target_faster:
        report.add("3 peer", what, f"valuesapp {ms(median(ta))} / {theirs_name} {ms(median(tb))} = {ratio:.2f}x",
                   "< 1x (faster)", verdict(ratio < 1))
    else:
        report.add("3 peer", what, f"valuesapp {ms(median(ta))} / {theirs_name} {ms(median(tb))} = {ratio:.2f}x")


def bench_peer(report: Report, data: Data, work: Path, repeats: int) -> None:
    jrnl = shutil.which("jrnl", path=str(BIN)) or shutil.which("jrnl")
    valuesapp = shutil.which("valuesapp", path=str(BIN)) or shutil.which("valuesapp")
    if valuesapp is None:
        report.notes.append("Part 3 skipped: the valuesapp command is not installed in this environment.")
        return
    db = copy_store(data.ten, work / "peer.db")
    ours_env = {**os.environ, "VALUESAPP_DB": str(db)}
    ours_env.pop("FLET_FORCE_WEB_SERVER", None)
    if jrnl is None:
        report.notes.append("jrnl is not installed (pip install -r benchmarks/requirements.txt): peer comparisons skipped.")
    else:
        theirs_env = jrnl_setup(work, db)
        count = run_process([jrnl, "--format", "short", "-n", "100000"], theirs_env)[1].count("\n")
        report.notes.append(f"jrnl ({_version('jrnl')}) holds {count} entries, the same texts as the store's reflections.")
        n = iter(range(10**6))
        entry = lambda: f"Held my tongue at the meeting, then said it kindly afterwards. Été {next(n)}."  # noqa: E731
        # Adding: every call adds one more entry, to both, so both grow alike.
        ta, tb = [], []
        run_process([valuesapp, "reflect", entry()], ours_env), run_process([jrnl, entry()], theirs_env)
        for i in range(repeats):
            pair = [([valuesapp, "reflect", entry()], ours_env, ta), ([jrnl, entry()], theirs_env, tb)]
            for cmd, env, into in (pair if i % 2 == 0 else pair[::-1]):
                into.append(run_process(cmd, env)[0])
        ratio = median(ta) / median(tb)
        report.add("3 peer", "Add one entry: `valuesapp reflect TEXT` vs `jrnl TEXT`",
                   f"valuesapp {ms(median(ta))} / jrnl {ms(median(tb))} = {ratio:.2f}x", "< 1x (faster)", verdict(ratio < 1))
        process_pair(report, "List the last 10: `valuesapp journal --limit 10` vs `jrnl -n 10`",
                     [valuesapp, "journal", "--limit", "10"], [jrnl, "-n", "10"], ours_env, theirs_env, repeats,
                     theirs_name="jrnl")
        ours_hits = run_process([valuesapp, "journal", "--search", RARE, "--json"], ours_env)[1]
        theirs_hits = run_process([jrnl, "-contains", RARE, "--format", "short"], theirs_env)[1]
        report.notes.append(f"Text search for {RARE!r}: valuesapp finds {len(json.loads(ours_hits))}, "
                            f"jrnl finds {theirs_hits.count(chr(10))} (one line each).")
        process_pair(report, f"Search: `valuesapp journal --search {RARE}` vs `jrnl -contains {RARE}`",
                     [valuesapp, "journal", "--search", RARE], [jrnl, "-contains", RARE], ours_env, theirs_env, repeats,
                     theirs_name="jrnl")
        # Growth: the same commands on one month of data, so the ten-year figures can be read as growth.
        small_db = copy_store(data.month, work / "peer-month.db")
        small_ours = {**ours_env, "VALUESAPP_DB": str(small_db)}
        small_theirs = jrnl_setup(work / "month", small_db)
        for name, cmd, ten_env, month_env in (("valuesapp journal --limit 10", [valuesapp, "journal", "--limit", "10"], ours_env, small_ours),
                                               ("jrnl -n 10", [jrnl, "-n", "10"], theirs_env, small_theirs)):
            ta, tb = [], []
            run_process(cmd, ten_env), run_process(cmd, month_env)
            for i in range(repeats):
                pair = [(ten_env, ta), (month_env, tb)]
                for env, into in (pair if i % 2 == 0 else pair[::-1]):
                    into.append(run_process(cmd, env)[0])
            report.add("3 peer", f"Growth of `{name}`: ten years / one month",
                       f"{ms(median(ta))} / {ms(median(tb))} = {median(ta) / median(tb):.2f}x")
    python_env = {k: v for k, v in os.environ.items()}
    floor = [sys.executable, "-c", "import sqlmodel, typer"]
    run_process(floor, python_env)
    for what, args in (("today", ["today"]), ("reflect TEXT", ["reflect", "Said it kindly, the second time."]),
                       ("journal --limit 10", ["journal", "--limit", "10"])):
        ta, tb = [], []
        run_process([valuesapp, *args], ours_env)
        for i in range(repeats):
            pair = [([valuesapp, *args], ours_env, ta), (floor, python_env, tb)]
            for cmd, env, into in (pair if i % 2 == 0 else pair[::-1]):
                into.append(run_process(cmd, env)[0])
        ratio = median(ta) / median(tb)
        report.add("3 peer", f"The floor: `valuesapp {what}` vs `python -c 'import sqlmodel, typer'`",
                   f"valuesapp {ms(median(ta))} / imports alone {ms(median(tb))} = {ratio:.2f}x", "<= 1.25x",
                   verdict(ratio <= 1.25))
    ta, tb = [], []
    run_process([valuesapp, "today"], ours_env), run_process([sys.executable, "-c", "pass"], python_env)
    for i in range(repeats):
        pair = [([valuesapp, "today"], ours_env, ta), ([sys.executable, "-c", "pass"], python_env, tb)]
        for cmd, env, into in (pair if i % 2 == 0 else pair[::-1]):
            into.append(run_process(cmd, env)[0])
    report.add("3 peer", "Start-up: `valuesapp today` vs `python -c pass`",
               f"valuesapp {ms(median(ta))} / python {ms(median(tb))} = {median(ta) / median(tb):.2f}x "
               f"(valuesapp's own share {ms(median(ta) - median(tb))})")


# 4. The app in headless Chromium


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A server process (valuesapp serve, or bare Flet) started at nice 10, as the browser is."""

    def __init__(self, cmd: list[str], env: dict[str, str], log: Path):
        self.port = _free_port()
        self.cmd = [c.replace("{port}", str(self.port)) for c in cmd]
        self.env = {**env, "FLET_FORCE_WEB_SERVER": "1"}
        self.log = log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT)

    def wait_listening(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.cmd} exited: {self.log.read_text(errors='replace')[-1500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"{self.cmd} did not listen within {timeout} s")

    def rss_mib(self) -> float:
        """Resident memory of the server and any children it started."""
        total = 0
        for pid in [self.proc.pid, *_children(self.proc.pid)]:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _children(pid: int) -> list[int]:
    found = []
    try:
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            found += [int(child), *_children(int(child))]
    except OSError:
        pass
    return found


DESKTOP = {"width": 1280, "height": 800}

# Clicks the accessibility node of a rail tab, then polls every animation frame until the screen's
# content node is in the accessibility tree (Flutter adds it only once the frame showing it is drawn).
TAB_CLICK_JS = """
async ([tabName, selector, goneSelector]) => {
  const tab = Array.from(document.querySelectorAll('flt-semantics[role=tab], flt-semantics[role=button]'))
      .find(e => (e.getAttribute('aria-label') || e.textContent || '').trim().startsWith(tabName + '\\n')
              || (e.getAttribute('aria-label') || e.textContent || '').trim().startsWith(tabName + ' '));
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

SCREENS = [  # tab label, the node that shows its content
    ("Values", "[flt-semantics-identifier='ranked-values']"),
    ("Journal", "[flt-semantics-identifier^='reflection-']"),
    ("Repairs", "[flt-semantics-identifier='repair-list']"),
    ("Feedback", "[flt-semantics-identifier^='feedback-']:not([flt-semantics-identifier='feedback-list'])"
                 ":not([flt-semantics-identifier='feedback-form'])"),
    ("Today", "[flt-semantics-identifier='today-card']"),
]


def open_until(browser, url: str, selector: str, started: float | None = None, *, timeout_ms: int = 90_000):
    """A fresh page: load, switch the accessibility tree on, wait for ``selector``. Returns (context, page,
    seconds since ``started``)."""
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    # The placeholder turns the accessibility tree on; it is there before the app has drawn anything.
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector(selector, state="attached")
    return context, page, (time.perf_counter() - started) if started is not None else 0.0


def bench_browser(report: Report, data: Data, work: Path, repeats: int, *, lighthouse: bool = True) -> None:
    from benchmarks.load import load_part

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if chromium is None or sync_playwright is None:
        report.notes.append("Part 4 skipped: needs Debian's chromium (apt-get install chromium) and playwright.")
        return
    valuesapp = shutil.which("valuesapp", path=str(BIN)) or "valuesapp"
    env = {**os.environ, "VALUESAPP_FETCH_FONTS": "0"}  # offline here; no font fetch attempts in the figures
    niceness = os.nice(0)
    if niceness < 10:  # this process, then Chromium and the servers it starts, at nice 10 or more
        os.nice(10 - niceness)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            _startup(report, browser, data, work, env, valuesapp, repeats)
            load_part(report, browser, data, work, env, valuesapp, repeats, lighthouse=lighthouse)
            _tabs(report, browser, data, work, env, valuesapp, repeats)
            from benchmarks import tab_frames  # phone-size switches and changes: bytes and times (issue 13)

            for line in tab_frames.measure(max(repeats, 5), work=work, db=data.ten, browser=browser):
                report.add("4 browser", line.what, line.figure, line.target, verdict(bool(line.ok)))
            _memory(report, browser, data, work, env, valuesapp)
        finally:
            browser.close()


def _startup(report, browser, data, work, env, valuesapp, repeats) -> None:
    db = copy_store(data.ten, work / "serve-startup.db")
    app_cmd = [valuesapp, "--db", str(db), "serve", "--port", "{port}"]
    hello_cmd = [sys.executable, str(HERE / "hello_flet.py"), "{port}"]
    ta, tb = [], []
    for i in range(repeats + 1):  # the first round warms caches and is not counted
        pair = [(app_cmd, "[flt-semantics-identifier='today-card']", ta),
                (hello_cmd, "[flt-semantics-identifier='hello-card']", tb)]
        for cmd, selector, into in (pair if i % 2 == 0 else pair[::-1]):
            server = Served(cmd, env, work / "serve.log")
            started = time.perf_counter()
            server.start()
            try:
                server.wait_listening()
                context, _page, elapsed = open_until(browser, server.url, selector, started)
                context.close()
            finally:
                server.stop()
            if i:
                into.append(elapsed)
    ratio = median(ta) / median(tb)
    report.add("4 browser", "Start `serve` -> day's card visible, vs bare Flet hello-world",
               f"valuesapp {ms(median(ta))} / hello {ms(median(tb))} = {ratio:.2f}x", "<= 1.2x", verdict(ratio <= 1.2))


def _tabs(report, browser, data, work, env, valuesapp, repeats) -> None:
    """Desktop size (the rail): each tab in turn, so each click leaves another screen."""
    db = copy_store(data.ten, work / "serve-tabs.db")
    server = Served([valuesapp, "--db", str(db), "serve", "--port", "{port}"], env, work / "serve.log")
    server.start()
    try:
        server.wait_listening()
        context, page, _ = open_until(browser, server.url, "[flt-semantics-identifier='today-card']", time.perf_counter())
        try:
            times: dict[str, list[float]] = {name: [] for name, _ in SCREENS}
            previous = SCREENS[-1][1]
            for round_ in range(repeats + 1):  # the first round builds each screen once; not counted
                for name, selector in SCREENS:
                    took = page.evaluate(TAB_CLICK_JS, [name, selector, previous])
                    if took < 0:
                        raise RuntimeError(f"tab {name!r}: {'not found' if took == -1 else 'content not shown in 120 s'}")
                    print(f"  {name}: {took:.0f} ms{'' if round_ else ' (first build, not counted)'}", flush=True)
                    if round_:
                        times[name].append(took / 1000)
                    previous = selector
                    page.wait_for_timeout(300)
        finally:
            context.close()
    finally:
        server.stop()
    for name, _ in SCREENS:
        m = median(times[name])
        report.add("4 browser", f"Click the {name} tab -> its content visible (ten years)", ms(m), "< 300 ms",
                   verdict(m < 0.3))


MEMORY_SESSION_TIMEOUT = 10  # seconds; the app keeps a closed tab's session 120 s for a reload to re-attach


def _memory(report, browser, data, work, env, valuesapp, sessions: int = 50) -> None:
    """What a closed session leaves behind. The app keeps a closed tab's session for two minutes so that a
    reload re-attaches; 50 sessions a few seconds apart would all still be kept. So this server lets go of
    them after MEMORY_SESSION_TIMEOUT (Flet reads FLET_SESSION_TIMEOUT), and the figure is the memory that
    stays once they are gone."""
    db = copy_store(data.ten, work / "serve-memory.db")
    env = {**env, "FLET_SESSION_TIMEOUT": str(MEMORY_SESSION_TIMEOUT)}
    server = Served([valuesapp, "--db", str(db), "serve", "--port", "{port}"], env, work / "serve.log")
    server.start()
    rss = []
    try:
        server.wait_listening()
        for _ in range(sessions):
            context, _page, _ = open_until(browser, server.url, "[flt-semantics-identifier='today-card']", time.perf_counter())
            context.close()
            time.sleep(0.3)
            rss.append(server.rss_mib())
            print(f"  session {len(rss)}: server RSS {rss[-1]:.0f} MiB", flush=True)
        time.sleep(MEMORY_SESSION_TIMEOUT + 12)  # Flet evicts expired sessions every 10 s
        settled = server.rss_mib()
    finally:
        server.stop()
    growth = settled - rss[9]
    report.notes.append("Server RSS after each session (MiB): " + " ".join(f"{r:.0f}" for r in rss) + f"; {MEMORY_SESSION_TIMEOUT + 12} s later, closed sessions evicted: {settled:.0f}.")
    report.add("4 browser", f"Server RSS after {sessions} browser sessions opened, closed and evicted",
               f"after 1: {rss[0]:.0f} MiB, after 10: {rss[9]:.0f} MiB, after {sessions}: {settled:.0f} MiB "
               f"(+{growth:.1f} MiB after the first ten)", "<= +10 MB after 10", verdict(growth * 1.048576 <= 10))


# 5. Export and import of ten years


def bench_exchange(report: Report, data: Data, work: Path, repeats: int, *, only_export: bool = False) -> None:
    valuesapp = shutil.which("valuesapp", path=str(BIN)) or shutil.which("valuesapp")
    if valuesapp is None:
        report.notes.append("Part 5 skipped: the valuesapp command is not installed in this environment.")
        return
    db = copy_store(data.ten, work / "exchange.db")
    env = {**os.environ}
    env.pop("VALUESAPP_DB", None)
    out_json, out_md = work / "export.json", work / "export.md"
    cases = [
        ("Export JSON (`valuesapp export --format json`)", lambda: [valuesapp, "--db", str(db), "export", "--format", "json",
                                                             "--out", str(out_json)], None),
        ("Export Markdown", lambda: [valuesapp, "--db", str(db), "export", "--format", "markdown", "--out", str(out_md)], None),
        ("Import JSON into an empty store (`valuesapp import`)", lambda: [valuesapp, "--db", str(_fresh(work)), "import",
                                                                        str(out_json)], None),
    ]
    for what, cmd, _ in cases[:1] if only_export else cases:
        runs = [peak_process(cmd(), env) for _ in range(repeats)]
        seconds, peak = median([r[0] for r in runs]), max(r[1] for r in runs)
        size = ""
        if "Export JSON" in what:
            size = f", file {out_json.stat().st_size / 2**20:.1f} MiB"
        report.add("5 exchange", what + " (ten years)", f"{seconds:.2f} s, peak RSS {peak:.0f} MiB{size}")


def _fresh(work: Path) -> Path:
    target = work / "import-target.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    return target


# The machine and the report


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    chromium = shutil.which("chromium")
    chromium_version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip() if chromium else "none"
    load = os.getloadavg()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores visible; memory {mem}; shared and noisy (load average at the end: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f})",
        f"- OS: {osname}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {chromium_version}, jrnl {_version('jrnl')}, "
        f"flet {_version('flet')}",
    ]


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def write_results(path: Path, report: Report, data: Data, args, started: datetime, seconds: float) -> None:
    parts = [
        "# Benchmark results",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} minutes, by `bash benchmarks/run.sh`"
        + (" --smoke (tiny data, not real figures)" if args.smoke else "") + ".",
        "",
        "## Machine",
        *machine(),
        "",
        "## Data",
        f"- Large set: {data.ten_days} days ending {data.end} (generated in {data.seconds:.1f} s); small set: "
        f"{data.month_days} days. Generator: `benchmarks/generate.py`, seed 7.",
        "- Ten years: 30 values, 200 list revisions, 3,650 daily picks, 7,300 reflections (8% long, up to 9,000 "
        "characters; English, German, French, emoji, CJK, Cyrillic, Greek), 600 repairs (8 open), 1,500 feedback "
        "notes (4 new). One month: 30 values, 32 revisions, 30 picks, 60 reflections, 5 repairs, 12 notes.",
        "",
        "## Figures",
        f"Medians; service calls {args.repeats} runs each, processes {args.process_repeats}, browser "
        f"{args.browser_repeats}; each ratio is two medians of one run, the two sides interleaved.",
        "",
        report.table(),
        "",
    ]
    if report.notes:
        parts += ["## Notes", *[f"- {n}" for n in report.notes], ""]
    path.write_text("\n".join(parts) + kept_by_hand(path), encoding="utf-8")


HISTORY = "## History (kept by hand)"


def kept_by_hand(path: Path) -> str:
    """The history section, from its heading to the end: people write it between runs (what changed and
    why a figure moved), so a new run replaces the figures above it and never it."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    at = text.find(HISTORY)
    return "\n" + text[at:] if at >= 0 else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data, few runs, no browser or peer unless asked")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-lighthouse", action="store_true", help="no Lighthouse scores (they take minutes)")
    parser.add_argument("--only", choices=["scaling", "peer", "browser", "exchange"], action="append")
    parser.add_argument("--repeats", type=int, default=None, help="runs per service call (default 21)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--work", type=Path, default=None, help="folder for the data (default: a temporary one)")
    args = parser.parse_args(argv)
    args.repeats = args.repeats or (3 if args.smoke else 21)
    args.process_repeats = 2 if args.smoke else 9
    args.browser_repeats = 1 if args.smoke else 3
    parts = set(args.only or ["scaling", "peer", "browser", "exchange"])
    if args.smoke and not args.only:
        parts = {"scaling", "exchange"}
    if args.skip_peer:
        parts.discard("peer")
    if args.skip_browser:
        parts.discard("browser")

    started_at = datetime.now(timezone.utc)
    started = time.perf_counter()
    owned = args.work is None
    work = Path(tempfile.mkdtemp(prefix="valuesapp-bench-")) if owned else args.work
    work.mkdir(parents=True, exist_ok=True)
    try:
        end = _today()
        print(f"Generating data in {work} ...", flush=True)
        data = make_data(work, smoke=args.smoke, end=end)
        report = Report()
        report.add("1 data", f"Generate {data.ten_days} days of use", f"{data.seconds:.1f} s")
        if "scaling" in parts:
            bench_scaling(report, data, args.repeats)
        if "peer" in parts:
            bench_peer(report, data, work, args.process_repeats)
        if "browser" in parts:
            bench_browser(report, data, work, args.browser_repeats, lighthouse=not args.skip_lighthouse)
        if "exchange" in parts:
            bench_exchange(report, data, work, 1 if args.smoke else 3, only_export=args.smoke)
        write_results(args.out, report, data, args, started_at, time.perf_counter() - started)
        print()
        print(report.table())
        for note in report.notes:
            print("- " + note)
        print(f"\nWrote {args.out}")
        return 0
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def _today() -> date:
    """Today's practice day as ``valuesapp today`` will see it (system zone, days starting 04:00)."""
    from valuesapp.app import system_timezone
    from valuesapp.core.clock import practice_day
    from valuesapp.core.settings import Settings

    from zoneinfo import ZoneInfo

    return practice_day(datetime.now(timezone.utc), ZoneInfo(system_timezone()), Settings().day_starts_at)


if __name__ == "__main__":
    sys.exit(main())
