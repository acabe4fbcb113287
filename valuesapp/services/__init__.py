"""Use cases: what a person can do, called alike by the Flet views, the CLI and the scheduler.

Every call opens its own short unit of work and returns plain read models (``valuesapp.services.views``),
never live database rows, so callers cannot query behind a service's back.

Each service is built (and its module imported) the first time it is asked for: a CLI command that
only lists reflections does not pay for loading the export's validation models.
"""

from __future__ import annotations

import random
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING

from valuesapp.core.clock import Clock, SystemClock
from valuesapp.services.context import Context
from valuesapp.store.engine import Store

if TYPE_CHECKING:
    from valuesapp.services.access import AccessService
    from valuesapp.services.backups import BackupsService
    from valuesapp.services.day_turn import DayTurnService
    from valuesapp.services.drafts import DraftsService
    from valuesapp.services.exchange import ExchangeService
    from valuesapp.services.feedback import FeedbackService
    from valuesapp.services.insights import InsightsService
    from valuesapp.services.journal import JournalService
    from valuesapp.services.links import LinksService
    from valuesapp.services.overview import OverviewService
    from valuesapp.services.practice import PracticeService
    from valuesapp.services.push import PushService
    from valuesapp.services.reminders import RemindersService
    from valuesapp.services.repairs import RepairsService
    from valuesapp.services.reviews import ReviewsService
    from valuesapp.services.settings import SettingsService
    from valuesapp.services.values import ValuesService


def _service(module: str, name: str) -> cached_property:
    def build(self: Services):
        return getattr(import_module(f"valuesapp.services.{module}"), name)(self.context)

    build.__name__ = module
    return cached_property(build)


class Services:
    """Every service on one context (store, clock, random source, zone)."""

    def __init__(self, context: Context):
        self.context = context

    values: ValuesService = _service("values", "ValuesService")
    practice: PracticeService = _service("practice", "PracticeService")
    journal: JournalService = _service("journal", "JournalService")
    repairs: RepairsService = _service("repairs", "RepairsService")
    feedback: FeedbackService = _service("feedback", "FeedbackService")
    settings: SettingsService = _service("settings", "SettingsService")
    exchange: ExchangeService = _service("exchange", "ExchangeService")
    overview: OverviewService = _service("overview", "OverviewService")
    insights: InsightsService = _service("insights", "InsightsService")
    reminders: RemindersService = _service("reminders", "RemindersService")
    day_turn: DayTurnService = _service("day_turn", "DayTurnService")
    backups: BackupsService = _service("backups", "BackupsService")
    drafts: DraftsService = _service("drafts", "DraftsService")
    links: LinksService = _service("links", "LinksService")
    access: AccessService = _service("access", "AccessService")
    reviews: ReviewsService = _service("reviews", "ReviewsService")
    push: PushService = _service("push", "PushService")


def build_services(
    store: Store,
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    system_timezone: str = "UTC",
) -> Services:
    ctx = Context(store=store, clock=clock or SystemClock(), rng=rng or random.Random(), system_timezone=system_timezone)
    return Services(ctx)
