"""The ranked list of values: add, edit, move, reorder, archive ("snip"), restore, and its history.

Every change writes a revision in the same transaction, holding the action with what is needed to
redo it and the ordered titles after it, so the history always replays to the current list.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from valuesapp.core import history, ranking
from valuesapp.core.errors import UserError
from valuesapp.core.limits import (
    NOTE_MAX,
    PROMPT_MAX,
    REASON_MAX,
    check_positive_days,
    clean_text,
    clean_title,
)
from valuesapp.core.messages import Msg
from valuesapp.services.context import Context
from valuesapp.services.lookups import active_order, check_title_free, found, get_value
from valuesapp.services.views import FocusView, PromptView, RevisionView, ValueView
from valuesapp.store import values as stored
from valuesapp.store.rows import save
from valuesapp.store.tables import Focus, Revision, Value, ValuePrompt


def value_view(row: Value, prompts: list[ValuePrompt]) -> ValueView:
    return ValueView.of(row, prompts=tuple(PromptView.of(p) for p in prompts))


class ValuesService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    # Reading

    def list(self, *, include_archived: bool = False) -> list[ValueView]:
        """Active values by rank, then (if asked) archived ones, most recently archived first."""
        with self.ctx.store.session() as session:
            rows = stored.list_active(session=session)
            if include_archived:
                rows += stored.list_archived(session=session)
            return self._views(session, rows)

    def archived(self) -> list[ValueView]:
        return [v for v in self.list(include_archived=True) if v.archived]

    def get(self, value_id: int) -> ValueView:
        with self.ctx.store.session() as session:
            return self._views(session, [get_value(session, value_id)])[0]

    def history(self) -> list[RevisionView]:
        """Every change to the list, oldest first."""
        with self.ctx.store.session() as session:
            return [RevisionView.of(r, titles=tuple(r.titles)) for r in stored.revisions(session=session)]

    def replay_history(self) -> list[int]:
        """The active order that the recorded history leads to (it must equal the current one)."""
        with self.ctx.store.session() as session:
            return history.replay((r.action, r.value_id, r.detail) for r in stored.revisions(session=session))

    # Changing the list

    def add(self, title: str, description: str = "", *, rank: int | None = None) -> ValueView:
        title = clean_title(title)
        description = clean_text(description, field="note", max_len=NOTE_MAX)
        with self.ctx.store.session() as session:
            check_title_free(session, title)
            now = self.ctx.now()
            order = active_order(session)
            row = save(session=session, row=Value(title=title, description=description, created_at=now,
                                                           updated_at=now))
            new_order = ranking.insert(order, row.id, rank)
            self._write_ranks(session, new_order)
            where = f"at rank {rank}" if rank else f"at the end (rank {len(new_order)})"
            self._revise(session, history.ADD, row.id, {"rank": rank}, f"Added {title!r} {where}.")
            return self._views(session, [row])[0]

    def add_many(self, titles_and_notes: list[tuple[str, str]]) -> list[ValueView]:
        """Start from a list (the first-run starter values): all are added, or none."""
        with self.ctx.store.session() as session:
            order = active_order(session)
            added = []
            seen: set[str] = set()
            for title, description in titles_and_notes:
                title = clean_title(title)
                if title.lower() in seen:
                    raise UserError.of(Msg.LIST_REPEATS_TITLE, title=title)
                seen.add(title.lower())
                check_title_free(session, title)
                now = self.ctx.now()
                row = save(session=session, row=Value(
                    title=title, description=clean_text(description, field="note", max_len=NOTE_MAX),
                    created_at=now, updated_at=now,
                ))
                order = ranking.insert(order, row.id)
                self._write_ranks(session, order)
                self._revise(session, history.ADD, row.id, {"rank": None}, f"Added {title!r} at the end (rank {len(order)}).")
                added.append(row)
            return self._views(session, added)

    def edit(self, value_id: int, *, title: str | None = None, description: str | None = None) -> ValueView:
        with self.ctx.store.session() as session:
            row = get_value(session, value_id)
            changes = []
            if title is not None:
                title = clean_title(title)
                if title != row.title:
                    if row.archived_at is None:
                        check_title_free(session, title, except_id=row.id)
                    changes.append(f"renamed {row.title!r} to {title!r}")
                    row.title = title
            if description is not None:
                description = clean_text(description, field="note", max_len=NOTE_MAX)
                if description != row.description:
                    changes.append(f"rewrote the note on {row.title!r}")
                    row.description = description
            if changes:
                row.updated_at = self.ctx.now()
                save(session=session, row=row)
                summary = "Edited: " + " and ".join(changes) + "."
                self._revise(session, history.EDIT, row.id, {}, summary[0].upper() + summary[1:])
            return self._views(session, [row])[0]

    def move(self, value_id: int, to_rank: int) -> list[ValueView]:
        with self.ctx.store.session() as session:
            row = get_value(session, value_id)
            order = active_order(session)
            from_rank = row.rank
            new_order = ranking.move(order, value_id, to_rank)
            if new_order != order:
                self._write_ranks(session, new_order)
                self._revise(
                    session, history.MOVE, value_id, {"to_rank": to_rank},
                    f"Moved {row.title!r} from rank {from_rank} to {to_rank}.",
                )
            return self._views(session, stored.list_active(session=session))

    def reorder(self, value_ids: list[int]) -> list[ValueView]:
        with self.ctx.store.session() as session:
            order = active_order(session)
            new_order = ranking.reorder(order, value_ids)
            if new_order != order:
                self._write_ranks(session, new_order)
                self._revise(session, history.REORDER, None, {"order": new_order}, "Reordered the whole list.")
            return self._views(session, stored.list_active(session=session))

    def archive(self, value_id: int, reason: str) -> ValueView:
        reason = clean_text(reason, field="reason", max_len=REASON_MAX, required=True).strip()
        with self.ctx.store.session() as session:
            row = get_value(session, value_id)
            if row.archived_at is not None:
                raise UserError.of(Msg.ARCHIVED_ALREADY, value_id=value_id, title=row.title)
            new_order = ranking.remove(active_order(session), value_id)
            now = self.ctx.now()
            row.archived_at, row.archive_reason, row.rank, row.updated_at = now, reason, None, now
            save(session=session, row=row)
            self._write_ranks(session, new_order)
            self._revise(session, history.ARCHIVE, value_id, {"reason": reason}, f"Snipped {row.title!r}: {reason}")
            return self._views(session, [row])[0]

    def restore(self, value_id: int, *, rank: int | None = None) -> ValueView:
        with self.ctx.store.session() as session:
            row = get_value(session, value_id)
            if row.archived_at is None:
                raise UserError.of(Msg.NOT_ARCHIVED, value_id=value_id, title=row.title)
            check_title_free(session, row.title, except_id=row.id)
            new_order = ranking.insert(active_order(session), value_id, rank)
            row.archived_at, row.archive_reason, row.updated_at = None, None, self.ctx.now()
            save(session=session, row=row)
            self._write_ranks(session, new_order)
            self._revise(
                session, history.RESTORE, value_id, {"rank": rank},
                f"Restored {row.title!r} at rank {new_order.index(value_id) + 1}.",
            )
            return self._views(session, [row])[0]

    # Prompts of the person's own

    def add_prompt(self, value_id: int, text: str) -> PromptView:
        text = clean_text(text, field="prompt", max_len=PROMPT_MAX, required=True).strip()
        with self.ctx.store.session() as session:
            get_value(session, value_id)
            row = save(session=session, row=ValuePrompt(value_id=value_id, text=text,
                                                                         created_at=self.ctx.now()))
            return PromptView.of(row)

    def remove_prompt(self, prompt_id: int) -> PromptView:
        with self.ctx.store.session() as session:
            row = found(stored.get_prompt(session=session, prompt_id=prompt_id), "prompt", prompt_id)
            stored.delete_prompt(session=session, prompt=row)
            return PromptView.of(row)

    # Focus pin

    def focus(self, value_id: int, days: int) -> FocusView:
        """Pin one value for the next ``days`` days; it overrides every strategy.

        The pin starts today, unless today's value is already picked and is another one: a stored pick
        never changes, so the pin then starts tomorrow and still gives the person all ``days`` days.
        """
        days = check_positive_days(days)
        with self.ctx.store.session() as session:
            row = get_value(session, value_id)
            if row.archived_at is not None:
                raise UserError.of(Msg.ARCHIVED_NO_FOCUS, value_id=value_id, title=row.title)
            now = self.ctx.now()
            for old in stored.uncleared_focuses(session=session):
                old.cleared_at = now
                session.add(old)
            start = self.ctx.today(session)
            picked_today = stored.picked_on(session=session, day=start)
            if picked_today is not None and picked_today != value_id:
                start += timedelta(days=1)
            pin = save(session=session, row=Focus(
                value_id=value_id, start=start, end=start + timedelta(days=days - 1), created_at=now,
            ))
            return FocusView.of(pin, value_title=row.title)

    def clear_focus(self) -> FocusView | None:
        with self.ctx.store.session() as session:
            current = self._current_focus(session)
            if current is None:
                return None
            current.cleared_at = self.ctx.now()
            session.add(current)
            return FocusView.of(current, value_title=get_value(session, current.value_id).title)

    def current_focus(self) -> FocusView | None:
        """The pin in force. A pin on a snipped value is not in force (it is never picked), but it is kept,
        so undoing the snip brings the focus back."""
        with self.ctx.store.session() as session:
            pin = self._current_focus(session)
            if pin is None:
                return None
            value = get_value(session, pin.value_id)
            if value.archived_at is not None:
                return None
            return FocusView.of(pin, value_title=value.title)

    def _current_focus(self, session: Session) -> Focus | None:
        return stored.latest_focus_until(session=session, day=self.ctx.today(session))

    # Inside a unit of work

    def _write_ranks(self, session: Session, order: list[int]) -> None:
        stored.set_ranks(session=session, ranks=ranking.ranks(order))

    def _revise(self, session: Session, action: str, value_id: int | None, detail: dict, summary: str) -> None:
        rows = stored.list_active(session=session)
        save(session=session, row=Revision(
            at=self.ctx.now(), action=action, value_id=value_id, summary=summary, detail=detail,
            order=[r.id for r in rows], titles=[r.title for r in rows],
        ))

    def _views(self, session: Session, rows: list[Value]) -> list[ValueView]:
        prompts = stored.prompts_of(session=session, value_ids=[r.id for r in rows])
        return [value_view(r, prompts.get(r.id, [])) for r in rows]
