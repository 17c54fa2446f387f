"""calibrated relevance

Kept matches store their calibrated relevance (``need_matches.relevance``, 0..1; NULL until
``marketplace needs refresh`` recomputes them). Saved alerts no longer keep a reference score:
their threshold is now a percentage of calibrated relevance, not of the best match. The old
relative thresholds are rescaled by 0.6 (rounded, at least 1): the old default 50 % of the best
match becomes 30 % ("possible"), 100 % becomes 60 % ("strong"), so each SME's alert stays as
strict relative to the defaults as it was. Downgrading divides by 0.6 again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 18:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | Sequence[str] | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RESCALE = 0.6


def _rescale(factor: float, low: int, high: int) -> None:
    """Multiply every saved threshold by ``factor``, rounded, kept within ``low``..``high``."""
    saved = sa.table('saved_searches', sa.column('min_relevance', sa.Integer()))
    scaled = sa.func.round(saved.c.min_relevance * factor)
    op.execute(saved.update().values(min_relevance=sa.case(
        (scaled < low, low), (scaled > high, high), else_=scaled)))


def upgrade() -> None:
    with op.batch_alter_table('need_matches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('relevance', sa.Float(), nullable=True))
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.drop_column('reference_score')
    _rescale(_RESCALE, 1, 100)


def downgrade() -> None:
    _rescale(1 / _RESCALE, 1, 100)
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference_score', sa.Float(), nullable=True))
    with op.batch_alter_table('need_matches', schema=None) as batch_op:
        batch_op.drop_column('relevance')
