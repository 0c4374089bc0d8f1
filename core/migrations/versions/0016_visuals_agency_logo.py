"""visuals and agency logo: a post's uploaded image with its thumbnail; the workspace's
display name and logo for the client's documents

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-01 15:30:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0016'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'postvisual',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=False),
        sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('thumb', sa.LargeBinary(), nullable=False),
        sa.Column('thumb_mime', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column('uploaded_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('uploaded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['post_id'], ['post.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_postvisual_post_id'), 'postvisual', ['post_id'], unique=True)
    # Plain ADD COLUMN on workspace, never a batch copy: brands and memberships point to it.
    op.add_column('workspace', sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=120),
                                         nullable=False, server_default=''))
    op.add_column('workspace', sa.Column('logo', sa.LargeBinary(), nullable=True))
    op.add_column('workspace', sa.Column('logo_mime', sqlmodel.sql.sqltypes.AutoString(length=30),
                                         nullable=False, server_default=''))


def downgrade() -> None:
    op.drop_column('workspace', 'logo_mime')  # ALTER TABLE DROP COLUMN, never a batch copy
    op.drop_column('workspace', 'logo')
    op.drop_column('workspace', 'display_name')
    op.drop_index(op.f('ix_postvisual_post_id'), table_name='postvisual')
    op.drop_table('postvisual')
