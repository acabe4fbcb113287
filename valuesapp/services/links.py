"""Friends' feedback links: a private address per friend where they can leave a note and nothing else.

The token is shown once, in the link; only its SHA-256 is stored. An unknown, expired or revoked token
is indistinguishable from one that never existed, so links cannot be probed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from valuesapp.core import states
from valuesapp.core.access import (
    LINK_DAYS_DEFAULT,
    LINK_NOTES_PER_HOUR,
    LinkTerms,
    check_link_days,
    clean_link_note,
)
from valuesapp.core.errors import UserError
from valuesapp.core.limits import clean_name
from valuesapp.core.messages import Msg
from valuesapp.core.waiting import wait_in_words
from valuesapp.services.context import Context
from valuesapp.services import link_address
from valuesapp.services.link_address import EVERY_ADDRESS, FriendsAddress, Serving, friends_address
from valuesapp.services.lookups import found
from valuesapp.services.views import FeedbackLinkView, FriendForm, NewLink
from valuesapp.store import feedback as stored_feedback
from valuesapp.store import links as stored
from valuesapp.store import values as stored_values
from valuesapp.store.rows import save
from valuesapp.store.tables import Feedback, FeedbackLink

LINK_PATH = "/f/"
HOUR = timedelta(hours=1)
FORMS_REMEMBERED = timedelta(days=1)  # a form token lives four hours (web.csrf.LIFETIME)


class TooManyNotes(UserError):
    """A link has taken its notes for the hour; ``wait`` is until the oldest of them is an hour old."""

    def __init__(self, wait: timedelta):
        super().__init__(f"This link has taken {LINK_NOTES_PER_HOUR} notes in the last hour; "
                         f"please try again in {wait_in_words(wait)}.")
        self.wait = wait


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + LINK_PATH + token


class LinksService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.serving: Serving | None = None  # None: not served (the desktop window)

    # The owner's side

    def served_at(self, listen_host: str, port: int, public_names: Sequence[str] = ()) -> None:
        self.serving = Serving(listen_host, port, tuple(public_names))

    def friends_address(self, serving: Serving | None = None) -> FriendsAddress:
        """Where friends reach the app as this process serves it, or as ``serving`` says it is served (the
        CLI's guess), see ``friends_address``: with no public name given, the ``public_url`` setting."""
        serving = serving or self.serving or Serving("127.0.0.1", 8550)
        if not serving.public_names and self.ctx.settings().public_url:
            serving = Serving(serving.listen_host, serving.port, (self.ctx.settings().public_url,))
        addresses = link_address.this_machines_addresses() if serving.listen_host.strip("[]") in EVERY_ADDRESS else ()
        return friends_address(listen_host=serving.listen_host, port=serving.port, public_names=serving.public_names,
                               machine_addresses=addresses)

    def create(self, friend: str, *, days: int | None = LINK_DAYS_DEFAULT, allow_values: bool = False) -> NewLink:
        friend = clean_name(friend, field="friend's name")
        days = check_link_days(days)
        token = secrets.token_urlsafe(32)
        now = self.ctx.now()
        with self.ctx.store.session() as session:
            row = save(session=session, row=FeedbackLink(
                friend=friend, token_sha256=token_digest(token), allow_values=bool(allow_values), created_at=now,
                expires_at=now + timedelta(days=days) if days is not None else None,
            ))
            return NewLink(self._view(row, 0), token)

    def list(self) -> list[FeedbackLinkView]:
        with self.ctx.store.session() as session:
            counts = stored_feedback.count_per_link(session=session)
            return [self._view(r, counts.get(r.id, 0)) for r in stored.list_all(session=session)]

    def revoke(self, link_id: int) -> FeedbackLinkView:
        with self.ctx.store.session() as session:
            row = found(stored.get(session=session, link_id=link_id), "link", link_id)
            if row.revoked_at is None:
                row.revoked_at = self.ctx.now()
                save(session=session, row=row)
            return self._view(row, stored_feedback.count_through(session=session, link_id=link_id))

    # The friend's side

    def form(self, token: str) -> FriendForm | None:
        """What the friend's page may show: their own name and, if the owner allowed it, value titles."""
        with self.ctx.store.session() as session:
            row = self._open_link(session, token)
            if row is None:
                return None
            titles = tuple((v.id, v.title) for v in stored_values.list_active(session=session)) if row.allow_values else ()
            return FriendForm(row.friend, titles, owner=self.ctx.settings(session).display_name)

    def send(self, token: str, note: str, *, kind: str | None = None, value_id: int | None = None,
             form_token: str | None = None) -> bool:
        """Leave a note through a link. False if the link is unknown, expired or revoked (say nothing more).

        ``form_token``: the token of the page's form. A form sends one note: posted again (a reload of
        the thank-you page, a second tap, a replay) it stores nothing and is True, as the note is there.

        Counting the hour's notes, looking the form up and adding this one happen under a lock on the
        link, so notes sent at once (threads or processes) cannot all see room for one more, nor both
        find the form unused: on SQLite the store's write lock, taken before the count; on PostgreSQL
        the link's row, locked FOR UPDATE. (The used forms' primary key would refuse a second one anyway.)
        """
        note = clean_link_note(note)
        kind = states.check_choice(kind or "concern", states.FEEDBACK_KINDS, field="kind")
        with self.ctx.store.session() as session:
            if self.ctx.store.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")  # waited for up to busy_timeout
            row = self._open_link(session, token, for_update=True)
            if row is None:
                return False
            used = token_digest(form_token) if form_token else None
            if used is not None and stored.form_used(session=session, digest=used):
                return True
            offered = {v.id for v in stored_values.list_active(session=session)} if row.allow_values else set()
            if value_id is not None and value_id not in offered:
                raise UserError.of(Msg.NOT_A_VALUE_LISTED)
            now = self.ctx.now()  # once the lock is held: the hour is counted back from when this one goes in
            sent_last_hour, oldest = stored_feedback.sent_through_since(session=session, link_id=row.id, since=now - HOUR)
            if sent_last_hour >= LINK_NOTES_PER_HOUR:
                raise TooManyNotes(oldest + HOUR - now)
            save(session=session, row=Feedback(
                friend=row.friend, note=note, kind=kind, value_id=value_id, received_on=self.ctx.today(session),
                state=states.NEW, via_link=True, link_id=row.id, created_at=now, updated_at=now,
            ))
            if used is not None:
                stored.use_form(session=session, digest=used, at=now, forget_before=now - FORMS_REMEMBERED)
        self.ctx.notify("feedback")
        return True

    def _open_link(self, session, token: str, *, for_update: bool = False) -> FeedbackLink | None:
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return None
        row = stored.by_digest(session=session, digest=token_digest(token), for_update=for_update)
        if row is None or not LinkTerms(row.friend, row.expires_at, row.revoked_at).open(self.ctx.now()):
            return None
        return row

    def _view(self, row: FeedbackLink, notes: int) -> FeedbackLinkView:
        terms = LinkTerms(row.friend, row.expires_at, row.revoked_at)
        return FeedbackLinkView.of(row, open=terms.open(self.ctx.now()), notes=notes)
