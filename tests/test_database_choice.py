"""Which database ``--db`` and ``VALUESAPP_DB`` may name: a file path, ``sqlite:///ABSOLUTE`` or a PostgreSQL URL.

Anything else is one line and exit code 2 naming what is accepted, never a traceback, and never a file
created somewhere the person did not mean (SQLAlchemy reads ``sqlite:///etc/x`` as the relative ``etc/x``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from valuesapp.core.errors import UserError
from valuesapp.store.engine import database_url, open_store

ACCEPTED = "a file path, sqlite:///ABSOLUTE/PATH or a postgresql:// URL"
REFUSED = [
    "mysql://someone:hunter2secret@localhost/values",
    "sqlite://relative.db",
    "sqlite://",
    "sqlite:///",
    "sqlite:///tmp/values.db?mode=ro",
    "http://example.com/values.db",
    "no-such-scheme://x",
    "postgresql://someone:hunter2secret@localhost:notaport/values",
    "",
]


def _database(url: str) -> str | None:
    return make_url(url).database


def test_database_url_accepts_a_path_an_absolute_sqlite_url_and_postgresql(tmp_path):
    assert _database(database_url(tmp_path / "x.db")) == str(tmp_path / "x.db")
    # sqlite:///PATH is /PATH, as a person (and a file:/// URL) means it; four slashes say the same.
    assert _database(database_url("sqlite://" + str(tmp_path / "x.db"))) == str(tmp_path / "x.db")
    assert _database(database_url("sqlite:///" + str(tmp_path / "x.db"))) == str(tmp_path / "x.db")
    assert _database(database_url("sqlite:///etc/values.db")) == "/etc/values.db"
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_a_file_path_with_url_characters_stays_that_path(tmp_path):
    odd = tmp_path / "what?#%41 ü.db"
    assert _database(database_url(odd)) == str(odd)


@pytest.mark.parametrize("raw", REFUSED)
def test_database_url_refuses_anything_else_in_one_line(raw):
    with pytest.raises(UserError) as caught:
        database_url(raw)
    message = caught.value.message
    assert "\n" not in message and ACCEPTED in message, message
    assert "hunter2secret" not in message, "a password is never shown"


def test_an_absolute_sqlite_url_opens_that_file_not_one_under_the_working_folder(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    target = tmp_path / "chosen" / "values.db"
    store = open_store("sqlite://" + str(target))
    try:
        assert store.path == target
    finally:
        store.close()
    assert target.is_file()
    assert list(work.iterdir()) == []


# The real program


def _run(args: list[str], home: Path, *, env_db: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "VALUESAPP_DB"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    if env_db is not None:
        env["VALUESAPP_DB"] = env_db
    work = home / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "valuesapp", *args], env=env, cwd=work, capture_output=True,
                          text=True, timeout=120)


def _one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("valuesapp: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("raw", ["mysql://someone:hunter2secret@localhost/values", "sqlite://relative.db", "sqlite://",
                                 "http://example.com/values.db"])
def test_the_program_refuses_a_database_it_cannot_use_from_db_and_from_the_environment(tmp_path, raw):
    for args, env_db, source in ((["--db", raw, "values", "list"], None, "--db"),
                                 (["values", "list"], raw, "VALUESAPP_DB")):
        line = _one_line(_run(args, tmp_path, env_db=env_db))
        assert line.startswith(f"valuesapp: {source}: ") and ACCEPTED in line, line
        assert "hunter2secret" not in line
    assert list((tmp_path / "work").iterdir()) == [], "nothing was created under the working folder"
    assert not (tmp_path / "data").exists(), "nor in the default data folder"


def test_the_program_uses_the_absolute_file_an_sqlite_url_names(tmp_path):
    target = tmp_path / "elsewhere" / "values.db"
    added = _run(["--db", "sqlite://" + str(target), "values", "add", "Honesty"], tmp_path)
    assert (added.returncode, added.stdout) == (0, "1\n"), added.stderr
    assert target.is_file()
    assert list((tmp_path / "work").iterdir()) == []
    listed = _run(["values", "list", "--json"], tmp_path, env_db="sqlite://" + str(target))
    assert '"Honesty"' in listed.stdout, listed.stderr


def test_a_file_that_is_not_a_store_named_by_an_sqlite_url_is_refused_and_left_alone(tmp_path):
    not_a_store = tmp_path / "passwd"
    not_a_store.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50, encoding="utf-8")
    before = not_a_store.read_bytes()
    line = _one_line(_run(["--db", "sqlite://" + str(not_a_store), "values", "list"], tmp_path))
    assert "damaged" in line or "not a database" in line, line
    assert not_a_store.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["passwd", "work"], "no -wal, no -shm, no backups"
    assert list((tmp_path / "work").iterdir()) == []
