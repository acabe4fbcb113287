"""Noticing that the store changed, whoever changed it: another tab, the CLI, a second server, the scheduler.

An open screen stays mounted and is only redrawn when told to, so a repair added with ``valuesapp repairs
add`` would never reach it without being told. Each store says it cheaply, with no table of its own:

- SQLite: ``PRAGMA data_version`` on a connection of the watcher's own changes whenever any other
  connection (of this process or another) commits; polled a few times a second, it costs a page read.
- PostgreSQL: every transaction that writes sends ``NOTIFY valuesapp_changes`` once, in that transaction
  (so a rolled-back one says nothing; reads never do), and the watcher ``LISTEN``s on a connection of its
  own. ``say_writes`` installs that on every engine ``open_store`` makes, in every process.

Many commits close together (an import, a tick and its counts) become one call of ``on_change``, made in
the watcher's thread once the store has been quiet for a moment. ``stop`` ends the thread within one poll.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, event

CHANNEL = "valuesapp_changes"
POLL_SECONDS = 0.2  # how often SQLite is asked, and how long one wait for a PostgreSQL notice lasts
QUIET_SECONDS = 0.15  # commits closer together than this are one change
MOST_SECONDS = 0.6  # a steady stream of commits is still reported this often
RETRY_SECONDS = 2.0  # a lost connection (the server restarted, the file moved) is tried again after this

_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|TRUNCATE|MERGE)\b", re.IGNORECASE)


class Watcher(Protocol):
    """What the running app knows of a watcher: start it, stop it."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


def watch(store, on_change: Callable[[], None], *, poll: float = POLL_SECONDS) -> Watcher:
    """A watcher for this store (``store.engine``, ``store.path``), calling ``on_change`` after commits."""
    if store.path is not None:
        return SqliteWatcher(store.path, on_change, poll=poll)
    return PostgresWatcher(store.engine.url, on_change, poll=poll)


class _Watcher(ABC):
    """The thread and the debounce; a store's kind says how to wait for the next change."""

    name = "valuesapp-watch"

    def __init__(self, on_change: Callable[[], None], *, poll: float):
        self.on_change = on_change
        self.poll = poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()  # set once the first look at the store is taken (tests wait on it)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.poll + 5)
            self._thread = None

    # What each store does

    def _open(self) -> None: ...

    def _close(self) -> None: ...

    @abstractmethod
    def _changed_within(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True if some other connection committed meanwhile."""

    # The loop

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._open()
                self.ready.set()
                while not self._stop.is_set():
                    if self._changed_within(self.poll):
                        self._settle()
                        if not self._stop.is_set():
                            self._tell()
            except Exception:  # the store went away for a while (restarted, dropped): look again soon
                self._stop.wait(RETRY_SECONDS)
            finally:
                self._close()

    def _settle(self) -> None:
        """Wait until the commits stop coming (or long enough), so many commits are one change."""
        deadline = time.monotonic() + MOST_SECONDS
        while not self._stop.is_set() and time.monotonic() < deadline:
            if not self._changed_within(min(QUIET_SECONDS, max(0.0, deadline - time.monotonic()))):
                return

    def _tell(self) -> None:
        try:
            self.on_change()
        except Exception:  # a listener's trouble must not end the watching
            pass


class SqliteWatcher(_Watcher):
    def __init__(self, path: Path, on_change: Callable[[], None], *, poll: float = POLL_SECONDS):
        super().__init__(on_change, poll=poll)
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None

    def _open(self) -> None:
        # Autocommit, so it never holds a read transaction open (which would pin the WAL and hide commits).
        self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=10, check_same_thread=False)
        self._version = self._read()

    def _read(self) -> int:
        assert self._conn is not None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _changed_within(self, seconds: float) -> bool:
        if self._stop.wait(seconds):
            return False
        version = self._read()
        changed, self._version = version != self._version, version
        return changed

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class PostgresWatcher(_Watcher):
    def __init__(self, url, on_change: Callable[[], None], *, poll: float = POLL_SECONDS):
        super().__init__(on_change, poll=poll)
        self.conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn = None

    def _open(self) -> None:
        import psycopg

        self._conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=10)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def _changed_within(self, seconds: float) -> bool:
        assert self._conn is not None
        return any(True for _ in self._conn.notifies(timeout=seconds, stop_after=1))

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:
                pass
            self._conn = None


def say_writes(engine: Engine) -> None:
    """Every PostgreSQL transaction that writes NOTIFYs the watchers once, inside itself: sent on commit,
    dropped on rollback, and never for a read (a screen refreshing on a notice must not cause another)."""

    def begun(conn) -> None:
        conn.info.pop("said", None)

    def executed(conn, _cursor, statement, _parameters, context, _executemany) -> None:
        if conn.info.get("said"):
            return
        wrote = context is not None and (context.isinsert or context.isupdate or context.isdelete)
        if wrote or _WRITES.match(statement):
            with conn.connection.dbapi_connection.cursor() as notice:
                notice.execute(f"NOTIFY {CHANNEL}")
            conn.info["said"] = True

    event.listen(engine, "begin", begun)
    event.listen(engine, "after_cursor_execute", executed)
