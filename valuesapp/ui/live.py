"""The open windows and browser tabs of this process, so the scheduler can reach each of them.

The scheduler runs in its own thread and must never touch controls; ``page.run_task`` is the one
thread-safe way in, and it runs the change inside the right session. A window is anything with a
``page`` (the shell is one); this module knows nothing else of it, so the shell can import it
without it importing the shell back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar


class Window(Protocol):
    """What a live session is, here: its Flet page (``page.run_task`` gets into its session)."""

    page: Any


W = TypeVar("W", bound=Window)


class LiveSessions(Generic[W]):
    def __init__(self) -> None:
        self._shells: set[W] = set()
        self._lock = threading.Lock()

    def add(self, shell: W) -> None:
        with self._lock:
            self._shells.add(shell)

    def remove(self, shell: W) -> None:
        with self._lock:
            self._shells.discard(shell)

    def __len__(self) -> int:
        with self._lock:
            return len(self._shells)

    def broadcast(self, change: Callable[[W], None]) -> None:
        with self._lock:
            shells = list(self._shells)
        for shell in shells:

            async def apply(shell=shell) -> None:
                change(shell)

            try:
                shell.page.run_task(apply)
            except Exception:  # the session closed between listing and sending: it no longer needs it
                self.remove(shell)
