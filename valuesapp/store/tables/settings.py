"""The person's settings."""

from sqlmodel import Field

from valuesapp.store.tables.stored import Stored


class Setting(Stored, table=True):
    """One chosen setting, as text (``core.settings`` reads and checks it); exported as one mapping."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str
