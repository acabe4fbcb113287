"""An app websocket that lives exactly as long as its session: the server closes it when the session ends.

Why: checking the session only when the tab sends something left a tab that sat quiet (a phone left
on the table) connected, and the app kept pushing the owner's screens to it, after the session had
expired, been signed out elsewhere, or the passphrase changed. So while the app waits for the tab's
next message, the session is looked at every WEBSOCKET_CHECK_SECONDS; once it is no longer alive the
socket is closed with 1008 (policy violation) and the app is told the tab has gone.

Each socket checks for itself, inside the app's own receive: nothing outlives the connection, and a
check costs a dictionary lookup (plus, every couple of seconds at most, one read of the passphrase's
fingerprint from the store, shared by all sockets).
"""

from __future__ import annotations

import asyncio

from valuesapp.web.signins import SignIns

WEBSOCKET_CHECK_SECONDS = 2.0
WEBSOCKET_POLICY_VIOLATION = 1008


class SessionSocket:
    """The ASGI receive and send of one websocket, wrapped to end with the session of ``token``."""

    def __init__(self, signins: SignIns, token: str | None, receive, send):
        self.signins = signins
        self.token = token
        self._receive = receive
        self._send = send
        self._pending: asyncio.Future | None = None  # the browser's next message, awaited across checks
        self._sending = asyncio.Lock()  # our close never interleaves with a send of the app's
        self.closed = False

    async def send(self, message) -> None:
        async with self._sending:
            if self.closed:
                return  # closed under the app: what it still sends goes nowhere
            if message["type"] == "websocket.close":
                self.closed = True
            await self._send(message)

    async def receive(self):
        """The browser's next message; each counts as use of the session. A disconnect once it has ended."""
        if self.closed:
            return _gone()
        while True:
            if self._pending is None:
                self._pending = asyncio.ensure_future(self._receive())
            try:
                done, _ = await asyncio.wait({self._pending}, timeout=WEBSOCKET_CHECK_SECONDS)
            except asyncio.CancelledError:
                self._pending.cancel()
                self._pending = None
                raise
            if not done:
                if self.signins.alive(self.token):
                    continue
                return await self.close()
            pending, self._pending = self._pending, None
            message = pending.result()
            if message["type"] == "websocket.receive" and not self.signins.touch(self.token):
                return await self.close()
            return message

    async def close(self):
        """Close it from the server's side; the app, waiting for a message, hears that the tab has gone."""
        async with self._sending:
            if not self.closed:
                self.closed = True
                await self._send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION})
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        return _gone()


def _gone() -> dict:
    return {"type": "websocket.disconnect", "code": WEBSOCKET_POLICY_VIOLATION}
