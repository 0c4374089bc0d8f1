"""Real-browser tests: Debian's chromium driven by Playwright, screenshots in tests/artifacts/."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from sqlmodel import Session, select

from core import db
from core.models import Brand
from tests.browser import CHROMIUM, browser_page, demo_database, running_app

pytestmark = pytest.mark.browser
ARTIFACTS = __import__("pathlib").Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    # the database as `make run` leaves it (migrated, the demo brand), so that a test which plans
    # through the engine before opening any page does not depend on an earlier test's visit
    tmp, url_db, engine = demo_database(tmp_path_factory, "browser")
    engine.dispose()
    with running_app(url_db, tmp / "streamlit.log") as url:
        yield url, url_db


def test_strategy_form_saves_from_a_real_browser(app_url):
    url, url_db = app_url
    with browser_page() as page:
        page.goto(url)
        page.get_by_role("heading", name="Maison Lila").wait_for()
        field = page.get_by_label("Hashtag de marque")
        field.fill("#LilaÉté")
        field.press("Tab")
        page.get_by_role("button", name="Enregistrer la stratégie").click()
        page.get_by_text("Stratégie enregistrée.").wait_for()
        page.get_by_text("Camille, citadine active").first.wait_for()
        page.screenshot(path=str(ARTIFACTS / "strategy.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        assert s.exec(select(Brand.brand_hashtag).where(Brand.name == "Maison Lila")).one() == "#LilaÉté"
    engine.dispose()


def _word_uploader(page):
    """The Validation screen's Word answer field (the HTML review file's answers have theirs)."""
    from core.i18n import t

    return page.locator("[data-testid='stFileUploader']").filter(
        has_text=t("validation.upload", "fr")).locator("input[type=file]")


def _seed_plan(url_db: str, start, months: int) -> list[str]:
    """Plan the demo brand straight through the engine; returns the references."""
    from core.planning.planner import plan_brand

    engine = db.make_engine(url_db)
    with db.transaction(engine) as s:
        brand_id = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        plan_brand(brand_id, start, months, session=s, seed=1, score=False)
    with db.transaction(engine) as s:
        from core.models import Post

        refs = list(s.exec(select(Post.ref).where(Post.publish_at.is_not(None)).order_by(Post.publish_at)))
    engine.dispose()
    return refs


def test_generating_a_plan_in_the_browser_fills_the_month_grid(app_url):
    from core.i18n import t

    url, url_db = app_url
    with browser_page(1500, 1100) as page:
        page.goto(f"{url}/calendrier")
        page.get_by_text(t("cal.generate", "fr")).click()
        page.get_by_role("button", name=t("cal.generate_button", "fr")).click()
        page.get_by_text("publications planifiées", exact=False).first.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "calendar_month.png"), full_page=True)
        page.get_by_text(t("cal.view_list", "fr"), exact=True).click()
        page.get_by_role("button", name=t("cal.reload_list", "fr")).wait_for()
        page.get_by_text("Liste chargée à", exact=False).wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "calendar_list.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        from core.models import Post

        assert len(s.exec(select(Post.id).where(Post.publish_at.is_not(None))).all()) > 40
    engine.dispose()


def test_the_client_answer_goes_from_the_downloaded_docx_back_into_the_database(app_url, tmp_path):
    from datetime import date

    from docx import Document

    from core.i18n import t
    from core.models import Post
    from tests.test_approvals import calendar_rows, pick

    url, url_db = app_url
    today = date.today()
    start = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    _seed_plan(url_db, start, 2)
    with browser_page(1500, 1100) as page:
        page.goto(url)  # the way a CM goes there: the app, then Validation in its navigation
        page.locator('[data-testid="stSidebarNav"] a[href$="/validation-client"]').click()
        page.get_by_role("button", name=t("validation.prepare_docx", "fr")).click()
        with page.expect_download() as download:
            page.get_by_role("button", name=t("validation.download_docx", "fr")).click()
        sent = tmp_path / "calendrier.docx"
        download.value.save_as(sent)

        doc = Document(str(sent))
        rows = calendar_rows(doc)
        refs = [re.search(r"LILA-\d{4}-\d{2}-\d{3}", "".join(row.itertext()))[0] for row in rows[:2]]
        pick(rows[0], "Validé")
        pick(rows[1], "À modifier")
        answer = tmp_path / "calendrier-reponse.docx"
        doc.save(str(answer))

        _word_uploader(page).set_input_files(str(answer))
        page.get_by_role("button", name=t("validation.apply", "fr")).click()
        page.get_by_text("Changements appliqués", exact=False).wait_for()
        page.screenshot(path=str(ARTIFACTS / "validation.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        statuses = dict(s.exec(select(Post.ref, Post.status)).all())
    engine.dispose()
    assert [statuses[ref] for ref in refs] == ["valide", "a_modifier"]
    assert sum(status in ("valide", "a_modifier") for status in statuses.values()) == 2


def test_the_editor_rescores_after_a_typing_pause_without_leaving_the_field(app_url):
    from core.i18n import t

    url, _ = app_url
    with browser_page(1500, 1300) as page:
        page.goto(url)  # a cold server's very first session cannot deep-link (Streamlit shows "Page not found")
        page.locator("h1").first.wait_for()
        page.goto(f"{url}/redaction")
        box = page.locator(f"textarea[aria-label='{t('editor.text', 'fr')}']")
        box.wait_for()
        score = page.locator("[data-testid='stMetricValue']").first
        before = score.inner_text()
        box.click()
        page.keyboard.type("BONJOUR à tous ! Découvrez notre nouvelle robe d'été en lin : "
                           "légère, cousue à Lyon et disponible en boutique dès samedi #robe", delay=5)
        page.wait_for_function(
            "([el, before]) => el.innerText !== before", arg=[score.element_handle(), before], timeout=30_000)
        page.get_by_text("espace insécable", exact=False).first.wait_for()
        page.keyboard.type(" Réservez la vôtre !", delay=5)  # typing goes on in the same box
        assert box.evaluate("el => el.getRootNode().activeElement === el")
        assert box.input_value().endswith("#robe Réservez la vôtre !")
        page.screenshot(path=str(ARTIFACTS / "editor.png"), full_page=True)


def test_one_click_on_english_switches_the_whole_app_and_keeps_what_was_typed(app_url):
    """The language radio once changed its own label, so Streamlit reset it to French on that click."""
    url, _ = app_url
    with browser_page() as page:
        page.goto(url)
        page.get_by_role("heading", name="Maison Lila").wait_for()
        field = page.get_by_label("Hashtag de marque")
        field.fill("#LilaTypé")
        field.press("Tab")
        page.wait_for_timeout(1000)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Strategy").wait_for()
        assert page.get_by_label("Brand hashtag").input_value() == "#LilaTypé"
        page.get_by_role("link", name="Calendar").click()
        page.get_by_role("heading", name="Calendar").wait_for()


def test_a_text_typed_in_the_live_box_survives_the_calendar_and_a_switch_to_english(app_url):
    from core.i18n import t

    url, _ = app_url
    typed = "Notre robe Capucine revient samedi : en lin lavé, cousue à Lyon."
    with browser_page(1500, 1300) as page:
        page.goto(url)  # a cold server's very first session cannot deep-link (Streamlit shows "Page not found")
        page.locator("h1").first.wait_for()
        page.goto(f"{url}/redaction")
        box = page.locator(f"textarea[aria-label='{t('editor.text', 'fr')}']")
        box.wait_for()
        score = page.locator("[data-testid='stMetricValue']").first
        before = score.inner_text()
        box.click()
        page.keyboard.type(typed, delay=5)
        page.wait_for_function(
            "([el, before]) => el.innerText !== before", arg=[score.element_handle(), before], timeout=30_000)
        page.get_by_role("link", name="Calendrier").click()
        page.get_by_role("heading", name="Calendrier").wait_for()
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Calendar").wait_for()
        page.get_by_role("link", name="Drafting").click()
        box = page.locator(f"textarea[aria-label='{t('editor.text', 'en')}']")
        box.wait_for()
        assert box.input_value() == typed
        page.screenshot(path=str(ARTIFACTS / "editor_after_trip.png"), full_page=True)
        pick = page.get_by_role("combobox", name=t("editor.pick", "en"))
        # no post picked: the box names the blank text, not Streamlit's English "Choose an option"
        assert (pick.input_value(), pick.get_attribute("placeholder")) == ("", t("editor.blank", "en"))


HOST = "pwn.test"  # never resolves: a request to it only shows that the page asked for it
BRAND = f"Lila [Session expirée : reconnectez-vous ici](http://{HOST}/login) ![p](http://{HOST}/brand.png)"
PERSONA = f"Camille <img src=http://{HOST}/persona.png> **gras** [lien](http://{HOST}/persona)"
PILLAR = f"Conseils ![c](http://{HOST}/pillar.png) :red[rouge] www.{HOST}"
AUTHOR = f"Léa [Reconnectez-vous](http://{HOST}/author) ![a](http://{HOST}/author.png)"
DEEP_LINK_REF = f"[Session expirée : reconnectez-vous ici](http://{HOST}/ref)"


@pytest.fixture(scope="module")
def planted_app(tmp_path_factory):
    """The demo brand with Markdown and HTML planted in its name, a persona, a pillar and an author."""
    from datetime import date

    from core import demo
    from core.brands import brief_of, rename_brand, save_brief, save_plan_settings
    from core.models import Post
    from core.planning.planner import plan_brand
    from core.posts import save_post

    tmp = tmp_path_factory.mktemp("planted")
    url_db = f"sqlite:///{tmp / 'calame.db'}"
    engine = db.make_engine(url_db)
    db.upgrade(engine)
    demo.load_demo(engine)
    with db.transaction(engine) as s:
        bid = s.exec(select(Brand.id)).one()
        rename_brand(bid, BRAND, session=s)
        data = brief_of(bid, session=s)
        data["personas"][0]["name"] = PERSONA
        data["pillars"] = [{"name": PILLAR, "target_share": 80.0, "colour": "#4C78A8"},
                           {"name": "Univers de marque", "target_share": 20.0, "colour": "#F58518"}]
        save_brief(data, session=s, brand_id=bid)
        save_plan_settings(bid, {"tolerance": 0}, session=s)
        plan_brand(bid, date.today().replace(day=1), 1, session=s, seed=1, score=False)
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.publish_at.is_not(None)).order_by(Post.publish_at)).first()
        save_post(post.id, post.version, {"text": "Texte relu par Léa."}, session=s, saved_by=AUTHOR)
        ref = post.ref
    engine.dispose()
    with running_app(url_db, tmp / "streamlit.log") as url:
        yield url, ref


def literal_and_inert(page, locator, planted: str) -> None:
    """``planted`` shows as typed in ``locator``, and the page links to and loads nothing of it."""
    locator.first.wait_for()
    page.wait_for_timeout(1500)
    assert planted in locator.first.inner_text().replace("\u2060", "")
    assert page.locator(f"a[href*='{HOST}']").count() == 0
    assert page.locator(f"img[src*='{HOST}']").count() == 0


def test_markdown_in_brand_persona_pillar_and_author_names_shows_as_typed(planted_app):
    url, ref = planted_app
    with browser_page(1500, 1300) as page:
        asked = []
        page.on("request", lambda request: asked.append(request.url) if urlsplit(request.url).hostname == HOST else None)
        page.goto(url)
        literal_and_inert(page, page.locator("h2"), BRAND)
        literal_and_inert(page, page.locator("[data-testid='stExpander'] summary").filter(has_text="Camille"), PERSONA)
        page.screenshot(path=str(ARTIFACTS / "planted_strategy.png"), full_page=True)
        page.get_by_role("link", name="Ligne éditoriale").click()
        literal_and_inert(page, page.locator("[data-testid='stAlert']").filter(has_text="s'écarte"), PILLAR)
        page.screenshot(path=str(ARTIFACTS / "planted_editorial.png"), full_page=True)
        page.goto(f"{url}/redaction?ref={ref}")
        page.get_by_text("Historique des versions", exact=False).first.click()
        literal_and_inert(page, page.locator("[data-testid='stCaptionContainer']").filter(has_text="Version 2"),
                          f"par {AUTHOR}")
        page.screenshot(path=str(ARTIFACTS / "planted_editor.png"), full_page=True)
    assert asked == []


def test_a_deep_link_with_markdown_in_its_ref_gets_no_link_in_the_warning(planted_app):
    from urllib.parse import quote

    from core.i18n import t

    url, _ = planted_app
    with browser_page() as page:
        asked = []
        page.on("request", lambda request: asked.append(request.url) if urlsplit(request.url).hostname == HOST else None)
        page.goto(url)
        page.locator("h1").first.wait_for()
        page.goto(f"{url}/redaction?ref={quote(DEEP_LINK_REF)}")
        warning = page.locator("[data-testid='stAlert']")
        warning.first.wait_for()
        assert warning.first.inner_text() == t("editor.ref_invalid", "fr")
        assert page.locator(f"a[href*='{HOST}']").count() == 0
        page.screenshot(path=str(ARTIFACTS / "planted_deep_link.png"), full_page=True)
    assert asked == []


def test_an_error_no_screen_caught_shows_visitors_no_details(tmp_path):
    """What escapes the screens' boundary (a callback's error) reaches Streamlit's handler: with
    Calame's config it says nothing of the error itself."""
    script = tmp_path / "crash.py"
    script.write_text(
        "import streamlit as st\n"
        "def boom():\n"
        "    raise RuntimeError('no such column: brand.secret [SQL: SELECT * FROM brand] /srv/calame/core/db.py')\n"
        "st.button('Boom', on_click=boom)\n", encoding="utf-8")
    with running_app(f"sqlite:///{tmp_path / 'calame.db'}", tmp_path / "streamlit.log", script=script) as url:
        with browser_page() as page:
            page.goto(url)
            page.get_by_role("button", name="Boom").click()
            page.locator("[data-testid='stException']").wait_for()
            shown = page.locator("[data-testid='stException']").inner_text()
            page.screenshot(path=str(ARTIFACTS / "uncaught_error.png"), full_page=True)
    assert "This app has encountered an error" in shown
    assert not [leak for leak in ("secret", "SELECT", "/srv/", "RuntimeError", "Traceback") if leak in shown]
    assert "brand.secret" in (tmp_path / "streamlit.log").read_text()  # the details are in the server's log


