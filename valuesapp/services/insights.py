"""Looking back per value: how often it came up, how well it was lived, and everything that touched it.

Counts and averages are computed by the database (GROUP BY), so a journal of years costs a few small
queries, not a walk over every row. Ratings are summed and counted rather than averaged in SQL so that
combining days into weeks or months stays exact (PostgreSQL's avg() is a Decimal, SQLite's a float).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from valuesapp.core.clock import practice_day
from valuesapp.core.errors import UserError
from valuesapp.core.limits import check_range
from valuesapp.core.messages import Msg
from valuesapp.services.context import Context
from valuesapp.services.feedback import FeedbackService
from valuesapp.services.journal import JournalService
from valuesapp.services.lookups import get_value
from valuesapp.services.repairs import RepairsService
from valuesapp.services.views import FeedbackView, RepairView
from valuesapp.store import picks as stored_picks
from valuesapp.store import reflections as stored_reflections
from valuesapp.store import values as stored_values

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class ValueStats:
    """One value's record: picks are the days it was the day's value; ratings count only rated reflections."""

    value_id: int
    title: str
    rank: int | None
    archived: bool
    times_picked: int
    reflections: int
    rated: int
    average_rating: float | None
    first_reflected: date | None
    last_reflected: date | None


@dataclass(frozen=True)
class RatingPoint:
    """The average rating over one period (a day, a week from Monday, or a calendar month)."""

    start: date
    average: float
    count: int


@dataclass(frozen=True)
class TimelineEntry:
    """Something that happened with a value on a day: a reflection, a repair's step, or a friend's note."""

    day: date
    kind: str  # "reflection" | "repair" | "feedback"
    ref_id: int
    headline: str
    text: str
    at: datetime  # when it was recorded, to order a day's entries
    rating: int | None = None
    state: str | None = None


class InsightsService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.journal = JournalService(ctx)
        self.repairs = RepairsService(ctx)
        self.feedback = FeedbackService(ctx)

    # Statistics

    def value_stats(self, *, include_archived: bool = True) -> list[ValueStats]:
        """Active values by rank, then archived ones that have any history (picks or reflections) by title."""
        with self.ctx.store.session() as session:
            rows = stored_values.summaries(session=session)
            picks = stored_picks.count_by_value(session=session)
            reflections = stored_reflections.aggregates_by_value(session=session)
        stats = [_stats(row, picks.get(row[0], 0), reflections.get(row[0])) for row in rows]
        active = sorted((s for s in stats if not s.archived), key=lambda s: (s.rank or 0, s.value_id))
        archived = sorted(
            (s for s in stats if s.archived and include_archived and (s.times_picked or s.reflections)),
            key=lambda s: (s.title.lower(), s.value_id),
        )
        return active + archived

    def value_stat(self, value_id: int) -> ValueStats:
        with self.ctx.store.session() as session:
            row = get_value(session, value_id)
            picks = stored_picks.count_by_value(session=session, value_id=value_id)
            reflections = stored_reflections.aggregates_by_value(session=session, value_id=value_id)
        return _stats((row.id, row.title, row.rank, row.archived_at), picks.get(value_id, 0), reflections.get(value_id))

    def rating_trend(
        self, value_id: int, *, since: date | None = None, until: date | None = None, per: str = "week"
    ) -> list[RatingPoint]:
        """Average rating per period, oldest first; periods without a rated reflection are left out."""
        if per not in PERIODS:
            raise UserError.of(Msg.TREND_PER, choices=", ".join(PERIODS), per=per)
        check_range(since, until)
        with self.ctx.store.session() as session:
            get_value(session, value_id)
            per_day = stored_reflections.rating_sums_by_day(
                session=session, value_id=value_id, since=since, until=until
            )
        return _bucket(per_day, per)

    # Timeline

    def timeline(self, value_id: int, *, limit: int | None = 50) -> list[TimelineEntry]:
        """Reflections, repairs (owed, done, released) and friends' notes on a value, newest day first.

        Only the newest ``limit`` reflections are read: no more than that can make the cut.
        """
        reflections = self.journal.list(value_id=value_id, limit=limit)
        entries = [
            TimelineEntry(r.day, "reflection", r.id, "Reflection", r.text, r.created_at, rating=r.rating)
            for r in reflections
        ]
        entries += self._repair_entries(self.repairs.list("all", value_id=value_id))
        entries += _feedback_entries(self.feedback.list("all", value_id=value_id))
        entries.sort(key=lambda e: (e.day, e.at), reverse=True)  # stable: equal instants keep their order
        return entries if limit is None else entries[:limit]

    def _repair_entries(self, repairs: Iterable[RepairView]) -> list[TimelineEntry]:
        current = self.ctx.settings()
        tz = self.ctx.timezone(current)

        def day_of(instant: datetime) -> date:
            return practice_day(instant, tz, current.day_starts_at)

        entries = []
        for r in repairs:
            if r.done_at is not None:
                entries.append(TimelineEntry(day_of(r.done_at), "repair", r.id, f"Repair with {r.person} done",
                                             r.outcome_note or r.what, r.done_at, state=r.state))
            if r.released_at is not None:
                entries.append(TimelineEntry(day_of(r.released_at), "repair", r.id, f"Repair to {r.person} released",
                                             r.release_reason or r.what, r.released_at, state=r.state))
            entries.append(TimelineEntry(day_of(r.created_at), "repair", r.id, f"Repair owed to {r.person} ({r.kind})",
                                         r.what, r.created_at, state=r.state))
        return entries


def _feedback_entries(notes: Iterable[FeedbackView]) -> list[TimelineEntry]:
    return [
        TimelineEntry(f.received_on, "feedback", f.id, f"{f.kind.capitalize()} from {f.friend}", f.note,
                      f.created_at, state=f.state.replace("_", " "))
        for f in notes
    ]


def _stats(value: tuple, picked: int, aggregate: tuple | None) -> ValueStats:
    value_id, title, rank, archived_at = value
    count, rated, total, first, last = aggregate or (0, 0, None, None, None)
    average = round(int(total) / int(rated), 2) if rated else None
    return ValueStats(value_id, title, rank, archived_at is not None, picked, int(count), int(rated), average,
                      _as_date(first), _as_date(last))


def _as_date(value) -> date | None:
    # SQLite hands min()/max() of a date column back as text; PostgreSQL as a date.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def period_start(day: date, per: str) -> date:
    if per == "week":
        return day - timedelta(days=day.weekday())
    if per == "month":
        return day.replace(day=1)
    return day


def _bucket(per_day: Iterable[tuple[date, int, int]], per: str) -> list[RatingPoint]:
    totals: dict[date, list[int]] = {}
    for day, total, count in per_day:
        bucket = totals.setdefault(period_start(_as_date(day), per), [0, 0])
        bucket[0] += total
        bucket[1] += count
    return [RatingPoint(start, round(total / count, 2), count) for start, (total, count) in sorted(totals.items())]
