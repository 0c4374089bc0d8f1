"""media planning: posts flagged to sponsor, paid lines, the brand's own costs

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 12:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on post, never a batch copy (see 0006).
    op.add_column('post', sa.Column('sponsor', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        'medialine',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=True),
        sa.Column('measured_post_id', sa.Integer(), nullable=True),
        sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('objective', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('amount', sa.Float(), nullable=False),
        sa.Column('daily', sa.Float(), nullable=False),
        sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column('start', sa.Date(), nullable=False),
        sa.Column('end', sa.Date(), nullable=False),
        sa.Column('audience', sa.JSON(), nullable=False),
        sa.Column('reason', sa.JSON(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['post.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['measured_post_id'], ['measuredpost.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_medialine_brand_id'), 'medialine', ['brand_id'], unique=False)
    op.create_index(op.f('ix_medialine_post_id'), 'medialine', ['post_id'], unique=False)
    op.create_table(
        'mediacost',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column('spent', sa.Float(), nullable=False),
        sa.Column('impressions', sa.Float(), nullable=False),
        sa.Column('clicks', sa.Float(), nullable=False),
        sa.Column('engagements', sa.Float(), nullable=False),
        sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('brand_id', 'network', name='uq_media_cost_network'),
    )
    op.create_index(op.f('ix_mediacost_brand_id'), 'mediacost', ['brand_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_mediacost_brand_id'), table_name='mediacost')
    op.drop_table('mediacost')
    op.drop_index(op.f('ix_medialine_post_id'), table_name='medialine')
    op.drop_index(op.f('ix_medialine_brand_id'), table_name='medialine')
    op.drop_table('medialine')
    op.drop_column('post', 'sponsor')  # ALTER TABLE DROP COLUMN, never a batch copy (see 0006)
