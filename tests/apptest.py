"""Helpers for Streamlit AppTest: a fresh database per test and the French labels."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def fresh_app(monkeypatch, tmp_path, timeout: int = 60) -> AppTest:
    """The app on an empty SQLite database of its own (the demo brand loads on first run)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    from pages import frame

    frame.get_engine.clear()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)


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
