"""The shell's app bar and bottom bar for the screen shown, checked without a browser.

Given a phone, Settings is a page of its own: its title, a back arrow to the tab it was opened from, no
bottom bar (so no tab is lit) and no gear; any other screen has the bar and the gear. Given a desktop,
the rail does the navigating and the title stays the app's.
"""

from __future__ import annotations

from types import SimpleNamespace

import flet as ft

from valuesapp.ui.shell import Shell


def shell_at(width: int) -> Shell:
    page = SimpleNamespace(width=width, appbar=None, navigation_bar=None, theme_mode=ft.ThemeMode.SYSTEM,
                           platform_brightness=None)
    shell = Shell(page, services=None)
    page.appbar = ft.AppBar(title=shell.title)
    return shell


def test_on_a_phone_settings_has_its_title_a_way_back_and_no_tab_bar():
    shell = shell_at(360)
    shell.current, shell.came_from = "/settings", "/journal"
    shell.chrome()
    assert shell.title.value == "Settings"
    assert shell.page.appbar.leading is shell.back_button
    assert shell.back_button.icon.semantics_label == "Back to Journal"
    assert shell.page.navigation_bar is None and not shell.settings_button.visible


def test_on_a_phone_the_review_opened_from_the_journal_is_a_page_of_its_own_too():
    shell = shell_at(360)
    shell.current, shell.came_from = "/review", "/journal"
    shell.chrome()
    assert shell.title.value == "Review" and shell.page.appbar.leading is shell.back_button
    assert shell.back_button.icon.semantics_label == "Back to Journal"
    assert shell.page.navigation_bar is None


def test_on_a_phone_every_other_screen_has_the_tab_bar_and_the_gear():
    shell = shell_at(412)
    shell.current = "/journal"
    shell.chrome()
    assert shell.title.value == "valuesapp" and shell.page.appbar.leading is None
    assert shell.page.navigation_bar is shell.bar and shell.settings_button.visible


def test_on_a_desktop_the_rail_navigates_and_the_title_stays():
    shell = shell_at(1280)
    shell.current = "/settings"
    shell.chrome()
    assert shell.title.value == "valuesapp" and shell.page.appbar.leading is None
    assert shell.page.navigation_bar is None and not shell.settings_button.visible


def test_the_theme_menu_checks_the_theme_in_force():
    shell = shell_at(412)
    shell.apply_theme("dark")
    assert [item.checked for item in shell.theme_items] == [False, False, True]
    assert shell.theme_menu.tooltip == "Theme: Dark"
    assert shell.page.theme_mode == ft.ThemeMode.DARK


def test_a_reminder_opens_what_it_is_about():
    from valuesapp.services.reminders import EVENING, MORNING, REVIEW, WEEKLY
    from valuesapp.ui.shell import reminder_opens

    assert reminder_opens(REVIEW) == ("Open the review", "/review")
    assert reminder_opens(WEEKLY) == ("Open Repairs", "/repairs")
    assert reminder_opens(MORNING) == reminder_opens(EVENING) == ("Open Today", "/today")
