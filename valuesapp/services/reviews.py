"""Looking back to change: the weekly review of a practice week, and the values review of the list.

What the reviews say is ``core.reviews``'s; this reads the records they need for their days (picks,
reflections, pauses, repairs, friends' notes), keeps the question a weekly review sets for the next
week, and saves a values review with the person's note and the changes made to the list since the last.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from valuesapp.core import reviews as rules
from valuesapp.core import states
from valuesapp.core.clock import day_start, practice_day
from valuesapp.core.limits import NOTE_MAX, PROMPT_MAX, check_positive_days, clean_text
from valuesapp.core.settings import WEEKDAYS
from valuesapp.services.context import Context
from valuesapp.services.repairs import RepairsService
from valuesapp.services.views import (
    FeedbackView,
    SavedReviewView,
    ValuesReview,
    WeekQuestionView,
    WeekRepairs,
    WeekReview,
)
from valuesapp.store import pauses as stored_pauses
from valuesapp.store import repairs as stored_repairs
from valuesapp.store import reviews as stored
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import Feedback, ValuesReview as SavedReview, WeekQuestion


class ReviewsService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.repairs = RepairsService(ctx)

    # The weekly review

    def week(self, day: date | None = None) -> WeekReview:
        """The practice week ``day`` is in; without a day, the last complete one (on a Sunday: this one)."""
        with self.ctx.store.session() as session:
            current = self.ctx.settings(session)
            tz = self.ctx.timezone(current)
            today = practice_day(self.ctx.now(), tz, current.day_starts_at)
            monday, sunday = rules.week_of(day) if day is not None else rules.last_complete_week(today)
            before = monday - timedelta(days=rules.WEEK * rules.BEFORE_WEEKS)
            values = _value_refs(session)
            shown = [rules.Shown(d, v) for d, v in stored.picks_between(session=session, since=monday, until=sunday)]
            reflected = [rules.Reflected(d, v, r)
                         for d, v, r in stored.reflections_between(session=session, since=before, until=sunday)]
            pauses = [(p.start, p.end) for p in stored_pauses.ending_since(session=session, since=monday)]
            lines = rules.week_lines(monday, values, shown, reflected, pauses)

            def in_week(instant: datetime | None) -> bool:
                return instant is not None and monday <= practice_day(instant, tz, current.day_starts_at) <= sunday

            every = stored_repairs.find(session=session)
            still_owed = [r for r in every if r.state in states.REPAIR_OPEN
                          and practice_day(r.created_at, tz, current.day_starts_at) <= sunday]
            oldest = self.repairs.views(session, still_owed[:1])
            repairs = WeekRepairs(sum(in_week(r.created_at) for r in every), sum(in_week(r.done_at) for r in every),
                                  sum(in_week(r.released_at) for r in every), oldest[0] if oldest else None)
            notes = _feedback_views(session, stored.feedback_received_between(session=session, since=monday, until=sunday))
            next_week = sunday + timedelta(days=1)
            question = stored.question_for(session=session, week_start=next_week)
            return WeekReview(monday, sunday, tuple(rules.days(monday, sunday)),
                              tuple(sorted(rules.paused_days(pauses, monday, sunday))), tuple(lines), repairs,
                              tuple(notes), next_week, question.text if question else None)

    def set_question(self, text: str, *, week_start: date | None = None) -> WeekQuestionView:
        """Set (or reword) the question for a week: by default the one after the last complete week, the
        week a review made now looks ahead to. Every card of that week asks it."""
        text = clean_text(text, field="question", max_len=PROMPT_MAX, required=True).strip()
        with self.ctx.store.session() as session:
            if week_start is None:
                week_start = rules.last_complete_week(self.ctx.today(session))[1] + timedelta(days=1)
            week_start = rules.week_of(week_start)[0]
            now = self.ctx.now()
            row = stored.question_for(session=session, week_start=week_start)
            if row is None:
                row = WeekQuestion(week_start=week_start, text=text, created_at=now, updated_at=now)
            else:
                row.text, row.updated_at = text, now
            return WeekQuestionView.of(save(session=session, row=row))

    def question_on(self, day: date) -> str | None:
        """The question set for the week ``day`` is in, which that day's card asks."""
        with self.ctx.store.session() as session:
            row = stored.question_for(session=session, week_start=rules.week_of(day)[0])
            return row.text if row else None

    # The values review

    def values(self, weeks: int | None = None) -> ValuesReview:
        """The list reviewed over the last ``weeks`` weeks, ending today (default: the setting)."""
        with self.ctx.store.session() as session:
            return self._values(session, weeks)

    def save(self, note: str = "", *, weeks: int | None = None) -> SavedReviewView:
        """Keep the values review as it reads now, with the person's note and the list's changes since the
        last saved review (or, before any, since the period began)."""
        note = clean_text(note, field="note", max_len=NOTE_MAX).strip()
        with self.ctx.store.session() as session:
            review = self._values(session, weeks)
            last = stored.latest_saved(session=session)
            current = self.ctx.settings(session)
            since = last.created_at if last else day_start(review.start, self.ctx.timezone(current), current.day_starts_at)
            changes = [r.summary for r in stored.revisions_since(session=session, since=since)]
            gaps = [{"kind": g.kind, "value_id": g.value_id, "feedback_ids": list(g.feedback_ids), "text": g.text}
                    for g in review.gaps]
            row = SavedReview(day=review.end, period_from=review.start, period_to=review.end, gaps=gaps,
                              changes=changes, note=note, created_at=self.ctx.now())
            return SavedReviewView.of(save(session=session, row=row))

    def saved(self) -> list[SavedReviewView]:
        """Every saved values review, the latest first."""
        with self.ctx.store.session() as session:
            return [SavedReviewView.of(r) for r in stored.saved(session=session)]

    def values_due(self) -> bool:
        """Whether the setting's weeks have passed since the last saved values review (or the first day)."""
        with self.ctx.store.session() as session:
            last = stored.latest_saved(session=session)
            return rules.review_due(self.ctx.today(session), last.day if last else None,
                                    stored.first_pick_day(session=session), self._weeks(session, None))

    def due_today(self) -> bool:
        """Whether Today offers the Review screen: on the weekly review's day, or when a values review is due."""
        today = self.ctx.today()
        return WEEKDAYS[today.weekday()] == self.ctx.settings().review_day or self.values_due()

    def _values(self, session: Session, weeks: int | None) -> ValuesReview:
        weeks = self._weeks(session, weeks)
        start, end = rules.review_period(self.ctx.today(session), weeks)
        values = _value_refs(session)
        shown = [rules.Shown(d, v) for d, v in stored.picks_between(session=session, since=start, until=end)]
        reflected = [rules.Reflected(d, v, r) for d, v, r in stored.reflections_between(session=session, since=start, until=end)]
        open_rows = stored.open_concerns(session=session, kind="concern", except_state=states.ACTED_ON)
        concerns = [rules.Concern(f.id, f.friend, f.note, f.value_id) for f in open_rows]
        lines = rules.list_lines(start, end, values, shown, reflected, concerns)
        gaps = rules.gaps(lines, concerns)
        named = {i for g in gaps for i in g.feedback_ids}
        return ValuesReview(start, end, weeks, tuple(lines), tuple(gaps),
                            tuple(_feedback_views(session, [f for f in open_rows if f.id in named])))

    def _weeks(self, session: Session, weeks: int | None) -> int:
        if weeks is None:
            return self.ctx.settings(session).values_review_weeks
        return check_positive_days(weeks, field="number of weeks", maximum=rules.WEEKS_MAX)


def _value_refs(session: Session) -> list[rules.ValueRef]:
    return [rules.ValueRef(vid, title, rank) for vid, title, rank, _archived in stored_values.summaries(session=session)]


def _feedback_views(session: Session, rows: list[Feedback]) -> list[FeedbackView]:
    titles = stored_values.titles_by_id(session=session, ids=(r.value_id for r in rows))
    repairs = stored_repairs.ids_by_feedback(session=session, feedback_ids=[r.id for r in rows])
    return [FeedbackView.of(r, value_title=titles.get(r.value_id), repair_ids=tuple(repairs[r.id])) for r in rows]
