"""Stopping the running app: Ctrl+C (SIGINT) and a service manager's SIGTERM end every way of running
cleanly, with exit code 0 and no traceback.

Each test starts the real program, waits (generously) until it answers HTTP, sends one signal and waits
for it to end; nothing depends on how fast the machine is.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

READY_WITHIN = 120  # seconds: a loaded CI machine can take long to import Flet and open the store
STOPPED_WITHIN = 60
STOPPED_CLEANLY = 0  # the README's promise: Ctrl+C and SIGTERM both end with exit code 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VALUESAPP_DB", "FLET_VIEW_PATH", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               VALUESAPP_DB=str(home / "values.db"), VALUESAPP_FETCH_FONTS="0")
    return env


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/manifest.json")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


def _wait_until_served(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the app ended before it served (exit {proc.returncode}):\n{out}\n{err}")
        if _answers(port):
            return
        time.sleep(0.2)
    proc.kill()
    out, err = proc.communicate()
    pytest.fail(f"the app did not answer on port {port} within {READY_WITHIN} s:\n{out}\n{err}")


def _stop(proc: subprocess.Popen, sig: int) -> tuple[int, str, str]:
    proc.send_signal(sig)
    try:
        out, err = proc.communicate(timeout=STOPPED_WITHIN)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the app did not stop within {STOPPED_WITHIN} s of {signal.Signals(sig).name}:\n{out}\n{err}")
    return proc.returncode, out, err


def _assert_stopped_cleanly(outcome: tuple[int, str, str], sig: int) -> None:
    code, out, err = outcome
    assert "Traceback" not in err and "Error" not in err, err
    assert code == STOPPED_CLEANLY, f"{signal.Signals(sig).name}: exit {code}\n{out}\n{err}"


STOP_SIGNALS = [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGINT, id="SIGINT")]


@pytest.mark.parametrize("sig", STOP_SIGNALS)
def test_valuesapp_serve_stops_cleanly(tmp_path, sig):
    port = _free_port()
    env = {**_env(tmp_path), "FLET_FORCE_WEB_SERVER": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "valuesapp", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_served(proc, port)
    _assert_stopped_cleanly(_stop(proc, sig), sig)


# Plain `valuesapp` with a display but no desktop client to fetch (offline): the desktop attempt fails,
# and the app serves instead. The program runs exactly as `valuesapp` does, with only its port changed
# (the fallback's own is 8550, which another test or the person's app may hold).
FALLBACK = (
    "import sys, valuesapp.app as wired\n"
    "wired.open_app.__kwdefaults__['port'] = int(sys.argv[1])\n"
    "sys.argv = ['valuesapp']\n"
    "from valuesapp.cli import run\n"
    "run()\n"
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a bogus DISPLAY makes the desktop attempt fail on Linux")
@pytest.mark.parametrize("sig", STOP_SIGNALS)
def test_plain_valuesapp_falling_back_to_serving_stops_cleanly(tmp_path, sig):
    pytest.importorskip("flet_desktop")
    port = _free_port()
    # A display is named, so the desktop window is tried; the client download goes to a closed port, so it
    # fails as it does offline (and a fresh HOME has no client cached).
    env = {**_env(tmp_path), "DISPLAY": ":99", "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9",
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "no_proxy": "", "NO_PROXY": ""}
    env.pop("FLET_FORCE_WEB_SERVER", None)
    proc = subprocess.Popen([sys.executable, "-c", FALLBACK, str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_served(proc, port)
    code, out, err = _stop(proc, sig)
    assert "Cannot open a desktop window: the desktop client could not start" in out, out + err
    _assert_stopped_cleanly((code, out, err), sig)


def test_a_failed_desktop_window_leaves_no_handler_of_flets_behind(app, monkeypatch):
    """What the fallback serves with: the signal handlers from before the desktop attempt, not Flet's."""
    import flet

    import valuesapp.app as wired

    def failing_run(*_args, **_kwargs):
        signal.signal(signal.SIGTERM, lambda *_: None)  # as ft.run does, before fetching its client
        signal.signal(signal.SIGINT, lambda *_: None)
        raise OSError("the desktop client cannot be fetched")

    seen = {}
    monkeypatch.setattr(wired, "desktop_unavailable_reason", lambda: None)
    monkeypatch.setattr(flet, "run", failing_run)
    monkeypatch.setattr(wired, "serve", lambda *_a, **_k: seen.update(
        term=signal.getsignal(signal.SIGTERM), int=signal.getsignal(signal.SIGINT)))
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        wired.open_app(app)
    finally:
        signal.signal(signal.SIGTERM, before[0])
        signal.signal(signal.SIGINT, before[1])
    assert (seen["term"], seen["int"]) == before
