import pytest
from sqlalchemy import inspect

from core import db


def test_upgrade_creates_every_table_and_is_idempotent(engine):
    db.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"brand", "objective", "persona", "channel", "pillar", "keywordset", "keyword", "post",
            "postversion", "exportsnapshot", "approval", "comment", "alembic_version"} <= tables


def test_an_unusable_database_gives_a_message_with_the_next_step():
    engine = db.make_engine("sqlite:////proc/calame-cannot-write-here.db")
    with pytest.raises(db.DatabaseError) as caught:
        db.upgrade(engine)
    assert (caught.value.key, caught.value.params) == (
        "db.cannot_open", {"where": "sqlite:////proc/calame-cannot-write-here.db",
                           "detail": "unable to open database file"})
    assert caught.value.message("fr") == (
        "Impossible d'ouvrir la base de données sqlite:////proc/calame-cannot-write-here.db en écriture "
        "(unable to open database file). Vérifiez que son dossier existe et qu'on peut y écrire, ou "
        "indiquez une autre base dans DATABASE_URL\u202f; rien n'a été enregistré.")


def test_a_file_that_is_not_a_database_is_named_with_what_to_do(tmp_path):
    path = tmp_path / "calame.db"
    path.write_bytes("Notes de réunion, pas une base.\n".encode() * 100)
    with pytest.raises(db.DatabaseError) as caught:
        db.upgrade(db.make_engine(f"sqlite:///{path}"))
    assert caught.value.message("en") == (
        f"sqlite:///{path} is not an SQLite database (a damaged file, or a file of another kind). Point "
        "DATABASE_URL at the right database, or move this file away so that Calame creates a new one.")


def test_a_database_migrated_by_a_newer_calame_is_refused_with_its_revision(sqlite_engine):
    from sqlalchemy import text

    with sqlite_engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = 'f00dcafe2099'"))
    with pytest.raises(db.DatabaseError) as caught:
        db.upgrade(sqlite_engine)
    assert (caught.value.key, caught.value.params["revision"]) == ("db.unknown_revision", "f00dcafe2099")


@pytest.mark.parametrize("below", [("calame.db",), ("sauvegardes", "calame.db")])
def test_a_database_below_a_file_says_which_file_is_in_the_way(tmp_path, below):
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    path = tmp_path.joinpath("notes.txt", *below)
    with pytest.raises(db.DatabaseError) as caught:
        db.make_engine(f"sqlite:///{path}")
    assert caught.value.message("en") == (
        f"The database sqlite:///{path} cannot be created: {tmp_path / 'notes.txt'} is a file, not a "
        "folder. Point DATABASE_URL at another path.")


@pytest.mark.parametrize("url, detail", [
    ("n'importe quoi", "Could not parse SQLAlchemy URL from given URL string"),
    ("mysql://equipe:secret@serveur/calame", "No module named 'MySQLdb'"),
])
def test_a_database_url_calame_cannot_use_is_shown_without_its_password(url, detail):
    with pytest.raises(db.DatabaseError) as caught:
        db.make_engine(url)
    assert (caught.value.key, caught.value.params) == ("db.bad_url", {"url": url.replace(":secret@", ":***@"),
                                                                      "detail": detail})


def test_an_unreachable_server_names_the_server_without_its_password():
    engine = db.make_engine("postgresql+psycopg://equipe:secret@127.0.0.1:1/calame")
    with pytest.raises(db.DatabaseError) as caught:
        db.upgrade(engine)
    assert (caught.value.key, caught.value.params["where"]) == (
        "db.unreachable", "postgresql+psycopg://equipe:***@127.0.0.1:1/calame")
    assert "secret" not in caught.value.message("fr")


def test_the_database_error_is_rendered_in_the_pages_language():
    from core.i18n import t

    error = db.DatabaseError("db.locked")
    assert t("frame.db_error", "en", error=error) == (
        "The database is unavailable: The database is locked by another program (another Calame "
        "session, or a tool that has it open). Nothing was saved; try again in a few seconds.")
    assert t("frame.db_error", "fr", error=error).startswith(
        "La base de données est indisponible : La base de données est verrouillée")


def test_a_failed_write_rolls_back_the_whole_transaction(engine):
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
