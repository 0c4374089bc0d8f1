"""comment answer: the team's written answers to a comment, with who and when

Revision ID: 0015
Revises: 0018
Create Date: 2026-12-01 15:20:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0015'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('commentanswer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_commentanswer_comment_id'), 'commentanswer', ['comment_id'], unique=False)
    op.create_index(op.f('ix_commentanswer_post_id'), 'commentanswer', ['post_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_commentanswer_post_id'), table_name='commentanswer')
    op.drop_index(op.f('ix_commentanswer_comment_id'), table_name='commentanswer')
    op.drop_table('commentanswer')