# ------------------------------------------------------------------ a CM's working day (issue 15)

@pytest.fixture(scope="module")
def planned_app(tmp_path_factory):
    """The demo brand planned for next month (the month every screen opens on)."""
    from datetime import date

    from core import demo
    from core.dates import add_months

    tmp = tmp_path_factory.mktemp("workday")
    url_db = f"sqlite:///{tmp / 'calame.db'}"
    engine = db.make_engine(url_db)
    db.upgrade(engine)
    demo.load_demo(engine)
    engine.dispose()
    start = add_months(date.today().replace(day=1), 1)
    _seed_plan(url_db, start, 1)
    with running_app(url_db, tmp / "streamlit.log") as url:
        yield url, url_db, start


def _post(url_db: str, **where):
    from core.models import Post

    engine = db.make_engine(url_db)
    with Session(engine) as s:
        query = select(Post).where(Post.publish_at.is_not(None))
        for name, value in where.items():
            query = query.where(getattr(Post, name) == value)
        post = s.exec(query.order_by(Post.publish_at, Post.id)).first()
        s.expunge_all()
    engine.dispose()
    return post


def _calendar_frame(page):
    frame = page.frame_locator("iframe[title*='post_calendar']")
    frame.locator(".fc-event").first.wait_for()
    return frame


