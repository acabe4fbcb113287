"""indexes for the paged Feedback and Repairs screens: the newest notes, the latest closed repairs

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

With ten years of notes and repairs, a page of the newest 30 otherwise sorted every row (1,500 notes,
600 repairs, long texts included) on each visit.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_feedback_received", "feedback", ["received_on", "id"])
    op.create_index("ix_repair_state_updated", "repair", ["state", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_repair_state_updated", table_name="repair")
    op.drop_index("ix_feedback_received", table_name="feedback")
