"""The tables, each with the model family it comes from. Instants are timezone-aware UTC; days (a pick's,
a reflection's) are local practice days.

Each entity's fields are declared once, in its base (``RepairBase``), in the order a file lists them:
the table adds only what makes it a table (its name, indexes and constraints), and the read model
(``services.views``) and the export document (``services.exchange_docs``) are derived from the same
base. A new field is one line in a base, and a migration.

Values are never deleted, only archived, so that history, picks and reflections keep their meaning.
"""



from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, func, text
from pydantic import ConfigDict
from sqlmodel import Field, SQLModel

from valuesapp.core import states
from valuesapp.store.fields import (
    CHOICE_COLUMN,
    DIGEST_COLUMN,
    TITLE_COLUMN,
    Action,
    Count,
    Digest,
    FeedbackKind,
    FeedbackState,
    Id,
    Instant,
    Name,
    Prompt,
    Rating,
    Reason,
    RepairKind,
    RepairState,
    Strategy,
    Text,
    Title,
    Words,
)



class Stored(SQLModel):
    """What every table and base shares: pydantic builds a model's validator the first time one is
    checked, not when the module loads (a command that checks none, like ``valuesapp today``, builds
    none: at import, schema generation for the forty-odd models was most of a short command's start-up).
    A row read from the store is never checked again, so most commands never build one."""

    model_config = ConfigDict(defer_build=True)

class ValueBase(Stored):
    """A value on the ranked list; archived ("snipped") ones keep their place in history, without a rank."""

    id: int | None = Field(default=None, primary_key=True)
    title: Title = Field(sa_type=TITLE_COLUMN)
    description: Text = Field(default="")
    rank: Count | None = Field(default=None)
    archived_at: Instant | None = Field(default=None)
    archive_reason: Reason | None = Field(default=None)
    created_at: Instant
    updated_at: Instant


class Value(ValueBase, table=True):
    __tablename__ = "value"
    __table_args__ = (
        # Titles are unique among active values, ignoring case; archived ones may repeat. Migration 0001
        # makes the index on SQLite and on PostgreSQL (postgresql_where, the same clause); naming that here
        # would load SQLAlchemy's PostgreSQL dialect on every command, for no DDL: tables come from migrations.
        Index(
            "uq_value_active_title",
            func.lower(text("title")),
            unique=True,
            sqlite_where=text("archived_at IS NULL"),
        ),
        Index("ix_value_rank", "rank"),
    )


class PromptBase(Stored):
    """A question of the person's own for one value, asked on its days."""

    id: int | None = Field(default=None, primary_key=True)
    value_id: Id = Field(foreign_key="value.id", index=True)
    text: Prompt
    created_at: Instant


class ValuePrompt(PromptBase, table=True):
    __tablename__ = "value_prompt"


class RevisionBase(Stored):
    """One change to the ranked list: enough ``detail`` to redo it, and the list after it."""

    id: int | None = Field(default=None, primary_key=True)
    at: Instant = Field(index=True)
    action: Action = Field(sa_type=CHOICE_COLUMN)
    value_id: Id | None = Field(default=None, foreign_key="value.id")
    summary: Text
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    order: list[Id] = Field(default_factory=list, sa_column=Column("order_ids", JSON, nullable=False))
    titles: list[Title] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Revision(RevisionBase, table=True):
    __tablename__ = "revision"


class PickBase(Stored):
    """The day's value, picked once and kept."""

    id: int | None = Field(default=None, primary_key=True)
    day: date
    value_id: Id = Field(foreign_key="value.id", index=True)
    strategy: Strategy = Field(sa_type=CHOICE_COLUMN)
    reason: Reason
    cycle: Count | None = Field(default=None)
    created_at: Instant


class DailyPick(PickBase, table=True):
    __tablename__ = "daily_pick"
    __table_args__ = (UniqueConstraint("day", name="uq_daily_pick_day"),)


class FocusBase(Stored):
    """One value pinned for a run of days, over every strategy."""

    id: int | None = Field(default=None, primary_key=True)
    value_id: Id = Field(foreign_key="value.id")
    start: date
    end: date
    cleared_at: Instant | None = Field(default=None)
    created_at: Instant


class Focus(FocusBase, table=True):
    __tablename__ = "focus"


class PauseBase(Stored):
    """Days off the practice: no pick, and the streak waits."""

    id: int | None = Field(default=None, primary_key=True)
    start: date = Field(index=True)
    end: date
    reason: Reason = Field(default="")
    created_at: Instant


class Pause(PauseBase, table=True):
    __tablename__ = "pause"


class ReflectionBase(Stored):
    """What the person wrote about a day, with how well they lived the day's value (1 to 5), if they said."""

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    value_id: Id | None = Field(default=None, foreign_key="value.id")
    text: Words
    rating: Rating | None = Field(default=None)
    created_at: Instant
    updated_at: Instant


class Reflection(ReflectionBase, table=True):
    __tablename__ = "reflection"
    __table_args__ = (Index("ix_reflection_value_day", "value_id", "day"),)


class FeedbackBase(Stored):
    """A friend's note: where they see the person fall short of (or live up to) their values."""

    id: int | None = Field(default=None, primary_key=True)
    friend: Name
    received_on: date
    note: Words
    kind: FeedbackKind = Field(sa_type=CHOICE_COLUMN)
    value_id: Id | None = Field(default=None, foreign_key="value.id", index=True)
    state: FeedbackState = Field(default=states.NEW, sa_type=CHOICE_COLUMN)
    via_link: bool = Field(default=False)
    link_id: Id | None = Field(default=None, foreign_key="feedback_link.id", index=True)
    created_at: Instant
    updated_at: Instant


