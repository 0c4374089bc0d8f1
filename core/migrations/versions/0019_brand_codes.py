"""brand codes: each brand numbers its own posts (LILA-2027-03-001), old references stay aliases

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-01 19:00:00.000000

- ``brand.code``: the prefix of the brand's references, derived from its name
  (``core.brands.derive_code``: « Maison Lila » -> LILA), unique; brands in id order.
- ``refalias``: a post's former reference, still resolved (``core.posts.find_post``).
- Every post whose reference has the old shape (``CAL-2027-03-057``, ``IDEE-0007``) is
  renumbered under its brand's code, month by month in the order of its old numbers
  (``LILA-2027-03-001``…, ``LILA-IDEE-0001``…), and its old reference becomes an alias;
  deleted posts too (the calendar's undo gives them back). The counters of the new prefixes
  are set to the numbers given (and past any reference already in the new shape, a database
  downgraded and upgraded again); the old counters stay, so no old reference is ever given again.
- What holds references follows: the exports sent (``exportsnapshot.posts``), the review
  links' answers, the crises (suspended posts, proposals, log) and the media lines.
"""

import re
from collections import defaultdict

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0019'
down_revision = '0017'
branch_labels = None
depends_on = None

OLD_REF = re.compile(r"^(?:CAL-(\d{4})-(\d{2})-|IDEE-)(\d+)$")
NEW_REF = re.compile(r"^([A-Z][A-Z0-9]{2,5}-(?:\d{4}-\d{2}-|IDEE-))(\d+)$")

brand = sa.table('brand', sa.column('id', sa.Integer), sa.column('name', sa.String), sa.column('code', sa.String))
post = sa.table('post', sa.column('id', sa.Integer), sa.column('brand_id', sa.Integer), sa.column('ref', sa.String))
alias = sa.table('refalias', sa.column('ref', sa.String), sa.column('post_id', sa.Integer),
                 sa.column('created_at', sa.DateTime(timezone=True)))
counter = sa.table('refcounter', sa.column('prefix', sa.String), sa.column('last_number', sa.Integer))
snapshot = sa.table('exportsnapshot', sa.column('id', sa.Integer), sa.column('posts', sa.JSON))
link = sa.table('reviewlink', sa.column('id', sa.Integer), sa.column('answers', sa.JSON))
crisis = sa.table('crisis', sa.column('id', sa.Integer), sa.column('suspended', sa.JSON),
                  sa.column('proposals', sa.JSON))
log = sa.table('crisislogentry', sa.column('id', sa.Integer), sa.column('details', sa.JSON))
media = sa.table('medialine', sa.column('id', sa.Integer), sa.column('ref', sa.String))


