"""crisis file: the brand's file prepared in calm times; a crisis's gravity, type, ticks,
rescheduling proposals and lessons

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 12:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crisisfile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('risks', sa.JSON(), nullable=False),
    sa.Column('team', sa.JSON(), nullable=False),
    sa.Column('chain', sa.JSON(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('charter', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('brand_id')
    )
    # Plain ADD COLUMN (no batch copy of crisis, whose log cascades from it); the empty
    # server defaults fill the crises already recorded.
    op.add_column('crisis', sa.Column('gravity', sa.Integer(), nullable=True))
    op.add_column('crisis', sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                      server_default=''))
    op.add_column('crisis', sa.Column('risk', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False,
                                      server_default=''))
    for name in ('checks', 'proposals', 'lessons'):
        op.add_column('crisis', sa.Column(name, sa.JSON(), nullable=False, server_default='{}'))


def downgrade() -> None:
    for name in ('lessons', 'proposals', 'checks', 'risk', 'kind', 'gravity'):
        op.drop_column('crisis', name)
    op.drop_table('crisisfile')
