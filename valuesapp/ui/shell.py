"""The frame around the screens: navigation that adapts to the width, the app bar, routes and theme.

Below 600 px wide a bottom navigation bar (Settings moves to the app bar), wider a navigation rail. On a
phone, Settings opens like a page of its own: its title and a back arrow in the app bar, no bottom bar (no
tab would be the one shown). The theme is a labelled menu (System, Light, Dark) in the app bar.
Each screen is built once per browser session, stays mounted, and is refreshed from the services whenever it
is shown: a switch only hides one screen and shows another (a few bytes over the websocket, plus what that
screen's refresh changed). A hidden control is not drawn at all by Flet's client (no focus, no semantics),
so hidden screens are neither seen nor read.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import flet as ft

from valuesapp.services import Services
from valuesapp.services.reminders import REVIEW, WEEKLY, Reminder
from valuesapp.ui.live import LiveSessions
from valuesapp.ui.shared import Schedule, Shared, saved
from valuesapp.ui.theme import app_theme
from valuesapp.ui.widgets import hover_tip, icon_button


class Screen(Protocol):
    control: ft.Control

    def refresh(self) -> None: ...


@dataclass(frozen=True)
class Destination:
    route: str
    label: str
    icon: ft.IconData
    selected_icon: ft.IconData
    screen: str  # "module:Class" under valuesapp.ui, imported when first needed (see warm_up)
    on_phone_bar: bool = True

    def build(self, shared: Shared) -> Screen:
        module, name = self.screen.split(":")
        return getattr(importlib.import_module(f"valuesapp.ui.{module}"), name)(shared)


THEME_MODES = {"system": ft.ThemeMode.SYSTEM, "light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}
THEMES = (("system", "System"), ("light", "Light"), ("dark", "Dark"))
THEME_ICONS = {"system": ft.Icons.CONTRAST, "light": ft.Icons.LIGHT_MODE, "dark": ft.Icons.DARK_MODE}
# One way to write dates: the app's own words say "Tue 1 Dec 2026" (core.words.day_label), so the calendars
# Flutter draws speak British English too (day first, Monday first), not American.
APP_LOCALE = ft.Locale("en", "GB")
MAX_CONTENT_WIDTH = 820  # long lines are hard to read on a wide window

DESTINATIONS = [
    Destination("/today", "Today", ft.Icons.WB_SUNNY_OUTLINED, ft.Icons.WB_SUNNY, "today:TodayScreen"),
    Destination("/values", "Values", ft.Icons.FORMAT_LIST_NUMBERED, ft.Icons.FORMAT_LIST_NUMBERED,
                "values:ValuesScreen"),
    Destination("/journal", "Journal", ft.Icons.BOOK_OUTLINED, ft.Icons.BOOK, "journal:JournalScreen"),
    Destination("/repairs", "Repairs", ft.Icons.HANDSHAKE_OUTLINED, ft.Icons.HANDSHAKE, "repairs:RepairsScreen"),
    Destination("/feedback", "Feedback", ft.Icons.FORUM_OUTLINED, ft.Icons.FORUM, "feedback:FeedbackScreen"),
    Destination("/settings", "Settings", ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS, "settings:SettingsScreen",
                on_phone_bar=False),
    Destination("/review", "Review", ft.Icons.RATE_REVIEW_OUTLINED, ft.Icons.RATE_REVIEW, "review:ReviewScreen", on_phone_bar=False),
]


_warmed_up = threading.Event()


def warm_up() -> None:
    """Import the other screens' modules (half a second: charts, QR codes) once per process, in a thread
    started after the first window is drawn, so neither the first card nor a first tab click waits on them."""
    if _warmed_up.is_set():
        return
    _warmed_up.set()

    def run() -> None:
        for destination in DESTINATIONS:
            importlib.import_module(f"valuesapp.ui.{destination.screen.split(':')[0]}")

    threading.Thread(target=run, name="valuesapp-warm-up", daemon=True).start()


class Shell:
    def __init__(self, page: ft.Page, services: Services, live: LiveSessions | None = None,
                 schedule: Schedule | None = None, *, signed_in: bool = False):
        self.page = page
        self.signed_in = signed_in
        self.live = live
        self.shared = Shared(page, services, schedule)
        self.shared.navigate = self.go
        self.shared.on_change(self.refresh_current)
        self.destinations = DESTINATIONS
        self.screens: dict[str, Screen] = {}
        self.current = "/today"
        self.stale: set[str] = set()  # hidden screens built before the store's last change
        self.theme_name: str | None = None  # the theme drawn (start() applies the saved one)
        # Every screen built so far, the one shown visible. A Stack that fills the frame gives each screen the
        # frame's whole size (a Column would share it among the screens' ``expand``).
        self.stack = ft.Stack(fit=ft.StackFit.EXPAND, expand=True)
        self.frame = ft.Container(self.stack, expand=True)
        self.body = ft.Container(self.frame, expand=True, alignment=ft.Alignment.TOP_CENTER,
                                 padding=ft.Padding.symmetric(horizontal=16, vertical=12))
        self.rail = ft.NavigationRail(
            destinations=[
                ft.NavigationRailDestination(icon=d.icon, selected_icon=d.selected_icon, label=d.label)
                for d in self.destinations
            ],
            label_type=ft.NavigationRailLabelType.ALL,
            on_change=lambda e: self.go(self.destinations[e.control.selected_index].route),
            selected_index=0,
        )
        self.phone_destinations = [d for d in self.destinations if d.on_phone_bar]
        self.bar = ft.NavigationBar(
            destinations=[
                ft.NavigationBarDestination(icon=d.icon, selected_icon=d.selected_icon, label=d.label)
                for d in self.phone_destinations
            ],
            on_change=lambda e: self.go(self.phone_destinations[e.control.selected_index].route),
            label_behavior=ft.NavigationBarLabelBehavior.ALWAYS_SHOW,
            # The tab lights at once: its half-second pill animation redrew the whole window in every frame,
            # on the main thread the shown screen waits for (a fifth of a switch's work on a phone).
            animation_duration=ft.Duration(milliseconds=0),
        )
        self.divider = ft.VerticalDivider(width=1)
        self.came_from = "/today"  # where Settings' back arrow returns to on a phone
        self.theme_icon = ft.Icon(ft.Icons.CONTRAST, size=20)
        self.theme_items = [
            ft.PopupMenuItem(content=label, checked=False, on_click=lambda _e, k=key: self.choose_theme(k))
            for key, label in THEMES
        ]
        # Named by its tooltip ("Theme: System"), which also says the current choice; the visible words are
        # left out of the name so they are not read twice. 48 px tall: the menu's tap target is its content.
        self.theme_menu = ft.PopupMenuButton(
            content=ft.Container(
                ft.Semantics(exclude_semantics=True, content=ft.Row([self.theme_icon, ft.Text("Theme")], spacing=6,
                                                                    tight=True)),
                height=48, padding=ft.Padding.symmetric(horizontal=8), alignment=ft.Alignment.CENTER),
            items=self.theme_items, tooltip="Theme",
        )
        # Named by the icon's label (a tooltip alone gives a button no name); 48 px square, a finger's size.
        self.settings_button = ft.IconButton(ft.Icon(ft.Icons.SETTINGS_OUTLINED, semantics_label="Settings"),
                                             tooltip=hover_tip("Settings"), width=48, height=48,
                                             on_click=lambda _e: self.go("/settings"))
        self.back_button = ft.IconButton(ft.Icon(ft.Icons.ARROW_BACK, semantics_label="Back"), tooltip=hover_tip("Back"),
                                         width=48, height=48, on_click=lambda _e: self.go(self.came_from))
        self.title = ft.Text("valuesapp", weight=ft.FontWeight.W_600)

    def start(self) -> None:
        page = self.page
        page.title = "valuesapp"
        page.padding = 0
        page.locale_configuration = ft.LocaleConfiguration(supported_locales=[APP_LOCALE], current_locale=APP_LOCALE)
        page.theme = app_theme(dark=False)
        page.dark_theme = app_theme(dark=True)
        self.apply_theme(self.shared.services.settings.get().theme)
        page.appbar = ft.AppBar(
            title=self.title, automatically_imply_leading=False,
            actions=[self.theme_menu, self.settings_button, *self.sign_out_action(), ft.Container(width=8)],
        )
        page.on_resize = lambda _e: self.layout()
        page.on_platform_brightness_change = lambda _e: self.brightness_changed()
        page.on_close = lambda _e: self.close()
        if self.live is not None:
            self.live.add(self)
        page.on_route_change = self.route_changed
        self.layout(update=False)
        self.show(page.route if page.route in self.routes() else "/today")

    def sign_out_action(self) -> list[ft.Control]:
        if not self.signed_in:
            return []

        async def sign_out(_e) -> None:
            # Signing out changes state, so it is a POST, from the small page at /signout.
            await ft.UrlLauncher().launch_url("/signout", web_only_window_name="_self")

        return [icon_button(ft.Icons.LOGOUT, "Sign out", sign_out, width=48, height=48)]

    def routes(self) -> set[str]:
        return {d.route for d in self.destinations}

    def go(self, route: str) -> None:
        if route == self.current and route in self.screens:
            self.screens[route].refresh()
            self.page.update()
            return
        self.show(route)  # first, so that the echo of navigate finds this screen current
        self.page.navigate(route)

    def route_changed(self, e: ft.RouteChangeEvent) -> None:
        """The browser's address changed: back, forward, a typed address, or the echo of our own navigate.
        The echo is skipped: go() has already shown that screen, and showing it again sent the whole
        screen to the browser a second time (twice the bytes and the server's time on every tab click)."""
        if e.route != self.current:
            self.show(e.route)

    def show(self, route: str) -> None:
        route = route if route in self.routes() else "/today"
        destination = next(d for d in self.destinations if d.route == route)
        built = route not in self.screens
        if built:
            self.screens[route] = destination.build(self.shared)
            self.stack.controls.append(self.screens[route].control)
        screen, left = self.screens[route], self.screens.get(self.current)
        bar_before = self.page.navigation_bar
        if not destination.on_phone_bar and self.current in {d.route for d in self.phone_destinations}:
            self.came_from = self.current  # Settings and Review return to the tab they were opened from
        self.current = route
        # A screen kept since the store last changed comes back as it was, at once; one the store may have
        # changed under (hidden screens are not redrawn by a change) reads it first.
        returning = not built and screen is not left
        again = returning and route not in self.stale
        self.stale.discard(route)
        if returning:
            getattr(screen, "shown_again", lambda: None)()
        if not again:
            screen.refresh()
        for shown in self.screens.values():
            shown.control.visible = shown is screen
        self.rail.selected_index = self.destinations.index(destination)
        if destination in self.phone_destinations:
            self.bar.selected_index = self.phone_destinations.index(destination)
        self.chrome()
        if built or self.page.navigation_bar is not bar_before:
            if again:
                screen.refresh()
            self.page.update()
            return
        # Only what a switch changes: the screen shown, the one left, and the chrome. A whole page update would
        # walk every mounted screen's controls looking for changes (tens of ms each).
        changed = [screen.control] + ([left.control] if left is not None and left is not screen else [])
        self.page.update(*changed, self.page.appbar, self.page.navigation_bar or self.rail)
        if again:
            # The screen came back at once as it was kept; then it reads the store once more, and whatever
            # differs (a relative time, say) follows as a patch of its own, usually an empty one.
            screen.refresh()
            self.page.update(screen.control)

    def layout(self, update: bool = True) -> None:
        """Bottom bar on phones, rail on wider screens; nothing else moves."""
        narrow = self.shared.narrow
        width = self.page.width or 1000
        self.frame.width = None if narrow else min(MAX_CONTENT_WIDTH, width - 130)
        self.chrome()
        # Show or hide the rail; never rebuild the row: moving the body into a new parent makes Flet's diff
        # send it twice, and Flutter then draws (and screen readers find) every field twice.
        self.rail.visible = self.divider.visible = not narrow
        if not self.page.controls:
            self.page.controls = [ft.SafeArea(ft.Row([self.rail, self.divider, self.body], expand=True, spacing=0),
                                              expand=True)]
        if update:
            self.page.update()

    def chrome(self) -> None:
        """The app bar and the bottom bar for the screen shown and the width. On a phone Settings and Review
        are pages of their own (not tabs): their title, a back arrow to the tab they were opened from, and no
        bottom bar (which would light a tab that is not shown)."""
        narrow = self.shared.narrow
        shown = next(d for d in self.destinations if d.route == self.current)
        settings_page = narrow and not shown.on_phone_bar
        self.title.value = shown.label if settings_page else "valuesapp"
        back = f"Back to {self._label(self.came_from)}"
        if self.back_button.icon.semantics_label != back:  # a new tooltip is sent whole: only when it changes
            self.back_button.tooltip = hover_tip(back)
            self.back_button.icon.semantics_label = back
        if self.page.appbar is not None:
            self.page.appbar.leading = self.back_button if settings_page else None
        self.settings_button.visible = narrow and not settings_page
        self.page.navigation_bar = self.bar if narrow and not settings_page else None

    def _label(self, route: str) -> str:
        return next((d.label for d in self.destinations if d.route == route), "Today")

    def close(self) -> None:
        if self.live is not None:
            self.live.remove(self)

    # Called through LiveSessions.broadcast, inside this session, when the scheduler has news.

    def refresh_current(self) -> None:
        """Something changed: redraw the screen on show, and the theme (Settings may have changed it).
        Hidden screens redraw when next shown."""
        self.apply_theme(self.shared.services.settings.get().theme)
        self.stale = set(self.screens) - {self.current}
        if self.current in self.screens:
            self.screens[self.current].refresh()

    def outside_change(self) -> None:
        """The store changed (another tab or process, the scheduler, or this tab a moment ago): the shown
        screen redraws in place, where an unchanged card sends nothing; hidden ones redraw when shown."""
        screen = self.screens.get(self.current)
        self.stale = set(self.screens) - {self.current}
        if screen is not None:
            getattr(screen, "outside_change", screen.refresh)()
        theme = self.shared.services.settings.get().theme
        if theme != self.theme_name or screen is None:  # the theme was changed elsewhere: the whole page
            self.apply_theme(theme)
            self.page.update()
        else:  # only the screen shown can have changed (a whole-page update walks every mounted screen)
            self.page.update(screen.control)

    def new_day(self) -> None:
        """The day turned while this window was open: show the new card without a reload."""
        self.shared.changed()
        self.page.update()

    def news(self) -> None:
        """A friend's note arrived through a link: an open Feedback screen shows it without a reload."""
        self.shared.changed()
        self.page.update()

    def remind(self, reminder: Reminder) -> None:
        def close(_e=None):
            self.page.pop_dialog()

        label, route = reminder_opens(reminder.kind)

        def open_it(_e=None):
            self.page.pop_dialog()
            self.go(route)

        self.page.show_dialog(
            ft.Banner(
                leading=ft.Icon(ft.Icons.NOTIFICATIONS_ACTIVE, color=ft.Colors.PRIMARY),
                content=ft.Column([ft.Text(reminder.title, weight=ft.FontWeight.W_600), ft.Text(reminder.body)],
                                  tight=True, spacing=2),
                actions=[ft.TextButton(label, on_click=open_it), ft.TextButton("Dismiss", on_click=close)],
            )
        )

    def apply_theme(self, name: str) -> None:
        self.page.theme_mode = THEME_MODES.get(name, ft.ThemeMode.SYSTEM)
        self.theme_icon.icon = THEME_ICONS.get(name, ft.Icons.CONTRAST)
        for (key, _label), item in zip(THEMES, self.theme_items):
            item.checked = key == name
        self.theme_menu.tooltip = f"Theme: {dict(THEMES).get(name, 'System')}"
        self.theme_name = name

    def choose_theme(self, name: str) -> None:
        """The Theme menu: saved like the Settings screen's choice, so a reload and every tab keep it."""
        if self.shared.attempt(self.shared.services.settings.set, "theme", name) is None:
            return
        self.shared.toast(saved("Theme", dict(THEMES)[name]))
        self.shared.changed()
        self.page.update()

    def brightness_changed(self) -> None:
        """The phone or the browser turned dark or light: with the System theme, colours drawn by the server
        (the journal's calendar) follow."""
        self.refresh_current()
        self.page.update()


REMINDER_OPENS = {REVIEW: ("Open the review", "/review"), WEEKLY: ("Open Repairs", "/repairs")}


def reminder_opens(kind: str) -> tuple[str, str]:
    """Where a reminder's banner takes the person: what it is about (the morning card and the evening
    prompt are about Today)."""
    return REMINDER_OPENS.get(kind, ("Open Today", "/today"))


def app_main(services: Services, live: LiveSessions | None = None,
             schedule: Schedule | None = None, *, signed_in: bool = False) -> Callable[[ft.Page], None]:
    """Flet calls this once per window or browser session; services and the scheduler are shared by all.
    ``signed_in``: the app is served behind the owner's passphrase, so offer to sign out."""

    def main(page: ft.Page) -> None:
        Shell(page, services, live, schedule, signed_in=signed_in).start()
        warm_up()

    return main
