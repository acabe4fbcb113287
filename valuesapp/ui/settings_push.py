"""Reminders on your devices, on the Settings screen: which phones and browsers get pushed reminders.

Each device shows its browser, its push service, when it was added and how the last reminder went, with
a Remove button. Removing asks first: the server keeps no copy of a removed device's subscription, so it
cannot be undone from here, only by turning reminders on again on that device. The button below opens
`/reminders` in the same window, the plain page that asks the browser for notifications and subscribes.
What each line says is decided by ``presenters.push_devices``.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.core.settings import LABELS
from valuesapp.ui.presenters import push_devices as presenter
from valuesapp.ui.presenters.push_devices import DeviceLine
from valuesapp.ui.shared import Shared, saved, section_title, tagged
from valuesapp.ui.widgets import icon_button


HIDE_WORDS = "push_hides_words"


async def open_reminders_page(_e=None) -> None:
    """The page is outside Flutter: the same window goes there, and its link comes back."""
    await ft.UrlLauncher().launch_url(presenter.PAGE, web_only_window_name="_self")


class PushDevicesPanel:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.listing = ft.Column(spacing=0)
        self.note = ft.Text("", size=13, color=ft.Colors.ON_SURFACE_VARIANT)
        self.hide_words = ft.Switch(label=LABELS[HIDE_WORDS], on_change=self.toggle_hide_words)
        self.test = ft.OutlinedButton("Send a test reminder", icon=ft.Icons.SEND_OUTLINED, height=48,
                                      on_click=self.send_test)
        self.turn_on = ft.FilledTonalButton("Turn on reminders on this device", height=48,
                                            icon=ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED, on_click=open_reminders_page)
        self.control = tagged("settings-push", ft.Card(ft.Container(ft.Column([
            section_title("Reminders on your devices"),
            ft.Text("Phones and browsers that get the reminders as notifications, even with the app closed.",
                    size=13, color=ft.Colors.ON_SURFACE_VARIANT),
            self.listing,
            ft.Row([self.turn_on, self.test], wrap=True, spacing=8, run_spacing=8),
            self.note,
            ft.Divider(height=1),
            self.hide_words,
            ft.Text(presenter.HIDE_WORDS_NOTE, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        ], spacing=10), padding=16)))

    def refresh(self) -> None:
        shown = presenter.present_devices(
            self.services.push.devices(), now=self.services.context.now(),
            zone=ZoneInfo(self.services.settings.effective_timezone()), web=bool(self.shared.page.web),
        )
        self.turn_on.visible = shown.can_turn_on_here
        self.hide_words.value = self.services.settings.get().push_hides_words
        self.test.visible = bool(shown.lines)
        self.note.value = shown.here_note
        if not shown.lines:
            self.listing.controls = [ft.ListTile(
                leading=ft.Icon(ft.Icons.NOTIFICATIONS_OFF_OUTLINED, color=ft.Colors.ON_SURFACE_VARIANT),
                title=ft.Text("No devices yet"), subtitle=ft.Text(shown.empty), dense=True,
            )]
            return
        self.listing.controls = [self._row(line) for line in shown.lines]

    def send_test(self, _e=None) -> None:
        """A test notification to every device now; the snackbar says how each went."""
        self.shared.toast(presenter.test_sent(self.services.push.send_test()))
        self.refresh()
        self.shared.page.update()

    def toggle_hide_words(self, _e=None) -> None:
        raw = "on" if self.hide_words.value else "off"
        if self.shared.attempt(self.services.settings.set, HIDE_WORDS, raw) is None:
            return
        self.shared.toast(saved(LABELS[HIDE_WORDS], raw))
        self.shared.changed()
        self.shared.page.update()

    def _row(self, line: DeviceLine) -> ft.Control:
        remove = icon_button(ft.Icons.DELETE_OUTLINE, line.remove_label, lambda _e, d=line: self.confirm(d),
                             width=48, height=48)
        last = ft.Text(line.last, size=13, color=ft.Colors.ERROR if line.failed else ft.Colors.ON_SURFACE_VARIANT)
        return ft.ListTile(
            leading=ft.Icon(ft.Icons.PHONE_ANDROID_OUTLINED if line.phone else ft.Icons.COMPUTER_OUTLINED),
            title=ft.Text(line.title),
            subtitle=ft.Column([ft.Text(line.subtitle, size=13), last], spacing=0, tight=True),
            trailing=remove,
            dense=True,
        )

    def confirm(self, line: DeviceLine) -> None:
        self.shared.confirm(
            f"Remove {line.title}?",
            "It gets no more reminders. To have them there again, open Turn on reminders on that device.",
            "Remove", lambda: self.remove(line),
        )

    def remove(self, line: DeviceLine) -> None:
        try:
            self.services.push.remove(line.id)
        except UserError as exc:  # already removed elsewhere (the CLI, another tab): say so and show the list
            self.shared.error(exc.message)
        else:
            self.shared.toast(line.removed)
        self.refresh()
        self.shared.changed()
        self.shared.page.update()


# Today's one-time offer (drawn at the top of Today; the rule is presenters.push_devices.offer_on_today).
# "Not now" is kept as a small flag in the drafts folder beside the store, like a draft, so it survives a
# restart and asks nothing of the store's schema.


def reminders_wanted(shared: Shared) -> bool:
    web = bool(shared.page.web)
    if not web:
        return False
    services = shared.services
    dismissed = services.drafts.pending(presenter.OFFER_DISMISSED) is not None
    return presenter.offer_on_today(web=web, devices=0 if dismissed else len(services.push.devices()),
                                    dismissed=dismissed)


def reminders_offer(shared: Shared, redraw) -> ft.Control:
    def not_now(_e=None) -> None:
        shared.services.drafts.keep("dismissed", key=presenter.OFFER_DISMISSED)
        shared.toast(presenter.OFFER_DISMISSED_TEXT)
        redraw()

    return tagged("today-reminders-offer", ft.Card(ft.Container(ft.Column([
        ft.Row([ft.Icon(ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED, color=ft.Colors.PRIMARY),
                ft.Text(presenter.OFFER_TITLE, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, expand=True)]),
        ft.Text(presenter.OFFER_TEXT, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.Row([ft.FilledTonalButton("Turn on reminders on this device", height=48, on_click=open_reminders_page),
                ft.TextButton("Not now", height=48, on_click=not_now)], wrap=True, spacing=8, run_spacing=8),
    ], spacing=8), padding=16)))
