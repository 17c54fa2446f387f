"""sessions, token expiry, e-mail confirmation: users.session_version ends sessions on the
server; API tokens get an expiry and a scope; users.email_confirmed_at (existing users count as
confirmed when they registered)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 18:30:00.000000
"""
import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import marketplace.db

revision: str = '0010'
down_revision: str | Sequence[str] | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tokens made before expiry existed last the default 90 days from this upgrade.
EXISTING_TOKEN_DAYS = 90


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('email_confirmed_at',
                                      marketplace.db.UTCDateTime(timezone=True), nullable=True))
    users = sa.table('users', sa.column('created_at', marketplace.db.UTCDateTime()),
                     sa.column('email_confirmed_at', marketplace.db.UTCDateTime()))
    op.execute(users.update().values(email_confirmed_at=users.c.created_at))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', marketplace.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('scope', sa.Enum('read', 'read_write', name='tokenscope',
                                                       native_enum=False, length=32),
                                      nullable=False, server_default='read_write'))
    tokens = sa.table('api_tokens', sa.column('expires_at', marketplace.db.UTCDateTime()))
    expiry = dt.datetime.now(dt.UTC) + dt.timedelta(days=EXISTING_TOKEN_DAYS)
    op.execute(tokens.update().values(expires_at=expiry))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=marketplace.db.UTCDateTime(timezone=True),
                              nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('scope')
        batch_op.drop_column('expires_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')
        batch_op.drop_column('session_version')
