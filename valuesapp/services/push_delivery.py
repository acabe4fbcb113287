"""Handing one encrypted push to a device's push service (pywebpush does the RFC 8291 encryption and the
RFC 8292 VAPID signature), and reading its answer as the app acts on it.

Why a module of its own: this is the one place that talks to the network. Each try is bounded by a
timeout, retries are few and spaced out, and nothing here raises: every outcome becomes an ``Outcome``,
so a push service that hangs, refuses or vanishes can never stop the scheduler that asked.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

log = logging.getLogger(__name__)

TTL_SECONDS = 12 * 60 * 60  # a phone that is off for the night still gets the morning's card
TIMEOUT_SECONDS = 5.0  # per try: a push service answers in well under a second
TRIES = 3
BACKOFF_SECONDS = (2.0, 8.0)  # before the second and the third try
GONE = frozenset({404, 410})  # the subscription no longer exists: drop the device
RETRIED = frozenset({429})  # and every 5xx


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    gone: bool
    result: str  # the one line recorded as the device's last result


@dataclass
class Delivery:
    """How pushes are sent; the tests make the pauses instant and the timeout short."""

    timeout: float = TIMEOUT_SECONDS
    tries: int = TRIES
    backoff: tuple[float, ...] = BACKOFF_SECONDS
    pause: Callable[[float], None] = time.sleep
    ttl: int = TTL_SECONDS

    def send(self, info: dict, data: str, *, vapid: Vapid, subject: str) -> Outcome:
        """One push, tried up to ``tries`` times while the push service is busy, failing or silent."""
        last = ""
        for attempt in range(1, self.tries + 1):
            if attempt > 1:
                self.pause(self.backoff[min(attempt - 2, len(self.backoff) - 1)])
            status, last = self._try(info, data, vapid=vapid, subject=subject)
            if status is not None and 200 <= status < 300:
                return Outcome(True, False, f"accepted ({status})")
            if status in GONE:
                return Outcome(False, True, f"gone ({status}): the device was removed")
            if status is not None and status not in RETRIED and status < 500:
                return Outcome(False, False, last)  # refused for good (400, 403, 413): trying again changes nothing
            log.warning("push to %s: %s (try %d of %d)", _origin(info), last, attempt, self.tries)
        return Outcome(False, False, f"{last} after {self.tries} tries" if self.tries > 1 else last)

    def _try(self, info: dict, data: str, *, vapid: Vapid, subject: str) -> tuple[int | None, str]:
        try:
            response = webpush(info, data, vapid_private_key=vapid, vapid_claims={"sub": subject},
                               timeout=self.timeout, ttl=self.ttl)
            return response.status_code, f"accepted ({response.status_code})"
        except WebPushException as exc:
            status = exc.response.status_code if exc.response is not None else None
            return status, f"failed ({status})" if status is not None else f"failed ({exc.message.splitlines()[0]})"
        except requests.Timeout:
            return None, "timed out"
        except requests.RequestException as exc:
            return None, f"could not reach the push service ({type(exc).__name__})"
        except Exception as exc:  # a key or claim the library refused: recorded, never raised into the scheduler
            log.exception("push to %s could not be made", _origin(info))
            return 0, f"could not be sent ({type(exc).__name__})"


def _origin(info: dict) -> str:
    from valuesapp.core.push import push_host

    return push_host(str(info.get("endpoint", "")))
