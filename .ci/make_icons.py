"""Draw valuesapp's app icons (the PNGs that make the served app installable with its own face).

The mark is a compass rose: four long points for the four directions, the north one gold (the
value one steers by today), four short diagonal points between them and a thin ring, light on the
app's seed green (SEED in valuesapp/ui/shell.py).

Rerun after changing the design or the seed colour, from the repository root:

    python -m venv /tmp/icons && /tmp/icons/bin/pip install pillow
    /tmp/icons/bin/python .ci/make_icons.py

Pillow is needed only here, never by the app or its tests: keep it out of pyproject.toml. This
script lives outside assets/ because everything in assets/ is served to browsers.

It writes, under assets/:
  icons/Icon-192.png, icons/Icon-512.png            "any" icons: a rounded tile, transparent corners
  icons/Icon-maskable-192.png, ...-512.png          full bleed; the mark stays inside the central 80%
  icons/apple-touch-icon.png                        180 px, opaque (iOS rounds it itself)
  favicon.png                                       32 px, a simpler rose that stays crisp in a tab
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"

# The app's colours: SEED from valuesapp/ui/shell.py, the rest the Material 3 tonal palette Flutter's
# ColorScheme.fromSeed derives from it (tonal spot, 2021 spec), plus one warm accent for north.
SEED = "#2E6B5E"
DEEP = "#005144"  # primary tone 30 (onPrimaryContainer): the tile's lower edge and the hub
LIGHT = "#FFFFFF"  # onPrimary
MINT = "#A0F2DE"  # primaryContainer: the shaded half of each point
MINT_DIM = "#69BAA7"  # primary tone 70: the short diagonal points and the ring
GOLD = "#F4C567"
GOLD_SHADE = "#D99A2B"

SUPERSAMPLE = 4  # draw big, then shrink: smooth edges without an anti-aliasing renderer


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def mix(a: str, b: str, t: float) -> tuple[int, int, int]:
    ca, cb = rgb(a), rgb(b)
    return tuple(round(x + (y - x) * t) for x, y in zip(ca, cb))  # type: ignore[return-value]


def polar(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    """A point r from the centre; 0 degrees is north (up), angles grow clockwise."""
    a = math.radians(degrees)
    return cx + r * math.sin(a), cy - r * math.cos(a)


def background(size: int, *, tile: bool) -> Image.Image:
    """The seed green with a gentle top-to-bottom deepening, full bleed or as a rounded tile."""
    grad = Image.new("RGB", (1, size))
    for y in range(size):
        grad.putpixel((0, y), mix(SEED, DEEP, 0.55 * y / max(size - 1, 1)))
    grad = grad.resize((size, size))
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    if tile:
        mask = Image.new("L", (size, size), 0)
        inset = round(size * 0.04)
        ImageDraw.Draw(mask).rounded_rectangle(
            (inset, inset, size - 1 - inset, size - 1 - inset), radius=round(size * 0.22), fill=255
        )
        img.paste(grad, (0, 0), mask)
    else:
        img.paste(grad, (0, 0))
    return img


def rose(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, *, detail: bool) -> None:
    """The compass rose, reaching r from the centre at its four main tips."""
    if detail:
        ring_w = max(r * 0.045, 1)
        ring_r = r * 0.66
        draw.ellipse((cx - ring_r, cy - ring_r, cx + ring_r, cy + ring_r), outline=MINT_DIM, width=round(ring_w))
        # short diagonal points, beneath the main ones
        for d in (45, 135, 225, 315):
            tip = polar(cx, cy, r * 0.58, d)
            left = polar(cx, cy, r * 0.16, d - 45)
            right = polar(cx, cy, r * 0.16, d + 45)
            draw.polygon([(cx, cy), tip, left], fill=MINT_DIM)
            draw.polygon([(cx, cy), tip, right], fill=mix(MINT_DIM, DEEP, 0.35))
    width = r * (0.23 if detail else 0.30)  # half-width of a main point at its waist
    for d in (0, 90, 180, 270):
        tip = polar(cx, cy, r, d)
        left = polar(cx, cy, width, d - 45)
        right = polar(cx, cy, width, d + 45)
        lit, shade = (GOLD, GOLD_SHADE) if d == 0 else (LIGHT, MINT)
        draw.polygon([(cx, cy), tip, left], fill=lit)
        draw.polygon([(cx, cy), tip, right], fill=shade)
    if detail:  # at favicon size a hub only blurs the crossing
        hub = r * 0.085
        draw.ellipse((cx - hub, cy - hub, cx + hub, cy + hub), fill=DEEP)


def icon(size: int, *, kind: str) -> Image.Image:
    """kind: "any" (rounded tile), "maskable" (full bleed, safe zone) or "opaque" (full bleed, iOS)."""
    big = size * SUPERSAMPLE
    img = background(big, tile=kind == "any")
    # main tips' reach as a share of the side: the maskable safe zone is a circle of radius 0.40
    reach = {"any": 0.36, "maskable": 0.31, "opaque": 0.34}[kind]
    rose(ImageDraw.Draw(img), big / 2, big / 2, big * reach, detail=True)
    small = img.resize((size, size), Image.Resampling.LANCZOS)
    return small if kind == "any" else small.convert("RGB")


def favicon(size: int = 32) -> Image.Image:
    """The four main points only, as large as the tile allows: the details would be mush at 32 px."""
    big = size * SUPERSAMPLE
    img = background(big, tile=True)
    rose(ImageDraw.Draw(img), big / 2, big / 2, big * 0.41, detail=False)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    (ASSETS / "icons").mkdir(parents=True, exist_ok=True)
    outputs = {
        "icons/Icon-192.png": icon(192, kind="any"),
        "icons/Icon-512.png": icon(512, kind="any"),
        "icons/Icon-maskable-192.png": icon(192, kind="maskable"),
        "icons/Icon-maskable-512.png": icon(512, kind="maskable"),
        "icons/apple-touch-icon.png": icon(180, kind="opaque"),
        "favicon.png": favicon(32),
    }
    for name, image in outputs.items():
        path = ASSETS / name
        image.save(path, optimize=True)
        print(f"{path.relative_to(ROOT)}  {image.size[0]}x{image.size[1]}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
