"""The crisis file prepared in calm times: validated whole (every problem with its place and
line, nothing saved on a problem), saved with a version guard, carried as TOML and back."""

from __future__ import annotations

import pytest

from core import db
from core.brands import create_brand
from core.crisis.file import (FORMAT, InvalidCrisisFile, dumps, import_text, load_file, loads, risk_named,
                              save_file, validate)
from core.crisis.playbook import CrisisError
from tests.conftest import ROOT

DEMO = (ROOT / "data" / "demo" / "crisis.toml").read_text(encoding="utf-8")
RISK = {"name": "Défaut sur un vêtement", "gravity": 2, "kind": "accident",
        "wording": "Un défaut nous a échappé\u00a0: nous le corrigeons.",
        "facts": {"product": "la robe Lila en lin lavé", "contact": "bonjour@maisonlila.fr"}}


@pytest.fixture
def lila(engine):
    with db.transaction(engine) as s:
        return engine, create_brand("Maison Lila", session=s).id


def _problems(data):
    return [(p.path, p.key, p.params) for p in validate(data)[1]]


def test_the_demo_file_is_valid_and_names_three_risks_four_team_members_and_two_steps():
    clean, problems = validate(loads(DEMO))
    assert problems == []
    assert [(r["name"], r["gravity"], r["kind"]) for r in clean["risks"]] == [
        ("Défaut sur un vêtement", 2, "accident"), ("Rumeur sur la fabrication", 1, "victim"),
        ("Fuite du fichier clients", 3, "preventable")]
    assert [m["role"] for m in clean["team"]] == ["spokesperson", "coordinator", "validator", "expert"]
    assert clean["chain"] == [{"who": "Inès Garnier rédige à partir du modèle", "minutes": 15},
                              {"who": "Claire Morel valide", "minutes": 30}]


def test_every_problem_is_listed_with_its_place_not_only_the_first():
    data = {"format": FORMAT, "couleur": "rouge",
            "risks": [{"name": "  ", "gravity": 0, "kind": "rumeur", "facts": {"prix": "12 €"}}],
            "team": [{"role": "chef", "name": "Claire", "contact": ""}],
            "chain": [{"who": "Claire", "minutes": 20_000}], "keywords": ["boutons", 3]}
    assert _problems(data) == [
        ("couleur", "crisis.file.unknown_field", {"field": "couleur",
                                                  "valid": "format, charter, keywords, risks, team, chain"}),
        ("risks[1].name", "crisis.file.required", {}),
        ("risks[1].gravity", "crisis.file.bad_number", {"value": 0, "min": 1, "max": 3}),
        ("risks[1].kind", "crisis.file.bad_kind", {"value": "rumeur", "valid": "victim, accident, preventable"}),
        ("risks[1].facts.prix", "crisis.file.unknown_field", {
            "field": "prix", "valid": "subject, deadline, action, claim, fact, product, issue, instruction, contact, "
                                      "incident, data, measures, summary"}),
        ("team[1].role", "crisis.file.bad_role", {"value": "chef",
                                                  "valid": "spokesperson, coordinator, validator, expert"}),
        ("team[1].contact", "crisis.file.required", {}),
        ("chain[1].minutes", "crisis.file.bad_number", {"value": 20_000, "min": 1, "max": 10_080}),
        ("keywords[2]", "crisis.file.not_text", {"value": "3"}),
    ]


def test_control_characters_a_duplicate_risk_and_a_huge_text_are_refused_but_emoji_are_kept():
    data = {"risks": [dict(RISK, wording="Nous corrigeons 🙏"), dict(RISK, name="défaut sur un vêtement")],
            "charter": "Répondre\x00 à tous" + "!" * 10_000}
    assert _problems(data) == [
        ("risks[2].name", "crisis.file.duplicate", {"value": "défaut sur un vêtement"}),
        ("charter", "crisis.file.bad_chars", {}),
        ("charter", "crisis.file.too_long", {"limit": 10_000, "length": 10_016}),
    ]
    assert validate({"risks": [dict(RISK, wording="Nous corrigeons 🙏")]})[0]["risks"][0]["wording"] == "Nous corrigeons 🙏"


def test_an_empty_file_would_erase_the_brands_file_and_is_refused():
    assert _problems({}) == [("", "crisis.file.empty", {})]
    assert _problems({"risks": [], "keywords": []}) == [("", "crisis.file.empty", {})]


def test_a_file_saved_twice_from_the_same_version_is_refused_the_second_time_and_the_first_kept(lila):
    engine, brand_id = lila
    with db.transaction(engine) as s:
        assert load_file(brand_id, session=s)["version"] == 0
        first = save_file(brand_id, {"risks": [RISK]}, 0, session=s, by="Inès")
    assert (first["version"], first["updated_by"], first["risks"]) == (1, "Inès", [RISK])
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        save_file(brand_id, {"keywords": ["rappel"]}, 0, session=s, by="Hugo")
    assert (caught.value.key, caught.value.params) == ("crisis.file.conflict", {"by": "Inès", "version": 1})
    with db.transaction(engine) as s:
        assert load_file(brand_id, session=s)["risks"] == [RISK]


def test_an_invalid_file_changes_nothing_in_the_database(lila):
    engine, brand_id = lila
    with db.transaction(engine) as s:
        save_file(brand_id, {"risks": [RISK]}, 0, session=s)
    with pytest.raises(InvalidCrisisFile) as caught, db.transaction(engine) as s:
        save_file(brand_id, {"risks": [dict(RISK, gravity=7)]}, 1, session=s)
    assert caught.value.message("fr") == (
        "Le dossier de crise a 1 problème\u00a0: rien n’a été enregistré, le dossier précédent est conservé. "
        "Corrigez chaque point ci-dessous puis recommencez.")
    with db.transaction(engine) as s:
        kept = load_file(brand_id, session=s)
    assert (kept["version"], kept["risks"]) == (1, [RISK])


def test_the_toml_export_reads_back_as_the_same_file(lila):
    engine, brand_id = lila
    with db.transaction(engine) as s:
        saved = import_text(brand_id, DEMO, session=s, by="Inès")
        again = import_text(brand_id, dumps(saved), session=s, by="Inès")
    keep = ("risks", "team", "chain", "keywords", "charter")
    assert {k: again[k] for k in keep} == {k: saved[k] for k in keep}
    assert again["risks"][2]["facts"]["data"] == "les noms, les adresses électroniques et les numéros de téléphone"


def test_a_file_problem_is_located_on_its_line_and_a_non_toml_file_says_where_it_stopped(lila):
    engine, brand_id = lila
    text = f'format = "{FORMAT}"\n\n[[risks]]\nname = "Rupture"\ngravity = 1\nkind = "accident"\n\n' \
           '[[risks]]\nname = "Panne du site"\ngravity = 4\nkind = "accident"\n'
    with pytest.raises(InvalidCrisisFile) as caught, db.transaction(engine) as s:
        import_text(brand_id, text, session=s)
    assert [p.render("en", "dossier.toml") for p in caught.value.problems] == [
        'dossier.toml:10: risks[2].gravity: Invalid value: "4". Give a whole number from 1 to 3.']
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        import_text(brand_id, 'format = "calame-crisis-file/1"\nkeywords = ["rappel"\n', session=s)
    assert (caught.value.key, caught.value.params["line"]) == ("crisis.file.not_toml", "2")


def test_a_risk_is_found_by_its_name_whatever_its_case_and_spacing():
    data = validate(loads(DEMO))[0]
    assert risk_named(data, "  rumeur SUR la   fabrication ")["kind"] == "victim"
    assert risk_named(data, "Incendie") is None
