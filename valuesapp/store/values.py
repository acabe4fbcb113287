"""Reading the ranked list: values, their prompts, the list's history and the focus pin (each written
with ``store.rows.save``).

Which title is free, what a rank means and when a pin is in force are the services' rules; these
functions only read and write what they are told.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from valuesapp.store import tables
from valuesapp.store.tables import DailyPick, Focus, Value, ValuePrompt

if TYPE_CHECKING:
    from valuesapp.store.tables import Revision


def get(*, session: Session, value_id: int) -> Value | None:
    return session.get(Value, value_id)


def list_all(*, session: Session) -> list[Value]:
    return list(session.exec(select(Value)))


def list_active(*, session: Session) -> list[Value]:
    """The active values, by rank."""
    return list(session.exec(select(Value).where(col(Value.archived_at).is_(None)).order_by(col(Value.rank))))


def list_archived(*, session: Session) -> list[Value]:
    """The archived values, the most recently archived first."""
    query = select(Value).where(col(Value.archived_at).is_not(None)).order_by(col(Value.archived_at).desc())
    return list(session.exec(query))


def summaries(*, session: Session) -> list[tuple[int, str, int | None, datetime | None]]:
    """Every value, active or archived, as (id, title, rank, archived_at): what a record of each needs."""
    return list(session.exec(select(Value.id, Value.title, Value.rank, Value.archived_at)))


def active_titles(*, session: Session) -> list[tuple[int, str]]:
    return list(session.exec(select(Value.id, Value.title).where(col(Value.archived_at).is_(None))))


def titles_by_id(*, session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.exec(select(Value.id, Value.title).where(col(Value.id).in_(wanted))).all())


def set_ranks(*, session: Session, ranks: dict[int, int]) -> None:
    """Give each value (by id) its rank; values whose rank is already that are left alone."""
    for row in session.exec(select(Value).where(col(Value.id).in_(list(ranks)))):
        if row.rank != ranks[row.id]:
            row.rank = ranks[row.id]
            session.add(row)
    session.flush()


# Prompts


def get_prompt(*, session: Session, prompt_id: int) -> ValuePrompt | None:
    return session.get(ValuePrompt, prompt_id)


def delete_prompt(*, session: Session, prompt: ValuePrompt) -> None:
    session.delete(prompt)


def prompts_of(*, session: Session, value_ids: Iterable[int]) -> dict[int, list[ValuePrompt]]:
    """Each value's own prompts, in the order they were added (values without any are left out)."""
    wanted = list(value_ids)
    found: dict[int, list[ValuePrompt]] = {}
    if wanted:
        query = select(ValuePrompt).where(col(ValuePrompt.value_id).in_(wanted)).order_by(col(ValuePrompt.id))
        for prompt in session.exec(query):
            found.setdefault(prompt.value_id, []).append(prompt)
    return found


# The history


def revisions(*, session: Session) -> list[Revision]:
    """Every change to the list, oldest first (its table is named when this runs: ``today`` never reads it)."""
    return list(session.exec(select(tables.Revision).order_by(col(tables.Revision.id))))


# The focus pin


def uncleared_focuses(*, session: Session) -> list[Focus]:
    return list(session.exec(select(Focus).where(col(Focus.cleared_at).is_(None))))


def latest_focus(*, session: Session) -> Focus | None:
    """The newest uncleared pin, whatever its days."""
    return session.exec(select(Focus).where(col(Focus.cleared_at).is_(None)).order_by(col(Focus.id).desc())).first()


def latest_focus_until(*, session: Session, day: date) -> Focus | None:
    """The newest uncleared pin whose last day is ``day`` or later."""
    query = select(Focus).where(col(Focus.cleared_at).is_(None), col(Focus.end) >= day).order_by(col(Focus.id).desc())
    return session.exec(query).first()


def picked_on(*, session: Session, day: date) -> int | None:
    """The value picked for ``day``, if one has been."""
    return session.exec(select(DailyPick.value_id).where(DailyPick.day == day)).first()
