"""What the served app needs but may not have yet: the services, opened in a thread while it already listens.

``valuesapp serve`` listens before it has loaded the store's libraries and opened the services (the
browser spends seconds fetching and starting the Flutter client before it asks for anything that
needs them). Every request that needs them waits here for them, so none is answered without the gate
or with an error because it came early; one that comes after a failed opening gets the failure.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


class Later(Generic[T]):
    """A value set once by one thread, waited for by others (threads block; the event loop awaits)."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None

    @classmethod
    def now(cls, value: T) -> Later[T]:
        ready: Later[T] = cls()
        ready.set(value)
        return ready

    def set(self, value: T) -> None:
        self._value = value
        self._done.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def get(self) -> T:
        """The value, waiting for it (from a worker thread, never from the event loop)."""
        self._done.wait()
        if self._error is not None:
            raise RuntimeError("the app could not open its store") from self._error
        return self._value  # type: ignore[return-value]

    async def wait(self) -> T:
        """The value, from the event loop: it goes on serving other requests meanwhile."""
        if not self._done.is_set():
            await asyncio.to_thread(self._done.wait)
        return self.get()

    def then(self, make: Callable[[T], U]) -> Later[U]:
        """A value made from this one once, by the first to ask for it after it is set."""
        return _Derived(self, make)


class _Derived(Later[U], Generic[T, U]):
    def __init__(self, source: Later[T], make: Callable[[T], U]):
        super().__init__()
        self._source = source
        self._make = make
        self._lock = threading.Lock()

    @property
    def done(self) -> bool:
        return self._source.done

    def get(self) -> U:
        value = self._source.get()
        with self._lock:
            if not self._done.is_set():
                self.set(self._make(value))
        return super().get()

    async def wait(self) -> U:
        await self._source.wait()
        return self.get()
