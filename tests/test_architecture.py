"""The layers point one way (wiring -> edges -> services -> store -> core), the edges never import each
other, and the core stays pure; the screens never reach the store, and the time comes from one clock.

The import contracts live in pyproject.toml ([tool.importlinter]); the first test runs them. The others
read the source for what an import graph cannot see: an object reached at run time, a call to the time.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "valuesapp"


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _lines_matching(pattern: str, files) -> list[str]:
    found = re.compile(pattern)
    return [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
            for path in files for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if found.search(line)]


def test_the_time_is_read_only_through_the_core_clock():
    """A "now" or "today" read anywhere else could not be moved by a test (nor by the served app's test
    clock), and would disagree with the practice day the rest of the app keeps."""
    others = [p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "core" / "clock.py"]
    assert _lines_matching(r"\b(date\.today|datetime\.(now|utcnow|today)|time\.time)\(", others) == []


def test_views_never_reach_the_store_at_run_time():
    """The import contract keeps the store's modules out of the views; this keeps its object out too:
    a screen asks a service (``services.settings.data_location()``), never ``services.context.store``."""
    assert _lines_matching(r"\.store\b", sorted((PACKAGE / "ui").rglob("*.py"))) == []


def test_every_module_imports():
    """Screens are imported when first shown (see ui.shell.warm_up), so a name that moved out of another
    module would only fail when a person opens that screen: import them all here instead."""
    import importlib
    import pkgutil

    import valuesapp

    broken = []
    for module in pkgutil.walk_packages(valuesapp.__path__, "valuesapp."):
        if ".migrations" in module.name or module.name == "valuesapp.__main__":
            continue
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # noqa: BLE001 - listed, then failed on together
            broken.append(f"{module.name}: {exc!r}")
    assert broken == []
