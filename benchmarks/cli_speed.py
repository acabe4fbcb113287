"""The command line against its stack's floor: `valuesapp today`, `reflect TEXT` and `journal --limit 10`
on ten years of data, each beside ``python -c "import sqlmodel, typer"``, side by side.

Run: ``python -m benchmarks.cli_speed [ROUNDS] [BEFORE]`` (default 15 rounds). BEFORE, a folder holding
another copy of the source (``git archive main | tar -x -C /tmp/before``), adds its three commands to
every round, so a change is measured against what it changes under the same load; load on these
machines moves separate runs by more than most changes do. Each round runs the floor and every command
once, in an order that turns each round, so a burst of load on the machine falls on all of
them alike. Two figures per command, both medians over the rounds: CPU time (user + system of the
child, from the kernel's rusage: what the program itself costs, steady under load) and wall time
(what a person waits, which other work on the machine stretches). The store is a copy of a generated
ten-year store (``VALUESAPP_BENCH_DB`` names one to copy instead), so ``reflect`` never writes into it.
The children run with Python's bytecode cache on, as an installed program does (pip compiles it); with
``PYTHONDONTWRITEBYTECODE`` set, every run would compile valuesapp's modules from source (about 80 ms).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from statistics import median

FLOOR = [sys.executable, "-c", "import sqlmodel, typer"]
COMMANDS = {
    "today": ["today"],
    "reflect TEXT": ["reflect", "Said it kindly, the second time."],
    "journal --limit 10": ["journal", "--limit", "10"],
}
TARGET = 1.25


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one whole process, run from a folder holding no
    source (``python -m`` looks in the current folder first: from a checkout, BEFORE would not count)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-800:]}")
    return usage.ru_utime + usage.ru_stime, wall


def store(work: Path) -> Path:
    """A ten-year store to run against: a copy of VALUESAPP_BENCH_DB, else one generated here."""
    target = work / "ten.db"
    given = os.environ.get("VALUESAPP_BENCH_DB")
    if given:
        shutil.copyfile(given, target)
    else:
        from benchmarks.generate import TEN_YEARS, generate

        generate(target, days=TEN_YEARS, end=date(2026, 12, 2))
    return target


def main(rounds: int = 15, before: str | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="cli-speed-") as tmp:
        db = store(Path(tmp))
        env = {**os.environ, "VALUESAPP_DB": str(db)}
        paths = [os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        env["PYTHONPATH"] = os.pathsep.join(paths or [str(Path(__file__).resolve().parent.parent)])
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: Python's own bytecode cache, like the floor's packages
        envs = {"": env} | ({"before: ": {**env, "PYTHONPATH": os.path.abspath(before)}} if before else {})
        runs = {"floor": (FLOOR, env)} | {
            label + name: ([sys.executable, "-m", "valuesapp", *args], which)
            for label, which in envs.items() for name, args in COMMANDS.items()}
        for cmd, which in runs.values():  # warm the page cache and the bytecode
            measure(cmd, which)
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        wall: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        for i in range(rounds):
            turn = names[i % len(names):] + names[:i % len(names)]
            for name in turn:
                c, w = measure(*runs[name])
                cpu[name].append(c)
                wall[name].append(w)
    floor_cpu, floor_wall = median(cpu["floor"]), median(wall["floor"])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{rounds} rounds, load average {load}; floor `python -c 'import sqlmodel, typer'`: "
          f"CPU {floor_cpu * 1000:.0f} ms, wall {floor_wall * 1000:.0f} ms")
    print(f"{'command':<38} {'CPU ms':>7} {'CPU x':>6} {'wall ms':>8} {'wall x':>7}  target <= {TARGET}x (CPU)")
    for name in names[1:]:
        c, w = median(cpu[name]), median(wall[name])
        ratio = c / floor_cpu
        label = name.replace("before: ", "before: valuesapp ") if name.startswith("before: ") else "valuesapp " + name
        print(f"{label:<38} {c * 1000:>7.0f} {ratio:>5.2f}x {w * 1000:>8.0f} {w / floor_wall:>6.2f}x  "
              f"{'met' if ratio <= TARGET else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15, sys.argv[2] if len(sys.argv) > 2 else None)
