"""Opening a store: the URL, SQLite's pragmas, sessions, and migrating to the current schema.

Opening is on every CLI call's path, so the common case (already current) costs one small query and
never loads Alembic.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from valuesapp.core.clock import SystemClock
from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.store.urls import database_url  # noqa: F401 - where every target becomes a URL
from valuesapp.store.watch import say_writes

HEAD_REVISION = "0008"  # tests check this equals Alembic's head


BUSY_TIMEOUT_MS = 10_000
_pause = time.sleep  # how switch_to_wal waits between tries (a test stands in for it)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    """The busy timeout comes first, so that every later pragma already waits for a lock."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def switch_to_wal(cursor, *, patience: float = BUSY_TIMEOUT_MS / 1000) -> str:
    """Put the store in WAL mode, waiting while another process does the same or migrates.

    SQLite ignores the busy timeout here: switching a store that is not yet in WAL mode takes a read
    lock, then asks for the write lock, and a connection that already holds a read lock is refused at
    once rather than made to wait (waiting could deadlock). Two processes opening a brand-new store
    together meet exactly there, so the refusal is retried until the other one is done. Once the file
    is in WAL mode the pragma writes nothing and is never refused this way.
    """
    waited, pause = 0.0, 0.005
    while True:
        try:
            return str(cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            refused = "locked" in str(exc).lower() or "busy" in str(exc).lower()
            if not refused or waited >= patience:
                raise
        _pause(pause)
        waited += pause
        pause = min(pause * 2, 0.1)


class StorageProblem(UserError):
    """The disk, not the person: read-only, full, or gone. Nothing was written; what was typed is kept."""


_STORAGE_PROBLEMS = (
    ("readonly", "The store at {where} is read-only, so nothing was saved. Your text is kept."),
    ("read-only", "The store at {where} is read-only, so nothing was saved. Your text is kept."),
    ("disk is full", "The disk holding {where} is full, so nothing was saved. Your text is kept; free some space."),
    ("disk i/o error", "The disk holding {where} failed to write, so nothing was saved. Your text is kept."),
    ("unable to open", "Cannot open the store at {where} (is the folder there and writable?). Your text is kept."),
)


def storage_problem(exc: OperationalError, where: str) -> StorageProblem | None:
    """A disk trouble turned into one line for people; None for anything else (such as a busy lock)."""
    text = str(exc.orig).lower()
    for needle, message in _STORAGE_PROBLEMS:
        if needle in text:
            return StorageProblem(message.format(where=where))
    return None


class Store:
    """One database: its engine and a way to open a session on it."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.engine.url.database) if self.is_sqlite and self.engine.url.database else None

    @property
    def location(self) -> str:
        """Where the data lives, for people to read (passwords hidden)."""
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back entirely if it raises."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                problem = storage_problem(exc, self.location)
                if problem is None:
                    raise
                self.engine.dispose()  # a connection opened read-only stays so; the next try opens afresh
                raise problem from None
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(target: str | os.PathLike, *, migrate: bool = True) -> Store:
    url = database_url(target)
    if url.startswith("sqlite:///"):
        path = Path(make_url(url).database)  # the URL escapes ?, # and %; the path is as given
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError.of(Msg.CANNOT_CREATE_FOLDER, path=path.parent, reason=exc.strerror) from None
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _on_sqlite_connect)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        say_writes(engine)  # open tabs elsewhere hear of every commit that wrote (store.watch)
    store = Store(engine, url)
    if migrate:
        try:
            migrate_to_head(store)
        except OperationalError as exc:
            engine.dispose()
            detail = " ".join(str(exc.orig).split()).rstrip(".")  # drivers write several lines; one is enough
            raise UserError.of(Msg.CANNOT_OPEN_STORE, location=store.location, problem=detail) from None
    return store


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


# Any constant shared by every valuesapp process: PostgreSQL's advisory lock key for migrating.
_MIGRATION_LOCK_KEY = 0x76616C75


def migrate_to_head(store: Store) -> None:
    """Bring the store to the current schema, one process at a time.

    Two processes opening a new (or older) store at once (the app and the scheduler, two CLI calls)
    must not both migrate it: the second waits for the first's lock, then finds the store current.
    The migration runs in that one transaction, so it is all or nothing on SQLite too.
    """
    if current_revision(store) == HEAD_REVISION:
        return
    from valuesapp.store.migrations.run import upgrade_to_head

    with store.engine.connect() as conn:
        if store.is_sqlite:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, waited for up to busy_timeout
        else:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        revision = _revision(conn)
        if revision != HEAD_REVISION:
            if revision is not None and store.path is not None:
                backup_before_migration(store, revision)
            upgrade_to_head(conn)
        conn.commit()


def backup_before_migration(store: Store, revision: str) -> Path:
    """A copy of the whole file beside it, taken with SQLite's online backup API, never a file copy."""
    source_path = store.path
    assert source_path is not None
    stamp = SystemClock().now().strftime("%Y%m%dT%H%M%SZ")
    target = source_path.with_name(f"{source_path.name}.before-migration-{revision}-{stamp}.bak")
    source = sqlite3.connect(source_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
