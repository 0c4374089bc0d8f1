"""objective targets and proposals: each KPI as a structured target, the plan changes the results suggest

Revision ID: 0009
Revises: 0012
Create Date: 2026-12-01 12:00:00.000000

Today's free-text KPIs are parsed (``core.results.targets.parse_kpi``, relative months read
from the day of the upgrade); a text that does not parse keeps its words and no target.
"""

from datetime import date

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN with an empty server default (the models do not compare defaults).
    op.add_column('objective', sa.Column('metric', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                         server_default=''))
    op.add_column('objective', sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False,
                                         server_default=''))
    op.add_column('objective', sa.Column('target', sa.Float(), nullable=True))
    op.add_column('objective', sa.Column('target_unit', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                         server_default=''))
    op.add_column('objective', sa.Column('period_start', sa.Date(), nullable=True))
    op.add_column('objective', sa.Column('period_end', sa.Date(), nullable=True))
    op.add_column('objective', sa.Column('baseline', sa.Float(), nullable=True))
    op.create_table(
        'proposal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('change', sa.JSON(), nullable=False),
        sa.Column('evidence', sa.JSON(), nullable=False),
        sa.Column('period_from', sa.Date(), nullable=False),
        sa.Column('period_to', sa.Date(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_proposal_brand_id'), 'proposal', ['brand_id'], unique=False)
    _parse_existing_kpis()


def _parse_existing_kpis() -> None:
    from core.results.targets import parse_kpi

    conn = op.get_bind()
    objective = sa.table('objective', sa.column('id'), sa.column('kpi'), sa.column('metric'),
                         sa.column('network'), sa.column('target'), sa.column('target_unit'),
                         sa.column('period_start'), sa.column('period_end'), sa.column('baseline'))
    today = date.today()
    for row_id, kpi in conn.execute(sa.select(objective.c.id, objective.c.kpi)).all():
        target = parse_kpi(kpi or "", today=today)
        if target is not None:
            conn.execute(objective.update().where(objective.c.id == row_id).values(**target.columns()))


def downgrade() -> None:
    op.drop_index(op.f('ix_proposal_brand_id'), table_name='proposal')
    op.drop_table('proposal')
    for column in ('baseline', 'period_end', 'period_start', 'target_unit', 'target', 'network', 'metric'):
        op.drop_column('objective', column)  # ALTER TABLE DROP COLUMN (SQLite 3.35+)