class Feedback(FeedbackBase, table=True):
    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_state_received", "state", "received_on"),
        Index("ix_feedback_received", "received_on", "id"),  # the newest page of all notes
    )


class RepairBase(Stored):
    """Who is owed an apology or a hard conversation, and whether it has been made good."""

    id: int | None = Field(default=None, primary_key=True)
    person: Name
    what: Words
    kind: RepairKind = Field(sa_type=CHOICE_COLUMN)
    value_id: Id | None = Field(default=None, foreign_key="value.id", index=True)
    target_date: date | None = Field(default=None)
    state: RepairState = Field(default=states.OWED, sa_type=CHOICE_COLUMN)
    planned_for: date | None = Field(default=None)
    done_at: Instant | None = Field(default=None)
    outcome_note: Text | None = Field(default=None)
    released_at: Instant | None = Field(default=None)
    release_reason: Reason | None = Field(default=None)
    feedback_id: Id | None = Field(default=None, foreign_key="feedback.id", index=True)
    created_at: Instant
    updated_at: Instant


class Repair(RepairBase, table=True):
    __tablename__ = "repair"
    __table_args__ = (
        Index("ix_repair_state_created", "state", "created_at"),
        Index("ix_repair_state_updated", "state", "updated_at"),  # the latest page of done or released
    )


class LinkBase(Stored):
    """A link a friend can use to leave notes. Only the SHA-256 of its token is kept: a stolen copy of the
    store cannot be used to post as that friend."""

    id: int | None = Field(default=None, primary_key=True)
    friend: Name
    token_sha256: Digest = Field(sa_type=DIGEST_COLUMN, unique=True)
    allow_values: bool = Field(default=False)
    created_at: Instant
    expires_at: Instant | None = Field(default=None)
    revoked_at: Instant | None = Field(default=None)


class FeedbackLink(LinkBase, table=True):
    __tablename__ = "feedback_link"


class UsedFormToken(Stored, table=True):
    """A friend's form that has sent its note (the SHA-256 of its token): posting the same form again,
    by a reload or a second tap, stores nothing more. Kept a day, past the form's own four hours."""

    __tablename__ = "used_form_token"

    digest: str = Field(primary_key=True, sa_type=DIGEST_COLUMN)
    used_at: datetime = Field(index=True)


class ValuesReviewBase(Stored):
    """A values review the person saved: its day and period, the gaps it showed, the changes made to the
    list from it (the revisions' summaries, as they read then), and the person's note."""

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    period_from: date
    period_to: date
    gaps: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    changes: list[Text] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: Text = Field(default="")
    created_at: Instant


class ValuesReview(ValuesReviewBase, table=True):
    __tablename__ = "values_review"


class WeekQuestionBase(Stored):
    """The question a weekly review set for a week, in the person's words; every card of that week asks it."""

    id: int | None = Field(default=None, primary_key=True)
    week_start: date  # the week's Monday
    text: Prompt
    created_at: Instant
    updated_at: Instant


class WeekQuestion(WeekQuestionBase, table=True):
    __tablename__ = "week_question"
    __table_args__ = (UniqueConstraint("week_start", name="uq_week_question_week"),)


class Setting(Stored, table=True):
    """One chosen setting, as text (``core.settings`` reads and checks it); exported as one mapping."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str


class ReminderLog(Stored, table=True):
    """Which reminder went out for which day, so that no reminder goes out twice, from any process."""

    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("kind", "day", name="uq_reminder_log_kind_day"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    day: date
    fired_at: datetime


class OwnerPassphrase(Stored, table=True):
    """The owner's passphrase for the served app, as an Argon2id hash only (one row at most)."""

    __tablename__ = "owner_passphrase"

    id: int = Field(default=1, primary_key=True)
    argon2_hash: str
    set_at: datetime


class PushDeviceBase(Stored):
    """A phone or browser that gets reminders by Web Push: its push service's address for it and the keys
    its payloads are encrypted to (from the browser's ``PushSubscription``), and how the last push went."""

    id: int | None = Field(default=None, primary_key=True)
    endpoint: str = Field(unique=True)
    p256dh: str = Field(max_length=128)  # base64url of the browser's P-256 point (65 bytes)
    auth: str = Field(max_length=64)  # base64url of its 16-byte auth secret
    user_agent: str | None = Field(default=None, max_length=512)
    added_at: datetime
    last_sent_at: datetime | None = Field(default=None)
    last_result: str | None = Field(default=None, max_length=200)


class PushDevice(PushDeviceBase, table=True):
    __tablename__ = "push_device"


class PushSent(Stored, table=True):
    """Which reminder went to which device on which day, so that a restart or a catch-up never pushes twice."""

    __tablename__ = "push_sent"
    __table_args__ = (UniqueConstraint("device_id", "kind", "day", name="uq_push_sent_device_kind_day"),)

    id: int | None = Field(default=None, primary_key=True)
    device_id: int = Field(foreign_key="push_device.id", index=True)
    kind: str = Field(max_length=16)
    day: date
    sent_at: datetime


class VapidKey(Stored, table=True):
    """The server's VAPID key pair, made on first use (one row at most): push services know this server by
    its public key, so it must outlive a restart and travel with a backup or a move."""

    __tablename__ = "vapid_key"

    id: int = Field(default=1, primary_key=True)
    private_pem: str
    public_key: str = Field(max_length=128)  # base64url of the uncompressed P-256 point
    created_at: datetime
