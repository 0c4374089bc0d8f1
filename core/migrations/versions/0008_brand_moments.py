"""brand moments: the brief's [moments] section and [[brand_moments]] items

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01 13:05:00

Idempotent: the brief's storage may add the same two columns; a column already there is left.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None

COLUMNS = (("moment_settings", "{}"), ("brand_moments", "[]"))


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("brand")}
    with op.batch_alter_table('brand', schema=None) as batch_op:
        for name, default in COLUMNS:
            if name not in present:
                batch_op.add_column(sa.Column(name, sa.JSON(), nullable=False, server_default=default))


def downgrade() -> None:
    with op.batch_alter_table('brand', schema=None) as batch_op:
        for name, _ in COLUMNS:
            batch_op.drop_column(name)
