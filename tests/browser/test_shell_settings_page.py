"""The frame around the screens, as a person on a phone opens Settings and comes back, and picks a theme.

On a phone Settings is a page of its own: its title and a back arrow in the app bar, no bottom bar (no
tab is the one shown, so none is highlighted); back returns to the tab it was opened from. On a desktop
the rail shows Settings chosen. The theme is a menu named "Theme" offering System, Light and Dark with
the current one checked; the choice is stored, so the Settings screen and a reload agree.
"""

from __future__ import annotations

import json
import re

from tests.browser.pages import choose, does_not_see, go, open_app, resize, sees, shot

RAIL_SETTINGS = re.compile(r"^Settings\s+Tab \d+ of \d+$")


def theme(server) -> str:
    return json.loads(server.cli("settings", "show", "--json"))["settings"]["theme"]


def turn(page, width: int, height: int) -> None:
    """Resize while Settings is shown (``pages.resize`` waits for the bottom bar, which Settings hides on a
    phone): wait for the app bar's title for that width instead."""
    page.set_viewport_size({"width": width, "height": height})
    if width < 600:
        page.get_by_role("heading", name="Settings").wait_for()
    else:
        page.get_by_role("button", name=RAIL_SETTINGS).wait_for()
    page.wait_for_timeout(300)


def open_settings_from(page, tab: str) -> None:
    page.get_by_role("button", name="Settings", exact=True).click()
    page.get_by_role("button", name=f"Back to {tab}").wait_for()


def test_phone_settings_has_a_title_and_a_way_back_and_no_tab_is_highlighted(browser, server):
    page = open_app(browser, server.url, "phone", path="journal")
    for width, height in ((360, 740), (412, 915)):
        resize(page, width, height)
        go(page, "Journal")
        open_settings_from(page, "Journal")
        page.get_by_role("heading", name="Settings").wait_for()
        sees(page, "How the day's value is picked")
        page.get_by_role("tab").first.wait_for(state="detached")  # no bottom bar, so no tab stays lit
        shot(page, f"shell-settings-{width}")
        page.get_by_role("button", name="Back to Journal").click()
        page.get_by_role("tab", name="Journal", selected=True).wait_for()
        page.get_by_role("heading", name="valuesapp").wait_for()
        does_not_see(page, "How the day's value is picked")

    resize(page, 1280, 800)
    page.get_by_role("button", name=RAIL_SETTINGS).click()
    sees(page, "How the day's value is picked")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('flt-semantics[role=tab], flt-semantics[role=button]')).some(
               e => /^Settings/.test(e.getAttribute('aria-label') || e.textContent || '')
                    && (e.getAttribute('aria-selected') === 'true' || e.getAttribute('aria-current')))""")
    shot(page, "shell-settings-1280")


def test_the_theme_menu_offers_system_light_and_dark_and_a_reload_keeps_the_choice(browser, server):
    page = open_app(browser, server.url, "phone", path="settings")  # 412x915
    page.get_by_role("radio", name="System", checked=True).wait_for()
    page.get_by_role("button", name=re.compile(r"^Theme: ")).click()
    page.get_by_role("menuitemcheckbox", name="System", checked=True).wait_for()
    page.get_by_role("menuitemcheckbox", name="Light", checked=False).wait_for()
    shot(page, "shell-theme-menu-412")
    choose(page, "Dark", role="menuitemcheckbox")
    sees(page, "Theme: Dark.")
    page.get_by_role("radio", name="Dark", checked=True).wait_for()  # the Settings screen says so too
    assert theme(server) == "dark"
    page.get_by_role("button", name="Theme: Dark", exact=True).wait_for()
    shot(page, "shell-theme-dark-412")

    page.reload(wait_until="commit")
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=90_000)
    page.wait_for_timeout(800)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.get_by_role("radio", name="Dark", checked=True).wait_for()
    page.get_by_role("button", name=re.compile(r"^Theme: ")).click()
    page.get_by_role("menuitemcheckbox", name="Dark", checked=True).wait_for()
    page.keyboard.press("Escape")
    turn(page, 360, 740)
    shot(page, "shell-theme-dark-after-reload-360")
    turn(page, 1280, 800)
    shot(page, "shell-theme-dark-1280")
