"""Who may open the served app, and what a friend's feedback link allows: the rules, without the web.

Served on a network, the app holds private words; a stranger on the same Wi-Fi must get nothing. The
owner proves who they are with a passphrase (hashed elsewhere), gets a session that ends when idle or
old, and a guesser is slowed down exponentially. A friend's link lets them leave notes and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from valuesapp.core.errors import UserError
from valuesapp.core.limits import LINK_DAYS_MAX, LINK_NOTE_MAX, PASSPHRASE_MAX, PASSPHRASE_MIN, without_controls
from valuesapp.core.messages import Msg
from valuesapp.core.words import plural

SESSION_IDLE = timedelta(minutes=30)
SESSION_LONGEST = timedelta(hours=12)

FAILURES_BEFORE_BACKOFF = 5
FAILURE_WINDOW = timedelta(minutes=15)
FIRST_BACKOFF = timedelta(seconds=30)
LONGEST_BACKOFF = timedelta(minutes=15)

LINK_DAYS_DEFAULT = 30
LINK_NOTES_PER_HOUR = 10


def check_passphrase(passphrase: str) -> str:
    """A new passphrase: long enough to resist guessing, kept exactly as typed (spaces included)."""
    if not isinstance(passphrase, str) or not passphrase.strip():
        raise UserError.of(Msg.PASSPHRASE_EMPTY)
    if len(passphrase) < PASSPHRASE_MIN:
        raise UserError.of(Msg.PASSPHRASE_TOO_SHORT, length=plural(len(passphrase), "character"), minimum=PASSPHRASE_MIN)
    if len(passphrase) > PASSPHRASE_MAX:
        raise UserError.of(Msg.PASSPHRASE_TOO_LONG, length=len(passphrase), limit=PASSPHRASE_MAX)
    if "\n" in passphrase or "\r" in passphrase or "\x00" in passphrase:
        raise UserError.of(Msg.PASSPHRASE_ONE_LINE)
    return passphrase


def session_alive(started: datetime, last_seen: datetime, now: datetime) -> bool:
    """A session ends after 30 minutes without use, and 12 hours after sign-in whatever the use."""
    return now - last_seen < SESSION_IDLE and now - started < SESSION_LONGEST


def backoff(failures: list[datetime], now: datetime) -> timedelta:
    """How long an address must wait before its next attempt, given the times of its failed attempts.

    Up to five failures in fifteen minutes cost nothing (people mistype); from the fifth on, the wait
    doubles from 30 seconds with each further failure, capped at 15 minutes. Failures older than the
    window are forgotten, so a locked-out address is free again once it stops guessing.
    """
    recent = sorted(t for t in failures if now - t < FAILURE_WINDOW)
    if len(recent) < FAILURES_BEFORE_BACKOFF:
        return timedelta(0)
    wait = min(LONGEST_BACKOFF, FIRST_BACKOFF * 2 ** (len(recent) - FAILURES_BEFORE_BACKOFF))
    return max(timedelta(0), recent[-1] + wait - now)


@dataclass(frozen=True)
class LinkTerms:
    """What the owner decided when making a link."""

    friend: str
    expires_at: datetime | None
    revoked_at: datetime | None

    def open(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


def check_link_days(days: int | None) -> int | None:
    """None means the link never expires; otherwise a whole number of days, 1 to a year."""
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= LINK_DAYS_MAX:
        raise UserError.of(Msg.LINK_DAYS, maximum=LINK_DAYS_MAX, days=days)
    return days


def clean_link_note(note: str | None) -> str:
    """A friend's note through a link is kept as sent, markup included (it is shown as plain text), but
    without the control characters the owner's own words may not hold (terminal escapes, bells, bidi
    overrides): dropped rather than refused, since the friend cannot see them to take them out."""
    note = without_controls(note) if isinstance(note, str) else ""
    if not note.strip():
        raise UserError.of(Msg.LINK_NOTE_EMPTY)
    if len(note) > LINK_NOTE_MAX:
        raise UserError.of(Msg.TOO_LONG, field="note", length=len(note), limit=LINK_NOTE_MAX)
    return note
