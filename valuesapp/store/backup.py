"""Backups of a SQLite store, always through SQLite's online backup API (never a file copy of a live
database), checked before they are trusted.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.store.engine import HEAD_REVISION, Store
from valuesapp.store.files import kind_of

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")  # every schema this version can migrate from; tests keep it current
NAME = re.compile(r"^valuesapp-(\d{8}T\d{6}Z)\.db$")
MAP_BYTES = 1 << 30  # how much of a store the check reads through a memory map (SQLite maps at most the file)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size: int


@dataclass(frozen=True)
class FileCheck:
    ok: bool
    problem: str | None
    revision: str | None


def backups_folder(store: Store) -> Path:
    if store.path is None:
        raise UserError.of(Msg.BACKUPS_SQLITE_ONLY)
    return store.path.parent / "backups"


def copy_online(source: Path, target: Path) -> None:
    """Copy a database, live or not, page by page, into ``target`` (written to a temporary name first)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
    finally:
        src.close()
    os.replace(partial, target)


def make_backup(store: Store, *, now: datetime, out: Path | None = None) -> BackupFile:
    if store.path is None:
        raise UserError.of(Msg.BACKUPS_SQLITE_ONLY)
    target = out or backups_folder(store) / f"valuesapp-{now.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}.db"
    try:
        copy_online(store.path, target)
    except (OSError, sqlite3.Error) as exc:
        raise UserError.of(Msg.CANNOT_WRITE_BACKUP, path=target, problem=exc) from None
    return BackupFile(target, now, target.stat().st_size)


def list_backups(store: Store) -> list[BackupFile]:
    """Newest first."""
    return backups_beside(store.path) if store.path is not None else []


def damage(path: Path) -> str | None:
    """What is wrong with an existing database file (``PRAGMA quick_check``), or None if it reads whole.

    Every command runs this before opening the store, and it reads every page: read through a memory
    map rather than copied page by page into SQLite's cache, which costs about half the CPU time (a
    read-only connection, so nothing is ever written through the map)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute(f"PRAGMA mmap_size={MAP_BYTES}")
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if result == ["ok"] else " ".join(result[0].split())


def backups_beside(path: Path) -> list[BackupFile]:
    """Backups in the folder beside a database file, newest first, without opening the database."""
    folder = path.parent / "backups"
    if not folder.is_dir():
        return []
    found = []
    for item in folder.iterdir():
        match = NAME.match(item.name)
        if match:
            taken = datetime.strptime(match[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append(BackupFile(item, taken, item.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def check_file(path: Path, *, quick: bool = False) -> FileCheck:
    """Is this a whole, undamaged valuesapp database whose schema this version can read?"""
    try:
        kind = kind_of(path.stat().st_mode)  # looked at, not opened: a named pipe would block the open
    except OSError:
        return FileCheck(False, f"{path} does not exist", None)
    if kind is not None:
        return FileCheck(False, f"{path} is {kind}, not a regular file", None)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return FileCheck(False, f"cannot open {path}: {exc}", None)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        result = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
        if result != ["ok"]:
            return FileCheck(False, f"{pragma} failed: {result[0]}", None)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return FileCheck(False, "it is not a valuesapp database (no schema version)", None)
        revision = revision[0] if revision else None
        if revision not in KNOWN_REVISIONS:
            return FileCheck(False, f"its schema version {revision!r} is newer than this valuesapp knows ({HEAD_REVISION})", revision)
        return FileCheck(True, None, revision)
    except sqlite3.DatabaseError as exc:
        return FileCheck(False, f"it is damaged or not a database ({exc})", None)
    finally:
        conn.close()


def restore_into(store: Store, source: Path) -> None:
    """Replace the store's contents with a checked backup, through the backup API, while connections
    to it are closed; the caller migrates afterwards if the backup's schema is older."""
    check = check_file(source)
    if not check.ok:
        raise UserError.of(Msg.CANNOT_RESTORE, path=source, problem=check.problem)
    store.engine.dispose()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(store.path)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
