"""Which address a friend's link starts with: one a friend's phone can reach, and a plain warning when
only this computer can open it (the default ``valuesapp serve`` listens on 127.0.0.1 alone).

``friends_address`` is pure (given how the app is served and this machine's addresses), so the choice is
tested without a network; the Feedback screen and ``valuesapp links create`` both use it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
ONLY_THIS_COMPUTER = ("Only this computer can open this link: the app is served on this computer's own address "
                      "(127.0.0.1). For a friend's phone, serve it on your network (valuesapp serve --host 0.0.0.0) "
                      "or host it at a public address (valuesapp settings set public_url https://...), then make the link.")


@dataclass(frozen=True)
class FriendsAddress:
    """Where friends reach the served app, as a link starts (``https://values.example.org``), and
    whether only this computer can open it (then it is shown with a plain warning, and no QR code)."""

    base_url: str
    only_this_computer: bool

    @property
    def warning(self) -> str | None:
        return ONLY_THIS_COMPUTER if self.only_this_computer else None


def _is_loopback(name: str) -> bool:
    name = name.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def only_this_computer(base_url: str) -> bool:
    """Whether an address (as typed, or chosen) leads only to this computer: localhost, 127.x, ::1."""
    try:
        host = urlsplit(base_url.strip()).hostname or ""
    except ValueError:
        return False
    return _is_loopback(host)


def _network_address(addresses: Iterable[str]) -> str | None:
    """The one of this machine's addresses a phone on the same network most likely reaches: a private
    IPv4 address first (a home network), then any other that is not loopback or link-local."""
    usable = []
    for raw in addresses:
        try:
            address = ipaddress.ip_address(raw)
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast:
            continue
        usable.append(address)
    usable.sort(key=lambda a: (a.version != 4, not a.is_private))
    return str(usable[0]) if usable else None


def _http(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}" if port == 80 else f"http://{shown}:{port}"


def friends_address(*, listen_host: str | None, port: int, public_names: Sequence[str] = (),
                    machine_addresses: Iterable[str] = ()) -> FriendsAddress:
    """The address a friend's phone can reach, for a server listening on ``listen_host`` (None: not
    served, as in the desktop window): the public name a proxy serves it under (HTTPS, as the README's
    Caddy does; a name typed with its scheme keeps it); else, served on every address (0.0.0.0), this
    machine's network address; else a specific listening address. On loopback only this computer can."""
    for raw in public_names:
        text = raw.strip().rstrip("/")
        if text:
            return FriendsAddress(text if "://" in text else f"https://{text}", False)
    listen = (listen_host or "127.0.0.1").strip("[]").lower()
    if listen in EVERY_ADDRESS:
        found = _network_address(machine_addresses)
        return FriendsAddress(_http(found, port), False) if found else FriendsAddress(_http("127.0.0.1", port), True)
    if _is_loopback(listen):
        return FriendsAddress(_http("127.0.0.1", port), True)
    return FriendsAddress(_http(listen, port), False)


def this_machines_addresses() -> list[str]:
    """This machine's own IP addresses: the one its default route leaves by (a UDP socket "connected" to
    a documentation address sends nothing), and those its host name resolves to."""
    found: list[str] = []
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                found.append(s.getsockname()[0])
        except OSError:
            pass
    try:
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    return found


@dataclass(frozen=True)
class Serving:
    """How this process serves the app (set by ``app.serve``): what friends' links default to."""

    listen_host: str
    port: int
    public_names: tuple[str, ...] = ()
