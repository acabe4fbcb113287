"""The app as hosted: `valuesapp serve` on real PostgreSQL behind Caddy with an internal certificate, at
https://values.test:<port>, and a Chromium that resolves values.test to 127.0.0.1.

Import the fixtures by name into a test file (``from tests.browser.hosting import hosted, ...``). The
``hosted`` fixture yields a ``Hosted``: the https URL, a browser context on it (notifications allowed,
service workers on), the app's server (``.cli(...)`` reaches its database) and Caddy. Nothing here
leaves this machine: Caddy's certificate authority is its own, kept in the test's folder, never
installed into the system's trust.

Chromium runs with ``--ignore-certificate-errors`` (tests only): Playwright's ``ignore_https_errors``
lets pages load, but a service worker refuses an origin whose certificate is not trusted, and the
integrator's /reminders step registers one.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS, Server, _free_port

HOSTNAME = "values.test"
PASSPHRASE = "a long walk at dawn, every day"
POSTGRES_URL = os.environ.get("VALUESAPP_TEST_POSTGRES_URL")
HOSTED_CHROMIUM_ARGS = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOSTNAME} 127.0.0.1",
                        "--ignore-certificate-errors"]


@dataclass
class PostgresServer(Server):
    """`valuesapp serve` on a PostgreSQL database (``database``), at ``public_url``; ``db`` is only where its
    log and test clock are kept."""

    database: str = ""
    public_url: str = ""

    def start(self) -> None:
        env = {**os.environ, "FLET_FORCE_WEB_SERVER": "1", "VALUESAPP_DB": self.database,
               "VALUESAPP_FETCH_FONTS": "0"}
        env.pop("VALUESAPP_TEST_CLOCK", None)
        if self.clock is not None:
            if not self.clock_file.exists():
                self.move_clock(self.clock)
            env["VALUESAPP_TEST_CLOCK"] = str(self.clock_file)
        self.log = self.db.with_suffix(".server.log")
        command = [sys.executable, "-m", "valuesapp", "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(command + (["--public-url", self.public_url] if self.public_url else []),
                                        env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        _wait_for(lambda: _listens(self.port), self.process, self.log, "valuesapp serve")

    def cli(self, *args: str, input: str | None = None) -> str:
        """The real CLI commands on the same database, run in this process (see ``Server.cli``)."""
        import typer
        from click.testing import CliRunner

        from valuesapp import cli

        cli._State.db, cli._State.services = self.database, None
        try:
            result = CliRunner().invoke(typer.main.get_command(cli.app), ["--db", self.database, *args], input=input,
                                        prog_name="valuesapp")
        finally:
            if cli._State.services is not None:
                cli._State.services.context.store.close()
            cli._State.db, cli._State.services = None, None
        if result.exit_code != 0 or result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"valuesapp {' '.join(args)} failed: {result.stderr}{result.exception!r}")
        return result.stdout


@dataclass
class Caddy:
    """`caddy run` in front of ``upstream`` at https://values.test:``port``, its certificate from its own
    internal authority (files under ``folder``); no admin endpoint, no redirect server on port 80."""

    folder: Path
    upstream: int
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"https://{HOSTNAME}:{self.port}"

    def caddyfile(self) -> str:
        return (
            "{\n"
            "\tadmin off\n"
            f"\tstorage file_system {self.folder / 'data'}\n"
            "\tskip_install_trust\n"
            "\tauto_https disable_redirects\n"
            "}\n\n"
            f"https://{HOSTNAME}:{self.port} {{\n"
            "\ttls internal\n"
            "\tencode zstd gzip\n"
            f"\treverse_proxy 127.0.0.1:{self.upstream}\n"
            "}\n"
        )

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "Caddyfile"
        config.write_text(self.caddyfile(), encoding="utf-8")
        self.log = self.folder / "caddy.log"
        env = {**os.environ, "HOME": str(self.folder), "XDG_DATA_HOME": str(self.folder / "data"),
               "XDG_CONFIG_HOME": str(self.folder / "config")}
        self.process = subprocess.Popen(["caddy", "run", "--config", str(config), "--adapter", "caddyfile"],
                                        env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        _wait_for(lambda: self.answers("/login") is not None, self.process, self.log, "caddy")

    def answers(self, path: str) -> int | None:
        """The HTTP status Caddy (and the app behind it) gives ``path`` over TLS with SNI values.test, or
        None while it cannot (not listening yet, no certificate yet, the app not up)."""
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as raw:
                with context.wrap_socket(raw, server_hostname=HOSTNAME) as tls:
                    tls.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOSTNAME}:{self.port}\r\nConnection: close\r\n\r\n"
                                .encode())
                    status = tls.recv(64).split(b" ")
        except OSError:
            return None
        if len(status) < 2 or not status[1].isdigit() or status[1].startswith(b"5"):
            return None  # 502: Caddy is up, the app not yet
        return int(status[1])

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def _listens(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait_for(ready, process: subprocess.Popen, log: Path, name: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited: {log.read_text(errors='replace')[-2000:]}")
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer within {seconds:.0f} s: {log.read_text(errors='replace')[-2000:]}")


@dataclass
class Hosted:
    url: str  # https://values.test:<port>, no trailing slash
    context: object  # a Playwright BrowserContext for that origin
    server: PostgresServer
    caddy: Caddy


@pytest.fixture
def postgres_database():
    """A database of its own on the test's PostgreSQL server, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("set VALUESAPP_TEST_POSTGRES_URL (as .ci/run does) to host the app on PostgreSQL")
    from tests.conftest import new_postgres_database

    url, drop = new_postgres_database()
    yield url
    drop()


@pytest.fixture
def hosted_browser(browser):
    """A Chromium of its own that maps values.test to 127.0.0.1 and takes Caddy's internal certificate."""
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=HOSTED_CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def hosted(tmp_path, postgres_database, hosted_browser):
    """The app with a passphrase and one value, served on PostgreSQL behind Caddy over HTTPS; yields a Hosted."""
    if not shutil.which("caddy"):
        pytest.skip("Debian's caddy is not installed (apt-get install caddy); .ci/run installs it")
    caddy_port = _free_port()
    server = PostgresServer(db=tmp_path / "values.db", database=postgres_database,
                            public_url=f"https://{HOSTNAME}:{caddy_port}")
    server.cli("values", "add", "Honesty")
    server.cli("passphrase", "set", input=PASSPHRASE + "\n")
    caddy = Caddy(folder=tmp_path / "caddy", upstream=server.port, port=caddy_port)
    server.start()
    try:
        caddy.start()
        context = hosted_browser.new_context(viewport={"width": 412, "height": 915}, has_touch=True, is_mobile=True,
                                             device_scale_factor=1, ignore_https_errors=True)
        context.grant_permissions(["notifications"], origin=caddy.url)
        try:
            yield Hosted(caddy.url, context, server, caddy)
        finally:
            context.close()
    finally:
        caddy.stop()
        server.stop()
