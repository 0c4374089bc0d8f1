from alembic import command
from sqlalchemy import text

from core import db


def test_a_database_made_by_the_first_release_upgrades_and_keeps_its_brands(engine):
    cfg = db.alembic_config(engine)
    command.downgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "insert into brand (name, sector, sector_other, country, timezone, languages, address, tone, emojis,"
            " words_to_avoid, hours_per_week, brand_hashtag, archived, created_at, updated_at) values"
            " ('Maison Lila', 'mode', '', 'FR', 'Europe/Paris', '[\"fr\"]', 'vous', 'courant', true, '[]', 14,"
            " '', false, '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')"))
    db.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("select name, plan_settings from brand")).all()
    assert [(name, settings if isinstance(settings, dict) else __import__("json").loads(settings))
            for name, settings in rows] == [("Maison Lila", {})]
