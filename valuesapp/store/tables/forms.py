"""The friends' forms that have already sent their note (a table of its own: it is read only when a
friend posts, never by a command or a screen)."""

from datetime import datetime

from sqlmodel import Field

from valuesapp.store.fields import DIGEST_COLUMN
from valuesapp.store.tables.stored import Stored


class UsedFormToken(Stored, table=True):
    """A friend's form that has sent its note (the SHA-256 of its token): posting the same form again,
    by a reload or a second tap, stores nothing more. Kept a day, past the form's own four hours."""

    __tablename__ = "used_form_token"

    digest: str = Field(primary_key=True, sa_type=DIGEST_COLUMN)
    used_at: datetime = Field(index=True)
