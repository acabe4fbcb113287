"""What a JSON export holds: each section's rows, checked field by field before anything is written,
and what of the store stays out of it, with the reason for each.

Everything that is the person's data is in it: values and their history, picks, focuses, pauses,
reflections, feedback notes, repairs, settings, and friends' links. A link goes with the SHA-256 of its
token (never the token, which the store does not have): that digest cannot be turned back into a link,
and keeping it means a friend's link goes on working on the new machine, as someone moving expects.
Files beside the store are not in it either: backups are copies of the store itself, and a draft is
text not yet saved.

Each section's row is its entity's base (``store.tables``) with every field required: a row has exactly
the table's columns, in the same order, with the limits the base declares.
"""

from __future__ import annotations

import copy
import re
from typing import Any, ClassVar, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticUndefined
from sqlmodel import SQLModel

from valuesapp.core.limits import without_controls
from valuesapp.store.fields import Id
from valuesapp.store.tables import (
    DailyPick,
    Feedback,
    FeedbackBase,
    FeedbackLink,
    Focus,
    FocusBase,
    LinkBase,
    Pause,
    PauseBase,
    PickBase,
    PromptBase,
    Reflection,
    ReflectionBase,
    Repair,
    RepairBase,
    Revision,
    RevisionBase,
    Value,
    ValueBase,
    ValuePrompt,
    ValuesReview,
    ValuesReviewBase,
    WeekQuestion,
    WeekQuestionBase,
)

FORMAT = "valuesapp"
# 2 added friends' links and which note came through which link; a version 1 file reads as having none.
# 3 added saved values reviews and the weeks' questions; an older file reads as having none.
VERSION = 3

# The same characters every other way in refuses (PostgreSQL cannot even store NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Row(SQLModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True, from_attributes=False)
    # Fields that can hold a friend's words, from before friends' notes were cleaned on arrival: they are
    # cleaned here the same way (control characters dropped) rather than refused, so that a store holding
    # such a note can still be moved. Every other text is the owner's own and is refused as before.
    friends_words: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """A file says every field, null or not: nothing is filled in from the store's defaults, so a row
        missing a field (a note's ``link_id``) is refused rather than quietly completed."""
        super().__pydantic_init_subclass__(**kwargs)
        for name, field in list(cls.__pydantic_fields__.items()):
            if not field.is_required():
                field = cls.__pydantic_fields__[name] = copy.copy(field)
                field.default, field.default_factory = PydanticUndefined, None
        cls.model_rebuild(force=True)

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


class ValueDoc(_Row, ValueBase):
    id: Id


class PromptDoc(_Row, PromptBase):
    id: Id


class RevisionDoc(_Row, RevisionBase):
    id: Id


class PickDoc(_Row, PickBase):
    id: Id


class FocusDoc(_Row, FocusBase):
    id: Id


class PauseDoc(_Row, PauseBase):
    id: Id


class ReflectionDoc(_Row, ReflectionBase):
    id: Id


class LinkDoc(_Row, LinkBase):
    id: Id


class FeedbackDoc(_Row, FeedbackBase):
    friends_words = ("friend", "note")
    id: Id


class RepairDoc(_Row, RepairBase):
    friends_words = ("person", "what")  # "Turn into a repair" copies the note
    id: Id


class ValuesReviewDoc(_Row, ValuesReviewBase):
    id: Id


class WeekQuestionDoc(_Row, WeekQuestionBase):
    id: Id


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
    values_reviews: list[ValuesReviewDoc]
    week_questions: list[WeekQuestionDoc]


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
    ("values_reviews", ValuesReview, ValuesReviewDoc),
    ("week_questions", WeekQuestion, WeekQuestionDoc),
)



def _references(table: type[SQLModel]) -> dict[str, str]:
    """The fields of a section's table that name a row of another section (its foreign keys), and that
    section: what an import checks the file holds, and renumbers when it merges."""
    section_of = {t.__tablename__: section for section, t, _doc in SECTIONS}
    return {
        field: section_of[key.column.table.name]
        for field, column in sa.inspect(table).columns.items()
        for key in column.foreign_keys
    }


REFERENCES: dict[str, dict[str, str]] = {section: _references(table) for section, table, _doc in SECTIONS}

# What of the store stays out of the export, and why ("table" or "table.column"). A test fails for any
# table or column that is neither exported nor here, so a new one is decided on, not forgotten.
_SEARCH_INDEX = "derived: SQLite's search index over the reflections, rebuilt from them by triggers on import"
NOT_EXPORTED: dict[str, str] = {
    "owner_passphrase": "a secret (the passphrase's Argon2id hash) that an export file must not carry; "
                        "set a passphrase again on the new machine with valuesapp passphrase set",
    "reminder_log": "the scheduler's note of which reminder went out on which day, so none goes out twice "
                    "from here; it is not the person's words, and a new store keeps its own",
    "alembic_version": "the schema's version, which the store being imported into has of its own",
    "used_form_token": "digests of friends' forms that already sent their note, kept a day so a reload sends "
                       "nothing twice; the forms expire within hours and mean nothing on another machine",
    "vapid_key": "the server's private VAPID key, a secret an export file must not carry; the move to a new "
                 "host copies it, and a backup keeps it, so phones keep getting reminders",
    "push_device": "the phones' push subscriptions, useless without the private VAPID key left out beside "
                   "them; a phone turns reminders on again on the new store",
    "push_sent": "which reminder went to which phone on which day, so none is pushed twice; it means "
                 "nothing without the phones",
    "reflection_search": _SEARCH_INDEX,
    "reflection_search_data": _SEARCH_INDEX,
    "reflection_search_idx": _SEARCH_INDEX,
    "reflection_search_docsize": _SEARCH_INDEX,
    "reflection_search_config": _SEARCH_INDEX,
}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """An older version's document as the current one says it: a version 1 file has no links, and a version
    2 file no reviews."""
    if data.get("version") == 1:
        data = {**data, "version": 2, "links": data.get("links", [])}
        if isinstance(data.get("feedback"), list):
            data["feedback"] = [{"link_id": None, **f} if isinstance(f, dict) else f for f in data["feedback"]]
    if data.get("version") == 2:  # from before reviews
        data = {**data, "version": VERSION, "values_reviews": data.get("values_reviews", []),
                "week_questions": data.get("week_questions", [])}
    return data
