from sqlalchemy import inspect

from core import db


def test_upgrade_creates_every_table_and_is_idempotent(engine):
    db.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"brand", "objective", "persona", "channel", "pillar", "keywordset", "keyword", "post",
            "postversion", "exportsnapshot", "approval", "comment", "alembic_version"} <= tables


def test_an_unusable_database_gives_a_message_with_the_next_step():
    import pytest

    engine = db.make_engine("sqlite:////proc/calame-cannot-write-here.db")
    with pytest.raises(db.DatabaseError) as caught:
        db.upgrade(engine)
    assert str(caught.value) == (
        "The database file cannot be opened for writing (unable to open database file). Check that its "
        "folder exists and is writable, or point DATABASE_URL elsewhere; nothing was saved.")


def test_a_failed_write_rolls_back_the_whole_transaction(engine):
    import pytest
    from sqlmodel import select

    from core.models import Brand

    with pytest.raises(ZeroDivisionError):
        with db.transaction(engine) as s:
            s.add(Brand(name="Éphémère"))
            s.flush()
            1 / 0
    with db.transaction(engine) as s:
        assert s.exec(select(Brand)).all() == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(sqlite_engine):
    from sqlalchemy import text

    with sqlite_engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
        assert conn.execute(text("pragma foreign_keys")).scalar() == 1
