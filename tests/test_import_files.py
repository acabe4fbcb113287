"""``valuesapp import`` and ``valuesapp restore`` take regular files only, and read no more than the cap.

A named pipe used to hang the import forever and ``/dev/zero`` to end in a MemoryError traceback. The
real program runs in a subprocess with a time limit and an address-space limit, so a regression fails
here quickly instead of hanging the suite or eating the machine's memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from valuesapp import cli as cli_module
from valuesapp.services import exchange_files

MEMORY_LIMIT = 2 * 1024**3  # far above what the program needs, far below what reading /dev/zero takes


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "VALUESAPP_DB"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return subprocess.run([sys.executable, "-m", "valuesapp", *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=15, preexec_fn=_limit_memory)


def _one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr[-2000:])
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("valuesapp: ") and "Traceback" not in result.stderr, result.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert result.stdout == ""
    return lines[0]


def _not_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    return {"a named pipe": (pipe, "named pipe"), "/dev/zero": (Path("/dev/zero"), "device"),
            "a folder": (folder, "folder")}


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("dry_run", [False, True])
def test_importing_what_is_not_a_regular_file_is_one_line_and_exit_2(tmp_path, dry_run):
    db = tmp_path / "values.db"
    for name, (path, word) in _not_files(tmp_path).items():
        _one_line(_run(["--db", db, "import", path, *(["--dry-run"] if dry_run else [])], tmp_path),
                  str(path), word, "not a regular file")
    assert not db.exists(), "a refused file is refused before the store is opened"


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_restoring_what_is_not_a_regular_file_is_one_line_and_exit_2(tmp_path):
    db = tmp_path / "values.db"
    assert _run(["--db", db, "values", "add", "Honesty"], tmp_path).returncode == 0
    before = db.read_bytes()
    for name, (path, word) in _not_files(tmp_path).items():
        _one_line(_run(["--db", db, "restore", path], tmp_path), str(path), word, "not a regular file")
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists(), "nothing was backed up for a restore that cannot happen"


def _import_in_process(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["valuesapp", *args])
    monkeypatch.setattr(cli_module._State, "services", None)
    monkeypatch.setattr(cli_module._State, "db", None)
    with pytest.raises(SystemExit) as exited:
        cli_module.run()
    return exited.value.code, capsys.readouterr().err


def test_a_file_over_the_cap_is_refused_having_read_no_more_than_the_cap(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(exchange_files, "MAX_IMPORT_BYTES", 1000)
    db = tmp_path / "values.db"
    just_over = tmp_path / "big.json"
    just_over.write_bytes(b" " * 1001)
    at_cap = tmp_path / "at-cap.json"
    at_cap.write_bytes(b"[" + b" " * 998 + b"]")  # within the cap: read whole, then refused for what it is
    reads = []
    real_fdopen = os.fdopen

    def watched(fd, *a, **kw):
        file = real_fdopen(fd, *a, **kw)
        real_read = file.read
        file.read = lambda size=-1: reads.append(size) or real_read(size)
        return file

    monkeypatch.setattr(exchange_files.os, "fdopen", watched)
    code, err = _import_in_process(monkeypatch, capsys, "--db", str(db), "import", str(just_over))
    assert code == 2 and err.startswith("valuesapp: The import file is larger than") and err.count("\n") == 1, err
    assert reads == [1001], "at most cap + 1 bytes are asked for"
    code, err = _import_in_process(monkeypatch, capsys, "--db", str(db), "import", str(at_cap))
    assert code == 2 and "not a valuesapp export" in err and err.count("\n") == 1, err
