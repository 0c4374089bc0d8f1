import json
import shutil
import subprocess
from datetime import date

import pytest

from core import db
from core.brands import get_brand
from core.cli.main import main
from core.models import Objective
from core.results.store import Source, import_exports
from tests.results import year


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    posts = year.plan(240)
    with db.transaction(engine) as s:
        brand_id = year.load_brand(s, posts, name="Maison Lila")
        s.add(Objective(brand_id=brand_id, kind="engagement", kpi="Taux d'engagement de 5 % sur Instagram en 2027"))
        s.add(Objective(brand_id=brand_id, kind="conversion", kpi="300 ventes entre mars et juillet 2027"))
    with db.transaction(engine) as s:
        import_exports(get_brand(brand_id, session=s), [Source(n, d, date(2028, 1, 10))
                                                        for n, d in year.exports(posts).items()], session=s)
    engine.dispose()
    return tmp_path


ARGS = ["results", "report", "--brand", "Maison Lila", "--from", "2027-01-01", "--to", "2027-12-31"]


def test_the_report_prints_each_objective_against_its_target_and_the_breakdowns_as_json(database, capsys):
    assert main([*ARGS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [{k: o[k] for k in ("kind", "metric", "target", "status")} for o in data["objectives"]] == [
        {"kind": "engagement", "metric": "engagement_rate", "target": 0.05, "status": "green"},
        {"kind": "conversion", "metric": "sales", "target": 300.0, "status": "not_measured"}]
    assert set(data["by"]) == {"pillar", "format", "persona", "network", "moment", "daypart"}
    assert all(set(row) >= {"value", "posts", "interval"} for rows in data["by"].values() for row in rows)
    assert [(p["id"], p["kind"], p["status"]) for p in data["proposals"]] == [(1, "pillar_mix", "proposed")]


def test_a_proposal_is_listed_accepted_once_and_then_shown_as_accepted(database, capsys):
    assert main(ARGS) == 0
    out = capsys.readouterr().out
    assert "Coulisses de l'atelier\u00a0: +" in out and "n°\u00a01 [Mix des piliers]" in out
    assert main(["--ui", "en", "results", "proposals", "--brand", "Maison Lila"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("#1 — Pillar mix (waiting)\n  What the figures say: Posts of the pillar \"Coulisses")
    assert main(["results", "accept", "1", "--by", "Hélène"]) == 0
    assert capsys.readouterr().out == "Proposition n°\u00a01 acceptée.\n"
    assert main(["results", "refuse", "1"]) == 2
    assert capsys.readouterr().err == ("Erreur : La proposition n°\u00a01 a déjà été décidée\u00a0: une décision "
                                       "n’est pas refaite, le prochain rapport en fera de nouvelles.\n")
    assert main(["results", "proposals", "--brand", "Maison Lila", "--all", "--json"]) == 0
    assert [(p["id"], p["status"], p["decided_by"]) for p in json.loads(capsys.readouterr().out)] == [
        (1, "accepted", "Hélène")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_word_report_converts_to_pdf_with_its_french_labels_and_figures(database, capsys):
    out = database / "rapport.docx"
    assert main([*ARGS, "--out", str(out)]) == 0
    assert main(["results", "accept", "1"]) == 0
    assert main([*ARGS, "--out", str(out)]) == 0
    capsys.readouterr()
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{database}/lo", "--convert-to", "pdf",
                    "--outdir", str(database), str(out)], check=True, capture_output=True, timeout=180)
    text = " ".join(subprocess.run(["pdftotext", str(database / "rapport.pdf"), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for expected in ("Rapport de résultats — Maison Lila", "Du 1 janvier 2027 au 31 décembre 2027", "Synthèse",
                     "Indicateurs clés face aux objectifs", "Atteint ou en avance",
                     "Non mesuré par les exports des réseaux", "Prévu et réalisé", "Meilleurs moments",
                     "Les trois meilleures publications", "Recommandations", "Ce que Calame propose",
                     "Méthode", "« Preuve insuffisante »", "Fichiers importés", "meta_instagram.csv",
                     "Meta Business Suite", "X (ancien export)", "Exporté le", "10 janvier 2028"):
        assert expected in text, expected
    assert not {"pillar_mix", "not_measured", "x_legacy", "engagement_rate"} & set(text.split())


def test_a_floor_no_mix_can_keep_is_refused_and_stores_no_proposal(database, capsys):
    assert main(["--ui", "en", *ARGS, "--floor", "80"]) == 2
    assert capsys.readouterr().err == "Error: A floor of 80 points is not possible: give 0 to 50 points (--floor).\n"
    assert main(["results", "proposals", "--brand", "Maison Lila", "--all", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