def _open_calendar(page, url):
    page.goto(url)
    page.locator("h1").first.wait_for()
    page.get_by_role("link", name="Calendrier").click()
    page.get_by_role("heading", name="Calendrier").wait_for()
    return _calendar_frame(page)


def _event(frame, post):
    from pages.components.post_calendar import subject

    return frame.locator(".fc-event").filter(has_text=subject(post.model_dump())[:40]).first


def _drag(page, source, target) -> None:
    """A person's drag: press, move in steps (FullCalendar waits for a few pixels), release."""
    a, b = source.bounding_box(), target.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(a["x"] + a["width"] / 2 + 8, a["y"] + a["height"] / 2 + 8, steps=4)
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=15)
    page.mouse.up()


def test_clicking_a_post_in_the_month_view_opens_it_in_redaction(planned_app):
    from core.i18n import t

    url, url_db, _ = planned_app
    post = _post(url_db)
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        page.screenshot(path=str(ARTIFACTS / "calendar_interactive_month.png"), full_page=True)
        _event(frame, post).click()
        page.wait_for_url(f"**/redaction?ref={post.ref}")
        pick = page.get_by_role("combobox", name=t("editor.pick", "fr"))
        pick.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "calendar_click_to_editor.png"), full_page=True)
        assert pick.input_value().startswith(post.ref + " · ")
        box = page.locator(f"textarea[aria-label='{t('editor.text', 'fr')}']")
        assert box.input_value() == post.text


