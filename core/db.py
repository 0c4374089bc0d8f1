"""Database access: one engine factory, a transactional session helper, migrations.

``DATABASE_URL`` chooses the database; without it Calame uses the embedded SQLite file
``data/calame.db`` (git-ignored). SQLite runs in WAL mode with foreign keys on, so a
reader never blocks the writer and a deleted brand takes its rows with it. PostgreSQL
(``postgresql+psycopg://…``) is for teams.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "calame.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(RuntimeError):
    """A database problem explained for a person: what, and what to do next."""


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{DEFAULT_DB_PATH}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str | None = None, *, schema: str | None = None) -> Engine:
    """Build an engine for ``url`` (default: ``database_url()``).

    ``schema`` pins PostgreSQL's search path, which the tests use to isolate each run.
    """
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = {}
    if schema:
        connect_args["options"] = f"-csearch_path={schema}"
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: ``DATABASE_URL`` as it is now)."""
    return _engine_for(url or database_url())


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work commits whole at the end of the block, or rolls back whole."""
    session = Session(engine or get_engine(), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        raise DatabaseError(describe_operational_error(exc)) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def describe_operational_error(exc: OperationalError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    low = text.lower()
    if "locked" in low:
        return (
            "The database is locked by another program (La base est verrouillée par un autre "
            "programme). Nothing was saved; try again in a few seconds."
        )
    if "unable to open" in low or "readonly" in low or "read-only" in low:
        return (
            f"The database file cannot be opened for writing ({text}). Check that its folder "
            "exists and is writable, or point DATABASE_URL elsewhere; nothing was saved."
        )
    if "no such table" in low or "does not exist" in low:
        return (
            f"The database has no Calame tables ({text}). Run `python -m core db upgrade` to "
            "create or migrate it, or check DATABASE_URL."
        )
    if "connection" in low or "could not" in low:
        return (
            f"The database server cannot be reached ({text}). Check DATABASE_URL and that "
            "the server is running; nothing was saved."
        )
    return f"Database error: {text}"


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine | None = None) -> None:
    """Create or migrate the schema to the newest revision (idempotent)."""
    from alembic import command

    engine = engine or get_engine()
    try:
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        raise DatabaseError(describe_operational_error(exc)) from exc


def is_empty(engine: Engine | None = None) -> bool:
    """True when the schema exists but holds no brand."""
    from sqlmodel import select

    from core.models import Brand

    engine = engine or get_engine()
    if not inspect(engine).has_table("brand"):
        return True
    with Session(engine) as session:
        return session.exec(select(Brand.id).limit(1)).first() is None
