"""Helpers for Streamlit AppTest: a fresh database per test and the French labels."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def point_app_at(monkeypatch, url: str) -> None:
    """Make the app under test open the database at ``url``, not the one a previous test cached."""
    monkeypatch.setenv("DATABASE_URL", url)
    from pages import frame

    frame.get_engine.clear()


def fresh_app(monkeypatch, tmp_path, timeout: int = 60) -> AppTest:
    """The app on an empty SQLite database of its own (the demo brand loads on first run)."""
    point_app_at(monkeypatch, f"sqlite:///{tmp_path / 'app.db'}")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)


def demo_database(monkeypatch, tmp_path):
    """A SQLite database of its own, migrated, holding the demo brand (Maison Lila), that the app
    under test opens; the engine, for the test to write and read what the screen should show."""
    from core import db, demo

    url = f"sqlite:///{tmp_path / 'calame.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    point_app_at(monkeypatch, url)
    return engine


def open_app(page: str | None = None, timeout: int = 60) -> AppTest:
    """The whole app (app.py) run once, then on ``page`` (``"pages/results.py"``) when given."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def by_label(elements, label: str):
    for element in elements:
        if element.label == label:
            return element
    raise AssertionError(f"no widget labelled {label!r}; labels: {[e.label for e in elements]}")


def stored(query):
    """Run ``query`` on the database the app under test uses (``DATABASE_URL``)."""
    from sqlmodel import Session

    from core import db

    engine = db.make_engine()
    with Session(engine) as s:
        result = s.exec(query).all()
    engine.dispose()
    return result


def shown(markdown: str) -> str:
    """What a reader sees of a Markdown element's text: the escapes that keep user text
    literal (``pages.frame.md``) are not on screen."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")
