"""The web client's big files (main.dart.js, CanvasKit, icon fonts) go out compressed, and ask no CDN.

Served as Flet ships them, a phone fetched 17 MiB on every cold load. Here each compressible file is
compressed once, off the request path, by a background thread at a low priority (see ``STAGES``:
gzip, brotli at quality 9, then brotli at its best, half a minute for main.dart.js). The results live in a
cache folder (``VALUESAPP_CLIENT_CACHE``, else the user's cache folder), named by the SHA-256 of what
they hold, so a variant can never be served for another version of its file: every request checks the
file's size and mtime, and a changed file is hashed again. Until a file's variants are ready it is
served as it is.

The response for the chosen representation (brotli where the browser accepts it, else gzip, else the
file itself) carries its own ETag (``"<hash>"``, ``"<hash>-gz"``, ``"<hash>-br9"``, ``"<hash>-br"``), ``Vary:
Accept-Encoding``, its exact Content-Length, and ``Cache-Control: no-cache``: the names carry no
version, so the browser keeps each file and revalidates it (a 304 of a few hundred bytes), and an
upgraded Flet shows on the next visit. A Range request gets the range of the uncompressed file.

Flet ships its client twice: compiled to WebAssembly (main.dart.wasm, drawn by skwasm), which Chromium
browsers load, and to JavaScript (main.dart.js, drawn by CanvasKit) for the others (``web/server.py``
says why both). Both are compressed as soon as the server starts.

Flutter's Rive plugin loads its runtime from jsDelivr at every start, hard-coded in both builds (the
CSP blocks it: a console error on every load). The served client asks this server instead, whose
answer tells the plugin at once that no Rive runtime is bundled; the app draws no Rive animation. In
main.dart.js the quoted address becomes ``RIVE_HERE``; in main.dart.wasm the address is bytes of a data
segment whose length is fixed elsewhere in the module, so it becomes a relative address of exactly the
same length (``./`` steps, which a browser drops: ``rive_here_padded``).
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import logging
import mimetypes
import os
import queue
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from valuesapp.core.clock import SystemClock

log = logging.getLogger(__name__)

CACHE_VARIABLE = "VALUESAPP_CLIENT_CACHE"
COMPRESSIBLE = frozenset({".js", ".mjs", ".wasm", ".json", ".otf", ".ttf"})
# Flet rewrites these per server (names, the websocket's path): left to Flet's own static files.
LEFT_TO_FLET = frozenset({"index.html", "manifest.json", "assets/FontManifest.json"})
# What a first load asks for, compressed as soon as the server starts.
FIRST_LOAD = ("main.dart.wasm", "canvaskit/skwasm.wasm", "main.dart.mjs", "canvaskit/skwasm.js",
              "main.dart.js", "canvaskit/chromium/canvaskit.wasm", "canvaskit/canvaskit.wasm",
              "canvaskit/chromium/canvaskit.js", "canvaskit/canvaskit.js", "flutter_bootstrap.js", "flutter.js",
              "python.js", "assets/fonts/MaterialIcons-Regular.otf", "assets/AssetManifest.bin.json",
              "assets/packages/cupertino_icons/assets/CupertinoIcons.ttf")
RIVE_CDN = re.compile(rb'"https://cdn\.jsdelivr\.net/npm/@rive-app/flutter-native-wasm@[^"]*"')
RIVE_CDN_IN_WASM = re.compile(rb'https://cdn\.jsdelivr\.net/npm/@rive-app/flutter-native-wasm@[0-9.]+/')
RIVE_HERE = b'"rive-native/"'
RIVE_ANSWER = (b"// valuesapp bundles no Rive runtime: Flutter's Rive plugin learns so at once, and asks no CDN.\n"
               b"window.RiveNative = function () { return Promise.reject(new Error('no Rive runtime here')); };\n")
RIVE_PATHS = ("rive-native/wasm/rive_native.js", "rive-native/wasm_compatibility/rive_native.js")


def rive_here_padded(found: re.Match) -> bytes:
    """``rive-native/`` behind as many ``./`` as keep the address's length (jsDelivr's is 66 bytes), after a
    ``/`` where the length is odd: either way the browser asks ``/rive-native/…``."""
    steps, odd = divmod(len(found.group(0)) - len(b"rive-native/"), 2)
    return b"/" * odd + b"./" * steps + b"rive-native/"


PATCHES = {"main.dart.js": (RIVE_CDN, RIVE_HERE), "main.dart.wasm": (RIVE_CDN_IN_WASM, rive_here_padded)}
ENCODINGS = ("br", "gzip")  # the browser's preference among those ready
# What is made, in this order for every queued file: gzip (quick), brotli at quality 9 (a second or two
# for main.dart.js), then brotli at its best (half a minute or more), which replaces the quality-9 file
# once there; so a short-lived server (a test's) soon sends brotli, and a lasting one the smallest.
STAGES = {"gz": ("gzip", 0), "br9": ("br", 1), "br": ("br", 2)}  # file suffix -> (encoding, rank)
FAST_BROTLI = 9
LOW_PRIORITY = 10  # nice; 19 starves it on a busy machine
CHUNK = 256 * 1024
LOCK_STALE_SECONDS = 600
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".otf": "font/otf", ".ttf": "font/ttf"}


@dataclass
class Prepared:
    """One file as served: its identity bytes (the original, or a patched copy) and its ready variants."""

    stat: tuple[int, int]  # the source's size and mtime_ns this was made from
    digest: str
    identity: Path
    size: int
    variants: dict[str, tuple[Path, int, str]] = field(default_factory=dict)  # encoding -> (file, length, suffix)
    not_smaller: set[str] = field(default_factory=set)  # stages that did not make it smaller

    def etag(self, encoding: str | None) -> str:
        return f'"{self.digest}"' if encoding is None else f'"{self.digest}-{self.variants[encoding][2]}"'

    def done(self, stage: str) -> bool:
        """Made, not worth it, or outdone (brotli at its best makes the quality-9 file pointless)."""
        have = self.variants.get(STAGES[stage][0])
        return stage in self.not_smaller or (have is not None and STAGES[have[2]][1] >= STAGES[stage][1])

    def take(self, stage: str, file: Path, length: int) -> None:
        if not self.done(stage):
            self.variants[STAGES[stage][0]] = (file, length, stage)


def default_cache(environ=os.environ) -> Path:
    if environ.get(CACHE_VARIABLE):
        return Path(environ[CACHE_VARIABLE])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("valuesapp", appauthor=False)) / "client"


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _write_atomically(target: Path, data: bytes) -> None:
    part = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
    part.write_bytes(data)
    os.replace(part, target)


def _held(lock: Path) -> bool:
    """A lock is held while the process named in it runs (and for at most LOCK_STALE_SECONDS)."""
    try:
        pid = int(lock.read_text() or "0")
        age = SystemClock().now().timestamp() - lock.stat().st_mtime
        if age > LOCK_STALE_SECONDS or not pid:  # no pid yet: just made, or never finished
            return age < 10
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def accepted(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts (q=0 refuses one)."""
    found = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and name.strip():
            found.add(name.strip().lower())
    return found