def test_dragging_a_post_to_another_day_saves_the_new_date(planned_app):
    from datetime import timedelta

    from core.i18n import t

    url, url_db, start = planned_app
    post = _post(url_db, network="instagram")
    local = post.publish_at.replace(tzinfo=__import__("datetime").timezone.utc).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Paris"))
    target_day = local.date() + timedelta(days=1 if local.date().day < 20 else -1)
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        _drag(page, _event(frame, post), frame.locator(f"td.fc-day[data-date='{target_day.isoformat()}']"))
        page.get_by_text(f"{post.ref} déplacée au", exact=False).wait_for()
        page.screenshot(path=str(ARTIFACTS / "calendar_drag.png"), full_page=True)
    moved = _post(url_db, id=post.id)
    moved_local = moved.publish_at.replace(tzinfo=__import__("datetime").timezone.utc).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Paris"))
    assert (moved_local.date(), moved_local.time(), moved.version) == (target_day, local.time(), post.version + 1)


def test_a_drag_over_a_colleagues_newer_save_is_refused_and_moves_nothing(planned_app):
    from datetime import timedelta

    from core.posts import save_post

    url, url_db, start = planned_app
    post = _post(url_db, network="facebook")
    local = post.publish_at.replace(tzinfo=__import__("datetime").timezone.utc).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Paris"))
    target_day = local.date() + timedelta(days=1 if local.date().day < 20 else -1)
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        engine = db.make_engine(url_db)
        with db.transaction(engine) as s:  # a colleague saves while the calendar is on screen
            save_post(post.id, post.version, {"text": post.text + " Relu par Marc."}, session=s, saved_by="Marc")
        engine.dispose()
        _drag(page, _event(frame, post), frame.locator(f"td.fc-day[data-date='{target_day.isoformat()}']"))
        page.get_by_text(f"Déplacement refusé : {post.ref} a été enregistrée entre-temps par Marc", exact=False).wait_for()
        page.screenshot(path=str(ARTIFACTS / "calendar_drag_conflict.png"), full_page=True)
    after = _post(url_db, id=post.id)
    assert (after.publish_at, after.version, after.updated_by) == (post.publish_at, post.version + 1, "Marc")