def upgrade() -> None:
    from datetime import datetime, timezone

    from core.brands import derive_code

    # Plain ADD and DROP COLUMN on brand, never a batch copy (see 0012).
    op.add_column('brand', sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=True))
    op.create_index(op.f('ix_brand_code'), 'brand', ['code'], unique=True)
    op.create_table(
        'refalias',
        sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['post_id'], ['post.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ref'),
    )
    op.create_index(op.f('ix_refalias_post_id'), 'refalias', ['post_id'], unique=False)

    conn = op.get_bind()
    now = datetime.now(timezone.utc)
    codes: dict[int, str] = {}
    taken: set[str] = set()
    for id_, name in conn.execute(sa.select(brand.c.id, brand.c.name).order_by(brand.c.id)):
        codes[id_] = derive_code(name, taken)
        taken.add(codes[id_])
        conn.execute(brand.update().where(brand.c.id == id_).values(code=codes[id_]))

    refs = {ref for (ref,) in conn.execute(sa.select(post.c.ref))}
    by_prefix: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for id_, brand_id, ref in conn.execute(sa.select(post.c.id, post.c.brand_id, post.c.ref)):
        match = OLD_REF.match(ref or "")
        if match is None or brand_id not in codes:
            continue
        code = codes[brand_id]
        prefix = f"{code}-{match[1]}-{match[2]}-" if match[1] else f"{code}-IDEE-"
        by_prefix[prefix].append((int(match[3]), id_, ref))
    mapping: dict[str, str] = {}
    aliases, counters = [], []
    for prefix, items in sorted(by_prefix.items()):
        width = 4 if prefix.endswith("-IDEE-") else 3
        number = 0
        for _, id_, old in sorted(items):
            number += 1
            while f"{prefix}{number:0{width}d}" in refs:  # a reference given by hand in that shape
                number += 1
            new = f"{prefix}{number:0{width}d}"
            mapping[old] = new
            conn.execute(post.update().where(post.c.id == id_).values(ref=new))
            aliases.append({"ref": old, "post_id": id_, "created_at": now})
        counters.append((prefix, number))
    for (ref,) in conn.execute(sa.select(post.c.ref)):  # references already in the new shape
        match = NEW_REF.match(ref or "")
        if match and not OLD_REF.match(ref):
            counters.append((match[1], int(match[2])))
    if aliases:
        op.bulk_insert(alias, aliases)
    highest: dict[str, int] = {}
    for prefix, number in counters:
        highest[prefix] = max(highest.get(prefix, 0), number)
    existing = dict(conn.execute(sa.select(counter.c.prefix, counter.c.last_number)).all())
    for prefix, number in sorted(highest.items()):
        if prefix in existing:
            conn.execute(counter.update().where(counter.c.prefix == prefix)
                         .values(last_number=max(number, existing[prefix])))
        else:
            conn.execute(counter.insert().values(prefix=prefix, last_number=number))
    if mapping:
        _rewrite(conn, mapping)


def _rewrite(conn, mapping: dict[str, str]) -> None:
    def swap(items):
        return [dict(i, ref=mapping.get(i.get("ref"), i.get("ref"))) if isinstance(i, dict) else i
                for i in (items or [])]

    for id_, posts in conn.execute(sa.select(snapshot.c.id, snapshot.c.posts)).all():
        new = swap(posts)
        if new != posts:
            conn.execute(snapshot.update().where(snapshot.c.id == id_).values(posts=new))
    for id_, answers in conn.execute(sa.select(link.c.id, link.c.answers)).all():
        if isinstance(answers, dict) and isinstance(answers.get("rows"), dict):
            rows = {mapping.get(k, k): v for k, v in answers["rows"].items()}
            if rows != answers["rows"]:
                conn.execute(link.update().where(link.c.id == id_).values(answers=dict(answers, rows=rows)))
    for id_, suspended, proposals in conn.execute(sa.select(crisis.c.id, crisis.c.suspended,
                                                            crisis.c.proposals)).all():
        new_s = swap(suspended)
        new_p = {mapping.get(k, k): v for k, v in (proposals or {}).items()}
        if new_s != suspended or new_p != proposals:
            conn.execute(crisis.update().where(crisis.c.id == id_).values(suspended=new_s, proposals=new_p))
    for id_, details in conn.execute(sa.select(log.c.id, log.c.details)).all():
        if isinstance(details, dict) and details.get("ref") in mapping:
            conn.execute(log.update().where(log.c.id == id_).values(details=dict(details, ref=mapping[details["ref"]])))
    for id_, ref in conn.execute(sa.select(media.c.id, media.c.ref)).all():
        if ref in mapping:
            conn.execute(media.update().where(media.c.id == id_).values(ref=mapping[ref]))


def downgrade() -> None:
    # The posts take back the reference they had before brand codes; posts made since keep theirs.
    conn = op.get_bind()
    mapping: dict[str, str] = {}
    for old, post_id, current in conn.execute(
            sa.select(alias.c.ref, alias.c.post_id, post.c.ref).select_from(alias.join(post, post.c.id == alias.c.post_id))):
        if OLD_REF.match(old):
            mapping[current] = old
            conn.execute(post.update().where(post.c.id == post_id).values(ref=old))
    if mapping:
        _rewrite(conn, mapping)
    op.drop_index(op.f('ix_refalias_post_id'), table_name='refalias')
    op.drop_table('refalias')
    op.drop_index(op.f('ix_brand_code'), table_name='brand')
    op.drop_column('brand', 'code')
