"""deploy/ holds what the README's "Host it" installs: a Caddyfile and a systemd unit. They cannot rot: the
Caddyfile is read by Caddy itself (`caddy adapt`), and the unit's ExecStart is parsed by valuesapp's own
command line, so an option renamed in the code fails here, not on someone's server."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from valuesapp import cli
from valuesapp.core.settings import parse as parse_setting

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
CADDYFILE = DEPLOY / "Caddyfile"
UNIT = DEPLOY / "valuesapp.service"


def unit_lines(path: Path = UNIT) -> dict[str, list[str]]:
    """The unit's settings as systemd reads them: key -> every value given (keys may repeat)."""
    found: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def serve_options(exec_start: str) -> dict:
    """ExecStart's arguments as `valuesapp` parses them: the root's options and the command's."""
    program, *args = shlex.split(exec_start)
    assert Path(program).name == "valuesapp", program
    root = typer.main.get_command(cli.app)
    ctx = root.make_context("valuesapp", list(args))
    left = getattr(ctx, "_protected_args", None)  # Typer's own Click keeps the command's words here
    name, *rest = [*(left if left is not None else ctx.protected_args), *ctx.args]
    command = root.get_command(ctx, name)
    assert command is not None, f"valuesapp has no command {name!r}"
    assert name == "serve"
    return {**ctx.params, **command.make_context(name, list(rest), parent=ctx).params}


def caddy_config() -> dict:
    if not shutil.which("caddy"):
        pytest.skip("Debian's caddy is not installed (apt-get install caddy); .ci/run installs it")
    done = subprocess.run(["caddy", "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "warn" not in done.stderr.lower(), done.stderr  # formatted as `caddy fmt` writes it, too
    return json.loads(done.stdout)


def test_caddy_reads_the_caddyfile_as_https_for_a_real_domain_compressed_and_proxied_to_the_app():
    (server,) = caddy_config()["apps"]["http"]["servers"].values()
    assert server["listen"] == [":443"] and "tls_connection_policies" not in server  # automatic HTTPS
    (route,) = server["routes"]
    assert route["match"] == [{"host": ["values.example.org"]}]
    handlers = [h for sub in route["handle"] for r in sub["routes"] for h in r["handle"]]
    assert [h["handler"] for h in handlers] == ["encode", "reverse_proxy"]
    assert set(handlers[0]["encodings"]) == {"zstd", "gzip"}
    assert handlers[1]["upstreams"] == [{"dial": "127.0.0.1:8550"}]


def test_the_units_exec_start_is_a_real_serve_command_behind_the_caddyfiles_name_and_port():
    unit = unit_lines()
    (exec_start,) = unit["ExecStart"]
    options = serve_options(exec_start)
    assert options["host"] == "127.0.0.1" and options["port"] == 8550
    assert parse_setting("public_url", options["public_url"]) == "https://values.example.org"
    assert "values.example.org {" in CADDYFILE.read_text(encoding="utf-8")
    assert "127.0.0.1:8550" in CADDYFILE.read_text(encoding="utf-8")


def test_the_unit_runs_as_its_own_user_on_postgresql_restarts_on_failure_and_is_hardened():
    unit = unit_lines()
    assert unit["User"] == ["valuesapp"] and unit["Restart"] == ["on-failure"]
    assert unit["EnvironmentFile"] == ["/etc/valuesapp/env"]
    assert "VALUESAPP_DB=postgresql://" in UNIT.read_text(encoding="utf-8")  # what that file holds, as the comment shows
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "PrivateTmp": "yes"}.items():
        assert unit[key] == [value], key
    # ProtectSystem=strict leaves writable only the folders systemd makes: the ones its home and caches are in.
    (environment,) = unit["Environment"]
    assert "HOME=/var/lib/valuesapp" in environment and "XDG_CACHE_HOME=/var/cache/valuesapp" in environment
    assert unit["StateDirectory"] == ["valuesapp"] and unit["CacheDirectory"] == ["valuesapp"]


def test_systemd_accepts_the_unit(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed here")
    installed = Path(sys.executable).with_name("valuesapp")
    if not installed.exists():
        pytest.skip("valuesapp is not installed beside this Python (pip install -e . makes it)")
    unit = tmp_path / "valuesapp.service"
    unit.write_text(UNIT.read_text(encoding="utf-8").replace("/opt/valuesapp/venv/bin/valuesapp", str(installed)),
                    encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
