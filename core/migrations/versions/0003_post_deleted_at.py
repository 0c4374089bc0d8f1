"""post deleted_at: a deleted post keeps its row, so undo restores its history and approvals

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    # Without the column a deleted post would come back to life: the old schema deletes for good.
    # Foreign keys are off while migrating SQLite (env.py): the rows that point at them go by hand.
    for child in ("postversion", "approval", "comment"):
        op.execute(f"delete from {child} where post_id in (select id from post where deleted_at is not null)")
    op.execute("delete from post where deleted_at is not null")
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')
