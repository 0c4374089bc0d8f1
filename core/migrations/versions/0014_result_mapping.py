"""result mapping: a brand's saved reading of an export Calame has no fixed format for

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 15:15:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'resultmapping',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('mapping', sa.JSON(), nullable=False),
        sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('brand_id', 'signature', name='uq_result_mapping_signature'),
        sa.UniqueConstraint('brand_id', 'name', name='uq_result_mapping_name'),
    )
    op.create_index(op.f('ix_resultmapping_brand_id'), 'resultmapping', ['brand_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_resultmapping_brand_id'), table_name='resultmapping')
    op.drop_table('resultmapping')
