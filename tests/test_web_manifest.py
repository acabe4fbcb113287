"""The served app installs to a home screen as valuesapp, with its own icons, not Flet's.

Flet serves files in assets/ in place of its bundled web client's files of the same path, so
assets/manifest.json, assets/favicon.png and assets/icons/* are what a browser installs from. The
icons are drawn by .ci/make_icons.py. Only the stdlib reads them here (PNG header via struct).
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest

from valuesapp.ui.theme import SEED

ASSETS = Path(__file__).resolve().parents[1] / "assets"
MANIFEST = ASSETS / "manifest.json"
MANIFEST_THEME = json.loads(MANIFEST.read_text(encoding="utf-8"))["theme_color"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which must come first."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    length, chunk = struct.unpack(">I4s", head[8:16])
    assert chunk == b"IHDR" and length == 13, f"{path.name} has no IHDR header first"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_names_the_app_ours(manifest):
    assert manifest["name"] == "valuesapp"
    assert manifest["short_name"] == "valuesapp"
    assert "flet" not in json.dumps(manifest).lower()
    assert manifest["description"]


def test_manifest_opens_fullscreen_at_the_root(manifest):
    assert manifest["display"] == "fullscreen"
    assert manifest["display_override"][0] == "fullscreen"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"


def test_manifest_colours_are_the_apps(manifest):
    for key in ("theme_color", "background_color"):
        assert HEX_COLOUR.fullmatch(manifest[key]), f"{key} {manifest[key]!r} is not #RRGGBB"
    assert manifest["theme_color"].upper() == SEED.upper(), "seed colour changed: update the manifest, rerun .ci/make_icons.py"


def test_every_listed_icon_exists_at_its_declared_size(manifest):
    assert manifest["icons"]
    for entry in manifest["icons"]:
        src = entry["src"]
        assert not src.startswith(("/", "http")) and ".." not in src, f"{src} must be a path inside assets/"
        path = ASSETS / src
        assert path.is_file(), f"{src} is listed in the manifest but missing from assets/"
        assert entry["type"] == "image/png"
        width, height = (int(n) for n in entry["sizes"].split("x"))
        assert png_size(path) == (width, height), f"{src} is not {entry['sizes']}"


def test_icons_cover_install_and_masked_launchers(manifest):
    def has(purpose: str, size: str) -> bool:
        return any(
            purpose in e.get("purpose", "any").split() and size in e["sizes"].split() for e in manifest["icons"]
        )

    assert has("maskable", "512x512")
    assert has("any", "192x192")


def test_favicon_and_apple_touch_icon_exist():
    assert png_size(ASSETS / "favicon.png") in ((32, 32), (64, 64))
    assert png_size(ASSETS / "icons" / "apple-touch-icon.png") == (180, 180)


def test_our_page_names_the_app_and_links_only_icons_we_ship():
    """assets/index.html replaces Flet's page: the home-screen label, title and theme colour are ours, and
    every icon it links exists (else Flet's logo shows)."""
    index = (ASSETS / "index.html").read_text(encoding="utf-8")
    assert "<title>valuesapp</title>" in index
    assert '<meta name="apple-mobile-web-app-title" content="valuesapp">' in index
    assert f'<meta name="theme-color" content="{MANIFEST_THEME}">' in index
    assert "<!-- fletAppConfig -->" in index, "Flet fills its settings in at this line"
    linked = re.findall(r'<(?:link|img)\s[^>]*\b(?:href|src)="([^"]+\.png)"', index)
    assert linked
    for href in linked:
        assert (ASSETS / href).is_file(), f"index.html links {href}, which assets/ lacks"
