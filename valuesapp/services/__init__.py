"""Use cases: what a person can do, called alike by the Flet views, the CLI and the scheduler.

Every call opens its own short unit of work and returns plain read models (``valuesapp.services.views``),
never live database rows, so callers cannot query behind a service's back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from valuesapp.core.clock import Clock, SystemClock
from valuesapp.services.access import AccessService
from valuesapp.services.backups import BackupsService
from valuesapp.services.drafts import DraftsService
from valuesapp.services.context import Context
from valuesapp.services.exchange import ExchangeService
from valuesapp.services.feedback import FeedbackService
from valuesapp.services.insights import InsightsService
from valuesapp.services.journal import JournalService
from valuesapp.services.links import LinksService
from valuesapp.services.overview import OverviewService
from valuesapp.services.practice import PracticeService
from valuesapp.services.reminders import RemindersService
from valuesapp.services.repairs import RepairsService
from valuesapp.services.settings import SettingsService
from valuesapp.services.values import ValuesService
from valuesapp.store.engine import Store


@dataclass(frozen=True)
class Services:
    context: Context
    values: ValuesService
    practice: PracticeService
    journal: JournalService
    repairs: RepairsService
    feedback: FeedbackService
    settings: SettingsService
    exchange: ExchangeService
    overview: OverviewService
    insights: InsightsService
    reminders: RemindersService
    backups: BackupsService
    drafts: DraftsService
    links: LinksService
    access: AccessService


def build_services(
    store: Store,
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    system_timezone: str = "UTC",
) -> Services:
    ctx = Context(store=store, clock=clock or SystemClock(), rng=rng or random.Random(), system_timezone=system_timezone)
    return Services(
        context=ctx,
        values=ValuesService(ctx),
        practice=PracticeService(ctx),
        journal=JournalService(ctx),
        repairs=RepairsService(ctx),
        feedback=FeedbackService(ctx),
        settings=SettingsService(ctx),
        exchange=ExchangeService(ctx),
        overview=OverviewService(ctx),
        insights=InsightsService(ctx),
        reminders=RemindersService(ctx),
        backups=BackupsService(ctx),
        drafts=DraftsService(ctx),
        links=LinksService(ctx),
        access=AccessService(ctx),
    )
