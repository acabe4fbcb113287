"""Alembic's environment: always given a connection by valuesapp.store.migrations.run."""

from alembic import context
from sqlmodel import SQLModel

from valuesapp.store import tables

tables.load_all()  # every family's tables on SQLModel.metadata (a command loads only those it reads)
target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through valuesapp.store.migrations.run, which passes a connection.")



def include_name(name, type_, _parent_names) -> bool:
    """Autogenerate leaves alone what the models do not describe: the FTS5 search index of 0004."""
    return not (type_ == "table" and name is not None and name.startswith("reflection_search"))


context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