def _editor_pick(page, lang: str):
    from core.i18n import t

    pick = page.get_by_role("combobox", name=t("editor.pick", lang))
    pick.wait_for()
    return pick


def test_a_language_switch_and_a_trip_to_the_calendar_keep_the_post_open_in_redaction(planned_app):
    from core.i18n import t

    url, url_db, _ = planned_app
    post = _post(url_db, network="pinterest")
    with browser_page(1500, 1300) as page:
        page.goto(url)
        page.locator("h1").first.wait_for()
        page.goto(f"{url}/redaction?ref={post.ref}")
        page.wait_for_function(f"() => document.querySelector('input[aria-label=\"{t('editor.pick', 'fr')}\"]')"
                               f"?.value.startsWith('{post.ref}')", timeout=30_000)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name=t("nav.editor", "en")).wait_for()
        # the label follows the language; the first English page of a process loads the English
        # pipeline and its lookups (once measured over 60 s on a busy two-core run)
        page.locator(f"textarea[aria-label='{t('editor.text', 'en')}']").wait_for(timeout=150_000)
        page.wait_for_timeout(1000)
        assert _editor_pick(page, "en").input_value().startswith(f"{post.ref} · ")
        assert "Pinterest" in page.get_by_role("combobox", name=t("editor.network", "en")).input_value()
        assert f"ref={post.ref}" in page.url
        page.get_by_role("link", name=t("nav.calendar", "en")).click()
        page.get_by_role("heading", name=t("nav.calendar", "en")).wait_for()
        page.get_by_role("link", name=t("nav.editor", "en")).click()
        page.get_by_role("heading", name=t("nav.editor", "en")).wait_for()
        page.wait_for_timeout(1500)
        assert _editor_pick(page, "en").input_value().startswith(f"{post.ref} · ")
        box = page.locator(f"textarea[aria-label='{t('editor.text', 'en')}']")
        assert box.input_value() == post.text
        page.screenshot(path=str(ARTIFACTS / "editor_keeps_post.png"), full_page=True)
        page.get_by_text("Français", exact=True).click()
        page.get_by_role("heading", name=t("nav.editor", "fr")).wait_for()


