"""The column-mapping wizard in a real browser (Debian's chromium), screenshot in tests/artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from core import db
from core.models import MeasuredPost, ResultMapping
from tests.browser import CHROMIUM, browser_page, running_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
SHEET = Path(__file__).resolve().parent / "mapping_files" / "tableau_agence_mars.csv"


def test_the_agency_sheet_is_mapped_saved_and_imported_from_a_real_browser(tmp_path):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'calame.db'}"
    with running_app(url_db, tmp_path / "streamlit.log") as url, browser_page(height=3400) as page:
        page.goto(url)
        page.get_by_role("heading", name="Maison Lila").wait_for()
        page.goto(f"{url}/resultats")
        page.locator("input[type=file]").first.set_input_files(str(SHEET))
        page.get_by_text("Faire correspondre les colonnes").wait_for()
        page.get_by_text("Aperçu\u00a0: 4 lignes lues", exact=False).wait_for()
        page.get_by_role("button", name="Enregistrer la correspondance et importer").wait_for()
        page.wait_for_timeout(5000)
        page.screenshot(path=str(ARTIFACTS / "results_mapping.png"), full_page=True)
        page.get_by_role("button", name="Enregistrer la correspondance et importer").click()
        page.get_by_text("Import terminé", exact=False).wait_for()
        page.screenshot(path=str(ARTIFACTS / "results_mapping_imported.png"), full_page=True)
    engine = db.make_engine(url_db)
    with Session(engine) as s:
        assert [m.name for m in s.exec(select(ResultMapping))] == ["tableau_agence_mars"]
        assert len(s.exec(select(MeasuredPost)).all()) == 4
    engine.dispose()
