"""sentence embeddings

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 21:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import marketplace.db

revision: str = '0013'
down_revision: str | Sequence[str] | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('patent_sentence_embeddings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('vectors', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', marketplace.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_patent_sentence_embeddings_patent_id_patents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_sentence_embeddings')),
    sa.UniqueConstraint('patent_id', 'model', name=op.f('uq_patent_sentence_embeddings_patent_id_model'))
    )
    with op.batch_alter_table('patent_sentence_embeddings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patent_sentence_embeddings_patent_id'), ['patent_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('patent_sentence_embeddings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patent_sentence_embeddings_patent_id'))

    op.drop_table('patent_sentence_embeddings')
