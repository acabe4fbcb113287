"""What every table and base shares."""

from pydantic import ConfigDict
from sqlmodel import SQLModel


class Stored(SQLModel):
    """What every table and base shares: pydantic builds a model's validator the first time one is
    checked, not when the module loads (a command that checks none, like ``valuesapp today``, builds
    none: at import, schema generation for the forty-odd models was most of a short command's start-up).
    A row read from the store is never checked again, so most commands never build one."""

    model_config = ConfigDict(defer_build=True)
