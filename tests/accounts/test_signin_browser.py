"""Signing in from a real browser (Debian's chromium through Playwright): the session cookie
keeps a person signed in across a reload and on another app process, signing out ends it
everywhere, and a reader's refused save says which role it takes. Screenshots in
tests/artifacts/."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlmodel import Session, select

from core import db
from core.accounts import context
from core.accounts.users import actor_of, create_user
from core.models import AuthSession, Brand
from tests.browser import browser_page, demo_database, running_app

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
OWNER_PASSWORD = "une phrase secrète"
READER_PASSWORD = "le mot de passe de Rémi"


@pytest.fixture(scope="module")
def two_apps(tmp_path_factory):
    """Two app processes on one database (as behind a load balancer), with Claire (owner)
    and Rémi (reader) of Agence Lumen, which holds the demo brand."""
    tmp, url_db, engine = demo_database(tmp_path_factory, "signin_browser")
    with db.transaction(engine) as s:
        claire = actor_of(create_user("Claire", OWNER_PASSWORD, "owner", session=s, workspace="Agence Lumen"))
    with context.acting_as(claire), db.transaction(engine) as s:
        create_user("Rémi", READER_PASSWORD, "reader", session=s, display_name="Rémi")
    engine.dispose()
    apps = [running_app(url_db, tmp / "first.log"), running_app(url_db, tmp / "second.log")]
    with ThreadPoolExecutor(2) as pool:  # both start, and stop, at once
        starting = [pool.submit(app.__enter__) for app in apps]
        started = [app for app, future in zip(apps, starting) if future.exception() is None]
        try:
            first, second = (future.result() for future in starting)
            yield first, second, url_db
        finally:
            list(pool.map(lambda app: app.__exit__(None, None, None), started))


def _sign_in(page, url, name, password):
    page.goto(url)
    page.get_by_role("heading", name="Connexion").wait_for()
    page.get_by_label("Nom du compte").fill(name)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def _sessions(url_db) -> int:
    engine = db.make_engine(url_db)
    with context.system(), Session(engine) as s:
        count = len(s.exec(select(AuthSession.id)).all())
    engine.dispose()
    return count


def test_a_reload_and_another_app_process_keep_the_owner_signed_in_until_sign_out(two_apps):
    first, second, url_db = two_apps
    signed_in = "Connecté·e\u00a0: Claire (propriétaire)"
    with browser_page() as page:
        _sign_in(page, first, "claire", OWNER_PASSWORD)
        page.get_by_text(signed_in).wait_for()
        page.get_by_role("heading", name="Maison Lila").wait_for()
        cookie = {c["name"]: c for c in page.context.cookies()}["calame_session"]
        assert (cookie["path"], cookie["sameSite"], cookie["secure"], cookie["httpOnly"]) == ("/", "Strict", False, False)
        page.reload()
        page.get_by_text(signed_in).wait_for()
        page.get_by_role("heading", name="Maison Lila").wait_for()
        page.screenshot(path=str(ARTIFACTS / "signin_after_reload.png"))
        page.goto(second)  # the other process: the same browser cookie, the session from the database
        page.get_by_text(signed_in).wait_for()
        assert _sessions(url_db) == 1
        page.get_by_role("button", name="Se déconnecter").click()
        page.get_by_role("heading", name="Connexion").wait_for()
        page.wait_for_function("() => !document.cookie.includes('calame_session=')")
        page.reload()
        page.get_by_role("heading", name="Connexion").wait_for()
        page.screenshot(path=str(ARTIFACTS / "signin_after_sign_out.png"))
        assert page.get_by_text("Maison Lila").count() == 0
    assert _sessions(url_db) == 0


def test_a_reader_who_saves_the_strategy_is_told_the_role_it_takes_and_nothing_changes(two_apps):
    first, _, url_db = two_apps
    with browser_page() as page:
        _sign_in(page, first, "rémi", READER_PASSWORD)
        page.get_by_text("Connecté·e\u00a0: Rémi (lecteur)").wait_for()
        page.get_by_role("heading", name="Maison Lila").wait_for()
        field = page.get_by_label("Hashtag de marque")
        field.fill("#LilaParRémi")
        field.press("Tab")
        page.get_by_role("button", name="Enregistrer la stratégie").click()
        page.get_by_text("Votre rôle (lecteur) ne permet pas de modifier la stratégie et la ligne éditoriale "
                         "sur cette marque\u00a0: il faut être au moins social media manager. Demandez-le au "
                         "propriétaire de l’espace\u00a0; rien n’a été modifié.").wait_for()
        page.screenshot(path=str(ARTIFACTS / "signin_reader_refused.png"), full_page=True)
        assert field.input_value() == "#LilaParRémi"  # what was typed stays
    engine = db.make_engine(url_db)
    with context.system(), Session(engine) as s:
        assert s.exec(select(Brand.brand_hashtag).where(Brand.name == "Maison Lila")).one() == "#MaisonLila"
    engine.dispose()
