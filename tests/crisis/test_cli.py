"""``python -m core crisis start|end|debrief`` and ``crisis file export|import``: the JSON the
issue fixes, the words a person reads, and a clear refusal, changing nothing, for a crisis
started twice, a bad window, gravity or type, a malformed crisis file."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from core import db
from core.brands import create_brand
from core.crisis.file import load_file
from tests.conftest import ROOT
from core.cli.main import main
from core.models import Crisis, Post, utcnow
from core.posts import create_post


@pytest.fixture
def database(tmp_path, monkeypatch):
    """Maison Lila with a post scheduled in two hours, one approved tomorrow, one next month."""
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    now = utcnow()
    with db.transaction(engine) as s:
        brand = create_brand("Maison Lila", session=s)
        refs = [create_post(brand.id, session=s, publish_at=now + timedelta(hours=hours), network="instagram",
                            text=text, status=status).ref
                for status, hours, text in [("programme", 2, "Nos robes d'été arrivent !"),
                                            ("valide", 24, "L'atelier couture ouvre samedi."),
                                            ("programme", 24 * 30, "Soldes d'été : tout à -30 %.")]]
    yield engine, refs
    engine.dispose()


def _statuses(engine):
    with db.transaction(engine) as s:
        return {p.ref: (p.status, p.version) for p in s.exec(select(Post))}


def test_crisis_start_prints_the_brand_the_crisis_the_suspended_posts_and_the_end(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila", "--hours", "48", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert sorted(printed) == ["brand", "crisis_id", "gravity", "risk", "suspended", "type", "until"]
    assert (printed["brand"], printed["suspended"]) == ("Maison Lila", refs[:2])
    assert (printed["gravity"], printed["type"], printed["risk"]) == (None, None, None)
    assert printed["until"].endswith(("+01:00", "+02:00"))  # the brand's time zone, Paris
    assert _statuses(engine) == {refs[0]: ("suspendu", 2), refs[1]: ("suspendu", 2), refs[2]: ("programme", 1)}


def test_crisis_end_gives_the_posts_back_for_approval_and_says_each_must_be_approved_again(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila", "--by", "Inès"]) == 0
    started = capsys.readouterr().out.splitlines()
    assert started[1:] == [f"  {refs[0]} (était\u00a0: Programmé)\u00a0: à déprogrammer aussi dans l’outil qui la publie",
                           f"  {refs[1]} (était\u00a0: Validé)"]
    assert main(["crisis", "end", "--brand", "Maison Lila"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(
        f"2 publications remises «\u00a0à valider\u00a0», à revalider une par une\u00a0: {refs[0]}, {refs[1]}.")
    assert _statuses(engine) == {refs[0]: ("a_valider", 3), refs[1]: ("a_valider", 3), refs[2]: ("programme", 1)}


def test_a_crisis_started_twice_is_refused_with_the_way_out_and_nothing_changes(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila"]) == 0
    capsys.readouterr()
    before = _statuses(engine)
    assert main(["--ui", "en", "crisis", "start", "--brand", "Maison Lila", "--hours", "12"]) == 2
    err = capsys.readouterr().err
    assert err.startswith('Error: A crisis is already open for "Maison Lila" since ')
    assert err.rstrip().endswith('End it (Crisis screen or "crisis end") before opening another; nothing was changed.')
    assert _statuses(engine) == before


def test_ending_when_no_crisis_is_open_is_refused(database, capsys):
    assert main(["crisis", "end", "--brand", "Maison Lila", "--json"]) == 2
    assert capsys.readouterr().err == (
        "Erreur : Aucune crise en cours pour «\u00a0Maison Lila\u00a0»\u00a0: rien à terminer. Si un bad buzz commence, "
        "ouvrez-en une (écran Crise ou «\u00a0crisis start\u00a0»).\n")


def test_crisis_start_records_the_gravity_and_type_given(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila", "--gravity", "2", "--type", "accident", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["gravity"], printed["type"], printed["risk"]) == (2, "accident", None)
    with db.transaction(engine) as s:
        assert [(c.gravity, c.kind) for c in s.exec(select(Crisis))] == [(2, "accident")]


@pytest.mark.parametrize("option, value, start", [("--gravity", "4", "Gravité invalide\u00a0: «\u00a0" ),
                                                  ("--type", "rumour", "Type de crise invalide\u00a0: «\u00a0"),
                                                  ("--hours", "10000", "Fenêtre de suspension invalide\u00a0: «\u00a0")])
def test_a_bad_gravity_type_or_window_is_refused_before_anything_is_suspended(database, capsys, option, value, start):
    engine, refs = database
    before = _statuses(engine)
    assert main(["crisis", "start", "--brand", "Maison Lila", option, value]) == 2
    assert capsys.readouterr().err.startswith(f"Erreur : {start}{value}\u00a0»")
    assert _statuses(engine) == before
    with db.transaction(engine) as s:
        assert s.exec(select(Crisis)).all() == []


def test_a_risk_of_the_crisis_file_brings_its_gravity_and_type_and_an_unknown_one_changes_nothing(database, capsys):
    engine, refs = database
    assert main(["crisis", "file", "import", "Maison Lila", str(ROOT / "data" / "demo" / "crisis.toml")]) == 0
    assert capsys.readouterr().err == ("Dossier de crise de «\u00a0Maison Lila\u00a0» enregistré (version 1)\u00a0: "
                                       "3 risques, 4 membres de la cellule.\n")
    before = _statuses(engine)
    assert main(["crisis", "start", "--brand", "Maison Lila", "--risk", "Incendie"]) == 2
    assert capsys.readouterr().err == (
        "Erreur : Le dossier de crise n’a pas de risque «\u00a0Incendie\u00a0». Risques préparés\u00a0: Défaut sur un "
        "vêtement, Rumeur sur la fabrication, Fuite du fichier clients. Choisissez-en un ou ajoutez-le au dossier.\n")
    assert _statuses(engine) == before
    assert main(["crisis", "start", "--brand", "Maison Lila", "--risk", "fuite du FICHIER clients", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["gravity"], printed["type"], printed["risk"]) == (3, "preventable", "Fuite du fichier clients")


def test_the_crisis_file_exported_then_imported_again_is_the_same_file(database, tmp_path, capsys):
    engine, _ = database
    assert main(["crisis", "file", "import", "Maison Lila", str(ROOT / "data" / "demo" / "crisis.toml")]) == 0
    out = tmp_path / "dossier.toml"
    assert main(["crisis", "file", "export", "Maison Lila", str(out)]) == 0
    with db.transaction(engine) as s:
        first = load_file(1, session=s)
    assert main(["crisis", "file", "import", "Maison Lila", str(out)]) == 0
    with db.transaction(engine) as s:
        second = load_file(1, session=s)
    keep = ("risks", "team", "chain", "keywords", "charter")
    assert {k: second[k] for k in keep} == {k: first[k] for k in keep}
    assert (first["version"], second["version"]) == (1, 2)


def test_a_malformed_crisis_file_lists_every_problem_with_its_line_and_keeps_the_file_in_place(database, tmp_path,
                                                                                                 capsys):
    engine, _ = database
    assert main(["crisis", "file", "import", "Maison Lila", str(ROOT / "data" / "demo" / "crisis.toml")]) == 0
    bad = tmp_path / "dossier.toml"
    bad.write_text('format = "calame-crisis-file/1"\n\n[[risks]]\nname = "Rupture de stock"\ngravity = 5\n'
                   'kind = "accident"\n\n[[chain]]\nwho = "Claire valide"\nminutes = 0\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["--ui", "en", "crisis", "file", "import", "Maison Lila", str(bad)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f'{bad}:5: risks[1].gravity: Invalid value: "5". Give a whole number from 1 to 3.',
        f'{bad}:10: chain[1].minutes: Invalid value: "0". Give a whole number from 1 to 10080.',
        f"{bad}: 2 problems. Fix them and run the command again."]
    bad.write_text("[[risks]\nname = 1", encoding="utf-8")
    assert main(["crisis", "file", "import", "Maison Lila", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("Erreur : Ce fichier n’est pas du TOML valide (ligne 1)")
    with db.transaction(engine) as s:
        assert [r["name"] for r in load_file(1, session=s)["risks"]] == [
            "Défaut sur un vêtement", "Rumeur sur la fabrication", "Fuite du fichier clients"]


def test_crisis_debrief_writes_a_word_document_and_refuses_another_extension(database, tmp_path, capsys):
    from docx import Document

    assert main(["crisis", "debrief", "--brand", "Maison Lila", "--out", str(tmp_path / "d.docx")]) == 2
    assert "Aucune crise n’a encore été ouverte pour «\u00a0Maison Lila\u00a0»" in capsys.readouterr().err
    assert main(["crisis", "start", "--brand", "Maison Lila", "--by", "Inès"]) == 0
    assert main(["crisis", "end", "--brand", "Maison Lila"]) == 0
    capsys.readouterr()
    assert main(["crisis", "debrief", "--brand", "Maison Lila", "--out", str(tmp_path / "d.pdf")]) == 2
    assert not (tmp_path / "d.pdf").exists()
    assert main(["crisis", "debrief", "--brand", "Maison Lila", "--out", str(tmp_path / "d.docx"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"brand": "Maison Lila", "crisis_id": 1, "events": 6,
                                                   "out": str(tmp_path / "d.docx")}
    doc = Document(str(tmp_path / "d.docx"))
    assert doc.paragraphs[0].text == "Débrief de crise — Maison Lila"
