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


# --- a busy database, a database file gone (issue 10) ---------------------------------------

def _hold_the_write_lock(path):
    """Another program holding SQLite's write lock (an open BEGIN IMMEDIATE)."""
    import sqlite3

    other = sqlite3.connect(path, isolation_level=None)
    other.execute("begin immediate")
    return other


def test_a_save_refused_by_a_busy_database_is_retried_then_reported_with_nothing_written(tmp_path, monkeypatch):
    from sqlmodel import select

    from core.brands import create_brand
    from core.models import Brand

    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.1)
    path = tmp_path / "calame.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    heard = []
    other = _hold_the_write_lock(path)
    try:
        with pytest.raises(db.DatabaseError) as caught:
            db.retrying(lambda s: create_brand("Boulangerie Marcel", session=s), engine,
                        on_retry=lambda busy: heard.append(busy.message("fr")))
    finally:
        other.rollback()
        other.close()
    assert heard == ["La base de données est occupée par un autre enregistrement\u202f; nouvel essai (2/3)…",
                     "La base de données est occupée par un autre enregistrement\u202f; nouvel essai (3/3)…"]
    assert (caught.value.key, caught.value.message("en")) == (
        "db.not_saved", "The database stayed busy after 3 tries: nothing was saved. What you typed is kept; "
                        "try again in a few seconds.")
    with db.transaction(engine) as s:
        assert s.exec(select(Brand.name)).all() == []
    engine.dispose()


def test_a_save_that_finds_the_database_free_again_on_its_second_try_is_saved(tmp_path, monkeypatch):
    from core.brands import create_brand

    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.1)
    path = tmp_path / "calame.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    other = _hold_the_write_lock(path)
    heard = []

    def free_the_lock(busy):
        heard.append(busy.params)
        other.rollback()

    name = db.retrying(lambda s: create_brand("Boulangerie Marcel", session=s).name, engine, on_retry=free_the_lock)
    other.close()
    assert (name, heard) == ("Boulangerie Marcel", [{"attempt": 2, "tries": 3}])
    engine.dispose()


@pytest.mark.postgres
def test_two_saves_that_deadlock_on_postgresql_are_both_saved_after_a_retry(pg_engine):
    import threading

    from sqlalchemy import text as sql

    from core.brands import create_brand
    from core.models import Post
    from core.posts import create_post, save_post

    with db.transaction(pg_engine) as s:
        brand_id = create_brand("Maison Lila", session=s).id
        ids = [create_post(brand_id, session=s, network="instagram", publish_at=None, text=f"Idée {n}").id
               for n in (1, 2)]
    barrier, attempts, outcome = threading.Barrier(2, timeout=10), [], {}

    def work(first, second, who):
        def unit(s):
            attempts.append(who)
            s.execute(sql("update post set internal_notes = :who where id = :id"), {"who": who, "id": first})
            if attempts.count(who) == 1:
                barrier.wait()  # both hold their first row: each now waits for the other's
            version = s.get(Post, second).version
            return save_post(second, version, {"text": f"Texte de {who}"}, session=s, saved_by=who).version
        try:
            outcome[who] = db.retrying(unit, pg_engine)
        except Exception as exc:  # reported to the test, whatever its kind
            outcome[who] = f"{exc.__class__.__name__}: {exc}"

    threads = [threading.Thread(target=work, args=(ids[0], ids[1], "Léa")),
               threading.Thread(target=work, args=(ids[1], ids[0], "Hugo"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert sorted(outcome) == ["Hugo", "Léa"] and all(isinstance(v, int) for v in outcome.values()), outcome
    assert len(attempts) == 3  # one of the two ran again after PostgreSQL's "deadlock detected"
    with db.transaction(pg_engine) as s:
        assert sorted(s.get(Post, i).text for i in ids) == ["Texte de Hugo", "Texte de Léa"]


def test_a_database_file_deleted_while_calame_runs_is_refused_instead_of_losing_the_saves(tmp_path):
    from sqlmodel import select

    from core.brands import create_brand
    from core.models import Brand

    path = tmp_path / "calame.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with db.transaction(engine) as s:
        create_brand("Maison Lila", session=s)
    path.unlink()
    with pytest.raises(db.DatabaseError) as caught:
        with db.transaction(engine) as s:
            create_brand("Boulangerie Marcel", session=s)
    assert caught.value.message("fr") == (
        f"Le fichier de la base de données sqlite:///{path} a été supprimé pendant que Calame tournait\u202f: "
        "rien n'a été enregistré. Remettez-le en place (depuis une sauvegarde), puis redémarrez Calame.")
    engine.dispose()
    with pytest.raises(db.DatabaseError) as caught:  # nor is an empty file made in its place
        with db.transaction(engine) as s:
            s.exec(select(Brand.name)).all()
    assert (caught.value.key, path.exists()) == ("db.file_gone", False)


def test_a_database_file_replaced_while_calame_runs_is_refused_until_calame_opens_it_again(tmp_path):
    import shutil

    from sqlmodel import select

    from core.brands import create_brand
    from core.models import Brand

    path = tmp_path / "calame.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with db.transaction(engine) as s:
        create_brand("Maison Lila", session=s)
    engine.dispose()
    shutil.copy(path, tmp_path / "sauvegarde.db")
    engine = db.make_engine(f"sqlite:///{path}")
    with db.transaction(engine) as s:
        create_brand("Boulangerie Marcel", session=s)
    (tmp_path / "sauvegarde.db").replace(path)  # a restore from last night's backup
    with pytest.raises(db.DatabaseError) as caught:
        with db.transaction(engine) as s:
            create_brand("Fromagerie Dupont", session=s)
    assert caught.value.key == "db.file_replaced"
    engine.dispose()
    reopened = db.make_engine(f"sqlite:///{path}")
    with db.transaction(reopened) as s:
        assert "Fromagerie Dupont" not in s.exec(select(Brand.name)).all()
        create_brand("Fromagerie Dupont", session=s)  # opened again, the restored file takes saves
    reopened.dispose()
