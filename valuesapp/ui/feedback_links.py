"""Links for friends: make one per friend, pass it on (copy, or show a QR code to scan), revoke it.

A link is shown once, when it is made: only a hash of it is kept, so a copy of the data cannot be used
to write as that friend. Notes sent through a link arrive in the list above, marked as such.
"""

from __future__ import annotations

import io

import flet as ft
import segno

from valuesapp.core.access import LINK_DAYS_DEFAULT
from valuesapp.core.limits import LINK_DAYS_MAX, NAME_MAX
from valuesapp.core.words import plural
from valuesapp.services.link_address import ONLY_THIS_COMPUTER, only_this_computer
from valuesapp.services.links import link_url
from valuesapp.services.views import FeedbackLinkView, NewLink
from valuesapp.ui.feedback_form import TALL
from valuesapp.ui.kept import Kept
from valuesapp.ui.shared import Shared, section_title, tagged

ABOUT = (
    "Give a friend a private link: it opens a small page where they can leave you a note, and nothing else "
    "of yours. It works while the app is served where they can reach it."
)


NO_QR_CODE = ("No QR code: only this computer can open this link, a friend's phone cannot. Serve the app on your "
              "network (valuesapp serve --host 0.0.0.0) or under a public name, then make a new link.")


def qr_png(text: str) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=6, border=2, dark="#17211e", light="#ffffff")
    return out.getvalue()


def link_state(link: FeedbackLinkView) -> str:
    if link.state != "open":
        return link.state
    return f"open until {link.expires_at:%d %b %Y}" if link.expires_at else "open, no end date"


