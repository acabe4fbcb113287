"""A push service of the test's own, and a subscriber whose keys the test holds.

``LocalPushService`` is a small threaded HTTP server on 127.0.0.1 that keeps every push it is sent and
answers each with the next status the test queued (201 once the queue is empty), or, for a path marked
``hang``, never answers until the test ends. ``Subscriber`` is a browser's side of a subscription: a
P-256 key pair and an auth secret, so a test decrypts what the server sent (http_ece, aes128gcm) and
checks the VAPID token (cryptography's ECDSA), as a real push service and browser would.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LocalPushService:
    received: list[Received] = field(default_factory=list)
    statuses: dict[str, list[int]] = field(default_factory=dict)  # path -> the answers to give, in turn
    hanging: set[str] = field(default_factory=set)
    arrived: threading.Event = field(default_factory=threading.Event)  # a push came in (any path)
    release: threading.Event = field(default_factory=threading.Event)  # hanging handlers may answer now
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def endpoint(self, name: str) -> str:
        return f"{self.origin}/push/{name}"

    def answer(self, name: str, *statuses: int) -> None:
        self.statuses[f"/push/{name}"] = list(statuses)

    def hang(self, name: str) -> None:
        self.hanging.add(f"/push/{name}")

    def to(self, name: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == f"/push/{name}"]

    def start(self) -> LocalPushService:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server's name
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                with service.lock:
                    service.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    queued = service.statuses.get(self.path)
                    status = queued.pop(0) if queued else 201
                service.arrived.set()
                if self.path in service.hanging:
                    service.release.wait()
                    return  # closed without a word
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Subscriber:
    """A browser's keys for one subscription."""

    endpoint: str
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    def subscription(self) -> dict:
        """What ``PushSubscription.toJSON()`` gives."""
        point = self.key.public_key().public_bytes(serialization.Encoding.X962,
                                                   serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": self.endpoint, "expirationTime": None, "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)}}

    def decrypt(self, push: Received) -> dict:
        assert push.headers["content-encoding"] == "aes128gcm"
        return json.loads(http_ece.decrypt(push.body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"))


def check_vapid(push: Received, public_key: str) -> dict:
    """The VAPID token's claims, once its key is ``public_key`` and its ES256 signature holds (else the test fails)."""
    scheme, _, params = push.headers["authorization"].partition(" ")
    assert scheme == "vapid"
    parts = dict(p.strip().split("=", 1) for p in params.split(","))
    assert parts["k"] == public_key, "signed with another key than the one /push/key gives"
    signed, _, signature = parts["t"].rpartition(".")
    raw = unb64url(signature)
    assert len(raw) == 64
    verifier = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(public_key))
    try:
        verifier.verify(encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
                        signed.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        pytest.fail("the VAPID token's signature does not hold")
    header, claims = (json.loads(unb64url(piece)) for piece in signed.split("."))
    assert header["alg"] == "ES256"
    now = time.time()
    assert now < claims["exp"] <= now + 24 * 3600, "exp must be within 24 hours"
    return claims


@pytest.fixture
def push_service():
    service = LocalPushService().start()
    yield service
    service.stop()


def quick(services, *, timeout: float = 60.0, tries: int = 3) -> list[float]:
    """Pushes without waiting between tries (the pauses are only recorded); returns the pauses asked for.
    The timeout is long (the local service answers at once, however loaded the machine): only a test of a
    silent service makes it short."""
    pauses: list[float] = []
    services.push.delivery.pause = pauses.append
    services.push.delivery.timeout = timeout
    services.push.delivery.tries = tries
    return pauses
