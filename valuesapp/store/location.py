"""Where the person's data lives unless they say otherwise: the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path


from valuesapp.core.errors import UserError
from valuesapp.store.peek import default_file
from valuesapp.store.urls import database_url

ENV_VAR = "VALUESAPP_DB"


def default_database() -> Path:
    return default_file()


def chosen_database(explicit: str | None = None) -> str:
    """``--db`` wins, then ``VALUESAPP_DB``, then the default file in the user data folder.

    A choice valuesapp cannot use is refused here, naming where it came from: a wrong URL in the
    environment is otherwise hard to find."""
    for source, target in (("--db", explicit), (ENV_VAR, os.environ.get(ENV_VAR))):
        if target:
            try:
                database_url(target)
            except UserError as exc:
                raise UserError(f"{source}: {exc.message}") from None
            return target
    return str(default_database())
