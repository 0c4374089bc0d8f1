"""review links: the client's link to one sent calendar, the HTML review file, the server secret

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-01 15:10:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0018'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reviewlink',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('snapshot_id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('capability', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('pin_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('pin_failures', sa.Integer(), nullable=False),
        sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('answered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['snapshot_id'], ['exportsnapshot.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_reviewlink_brand_id'), 'reviewlink', ['brand_id'], unique=False)
    op.create_index(op.f('ix_reviewlink_snapshot_id'), 'reviewlink', ['snapshot_id'], unique=False)
    op.create_index(op.f('ix_reviewlink_token_hash'), 'reviewlink', ['token_hash'], unique=True)
    op.create_table(
        'serversecret',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('serversecret')
    op.drop_index(op.f('ix_reviewlink_token_hash'), table_name='reviewlink')
    op.drop_index(op.f('ix_reviewlink_snapshot_id'), table_name='reviewlink')
    op.drop_index(op.f('ix_reviewlink_brand_id'), table_name='reviewlink')
    op.drop_table('reviewlink')
