"""Database access: one engine factory, a transactional session helper, migrations.

``DATABASE_URL`` chooses the database; without it Calame uses the embedded SQLite file
``data/calame.db`` (git-ignored). SQLite runs in WAL mode with foreign keys on, so a
reader never blocks the writer and a deleted brand takes its rows with it. PostgreSQL
(``postgresql+psycopg://…``) is for teams.

A busy database (SQLite's single writer, a PostgreSQL deadlock) is waited for, then
``retrying`` runs the whole unit of work again a few times before saying "not saved, try
again". An SQLite file deleted or replaced while Calame runs is refused before any
transaction: SQLite would go on writing into the unlinked file, and every later save
would be lost.
"""

from __future__ import annotations

import os
import random
import re
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlalchemy.exc import DatabaseError as DriverError
from sqlmodel import Session, create_engine

from core.accounts import context
from core.accounts import guard as _guard  # noqa: F401  (registers the permission checks on every session)
from core.i18n import MessageError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "calame.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 5  # how long SQLite waits for the other writer before giving up a statement
TRIES = 3  # units of work run again by ``retrying`` when the database stays busy
BUSY_SQLSTATES = {"40001", "40P01", "55P03"}  # PostgreSQL: serialization failure, deadlock, lock not available
T = TypeVar("T")


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
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


class _FileWatch:
    """The identity (device, inode) of an SQLite file when the engine first opened it.

    Checked when a transaction begins: a file deleted or replaced since (a cleaning tool,
    a restore, a sync client) is refused rather than written into while unlinked.
    """

    def __init__(self, path: Path, where: str):
        self.path, self.where = path, where
        self.identity: tuple[int, int] | None = None

    def _current(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return st.st_dev, st.st_ino

    def connected(self, _dbapi_connection, _record) -> None:
        if self.identity is None:
            self.identity = self._current()

    def check(self, *_args) -> None:
        current = self._current()
        if self.identity is not None and current != self.identity:
            raise DatabaseError("db.file_gone" if current is None else "db.file_replaced", where=self.where)


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
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
            if parsed.database and parsed.database != ":memory:":
                watch = _FileWatch(Path(parsed.database).resolve(), display_url(url))
                event.listen(engine, "do_connect", watch.check)  # before SQLite creates a new, empty file
                event.listen(engine, "connect", watch.connected)
                event.listen(engine, "begin", watch.check)
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


def retrying(work: Callable[[Session], T], engine: Engine | None = None, *, tries: int = TRIES,
             on_retry: Callable[[DatabaseError], None] | None = None) -> T:
    """``work(session)`` in a transaction, run again (up to ``tries`` times in all, after a
    growing pause) while the database stays busy; its result.

    ``on_retry`` hears each new attempt ("busy, retrying 2/3", ``db.busy_retrying``), so a
    screen can say it is waiting. When the last attempt is refused too, a DatabaseError
    ``db.not_saved`` says that nothing was saved and to try again; the caller keeps what the
    person typed. ``work`` must be safe to run again: everything it did was rolled back.
    """
    attempt = 1
    while True:
        try:
            with transaction(engine) as session:
                return work(session)
        except DatabaseError as exc:
            if exc.key != "db.locked":
                raise
            if attempt >= tries:
                raise DatabaseError("db.not_saved", tries=tries) from exc
        attempt += 1
        if on_retry is not None:
            on_retry(DatabaseError("db.busy_retrying", attempt=attempt, tries=tries))
        time.sleep(0.2 * 2 ** (attempt - 2) * (1 + random.random()))


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
    if "locked" in low or "database is busy" in low or \
            getattr(getattr(exc, "orig", None), "sqlstate", None) in BUSY_SQLSTATES:
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
        with Session(engine) as session, context.system():  # whether any brand exists, whoever may see it
            return session.exec(select(Brand.id).limit(1)).first() is None
