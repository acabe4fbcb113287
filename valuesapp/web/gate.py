"""Two pure ASGI wrappers around the served app: the owner's gate and the security headers.

Pure ASGI, not Starlette's BaseHTTPMiddleware, because that never sees websocket scopes, and the
websocket is where the app's data actually flows.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

from valuesapp.web.later import Later
from valuesapp.web.signins import SignIns
from valuesapp.web.sockets import SessionSocket

SESSION_COOKIE = "valuesapp_session"
WEBSOCKET_POLICY_VIOLATION = 1008

# Paths anyone may fetch: the sign-in page, a friend's note page, and the app's static client files
# (code, fonts, icons, the web manifest): none of them holds a word of the owner's data. A note page is
# `/f/<token>` itself, one segment of a link token's characters: anything else under /f/ (`/f/x/y`,
# `/f/../`) would be answered with the app's page, so it is as private as any other path.
PUBLIC_PAGES = ("/login",)
FRIEND_PAGE = re.compile(r"/f/[A-Za-z0-9_-]+")


def static_client_paths(*folders: Path) -> frozenset[str]:
    """Every file of the web client and of our assets, by URL path, except the page that starts the app."""
    found: set[str] = set()
    for folder in folders:
        if folder and folder.is_dir():
            for file in folder.rglob("*"):
                if file.is_file():
                    found.add("/" + file.relative_to(folder).as_posix())
    found.discard("/index.html")
    return frozenset(found)


def cookie(headers: Iterable[tuple[bytes, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is as good as none
                continue
            if name in jar:
                return jar[name].value
    return None


class OwnerGate:
    """Without a live session, the app's pages, its websocket and everything not public get nothing.

    ``signins`` may still be on its way (the server listens before the store is open): a request that
    needs the gate waits for them; public files never wait.
    """

    def __init__(self, app, signins: SignIns | Later[SignIns], public_files: frozenset[str], *,
                 enabled: Callable[[], bool]):
        self.app = app
        self._signins = signins if isinstance(signins, Later) else Later.now(signins)
        self.signins: SignIns | None = signins if isinstance(signins, SignIns) else None
        self.public_files = public_files
        self.enabled = enabled

    def is_public(self, path: str) -> bool:
        return path in PUBLIC_PAGES or FRIEND_PAGE.fullmatch(path) is not None or path in self.public_files

    async def __call__(self, scope, receive, send):
        if self.signins is None and (scope["type"] == "websocket" or (
                scope["type"] == "http" and self.enabled() and not self.is_public(scope["path"]))):
            # The app's data flows only through the websocket: no session starts before the store is open
            # and has confirmed the gate; with the gate shut, no page either. Public files never wait.
            self.signins = await self._signins.wait()
        if scope["type"] not in ("http", "websocket") or self.is_public(scope["path"]) or not self.enabled():
            await self.app(scope, receive, send)
            return
        token = cookie(scope.get("headers", ()), SESSION_COOKIE)
        if scope["type"] == "websocket":
            if not self.signins.touch(token):
                await send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION})
                return
            socket = self._ending_with_the_session(token, receive, send)
            await self.app(scope, socket.receive, socket.send)
            return
        if scope["path"] == "/signout" and scope["method"] == "POST":  # signing out of a dead session is fine
            await self.app(scope, receive, send)
            return
        if self.signins.touch(token):
            await self.app(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD"):
            target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
            location = "/login" if target == "/" else "/login?next=" + quote(target, safe="")
            await _plain(send, 303, "Sign in first.", [(b"location", location.encode("latin-1"))])
        else:
            await _plain(send, 401, "Sign in first.")

    def _ending_with_the_session(self, token: str | None, receive, send) -> SessionSocket:
        """Each message from the browser counts as use; once the session has ended (expired, signed out,
        the passphrase changed), the server closes the socket within seconds, even if the tab is quiet."""
        return SessionSocket(self.signins, token, receive, send)


async def _plain(send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"), *(headers or []),
    ]})
    await send({"type": "http.response.body", "body": body})


# The app's page: Flutter needs WebAssembly (CanvasKit), inline styles it injects, blob: workers and
# data: fonts; Flet's page carries two inline scripts, allowed by their hashes (computed as served).
APP_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PAGE_POLICY = (
    "default-src 'none'; style-src 'nonce-{nonce}'; img-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_CONDITIONS = frozenset({b"if-none-match", b"if-modified-since", b"if-match", b"if-unmodified-since", b"if-range",
                         b"range"})
_REVALIDATION = frozenset({b"etag", b"last-modified", b"cache-control", b"accept-ranges"})


def page_nonce() -> str:
    return secrets.token_urlsafe(16)


def page_policy(nonce: str) -> str:
    return PAGE_POLICY.format(nonce=nonce)


def _script_hashes(html: bytes) -> str:
    return "".join(
        " 'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )


class SecurityHeaders:
    """Every HTTP response gets nosniff, no-referrer and a Content-Security-Policy that forbids framing.

    Our own pages bring their own policy (with their nonce); any other HTML (Flet's page) is held until
    complete so its inline scripts can be allowed by hash, and nothing else inline runs.

    Caching is decided here too, because a browser shows a cached page with the headers of the answer
    that revalidated it: a 304 for the app's page carries a policy made without the page's body, so
    without its scripts' hashes, and the page stays blank. So the app's page (`/`, every screen's
    address, `/index.html`) is never kept: `no-store`, no ETag or Last-Modified, and a conditional or
    range request for it is answered in full (4 KB, with its hashes). The web client's static files
    (``static_files``: main.dart.js, CanvasKit, fonts, icons, the manifest) keep their ETag and say
    `no-cache`: the browser keeps them but asks each time, a 304 spares the 10 MB, and since their
    names carry no version an upgraded valuesapp or Flet shows on the next visit. Our own pages say
    `no-store` themselves; a fallback font says how long it is kept.
    """

    def __init__(self, app, static_files: frozenset[str] = frozenset()):
        self.app = app
        self.static_files = static_files

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"] in self.static_files
        if not static:  # only a static file may be answered with a 304 or a part of itself
            scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() not in _CONDITIONS]}
        held: dict = {}
        chunks: list[bytes] = []

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"access-control-allow-origin"]
                names = {k.lower() for k, _ in headers}
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
                is_html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)
                if b"content-security-policy" in names:
                    await send(message)
                elif is_html:
                    held["start"] = message
                else:
                    headers.append((b"content-security-policy", APP_POLICY.format(hashes="").encode()))
                    if static and b"cache-control" not in names:
                        headers.append((b"cache-control", b"no-cache"))
                    await send(message)
                return
            if message["type"] == "http.response.body" and "start" in held:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                start = held.pop("start")
                policy = APP_POLICY.format(hashes=_script_hashes(body)).encode()
                kept = [(k, v) for k, v in start["headers"] if k.lower() not in _REVALIDATION]
                await send({**start, "headers": [*kept, (b"content-security-policy", policy),
                                                 (b"cache-control", b"no-store")]})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_with_headers)
