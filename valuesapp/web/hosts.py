"""Which names this server answers to, and a pure ASGI wrapper that refuses every other.

Why: with no passphrase (the default on 127.0.0.1) whoever holds the websocket holds the journal, and
a web page elsewhere has two ways to it. It can open ``ws://127.0.0.1:8550/ws`` from its own origin:
the browser then says where the page came from in ``Origin``, so the websocket needs an Origin that is
this server itself. Or it can point its own name at 127.0.0.1 (DNS rebinding) and so become
same-origin with us: the browser still sends that name as ``Host``, so every request needs a Host that
is one of the names this server is reached by. Forms that change state (POST and the like) need a
matching Origin if the browser named one. Our pages say `Referrer-Policy: no-referrer`, so a browser
posts their forms with `Origin: null`, which names no site: that, or no Origin at all (not a browser),
still needs the form's own token, as every form does.

The rule is pure (``AllowedHosts``, built by ``allowed_hosts``) so it is tested without a server.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from valuesapp.core.errors import UserError

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}
REFUSED = "This server does not answer to that name or to pages from elsewhere."
WEBSOCKET_REFUSED = "not this server's own page"  # the close's reason (a browser sees only the 403)
WEBSOCKET_POLICY_VIOLATION = 1008


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def split_host(value: str | None) -> tuple[str, int | None] | None:
    """A Host header (``name``, ``name:port``, ``[::1]:port``) as a lower-case name and port; None if malformed."""
    if not value or any(c in value for c in "/@?#\\ ") or value != value.strip():
        return None
    try:
        parts = urlsplit("//" + value)
        name, port = parts.hostname, parts.port
    except ValueError:  # a port that is no number, an unclosed bracket
        return None
    if not name:
        return None
    return name.rstrip(".").lower(), port


@dataclass(frozen=True)
class AllowedHosts:
    """The names a browser may use for this server.

    ``any_address``: listening on every address (0.0.0.0), any IP address written as such is allowed.
    That is safe: DNS rebinding needs a *name*, and a browser only sends an address as Host when it
    connected to that address, which led here, so the page's origin is this server. It also lets a
    phone in on whichever address reaches this machine, behind a container's port mapping too.
    """

    names: frozenset[str]
    any_address: bool = False
    public_names: frozenset[str] = frozenset()

    def allows_name(self, name: str) -> bool:
        return name in self.names or name in self.public_names or (self.any_address and _is_address(name))

    def allows_host(self, host: str | None) -> bool:
        parsed = split_host(host)
        return parsed is not None and self.allows_name(parsed[0])

    def allows_origin(self, origin: str | None, host: str | None) -> bool:
        """An Origin that is this server as the browser reached it: the Host's own name and port.

        Behind a proxy that rewrites Host, the configured public name is enough (the proxy chose the port).
        """
        if not origin or not self.allows_host(host):
            return False
        try:
            parts = urlsplit(origin)
            name, port = (parts.hostname or "").rstrip(".").lower(), parts.port
        except ValueError:
            return False
        if parts.scheme not in DEFAULT_PORTS or not name or parts.path or parts.query or parts.username:
            return False  # "null" (a sandboxed frame or a file) and anything else that is not an origin
        if name in self.public_names:
            return True
        host_name, host_port = split_host(host)
        default = DEFAULT_PORTS[parts.scheme]
        return name == host_name and (port or default) == (host_port or default)


def this_machines_names() -> set[str]:
    """This machine's own names, as a phone on the home network may use them: ``name``, ``name.local``, FQDN."""
    names: set[str] = set()
    try:
        hostname = socket.gethostname().rstrip(".").lower()
    except OSError:
        return names
    if hostname:
        short = hostname.split(".")[0]
        names |= {hostname, short, short + ".local"}
        try:
            names.add(socket.getfqdn(hostname).rstrip(".").lower())
        except OSError:
            pass
    return names


def allowed_hosts(listen_host: str, *, public_names: Iterable[str] = (),
                  machine_names: Iterable[str] | None = None) -> AllowedHosts:
    """The names for a server listening on ``listen_host``: loopback ones always, plus the listening address,
    plus (off loopback) this machine's names, plus any public name a proxy in front serves it under."""
    listen = listen_host.strip("[]").rstrip(".").lower()
    every = listen in EVERY_ADDRESS
    names = set(LOOPBACK_NAMES) | ({listen} if not every else set())
    loopback_only = listen in LOOPBACK_NAMES or _is_address(listen) and ipaddress.ip_address(listen).is_loopback
    if not loopback_only:
        names |= {n.lower() for n in (this_machines_names() if machine_names is None else machine_names)}
    return AllowedHosts(names=frozenset(names), any_address=every,
                        public_names=frozenset(public_name(raw) for raw in public_names))


def public_name(raw: str) -> str:
    """The name a proxy in front serves the app under, as typed: ``values.example.org``, with a port or a scheme."""
    text = raw.strip()
    parsed = split_host(urlsplit(text).netloc if "://" in text else text)
    name = parsed[0] if parsed else ""
    labels_ok = all(label and all(c.isalnum() or c == "-" for c in label) for label in name.split("."))
    if not name or not (labels_ok or _is_address(name)):
        raise UserError(f"The public name {raw!r} is not a host name such as values.example.org.")
    return name


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class HostCheck:
    """Outermost wrapper: a request with a foreign Host, or a foreign Origin where one counts, gets a 403 and
    a short plain text; a websocket handshake is closed before it is accepted, which the server answers
    with a 403. (Not with ASGI's denial response: uvicorn then logs "ASGI callable returned without
    completing handshake" for every refusal.)"""

    def __init__(self, app, allowed: AllowedHosts):
        self.app = app
        self.allowed = allowed

    def allows(self, scope) -> bool:
        host = _header(scope, b"host")
        if not self.allowed.allows_host(host):
            return False
        origin = _header(scope, b"origin")
        if scope["type"] == "websocket":
            return self.allowed.allows_origin(origin, host)
        if scope.get("method", "GET") in SAFE_METHODS or origin in (None, "null"):
            return True
        return self.allowed.allows_origin(origin, host)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or self.allows(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION, "reason": WEBSOCKET_REFUSED})
            return
        body = REFUSED.encode()
        await send({"type": "http.response.start", "status": 403, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff")]})
        await send({"type": "http.response.body", "body": body})
