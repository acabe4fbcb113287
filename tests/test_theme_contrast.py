"""The app's theme and its shared controls, as a screen reader and a finger meet them, checked without a browser.

(The drawn colours come from Flutter's seed algorithm in the browser: tests/browser/test_accessibility.py
measures the icons' contrast on screenshots. Here: which colour roles they use, the sizes the theme asks
for, and that each star is one named button.)
"""

from __future__ import annotations

import flet as ft
from flet.controls.base_control import BaseControl
from flet.messaging.protocol import configure_encode_object_for_msgpack

from valuesapp.ui.theme import SEED, TARGET, app_theme
from valuesapp.ui.widgets import STAR_OFF, STAR_ON, RatingPicker, hover_tip, icon_button, named, stars

encode = configure_encode_object_for_msgpack(BaseControl)


def test_given_either_theme_then_every_button_kind_asks_flutter_for_a_48_px_target_in_standard_density():
    for dark in (False, True):
        theme = app_theme(dark)
        assert theme.color_scheme_seed == SEED and TARGET == 48
        assert theme.visual_density == ft.VisualDensity.STANDARD
        for button_theme in (theme.button_theme, theme.filled_button_theme, theme.outlined_button_theme,
                             theme.text_button_theme, theme.icon_button_theme):
            sent = encode(button_theme.style)  # what reaches the browser: Flutter's minimumSize
            assert sent["minimum_size"].height == 48, button_theme
        assert encode(theme.icon_button_theme.style)["minimum_size"].width == 48
        padding = theme.segmented_button_theme.style.padding
        assert padding.top + padding.bottom + 20 >= 48  # a 20 px line of text in a 48 px segment


def test_given_a_rating_of_three_then_each_star_is_one_button_named_once_and_only_the_third_is_chosen():
    picker = RatingPicker(value=3)
    assert all(isinstance(c, ft.IconButton) for c in picker.controls)  # no Semantics wrapper: one node each
    names = [star.icon.semantics_label for star in picker.stars]
    assert names == [f"Rate {n} of 5" for n in range(1, 6)]
    assert [star.selected for star in picker.stars] == [False, False, True, False, False]
    assert [star.icon.icon for star in picker.stars] == [ft.Icons.STAR] * 3 + [ft.Icons.STAR_BORDER] * 2
    for star in picker.stars:
        assert isinstance(star.tooltip, ft.Tooltip) and star.tooltip.exclude_from_semantics  # not a second name


def test_given_stars_then_they_are_drawn_in_colour_roles_that_reach_3_to_1_on_the_surface_in_both_themes():
    # Amber 700 on the light surface was 1.85:1. PRIMARY and ON_SURFACE_VARIANT are Material 3 roles made to
    # stand out on SURFACE (tone 40/80 against 98/6; tone 30/80 for the variant) in the light and the dark scheme.
    assert STAR_ON == ft.Colors.PRIMARY and STAR_OFF == ft.Colors.ON_SURFACE_VARIANT
    picker = RatingPicker(value=2)
    assert [s.icon.color for s in picker.stars] == [STAR_ON] * 2 + [STAR_OFF] * 3
    picker.set(None)
    assert {s.icon.color for s in picker.stars} == {STAR_OFF} and not any(s.selected for s in picker.stars)
    shown = stars(4)
    assert shown.label == "Rated 4 of 5"
    assert [i.color for i in shown.content.controls] == [STAR_ON] * 4 + [STAR_OFF]


def test_given_an_icon_button_or_a_dropdown_then_its_name_is_on_the_control_itself():
    button = icon_button(ft.Icons.CLEAR, "Clear the date", lambda _e: None)
    assert button.icon.semantics_label == "Clear the date"
    assert button.tooltip.message == "Clear the date" and button.tooltip.exclude_from_semantics
    assert hover_tip("x").exclude_from_semantics
    dropdown = ft.Dropdown(label="Kind", options=[ft.DropdownOption(key="a", text="A")])
    wrapped = named(dropdown)
    assert wrapped.label == "Kind" and wrapped.container and wrapped.content is dropdown
