"""Finding saved values reviews and the weeks' questions (a row is written with ``store.rows.save``),
and the few records a review reads for a span of days. What a review says is ``core.reviews``'s."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, func, select

from valuesapp.store.tables import DailyPick, Feedback, Reflection, Revision, ValuesReview, WeekQuestion


def saved(*, session: Session) -> list[ValuesReview]:
    """Every saved values review, the latest first."""
    return list(session.exec(select(ValuesReview).order_by(col(ValuesReview.day).desc(), col(ValuesReview.id).desc())))


def latest_saved(*, session: Session) -> ValuesReview | None:
    return session.exec(select(ValuesReview).order_by(col(ValuesReview.created_at).desc(),
                                                      col(ValuesReview.id).desc())).first()


def question_for(*, session: Session, week_start: date) -> WeekQuestion | None:
    return session.exec(select(WeekQuestion).where(WeekQuestion.week_start == week_start)).first()


def picks_between(*, session: Session, since: date, until: date) -> list[tuple[date, int]]:
    """Each day's value from ``since`` to ``until``, as (day, value id)."""
    query = select(DailyPick.day, DailyPick.value_id).where(col(DailyPick.day) >= since, col(DailyPick.day) <= until)
    return [(day, vid) for day, vid in session.exec(query)]


def reflections_between(*, session: Session, since: date, until: date) -> list[tuple[date, int | None, int | None]]:
    """Each reflection from ``since`` to ``until``, as (day, value id, rating): its words are not needed."""
    query = select(Reflection.day, Reflection.value_id, Reflection.rating).where(
        col(Reflection.day) >= since, col(Reflection.day) <= until)
    return [(day, vid, rating) for day, vid, rating in session.exec(query)]


def feedback_received_between(*, session: Session, since: date, until: date) -> list[Feedback]:
    query = select(Feedback).where(col(Feedback.received_on) >= since, col(Feedback.received_on) <= until)
    return list(session.exec(query.order_by(col(Feedback.received_on), col(Feedback.id))))


def open_concerns(*, session: Session, kind: str, except_state: str) -> list[Feedback]:
    """Friends' notes of ``kind`` not yet in ``except_state`` (acted on), the oldest first."""
    query = select(Feedback).where(Feedback.kind == kind, Feedback.state != except_state)
    return list(session.exec(query.order_by(col(Feedback.received_on), col(Feedback.id))))


def revisions_since(*, session: Session, since: datetime | None) -> list[Revision]:
    """The list's revisions after ``since`` (all, if None), the oldest first."""
    query = select(Revision)
    if since is not None:
        query = query.where(col(Revision.at) > since)
    return list(session.exec(query.order_by(col(Revision.at), col(Revision.id))))


def first_pick_day(*, session: Session) -> date | None:
    """The first day the practice picked a value: when it began."""
    return session.exec(select(func.min(DailyPick.day))).first()
