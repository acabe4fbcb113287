"""Small controls that more than one screen uses."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from valuesapp.core.limits import RATING_MAX, RATING_MIN


class RatingPicker(ft.Row):
    """Five stars for "how well did I live it"; tapping the chosen star again clears the rating."""

    def __init__(self, on_change: Callable[[int | None], None] | None = None, value: int | None = None):
        super().__init__(spacing=0, wrap=False)
        self.value = value
        self._on_change = on_change
        self.stars = [
            ft.IconButton(
                icon=ft.Icons.STAR_BORDER,
                selected_icon=ft.Icons.STAR,
                tooltip=f"Rate {n} of {RATING_MAX}",
                icon_color=ft.Colors.AMBER_700,
                selected_icon_color=ft.Colors.AMBER_700,
                on_click=lambda _e, n=n: self.choose(n),
            )
            for n in range(RATING_MIN, RATING_MAX + 1)
        ]
        # Tooltips only reach the accessibility tree on hover; a label makes each star findable by name.
        self.controls = [
            ft.Semantics(label=f"Rate {n} of {RATING_MAX}", button=True, container=True, content=star)
            for n, star in enumerate(self.stars, start=RATING_MIN)
        ]
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
            star.selected = self.value is not None and n <= self.value


def stars(rating: int | None, *, size: int = 14) -> ft.Control:
    """A rating drawn with icons (the offline web client has no font with star glyphs), labelled for screen readers."""
    if rating is None:
        return ft.Text("No rating", size=12, color=ft.Colors.ON_SURFACE_VARIANT)
    icons = [
        ft.Icon(ft.Icons.STAR if n <= rating else ft.Icons.STAR_BORDER, size=size, color=ft.Colors.AMBER_700)
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
