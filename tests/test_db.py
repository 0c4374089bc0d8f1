from sqlalchemy import inspect

from core import db


def test_upgrade_creates_every_table_and_is_idempotent(engine):
    db.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"brand", "objective", "persona", "channel", "pillar", "keywordset", "keyword", "post",
            "postversion", "exportsnapshot", "approval", "comment", "alembic_version"} <= tables
