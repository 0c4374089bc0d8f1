"""crisis: a brand's crisis, the posts it suspended, and its dated log

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-03 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crisis',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('open_for', sa.Integer(), nullable=True),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('started_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('ended_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('suspended', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('open_for', name='uq_crisis_open_once')
    )
    op.create_index(op.f('ix_crisis_brand_id'), 'crisis', ['brand_id'], unique=False)
    op.create_table('crisislogentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('crisis_id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['crisis_id'], ['crisis.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_crisislogentry_crisis_id'), 'crisislogentry', ['crisis_id'], unique=False)


def downgrade() -> None:
    # Posts a crisis left suspended go back to approval: without the crisis table nothing would say why.
    op.execute("update post set status = 'a_valider' where status = 'suspendu'")
    op.drop_index(op.f('ix_crisislogentry_crisis_id'), table_name='crisislogentry')
    op.drop_table('crisislogentry')
    op.drop_index(op.f('ix_crisis_brand_id'), table_name='crisis')
    op.drop_table('crisis')
