"""Form pieces that the Repairs and Feedback screens share: a date chosen with a calendar, dropdowns, checks.

Dates are practice days (``datetime.date``), never instants: the calendar's answer is turned back into
the day the person tapped, whatever time zone the browser is in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import flet as ft

from valuesapp.core.errors import UserError
from valuesapp.core.words import day_label
from valuesapp.services import Services
from valuesapp.services.views import ValueView
from valuesapp.ui.widgets import icon_button

NO_VALUE = "none"


def show_day(day: date) -> str:
    """The way dates read on these screens: the app's one way ("Tue 1 Dec 2026"); the calendar itself speaks
    the page's British English (set by the shell), day first and Monday first, not American."""
    return day_label(day)


def picked_day(value: date | datetime | None, zone: tzinfo) -> date | None:
    """The calendar day a DatePicker's answer stands for.

    The client sends the tapped day's midnight in the browser's time zone as a UTC instant, and the
    server is not told that zone. Read in the person's configured zone (normally the browser's) and
    rounded to the nearest midnight, it gives the tapped day even where the two zones differ by up to
    12 hours.
    """
    if value is None:
        return None
    if not isinstance(value, datetime):
        return value
    local = value.astimezone(zone).replace(tzinfo=None) if value.tzinfo is not None else value
    return (local + timedelta(hours=12)).date()


def pick_date(page: ft.Page, on_pick: Callable[[date], None], *, today: date, zone: tzinfo, help_text: str,
              initial: date | None = None, first: date | None = None, last: date | None = None,
              confirm_text: str = "OK") -> None:
    """Open a calendar; ``on_pick`` gets the chosen day (nothing happens if the person cancels)."""

    def changed(e) -> None:
        day = picked_day(e.control.value, zone)
        if day is not None:
            on_pick(day)

    def noon(day: date) -> datetime:
        # Midday in the person's zone is the same calendar day in any browser zone within 12 hours of it.
        return datetime(day.year, day.month, day.day, 12, tzinfo=zone)

    first = first or date(1900, 1, 1)
    last = last or date(2100, 12, 31)
    picker = ft.DatePicker(
        value=noon(initial or min(max(today, first), last)),
        current_date=noon(today),
        first_date=noon(first),
        last_date=noon(last),
        help_text=help_text,
        confirm_text=confirm_text,
        on_change=changed,
    )
    page.show_dialog(picker)


class DateField(ft.Row):
    """An optional date in a form: a button that opens the calendar, and a way to clear it again."""

    def __init__(self, label: str, *, today: Callable[[], date], zone: Callable[[], tzinfo], help_text: str,
                 future_only: bool = False,
                 past_only: bool = False, empty_text: str = "none", on_change: Callable[[date | None], None] | None = None):
        super().__init__(spacing=4, wrap=True, vertical_alignment=ft.CrossAxisAlignment.CENTER)
        self.label = label
        self.value: date | None = None
        self._today = today
        self._zone = zone
        self._help_text = help_text
        self._future_only = future_only
        self._past_only = past_only
        self._empty_text = empty_text
        self._on_change = on_change
        self.button = ft.OutlinedButton(icon=ft.Icons.CALENDAR_MONTH, on_click=self._open)
        self.clear_button = icon_button(ft.Icons.CLEAR, f"Clear {label.lower()}", self._clear)
        self.controls = [self.button, self.clear_button]
        self._paint()

    def set(self, day: date | None) -> None:
        self.value = day
        self._paint()

    def _paint(self) -> None:
        self.button.content = f"{self.label}: {show_day(self.value) if self.value else self._empty_text}"
        self.controls[1].visible = self.value is not None

    def _open(self, _e=None) -> None:
        today = self._today()
        pick_date(
            self.page, self._chosen, today=today, zone=self._zone(), help_text=self._help_text, initial=self.value,
            first=today if self._future_only else None, last=today if self._past_only else None,
        )

    def _chosen(self, day: date) -> None:
        self.set(day)
        self.update()
        if self._on_change:
            self._on_change(day)

    def _clear(self, _e=None) -> None:
        self.set(None)
        self.update()
        if self._on_change:
            self._on_change(None)


def person_zone(services: Services) -> ZoneInfo:
    """The person's time zone (the configured one, else the server's)."""
    return ZoneInfo(services.settings.effective_timezone())


def check_required(field: ft.TextField, check: Callable[[str], object]) -> bool:
    """Show a missing or too-long entry next to its field before anything is sent, so all show at once."""
    try:
        check(field.value or "")
    except UserError as exc:
        field.error = exc.message
        return False
    field.error = None
    return True


def choice_dropdown(label: str, choices: Sequence[str], value: str, *, labels: dict[str, str] | None = None) -> ft.Dropdown:
    """A fixed set of choices (such as a repair's kind), each shown with a readable label."""
    labels = labels or {}
    return ft.Dropdown(
        label=label,
        value=value,
        options=[ft.DropdownOption(key=c, text=labels.get(c, c.replace("_", " ").capitalize())) for c in choices],
        expand=True,
    )


def value_dropdown(values: Sequence[ValueView], *, label: str = "Value it touches (optional)") -> ft.Dropdown:
    """The person's active values, ranked, plus "no particular value"."""
    options = [ft.DropdownOption(key=NO_VALUE, text="No particular value")]
    options += [ft.DropdownOption(key=str(v.id), text=f"{v.rank}. {v.title}" if v.rank else v.title) for v in values]
    return ft.Dropdown(label=label, value=NO_VALUE, options=options, expand=True)


def chosen_value_id(dropdown: ft.Dropdown) -> int | None:
    key = dropdown.value
    return None if key in (None, "", NO_VALUE) else int(key)


def refill_values(dropdown: ft.Dropdown, values: Sequence[ValueView]) -> None:
    """Bring the value list up to date without losing a choice that is still possible."""
    fresh = value_dropdown(values, label=dropdown.label if isinstance(dropdown.label, str) else "Value")
    keep = dropdown.value if any(o.key == dropdown.value for o in fresh.options) else NO_VALUE
    dropdown.options = fresh.options
    dropdown.value = keep
