"""Small controls that more than one screen uses, each one node with a name in the accessibility tree.

A Flet ``tooltip`` wraps a control in a named node of its own, so an icon button with only a tooltip was
an unnamed button inside a named box (read twice, or not at all); and an ``ft.Semantics`` wrapper around
it did the same. The name here is the icon's own semantics label, which Flutter merges into the button.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from valuesapp.core.limits import RATING_MAX, RATING_MIN


# Icons drawn on the card's surface: at least 3:1 against it in both themes (amber was 1.85:1 in the light one).
STAR_ON = ft.Colors.PRIMARY
STAR_OFF = ft.Colors.ON_SURFACE_VARIANT


def icon_button(icon: ft.IconData, label: str, on_click=None, **kwargs) -> ft.IconButton:
    """An icon button whose accessible name is ``label``, read once, with the same words as its tooltip."""
    return ft.IconButton(icon=ft.Icon(icon, semantics_label=label), tooltip=hover_tip(label), on_click=on_click, **kwargs)


def hover_tip(label: str) -> ft.Tooltip:
    """A tooltip for the mouse that stays out of the accessibility tree (the control already carries the name)."""
    return ft.Tooltip(message=label, exclude_from_semantics=True)


def named(control: ft.Control, label: str | None = None, **layout) -> ft.Control:
    """A dropdown with its label as its name: Flet's Dropdown is an unnamed, unfocusable button in the tree
    otherwise. The container takes in the dropdown's own (non-boundary) node, so it stays one node.

    Wrap the Row a full-width (``expand``) dropdown sits in, not the dropdown itself: directly inside this
    wrapper it shrinks to its text. ``layout`` (``col``, ``expand``) is for the wrapper's own parent."""
    return ft.Semantics(label=label or str(getattr(control, "label", "") or ""), container=True, content=control,
                        **layout)


class RatingPicker(ft.Row):
    """Five stars for "how well did I live it"; tapping the chosen star again clears the rating.

    Each star is one button named "Rate n of 5"; the chosen one says so (selected, which Flutter's web
    engine sends as aria-current), and the stars up to it are drawn filled."""

    def __init__(self, on_change: Callable[[int | None], None] | None = None, value: int | None = None):
        super().__init__(spacing=0, wrap=False)
        self.value = value
        self._on_change = on_change
        self.stars = [
            ft.IconButton(tooltip=hover_tip(f"Rate {n} of {RATING_MAX}"), on_click=lambda _e, n=n: self.choose(n))
            for n in range(RATING_MIN, RATING_MAX + 1)
        ]
        self.controls = list(self.stars)
        self._paint()

    def choose(self, n: int) -> None:
        self.value = None if self.value == n else n
        self._paint()
        self.update()
        if self._on_change:
            self._on_change(self.value)

    def reset(self) -> None:
        self.value = None
        self._paint()

    def set(self, value: int | None) -> None:
        """Show a rating without calling back (used when a draft is restored)."""
        self.value = value
        self._paint()

    def _paint(self) -> None:
        for n, star in enumerate(self.stars, start=RATING_MIN):
            filled = self.value is not None and n <= self.value
            star.icon = ft.Icon(ft.Icons.STAR if filled else ft.Icons.STAR_BORDER, color=STAR_ON if filled else STAR_OFF,
                                semantics_label=f"Rate {n} of {RATING_MAX}")
            star.selected = self.value == n


def stars(rating: int | None, *, size: int = 14) -> ft.Control:
    """A rating drawn with icons (the offline web client has no font with star glyphs), labelled for screen readers."""
    if rating is None:
        return ft.Text("No rating", size=12, color=ft.Colors.ON_SURFACE_VARIANT)
    icons = [
        ft.Icon(ft.Icons.STAR if n <= rating else ft.Icons.STAR_BORDER, size=size, color=STAR_ON if n <= rating else STAR_OFF)
        for n in range(RATING_MIN, RATING_MAX + 1)
    ]
    return ft.Semantics(label=f"Rated {rating} of {RATING_MAX}", content=ft.Row(icons, spacing=0, tight=True))


def pill(text: str, *, color: str = ft.Colors.SECONDARY_CONTAINER, text_color: str = ft.Colors.ON_SECONDARY_CONTAINER) -> ft.Control:
    return ft.Container(
        ft.Text(text, size=12, color=text_color, weight=ft.FontWeight.W_500),
        bgcolor=color,
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )
