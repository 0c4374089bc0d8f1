"""The «\u00a0Crise\u00a0» screen: the button suspends the demo brand's scheduled posts and lists
them, the end button gives them back for approval; checkpoints and grids are shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, demo
from core.models import Post, utcnow
from core.posts import create_post
from tests.conftest import ROOT


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    now = utcnow()
    with db.transaction(engine) as s:
        refs = [create_post(1, session=s, publish_at=now + timedelta(hours=hours), network="instagram", text=text,
                            status="programme").ref
                for hours, text in [(3, "Nos robes d'été arrivent !"), (24 * 20, "Soldes d'été\u00a0: -30 %.")]]
    from pages import frame

    frame.get_engine.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/crisis.py").run()
    yield at, engine, refs
    frame.get_engine.clear()
    engine.dispose()


def _status(engine, ref):
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == ref)).one()
        return post.status, post.version


def test_the_crisis_button_suspends_the_window_and_the_end_button_asks_for_approval_again(app):
    at, engine, (soon, later) = app
    assert not at.exception
    assert at.title[0].value == "Crise et e-réputation"
    assert [c.label.split(" — ")[0] for c in at.checkbox] == ["+15 min", "+1 h", "+2 h", "+24 h", "J+3", "J+15"]
    at.number_input(key="crisis_hours").set_value(48).run()
    at.button(key="crisis_start").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Crise n° 1 ouverte pour «\u00a0Maison Lila\u00a0»\u00a0: 1 publication(s) suspendue(s)")
    assert [m.value for m in at.markdown if m.value.startswith("- ")] == [
        f"- {soon} (était\u00a0: Programmé)\u00a0: à déprogrammer aussi dans l’outil qui la publie"]
    assert (_status(engine, soon), _status(engine, later)) == (("suspendu", 2), ("programme", 1))
    at.button(key="crisis_end").click().run()
    assert not at.exception
    assert at.success[0].value.endswith(f"à revalider une par une\u00a0: {soon}.")
    assert (_status(engine, soon), _status(engine, later)) == (("a_valider", 3), ("programme", 1))


def test_choosing_the_crisis_type_shows_its_strategy(app):
    at, _, _ = app
    at.radio(key="crisis_kind").set_value("preventable").run()
    assert not at.exception
    assert any(m.value.startswith("Évitable (erreur humaine, faute de l’organisation)") for m in at.markdown)


def test_the_screen_reads_in_english_with_the_gravity_grid(app):
    at, _, _ = app
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert (at.title[0].value, at.subheader[1].value) == ("Crisis and e-reputation", "Gravity grid")
    assert at.button(key="crisis_start").label == "Crisis in progress: suspend the posts"
