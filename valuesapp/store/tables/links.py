"""Friends' links for leaving notes."""

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
