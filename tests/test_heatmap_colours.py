"""The journal calendar's colours, measured: every reflected day stands out from a day without a reflection
by at least 3:1 (WCAG 2.1 non-text contrast, 1.4.11), in the light and the dark theme; ratings grow in
strength from 1 to 5; and "reflected, no rating" has a hue of its own and is not the boldest cell.

The contrast ratio is computed here from the colours the presenter hands the screen, by WCAG's formula.
"""

from __future__ import annotations

import colorsys

import pytest

from valuesapp.ui.presenters.heatmap import palette


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour "#RRGGBB"."""
    h = hex_colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hue(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    return colorsys.rgb_to_hls(*(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)))[0] * 360


def over(background: str, colour: str, opacity: float) -> str:
    """``colour`` at ``opacity`` drawn on ``background`` (how the old cells were drawn)."""
    mix = [round(opacity * int(colour[i:i + 2], 16) + (1 - opacity) * int(background[i:i + 2], 16))
           for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def fails(not_reflected: str, unrated: str, ratings: tuple[str, ...]) -> list[str]:
    """What is wrong with a set of cell colours, in words (empty when it passes)."""
    problems = [f"rating {n} is {contrast(c, not_reflected):.2f}:1 against not reflected"
                for n, c in enumerate(ratings, 1) if contrast(c, not_reflected) < 3]
    if contrast(unrated, not_reflected) < 3:
        problems.append(f"no rating is {contrast(unrated, not_reflected):.2f}:1 against not reflected")
    strengths = [contrast(c, not_reflected) for c in ratings]
    if strengths != sorted(strengths) or len(set(strengths)) != len(strengths):
        problems.append("ratings do not grow in strength from 1 to 5")
    if contrast(unrated, not_reflected) >= strengths[-1]:
        problems.append("no rating is bolder than rating 5")
    if min(abs(hue(unrated) - hue(c)) % 360 for c in ratings) < 60:
        problems.append("no rating shares a hue with the ratings")
    return problems


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_reflected_day_reaches_3_to_1_against_a_day_without_one(dark):
    colours = palette(dark)
    assert fails(colours.not_reflected, colours.unrated, colours.ratings) == []
    assert len(colours.ratings) == 5


def test_the_rule_rejects_the_old_colours():
    """The old cells: the theme's primary at 20 % to 100 % opacity for ratings 1 to 5 and the tertiary colour
    for no rating, over surface-container-highest (the light scheme Flutter derives from the seed #2E6B5E)."""
    surface, highest, primary, tertiary = "#F5FBF7", "#DEE4E0", "#2E6B5E", "#3F6375"
    old = tuple(over(surface, primary, n / 5) for n in range(1, 6))
    problems = fails(highest, tertiary, old)
    assert any(p.startswith("rating 1 is 1.") for p in problems), problems  # 1.15:1 on screen
