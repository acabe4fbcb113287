"""Read models: what services hand to the edges. Plain, frozen, and free of database sessions.

An entity's read model is its base (``store.tables``) with what the screens add to it (a value's title
beside its id, how long a repair has been owed), less what they never show (``leaves_out``): a field
added to the base is shown, exported and stored without another word here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict
from sqlmodel import SQLModel

from valuesapp.core.reviews import Gap, ListLine, WeekLine
from valuesapp.core.words import plural
from valuesapp.store.tables import (
    FeedbackBase,
    FocusBase,
    LinkBase,
    PauseBase,
    PromptBase,
    PushDeviceBase,
    ReflectionBase,
    RepairBase,
    RevisionBase,
    ValueBase,
    ValuesReviewBase,
    WeekQuestionBase,
)


def to_jsonable(obj: Any) -> Any:
    """Dates and instants as ISO 8601 text (instants with their offset), tuples as lists, paths as text."""
    if isinstance(obj, BaseModel):
        return {name: to_jsonable(getattr(obj, name)) for name in type(obj).model_fields}
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


class ReadModel(SQLModel):
    """A stored row as the edges see it. Built from the row without checking it again (``of``): the store
    holds what was checked on the way in, and a friend's old note must still show."""

    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=False, defer_build=True)
    # The base's fields this read model does not carry (and so never shows or prints).
    leaves_out: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.leaves_out:
            for name in cls.leaves_out:
                del cls.__pydantic_fields__[name]
            if cls.__pydantic_complete__:  # built already; deferred (as usual), it is built without them
                cls.model_rebuild(force=True)

    @classmethod
    def of(cls, row: SQLModel, **added: Any) -> Self:
        """The read model of ``row``: each field from the row, unless given in ``added``."""
        unknown = added.keys() - cls.model_fields.keys()
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        stored = type(row).model_fields
        taken = {name: getattr(row, name) for name in cls.model_fields if name in stored and name not in added}
        return cls.model_construct(**taken, **added)


class PromptView(ReadModel, PromptBase):
    leaves_out = ("created_at",)
    id: int


class ValueView(ReadModel, ValueBase):
    id: int
    prompts: tuple[PromptView, ...]

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class RevisionView(ReadModel, RevisionBase):
    leaves_out = ("detail", "order")  # how to redo it: for replaying the history, not for reading it
    id: int
    titles: tuple[str, ...]


class FocusView(ReadModel, FocusBase):
    """The pin in force: which value, and its days."""

    leaves_out = ("id", "cleared_at", "created_at")
    value_title: str


class PauseView(ReadModel, PauseBase):
    leaves_out = ("created_at",)
    id: int


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


class ReflectionView(ReadModel, ReflectionBase):
    id: int
    value_title: str | None


class RepairView(ReadModel, RepairBase):
    leaves_out = ("updated_at",)
    id: int
    value_title: str | None
    age_days: int
    overdue: bool
    overdue_since: date | None = None  # the by-date or planned day that passed (core.states.overdue_since)


class FeedbackView(ReadModel, FeedbackBase):
    leaves_out = ("link_id", "updated_at")
    id: int
    value_title: str | None
    repair_ids: tuple[int, ...]


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


class FeedbackLinkView(ReadModel, LinkBase):
    leaves_out = ("token_sha256",)  # the owner is shown whose link it is and what came through it, never its key
    id: int
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
    """All a friend's page may know: whose link it is, value titles only if the owner allowed it, and the
    owner's display name if they set one (empty: the page names nobody)."""

    friend: str
    values: tuple[tuple[int, str], ...]
    owner: str = ""


# Reviews (services.reviews): the week looked back on, the list reviewed, and what was kept of both.

class WeekQuestionView(ReadModel, WeekQuestionBase):
    leaves_out = ("created_at", "updated_at")
    id: int


class SavedReviewView(ReadModel, ValuesReviewBase):
    """A values review as it was saved (its gaps as they read then)."""

    id: int
    gaps: tuple[dict[str, Any], ...]
    changes: tuple[str, ...]


@dataclass(frozen=True)
class WeekRepairs:
    """Repairs in a week: how many were opened, done and released on its days, and the oldest still owed
    (with its age in days, as the Repairs screen counts it)."""

    opened: int
    done: int
    released: int
    oldest_open: RepairView | None

    @property
    def oldest_open_days(self) -> int | None:
        return None if self.oldest_open is None else self.oldest_open.age_days


@dataclass(frozen=True)
class WeekReview:
    """A practice week, Monday to Sunday: per value that came up, its days, reflections and average against
    the four weeks before, with its row of the grid; the paused days; repairs; friends' notes that arrived;
    and the question set for the week after it."""

    start: date
    end: date
    days: tuple[date, ...]
    paused: tuple[date, ...]
    values: tuple[WeekLine, ...]
    repairs: WeekRepairs
    feedback: tuple[FeedbackView, ...]
    next_week: date
    question: str | None


@dataclass(frozen=True)
class ValuesReview:
    """The list reviewed over a period: per ranked value how it fared, the gaps, and the open concerns
    the gaps name (their words, for "is a value missing?")."""

    start: date
    end: date
    weeks: int
    values: tuple[ListLine, ...]
    gaps: tuple[Gap, ...]
    concerns: tuple[FeedbackView, ...]


# Web Push (services.push): the devices that get reminders, and how a push to one went.

class PushDeviceView(ReadModel, PushDeviceBase):
    """A device as the owner sees it: never its endpoint or keys (with them anyone could push to it)."""

    leaves_out = ("endpoint", "p256dh", "auth", "user_agent")
    id: int
    host: str  # its push service (fcm.googleapis.com, web.push.apple.com, ...)
    label: str  # from its browser's User-Agent: "Chrome on Android"


@dataclass(frozen=True)
class PushResult:
    """How one push to one device went. ``accepted``: its push service took it (2xx); ``removed``: it
    answered that the subscription is gone (404/410), so the device was dropped."""

    device_id: int
    host: str
    label: str
    accepted: bool
    result: str  # one line: "accepted (201)", "failed (500) after 3 tries", "timed out after 3 tries", ...
    removed: bool = False
