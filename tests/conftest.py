"""Shared fixtures: databases (SQLite and PostgreSQL) and one spaCy pipeline per session.

The French pipeline takes 5 to 7 s to load here, so every test that needs it shares the
one that ``core.language.nlp.get_nlp`` caches for the process.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from core import db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "tests" / "artifacts"
PG_URL = os.environ.get("CALAME_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pytest_collection_modifyitems(config, items):
    """How ``make test`` spreads the suite over its workers (``-n 2 --dist loadgroup``): a test
    module stays on one worker, so its module fixtures (a planned year, a started app) are built
    once; the browser modules share one worker, because each starts an app and a chromium and two
    at once on two cores miss their timeouts."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = "browser" if item.get_closest_marker("browser") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


def _pg_reachable() -> str | None:
    """None when the server answers, otherwise the reason it does not."""
    try:
        engine = db.make_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: no server to test against
        return f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'calame.db'}")
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _pg_schema():
    reason = _pg_reachable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true requires PostgreSQL: {reason}")
        pytest.skip(reason)
    schema = f"calame_test_{uuid.uuid4().hex[:10]}"
    admin = db.make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    yield schema
    with admin.begin() as conn:
        conn.execute(text(f'drop schema "{schema}" cascade'))
    admin.dispose()


@pytest.fixture
def pg_engine(_pg_schema):
    """A fresh schema per test: each test sees an empty, migrated database."""
    schema = f"{_pg_schema}_{uuid.uuid4().hex[:6]}"
    admin = db.make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    engine = db.make_engine(PG_URL, schema=schema)
    db.upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'drop schema "{schema}" cascade'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request):
    """The data layer's tests run once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")


@pytest.fixture
def session(engine):
    with db.transaction(engine) as s:
        yield s


@pytest.fixture(scope="session")
def nlp_fr():
    from core.language.nlp import get_nlp

    return get_nlp("fr")


@pytest.fixture(scope="session")
def nlp_en():
    from core.language.nlp import get_nlp

    return get_nlp("en")


@pytest.fixture
def demo_brand(engine):
    """The demo brand (Maison Lila) loaded into ``engine``; returns its id."""
    from core import demo

    demo.load_demo(engine)
    from sqlmodel import Session, select

    from core.models import Brand

    with Session(engine) as s:
        return s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
