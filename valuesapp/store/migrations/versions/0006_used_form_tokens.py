"""the friend's forms that have sent their note, so a reload or a second tap stores no second note

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Only the SHA-256 of each used form token, and when it was used; rows older than a day are removed
as new notes arrive (a form token lives four hours). No link to the note or the link: an import that
replaces them is not held up by these.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "used_form_token",
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index("ix_used_form_token_used_at", "used_form_token", ["used_at"])


def downgrade() -> None:
    op.drop_index("ix_used_form_token_used_at", table_name="used_form_token")
    op.drop_table("used_form_token")
