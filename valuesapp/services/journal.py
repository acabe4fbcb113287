"""Reflections: what happened with the day's value, and how well it was lived (1-5)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import column
from sqlalchemy import text as sql_text
from sqlmodel import Session, col, func, select

from valuesapp.core.errors import NotFound, UserError
from valuesapp.core.limits import NOTE_MAX, check_range, check_rating, clean_text
from valuesapp.services.context import Context
from valuesapp.services.lookups import check_value_ref, titles_by_id
from valuesapp.services.practice import PracticeService
from valuesapp.services.views import ReflectionView
from valuesapp.store.tables import DailyPick, Reflection

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
            raise UserError(f"{day.isoformat()} is in the future; reflect on today or a past day.")
        if value_id is None:
            pick = self.practice.ensure_pick(day) if day == today else None
            if pick is None:
                with self.ctx.store.session() as session:
                    pick = session.exec(select(DailyPick).where(DailyPick.day == day)).first()
            value_id = pick.value_id if pick else None
        with self.ctx.store.session() as session:
            check_value_ref(session, value_id)
            now = self.ctx.now()
            row = Reflection(day=day, value_id=value_id, text=text, rating=rating, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            return self._views(session, [row])[0]

    def edit(self, reflection_id: int, *, text: str | None = None, rating: int | None | object = _UNSET) -> ReflectionView:
        with self.ctx.store.session() as session:
            row = self._get(session, reflection_id)
            if text is not None:
                row.text = clean_text(text, field="reflection", max_len=NOTE_MAX, required=True)
            if rating is not _UNSET:
                row.rating = check_rating(rating)
            row.updated_at = self.ctx.now()
            session.add(row)
            session.flush()
            return self._views(session, [row])[0]

    def delete(self, reflection_id: int) -> ReflectionView:
        """Remove a reflection; the returned view has all it held, so the UI can offer to undo."""
        with self.ctx.store.session() as session:
            row = self._get(session, reflection_id)
            view = self._views(session, [row])[0]
            session.delete(row)
            return view

    def restore(self, view: ReflectionView) -> ReflectionView:
        """Undo a delete: put the reflection back exactly, under its old id."""
        with self.ctx.store.session() as session:
            if session.get(Reflection, view.id) is not None:
                raise UserError(f"Reflection {view.id} is still here; nothing to undo.")
            check_value_ref(session, view.value_id)
            row = Reflection(
                id=view.id, day=view.day, value_id=view.value_id, text=view.text, rating=view.rating,
                created_at=view.created_at, updated_at=view.updated_at,
            )
            session.add(row)
            session.flush()
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
        query = select(Reflection)
        if value_id is not None:
            query = query.where(Reflection.value_id == value_id)
        if since is not None:
            query = query.where(col(Reflection.day) >= since)
        if until is not None:
            query = query.where(col(Reflection.day) <= until)
        query = query.order_by(col(Reflection.day).desc(), col(Reflection.id).desc())
        if not search:
            query = query.offset(offset)
            if limit is not None:
                query = query.limit(limit)
        with self.ctx.store.session() as session:
            if value_id is not None:
                check_value_ref(session, value_id)
            if not search:
                return self._views(session, list(session.exec(query)))
            # Matched in Python, not with SQL lower() ... LIKE: SQLite folds ASCII letters only, so
            # "ärger" would never find "Ärger"; here % and _ are plain characters too.
            needle = search.lower()
            if len(needle) >= 3 and _has_search_index(session):
                # SQLite's trigram index finds the candidates (case-insensitively, any three characters
                # or more); each is still checked here, so results are exactly the Python rule's.
                query = query.where(col(Reflection.id).in_(_SEARCH_CANDIDATES.bindparams(phrase=_fts_phrase(needle))))
                wanted = None if limit is None else offset + limit
                rows = []
                for row in session.exec(query.execution_options(yield_per=100)):
                    if needle in row.text.lower():
                        rows.append(row)
                        if wanted is not None and len(rows) >= wanted:
                            break
            else:
                rows = [r for r in session.exec(query) if needle in r.text.lower()]
            rows = rows[offset:] if limit is None else rows[offset:offset + limit]
            return self._views(session, rows)

    def on_day(self, day: date) -> list[ReflectionView]:
        return self.list(since=day, until=day)

    def reflected_days(self, since: date, until: date) -> dict[date, float | None]:
        """Each reflected day in the range with its average rating (None when no rating was given)."""
        with self.ctx.store.session() as session:
            rows = session.exec(
                select(Reflection.day, func.avg(Reflection.rating))
                .where(col(Reflection.day) >= since, col(Reflection.day) <= until)
                .group_by(Reflection.day)
            )
            return {day: (float(avg) if avg is not None else None) for day, avg in rows}

    def _get(self, session: Session, reflection_id: int) -> Reflection:
        row = session.get(Reflection, reflection_id)
        if row is None:
            raise NotFound("reflection", reflection_id)
        return row

    def _views(self, session: Session, rows: list[Reflection]) -> list[ReflectionView]:
        titles = titles_by_id(session, (r.value_id for r in rows))
        return [ReflectionView.of(r, value_title=titles.get(r.value_id)) for r in rows]


# The FTS5 table that migration 0004 adds on SQLite (PostgreSQL has none: its search reads every row).
_SEARCH_CANDIDATES = sql_text("SELECT rowid FROM reflection_search WHERE reflection_search MATCH :phrase").columns(
    column("rowid")
)


def _fts_phrase(needle: str) -> str:
    """The needle as one FTS5 phrase: with the trigram tokenizer, a substring match."""
    return '"' + needle.replace('"', '""') + '"'


def _has_search_index(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.exec(sql_text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reflection_search'"))
    return found.first() is not None
