"""The «\u00a0Crise\u00a0» screen: the crisis file edited and saved (a bad one refused with
nothing lost), the button that suspends the demo brand's posts with the gravity and type
chosen, the checklist ticked into the log, the strategy and prepared wording, the answers
scored, the end that gives the posts back for approval, a proposed date accepted, the
debrief downloaded."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, demo
from core.crisis.file import import_text, load_file
from core.crisis.suspension import crisis_log
from core.models import Crisis, Post, utcnow
from core.posts import create_post
from tests.conftest import ROOT


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    now = utcnow()
    with db.transaction(engine) as s:
        import_text(1, (ROOT / "data" / "demo" / "crisis.toml").read_text(encoding="utf-8"), session=s, by="Inès")
        refs = [create_post(1, session=s, publish_at=now + timedelta(hours=hours), network="instagram", text=text,
                            status="programme").ref
                for hours, text in [(3, "Nos robes d'été arrivent !"), (24 * 20, "Soldes d'été\u00a0: -30 %.")]]
    from pages import frame

    frame.get_engine.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/crisis.py").run()
    yield at, engine, refs
    frame.get_engine.clear()
    engine.dispose()


def _status(engine, ref):
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == ref)).one()
        return post.status, post.version


def _crisis(engine):
    with db.transaction(engine) as s:
        crisis = s.exec(select(Crisis)).one()
        return crisis, [(e.event, e.details) for e in crisis_log(crisis.id, session=s)]


def test_starting_with_a_gravity_and_type_suspends_the_window_and_dates_the_checklist(app):
    at, engine, (soon, later) = app
    assert not at.exception
    assert at.title[0].value == "Crise et e-réputation"
    assert at.checkbox.len == 0  # nothing to tick before a crisis opens
    at.number_input(key="crisis_hours").set_value(48)
    at.selectbox(key="crisis_gravity").set_value(2)
    at.selectbox(key="crisis_type").set_value("accident").run()
    at.button(key="crisis_start").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Crise n° 1 ouverte pour «\u00a0Maison Lila\u00a0»\u00a0: 1 publication suspendue")
    assert [m.value for m in at.markdown if m.value.startswith("- LILA")] == [
        f"- {soon} (était\u00a0: Programmé)\u00a0: à déprogrammer aussi dans l’outil qui la publie"]
    assert (_status(engine, soon), _status(engine, later)) == (("suspendu", 2), ("programme", 1))
    crisis, _ = _crisis(engine)
    assert (crisis.gravity, crisis.kind, crisis.hours) == (2, "accident", 48)
    labels = [c.label for c in at.checkbox]
    assert [label.split(" (")[0] for label in labels] == ["+15 min", "+1 h", "+2 h", "+24 h", "J+3", "J+15"]
    assert all(" à " in label and "\u00a0h\u00a0" in label for label in labels)  # « mardi 1er décembre 2026 à 13 h 23 »
    assert at.info[0].value.startswith("**Famille de stratégies\u00a0:** Minimiser (diminish)\u00a0: reconnaître les faits")


def test_a_risk_of_the_file_brings_its_gravity_type_wording_and_facts_into_the_answer(app):
    at, engine, _ = app
    at.selectbox(key="crisis_risk_start").set_value("Fuite du fichier clients").run()
    at.button(key="crisis_start").click().run()
    assert not at.exception
    crisis, log = _crisis(engine)
    assert (crisis.gravity, crisis.kind, crisis.risk) == (3, "preventable", "Fuite du fichier clients")
    assert log[-1] == ("assessed", {"gravity": 3, "kind": "preventable", "risk": "Fuite du fichier clients"})
    assert any(m.value == "**Éléments de langage préparés — Fuite du fichier clients**" for m in at.markdown)
    at.selectbox(key="crisis_template").set_value("data_breach").run()
    answer = next(a.value for a in at.text_area if a.label == "Réponse prête à publier")
    assert answer.startswith("Vous avez le droit de savoir\u00a0: un accès non autorisé à notre fichier de clients a eu lieu.")
    assert at.metric[0].label == "Score Calame (Facebook)" and at.metric[0].value.endswith("/100")
    at.button(key="crisis_said").click().run()
    assert _crisis(engine)[1][-1] == ("said", {"text": answer, "template": "data_breach", "lang": "fr"})


def test_ticking_a_checkpoint_logs_it_and_keeps_it_ticked(app):
    at, engine, _ = app
    at.button(key="crisis_start").click().run()
    crisis, _ = _crisis(engine)
    at.checkbox(key=f"crisis_check_{crisis.id}_plus_15_min").check().run()
    assert not at.exception
    crisis, log = _crisis(engine)
    assert list(crisis.checks) == ["plus_15_min"] and log[-1] == ("checked", {"checkpoint": "plus_15_min"})
    assert at.checkbox(key=f"crisis_check_{crisis.id}_plus_15_min").value is True
    assert [c.value for c in at.checkbox] == [True, False, False, False, False, False]


def test_ending_proposes_new_dates_one_accepted_and_the_debrief_is_ready_to_download(app):
    at, engine, (soon, _) = app
    at.button(key="crisis_start").click().run()
    at.button(key="crisis_end").click().run()
    assert not at.exception
    assert at.success[0].value.endswith(f"à revalider une par une\u00a0: {soon}.")
    assert _status(engine, soon) == ("a_valider", 3)
    assert at.subheader[-1].value == "Après la crise n° 1"
    assert any(m.value.startswith(f"{soon}\u00a0: «\u00a0à valider\u00a0», nouvelle date proposée le ") for m in at.markdown)
    crisis, _ = _crisis(engine)
    proposed = crisis.proposals[soon]
    at.button(key=f"crisis_accept_{soon}").click().run()
    assert not at.exception
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == soon)).one()
        assert (post.status, post.publish_at) == ("a_valider", datetime.fromisoformat(proposed))
    at.text_area(key="crisis_worked_1").input("Le message d’attente est parti en 12 minutes.")
    at.text_area(key="crisis_change_1").input("Ajouter le numéro du service client au dossier.").run()
    at.button(key="crisis_save_lessons").click().run()
    assert _crisis(engine)[0].lessons == {"worked": "Le message d’attente est parti en 12 minutes.",
                                          "change": "Ajouter le numéro du service client au dossier."}
    assert at.get("download_button") == []  # built on demand
    at.button(key="crisis_prepare_debrief").click().run()
    assert not at.exception
    assert at.get("download_button")[0].proto.label == "Télécharger le débrief (Word)"


def test_the_crisis_file_is_edited_on_the_screen_and_a_bad_entry_is_refused_with_nothing_lost(app):
    at, engine, _ = app
    with db.transaction(engine) as s:
        version = load_file(1, session=s)["version"]
    at.text_input(key=f"cf_{version}_risk_3_name").input("Rupture de stock des robes")
    at.selectbox(key=f"cf_{version}_risk_3_kind").set_value("preventable")
    at.text_area(key=f"cf_{version}_risk_3_wording").input("Dire quand les robes reviennent, sans promettre.")
    at.number_input(key=f"cf_{version}_chain_1_minutes").set_value(0).run()
    at.button(key="crisis_save_file").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Le dossier de crise a 1 problème\u00a0: rien n’a été enregistré")
    assert any(m.value.startswith("- `chain\\[2\\]\\.minutes` : Valeur invalide\u00a0: «\u00a00\u00a0»")
               for m in at.markdown)
    assert at.text_input(key=f"cf_{version}_risk_3_name").value == "Rupture de stock des robes"  # still typed
    with db.transaction(engine) as s:
        assert load_file(1, session=s)["version"] == version
    at.number_input(key=f"cf_{version}_chain_1_minutes").set_value(45).run()
    at.button(key="crisis_save_file").click().run()
    assert at.success[0].value == f"Dossier de crise enregistré (version {version + 1})."
    with db.transaction(engine) as s:
        saved = load_file(1, session=s)
    assert saved["risks"][3] == {"name": "Rupture de stock des robes", "gravity": 1, "kind": "preventable",
                                 "wording": "Dire quand les robes reviennent, sans promettre.", "facts": {}}
    assert saved["chain"][1] == {"who": "Claire Morel valide", "minutes": 45}
    assert [r["name"] for r in saved["risks"][:3]] == ["Défaut sur un vêtement", "Rumeur sur la fabrication",
                                                       "Fuite du fichier clients"]


def test_the_screen_reads_in_english_with_the_gravity_grid(app):
    at, _, _ = app
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Crisis and e-reputation"
    assert "Gravity grid" in [h.value for h in at.subheader]
    assert at.button(key="crisis_start").label == "Crisis in progress: suspend the posts"
    assert at.button(key="crisis_save_file").label == "Save the crisis file"


def test_an_answer_with_a_field_left_empty_names_it_by_its_label_and_shows_no_answer(app):
    at, _, _ = app
    at.radio(key="crisis_kind").set_value("accident").run()
    at.selectbox(key="crisis_template").set_value("recall_outage").run()
    at.text_input(key="crisis_fact_recall_outage_fr_product_").input("la robe Lila")
    at.text_input(key="crisis_fact_recall_outage_fr_issue_").input("un bouton peut se détacher").run()
    assert not at.exception
    assert at.info[-1].value == ("Pour obtenir la réponse, renseignez\u00a0: «\u00a0Consigne aux clients\u00a0», "
                                 "«\u00a0Contact\u00a0». Rien n’est publié par Calame\u00a0: copiez la réponse dans le réseau.")
    assert [a.label for a in at.text_area if a.label == "Réponse prête à publier"] == []
