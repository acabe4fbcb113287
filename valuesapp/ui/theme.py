"""The app's look, in one place: its colours grown from one seed, and controls a finger can hit.

Flutter sizes controls for the platform the browser reports: on a desktop (and in a phone's browser
that reports one) buttons came out 32 px tall and icon buttons 40x40, under the 48 px that Material
and WCAG's target-size rule ask for. Every button kind here gets a 48 px minimum, and the standard
(not compact) density, so the same app is as easy to tap on a phone as to click on a desktop.
"""

from __future__ import annotations

from typing import Optional

import flet as ft
from flet.controls.value_types import value

SEED = "#2E6B5E"
TARGET = 48  # CSS px: the smallest target a finger reliably hits


@value
class _SizedStyle(ft.ButtonStyle):
    """Flet 1.0's ButtonStyle lacks Flutter's ``minimumSize``, which its web client does read (as
    ``minimum_size``): the one field added here is passed through to Flutter as is."""

    minimum_size: Optional[ft.Size] = None


def _button(width: float = 64) -> ft.ButtonStyle:
    return _SizedStyle(minimum_size=ft.Size(width, TARGET), visual_density=ft.VisualDensity.STANDARD)


def app_theme(dark: bool) -> ft.Theme:
    """The light or the dark theme (``dark`` only says which one it is for; both share the seed)."""
    return ft.Theme(
        color_scheme_seed=SEED,
        visual_density=ft.VisualDensity.STANDARD,
        button_theme=ft.ButtonTheme(style=_button()),
        filled_button_theme=ft.FilledButtonTheme(style=_button()),
        outlined_button_theme=ft.OutlinedButtonTheme(style=_button()),
        text_button_theme=ft.TextButtonTheme(style=_button()),
        icon_button_theme=ft.IconButtonTheme(style=_button(TARGET)),
        # Segments ignore a minimum size; padding around their 20 px line makes them 48 px tall (Flutter
        # ignores it when every segment has an icon: leave one without, or they stay 40 px).
        segmented_button_theme=ft.SegmentedButtonTheme(style=ft.ButtonStyle(
            padding=ft.Padding.symmetric(horizontal=12, vertical=(TARGET - 20) / 2))),
    )
