"""post review: a junior's (or, when the workspace asks, a CM's) post waits for an internal review

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-01 15:10:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of post: on SQLite (foreign keys on) dropping the
    # old table would cascade to its versions, approvals and comments (see 0006). Posts
    # written before accounts need no review: the server default says so.
    op.add_column('post', sa.Column('needs_review', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('post', sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False,
                                    server_default=''))
    op.add_column('post', sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    # Foreign keys are off while migrating SQLite (env.py): the batch copy keeps every child row.
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by')
        batch_op.drop_column('needs_review')
