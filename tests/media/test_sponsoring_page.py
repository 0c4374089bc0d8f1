"""The « Sponsorisation » screen: the period's posts to flag, the proposed lines with their
estimate and reason, saved for the client's approval."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, demo
from core.dates import add_months
from core.models import MediaLine, Post
from core.posts import create_post
from tests.conftest import ROOT


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    first = add_months(date.today().replace(day=1), 1)
    paris = ZoneInfo("Europe/Paris")
    with db.transaction(engine) as s:
        refs = [create_post(1, session=s, network=network, link="https://maisonlila.fr/robe-lila", objective="conversion",
                            publish_at=datetime.combine(first + timedelta(days=day), datetime.min.time(), paris)
                            + timedelta(hours=12), text=text).ref
                for day, network, text in [(3, "instagram", "La robe Lila revient en lin lavé."),
                                           (10, "facebook", "Dans l’atelier, on coud la collection d’été.")]]
    from pages import frame

    frame.get_engine.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/sponsoring.py").run()
    yield at, engine, refs
    frame.get_engine.clear()
    engine.dispose()


def test_flagging_a_post_gives_it_a_line_that_is_saved_for_the_client(app):
    at, engine, (robe, atelier) = app
    assert not at.exception
    assert at.title[0].value == "Sponsorisation (media planning)"
    assert "Posts prévus à sponsoriser" in [h.value for h in at.subheader]
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == robe)).one()
        post.sponsor = True
        s.add(post)
    at.text_input(key="media_budget").input("3000").run()  # a sales line buys purchases: Meta's 40 a day, for 7 days
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Part" in d.value.columns)
    assert robe in list(table["Référence"])
    row = table[table["Référence"] == robe].iloc[0]
    assert (row["Réseau"], row["Part"]) == ("Instagram", "En croissance")
    assert row["Montant"].endswith("\u00a0€")
    at.button(key="media_save").click().run()
    assert not at.exception
    assert len(at.success) == 1 and at.success[0].value.endswith(
        "enregistrées\u00a0: elles apparaîtront dans le calendrier Word envoyé au client.")
    with db.transaction(engine) as s:
        lines = list(s.exec(select(MediaLine)))
    assert robe in [line.ref for line in lines] and all(line.status == "propose" for line in lines)


def test_a_split_that_does_not_add_up_is_said_and_nothing_is_planned(app):
    at, *_ = app
    at.number_input(key="media_split_test").set_value(30).run()
    assert not at.exception
    assert [e.value for e in at.error][0].startswith("Répartition invalide")
