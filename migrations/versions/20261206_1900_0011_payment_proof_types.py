"""payment proof types: proofs of payment keep their sniffed type, size and digest, as mediation
documents do, so they are served with a safe content type

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 19:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0011'
down_revision: str | Sequence[str] | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('licence_payments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proof_file_kind', sa.Enum(
            'pdf', 'png', 'jpeg', 'text', 'docx', 'xlsx', name='filekind', native_enum=False,
            length=32), nullable=True))
        batch_op.add_column(sa.Column('proof_file_size', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column(
            'proof_file_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('licence_payments', schema=None) as batch_op:
        batch_op.drop_column('proof_file_sha256')
        batch_op.drop_column('proof_file_size')
        batch_op.drop_column('proof_file_kind')