def test_the_clients_comment_shows_on_the_post_in_redaction_after_a_word_import(planned_app, tmp_path):
    from datetime import timedelta

    from docx import Document

    from core.client.docx_export import export_brand
    from core.i18n import t
    from tests.test_approvals import COMMENT, calendar_rows, pick, type_in

    url, url_db, start = planned_app
    engine = db.make_engine(url_db)
    with db.transaction(engine) as s:
        brand_id = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        sent = export_brand(brand_id, start, start + timedelta(days=27), session=s)
    engine.dispose()
    doc = Document(__import__("io").BytesIO(sent.data))
    row = calendar_rows(doc)[2]
    ref = re.search(r"LILA-\d{4}-\d{2}-\d{3}", "".join(row.itertext()))[0]
    pick(row, "À modifier")
    comment = "Plutôt « dès samedi » que « bientôt », et la photo en lin naturel 🙏"
    type_in(row, COMMENT, comment)
    answer = tmp_path / "reponse.docx"
    doc.save(str(answer))
    with browser_page(1500, 1300) as page:
        page.goto(url)
        page.locator("h1").first.wait_for()
        page.goto(f"{url}/validation-client")
        _word_uploader(page).set_input_files(str(answer))
        page.get_by_role("button", name=t("validation.apply", "fr")).click()
        page.get_by_text("Changements appliqués", exact=False).wait_for()
        page.get_by_role("link", name="Rédaction").click()
        page.get_by_text(f"À corriger : 1 publication renvoyée par le client").wait_for()
        page.get_by_role("button", name=t("editor.open_this", "fr")).click()
        page.wait_for_url(f"**/redaction?ref={ref}")
        page.get_by_text(comment).wait_for()
        page.locator(".calame-status").filter(has_text="À modifier").wait_for()
        page.get_by_role("textbox", name=t("editor.answer", "fr")).fill("C’est corrigé : « dès samedi ».")
        page.get_by_role("button", name=t("editor.answer_button", "fr"), exact=True).click()
        page.get_by_text("↳ Réponse de", exact=False).wait_for()
        page.get_by_text("C’est corrigé : « dès samedi ».").wait_for()
        page.get_by_role("button", name=t("editor.mark_done", "fr"), exact=True).click()
        page.get_by_text("Traité par", exact=False).wait_for()
        page.screenshot(path=str(ARTIFACTS / "editor_client_comment.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        from core.models import Comment, Post

        stored = s.exec(select(Comment).join(Post, Post.id == Comment.post_id).where(Post.ref == ref)).one()
        assert (stored.body, stored.done_at is not None) == (comment, True)
        from core.models import CommentAnswer

        assert [a.body for a in s.exec(select(CommentAnswer).where(CommentAnswer.comment_id == stored.id))] == [
            "C’est corrigé : « dès samedi »."]
    engine.dispose()


SCREENS = {"strategy": "strategie", "keywords": "mots-cles", "editorial": "ligne-editoriale", "calendar": "calendrier",
           "editor": "redaction", "validation": "validation-client", "results": "resultats", "media": "sponsorisation",
           "crisis": "crise"}


def _visible_text(page) -> str:
    """Every text the screen shows, the components' frames (the calendar) included."""
    texts = [page.locator("body").inner_text()]
    # The tables draw on a canvas; their accessible copy (hidden, for screen readers) holds the cells.
    texts += page.locator("[data-testid='stDataFrame'], [data-testid='stDataFrameResizable']").all_text_contents()
    for frame in page.frames[1:]:
        try:
            texts.append(frame.locator("body").inner_text(timeout=5_000))
        except Exception:  # a frame that went away while the page reran shows nothing
            continue
    return "\n".join(texts)


def _leaks(text: str) -> list[str]:
    from core.labels import leak_codes

    return sorted({code for code in leak_codes() if re.search(rf"(?<![\w/.@#-]){re.escape(code)}(?![\w/.@-])", text)})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_screen_shows_a_status_format_or_network_code_in_either_language(planned_app, lang):
    from core.i18n import t

    url, _, _ = planned_app
    found = {}
    with browser_page(1500, 1300) as page:
        page.goto(url)
        page.locator("h1").first.wait_for()
        if lang == "en":
            page.get_by_text("English", exact=True).click()
            page.get_by_role("heading", name="Strategy").wait_for()
        for screen in SCREENS:
            page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=t(f"nav.{screen}", lang)).click()
            if screen != "strategy":  # the default page lives at the root
                page.wait_for_function("path => location.pathname.endsWith(path)", arg="/" + SCREENS[screen])
            page.locator("h1").first.wait_for()
            page.wait_for_timeout(4000)
            views = [None]
            if screen == "calendar":
                views = ["Mois", "Semaine", "Agenda", "Liste modifiable"] if lang == "fr" else \
                    ["Month", "Week", "Agenda", "Editable list"]
            if screen == "editor":
                views = [None, "Posts de la période" if lang == "fr" else "Posts of the period"]
            for view in views:
                if view:
                    page.get_by_text(view, exact=True).first.click()
                    page.wait_for_timeout(3000)
                name = f"{screen}-{view or 'page'}".replace(" ", "_")
                page.screenshot(path=str(ARTIFACTS / f"codes_{lang}_{name}.png"), full_page=True)
                text = _visible_text(page)
                if view in ("Liste modifiable", "Editable list"):  # the grid's cells are read, not only the page's
                    assert re.search(r"LILA-\d{4}-\d{2}-\d{3}", text)
                leaks = _leaks(text)
                if leaks:
                    found[name] = leaks
    assert found == {}


def _local(post):
    from datetime import timezone
    from zoneinfo import ZoneInfo

    return post.publish_at.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/Paris"))


def test_a_month_chip_shows_the_whole_time_the_network_and_the_subject(planned_app):
    from core.labels import network
    from pages.components.post_calendar import subject

    url, url_db, _ = planned_app
    post = _post(url_db, network="instagram")
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        chip = _event(frame, post)
        chip.wait_for()
        page.wait_for_timeout(500)
        chip.screenshot(path=str(ARTIFACTS / "calendar_month_chip.png"))
        text = " ".join(chip.inner_text().split())
    assert text.startswith(f"{_local(post):%H:%M} ✎ Brouillon · {network('instagram', 'fr')} · ")
    assert subject(post.model_dump())[:30] in text


def test_a_post_with_a_visual_shows_it_on_its_month_chip(planned_app):
    import io

    from PIL import Image

    from core.visuals import save_visual

    url, url_db, _ = planned_app
    post = _post(url_db, network="facebook")
    picture = io.BytesIO()
    Image.new("RGB", (800, 1000), (200, 60, 40)).save(picture, format="JPEG")
    engine = db.make_engine(url_db)
    with db.transaction(engine) as s:
        save_visual(post.id, picture.getvalue(), session=s, file_name="robe.jpg", uploaded_by="Léa")
    engine.dispose()
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        chip = _event(frame, post)
        chip.wait_for()
        page.wait_for_timeout(500)
        chip.screenshot(path=str(ARTIFACTS / "calendar_month_chip_visual.png"))
        image = chip.locator("img.calame-thumb")
        src = image.get_attribute("src")
        size = image.evaluate("img => [img.naturalWidth, img.naturalHeight, img.width, img.height]")
    assert src.startswith("data:image/jpeg;base64,")
    assert size == [51, 64, 32, 32]  # 64 px on its longer side, shown at 32 px


def test_an_idea_dropped_on_a_day_is_scheduled_there_as_a_draft_at_the_networks_hour(planned_app):
    from datetime import timedelta

    from core.models import Post
    from core.posts import create_post

    url, url_db, start = planned_app
    engine = db.make_engine(url_db)
    with db.transaction(engine) as s:
        brand_id = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        idea = create_post(brand_id, session=s, publish_at=None, network="linkedin", status="idee",
                           text="Les coulisses de l’atelier de Lyon, en photos.", saved_by="Léa")
        idea_id, ref = idea.id, idea.ref
    engine.dispose()
    target_day = start + timedelta(days=9)
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        card = frame.locator(".calame-idea").filter(has_text=ref)
        card.wait_for()
        page.screenshot(path=str(ARTIFACTS / "calendar_idea_backlog.png"), full_page=True)
        _drag(page, card, frame.locator(f"td.fc-day[data-date='{target_day.isoformat()}']"))
        page.get_by_text(f"{ref} placée au", exact=False).wait_for()
        page.wait_for_function("() => document.querySelectorAll(\"iframe[title*='post_calendar']\").length === 1")
        _calendar_frame(page).locator(".fc-event").filter(has_text="Les coulisses de l’atelier").wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "calendar_idea_dropped.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        placed = s.get(Post, idea_id)
        s.expunge_all()
    engine.dispose()
    assert (_local(placed).date(), f"{_local(placed):%H:%M}", placed.status, placed.version) == (
        target_day, "08:30", "brouillon", 2)


@pytest.fixture(scope="module")
def accounts_app(tmp_path_factory):
    """The demo brand planned for next month, with results imported and one account (accounts on)."""
    from datetime import date
    from pathlib import Path

    from core import demo
    from core.accounts.users import create_user
    from core.brands import get_brand
    from core.dates import add_months
    from core.results.store import Source, import_exports

    tmp = tmp_path_factory.mktemp("accounts")
    url_db = f"sqlite:///{tmp / 'calame.db'}"
    engine = db.make_engine(url_db)
    db.upgrade(engine)
    demo.load_demo(engine)
    engine.dispose()
    _seed_plan(url_db, add_months(date.today().replace(day=1), 1), 1)
    exports = Path(__file__).resolve().parent / "data" / "results"
    engine = db.make_engine(url_db)
    with db.transaction(engine) as s:
        brand_id = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        import_exports(get_brand(brand_id, session=s), [
            Source(name, (exports / name).read_bytes(), date.today()) for name in
            ("meta_instagram_en.csv", "meta_facebook_fr.csv", "x_legacy.csv")], session=s)
    with db.transaction(engine) as s:
        create_user("Claire", "une phrase secrète", "owner", session=s, workspace="Agence Lumen")
    engine.dispose()
    with running_app(url_db, tmp / "streamlit.log") as url:
        yield url


def _scan(page, name: str, lang: str, found: dict) -> None:
    page.wait_for_timeout(4000)
    page.screenshot(path=str(ARTIFACTS / f"codes_{lang}_{name}.png"), full_page=True)
    leaks = _leaks(_visible_text(page))
    if leaks:
        found[name] = leaks


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sign_in_results_and_sponsoring_screens_show_no_code_with_accounts_on(accounts_app, lang):
    """With accounts, the sign-in screen comes first; signing out of an English session shows it
    in English."""
    from core.i18n import t

    url = accounts_app
    found = {}
    with browser_page(1500, 1300) as page:
        page.goto(url)
        page.get_by_role("heading", name=t("signin.title", "fr")).wait_for()
        if lang == "fr":
            _scan(page, "signin-page", lang, found)
        page.get_by_label(t("signin.name", "fr")).fill("Claire")
        page.get_by_label(t("signin.password", "fr")).fill("une phrase secrète")
        page.get_by_role("button", name=t("signin.submit", "fr")).click()
        page.locator("[data-testid='stSidebarNav']").wait_for()
        if lang == "en":
            page.get_by_text("English", exact=True).click()
            page.get_by_role("heading", name="Strategy").wait_for()
        for screen in ("results", "media"):
            page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=t(f"nav.{screen}", lang)).click()
            page.wait_for_function("path => location.pathname.endsWith(path)", arg="/" + SCREENS[screen])
            page.locator("h1").first.wait_for()
            _scan(page, f"{screen}-accounts", lang, found)
        page.get_by_role("button", name=t("signin.out", lang)).click()
        page.get_by_role("heading", name=t("signin.title", lang)).wait_for()
        if lang == "en":
            assert page.get_by_label(t("signin.name", "en")).count() == 1
            _scan(page, "signin-page", lang, found)
    assert found == {}


