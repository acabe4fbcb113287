"""The shell keeps every screen built so far mounted, and a tab switch only shows one and hides another.

Given Today and then the Journal shown, when the person goes back to Today, then Today is the same screen
object in the same place (nothing rebuilt, nothing re-attached), only it is visible, and what is sent is
the two screens and the chrome, never the whole page. A screen kept since the store last changed is shown
first and read again after (what differs follows in a patch of its own); one the store changed under
(the store watcher said so) is read before it is shown, so it never comes back stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import flet as ft
import pytest

from valuesapp.ui.shell import Shell


@dataclass
class RecordingPage:
    width: int = 412
    route: str = "/today"
    web: bool = False  # a desktop window: Today offers no push reminders
    appbar: object = None
    navigation_bar: object = None
    theme_mode: object = ft.ThemeMode.LIGHT
    platform_brightness: object = None
    controls: list = field(default_factory=list)
    updates: list = field(default_factory=list)

    def update(self, *controls) -> None:
        self.updates.append(controls)

    def navigate(self, route: str) -> None:
        self.route = route

    def run_task(self, *_args, **_kwargs) -> None:
        pass

    def show_dialog(self, _dialog) -> None:
        pass


def today_then_journal(app) -> tuple[RecordingPage, Shell]:
    """Given a value, the app opened on Today, then the Journal shown."""
    app.values.add("Honesty")
    page = RecordingPage()
    shell = Shell(page, app)
    page.appbar = ft.AppBar(title=shell.title)
    shell.layout(update=False)
    shell.show("/today")
    shell.go("/journal")
    return page, shell


def test_a_tab_switch_shows_a_kept_screen_and_sends_only_the_screens_and_the_chrome(app):
    page, shell = today_then_journal(app)
    today, journal = shell.screens["/today"], shell.screens["/journal"]
    assert shell.stack.controls == [today.control, journal.control]
    assert (today.control.visible, journal.control.visible) == (False, True)

    page.updates.clear()
    shell.go("/today")
    assert shell.screens["/today"] is today and shell.stack.controls == [today.control, journal.control]
    assert (today.control.visible, journal.control.visible) == (True, False)
    switch, reread = page.updates  # shown as kept, then read again: the second patch is Today's alone
    assert page not in switch and shell.stack not in switch
    assert switch[0] is today.control and switch[1] is journal.control and page.appbar in switch
    assert reread == (today.control,)


def test_a_screen_the_store_changed_under_is_read_before_it_is_shown(app):
    page, shell = today_then_journal(app)
    today = shell.screens["/today"]

    app.journal.reflect("Told Sam the truth.", rating=4)  # from the CLI, say: the store watcher tells the shell
    shell.outside_change()
    assert "Told Sam the truth." not in str(today.reflected_today.controls)  # hidden: not redrawn yet
    page.updates.clear()
    shell.go("/today")
    assert "Told Sam the truth." in str(today.reflected_today.controls)
    (sent,) = page.updates  # read first, so the switch itself carries the new reflection
    assert sent[0] is today.control and sent[1] is shell.screens["/journal"].control


@pytest.mark.parametrize("changed_meanwhile", [False, True])
def test_the_outline_of_the_last_change_is_gone_when_repairs_is_shown_again(app, changed_meanwhile):
    """Given a repair outlined as just changed, when the person goes elsewhere and comes back (whether or
    not the store changed meanwhile), then the outline is old news and gone."""
    page, shell = today_then_journal(app)
    shell.go("/repairs")
    repairs = shell.screens["/repairs"]
    repairs.highlight = 1
    shell.go("/today")
    if changed_meanwhile:
        shell.outside_change()
    shell.go("/repairs")
    assert repairs.highlight is None
