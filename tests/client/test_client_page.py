"""The client's page (``?review=<token>``): no sign-in, one calendar, everything typed shown as
text, and the answers land in the database."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, demo
from core.accounts import context
from core.accounts.users import create_user
from core.client.docx_export import export_brand
from core.client.review_link import create_link
from core.models import Approval, Brand, Comment, Post
from core.posts import create_post
from tests.apptest import shown
from tests.conftest import ROOT

PARIS = ZoneInfo("Europe/Paris")
EVIL = '<script>alert("x")</script> [Session expirée](http://evil.example) ![p](http://evil.example/p.png)'


@pytest.fixture
def client_app(tmp_path, monkeypatch):
    """An install with accounts, Maison Lila renamed with HTML in it, two posts sent, a link."""
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    with db.transaction(engine) as s:
        brand = s.exec(select(Brand).where(Brand.name == "Maison Lila")).one()
        brand.name = f"Maison Lila {EVIL}"
        s.add(brand)
        refs = [create_post(brand.id, session=s, publish_at=datetime(2027, 3, day, 12, 30, tzinfo=PARIS),
                            network=network, text=text, status="a_valider", hashtags=["#MaisonLila"]).ref
                for day, network, text in [(2, "instagram", "Nos robes d'été arrivent ☀️ « Lila »"),
                                           (9, "facebook", f"Hélène nous a demandé {EVIL}")]]
        for post in s.exec(select(Post).where(Post.ref.in_(refs))):
            post.internal_notes = "Note interne : client difficile"
            s.add(post)
        snapshot_id = export_brand(brand.id, date(2027, 3, 1), date(2027, 3, 31), session=s,
                                   sent_on=date.today()).snapshot_id
        link = create_link(snapshot_id, session=s)
        create_user("Claire", "une phrase secrète", "owner", session=s, workspace="Agence Lumen")
    from pages import frame

    frame.get_engine.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["review"] = link.token
    yield at, engine, refs
    frame.get_engine.clear()
    engine.dispose()


def test_the_link_opens_its_calendar_without_signing_in_and_shows_html_as_text(client_app):
    at, engine, refs = client_app
    at.run()
    assert not at.exception
    assert shown(at.title[0].value) == f"Calendrier éditorial · Maison Lila {EVIL}"
    assert "[Session" not in at.title[0].value.replace("\\[Session", "")  # the link is escaped, not a link
    assert [t.value for t in at.text] == ["Nos robes d'été arrivent ☀️ « Lila »", f"Hélène nous a demandé {EVIL}"]
    assert "Note interne" not in str(at) and "Connexion" not in [t.value for t in at.title]
    assert [r.options for r in at.radio][:2] == [["Pas encore de décision", "Validé", "À modifier", "Refusé"]] * 2


def test_the_clients_answers_are_saved_and_found_again_when_it_comes_back(client_app):
    at, engine, refs = client_app
    at.run()
    at.radio(key=f"client_decision_{refs[0]}").set_value("valide")
    at.text_area(key=f"client_comment_{refs[1]}").input(f"Pas ce texte {EVIL}")
    at.text_input(key="client_name").input("Sophie <b>Martin</b>")
    at.button[0].click().run()
    assert not at.exception
    assert [shown(s.value) for s in at.success] == [
        "Merci, Sophie <b>Martin</b>\u00a0: vos réponses sont enregistrées (1 décision, 1 commentaire). "
        f"Vous pouvez revenir les modifier jusqu’au {at.success[0].value.rsplit('jusqu’au ', 1)[1]}"]
    with context.system(), db.transaction(engine) as s:
        assert s.exec(select(Post.status).where(Post.ref == refs[0])).one() == "valide"
        assert [(a.decided_by, a.source) for a in s.exec(select(Approval))] == [
            ("Sophie <b>Martin</b> (lien n°\u00a01)", "link")]
        assert [c.body for c in s.exec(select(Comment))] == [f"Pas ce texte {EVIL}"]
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    again.query_params["review"] = at.query_params["review"]
    again.run()
    assert again.text_area(key=f"client_comment_{refs[1]}").value == f"Pas ce texte {EVIL}"
    assert again.radio(key=f"client_decision_{refs[0]}").value == "valide"
    assert again.text_input(key="client_name").value == "Sophie <b>Martin</b>"


def test_a_wrong_link_shows_why_and_nothing_of_any_brand(client_app):
    at, engine, refs = client_app
    at.query_params["review"] = at.query_params["review"][:-1]
    at.run()
    assert [e.value for e in at.error] == ["Ce lien de validation n’est pas valable. Vérifiez qu’il a été copié en "
                                           "entier, ou demandez un nouveau lien à votre agence."]
    assert "Maison Lila" not in str(at) and not at.text
