"""Database access: one engine factory, a transactional session helper, migrations.

``DATABASE_URL`` chooses the database; without it Calame uses the embedded SQLite file
``data/calame.db`` (git-ignored). SQLite runs in WAL mode with foreign keys on, so a
reader never blocks the writer and a deleted brand takes its rows with it. PostgreSQL
(``postgresql+psycopg://…``) is for teams.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlalchemy.exc import DatabaseError as DriverError
from sqlmodel import Session, create_engine

from core.i18n import MessageError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "calame.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(MessageError):
    """A database problem explained for a person: what, and what to do next
    (``data/i18n/db.toml``)."""


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{DEFAULT_DB_PATH}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def display_url(url: str) -> str:
    """``url`` as it may be shown: the password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


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
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError("db.bad_url", url=display_url(url), detail=_detail(exc)) from exc
    try:
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
    except (FileExistsError, NotADirectoryError) as exc:
        folder = next(p for p in Path(parsed.database).parents if p.exists())
        raise DatabaseError("db.folder_is_file", where=display_url(url), folder=str(folder)) from exc
    except OSError as exc:
        raise DatabaseError("db.cannot_open", where=display_url(url), detail=exc.strerror or str(exc)) from exc
    except (ArgumentError, ImportError) as exc:  # an unknown dialect, or its driver not installed
        raise DatabaseError("db.bad_url", url=display_url(url), detail=_detail(exc)) from exc


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: ``DATABASE_URL`` as it is now)."""
    return _engine_for(url or database_url())


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


@contextmanager
def explained(engine: Engine) -> Iterator[None]:
    """Turn the driver's errors inside the block into a DatabaseError a person can act on.

    An ``IntegrityError`` passes through: the code that wrote the row knows what it means
    (a brand name already taken, for instance)."""
    try:
        yield
    except IntegrityError:
        raise
    except DriverError as exc:
        raise database_error(exc, engine) from exc


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work commits whole at the end of the block, or rolls back whole."""
    engine = engine or get_engine()
    session = Session(engine, expire_on_commit=False)
    try:
        with explained(engine):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
    finally:
        session.close()


def _detail(exc: BaseException) -> str:
    """The driver's own words, on one line (PostgreSQL's span several)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc)
    return " ".join(text.split()).removesuffix(".")


def database_error(exc: DriverError, engine: Engine) -> DatabaseError:
    """The DatabaseError that explains the driver's ``exc``, by what its text says."""
    detail = _detail(exc)
    low = detail.lower()
    where = engine.url.render_as_string(hide_password=True)
    if "locked" in low or "database is busy" in low:
        return DatabaseError("db.locked")
    if "file is not a database" in low or "file is encrypted" in low:
        return DatabaseError("db.not_a_database", where=where)
    if "unable to open" in low or "readonly" in low or "read-only" in low:
        return DatabaseError("db.cannot_open", where=where, detail=detail)
    if "connection" in low or "could not" in low or "server closed" in low or "timeout" in low:
        return DatabaseError("db.unreachable", where=where, detail=detail)
    if "no such table" in low or re.search(r"relation .* does not exist", low):
        return DatabaseError("db.no_tables", where=where, detail=detail)
    return DatabaseError("db.other", where=where, detail=detail)


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine | None = None) -> None:
    """Create or migrate the schema to the newest revision (idempotent)."""
    from alembic import command
    from alembic.util import CommandError

    engine = engine or get_engine()
    with explained(engine):
        try:
            command.upgrade(alembic_config(engine), "head")
        except CommandError as exc:
            revision = re.search(r"Can't locate revision identified by '([^']*)'", str(exc))
            if revision is None:
                raise
            raise DatabaseError("db.unknown_revision", where=engine.url.render_as_string(hide_password=True),
                                revision=revision[1]) from exc


def is_empty(engine: Engine | None = None) -> bool:
    """True when the schema exists but holds no brand."""
    from sqlmodel import select

    from core.models import Brand

    engine = engine or get_engine()
    with explained(engine):
        if not inspect(engine).has_table("brand"):
            return True
        with Session(engine) as session:
            return session.exec(select(Brand.id).limit(1)).first() is None
