"""Signed-in sessions and sign-in attempts, kept in the server's memory.

Sessions live only as long as the server process: a restart signs everyone out, which is the safe
direction. Tokens are 256 random bits; only their SHA-256 is kept, as with friends' links.

A session also lives only as long as the passphrase it was opened with. Whoever runs `valuesapp
passphrase set` or `clear` (usually another process: the CLI in a terminal) means to shut everyone
out, so each session remembers the passphrase's fingerprint, the store is read again at most every
PASSPHRASE_RECHECK (by the injected clock), and a changed or missing one ends every older session.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from valuesapp.core.access import SESSION_LONGEST, backoff, session_alive
from valuesapp.core.clock import Clock
from valuesapp.core.words import plural

if TYPE_CHECKING:  # the server listens before the services are loaded
    from valuesapp.services.access import AccessService

log = logging.getLogger("valuesapp.access")

PASSPHRASE_RECHECK = timedelta(seconds=2)  # how long the server may go on trusting what it last read
_UNREADABLE = object()  # the store could not be read just now: let nobody in, end nobody's session


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class _Session:
    started: datetime
    last_seen: datetime
    passphrase: str  # the fingerprint of the passphrase it was opened with


@dataclass(frozen=True)
class SignInResult:
    token: str | None  # set on success
    wait: timedelta  # > 0 when the address must wait before trying again
    no_passphrase: bool = False  # none is set (it was cleared while serving): nobody can sign in


class SignIns:
    def __init__(self, access: AccessService, clock: Clock):
        self.access = access
        self.clock = clock
        self._sessions: dict[str, _Session] = {}
        self._failures: dict[str, list[datetime]] = defaultdict(list)
        self._checking: dict[str, int] = defaultdict(int)  # checks under way, per address
        self._lock = threading.Lock()
        self._passphrase: str | None = None  # the fingerprint last read from the store
        self._read_at: datetime | None = None

    def attempt(self, address: str, passphrase: str) -> SignInResult:
        """Check a passphrase from an address. Slow (Argon2id): call it from a worker thread.

        The slot is taken before the check: each check under way counts as a failure until it ends, so
        15 guesses arriving together run 5 checks (then the back-off), not 15 that all saw none failed.
        """
        now = self.clock.now()
        with self._lock:
            failures = self._failures[address]
            failures[:] = [t for t in failures if now - t < timedelta(hours=1)]
            wait = backoff(failures + [now] * self._checking.get(address, 0), now)
            if wait <= timedelta(0):
                self._checking[address] += 1
        if wait > timedelta(0):
            log.warning("%s sign-in refused from %s: waiting %ds after repeated failures",
                        _utc(now), address, wait.total_seconds())
            return SignInResult(None, wait)
        checked = right = False
        try:
            fingerprint = self.access.passphrase_fingerprint()
            self._learn(fingerprint, now)
            if fingerprint is None:
                log.warning("%s sign-in refused from %s: no passphrase is set", _utc(now), address)
                return SignInResult(None, timedelta(0), no_passphrase=True)
            right = self.access.verify(passphrase)
            checked = True
        finally:  # the slot is given back however the check ended; only a wrong passphrase is a failure
            with self._lock:
                self._checking[address] -= 1
                if not self._checking[address]:
                    del self._checking[address]
                if checked and not right:
                    self._failures[address].append(now)
                    wait = backoff(self._failures[address], now)
        if not right:
            log.warning("%s sign-in failed from %s", _utc(now), address)
            return SignInResult(None, wait)
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._failures.pop(address, None)
            self._sessions[_digest(token)] = _Session(now, now, fingerprint)
            self._forget_dead(now)
        log.info("%s sign-in succeeded from %s", _utc(now), address)
        return SignInResult(token, timedelta(0))

    def touch(self, token: str | None) -> bool:
        """True, and the idle clock restarts, if the token belongs to a live session."""
        return self._live(token, use=True)

    def alive(self, token: str | None) -> bool:
        """True if the token belongs to a live session; looking does not count as use (an open socket's check)."""
        return self._live(token, use=False)

    def _live(self, token: str | None, *, use: bool) -> bool:
        if not token:
            return False
        now = self.clock.now()
        key = _digest(token)
        with self._lock:
            if key not in self._sessions:
                return False  # no store read for a made-up or forgotten cookie
        current = self._current_passphrase(now)
        if current is _UNREADABLE:
            return False
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                return False
            if session.passphrase != current or not session_alive(session.started, session.last_seen, now):
                del self._sessions[key]
                return False
            if use:
                session.last_seen = now
            return True

    def _current_passphrase(self, now: datetime):
        """The passphrase's fingerprint, read from the store if what was read last is PASSPHRASE_RECHECK old.

        Called on the event loop (by the gate): one small read every couple of seconds at most.
        """
        with self._lock:
            if self._read_at is not None and timedelta(0) <= now - self._read_at < PASSPHRASE_RECHECK:
                return self._passphrase
        try:
            fingerprint = self.access.passphrase_fingerprint()
        except Exception as exc:  # the store is unreachable: nobody in, nobody ended; read again next time
            log.warning("%s could not read the passphrase from the store: %s", _utc(now), exc)
            return _UNREADABLE
        self._learn(fingerprint, now)
        return fingerprint

    def _learn(self, fingerprint: str | None, now: datetime) -> None:
        """What the store says now; every session opened with another passphrase ends."""
        with self._lock:
            self._passphrase, self._read_at = fingerprint, now
            stale = [key for key, session in self._sessions.items() if session.passphrase != fingerprint]
            for key in stale:
                del self._sessions[key]
        if stale:
            log.warning("%s the passphrase was %s: %s ended", _utc(now),
                        "removed" if fingerprint is None else "changed", plural(len(stale), "session"))

    def sign_out(self, token: str | None, address: str) -> None:
        if token:
            with self._lock:
                self._sessions.pop(_digest(token), None)
        log.info("%s signed out from %s", _utc(self.clock.now()), address)

    def _forget_dead(self, now: datetime) -> None:
        for key, session in list(self._sessions.items()):
            if not session_alive(session.started, session.last_seen, now):
                del self._sessions[key]


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


SESSION_COOKIE_MAX_AGE = int(SESSION_LONGEST.total_seconds())
