"""Wiring: the concrete clock, random source, time zone and store behind every edge (CLI, UI, scheduler)."""

from __future__ import annotations

import random

from valuesapp.core.clock import Clock, SystemClock
from valuesapp.services import Services, build_services
from valuesapp.store.engine import open_store
from valuesapp.store.location import chosen_database


def system_timezone() -> str:
    """The machine's IANA zone name (tzlocal knows where each platform keeps it); UTC if none is set."""
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # an unreadable or odd zone setup must not stop the app; UTC is a safe day
        return "UTC"


def open_services(db: str | None = None, *, clock: Clock | None = None, rng: random.Random | None = None) -> Services:
    store = open_store(chosen_database(db))
    return build_services(store, clock=clock or SystemClock(), rng=rng or random.Random(), system_timezone=system_timezone())
