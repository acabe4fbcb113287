"""friends' feedback links and the owner's passphrase hash

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("friend", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("token_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("allow_values", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_sha256"),
    )
    op.create_table(
        "owner_passphrase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("argon2_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("set_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # SQLite adds a column with its REFERENCES clause in place; a batch rebuild would have to drop the
    # feedback table, which the repairs pointing at it (foreign keys on) do not allow.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE feedback ADD COLUMN link_id INTEGER REFERENCES feedback_link (id)")
    else:
        op.add_column("feedback", sa.Column("link_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_feedback_link_id", "feedback", "feedback_link", ["link_id"], ["id"])
    op.create_index("ix_feedback_link_id", "feedback", ["link_id"])


def downgrade() -> None:
    op.drop_index("ix_feedback_link_id", "feedback")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_feedback_link_id", "feedback", type_="foreignkey")
    op.drop_column("feedback", "link_id")  # SQLite 3.35+ drops a column without a rebuild
    op.drop_table("owner_passphrase")
    op.drop_table("feedback_link")
