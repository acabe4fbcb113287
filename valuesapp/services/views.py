"""Read models: what services hand to the edges. Plain, frozen, and free of database sessions."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from valuesapp.core.words import plural


def to_jsonable(obj: Any) -> Any:
    """Dates and instants as ISO 8601 text (instants with their offset), tuples as lists, paths as text."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_jsonable(item) for key, item in obj.items()}
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, PurePath):  # a backup's file
        return str(obj)
    return obj


@dataclass(frozen=True)
class ValueView:
    id: int
    title: str
    description: str
    rank: int | None
    archived_at: datetime | None
    archive_reason: str | None
    prompts: tuple[PromptView, ...]
    created_at: datetime
    updated_at: datetime

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class PromptView:
    id: int
    value_id: int
    text: str


@dataclass(frozen=True)
class RevisionView:
    id: int
    at: datetime
    action: str
    value_id: int | None
    summary: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class FocusView:
    value_id: int
    value_title: str
    start: date
    end: date


@dataclass(frozen=True)
class PauseView:
    id: int
    start: date
    end: date
    reason: str


@dataclass(frozen=True)
class CardValue:
    id: int
    title: str
    rank: int | None
    description: str


@dataclass(frozen=True)
class TodayCard:
    """The day's card. ``value`` is None on a paused day or with no active values; ``message`` says why."""

    date: date
    value: CardValue | None
    strategy: str | None
    reason: str
    prompt: str | None
    paused: bool = False
    message: str | None = None


@dataclass(frozen=True)
class ReflectionView:
    id: int
    day: date
    value_id: int | None
    value_title: str | None
    text: str
    rating: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RepairView:
    id: int
    person: str
    what: str
    kind: str
    value_id: int | None
    value_title: str | None
    target_date: date | None
    state: str
    planned_for: date | None
    done_at: datetime | None
    outcome_note: str | None
    released_at: datetime | None
    release_reason: str | None
    feedback_id: int | None
    created_at: datetime
    age_days: int
    overdue: bool
    overdue_since: date | None = None  # the by-date or planned day that passed (core.states.overdue_since)


@dataclass(frozen=True)
class FeedbackView:
    id: int
    friend: str
    received_on: date
    note: str
    kind: str
    value_id: int | None
    value_title: str | None
    state: str
    via_link: bool
    repair_ids: tuple[int, ...]
    created_at: datetime


@dataclass(frozen=True)
class SettingView:
    key: str
    value: str
    default: str
    description: str


@dataclass(frozen=True)
class ImportSummary:
    """What an import adds (or would add, for a preview)."""

    values: int = 0
    values_matched: int = 0
    reflections: int = 0
    repairs: int = 0
    feedback: int = 0
    picks: int = 0
    pauses: int = 0
    links: int = 0
    skipped_duplicates: int = 0
    into_empty_store: bool = True

    def describe(self) -> str:
        parts = [
            plural(self.values, "value") + (f" (+{self.values_matched:,} matched existing)" if self.values_matched else ""),
            plural(self.reflections, "reflection"),
            plural(self.repairs, "repair"),
            plural(self.feedback, "feedback note"),
            plural(self.picks, "daily pick"),
            plural(self.pauses, "pause"),
            plural(self.links, "friend's link", "friends' links"),
        ]
        text = "Adds " + ", ".join(parts)
        if self.skipped_duplicates:
            text += f"; skips {self.skipped_duplicates} already here"
        return text + "."


@dataclass(frozen=True)
class FeedbackLinkView:
    id: int
    friend: str
    allow_values: bool
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    open: bool
    notes: int

    @property
    def state(self) -> str:
        """revoked, expired or open: what the owner is told about a link."""
        return "revoked" if self.revoked_at is not None else ("open" if self.open else "expired")


@dataclass(frozen=True)
class NewLink:
    """A link just made: the token exists only here, for the owner to pass on."""

    link: FeedbackLinkView
    token: str


@dataclass(frozen=True)
class FriendForm:
    """All a friend's page may know: whose link it is, and value titles only if the owner allowed it."""

    friend: str
    values: tuple[tuple[int, str], ...]
