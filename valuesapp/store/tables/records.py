"""What the running app keeps for itself: which reminders went out, and the owner's passphrase."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from valuesapp.store.tables.stored import Stored


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
