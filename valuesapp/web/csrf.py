"""Form tokens against cross-site requests: an HMAC over what the form is for and when it was made.

Stateless, so the friend's page needs no session; the key lives only in this process, so a restart
makes open forms stale (the page then asks to send again, keeping the text).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from valuesapp.core.clock import Clock

LIFETIME = timedelta(hours=4)


class FormTokens:
    def __init__(self, clock: Clock, key: bytes | None = None):
        self.clock = clock
        self.key = key or secrets.token_bytes(32)

    def issue(self, purpose: str) -> str:
        stamp = str(int(self.clock.now().timestamp()))
        return f"{stamp}.{self._sign(purpose, stamp)}"

    def check(self, token: str | None, purpose: str) -> bool:
        if not token or "." not in token or not token.isascii():  # compare_digest refuses other text
            return False
        stamp, signature = token.split(".", 1)
        if not stamp.isdigit() or not hmac.compare_digest(signature, self._sign(purpose, stamp)):
            return False
        age = self.clock.now().timestamp() - int(stamp)
        return -60 <= age <= LIFETIME.total_seconds()

    def _sign(self, purpose: str, stamp: str) -> str:
        return hmac.new(self.key, f"{purpose}|{stamp}".encode(), hashlib.sha256).hexdigest()
