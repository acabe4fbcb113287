"""Finding, searching and summing reflections (a reflection is written with ``store.rows.save``).

Sums and counts are the database's (GROUP BY), so years of journal cost a few small queries. The search
matches a needle anywhere in the text, ignoring case, by Python's rule; on SQLite the FTS5 trigram table
that migration 0004 adds finds the candidates first (PostgreSQL has none: its search reads every row).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import column
from sqlalchemy import text as sql_text
from sqlmodel import Session, col, func, select

from valuesapp.store.tables import Reflection


def get(*, session: Session, reflection_id: int) -> Reflection | None:
    return session.get(Reflection, reflection_id)


def delete(*, session: Session, reflection: Reflection) -> None:
    session.delete(reflection)


def _query(value_id: int | None, since: date | None, until: date | None):
    query = select(Reflection)
    if value_id is not None:
        query = query.where(Reflection.value_id == value_id)
    if since is not None:
        query = query.where(col(Reflection.day) >= since)
    if until is not None:
        query = query.where(col(Reflection.day) <= until)
    return query.order_by(col(Reflection.day).desc(), col(Reflection.id).desc())


def find(
    *,
    session: Session,
    value_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Reflection]:
    """Reflections on ``value_id`` (any, if None) between ``since`` and ``until`` (both days included),
    the newest day first; ``offset`` and ``limit`` page through them."""
    query = _query(value_id, since, until).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def search(
    *,
    session: Session,
    needle: str,
    value_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Reflection]:
    """As ``find``, only those whose text holds ``needle`` (already lower-cased) anywhere, ignoring case."""
    # Matched in Python, not with SQL lower() ... LIKE: SQLite folds ASCII letters only, so
    # "ärger" would never find "Ärger"; here % and _ are plain characters too.
    query = _query(value_id, since, until)
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
    return rows[offset:] if limit is None else rows[offset:offset + limit]


def average_by_day(*, session: Session, since: date, until: date) -> dict[date, float | None]:
    """Each reflected day in the range with its average rating (None when no rating was given)."""
    rows = session.exec(
        select(Reflection.day, func.avg(Reflection.rating))
        .where(col(Reflection.day) >= since, col(Reflection.day) <= until)
        .group_by(Reflection.day)
    )
    return {day: (float(avg) if avg is not None else None) for day, avg in rows}


def rating_sums_by_day(
    *, session: Session, value_id: int, since: date | None = None, until: date | None = None
) -> list[tuple[date, int, int]]:
    """Per rated day of a value: (day, sum of its ratings, how many ratings)."""
    query = (
        select(Reflection.day, func.sum(Reflection.rating), func.count(Reflection.rating))
        .where(Reflection.value_id == value_id, col(Reflection.rating).is_not(None))
        .group_by(Reflection.day)
    )
    if since is not None:
        query = query.where(col(Reflection.day) >= since)
    if until is not None:
        query = query.where(col(Reflection.day) <= until)
    return [(day, int(total), int(count)) for day, total, count in session.exec(query)]


def aggregates_by_value(*, session: Session, value_id: int | None = None) -> dict[int, tuple]:
    """Per value (only ``value_id``, if given): (reflections, rated ones, sum of ratings, first day, last day)."""
    query = (
        select(
            Reflection.value_id, func.count(), func.count(Reflection.rating), func.sum(Reflection.rating),
            func.min(Reflection.day), func.max(Reflection.day),
        )
        .where(col(Reflection.value_id).is_not(None))
        .group_by(Reflection.value_id)
    )
    if value_id is not None:
        query = query.where(Reflection.value_id == value_id)
    return {row[0]: tuple(row[1:]) for row in session.exec(query)}


def ratings_since(*, session: Session, since: date) -> list[tuple[int, int]]:
    """(value, rating) of every rated reflection on a value from ``since`` on."""
    query = select(Reflection.value_id, Reflection.rating).where(
        col(Reflection.day) >= since, col(Reflection.rating).is_not(None), col(Reflection.value_id).is_not(None)
    )
    return list(session.exec(query))


def days_since(*, session: Session, since: date) -> set[date]:
    """The days from ``since`` on with at least one reflection."""
    return set(session.exec(select(Reflection.day).where(col(Reflection.day) >= since).distinct()))


# The FTS5 table that migration 0004 adds on SQLite.
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