def test_clicking_a_day_opens_the_add_form_on_that_day(planned_app):
    from datetime import timedelta

    from core.i18n import t
    from core.labels import day

    url, _, start = planned_app
    target_day = start + timedelta(days=12)
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        frame.locator(f"td.fc-day[data-date='{target_day.isoformat()}'] .fc-daygrid-day-top").click()
        page.get_by_text(t("cal.add_on_day", "fr", day=day(target_day, "fr"))).wait_for()
        page.wait_for_timeout(1000)
        page.locator("[data-testid='stForm']").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "calendar_day_click.png"), full_page=True)
        field = page.locator("[data-testid='stForm'] [data-testid='stDateInput']").first
        field.wait_for()
        assert " ".join(field.inner_text().split()) == (
            f"{t('cal.col_date', 'fr')} {target_day:%d} / {target_day:%m} / {target_day:%Y}")


def test_an_idea_a_colleague_changed_meanwhile_is_refused_when_dropped(planned_app):
    from datetime import timedelta

    from core.models import Post
    from core.posts import create_post, save_post

    url, url_db, start = planned_app
    engine = db.make_engine(url_db)
    with db.transaction(engine) as s:
        brand_id = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        idea = create_post(brand_id, session=s, publish_at=None, network="facebook", status="idee",
                           text="Portrait de la couturière du mois.", saved_by="Léa")
        idea_id, ref, version = idea.id, idea.ref, idea.version
    engine.dispose()
    with browser_page(1500, 1300) as page:
        frame = _open_calendar(page, url)
        card = frame.locator(".calame-idea").filter(has_text=ref)
        card.wait_for()
        engine = db.make_engine(url_db)
        with db.transaction(engine) as s:  # a colleague rewrites the idea while the calendar is on screen
            save_post(idea_id, version, {"text": "Portrait de la couturière du mois, relu."}, session=s, saved_by="Marc")
        engine.dispose()
        _drag(page, card, frame.locator(f"td.fc-day[data-date='{(start + timedelta(days=15)).isoformat()}']"))
        page.get_by_text(f"Idée non placée : {ref} a été modifiée entre-temps par Marc", exact=False).wait_for()
        page.screenshot(path=str(ARTIFACTS / "calendar_idea_conflict.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        after = s.get(Post, idea_id)
        assert (after.publish_at, after.status, after.version, after.updated_by) == (None, "idee", version + 1, "Marc")
    engine.dispose()


_UPLOADER_WORDS = """() => [...document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')].map(zone => {
    const after = (el) => el ? getComputedStyle(el, '::after').content : null;
    const shown = (el) => el ? (getComputedStyle(el).display !== 'none' && parseFloat(getComputedStyle(el).fontSize) > 0) : false;
    const button = zone.querySelector('[data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]');
    const limit = zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
    return {button: after(button), limit: after(limit),
            english_shown: shown(button && button.querySelector('p')) || shown(limit)};
})"""


def test_the_file_uploaders_own_words_are_in_the_screens_language(app_url):
    """Streamlit writes « Upload » and « 200MB per file » in English only: the keywords screen's
    uploader shows French words on the French screen and English ones on the English screen."""
    url, _ = app_url
    types = "CSV • DOCX • HTM • HTML • MD • TXT"
    with browser_page() as page:
        page.goto(url)
        page.get_by_role("heading", name="Maison Lila").wait_for()
        page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Mots-clés").click()
        page.locator("[data-testid='stFileUploaderDropzone']").first.wait_for()
        page.wait_for_timeout(500)
        french = page.evaluate(_UPLOADER_WORDS)
        page.locator("[data-testid='stFileUploader']").first.screenshot(path=str(ARTIFACTS / "uploader_fr.png"))
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Keywords", exact=True).wait_for()
        page.wait_for_timeout(500)
        english = page.evaluate(_UPLOADER_WORDS)
        page.locator("[data-testid='stFileUploader']").first.screenshot(path=str(ARTIFACTS / "uploader_en.png"))
    assert french == [{"button": '"Choisir des fichiers"', "limit": f'"50\u00a0Mo au plus par fichier • {types}"',
                       "english_shown": False}]
    assert english == [{"button": '"Choose files"', "limit": f'"Up to 50 MB per file • {types}"',
                        "english_shown": False}]
