"""A first look at a SQLite store with the standard library alone, for ``serve`` to listen at once.

Opening the store properly loads SQLAlchemy, the tables and the services (a second or more on a phone-sized
server); the browser is meanwhile fetching the client, and only two things must be known before the first
request is answered: whether a passphrase gates the app, and the public address. This module reads them,
read-only, from a store that is already current and sound; for anything else it says nothing, and the
store is opened (checked, migrated, refused) before listening, as always.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True)
class FirstLook:
    """What ``serve`` must know before it listens: the gate (a passphrase is set) and the public_url setting."""
    gated: bool
    public_url: str  # "" when none


def first_look(db: str | None, environ: Mapping[str, str] = os.environ) -> FirstLook | None:
    """The passphrase and public address of a current SQLite store, read with the standard library alone
    (SQLAlchemy, the tables and the services take a second or more to load, and the browser need not
    wait for them). None where opening the store must come first (PostgreSQL, a new, empty, damaged,
    unreadable or older store): ``serve_store`` then opens it before listening, exactly as before."""
    target = db or environ.get("VALUESAPP_DB") or str(default_file())
    if "://" in target or not target.strip():
        return None
    try:
        path = Path(target).expanduser().resolve()
        if not path.is_file() or path.stat().st_size == 0:
            return None
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=10)
        try:
            if [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
                return None  # opening it says what is wrong (``refuse_damaged``)
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (newest_schema(),):
                return None  # opening it migrates it (with a backup first), or says why it cannot
            gated = conn.execute("SELECT count(*) FROM owner_passphrase").fetchone()[0] > 0
            stored = conn.execute("SELECT value FROM setting WHERE key = 'public_url'").fetchone()
        finally:
            conn.close()
    except (OSError, RuntimeError, sqlite3.Error):
        return None
    return FirstLook(gated=gated, public_url=stored[0] if stored else "")


def newest_schema() -> str:
    """``engine.HEAD_REVISION`` without SQLAlchemy: the newest migration's number (a test holds them equal)."""
    versions = Path(__file__).parent / "migrations" / "versions"
    return max(f.name[:4] for f in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))


def default_file() -> Path:
    """The store used when none is chosen: the user data folder's valuesapp.db."""
    return Path(user_data_dir("valuesapp", appauthor=False)) / "valuesapp.db"
