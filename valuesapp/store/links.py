"""Finding friends' links, by id or by the digest of their token: the store has no token (a link is
written with ``store.rows.save``)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, delete, select

from valuesapp.store.tables import FeedbackLink, UsedFormToken


def get(*, session: Session, link_id: int) -> FeedbackLink | None:
    return session.get(FeedbackLink, link_id)


def list_all(*, session: Session) -> list[FeedbackLink]:
    """Every link, in the order they were made."""
    return list(session.exec(select(FeedbackLink).order_by(col(FeedbackLink.id))))


def by_digest(*, session: Session, digest: str, for_update: bool = False) -> FeedbackLink | None:
    """The link whose token has this SHA-256; ``for_update`` locks its row until the unit of work ends
    (on PostgreSQL; SQLite's whole-store write lock is taken by the caller)."""
    query = select(FeedbackLink).where(FeedbackLink.token_sha256 == digest)
    return session.exec(query.with_for_update() if for_update else query).first()


def form_used(*, session: Session, digest: str) -> bool:
    """Whether a friend's form with this token digest has already sent its note."""
    return session.get(UsedFormToken, digest) is not None


def use_form(*, session: Session, digest: str, at: datetime, forget_before: datetime) -> None:
    """Mark a friend's form as having sent its note, and forget forms used before ``forget_before``
    (their tokens have long expired, so they can no longer be posted)."""
    session.exec(delete(UsedFormToken).where(col(UsedFormToken.used_at) < forget_before))
    session.add(UsedFormToken(digest=digest, used_at=at))
