"""the first tables

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 14:46:55.114383
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pause_start'), ['start'], unique=False)

    op.create_table('setting',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('archived_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('archive_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('value', schema=None) as batch_op:
        batch_op.create_index('ix_value_rank', ['rank'], unique=False)
    # Autogenerate cannot see expression indexes: titles are unique among active values, ignoring case.
    op.create_index(
        'uq_value_active_title', 'value', [sa.text('lower(title)')], unique=True,
        sqlite_where=sa.text('archived_at IS NULL'), postgresql_where=sa.text('archived_at IS NULL'),
    )

    op.create_table('daily_pick',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=False),
    sa.Column('strategy', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', name='uq_daily_pick_day')
    )
    with op.batch_alter_table('daily_pick', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_daily_pick_value_id'), ['value_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('friend', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('via_link', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_state_received', ['state', 'received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_value_id'), ['value_id'], unique=False)

    op.create_table('focus',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('cleared_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('reflection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reflection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reflection_day'), ['day'], unique=False)
        batch_op.create_index('ix_reflection_value_day', ['value_id', 'day'], unique=False)

    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('order_ids', sa.JSON(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_at'), ['at'], unique=False)

    op.create_table('value_prompt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('value_prompt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_value_prompt_value_id'), ['value_id'], unique=False)

    op.create_table('repair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('what', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('planned_for', sa.Date(), nullable=True),
    sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('outcome_note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('released_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('release_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], ),
    sa.ForeignKeyConstraint(['value_id'], ['value.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('repair', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_repair_feedback_id'), ['feedback_id'], unique=False)
        batch_op.create_index('ix_repair_state_created', ['state', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_value_id'), ['value_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('repair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_repair_value_id'))
        batch_op.drop_index('ix_repair_state_created')
        batch_op.drop_index(batch_op.f('ix_repair_feedback_id'))

    op.drop_table('repair')
    with op.batch_alter_table('value_prompt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_value_prompt_value_id'))

    op.drop_table('value_prompt')
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_at'))

    op.drop_table('revision')
    with op.batch_alter_table('reflection', schema=None) as batch_op:
        batch_op.drop_index('ix_reflection_value_day')
        batch_op.drop_index(batch_op.f('ix_reflection_day'))

    op.drop_table('reflection')
    op.drop_table('focus')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_value_id'))
        batch_op.drop_index('ix_feedback_state_received')

    op.drop_table('feedback')
    with op.batch_alter_table('daily_pick', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_daily_pick_value_id'))

    op.drop_table('daily_pick')
    op.drop_index('uq_value_active_title', table_name='value')
    with op.batch_alter_table('value', schema=None) as batch_op:
        batch_op.drop_index('ix_value_rank')

    op.drop_table('value')
    op.drop_table('setting')
    with op.batch_alter_table('pause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pause_start'))

    op.drop_table('pause')
