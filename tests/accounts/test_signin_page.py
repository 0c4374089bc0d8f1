"""The app asks for a sign-in once the database has accounts, and shows nothing else before."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import db
from core.accounts.users import create_user
from tests.apptest import ROOT, demo_database


def _app(tmp_path, monkeypatch):
    engine = demo_database(monkeypatch, tmp_path)
    with db.transaction(engine) as s:
        create_user("Claire", "une phrase secrète", "owner", session=s, workspace="Agence Lumen")
    engine.dispose()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_nobody_sees_a_brand_before_signing_in_and_a_wrong_password_is_refused(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Connexion"]
    assert "Maison Lila" not in str(at)
    at.text_input(key="signin_name").input("claire")
    at.text_input(key="signin_password").input("pas le bon mot de passe")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Nom ou mot de passe incorrect. Après cinq essais, le compte est bloqué "
                                           "quinze minutes."]
    assert "Maison Lila" not in str(at)


def test_the_owner_signs_in_sees_the_brand_and_signs_out(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch)
    at.run()
    at.text_input(key="signin_name").input("Claire")
    at.text_input(key="signin_password").input("une phrase secrète")
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value != "Connexion"
    assert at.sidebar.selectbox[0].options == ["Maison Lila"]
    assert "Connecté·e\u00a0: Claire (propriétaire)" in [c.value for c in at.sidebar.caption]
    at.sidebar.button(key="signin_out").click().run()
    assert [t.value for t in at.title] == ["Connexion"]