class ClientFiles:
    """ASGI wrapper: answers GET/HEAD for the client's compressible files; everything else goes to ``app``."""

    def __init__(self, app, *, folders: list[Path], cache: Path, brotli_quality: int = 11):
        self.app = app
        self.folders = [f for f in folders if f and f.is_dir()]  # our assets first, as Flet looks them up
        self.cache = cache
        self.brotli_quality = brotli_quality
        self.prepared: dict[str, Prepared] = {}
        self.work: queue.PriorityQueue = queue.PriorityQueue()
        self.queued: set[tuple[str, str]] = set()
        self._order = 0
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    @property
    def extra_paths(self) -> frozenset[str]:
        """URL paths served here that are no file of the client (for the gate's list of public files)."""
        return frozenset("/" + p for p in RIVE_PATHS)

    # Which file, and its prepared form

    def source(self, path: str) -> Path | None:
        if path in RIVE_PATHS:
            return None
        if path in LEFT_TO_FLET or Path(path).suffix.lower() not in COMPRESSIBLE or ".." in path.split("/"):
            return None
        for folder in self.folders:
            candidate = folder / path
            if candidate.is_file():
                return candidate
        return None

    def prepare(self, path: str) -> Prepared | None:
        """The identity form of ``path``, hashed (patched where it must be); its variants if already made.
        Runs in a thread: it reads the file."""
        if path in RIVE_PATHS:
            source, data = None, RIVE_ANSWER
            stat = (len(data), 0)
        else:
            source = self.source(path)
            stat = _stat(source) if source else None
            if stat is None:
                return None
            known = self.prepared.get(path)
            if known and known.stat == stat:
                return known
            data = source.read_bytes()
        patch = PATCHES.get(path)
        if patch is not None:
            data = patch[0].sub(patch[1], data)
        digest = hashlib.sha256(data).hexdigest()[:32]
        identity = source
        if source is None or patch is not None:
            self.cache.mkdir(parents=True, exist_ok=True)
            identity = self.cache / f"{digest}.id"
            if _stat(identity) is None or identity.stat().st_size != len(data):
                _write_atomically(identity, data)
        found = Prepared(stat, digest, identity, len(data))
        for stage in sorted(STAGES, key=lambda st: -STAGES[st][1]):  # the best first
            variant = self.cache / f"{digest}.{stage}"
            made = _stat(variant)
            if made is not None:
                found.take(stage, variant, made[0])
        self.prepared[path] = found
        return found

    def stages(self) -> list[str]:
        return [st for st in STAGES if st != "br9" or self.brotli_quality > FAST_BROTLI]

    def _queue(self, path: str, stage: str) -> None:
        with self._lock:
            if (path, stage) in self.queued:
                return
            self.queued.add((path, stage))
            self._order += 1
            self.work.put((STAGES[stage][1], self._order, path, stage))

    def _ensure_worker(self) -> None:
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(target=self._compress_all, name="client-files", daemon=True)
                self._worker.start()

    def start(self) -> None:
        """Queue what a first load needs (every gzip before any brotli), then let the worker hash and
        compress it in the background."""
        for path in FIRST_LOAD:
            for stage in self.stages():
                self._queue(path, stage)
        self._ensure_worker()

    def _compress_all(self) -> None:
        try:  # Linux: this thread alone at a low priority, so that serving and starting come first
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOW_PRIORITY)
        except (AttributeError, OSError):
            pass
        while True:
            _rank, _order, path, stage = self.work.get()
            try:
                self._compress(path, stage)
            except Exception as exc:  # a file that cannot be compressed is served as it is
                log.warning("could not compress %s (%s): %s", path, stage, exc)
            finally:
                with self._lock:
                    self.queued.discard((path, stage))

    def _compress(self, path: str, stage: str) -> None:
        found = self.prepare(path)
        if found is None or found.done(stage):
            return
        variant = self.cache / f"{found.digest}.{stage}"
        lock = variant.with_name(variant.name + ".lock")
        try:  # another server on the same cache may be making it: let it, and look again later
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
        except FileExistsError:
            if _held(lock):
                later = threading.Timer(5, self._queue, (path, stage))  # the worker is running
                later.daemon = True
                later.start()
                return
            lock.unlink(missing_ok=True)  # left by a process that stopped half-way
            return self._compress(path, stage)
        try:
            data = found.identity.read_bytes()
            if stage == "gz":
                packed = gzip.compress(data, compresslevel=6, mtime=0)  # 9 takes thrice as long for 3% less
            else:
                import brotli

                packed = brotli.compress(data, quality=FAST_BROTLI if stage == "br9" else self.brotli_quality)
            if len(packed) < len(data):
                _write_atomically(variant, packed)
                found.take(stage, variant, len(packed))
            else:
                found.not_smaller.add(stage)
        finally:
            lock.unlink(missing_ok=True)

    # Answering

    async def __call__(self, scope, receive, send):
        if self._worker is None:
            self.start()
        path = scope.get("path", "").lstrip("/") if scope["type"] == "http" else ""
        if not path or scope["method"] not in ("GET", "HEAD") or (path not in RIVE_PATHS and self.source(path) is None):
            await self.app(scope, receive, send)
            return
        found = self.prepared.get(path)
        if found is None or (found.identity is not None and path not in RIVE_PATHS
                             and found.stat != _stat(self.source(path))):
            found = await asyncio.to_thread(self.prepare, path)
            if found is None:
                await self.app(scope, receive, send)
                return
        for stage in self.stages():
            if not found.done(stage):
                self._queue(path, stage)
        self._ensure_worker()
        await self._answer(scope, send, path, found)

    async def _answer(self, scope, send, path: str, found: Prepared) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        ranged = _range(headers.get("range"), found.size)
        if ranged is not None and headers.get("if-range") not in (None, found.etag(None)):
            ranged = None
        can = accepted(headers.get("accept-encoding", ""))
        encoding = None if ranged is not None else next((e for e in ENCODINGS if e in can and e in found.variants),
                                                        None)
        file, length = found.variants[encoding][:2] if encoding else (found.identity, found.size)
        etag = found.etag(encoding)
        common = [(b"etag", etag.encode()), (b"vary", b"Accept-Encoding"), (b"cache-control", b"no-cache"),
                  (b"accept-ranges", b"bytes")]
        wanted = headers.get("if-none-match")
        if wanted and ranged is None and _matches(wanted, etag):
            await send({"type": "http.response.start", "status": 304, "headers": common})
            await send({"type": "http.response.body", "body": b""})
            return
        kind = TYPES.get(Path(path).suffix.lower()) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        out = [(b"content-type", kind.encode()), *common]
        if encoding:
            out.append((b"content-encoding", encoding.encode()))
        status, start, end = 200, 0, length
        if ranged == "unsatisfiable":
            await send({"type": "http.response.start", "status": 416, "headers": [
                *common, (b"content-range", f"bytes */{found.size}".encode()), (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        if ranged is not None:
            status, (start, end) = 206, ranged
            out.append((b"content-range", f"bytes {start}-{end - 1}/{found.size}".encode()))
        out.append((b"content-length", str(end - start).encode()))
        await send({"type": "http.response.start", "status": status, "headers": out})
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        with file.open("rb") as handle:
            handle.seek(start)
            left = end - start
            while left > 0:
                chunk = await asyncio.to_thread(handle.read, min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": left > 0})
        if left > 0:  # the file shrank under us: end the body; the length said was wrong, so the browser retries
            await send({"type": "http.response.body", "body": b""})


def _matches(header: str, etag: str) -> bool:
    """If-None-Match's weak comparison: W/ prefixes do not matter; * matches any."""
    tags = [t.strip() for t in header.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


def _range(header: str | None, size: int):
    """One ``bytes=`` range as (start, end exclusive); None to answer in full (none asked, several asked,
    or not understood); "unsatisfiable" for one that starts past the end."""
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    first, _, last = header[6:].strip().partition("-")
    try:
        if first == "":
            n = int(last)
            return (max(0, size - n), size) if n > 0 else "unsatisfiable"
        start = int(first)
        end = int(last) + 1 if last else size
    except ValueError:
        return None
    if start >= size or start < 0:
        return "unsatisfiable"
    return (start, min(end, size)) if end > start else None
