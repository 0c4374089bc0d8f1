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


def _with_identity(at, email, verified=True):
    """The identity Streamlit's st.login would hold after the workspace's provider answered."""
    at.user = {"is_logged_in": True, "email": email, "email_verified": verified, "name": "Claire Martin"}
    return at


def test_an_identity_from_the_workspace_provider_signs_in_the_account_named_after_its_address(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'calame.db'}")
    from core.accounts import context
    from core.accounts.users import actor_of, find_user

    with db.transaction(engine) as s:
        claire = actor_of(find_user(s, "claire"))
    with context.acting_as(claire), db.transaction(engine) as s:
        create_user("sofia@agence-lumen.fr", "une autre phrase", "social_media_manager", session=s, display_name="Sofia")
    engine.dispose()
    _with_identity(at, "Sofia@Agence-Lumen.fr").run()
    assert not at.exception
    assert "Connecté·e\u00a0: Sofia (social media manager)" in [c.value for c in at.sidebar.caption]
    assert at.sidebar.selectbox[0].options == ["Maison Lila"]


def test_an_identity_without_an_account_or_a_verified_address_signs_nobody_in(tmp_path, monkeypatch):
    at = _with_identity(_app(tmp_path, monkeypatch), "inconnu@exemple.fr")
    at.run()
    assert [t.value for t in at.title] == ["Connexion"]
    assert [w.value for w in at.warning] == [
        "Le fournisseur d’identité vous connaît sous l’adresse inconnu\u2060@exemple\\.fr, mais aucun compte actif "
        "de Calame ne porte ce nom. Demandez au propriétaire de l’espace de créer le compte «\u00a0inconnu\u2060@"
        "exemple\\.fr\u00a0» avec votre rôle, ou connectez-vous ci-dessous avec un nom et un mot de passe."]
    at.user["email"], at.user["email_verified"] = "claire", False
    at.run()
    assert [t.value for t in at.title] == ["Connexion"]
    assert [w.value for w in at.warning] == [
        "Le fournisseur d’identité ne dit pas avoir vérifié l’adresse claire\u00a0: Calame ne peut pas s’y fier pour "
        "vous connecter. Connectez-vous ci-dessous avec un nom et un mot de passe."]
    assert "Maison Lila" not in str(at)
