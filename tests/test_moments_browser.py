"""Real browser: the year's moments list on the Editorial line screen (screenshot in tests/artifacts/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, browser_page, running_app

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def test_the_editorial_line_shows_the_years_moments_to_tick_in_a_real_browser(tmp_path):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    with running_app(f"sqlite:///{tmp_path / 'calame.db'}", tmp_path / "streamlit.log") as url:
        with browser_page(1500, 1300) as page:
            page.goto(url)
            page.get_by_role("link", name="Ligne éditoriale").click()
            heading = page.get_by_role("heading", name="Temps forts de l'année")
            heading.wait_for()
            heading.scroll_into_view_if_needed()
            page.get_by_text("Cochez pour suivre un temps fort", exact=False).wait_for()
            grid = page.locator("[data-testid='stDataFrame']").last
            grid.wait_for()
            grid.scroll_into_view_if_needed()
            page.wait_for_timeout(1500)
            assert grid.bounding_box()["height"] > 200
            assert page.get_by_text("Page not found").count() == 0
            page.screenshot(path=str(ARTIFACTS / "editorial_moments.png"))
