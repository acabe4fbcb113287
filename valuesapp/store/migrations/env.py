"""Alembic's environment: always given a connection by valuesapp.store.migrations.run."""

from alembic import context
from sqlmodel import SQLModel

import valuesapp.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through valuesapp.store.migrations.run, which passes a connection.")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
