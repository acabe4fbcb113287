"""The benchmark script runs end to end on a tiny data set (no Chromium, no jrnl); it checks no figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmarks_run_on_a_tiny_data_set_and_write_their_table(tmp_path):
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "## Machine" in text and "--smoke" in text
    for row in ("Today screen", "Journal first page", "Feedback screen", "Repairs screen", "Search screen", "Export JSON"):
        assert row in text, row
    assert "| part | what | figure |" in done.stdout


def test_the_generator_is_deterministic_and_its_store_is_read_by_the_services(tmp_path):
    from datetime import date

    from benchmarks.generate import generate
    from valuesapp.services import build_services
    from valuesapp.store.engine import HEAD_REVISION, current_revision, open_store

    end = date(2026, 3, 2)
    dumps = []
    for name in ("a.db", "b.db"):
        generate(tmp_path / name, days=20, end=end, seed=3)
        store = open_store(tmp_path / name)
        assert current_revision(store) == HEAD_REVISION
        s = build_services(store, system_timezone="UTC")
        reflections = s.journal.list()
        assert reflections and s.values.replay_history() == [v.id for v in s.values.list()]
        assert s.practice.card(day=end).value is not None
        dumps.append([(r.day, r.text, r.rating) for r in reflections])
        store.close()
    assert dumps[0] == dumps[1]
