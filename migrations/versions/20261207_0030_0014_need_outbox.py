"""need outbox: needs waiting for their kept matches and patentee alerts

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 00:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import marketplace.db

revision: str = '0014'
down_revision: str | Sequence[str] | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('need_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('enqueued_at', marketplace.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_outbox_need_id_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_outbox'))
    )
    with op.batch_alter_table('need_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_outbox_need_id'), ['need_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('need_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_outbox_need_id'))

    op.drop_table('need_outbox')
