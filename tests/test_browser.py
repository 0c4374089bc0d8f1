"""Real-browser tests: Debian's chromium driven by Playwright, screenshots in tests/artifacts/."""

from __future__ import annotations

import shutil

import pytest
from sqlmodel import Session, select

from core import db
from core.models import Brand
from tests.browser import CHROMIUM, browser_page, running_app

pytestmark = pytest.mark.browser
ARTIFACTS = __import__("pathlib").Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    tmp = tmp_path_factory.mktemp("browser")
    url_db = f"sqlite:///{tmp / 'calame.db'}"
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
