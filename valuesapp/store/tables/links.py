"""Friends' links for leaving notes, and the forms that have already sent theirs."""

from datetime import datetime

from sqlmodel import Field

from valuesapp.store.fields import DIGEST_COLUMN, Digest, Instant, Name
from valuesapp.store.tables.stored import Stored


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
