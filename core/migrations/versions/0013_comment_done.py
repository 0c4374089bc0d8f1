"""comment done: a client's comment marked done records who settled it and when

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-01 12:30:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0013'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('done_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.alter_column('done_by', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('done_by')
        batch_op.drop_column('done_at')
