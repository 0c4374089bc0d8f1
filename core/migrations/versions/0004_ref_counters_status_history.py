"""reference counters, status history, ids never reused, brand names without control characters

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00.000000

- ``refcounter``: the last number given to each reference prefix, seeded from every post,
  deleted ones included, so that no reference in use (or once used) is given again.
- ``postversion.status``: versions record status changes too; older rows get "".
- ``post`` gets AUTOINCREMENT on SQLite (a table rebuild, with foreign keys off: see
  ``env.py``), so that a deleted post's id is never given to another post.
- Brand names lose their control characters (an ESC or a NUL typed into the name made
  the brief impossible to save again), unless the cleaned name is already taken.
"""

import re

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

REF = re.compile(r"^(CAL-\d{4}-\d{2}-|IDEE-)(\d+)$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

post = sa.table('post', sa.column('ref', sa.String))
brand = sa.table('brand', sa.column('id', sa.Integer), sa.column('name', sa.String))


def upgrade() -> None:
    counter = op.create_table('refcounter',
        sa.Column('prefix', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('last_number', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('prefix'),
    )
    conn = op.get_bind()
    last: dict[str, int] = {}
    for (ref,) in conn.execute(sa.select(post.c.ref)):
        match = REF.match(ref or "")
        if match:
            last[match[1]] = max(last.get(match[1], 0), int(match[2]))
    if last:
        op.bulk_insert(counter, [{"prefix": prefix, "last_number": n} for prefix, n in sorted(last.items())])

    with op.batch_alter_table('postversion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                      server_default=''))
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table('post', recreate='always', table_kwargs={"sqlite_autoincrement": True}):
            pass

    names = {name: id_ for id_, name in conn.execute(sa.select(brand.c.id, brand.c.name))}
    for name, id_ in names.items():
        cleaned = " ".join(CONTROL.sub(" ", name).split())
        if cleaned != name and cleaned and cleaned not in names:
            conn.execute(brand.update().where(brand.c.id == id_).values(name=cleaned))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table('post', recreate='always', table_kwargs={"sqlite_autoincrement": False}):
            pass
    with op.batch_alter_table('postversion', schema=None) as batch_op:
        batch_op.drop_column('status')
    op.drop_table('refcounter')
