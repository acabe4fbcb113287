"""Web Push: the devices that get reminders, what went to each, and the server's key."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from valuesapp.store.tables.stored import Stored


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
