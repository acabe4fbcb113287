"""Settings: how the day's value is picked, when a practice day starts, reminders, theme, pauses and your data.

Every change goes through the settings service, which checks it with the same rules as the CLI; a
rejected value keeps what the person typed and shows the service's one-line reason under the field.
Text fields save when the person presses Enter or leaves the field, so there is no form to forget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import available_timezones

import flet as ft

from valuesapp.core.settings import LABELS, STRATEGY_LABELS
from valuesapp.services.views import SettingView
from valuesapp.ui.settings_backups import BackupPanel
from valuesapp.ui.settings_data import DataPanel
from valuesapp.ui.settings_pauses import PausesPanel
from valuesapp.ui.settings_push import PushDevicesPanel
from valuesapp.ui.shared import Shared, screen_column, section_title, tagged
from valuesapp.ui.shared import saved as saved_words  # "saved" names the setting just stored, below

STRATEGIES = (
    ("rotation", STRATEGY_LABELS["rotation"], "Every value comes up once, in random order, before any comes up again."),
    ("weighted", STRATEGY_LABELS["weighted"], "Random, but values ranked higher come up more often."),
    ("random", STRATEGY_LABELS["random"], "Any value, each as likely as the others, every day."),
)
THEMES = (("system", "System"), ("light", "Light"), ("dark", "Dark"))
TIMEZONE_MATCHES_SHOWN = 40


def card(identifier: str, *parts: ft.Control) -> ft.Control:
    return tagged(identifier, ft.Card(ft.Container(ft.Column(list(parts), spacing=10), padding=16)))


def muted(text: str, **kwargs) -> ft.Text:
    return ft.Text(text, size=13, color=ft.Colors.ON_SURFACE_VARIANT, **kwargs)


class SettingField:
    """A text setting that saves itself on Enter or when left, and only when its text changed; labelled
    as the settings' refusals name it."""

    def __init__(self, shared: Shared, key: str, *, hint: str, helper: str, width: int = 220,
                 on_saved: Callable[[SettingView], None] | None = None, empty_text: str = "the system's"):
        self.shared = shared
        self.empty_text = empty_text
        self.key = key
        self.label = label = LABELS[key]
        self.stored = ""
        self.on_saved = on_saved
        self.field = ft.TextField(label=label, hint_text=hint, helper=helper, width=width, dense=True,
                                  error_max_lines=4, helper_max_lines=2, on_submit=self.save, on_blur=self.save)

    def show(self, stored: str) -> None:
        """Show the stored value; text that was rejected stays, with its reason, until it is corrected
        (the screen is redrawn after every change anywhere, and that must not wipe what was typed)."""
        self.stored = stored
        if not self.field.error:
            self.field.value = stored

    def save(self, _e=None) -> None:
        typed = (self.field.value or "").strip()
        if typed == self.stored and not self.field.error:
            return
        saved = self.shared.attempt(self.shared.services.settings.set, self.key, typed, field=self.field)
        if saved is None:
            return
        self.field.error = None
        self.show(saved.value)
        if self.on_saved:
            self.on_saved(saved)
        self.shared.toast(saved_words(self.label, saved.value or self.empty_text))
        self.shared.changed()
        self.shared.page.update()


