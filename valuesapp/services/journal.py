"""Reflections: what happened with the day's value, and how well it was lived (1-5)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from valuesapp.core.errors import UserError
from valuesapp.core.limits import NOTE_MAX, check_range, check_rating, clean_text
from valuesapp.core.messages import Msg
from valuesapp.services.context import Context
from valuesapp.services.lookups import check_value_ref, found
from valuesapp.services.practice import PracticeService
from valuesapp.services.views import ReflectionView
from valuesapp.store import picks as stored_picks
from valuesapp.store import reflections as stored
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import Reflection

_UNSET = object()


class JournalService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.practice = PracticeService(ctx)

    def reflect(
        self, text: str, *, rating: int | None = None, day: date | None = None, value_id: int | None = None
    ) -> ReflectionView:
        """Log a reflection for today (or a past day), on that day's value unless another is named."""
        text = clean_text(text, field="reflection", max_len=NOTE_MAX, required=True)
        rating = check_rating(rating)
        today = self.ctx.today()
        day = day or today
        if day > today:
            raise UserError.of(Msg.REFLECTION_IN_FUTURE, day=day.isoformat())
        if value_id is None:
            pick = self.practice.ensure_pick(day) if day == today else None
            if pick is None:
                with self.ctx.store.session() as session:
                    pick = stored_picks.on_day(session=session, day=day)
            value_id = pick.value_id if pick else None
        with self.ctx.store.session() as session:
            check_value_ref(session, value_id)
            now = self.ctx.now()
            row = save(session=session, row=Reflection(
                day=day, value_id=value_id, text=text, rating=rating, created_at=now, updated_at=now
            ))
            return self._views(session, [row])[0]

    def edit(self, reflection_id: int, *, text: str | None = None, rating: int | None | object = _UNSET) -> ReflectionView:
        with self.ctx.store.session() as session:
            row = self._get(session, reflection_id)
            if text is not None:
                row.text = clean_text(text, field="reflection", max_len=NOTE_MAX, required=True)
            if rating is not _UNSET:
                row.rating = check_rating(rating)
            row.updated_at = self.ctx.now()
            save(session=session, row=row)
            return self._views(session, [row])[0]

    def delete(self, reflection_id: int) -> ReflectionView:
        """Remove a reflection; the returned view has all it held, so the UI can offer to undo."""
        with self.ctx.store.session() as session:
            row = self._get(session, reflection_id)
            view = self._views(session, [row])[0]
            stored.delete(session=session, reflection=row)
            return view

    def restore(self, view: ReflectionView) -> ReflectionView:
        """Undo a delete: put the reflection back exactly, under its old id."""
        with self.ctx.store.session() as session:
            if stored.get(session=session, reflection_id=view.id) is not None:
                raise UserError.of(Msg.REFLECTION_STILL_HERE, reflection_id=view.id)
            check_value_ref(session, view.value_id)
            row = save(session=session, row=Reflection(
                id=view.id, day=view.day, value_id=view.value_id, text=view.text, rating=view.rating,
                created_at=view.created_at, updated_at=view.updated_at,
            ))
            return self._views(session, [row])[0]

    def get(self, reflection_id: int) -> ReflectionView:
        with self.ctx.store.session() as session:
            return self._views(session, [self._get(session, reflection_id)])[0]

    def list(
        self,
        *,
        value_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ReflectionView]:
        """Newest first. ``search`` matches text anywhere, ignoring case."""
        check_range(since, until)
        where = dict(value_id=value_id, since=since, until=until, limit=limit, offset=offset)
        with self.ctx.store.session() as session:
            if value_id is not None:
                check_value_ref(session, value_id)
            if not search:
                return self._views(session, stored.find(session=session, **where))
            return self._views(session, stored.search(session=session, needle=search.lower(), **where))

    def on_day(self, day: date) -> list[ReflectionView]:
        return self.list(since=day, until=day)

    def reflected_days(self, since: date, until: date) -> dict[date, float | None]:
        """Each reflected day in the range with its average rating (None when no rating was given)."""
        with self.ctx.store.session() as session:
            return stored.average_by_day(session=session, since=since, until=until)

    def first_day(self, *, not_before: date) -> date | None:
        """The day reflecting began, as far as a calendar starting at ``not_before`` needs it: that day when
        the first reflection is later, ``not_before`` itself when there are earlier ones, None with none."""
        with self.ctx.store.session() as session:
            if stored.find(session=session, until=not_before - timedelta(days=1), limit=1):
                return not_before
            return min(stored.days_since(session=session, since=not_before), default=None)

    def _get(self, session: Session, reflection_id: int) -> Reflection:
        return found(stored.get(session=session, reflection_id=reflection_id), "reflection", reflection_id)

    def _views(self, session: Session, rows: list[Reflection]) -> list[ReflectionView]:
        titles = stored_values.titles_by_id(session=session, ids=(r.value_id for r in rows))
        return [ReflectionView.of(r, value_title=titles.get(r.value_id)) for r in rows]

