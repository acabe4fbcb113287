"""Writes valuesapp/web/blank-font.ttf: a valid font with no glyphs (604 bytes), answered for a fallback
font the server cannot get (see valuesapp/web/fonts.py). Needs fontTools: pip install fonttools."""

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

builder = FontBuilder(1000, isTTF=True)
builder.setupGlyphOrder([".notdef"])
builder.setupCharacterMap({})
builder.setupGlyf({".notdef": TTGlyphPen(None).glyph()})
builder.setupHorizontalMetrics({".notdef": (500, 0)})
builder.setupHorizontalHeader(ascent=800, descent=-200)
builder.setupNameTable({"familyName": "valuesapp blank", "styleName": "Regular"})
builder.setupOS2()
builder.setupPost()
builder.save(Path(__file__).resolve().parents[1] / "valuesapp" / "web" / "blank-font.ttf")
