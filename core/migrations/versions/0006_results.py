"""results: the networks' exports read back, posts measured, each figure with its source

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of post: on SQLite (foreign keys on) dropping
    # the old table would cascade to its versions, approvals and comments. The empty
    # server default stays (the models do not compare defaults).
    op.add_column('post', sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False,
                                    server_default=''))
    op.add_column('post', sa.Column('permalink', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False,
                                    server_default=''))
    op.create_table(
        'resultimport',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('exported_on', sa.Date(), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('brand_id', 'sha256', name='uq_result_import_file'),
    )
    op.create_index(op.f('ix_resultimport_brand_id'), 'resultimport', ['brand_id'], unique=False)
    op.create_table(
        'measuredpost',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('permalink', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('post_type', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=True),
        sa.Column('match', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('match_score', sa.Float(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['post.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('brand_id', 'network', 'key', name='uq_measured_post_key'),
    )
    op.create_index(op.f('ix_measuredpost_brand_id'), 'measuredpost', ['brand_id'], unique=False)
    op.create_index(op.f('ix_measuredpost_post_id'), 'measuredpost', ['post_id'], unique=False)
    op.create_table(
        'reading',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('measured_post_id', sa.Integer(), nullable=False),
        sa.Column('metric', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('exported_on', sa.Date(), nullable=False),
        sa.Column('age_days', sa.Float(), nullable=True),
        sa.Column('import_id', sa.Integer(), nullable=False),
        sa.Column('source_row', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['measured_post_id'], ['measuredpost.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['import_id'], ['resultimport.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('measured_post_id', 'metric', 'exported_on', name='uq_reading_once'),
    )
    op.create_index(op.f('ix_reading_measured_post_id'), 'reading', ['measured_post_id'], unique=False)
    op.create_index(op.f('ix_reading_import_id'), 'reading', ['import_id'], unique=False)


def downgrade() -> None:
    op.drop_table('reading')
    op.drop_table('measuredpost')
    op.drop_table('resultimport')
    op.drop_column('post', 'permalink')  # ALTER TABLE DROP COLUMN (SQLite 3.35+), for the same reason
    op.drop_column('post', 'external_id')
