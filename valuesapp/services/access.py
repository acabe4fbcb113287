"""The owner's passphrase for the served app: set it, check it, know whether one is set.

Only an Argon2id hash is stored. The parameters are argon2-cffi's RFC 9106 "low memory" profile
(64 MiB, 3 passes, 4 lanes), above OWASP's minimum of 19 MiB, 2 passes, 1 lane; a check takes well
under half a second here (the README gives the measured figure).
"""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

from valuesapp.core.access import check_passphrase
from valuesapp.services.context import Context
from valuesapp.store import passphrase as stored
from valuesapp.store.rows import save
from valuesapp.store.tables import OwnerPassphrase

HASHER = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


class AccessService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def passphrase_set(self) -> bool:
        with self.ctx.store.session() as session:
            return stored.get(session=session) is not None

    def passphrase_fingerprint(self) -> str | None:
        """What changes whenever the passphrase is set, changed or cleared, from whichever process.

        A digest of the stored hash (whose salt is new each time, so setting the same passphrase again
        changes it too); None when there is none. The server's sessions remember it and end when it
        changes. Never the hash itself, which need not sit in the server's memory.
        """
        with self.ctx.store.session() as session:
            row = stored.get(session=session)
            return None if row is None else hashlib.sha256(row.argon2_hash.encode("utf-8")).hexdigest()

    def set_passphrase(self, passphrase: str) -> None:
        digest = HASHER.hash(check_passphrase(passphrase))
        with self.ctx.store.session() as session:
            row = stored.get(session=session)
            if row is None:
                save(session=session, row=OwnerPassphrase(id=stored.ROW_ID, argon2_hash=digest, set_at=self.ctx.now()))
            else:
                row.argon2_hash, row.set_at = digest, self.ctx.now()
                save(session=session, row=row)

    def clear_passphrase(self) -> bool:
        """Forget the passphrase (serving is then allowed on this machine's loopback address only)."""
        with self.ctx.store.session() as session:
            row = stored.get(session=session)
            if row is not None:
                stored.delete(session=session, row=row)
            return row is not None

    def verify(self, attempt: str) -> bool:
        """Slow on purpose (Argon2id); call it off the event loop."""
        with self.ctx.store.session() as session:
            row = stored.get(session=session)
            digest = row.argon2_hash if row is not None else None
        if digest is None or not isinstance(attempt, str) or len(attempt) > 4 * 1024:
            return False
        try:
            return HASHER.verify(digest, attempt)
        except (VerificationError, InvalidHashError):
            return False
