"""The Validation screen's review-link section: a link made, shown once, revoked; the HTML file
offered for download."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, demo
from core.client.docx_export import export_brand
from core.client.review_link import token_hash
from core.models import ReviewLink
from core.posts import create_post
from tests.conftest import ROOT

PARIS = ZoneInfo("Europe/Paris")


def test_the_team_creates_a_link_sees_it_once_and_revokes_it(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CALAME_PUBLIC_URL", "https://calame.agence-lumen.fr")
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    with db.transaction(engine) as s:
        create_post(1, session=s, publish_at=datetime(2027, 3, 2, 12, 30, tzinfo=PARIS), network="instagram",
                    text="Nos robes d'été arrivent ☀️ « Lila »", status="a_valider")
        export_brand(1, date(2027, 3, 1), date(2027, 3, 31), session=s, sent_on=date.today())
    from pages import frame

    frame.get_engine.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/validation.py").run()
    at.date_input(key="validation_period").set_value((date(2027, 3, 1), date(2027, 3, 31))).run()
    at.button(key="review_widget_create").click().run()
    assert not at.exception
    shown = [c.value for c in at.code if c.value.startswith("https://calame.agence-lumen.fr/?review=")]
    assert len(shown) == 1
    with db.transaction(engine) as s:
        row = s.exec(select(ReviewLink)).one()
        assert row.token_hash == token_hash(shown[0].rsplit("=", 1)[1])
    at.button(key=f"review_widget_revoke_{row.id}").click().run()
    with db.transaction(engine) as s:
        assert s.get(ReviewLink, row.id).revoked_at is not None
    at.button(key="review_widget_file").click().run()
    assert not at.exception
    assert "review_widget_download" in str(at)
    frame.get_engine.clear()
    engine.dispose()
