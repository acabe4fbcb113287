"""Which databases ``--db`` and ``VALUESAPP_DB`` may name, and the SQLAlchemy URL each one means.

Accepted: a file path, ``sqlite:///ABSOLUTE/PATH`` and a PostgreSQL URL (``postgresql://``,
``postgres://``, ``postgresql+psycopg://``). Anything else is refused in one line naming these,
because passing it on either fails deep inside a driver (``mysql://`` has none installed) or means
something the person did not: SQLAlchemy reads ``sqlite:///etc/values.db`` as the *relative* path
``etc/values.db`` (its absolute form has four slashes), and ``sqlite://`` alone as a store in memory
that is gone when the command ends. Here, as in ``file:///`` URLs, ``sqlite:///PATH`` is ``/PATH``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg

ACCEPTED = "a file path, sqlite:///ABSOLUTE/PATH or a postgresql:// URL"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_POSTGRES = ("postgresql", "postgres", "postgresql+psycopg")
_WINDOWS_DRIVE = re.compile(r"^/*([A-Za-z]:[/\\])")


def database_url(target: str | os.PathLike) -> str:
    """The SQLAlchemy URL of a database valuesapp can use; a one-line UserError for anything else."""
    raw = os.fspath(target)
    match = _SCHEME.match(raw)
    if match is None:
        return _sqlite(_file_path(raw))
    scheme, rest = match[1].lower(), raw[match.end():]
    if scheme == "sqlite":
        return _sqlite(_sqlite_url_path(raw, rest))
    if scheme in _POSTGRES:
        url = "postgresql+psycopg://" + rest  # psycopg 3, the driver valuesapp installs
        try:
            make_url(url)
        except (ArgumentError, ValueError):  # a port that is not a number, say; the URL may hold a password
            raise UserError.of(Msg.POSTGRES_URL_UNREADABLE, accepted=ACCEPTED) from None
        return url
    raise UserError.of(Msg.UNKNOWN_DATABASE, scheme=scheme, accepted=ACCEPTED)


def sqlite_file(target: str | os.PathLike) -> Path | None:
    """The file a target names if it is a SQLite store (checked the same way), None for PostgreSQL."""
    url = make_url(database_url(target))
    return Path(url.database) if url.get_backend_name() == "sqlite" else None


def _file_path(raw: str) -> Path:
    if not raw.strip():
        raise UserError.of(Msg.DATABASE_PATH_EMPTY, accepted=ACCEPTED)
    try:
        return Path(raw).expanduser().resolve()
    except RuntimeError:  # ~someone whose home folder is unknown
        raise UserError.of(Msg.NO_HOME_FOLDER, raw=raw) from None


def _sqlite_url_path(raw: str, rest: str) -> Path:
    if "?" in rest or "#" in rest:
        raise UserError.of(Msg.DATABASE_OPTIONS, raw=raw, accepted=ACCEPTED)
    rest = unquote(rest)
    drive = _WINDOWS_DRIVE.match(rest) if os.name == "nt" else None
    if drive:
        return Path(rest[drive.start(1):]).resolve()
    if not rest.startswith("/") or not rest.strip("/"):
        raise UserError.of(Msg.DATABASE_NOT_ABSOLUTE, raw=raw, accepted=ACCEPTED)
    return Path("/" + rest.lstrip("/")).resolve()


def _sqlite(path: Path) -> str:
    # Rendered from parts, so a path holding ?, # or % stays that path instead of becoming URL syntax.
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)
