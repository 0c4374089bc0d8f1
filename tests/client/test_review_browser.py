"""The client's page and the offline review file in Debian's chromium: HTML typed anywhere stays
text (no script runs), the answers reach the database, and the file's JavaScript signs its
answers exactly as Calame checks them. Screenshots in tests/artifacts/."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from core import db
from core.client.docx_export import export_brand
from core.client.review_file import build_review_file, import_review_file
from core.client.review_link import create_link
from core.models import Approval, Brand, Comment, Post
from core.posts import create_post
from tests.browser import browser_page, demo_database, running_app
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
PARIS = ZoneInfo("Europe/Paris")
EVIL = '<script>alert("brand")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def sent_calendar(tmp_path_factory):
    tmp, url_db, engine = demo_database(tmp_path_factory, "review_browser")
    with db.transaction(engine) as s:
        brand = s.exec(select(Brand).where(Brand.name == "Maison Lila")).one()
        brand.name = f"Maison Lila {EVIL}"
        s.add(brand)
        refs = [create_post(brand.id, session=s, publish_at=datetime(2027, 3, day, 12, 30, tzinfo=PARIS),
                            network=network, text=text, status="a_valider", hashtags=["#MaisonLila"],
                            visual_brief=visual).ref
                for day, network, text, visual in [
                    (2, "instagram", "Nos robes d'été arrivent ☀️ « Lila » en lin lavé, cousues à Lyon.",
                     "Photo de la robe au bord de la Saône"),
                    (9, "facebook", f"Hélène nous a demandé : « quelle taille choisir ? » {EVIL}",
                     "Carrousel du guide des tailles")]]
        snapshot_id = export_brand(brand.id, date(2027, 3, 1), date(2027, 3, 31), session=s,
                                   sent_on=date.today()).snapshot_id
        token = create_link(snapshot_id, session=s).token
        review = build_review_file(snapshot_id, session=s)
    (tmp / "validation.html").write_bytes(review.data)
    yield engine, url_db, tmp, token, refs
    engine.dispose()


def test_the_client_answers_in_chromium_and_html_anywhere_stays_text(sent_calendar):
    engine, url_db, tmp, token, refs = sent_calendar
    dialogs = []
    with running_app(url_db, tmp / "streamlit.log") as url, browser_page(width=1100, height=1400) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)  # a cold server's first session cannot deep-link
        page.goto(f"{url}/?review={token}")
        page.get_by_role("heading", name="Calendrier éditorial").wait_for()
        page.get_by_text("Photo de la robe au bord de la Saône").wait_for()
        page.get_by_role("button", name="Envoyer mes réponses").wait_for()
        expect(page.locator(f".st-key-client_text_{refs[0]} textarea")).to_have_value(
            "Nos robes d'été arrivent ☀️ « Lila » en lin lavé, cousues à Lyon.")
        assert EVIL in page.get_by_role("heading", name="Calendrier éditorial").inner_text()
        assert page.locator("img[src=x]").count() == 0
        page.screenshot(path=str(ARTIFACTS / "client_review.png"), full_page=True)
        first = page.locator(f".st-key-client_post_{refs[0]}")
        first.get_by_text("Validé", exact=True).click()
        second = page.locator(f".st-key-client_post_{refs[1]}")
        second.get_by_text("À modifier", exact=True).click()
        second.get_by_label("Commentaire").fill(f"Mettre le lien vers le guide {EVIL}")
        page.get_by_label("Votre nom").fill("Sophie Martin")
        page.get_by_role("button", name="Envoyer mes réponses").click()
        page.get_by_text("Merci, Sophie Martin").wait_for()
        page.screenshot(path=str(ARTIFACTS / "client_review_sent.png"), full_page=True)
    assert dialogs == []
    with db.transaction(engine) as s:
        assert [s.exec(select(Post.status).where(Post.ref == r)).one() for r in refs] == ["valide", "a_modifier"]
        assert [c.body for c in s.exec(select(Comment))] == [f"Mettre le lien vers le guide {EVIL}"]


def test_the_offline_file_signs_its_answers_in_chromium_as_calame_checks_them(sent_calendar):
    engine, url_db, tmp, token, refs = sent_calendar
    dialogs = []
    with browser_page(width=1000, height=1400) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto((tmp / "validation.html").as_uri())
        page.get_by_role("heading", name="Calendrier éditorial").wait_for()
        assert EVIL in page.get_by_role("heading").first.inner_text()
        section = page.locator(f'section[data-ref="{refs[1]}"]')
        section.locator("select[name=decision]").select_option("refuse")
        section.locator("textarea[name=comment]").fill("Pas de jeu-concours en mars, merci 🙏")
        page.locator("#name").fill("Sophie Martin")
        with page.expect_download() as download:
            page.get_by_role("button", name="Exporter mes réponses").click()
        page.get_by_text("Le fichier de réponses est téléchargé").wait_for()
        page.screenshot(path=str(ARTIFACTS / "review_file.png"), full_page=True)
        answers = (tmp / "reponses.json")
        download.value.save_as(answers)
        name = download.value.suggested_filename
    assert dialogs == []
    assert name.endswith("-2027-03-01-2027-03-31-reponses.json")
    with db.transaction(engine) as s:
        plan = import_review_file(answers.read_bytes(), session=s)
    assert [(r.ref, r.new_status, [c["body"] for c in r.comments]) for r in plan.rows if r.has_change] == [
        (refs[1], "refuse", ["Pas de jeu-concours en mars, merci 🙏"])]
    with db.transaction(engine) as s:
        assert s.exec(select(Approval.source).where(Approval.status == "refuse")).all() == ["file"]
