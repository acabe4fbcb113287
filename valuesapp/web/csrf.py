"""Form tokens against cross-site requests: an HMAC over what the form is for, when it was made and a
random part that makes each form's token its own.

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
        """A new token each time, even within one second: a friend's form sends one note per token, so
        two forms opened at once (two tabs) must not share one."""
        stamp = f"{int(self.clock.now().timestamp())}-{secrets.token_hex(8)}"
        return f"{stamp}.{self._sign(purpose, stamp)}"

    def check(self, token: str | None, purpose: str) -> bool:
        if not token or "." not in token or not token.isascii():  # compare_digest refuses other text
            return False
        stamp, signature = token.split(".", 1)
        seconds, _, unique = stamp.partition("-")
        if not (seconds.isdigit() and unique.isalnum()) or not hmac.compare_digest(signature, self._sign(purpose, stamp)):
            return False
        age = self.clock.now().timestamp() - int(seconds)
        return -60 <= age <= LIFETIME.total_seconds()

    def _sign(self, purpose: str, stamp: str) -> str:
        return hmac.new(self.key, f"{purpose}|{stamp}".encode(), hashlib.sha256).hexdigest()
