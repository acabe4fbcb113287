"""What every service shares: the store, the clock, the random source, and what "today" means."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from valuesapp.core import settings as settings_rules
from valuesapp.core.clock import Clock, practice_day
from valuesapp.store import settings as stored_settings
from valuesapp.store.engine import Store


@dataclass
class Context:
    store: Store
    clock: Clock
    rng: random.Random
    system_timezone: str = "UTC"
    listeners: list[Callable[[str], None]] = field(default_factory=list)

    def notify(self, topic: str) -> None:
        """Tell the edges something changed (the scheduler reschedules when the settings do)."""
        for listener in list(self.listeners):
            listener(topic)

    def now(self) -> datetime:
        return self.clock.now()

    def settings(self, session: Session | None = None) -> settings_rules.Settings:
        if session is None:
            with self.store.session() as own:
                return self.settings(own)
        return settings_rules.from_stored(stored_settings.read_all(session=session))

    def timezone(self, current: settings_rules.Settings) -> ZoneInfo:
        return ZoneInfo(current.timezone or self.system_timezone)

    def day_of(self, instant: datetime, session: Session | None = None) -> date:
        """The practice day an instant belongs to, by the current day start and zone."""
        current = self.settings(session)
        return practice_day(instant, self.timezone(current), current.day_starts_at)

    def today(self, session: Session | None = None) -> date:
        return self.day_of(self.now(), session)
