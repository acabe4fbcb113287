"""What a JSON export holds: each section's rows, checked field by field before anything is written,
and what of the store stays out of it, with the reason for each.

Everything that is the person's data is in it: values and their history, picks, focuses, pauses,
reflections, feedback notes, repairs, settings, and friends' links. A link goes with the SHA-256 of its
token (never the token, which the store does not have): that digest cannot be turned back into a link,
and keeping it means a friend's link goes on working on the new machine, as someone moving expects.
Files beside the store are not in it either: backups are copies of the store itself, and a draft is
text not yet saved.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator
from sqlmodel import SQLModel

from valuesapp.core import history, states
from valuesapp.core import settings as setting_rules
from valuesapp.core.errors import UserError
from valuesapp.core.limits import NAME_MAX, NOTE_MAX, PROMPT_MAX, REASON_MAX, TITLE_MAX, without_controls
from valuesapp.core.picking import FOCUS, STRATEGIES
from valuesapp.store.tables import (
    DailyPick,
    Feedback,
    FeedbackLink,
    Focus,
    Pause,
    Reflection,
    Repair,
    Revision,
    Value,
    ValuePrompt,
)

FORMAT = "valuesapp"
# 2 added friends' links and which note came through which link; a version 1 file reads as having none.
VERSION = 2

Text = Annotated[str, StringConstraints(max_length=NOTE_MAX)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
Reason = Annotated[str, StringConstraints(max_length=REASON_MAX)]
INT_MAX = 2**31 - 1  # the store's integer columns (PostgreSQL's integer)
Id = Annotated[int, Field(ge=1, le=INT_MAX)]
Count = Annotated[int, Field(ge=1, le=INT_MAX)]
# Every instant in a file must say its offset: a bare "2026-03-02T09:00:00" could be any zone's.
Instant = AwareDatetime
# The same characters every other way in refuses (PostgreSQL cannot even store NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)
    # Fields that can hold a friend's words, from before friends' notes were cleaned on arrival: they are
    # cleaned here the same way (control characters dropped) rather than refused, so that a store holding
    # such a note can still be moved. Every other text is the owner's own and is refused as before.
    friends_words: ClassVar[tuple[str, ...]] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_numbers(cls, v: Any, info) -> Any:
        # pydantic would read true as 1; a rating of true is a broken file, not a 1.
        if isinstance(v, bool) and cls.model_fields[info.field_name].annotation not in (bool, bool | None):
            raise ValueError("must not be true/false")
        if info.field_name in cls.friends_words and isinstance(v, str):
            v = without_controls(v)
        texts = v if isinstance(v, list) else [v]
        if any(isinstance(t, str) and _CONTROL.search(t) for t in texts):
            raise ValueError("contains control characters")
        return v


class ValueDoc(_Row):
    id: Id
    title: Title
    description: Text
    rank: Count | None
    archived_at: Instant | None
    archive_reason: Reason | None
    created_at: Instant
    updated_at: Instant


class PromptDoc(_Row):
    id: Id
    value_id: Id
    text: Annotated[str, StringConstraints(min_length=1, max_length=PROMPT_MAX)]
    created_at: Instant


class RevisionDoc(_Row):
    id: Id
    at: Instant
    action: Literal[history.ADD, history.EDIT, history.MOVE, history.REORDER, history.ARCHIVE, history.RESTORE, history.IMPORT]
    value_id: Id | None
    summary: Annotated[str, StringConstraints(max_length=NOTE_MAX)]
    detail: dict[str, Any]
    order: list[Id]
    titles: list[Title]


class PickDoc(_Row):
    id: Id
    day: date
    value_id: Id
    strategy: Literal[STRATEGIES + (FOCUS,)]  # type: ignore[valid-type]
    reason: Reason
    cycle: Count | None
    created_at: Instant


class FocusDoc(_Row):
    id: Id
    value_id: Id
    start: date
    end: date
    cleared_at: Instant | None
    created_at: Instant


class PauseDoc(_Row):
    id: Id
    start: date
    end: date
    reason: Reason
    created_at: Instant


class ReflectionDoc(_Row):
    id: Id
    day: date
    value_id: Id | None
    text: Annotated[str, StringConstraints(min_length=1, max_length=NOTE_MAX)]
    rating: Annotated[int, Field(ge=1, le=5)] | None
    created_at: Instant
    updated_at: Instant


class LinkDoc(_Row):
    id: Id
    friend: Name
    token_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]  # as links.token_digest writes it
    allow_values: bool
    created_at: Instant
    expires_at: Instant | None
    revoked_at: Instant | None


class FeedbackDoc(_Row):
    friends_words: ClassVar[tuple[str, ...]] = ("friend", "note")
    id: Id
    friend: Name
    received_on: date
    note: Annotated[str, StringConstraints(min_length=1, max_length=NOTE_MAX)]
    kind: Literal[states.FEEDBACK_KINDS]  # type: ignore[valid-type]
    value_id: Id | None
    state: Literal[states.FEEDBACK_STATES]  # type: ignore[valid-type]
    via_link: bool
    link_id: Id | None
    created_at: Instant
    updated_at: Instant


class RepairDoc(_Row):
    friends_words: ClassVar[tuple[str, ...]] = ("person", "what")  # "Turn into a repair" copies the note
    id: Id
    person: Name
    what: Annotated[str, StringConstraints(min_length=1, max_length=NOTE_MAX)]
    kind: Literal[states.REPAIR_KINDS]  # type: ignore[valid-type]
    value_id: Id | None
    target_date: date | None
    state: Literal[states.REPAIR_STATES]  # type: ignore[valid-type]
    planned_for: date | None
    done_at: Instant | None
    outcome_note: Text | None
    released_at: Instant | None
    release_reason: Reason | None
    feedback_id: Id | None
    created_at: Instant
    updated_at: Instant


class ExportDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["valuesapp"]
    version: int
    settings: dict[str, str]
    values: list[ValueDoc]
    value_prompts: list[PromptDoc]
    revisions: list[RevisionDoc]
    picks: list[PickDoc]
    focuses: list[FocusDoc]
    pauses: list[PauseDoc]
    reflections: list[ReflectionDoc]
    links: list[LinkDoc]
    feedback: list[FeedbackDoc]
    repairs: list[RepairDoc]


# Each document section, the table it fills, and its import order (referenced rows first).
SECTIONS: tuple[tuple[str, type[SQLModel], type[_Row]], ...] = (
    ("values", Value, ValueDoc),
    ("value_prompts", ValuePrompt, PromptDoc),
    ("revisions", Revision, RevisionDoc),
    ("picks", DailyPick, PickDoc),
    ("focuses", Focus, FocusDoc),
    ("pauses", Pause, PauseDoc),
    ("reflections", Reflection, ReflectionDoc),
    ("links", FeedbackLink, LinkDoc),
    ("feedback", Feedback, FeedbackDoc),
    ("repairs", Repair, RepairDoc),
)

# What of the store stays out of the export, and why ("table" or "table.column"). A test fails for any
# table or column that is neither exported nor here, so a new one is decided on, not forgotten.
_SEARCH_INDEX = "derived: SQLite's search index over the reflections, rebuilt from them by triggers on import"
NOT_EXPORTED: dict[str, str] = {
    "owner_passphrase": "a secret (the passphrase's Argon2id hash) that an export file must not carry; "
                        "set a passphrase again on the new machine with valuesapp passphrase set",
    "reminder_log": "the scheduler's note of which reminder went out on which day, so none goes out twice "
                    "from here; it is not the person's words, and a new store keeps its own",
    "alembic_version": "the schema's version, which the store being imported into has of its own",
    "reflection_search": _SEARCH_INDEX,
    "reflection_search_data": _SEARCH_INDEX,
    "reflection_search_idx": _SEARCH_INDEX,
    "reflection_search_docsize": _SEARCH_INDEX,
    "reflection_search_config": _SEARCH_INDEX,
}


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{where}: {err['msg']}{more}."[:400]


def check_references(doc: ExportDoc) -> None:
    def unique(section: str, items) -> set[int]:
        seen: set[int] = set()
        for item in items:
            if item.id in seen:
                raise UserError(f"The import file is invalid: {section} has id {item.id} twice.")
            seen.add(item.id)
        return seen

    value_ids = unique("values", doc.values)
    for section in ("value_prompts", "revisions", "picks", "focuses", "pauses", "reflections", "feedback", "repairs"):
        unique(section, getattr(doc, section))
    link_ids = unique("links", doc.links)
    feedback_ids = {f.id for f in doc.feedback}

    def ref(section: str, item, field: str, known: set[int]) -> None:
        target = getattr(item, field)
        if target is not None and target not in known:
            raise UserError(f"The import file is invalid: {section} {item.id} refers to {field} {target}, which it does not contain.")

    for section in ("value_prompts", "picks", "focuses", "reflections", "feedback", "repairs"):
        for item in getattr(doc, section):
            ref(section, item, "value_id", value_ids)
    for r in doc.repairs:
        ref("repairs", r, "feedback_id", feedback_ids)
    for f in doc.feedback:
        ref("feedback", f, "link_id", link_ids)
    if len({link.token_sha256 for link in doc.links}) != len(doc.links):
        raise UserError("The import file is invalid: two links share a token.")
    for r in doc.revisions:
        ref("revisions", r, "value_id", value_ids)
        unknown = set(r.order) - value_ids
        if unknown:
            raise UserError(f"The import file is invalid: revision {r.id} names value {min(unknown)}, which it does not contain.")
    active = sorted((v for v in doc.values if v.archived_at is None), key=lambda v: v.rank or 0)
    if [v.rank for v in active] != list(range(1, len(active) + 1)):
        raise UserError("The import file is invalid: the ranks of its active values are not 1 to n.")
    if any(v.rank is not None for v in doc.values if v.archived_at is not None):
        raise UserError("The import file is invalid: an archived value has a rank.")
    titles = [v.title.lower() for v in active]
    if len(set(titles)) != len(titles):
        raise UserError("The import file is invalid: two active values share a title.")
    if len({p.day for p in doc.picks}) != len(doc.picks):
        raise UserError("The import file is invalid: two picks share a day.")
    for key, raw in doc.settings.items():
        try:
            setting_rules.parse(key, raw)
        except UserError as exc:
            raise UserError(f"The import file is invalid: setting {exc}") from None


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """An older version's document as the current one says it: a version 1 file has no links."""
    if data.get("version") == 1:
        data = {**data, "version": VERSION, "links": data.get("links", [])}
        if isinstance(data.get("feedback"), list):
            data["feedback"] = [{"link_id": None, **f} if isinstance(f, dict) else f for f in data["feedback"]]
    return data
