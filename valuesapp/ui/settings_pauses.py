"""Pauses on the Settings screen: holidays and illness, when no value is picked and the streak holds.

Removing a pause can be undone from the snackbar (it is added again with the same dates and reason).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.core.limits import parse_date
from valuesapp.core.words import day_label, plural
from valuesapp.services.views import PauseView
from valuesapp.ui.shared import Shared, field_for, section_title, tagged


def _noon(day: date) -> datetime:
    """Dates travel to the browser as instants in UTC; noon lands on the same day in almost every zone."""
    return datetime.combine(day, time(12, 0))


class DateField:
    """A YYYY-MM-DD text field with a calendar beside it: typing is quickest on a desktop, the calendar on a phone."""

    def __init__(self, shared: Shared, label: str, choose_label: str):
        self.shared = shared
        self.label = label
        self.field = ft.TextField(label=label, hint_text="YYYY-MM-DD", width=170, dense=True, error_max_lines=4)
        # Named by its icon's label: one focusable node, read once.
        self.button = ft.IconButton(ft.Icon(ft.Icons.CALENDAR_MONTH, semantics_label=choose_label), tooltip=choose_label,
                                    width=48, height=48, on_click=self.open_calendar)
        # Top-aligned: an error under the field must not push the calendar button below the box.
        self.control = ft.Row([self.field, self.button], spacing=0, tight=True,
                              vertical_alignment=ft.CrossAxisAlignment.START)

    def open_calendar(self, _e=None) -> None:
        today = self.shared.services.practice.today()
        try:
            shown = parse_date(self.field.value or "")
        except UserError:
            shown = today
        self.shared.page.show_dialog(ft.DatePicker(
            value=_noon(shown), first_date=_noon(today - timedelta(days=3 * 365)),
            last_date=_noon(today + timedelta(days=3 * 365)), help_text=self.label, on_change=self._picked,
        ))

    def _picked(self, e) -> None:
        picked = e.control.value
        if picked is None:
            return
        if isinstance(picked, datetime) and picked.tzinfo is not None:
            # The browser sends its local midnight as a UTC instant; 12 h later it is the chosen day in UTC too.
            picked = picked + timedelta(hours=12)
        self.field.value = (picked.date() if isinstance(picked, datetime) else picked).isoformat()
        self.field.error = None
        self.field.update()

    def parsed(self) -> date | None:
        """The typed date, or None with the reason shown under the field (the text stays)."""
        self.field.error = None
        try:
            return parse_date(self.field.value or "", field=f"{self.label.lower()} date")
        except UserError as exc:
            self.field.error = exc.message
            return None

    def clear(self) -> None:
        self.field.value = ""
        self.field.error = None


def pause_span(pause: PauseView) -> str:
    """A pause's days in the app's one way of writing a day: "Thu 24 Dec 2026 to Sat 2 Jan 2027"."""
    return f"{day_label(pause.start)} to {day_label(pause.end)}"


class PausesPanel:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.start = DateField(shared, "From", "Choose the first paused day")
        self.end = DateField(shared, "To", "Choose the last paused day")
        self.reason = ft.TextField(label="Reason (optional)", hint_text="Holiday, illness…", width=260, dense=True, error_max_lines=3,
                                   on_submit=self.add)
        self.listing = ft.Column(spacing=0)
        self.control = tagged("settings-pauses", ft.Card(ft.Container(ft.Column([
            section_title("Pauses"),
            ft.Text("Paused days get no value, and your streak of reflected days holds through them.",
                    size=13, color=ft.Colors.ON_SURFACE_VARIANT),
            self.listing,
            ft.Row([self.start.control, self.end.control, self.reason], wrap=True, spacing=12, run_spacing=12,
                   vertical_alignment=ft.CrossAxisAlignment.START),
            ft.FilledTonalButton("Add pause", icon=ft.Icons.BEACH_ACCESS, on_click=self.add),
        ], spacing=10), padding=16)))

    def refresh(self) -> None:
        pauses = self.services.practice.pauses()
        today = self.services.practice.today()
        if not pauses:
            self.listing.controls = [ft.ListTile(
                leading=ft.Icon(ft.Icons.BEACH_ACCESS_OUTLINED, color=ft.Colors.ON_SURFACE_VARIANT),
                title=ft.Text("No pauses yet"),
                subtitle=ft.Text("Going away or ill? Add the dates below."),
                dense=True,
            )]
            return
        self.listing.controls = [self._row(p, today) for p in pauses]

    def _row(self, pause: PauseView, today: date) -> ft.Control:
        if pause.end < today:
            when = "ended"
        elif pause.start > today:
            when = "coming up"
        else:
            when = "now"
        span = pause_span(pause)
        days = (pause.end - pause.start).days + 1
        subtitle = f"{plural(days, 'day')} · {when}" + (f" · {pause.reason}" if pause.reason else "")
        remove = ft.IconButton(ft.Icon(ft.Icons.DELETE_OUTLINE, semantics_label=f"Remove the pause from {span}"),
                               tooltip="Remove this pause", width=48, height=48,
                               on_click=lambda _e, p=pause: self.remove(p))
        return ft.ListTile(
            leading=ft.Icon(ft.Icons.BEACH_ACCESS, color=ft.Colors.PRIMARY if when == "now" else None),
            title=ft.Text(span), subtitle=ft.Text(subtitle), trailing=remove, dense=True,
        )

    def add(self, _e=None) -> None:
        start, end = self.start.parsed(), self.end.parsed()
        if start is None or end is None:
            self.shared.page.update()
            return
        self.reason.error = None
        try:
            added = self.services.practice.pause(start, end, self.reason.value or "")
        except UserError as exc:
            # The refusal names what is wrong: the reason, or else the dates (shown under "To").
            field_for(exc, {"end": self.end.field, "reason": self.reason}).error = exc.message
            self.shared.page.update()
            return
        self.start.clear()
        self.end.clear()
        self.reason.value = ""
        self.shared.toast(f"Paused from {pause_span(added)}.")
        self._changed()

    def remove(self, pause: PauseView) -> None:
        if self.shared.attempt(self.services.practice.remove_pause, pause.id) is None:
            return
        self.shared.toast(f"Removed the pause from {pause_span(pause)}.", action="Undo",
                          on_action=lambda: self._restore(pause))
        self._changed()

    def _restore(self, pause: PauseView) -> None:
        if self.shared.attempt(self.services.practice.pause, pause.start, pause.end, pause.reason) is None:
            return
        self.shared.toast(f"The pause from {pause_span(pause)} is back.")
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.shared.changed()
        self.shared.page.update()
