"""What people expect of any command line: ``--version``, shell completion, a quick start, and JSON
from every list.

Most run the real program in a subprocess (no terminal, a fresh HOME), as a shell or a script would;
completion is checked end to end, by answering the shell's own request as a Tab press makes it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from valuesapp.cli import completion


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "VALUESAPP_DB" and not k.startswith("_VALUESAPP")}
    base.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"), **env)
    return subprocess.run([sys.executable, "-m", "valuesapp", *args], env=base, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


def test_version_is_the_installed_one(tmp_path):
    done = _run(tmp_path, "--version")
    assert (done.returncode, done.stdout) == (0, f"valuesapp {version('valuesapp')}\n"), done.stderr
    assert done.stdout == "valuesapp 0.1.0\n"
    assert not (tmp_path / "data").exists(), "asking the version opens no store"


def test_the_completion_script_is_for_the_shell_named_whatever_the_login_shell(tmp_path):
    done = _run(tmp_path, "--show-completion", "bash", SHELL="/bin/zsh")
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _valuesapp_completion valuesapp" in done.stdout
    assert "_VALUESAPP_COMPLETE=complete_bash" in done.stdout
    zsh = _run(tmp_path, "--show-completion", "zsh", SHELL="/bin/bash")
    assert zsh.returncode == 0 and zsh.stdout.startswith("#compdef valuesapp"), zsh.stderr


def test_an_unknown_shell_is_one_line_and_exit_2(tmp_path):
    done = _run(tmp_path, "--show-completion", "tcsh")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("valuesapp: 'tcsh' is not a shell valuesapp completes for")
    assert len(done.stderr.splitlines()) == 1


def test_without_a_shell_named_the_login_shell_stands_in_for_an_undetected_one(monkeypatch):
    import shellingham

    def undetected(*_args, **_kwargs):
        raise shellingham.ShellDetectionFailure()

    monkeypatch.setattr(shellingham, "detect_shell", undetected)
    monkeypatch.setenv("SHELL", "/usr/bin/fish")
    assert completion.current_shell() == "fish"
    monkeypatch.setattr(shellingham, "detect_shell", lambda *_a, **_k: ("sh", "/bin/sh"))  # run by a script
    monkeypatch.setenv("SHELL", "/bin/zsh")
    assert completion.current_shell() == "zsh"


def test_tab_completes_commands_and_subcommands_without_opening_the_store(tmp_path):
    def complete(words: str, cword: int) -> list[str]:
        done = _run(tmp_path, _VALUESAPP_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("valuesapp val", 1) == ["values"]
    assert complete("valuesapp links ", 2) == ["create", "list", "revoke"]
    assert "--json" in complete("valuesapp today --", 2)
    assert not (tmp_path / "data").exists()


def test_installing_completion_writes_the_script_and_sources_it(tmp_path):
    done = _run(tmp_path, "--install-completion", "bash")
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "valuesapp.sh"
    assert "complete -o default -F _valuesapp_completion valuesapp" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()


@pytest.mark.parametrize("heavy", ["valuesapp.services", "flet", "apscheduler", "pydantic"])
def test_the_command_table_loads_without_the_services_flet_or_the_scheduler(heavy):
    """--help, --version and every Tab press load only the command table; a command loads what it uses."""
    code = f"import sys, valuesapp.cli; sys.exit({heavy!r} in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"importing valuesapp.cli loads {heavy}: {done.stderr}"


def test_backups_print_json_like_every_other_list(cli):
    if not cli.services.backups.supported:
        pytest.skip("backups are for the SQLite store")
    made = cli.json("backup")
    assert Path(made["path"]).is_file() and made["size"] > 0
    assert [b["path"] for b in cli.json("backups")] == [made["path"]]
