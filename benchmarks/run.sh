#!/usr/bin/env bash
# The one benchmark command: bash benchmarks/run.sh [--smoke] [--skip-browser] [--skip-peer] [--only PART]
# Makes (or reuses) a virtual environment, installs valuesapp with its test extras and the benchmark-only
# packages (jrnl, pyinstrument), then prints the table and writes benchmarks/results.md.
# Part 4 needs Debian's Chromium: apt-get install chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${BENCH_VENV:-.venv-bench}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q -e ".[test]" -r benchmarks/requirements.txt
# An installed package runs from compiled bytecode; an editable install (and PYTHONDONTWRITEBYTECODE)
# would make every process compile valuesapp again, which is not what people run.
"$VENV/bin/python" -m compileall -q valuesapp benchmarks
exec "$VENV/bin/python" -m benchmarks "$@"
