"""Where the person's data lives unless they say otherwise: the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "VALUESAPP_DB"


def default_database() -> Path:
    return Path(user_data_dir("valuesapp", appauthor=False)) / "valuesapp.db"


def chosen_database(explicit: str | None = None) -> str:
    """``--db`` wins, then ``VALUESAPP_DB``, then the default file in the user data folder."""
    return explicit or os.environ.get(ENV_VAR) or str(default_database())
