"""comment dedupe: a client comment is stored once, and flagged when its row was in conflict

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00.000000

Existing comments get their body hash; duplicates left by concurrent imports (same post,
source, author and text) are removed, the first one kept, before the unique key is added.
"""

import hashlib

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('conflict', sa.Boolean(), nullable=False, server_default=sa.false()))
    conn = op.get_bind()
    comment = sa.table('comment', sa.column('id', sa.Integer), sa.column('post_id', sa.Integer),
                       sa.column('source', sa.String), sa.column('author', sa.String),
                       sa.column('body', sa.String), sa.column('body_hash', sa.String))
    seen, duplicates = set(), []
    for row in conn.execute(sa.select(comment.c.id, comment.c.post_id, comment.c.source, comment.c.author,
                                      comment.c.body).order_by(comment.c.id)):
        digest = hashlib.sha256((row.body or '').encode('utf-8')).hexdigest()
        key = (row.post_id, row.source, row.author, digest)
        if key in seen:
            duplicates.append(row.id)
            continue
        seen.add(key)
        conn.execute(comment.update().where(comment.c.id == row.id).values(body_hash=digest))
    if duplicates:
        conn.execute(comment.delete().where(comment.c.id.in_(duplicates)))
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.alter_column('body_hash', server_default=None)
        batch_op.alter_column('conflict', server_default=None)
        batch_op.create_unique_constraint('uq_comment_once', ['post_id', 'source', 'author', 'body_hash'])


def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint('uq_comment_once', type_='unique')
        batch_op.drop_column('conflict')
        batch_op.drop_column('body_hash')
