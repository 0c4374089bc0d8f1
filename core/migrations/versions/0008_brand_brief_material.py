"""brand brief material: the brief's message, offers, rubrics and moment preferences

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01 12:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None

COLUMNS = (('message', '{}'), ('offers', '[]'), ('rubrics', '[]'), ('moment_settings', '{}'),
           ('brand_moments', '[]'))


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of brand: on SQLite (foreign keys on) dropping
    # the old table would cascade to every objective, persona, pillar and post of the brand.
    # Existing brands get empty values; the server default stays (the models do not compare defaults).
    for name, empty in COLUMNS:
        op.add_column('brand', sa.Column(name, sa.JSON(), nullable=False, server_default=empty))


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column('brand', name)  # ALTER TABLE DROP COLUMN (SQLite 3.35+), for the same reason