class LinksPanel:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.links = shared.services.links
        self.friend = ft.TextField(label="Friend's name", max_length=NAME_MAX,
                                   capitalization=ft.TextCapitalization.WORDS, on_submit=self.make)
        self.days = ft.TextField(label="Days it works", value=str(LINK_DAYS_DEFAULT), width=180,
                                 keyboard_type=ft.KeyboardType.NUMBER, on_submit=self.make)
        chosen = self.links.friends_address()
        self.address = ft.TextField(label="Address friends use", value=chosen.base_url,
                                    helper="As friends reach it: network or public address", helper_max_lines=2,
                                    on_change=self._show_warning)
        self.warning = tagged("link-warning", ft.Row([
            ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, color=ft.Colors.ERROR),
            ft.Text(ONLY_THIS_COMPUTER, color=ft.Colors.ERROR, size=13, expand=True),
        ], vertical_alignment=ft.CrossAxisAlignment.START, visible=chosen.only_this_computer))
        self.allow_values = ft.Switch(label="Let them name one of my values", value=False)
        self.items = ft.Column(spacing=4)  # the links' rows, each kept while its link is unchanged
        self.rows: Kept[ft.Control] = Kept("link")
        self.none_yet = ft.Text("No links yet.", color=ft.Colors.ON_SURFACE_VARIANT, size=13, key="no-links")
        self.control = tagged("feedback-links", ft.Card(ft.Container(ft.Column([
            section_title("Links for friends"),
            ft.Text(ABOUT, color=ft.Colors.ON_SURFACE_VARIANT, size=13),
            self.friend,  # the whole width: beside "Days it works" it wrapped inside its field at 360 px
            ft.Row([self.days]),
            self.address,
            self.warning,
            self.allow_values,
            ft.Row([ft.FilledButton("Make link", icon=ft.Icons.ADD_LINK, on_click=self.make, style=TALL)]),
            self.items,
        ], spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), padding=16)))

    def _show_warning(self, _e=None) -> None:
        shown = only_this_computer(self.address.value or "")
        if self.warning.visible != shown:
            self.warning.visible = shown
            self.warning.update()

    def refresh(self) -> None:
        """In place: a row is built again only when its link changed (a note came through it, it expired)."""
        rows = self.rows.rows(((link.id, link) for link in reversed(self.links.list())), self._row) or [self.none_yet]
        if [id(r) for r in rows] != [id(r) for r in self.items.controls]:
            self.items.controls = rows

    def _row(self, link: FeedbackLinkView) -> ft.Control:
        notes = plural(link.notes, "note")
        menu = None
        if link.revoked_at is None:  # in a menu, so the friend's name and the link's state keep the width
            menu = ft.PopupMenuButton(
                icon=ft.Icon(ft.Icons.MORE_VERT, semantics_label=f"More for {link.friend}'s link"), tooltip="",
                padding=12, items=[ft.PopupMenuItem(content=f"Revoke {link.friend}'s link", icon=ft.Icons.LINK_OFF,
                                                    on_click=lambda _e, link=link: self.revoke(link))])
        return tagged(f"link-{link.id}", ft.ListTile(
            leading=ft.Icon(ft.Icons.LINK if link.open else ft.Icons.LINK_OFF,
                            color=ft.Colors.PRIMARY if link.open else ft.Colors.OUTLINE),
            title=ft.Text(link.friend),
            subtitle=ft.Text(f"{link_state(link)} · {notes}"),
            trailing=menu,
            content_padding=ft.Padding.only(left=4),
        ))

    def make(self, _e=None) -> None:
        self.days.error = None
        raw_days = (self.days.value or "").strip()
        if not raw_days.isdigit():
            self.days.error = f"Whole days, 1 to {LINK_DAYS_MAX}."
            self.days.update()
            return
        address = (self.address.value or "").strip().rstrip("/")
        if not address.startswith(("http://", "https://")):
            self.address.error = "Starts with http:// or https://"
            self.address.update()
            return
        self.address.error = None
        made = self.shared.attempt(self.links.create, self.friend.value or "", days=int(raw_days),
                                   allow_values=bool(self.allow_values.value), field=self.friend)
        if made is None:
            return
        self.friend.value = ""
        self.refresh()
        self.show(made, link_url(address, made.token))
        self.control.update()

    def show(self, made: NewLink, url: str) -> None:
        async def copy(_e) -> None:
            await ft.Clipboard().set(url)
            self.shared.toast("Link copied.")

        def close(_e=None) -> None:
            self.shared.page.pop_dialog()

        self.shared.page.show_dialog(ft.AlertDialog(
            title=ft.Text(f"A link for {made.link.friend}"),
            content=ft.Column([
                ft.Text("Send it to them now: it is shown only this once."),
                tagged("new-link-url", ft.Text(url, size=13)),  # "Copy link" copies it; selectable text hides from screen readers
                self._qr_or_warning(made, url),
            ], tight=True, spacing=12, width=420, horizontal_alignment=ft.CrossAxisAlignment.CENTER),
            actions=[ft.TextButton("Copy link", icon=ft.Icons.COPY, on_click=copy, style=TALL),
                     ft.FilledButton("Done", on_click=close, style=TALL)],
        ))

    def _qr_or_warning(self, made: NewLink, url: str) -> ft.Control:
        """No QR code for an address only this computer opens: a friend's phone would scan it and fail."""
        if only_this_computer(url):
            return tagged("new-link-warning", ft.Row([
                ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, color=ft.Colors.ERROR),
                ft.Text(NO_QR_CODE,
                        color=ft.Colors.ERROR, size=13, expand=True),
            ], vertical_alignment=ft.CrossAxisAlignment.START))
        return ft.Semantics(label=f"QR code of the link for {made.link.friend}", image=True, container=True,
                            identifier="new-link-qr", content=ft.Image(src=qr_png(url), width=220, height=220))

    def revoke(self, link: FeedbackLinkView) -> None:
        def yes() -> None:
            if self.shared.attempt(self.links.revoke, link.id) is not None:
                self.refresh()
                self.control.update()
                self.shared.toast(f"{link.friend}'s link no longer works.")

        self.shared.confirm(f"Revoke {link.friend}'s link?", "It stops working at once; their notes stay.",
                            "Revoke", yes)
