"""The Équipe screen: an owner lists members, adds one with a password shown once, changes a
role and deactivates; a CM is never offered the screen; Rédaction shows « À relire en
interne » and the reviewer's « Valider en interne »."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from streamlit.testing.v1 import AppTest

from core import db
from core.accounts.context import acting_as
from core.accounts.users import sign_in
from core.posts import save_post
from tests.accounts.people import make_agency

TEAM = """
from pages import team
team.page()
"""
VISIBLE = """
import streamlit as st
from pages import team
st.write("visible" if team.visible() else "hidden")
"""
REVIEW = """
import streamlit as st
from pages import review_widget
review_widget.post_review(st.session_state["post_id"])
"""


@pytest.fixture
def agency(sqlite_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", str(sqlite_engine.url))
    from pages import frame

    frame.get_engine.clear()
    yield make_agency(sqlite_engine)
    frame.get_engine.clear()


def _at(script: str, actor, **state) -> AppTest:
    at = AppTest.from_string(script, default_timeout=60)
    at.session_state["calame_actor"] = actor
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def test_only_a_member_who_manages_the_workspace_is_offered_the_team_screen(agency):
    assert [m.value for m in _at(VISIBLE, agency.people["claire"]).markdown] == ["visible"]
    assert [m.value for m in _at(VISIBLE, agency.people["karim"]).markdown] == ["hidden"]
    at = _at(TEAM, agency.people["karim"])
    assert [e.value for e in at.error] == ["Cet écran est réservé aux propriétaires de l’espace."]


def test_an_owner_sees_the_members_adds_one_with_a_password_shown_once_and_deactivates_them(agency):
    at = _at(TEAM, agency.people["claire"])
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Nom"]) == ["Claire", "Sofia", "Karim", "Jade"]
    assert list(table["Rôle"]) == ["propriétaire", "social media manager", "community manager", "junior ou stagiaire"]
    assert "Inès" not in str(at)
    at.text_input(key="team_add_name").input("Léa")
    at.selectbox(key="team_add_role").select("junior")
    at.selectbox(key="team_add_scope").select(agency.lila)
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["Compte «\u00a0Léa\u00a0» créé (junior ou stagiaire)."]
    password = at.code[0].value
    with db.transaction(agency.engine) as s:
        assert sign_in("léa", password, session=s)[0].display_name == "Léa"
    at.run()
    assert list(at.code) == []  # shown once
    assert ("Léa", "Maison Lila") in zip(at.dataframe[0].value["Nom"],
                                        at.dataframe[0].value["Portée"])
    at.selectbox(key="team_member").select("léa")
    at.selectbox(key="team_new_role").select("cm")
    at.selectbox(key="team_role_scope").select(agency.lila)
    at.button(key="team_set_role").click().run()
    assert [s.value for s in at.success] == [
        "«\u00a0léa\u00a0» est maintenant community manager sur «\u00a0Maison Lila\u00a0»."]
    assert ("Léa", "community manager") in zip(at.dataframe[0].value["Nom"], at.dataframe[0].value["Rôle"])
    at.button(key="team_deactivate").click().run()
    assert at.success[0].value.startswith("Compte «\u00a0léa\u00a0» désactivé")
    with db.transaction(agency.engine) as s, pytest.raises(Exception):
        sign_in("léa", password, session=s)


def test_redaction_shows_the_review_to_do_and_a_reviewer_approves_it(agency):
    with acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        post = agency.post(s)
        save_post(post.id, post.version, {"text": "Nos robes d’été en lin arrivent jeudi !"}, session=s)
        post_id = post.id
    junior = _at(REVIEW, agency.people["jade"], post_id=post_id)
    assert [w.value for w in junior.warning] == ["À relire en interne"] and list(junior.button) == []
    at = _at(REVIEW, agency.people["sofia"], post_id=post_id)
    assert [b.label for b in at.button] == ["Valider en interne"]
    at.button[0].click().run()
    assert list(at.warning) == []
    assert at.caption[0].value.startswith("Validé en interne par Sofia le ")


SEND = """
import streamlit as st
from datetime import date
from core.client.calendar import collect
from pages import frame, review_widget
period = (date(2027, 3, 1), date(2027, 3, 31))
with frame.session() as s:
    calendar = collect(st.session_state["bid"], *period, session=s)
calendar, only = review_widget.for_client(st.session_state["bid"], calendar)
st.write(f"{len(calendar.posts)} post(s) dans les fichiers")
if st.button("Envoyer", key="send"):
    result = review_widget.send_word(st.session_state["bid"], *period, only)
    st.write(f"envoyé : {result.count} post(s)" if result else "refusé")
"""


def test_validation_keeps_the_unreviewed_post_out_and_the_word_send_takes_only_the_reviewed_ones_when_asked(agency):
    from core.posts import create_post
    from pages.frame import md

    with acting_as(agency.people["sofia"]), db.transaction(agency.engine) as s:
        create_post(agency.lila, session=s, publish_at=datetime(2027, 3, 9, 17, tzinfo=timezone.utc),
                    network="facebook", text="Atelier couture samedi à la boutique.")
    with acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        post = agency.post(s)
        save_post(post.id, post.version, {"text": "Nos robes d’été en lin arrivent jeudi !"}, session=s)
    at = _at(SEND, agency.people["sofia"], bid=agency.lila)
    assert [w.value for w in at.warning] == [
        f"1 post attend sa relecture interne et reste hors des fichiers pour le client\u00a0: {md(agency.ref)}."]
    assert at.markdown[0].value == "1 post(s) dans les fichiers"
    at.button(key="send").click().run()
    assert at.error[0].value.startswith(f"Relecture interne à faire avant d’aller au "
                                        f"client (1)\u00a0: {md(agency.ref)}.")
    at.checkbox(key="review_only_reviewed").check().run()
    at.button(key="send").click().run()
    assert at.markdown[-1].value == "envoyé : 1 post(s)"
