"""Signed-in sessions and sign-in attempts, kept in the server's memory.

Sessions live only as long as the server process: a restart signs everyone out, which is the safe
direction. Tokens are 256 random bits; only their SHA-256 is kept, as with friends' links.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from valuesapp.core.access import SESSION_LONGEST, backoff, session_alive
from valuesapp.core.clock import Clock
from valuesapp.services.access import AccessService

log = logging.getLogger("valuesapp.access")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class _Session:
    started: datetime
    last_seen: datetime


@dataclass(frozen=True)
class SignInResult:
    token: str | None  # set on success
    wait: timedelta  # > 0 when the address must wait before trying again


class SignIns:
    def __init__(self, access: AccessService, clock: Clock):
        self.access = access
        self.clock = clock
        self._sessions: dict[str, _Session] = {}
        self._failures: dict[str, list[datetime]] = defaultdict(list)
        self._checking: dict[str, int] = defaultdict(int)  # checks under way, per address
        self._lock = threading.Lock()

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
            self._sessions[_digest(token)] = _Session(now, now)
            self._forget_dead(now)
        log.info("%s sign-in succeeded from %s", _utc(now), address)
        return SignInResult(token, timedelta(0))

    def touch(self, token: str | None) -> bool:
        """True, and the idle clock restarts, if the token belongs to a live session."""
        if not token:
            return False
        now = self.clock.now()
        key = _digest(token)
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                return False
            if not session_alive(session.started, session.last_seen, now):
                del self._sessions[key]
                return False
            session.last_seen = now
            return True

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
