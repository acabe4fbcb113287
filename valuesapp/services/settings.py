"""Reading and changing the person's settings, each checked by the core's rules before it is saved."""

from __future__ import annotations

from valuesapp.core import settings as rules
from valuesapp.services.context import Context
from valuesapp.services.views import SettingView
from valuesapp.store import settings as stored

DESCRIPTIONS = {
    "pick_strategy": "How the day's value is chosen: rotation, weighted or random.",
    "growth_edge": "With weighted: values with low recent ratings or open concerns come up more often (on/off).",
    "day_starts_at": "The local time a new practice day begins (HH:MM).",
    "timezone": "IANA time zone for the practice day; empty means the system's.",
    "reminder_at": "Morning reminder with the day's value (HH:MM or off).",
    "evening_prompt_at": "Evening prompt to reflect if nothing is logged (HH:MM or off).",
    "theme": "system, light or dark.",
    "display_name": "How friends' feedback pages name you (empty: they name nobody).",
    "review_day": "The day the weekly review is ready, at the evening prompt time (monday to sunday).",
    "values_review_weeks": "How many weeks a values review looks back, and how often one is proposed (1 to 520).",
    "public_url": "Where the hosted app is reached (https://values.example.org): names allowed, links, cookies.",
    "push_hides_words": "Phone notifications say only that a reminder is ready, never its words (on/off).",
}


class SettingsService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def get(self) -> rules.Settings:
        return self.ctx.settings()

    def show(self) -> list[SettingView]:
        current = self.ctx.settings()
        defaults = rules.Settings()
        return [
            SettingView(key, rules.render(getattr(current, key)), rules.render(getattr(defaults, key)), DESCRIPTIONS[key])
            for key in rules.KEYS
        ]

    def data_location(self) -> str:
        """Where the data lives, for people to read (a file, or a database URL with its password hidden):
        shown with the settings, so the screens need not reach the store for it."""
        return self.ctx.store.location

    def effective_timezone(self) -> str:
        return self.ctx.settings().timezone or self.ctx.system_timezone

    def set(self, key: str, raw: str) -> SettingView:
        parsed = rules.parse(key, raw)
        with self.ctx.store.session() as session:
            stored.put(session=session, key=key, value=rules.render(parsed))
        self.ctx.notify("settings")
        return next(view for view in self.show() if view.key == key)
