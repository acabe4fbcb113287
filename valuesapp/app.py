"""Wiring: the concrete clock, random source, time zone and store behind every edge (CLI, UI, scheduler)."""

from __future__ import annotations

import random

from valuesapp.core.clock import Clock, SystemClock
from valuesapp.core.errors import UserError
from valuesapp.services import Services, build_services
from valuesapp.store.backup import backups_beside, check_file, damage
from valuesapp.store.engine import open_store
from valuesapp.store.location import chosen_database
from valuesapp.store.urls import sqlite_file


def system_timezone() -> str:
    """The machine's IANA zone name (tzlocal knows where each platform keeps it); UTC if none is set."""
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # an unreadable or odd zone setup must not stop the app; UTC is a safe day
        return "UTC"


def open_services(
    db: str | None = None, *, clock: Clock | None = None, rng: random.Random | None = None, check: bool = True
) -> Services:
    """The services on the chosen store, checked and migrated. ``check=False`` opens a store as it is,
    damaged or old, for the one thing that may touch it then: restoring a backup over it."""
    target = chosen_database(db)
    if check:
        refuse_damaged(target)
    store = open_store(target, migrate=check)
    return build_services(store, clock=clock or SystemClock(), rng=rng or random.Random(), system_timezone=system_timezone())


def refuse_damaged(target: str) -> None:
    """A damaged store is never opened for writing (nor migrated): say what is wrong and what to do."""
    path = sqlite_file(target)  # sqlite:///PATH is checked as much as PATH is
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    problem = damage(path)
    if problem is None:
        return
    good = next((b for b in backups_beside(path) if check_file(b.path).ok), None)
    advice = (
        f"The newest good backup is from {_when(good)}: restore it with: valuesapp restore {good.path}"
        if good else "No good backup was found beside it; keep the file and ask for help before changing it."
    )
    raise UserError(f"The store at {path} is damaged ({problem}); nothing was changed. {advice}")


def _when(found) -> str:
    return found.taken_at.strftime("%Y-%m-%d %H:%M UTC")