class SettingsScreen:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.services = shared.services
        self.strategy = ft.RadioGroup(content=ft.Column(self._strategy_options(), spacing=2),
                                      on_change=self.choose_strategy)
        self.growth = ft.Switch(label=LABELS["growth_edge"], on_change=self.toggle_growth)
        self.growth_note = muted("")
        self.day_start = SettingField(shared, "day_starts_at", hint="04:00",
                                      helper="HH:MM, local time", on_saved=self._times_saved)
        self.timezone = SettingField(shared, "timezone", hint="Europe/Berlin", helper="",
                                     width=240, on_saved=self._times_saved)
        self.reminder = SettingField(shared, "reminder_at", hint="08:00",
                                     helper="HH:MM, or off", on_saved=self._times_saved)
        self.evening = SettingField(shared, "evening_prompt_at", hint="21:00",
                                    helper="HH:MM, or off", on_saved=self._times_saved)
        # Radios rather than a segmented button: three equal segments do not fit a 360 px phone.
        self.theme = ft.RadioGroup(
            content=ft.Row([ft.Radio(value=key, label=label) for key, label in THEMES], wrap=True, spacing=8),
            on_change=self.choose_theme,
        )
        # How friends' feedback pages name the owner (feedback's part of this screen).
        self.display_name = SettingField(shared, "display_name", hint="Robin", width=320,
                                         helper="Friends' feedback pages name you so; empty: they name nobody",
                                         empty_text="none")
        self.pauses = PausesPanel(shared)
        self.push = PushDevicesPanel(shared)  # reminders on your devices (push-page)
        self.backups = BackupPanel(shared)
        self.data = DataPanel(shared, on_imported=self._after_import, reveal=self._reveal_end)
        self.schedule = ft.Column(spacing=2)
        self.control = screen_column([
            self._pick_card(), self._day_card(), self._reminder_card(), self.push.control, self._theme_card(),
            card("settings-name", section_title("On friends' pages"), self.display_name.field),
            self.pauses.control, self.backups.control, self.data.control,
        ])
        self.control.horizontal_alignment = ft.CrossAxisAlignment.STRETCH  # cards as wide as the screen

    def refresh(self) -> None:
        stored = {view.key: view.value for view in self.services.settings.show()}
        for setting in (self.day_start, self.timezone, self.reminder, self.evening):
            setting.show(stored[setting.key])
        self.display_name.show(stored["display_name"])
        self._show_timezone_help()
        self._show_schedule()
        self._sync_choices()

    def _times_saved(self, _saved: SettingView) -> None:
        self._show_timezone_help()
        self._show_schedule()

    def _sync_choices(self) -> None:
        """Choices read back from the store: the top bar's Theme menu may have changed the theme meanwhile."""
        current = self.services.settings.get()
        self.strategy.value = current.pick_strategy
        self.growth.value = current.growth_edge
        self._show_growth_note(current.pick_strategy)
        self.theme.value = current.theme
        self.pauses.refresh()
        self.push.refresh()
        self.backups.refresh()
        self.data.refresh()

    # The daily pick

    def _strategy_options(self) -> list[ft.Control]:
        return [
            ft.Column([ft.Radio(value=key, label=label),
                       ft.Container(muted(why), padding=ft.Padding.only(left=48, bottom=4))], spacing=0)
            for key, label, why in STRATEGIES
        ]

    def _pick_card(self) -> ft.Control:
        return card(
            "settings-pick",
            section_title(LABELS["pick_strategy"]),
            self.strategy,
            ft.Divider(height=1),
            self.growth,
            muted("Values with low recent ratings, or open concerns from friends, come up more often."),
            self.growth_note,
        )

    def _show_growth_note(self, strategy: str) -> None:
        if strategy == "weighted":
            self.growth_note.value = "Weighted is chosen, so this applies."
            self.growth_note.color = ft.Colors.ON_SURFACE_VARIANT
        else:
            label = dict((key, label) for key, label, _ in STRATEGIES).get(strategy, strategy)
            self.growth_note.value = f"Only used with Weighted; with {label} it has no effect."
            self.growth_note.color = ft.Colors.TERTIARY

    def choose_strategy(self, _e=None) -> None:
        chosen = self.strategy.value or "rotation"
        if self.shared.attempt(self.services.settings.set, "pick_strategy", chosen) is None:
            self._sync_choices()
            self.shared.page.update()
            return
        self._show_growth_note(chosen)
        label = dict((key, label) for key, label, _ in STRATEGIES)[chosen]
        self.shared.toast(saved_words(LABELS["pick_strategy"], label)
                          + " A value already picked today stays; the next pick uses it.")
        self.shared.changed()
        self.shared.page.update()

    def toggle_growth(self, _e=None) -> None:
        raw = "on" if self.growth.value else "off"
        if self.shared.attempt(self.services.settings.set, "growth_edge", raw) is None:
            return
        self.shared.toast(saved_words(LABELS["growth_edge"], raw))
        self.shared.changed()
        self.shared.page.update()

    # The practice day

    def _day_card(self) -> ft.Control:
        choose = ft.TextButton("Choose", icon=ft.Icons.PUBLIC, tooltip="Choose a time zone from a list",
                               on_click=self.open_timezones)
        return card(
            "settings-day",
            section_title("When a day starts"),
            muted("For people up past midnight: until this hour it still counts as the day before."),
            ft.Row([self.day_start.field, self.timezone.field, ft.Container(choose, padding=ft.Padding.only(top=4))],
                   wrap=True, spacing=16, run_spacing=4, vertical_alignment=ft.CrossAxisAlignment.START),
        )

    def _show_timezone_help(self) -> None:
        system = self.services.context.system_timezone
        if self.timezone.stored:
            self.timezone.field.helper = f"Empty: the system's ({system})"
        else:
            self.timezone.field.helper = f"Empty: the system's, now {self.services.settings.effective_timezone()}"

    def open_timezones(self, _e=None) -> None:
        TimezoneDialog(self.shared, self.timezone.stored, self.pick_timezone).open()

    def pick_timezone(self, name: str) -> None:
        self.timezone.field.value = name
        self.timezone.save()
        self.shared.page.update()

    # Reminders and looks

    def _reminder_card(self) -> ft.Control:
        return card(
            "settings-reminders",
            section_title("Reminders"),
            muted("A morning reminder with the day's value, and an evening prompt if nothing is logged yet."),
            ft.Row([self.reminder.field, self.evening.field], wrap=True, spacing=16, run_spacing=12,
                   vertical_alignment=ft.CrossAxisAlignment.START),
            self.schedule,
        )

    def _show_schedule(self) -> None:
        """What the running scheduler will do next, so a changed time is seen to take effect."""
        schedule = self.shared.schedule
        if schedule is None:
            self.schedule.controls = []
            return
        now = self.services.context.now()
        lines: list[ft.Control] = [ft.Text("Coming up", weight=ft.FontWeight.W_500, size=13)]
        for job in schedule.jobs():
            when = when_label(job.next_fire, now) if job.next_fire else "not planned"
            lines.append(ft.Row([ft.Icon(ft.Icons.SCHEDULE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                                 ft.Text(f"{job.name}: {when}", size=13, expand=True)], spacing=8))
        lines.append(muted(schedule.notification_status))
        self.schedule.controls = lines

    def _theme_card(self) -> ft.Control:
        return card(
            "settings-theme",
            section_title(LABELS["theme"]),
            self.theme,
            muted("The Theme menu in the top bar changes it too."),
        )

    def choose_theme(self, _e=None) -> None:
        from valuesapp.ui.shell import THEME_MODES  # the shell imports this module; import late

        name = self.theme.value or "system"
        if self.shared.attempt(self.services.settings.set, "theme", name) is None:
            return
        self.shared.page.theme_mode = THEME_MODES.get(name, ft.ThemeMode.SYSTEM)
        self.shared.toast(saved_words(LABELS["theme"], dict(THEMES)[name]))
        self.shared.changed()
        self.shared.page.update()

    def _after_import(self) -> None:
        self.refresh()

    async def _reveal_end(self) -> None:
        """Scroll to the bottom, where the import message is; after a frame, so its new height counts."""
        await asyncio.sleep(0.2)
        await self.control.scroll_to(offset=-1, duration=300)


def when_label(moment: datetime, now: datetime) -> str:
    """"today at 21:00", "tomorrow at 08:00" or "Mon 30 Nov at 08:00", on the practice's local calendar."""
    day, today = moment.date(), now.astimezone(moment.tzinfo).date()
    if day == today:
        label = "today"
    elif day == today + timedelta(days=1):
        label = "tomorrow"
    else:
        label = f"{moment:%a %d %b}"
    return f"{label} at {moment:%H:%M}"


def zone_matches(zones: list[str], query: str) -> list[str]:
    """People type "new york" or "berl"; zone names say "America/New_York" and "Europe/Berlin"."""
    needle = query.strip().lower().replace(" ", "_")
    return [zone for zone in zones if needle in zone.lower()]


class TimezoneDialog:
    """A searchable list of the ~600 IANA zones: typing "berl" or "new york" narrows it to a few."""

    def __init__(self, shared: Shared, current: str, on_pick: Callable[[str], None]):
        """``current`` is the stored setting: empty when the system's zone is used."""
        self.shared = shared
        self.on_pick = on_pick
        self.zones = sorted(available_timezones())
        self.system = shared.services.context.system_timezone
        self.search = ft.TextField(label="Search time zones", hint_text="e.g. Berlin, New York", autofocus=True,
                                   prefix_icon=ft.Icons.SEARCH, on_change=lambda _e: self._fill(), dense=True)
        self.results = ft.Column(spacing=0, scroll=ft.ScrollMode.AUTO, height=320)
        self.current = current
        self._fill(update=False)

    def open(self) -> None:
        self.shared.page.show_dialog(ft.AlertDialog(
            title=ft.Text("Time zone"),
            content=ft.Column([self.search, self.results], tight=True, width=420, spacing=8),
            actions=[ft.TextButton("Cancel", on_click=lambda _e: self.shared.page.pop_dialog())],
        ))

    def _fill(self, update: bool = True) -> None:
        query = self.search.value or ""
        found = zone_matches(self.zones, query)
        tiles: list[ft.Control] = []
        if not query.strip():
            tiles.append(self._tile("", f"The system's ({self.system})"))
        tiles += [self._tile(zone, zone.replace("_", " ")) for zone in found[:TIMEZONE_MATCHES_SHOWN]]
        if len(found) > TIMEZONE_MATCHES_SHOWN:
            tiles.append(muted(f"{len(found) - TIMEZONE_MATCHES_SHOWN} more: type more of the name."))
        if not found:
            tiles.append(muted("No time zone matches. Try a city, such as Berlin or New York."))
        self.results.controls = tiles
        if update:
            self.results.update()

    def _tile(self, zone: str, title: str) -> ft.Control:
        chosen = zone == self.current
        return ft.ListTile(
            title=ft.Text(title),
            leading=ft.Icon(ft.Icons.CHECK if chosen else ft.Icons.PUBLIC),
            dense=True,
            on_click=lambda _e, z=zone: self._choose(z),
        )

    def _choose(self, zone: str) -> None:
        self.shared.page.pop_dialog()
        self.on_pick(zone)
