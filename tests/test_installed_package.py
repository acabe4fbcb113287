"""A regular install is the app: `pip install .` serves our own page, manifest and icons from any folder.

An editable install (how the tests run) reads `assets/` from the checkout, so only a real wheel shows
whether the package carries it: before, an installed valuesapp served Flet's stock page ("Build
cross-platform apps", theme colour #FF005F) and answered /icons/Icon-192.png with 404.

The wheel is built from a copy of the project with the dev environment's setuptools (no build
isolation, so no registry), installed with --no-deps into a fresh virtualenv whose dependencies come
from the dev environment through a .pth file, and served from an unrelated working directory.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
PROJECT_FILES = ["pyproject.toml", "setup.py", "README.md", "valuesapp", "assets"]
# The installed package's processes must not see the checkout through PYTHONPATH (or a venv's variables).
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=240, **kwargs)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv with valuesapp installed from its wheel (not editable); its python."""
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"
    source.mkdir()
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir", "-q",
         "-w", str(work / "dist"), str(source))
    (wheel,) = (work / "dist").glob("valuesapp-*.whl")

    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    site = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                     env=CLEAN_ENV).stdout.strip())
    (site / "dev_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel))
    where = _run(str(python), "-c", "import valuesapp; print(valuesapp.__file__)", cwd=work, env=CLEAN_ENV).stdout
    where = where.strip()
    assert Path(where).is_relative_to(site), f"valuesapp came from {where}, not from the installed wheel"
    return python


@pytest.fixture(scope="module")
def served(installed, tmp_path_factory):
    """`valuesapp serve` of the installed package, started in a folder that has nothing of the project."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    port = _free_port()
    env = {**CLEAN_ENV, "FLET_FORCE_WEB_SERVER": "1", "VALUESAPP_DB": str(elsewhere / "values.db"),
           "VALUESAPP_FETCH_FONTS": "0"}
    log = (elsewhere / "server.log").open("wb")
    process = subprocess.Popen([str(installed.parent / "valuesapp"), "serve", "--port", str(port)], cwd=elsewhere,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, (elsewhere / "server.log").read_text()[-3000:]
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the installed valuesapp did not listen within 90 s"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_wheel_carries_every_file_of_assets(installed):
    site = installed.parents[1] / "lib"
    (package,) = site.glob("python3*/site-packages/valuesapp")
    ours = sorted(p.relative_to(ASSETS).as_posix() for p in ASSETS.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(package / "assets").as_posix() for p in (package / "assets").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    assert shipped == ours


def test_the_installed_app_serves_its_own_page(served):
    status, body = fetch(served + "/")
    page = body.decode()
    assert status == 200
    assert "Build cross-platform apps" not in page
    # Flet writes the app's name into its stock page too; our own page alone has these lines.
    ours = [line.strip() for line in (ASSETS / "index.html").read_text(encoding="utf-8").splitlines()
            if 'name="theme-color"' in line or 'rel="apple-touch-icon"' in line]
    assert len(ours) == 2 and all(line in page for line in ours), ours
    assert "flutter_bootstrap.js" in page


def test_the_installed_app_serves_its_own_manifest(served):
    status, body = fetch(served + "/manifest.json")
    assert status == 200
    served_manifest, ours = json.loads(body), json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))
    assert served_manifest["name"] == ours["name"] and served_manifest["theme_color"] == ours["theme_color"]
    assert served_manifest["theme_color"].upper() != "#FF005F"


@pytest.mark.parametrize("path", ["icons/Icon-192.png", "favicon.png"])
def test_the_installed_app_serves_its_own_icons(served, path):
    status, body = fetch(f"{served}/{path}")
    assert status == 200 and body[:8] == b"\x89PNG\r\n\x1a\n"
    assert body == (ASSETS / path).read_bytes()


def test_the_installed_app_serves_its_push_worker(served):
    """The push worker and the /reminders page's script are package data, not files of the checkout."""
    status, body = fetch(f"{served}/push/sw.js")
    assert status == 200
    assert body.decode() == (ROOT / "valuesapp" / "web" / "push_worker.js").read_text(encoding="utf-8")
    status, page = fetch(f"{served}/reminders")
    assert status == 200
    assert (ROOT / "valuesapp" / "web" / "reminders.js").read_text(encoding="utf-8") in page.decode()
