"""The day's card and the rhythm of the practice: the stored daily pick, pauses, and the streak.

The pick is made once per practice day and stored under a unique day: whichever process asks first
(the scheduler at the boundary, a CLI call, a browser tab) makes it, and every later ask reads it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from valuesapp.core import picking, prompts
from valuesapp.core.errors import UserError
from valuesapp.core.limits import PAUSE_DAYS_MAX, REASON_MAX, check_range, clean_text
from valuesapp.core.messages import Msg
from valuesapp.core.states import ACTED_ON
from valuesapp.core.streak import streak
from valuesapp.services.context import Context
from valuesapp.services.lookups import found
from valuesapp.services.views import CardValue, PauseView, TodayCard
from valuesapp.store import feedback as stored_feedback
from valuesapp.store import pauses as stored_pauses
from valuesapp.store import picks as stored
from valuesapp.store import reflections as stored_reflections
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import DailyPick, Pause

NO_VALUES_MESSAGE = "You have no active values yet. Add one with: valuesapp values add \"Honesty\""
STREAK_HORIZON_DAYS = 3660
STREAK_FIRST_WINDOW_DAYS = 64


class PracticeService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def today(self) -> date:
        return self.ctx.today()

    def card(self, day: date | None = None) -> TodayCard:
        """Today's card, making today's pick if nobody has yet. A past day shows what was picked then."""
        today = self.ctx.today()
        day = day or today
        if day > today:
            raise UserError.of(Msg.CARD_IN_FUTURE, day=day.isoformat())
        pick = self.ensure_pick(day) if day == today else self._stored_pick(day)
        with self.ctx.store.session() as session:
            pause = stored_pauses.on_day(session=session, day=day)
            if pause is not None and pick is None:
                why = f"Paused ({pause.reason})" if pause.reason else "Paused"
                return TodayCard(day, None, None, f"{why} from {pause.start} to {pause.end}.", None, paused=True,
                                 message="The practice is paused today; no value is picked.")
            if pick is None:
                reason = "No value was picked that day." if day != today else "Nothing to pick from."
                message = NO_VALUES_MESSAGE if not stored_values.list_active(session=session) else None
                return TodayCard(day, None, None, reason, None, message=message)
            value = stored_values.get(session=session, value_id=pick.value_id)
            own = [p.text for p in stored_values.prompts_of(session=session, value_ids=[value.id]).get(value.id, [])]
            return TodayCard(
                date=day,
                value=CardValue(value.id, value.title, value.rank, value.description),
                strategy=pick.strategy,
                reason=pick.reason,
                prompt=prompts.prompt_for(day, value.id, own),
            )

    def ensure_pick(self, day: date) -> DailyPick | None:
        """The stored pick for ``day``, making it now if there is none (and the day is not paused)."""
        for _attempt in range(5):
            existing = self._stored_pick(day)
            if existing is not None:
                return existing
            try:
                with self.ctx.store.session() as session:
                    if stored_pauses.on_day(session=session, day=day) is not None:
                        return None
                    decision = self._decide(session, day)
                    if decision is None:
                        return None
                    return save(session=session, row=DailyPick(
                        day=day,
                        value_id=decision.value_id,
                        strategy=decision.strategy,
                        reason=decision.reason,
                        cycle=decision.cycle,
                        created_at=self.ctx.now(),
                    ))
            except IntegrityError:
                # Another process stored this day's pick first: the store's unique day decides, read theirs.
                continue
            except OperationalError as exc:
                if "locked" not in str(exc).lower():
                    raise
        raise UserError.of(Msg.STORE_BUSY)

    def _stored_pick(self, day: date) -> DailyPick | None:
        with self.ctx.store.session() as session:
            return stored.on_day(session=session, day=day)

    def _decide(self, session: Session, day: date) -> picking.Pick | None:
        current = self.ctx.settings(session)
        values = stored_values.list_active(session=session)
        if not values:
            return None
        ratings, concerns = self._growth_signals(session, day) if current.growth_edge else ({}, {})
        candidates = [
            picking.Candidate(v.id, v.rank, tuple(ratings.get(v.id, ())), concerns.get(v.id, 0)) for v in values
        ]
        previous = stored.latest_before(session=session, day=day)
        return picking.pick(
            day=day,
            strategy=current.pick_strategy,
            candidates=candidates,
            rng=self.ctx.rng,
            focus=self._focus(session),
            previous_value_id=previous.value_id if previous else None,
            rotation=self._rotation_state(session),
            growth_edge=current.growth_edge,
        )

    def _focus(self, session: Session) -> picking.Focus | None:
        pin = stored_values.latest_focus(session=session)
        return picking.Focus(pin.value_id, pin.start, pin.end) if pin else None

    def _rotation_state(self, session: Session) -> picking.RotationState:
        cycle = stored.latest_cycle(session=session, strategy=picking.ROTATION)
        if not cycle:
            return picking.RotationState()
        shown = stored.values_in_cycle(session=session, strategy=picking.ROTATION, cycle=cycle)
        return picking.RotationState(cycle, shown)

    def _growth_signals(self, session: Session, day: date) -> tuple[dict[int, list[int]], dict[int, int]]:
        since = day - timedelta(days=picking.GROWTH_RATING_WINDOW_DAYS)
        ratings: dict[int, list[int]] = defaultdict(list)
        for value_id, rating in stored_reflections.ratings_since(session=session, since=since):
            ratings[value_id].append(rating)
        concerns = stored_feedback.count_per_value(session=session, kind="concern", except_state=ACTED_ON)
        return ratings, concerns

    # Pauses

    def pause(self, start: date, end: date, reason: str = "") -> PauseView:
        check_range(start, end, what="pause")
        if (end - start).days + 1 > PAUSE_DAYS_MAX:
            raise UserError.of(Msg.PAUSE_TOO_LONG, maximum=PAUSE_DAYS_MAX)
        reason = clean_text(reason, field="reason", max_len=REASON_MAX).strip()
        with self.ctx.store.session() as session:
            row = save(session=session, row=Pause(start=start, end=end, reason=reason, created_at=self.ctx.now()))
            return PauseView.of(row)

    def pauses(self) -> list[PauseView]:
        with self.ctx.store.session() as session:
            return [PauseView.of(r) for r in stored_pauses.list_all(session=session)]

    def remove_pause(self, pause_id: int) -> PauseView:
        with self.ctx.store.session() as session:
            row = found(stored_pauses.get(session=session, pause_id=pause_id), "pause", pause_id)
            stored_pauses.delete(session=session, pause=row)
            return PauseView.of(row)

    # Streak

    def streak(self) -> int:
        """Reflected days in a row up to today; paused days keep the streak without adding to it."""
        # Read the recent days first and look further back only while the streak reaches the edge of
        # what was read, so that years of history cost nothing unless the streak is years long.
        with self.ctx.store.session() as session:
            today = self.ctx.today(session)
            window = STREAK_FIRST_WINDOW_DAYS
            while True:
                since = today - timedelta(days=min(window, STREAK_HORIZON_DAYS))
                reflected = stored_reflections.days_since(session=session, since=since)
                spans = [(p.start, p.end) for p in stored_pauses.ending_since(session=session, since=since)]
                beyond = False

                def is_paused(d: date) -> bool:
                    nonlocal beyond
                    beyond = beyond or d < since
                    return any(a <= d <= b for a, b in spans)

                count = streak(today, reflected, is_paused)
                if not beyond or window >= STREAK_HORIZON_DAYS:
                    return count
                window *= 8
