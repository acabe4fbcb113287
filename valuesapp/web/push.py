"""The served app's Web Push routes: the server's public key, and a device's subscription coming in.

``GET /push/key`` and ``POST /push/subscriptions`` sit behind the owner's gate like every private path.
A subscription is stored only from this server's own page: the POST needs an ``Origin`` that is this
server (``HostCheck`` refuses a foreign one for every POST, but lets one with no Origin through for the
forms, which carry a token; this route has no token, so a missing Origin is refused here). Its body is
JSON of a few hundred bytes, read counted as it arrives and refused past ``BODY_MAX``, with a length
declared or not, so a body streamed without end is never held.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from valuesapp.core.errors import UserError
from valuesapp.web.hosts import AllowedHosts
from valuesapp.web.later import Later

if TYPE_CHECKING:  # the server listens before the services are loaded
    from valuesapp.services import Services

KEY_PATH = "/push/key"
SUBSCRIPTIONS_PATH = "/push/subscriptions"
BODY_MAX = 4 * 1024  # a real PushSubscription's JSON is 200-600 bytes
JSON_TYPE = "application/json"
FOREIGN = "Subscriptions are taken only from this server's own page."
TOO_BIG = f"That is too long to be a push subscription (the limit is {BODY_MAX:,} bytes); nothing was stored."
NOT_JSON = "The subscription must be sent as JSON; nothing was stored."
NO_STORE = {"cache-control": "no-store"}


class BodyRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _plain(text: str, status: int) -> Response:
    return Response(text, status_code=status, media_type="text/plain", headers=NO_STORE)


async def read_json(request: Request, limit: int = BODY_MAX) -> object:
    """The JSON body, read up to ``limit`` bytes and no further (a declared length over it is refused unread)."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != JSON_TYPE:
        raise BodyRefused(NOT_JSON)
    declared = request.headers.get("content-length")
    if declared is not None and (not (declared.isascii() and declared.isdigit()) or int(declared) > limit):
        raise BodyRefused(TOO_BIG)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyRefused(TOO_BIG)
    try:
        return json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BodyRefused(NOT_JSON) from None


def add_push_routes(app, services: Services | Later[Services], hosts: Callable[[], AllowedHosts]) -> None:
    """Add the two routes to ``app`` (before the Flet app's catch-all is mounted); ``hosts``: the names this
    server answers to, as ``HostCheck`` has them. ``services`` may still be opening: each route waits."""
    later = services if isinstance(services, Later) else Later.now(services)

    @app.get(KEY_PATH)
    async def push_key():
        key = await asyncio.to_thread((await later.wait()).push.public_key)
        return JSONResponse({"public_key": key}, headers=NO_STORE)

    @app.post(SUBSCRIPTIONS_PATH)
    async def push_subscribe(request: Request):
        if not hosts().allows_origin(request.headers.get("origin"), request.headers.get("host")):
            return _plain(FOREIGN, 403)
        try:
            body = await read_json(request)
        except BodyRefused as refused:
            return _plain(refused.message, 400)
        try:
            device_id = await asyncio.to_thread((await later.wait()).push.subscribe, body,
                                                user_agent=request.headers.get("user-agent"))
        except UserError as exc:
            return _plain(f"{exc.message} Nothing was stored.", 400)
        return JSONResponse({"id": device_id}, status_code=201, headers=NO_STORE)
