"""What every screen is given: the services, the page, and one consistent way to speak to the person.

Errors from services are ``UserError``s with one line meant for people; ``attempt`` shows them next
to the field that caused them (or in a snackbar) and never clears what the person typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.services import Services

T = TypeVar("T")
F = TypeVar("F")

PHONE_MAX_WIDTH = 600
# A snackbar with a button (Undo, Open Repairs) stays long enough to reach it, then goes: Flutter keeps one
# with an action on screen until it is tapped unless told otherwise, and it covered the last card.
TOAST_SECONDS, TOAST_WITH_ACTION_SECONDS = 4, 8


def field_for(exc: UserError, fields: dict[str, F]) -> F:
    """The field of a form that ``exc`` is about, by the name the refusal gives it (``UserError.field``:
    "title", "note", "reason"), else the form's first; never guessed from the wording, which may change."""
    return fields[exc.field] if exc.field in fields else next(iter(fields.values()))


class Schedule(Protocol):
    """What the screens may know of the scheduler: what runs next, and how reminders reach the person."""

    notification_status: str

    def jobs(self) -> list: ...


class Shared:
    def __init__(self, page: ft.Page, services: Services, schedule: Schedule | None = None):
        self.page = page
        self.services = services
        self.schedule = schedule
        self._listeners: list[Callable[[], None]] = []
        self.navigate: Callable[[str], None] = lambda route: None

    @property
    def narrow(self) -> bool:
        return (self.page.width or 1000) < PHONE_MAX_WIDTH

    @property
    def dark(self) -> bool:
        """Whether the page is drawn dark now: the chosen theme, or with System the browser's or phone's."""
        if self.page.theme_mode == ft.ThemeMode.DARK:
            return True
        if self.page.theme_mode == ft.ThemeMode.LIGHT:
            return False
        return self.page.platform_brightness == ft.Brightness.DARK

    # Things changed: whoever shows counts or today's card refreshes.

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # Speaking to the person

    def toast(self, message: str, *, action: str | None = None, on_action: Callable[[], None] | None = None) -> None:
        self.page.show_dialog(snackbar(message, action=action, on_action=on_action))

    def error(self, message: str) -> None:
        self.page.show_dialog(
            ft.SnackBar(
                ft.Text(message, color=ft.Colors.ON_ERROR_CONTAINER),
                bgcolor=ft.Colors.ERROR_CONTAINER,
                show_close_icon=True,
                duration=ft.Duration(seconds=8),
            )
        )

    def attempt(self, action: Callable[..., T], *args: Any, field: ft.Control | None = None, **kwargs: Any) -> T | None:
        """Run a service call; on a person's mistake show why and return None (the form keeps its text)."""
        if field is not None and hasattr(field, "error"):
            field.error = None
        try:
            return action(*args, **kwargs)
        except UserError as exc:
            if field is not None and hasattr(field, "error"):
                field.error = exc.message
                field.update()
            else:
                self.error(exc.message)
            return None

    def confirm(self, title: str, message: str, confirm_label: str, on_confirm: Callable[[], None],
                *, extra: ft.Control | None = None) -> None:
        """Ask before anything that cannot simply be undone."""

        def close(_e=None):
            self.page.pop_dialog()

        def yes(_e):
            self.page.pop_dialog()
            on_confirm()

        body: list[ft.Control] = [ft.Text(message)]
        if extra is not None:
            body.append(extra)
        self.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(title),
                content=ft.Column(body, tight=True, spacing=12, width=420),
                actions=[ft.TextButton("Cancel", on_click=close), ft.FilledButton(confirm_label, on_click=yes)],
            )
        )


def saved(label: str, shown: str) -> str:
    """What every saved setting says, from the Settings screen or the top bar: "Theme: Dark. Saved."."""
    return f"{label}: {shown}. Saved."


def snackbar(message: str, *, action: str | None = None, on_action: Callable[[], None] | None = None) -> ft.SnackBar:
    """Every snackbar times out and can be closed with its ×; one with a button waits longer, and still goes."""
    seconds = TOAST_WITH_ACTION_SECONDS if action else TOAST_SECONDS
    bar = ft.SnackBar(ft.Text(message), action=action, show_close_icon=True, persist=False,
                      duration=ft.Duration(seconds=seconds))
    if on_action is not None:
        bar.on_action = lambda _e: on_action()
    return bar


def section_title(text: str) -> ft.Control:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def empty_state(icon: ft.IconData, title: str, message: str, *actions: ft.Control) -> ft.Control:
    """A screen with nothing in it yet still explains itself and offers the first step."""
    return ft.Container(
        padding=24,
        alignment=ft.Alignment.CENTER,
        content=ft.Column(
            [
                ft.Icon(icon, size=48, color=ft.Colors.PRIMARY),
                ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE, text_align=ft.TextAlign.CENTER),
                ft.Text(message, text_align=ft.TextAlign.CENTER, color=ft.Colors.ON_SURFACE_VARIANT),
                ft.Row(list(actions), alignment=ft.MainAxisAlignment.CENTER, wrap=True),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=12,
            tight=True,
        ),
    )


def tagged(identifier: str, control: ft.Control) -> ft.Control:
    """A stable hook for browser tests and assistive tech (``flt-semantics-identifier`` in the DOM)."""
    return ft.Semantics(identifier=identifier, content=control, container=True)


def screen_column(controls: list[ft.Control]) -> ft.Column:
    """The scrolling body of a screen of a few parts (Today, Settings, the Review)."""
    return ft.Column(controls, spacing=16, scroll=ft.ScrollMode.AUTO, expand=True)


def title_row(title: str, action: ft.Control) -> ft.Row:
    """A list screen's title with its one add button beside it (below it on a narrow phone)."""
    return ft.Row([ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600), action],
                  alignment=ft.MainAxisAlignment.SPACE_BETWEEN, wrap=True)


def screen_list(spacing: float = 16) -> ft.ListView:
    """The scrolling body of a screen with a long list (Values, Journal, Repairs, Feedback), whose rows are
    its own children. Flutter then builds, lays out, paints and reads out only the rows on the screen and
    just below it, as they scroll in; in a scrolling column every row of the list was built, laid out and
    given to screen readers whenever the screen was shown (on a phone with ten years, most of a switch)."""
    return ft.ListView(spacing=spacing, expand=True)


def place(body: ft.ListView | ft.Column, parts: list[ft.Control]) -> None:
    """Give a screen's body these parts, in order, replacing its list only when what it holds changed, so
    an unchanged refresh sends nothing for it."""
    if [id(c) for c in parts] != [id(c) for c in body.controls]:
        body.controls = parts
