"""The Noto fonts Flutter fetches for characters its bundled Roboto lacks (emoji, CJK, symbols).

Served with ``no_cdn``, the app asks this server for them under ``/assets/fonts/<family>/<version>/<file>``,
and Flet ships none. Flutter's web engine retries a font that fails to load on every frame, forever
(flutter/flutter#168791): one emoji in a note kept a phone's browser drawing 15 frames a second at full CPU.
So every such request gets a font: the real one, fetched once from Google Fonts by this server and kept in
the cache folder, or, when that cannot be had (offline, blocked), a valid font with no glyphs, which
Flutter accepts and stops asking for (the characters then show as empty boxes, as offline Flutter apps do).

The browser never talks to Google: only this server does, asking for a font file by name, never for text.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

GOOGLE_FONTS = "https://fonts.gstatic.com/s/"
# <family>/<version>/<file>.woff2, as in Flutter's table of Noto fallbacks; nothing else is ever fetched.
FONT_PATH = re.compile(r"[a-z0-9]{2,40}/v\d{1,4}/[A-Za-z0-9_-]{10,200}(\.\d{1,4})?\.woff2")
MAX_FONT_BYTES = 16 * 1024 * 1024
RETRY_AFTER_FAILURE = 600.0  # seconds: an offline server does not try again on every page load
BLANK = (Path(__file__).with_name("blank-font.ttf")).read_bytes()

log = logging.getLogger(__name__)


def fetch_from_google(path: str, timeout: float = 5.0) -> bytes:
    with urllib.request.urlopen(GOOGLE_FONTS + path, timeout=timeout) as response:  # noqa: S310 (fixed https base)
        data = response.read(MAX_FONT_BYTES + 1)
    if len(data) > MAX_FONT_BYTES or not data.startswith(b"wOF2"):
        raise ValueError(f"not a woff2 font of a sane size: {path}")
    return data


class FallbackFonts:
    """Looks fonts up in ``cache``; fetches a missing one, one fetch at a time, and after a failure does not
    try again for RETRY_AFTER_FAILURE (a whole page of font requests costs one failed attempt offline)."""

    def __init__(self, cache: Path, fetch: Callable[[str], bytes] | None = fetch_from_google,
                 monotonic: Callable[[], float] = time.monotonic):
        self.cache = cache
        self.fetch = fetch  # None: never go online (VALUESAPP_FETCH_FONTS=0, and the tests)
        self.monotonic = monotonic
        self._failed_at: float | None = None
        self._lock = threading.Lock()

    def get(self, path: str) -> tuple[bytes, bool] | None:
        """(font bytes, whether it is the real font) for a valid path; None for anything else. Blocking."""
        if not FONT_PATH.fullmatch(path):
            return None
        cached = self.cache / path
        if cached.is_file():
            return cached.read_bytes(), True
        if self.fetch is None:
            return BLANK, False
        with self._lock:
            if cached.is_file():  # fetched by the request this one waited for
                return cached.read_bytes(), True
            if self._failed_at is not None and self.monotonic() - self._failed_at < RETRY_AFTER_FAILURE:
                return BLANK, False
            try:
                data = self.fetch(path)
            except Exception as exc:  # offline, blocked, or not a font: the blank one stops Flutter's retries
                log.info("fallback font %s not fetched (%s); serving blank fonts for a while", path, exc)
                self._failed_at = self.monotonic()
                return BLANK, False
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                partial = cached.with_name(cached.name + ".part")
                partial.write_bytes(data)
                partial.replace(cached)  # never a half-written font in the cache
            except OSError as exc:  # a full or read-only disk: serve it anyway, fetch again next time
                log.warning("fallback font %s not kept in %s (%s)", path, self.cache, exc)
            return data, True


def fallback_fonts_from_env(cache: Path, environ: dict[str, str]) -> FallbackFonts:
    """VALUESAPP_FETCH_FONTS=0 keeps the server from ever asking Google for a font."""
    fetch = None if environ.get("VALUESAPP_FETCH_FONTS", "1").strip() in {"0", "no", "false", "off"} else fetch_from_google
    return FallbackFonts(cache, fetch)
