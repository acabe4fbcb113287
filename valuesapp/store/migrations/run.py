"""Running Alembic from code, with its script folder inside the package (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

HERE = Path(__file__).parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_to_head(bind: Engine | Connection) -> None:
    """Upgrade on an engine (in a transaction of its own) or on a connection (inside the caller's)."""
    config = alembic_config()
    if isinstance(bind, Connection):
        config.attributes["connection"] = bind
        command.upgrade(config, "head")
        return
    with bind.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
