import json
from pathlib import Path

import pytest

from core import db, demo
from core.cli.main import main

FILES = Path(__file__).resolve().parent / "mapping_files"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'calame.db'}")
    engine = db.make_engine(f"sqlite:///{tmp_path / 'calame.db'}")
    demo.ensure_demo(engine)
    engine.dispose()
    return tmp_path


def test_results_map_prints_the_columns_and_the_proposal_and_saves_nothing_without_save(cli, capsys):
    path = str(FILES / "tableau_agence_mars.csv")
    assert main(["results", "map", path, "--brand", "Maison Lila"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1:2] + captured.out.splitlines()[9:14] == [
        "  « Date de publication »\u00a0: 09/03/2027 19:00 | 14/03/2027 12:15 | 17/03/2027 08:30",
        "Correspondance proposée\u00a0:",
        "  Date de publication (published) ← « Date de publication »",
        "  Réseau (network) ← « Réseau »",
        "  Lien de la publication (permalink) ← « Lien »",
        "  Texte (text) ← « Texte »"]
    assert captured.out.splitlines()[-2:] == ["  ordre des dates\u00a0: jour d’abord (31/03/2027)",
                                              "Aperçu\u00a0: 4 lignes lues, 0 problème."]
    assert captured.err == "Rien n’est enregistré\u00a0: ajoutez --save pour garder cette correspondance.\n"
    assert main(["results", "mappings", "--brand", "Maison Lila", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_mapping_set_and_saved_from_the_cli_imports_the_file_and_a_second_import_adds_nothing(cli, capsys):
    path = str(FILES / "hootsuite_analytics.csv")
    assert main(["--ui", "en", "results", "map", path, "--brand", "Maison Lila", "--set", "engagement_rate=",
                 "--set", "text=Message", "--save", "--name", "Hootsuite", "--json"]) == 0
    captured = capsys.readouterr()
    shown = json.loads(captured.out)
    assert (shown["saved"], shown["problem"], shown["preview"], shown["dates"]) == (
        "Hootsuite", None, {"rows": 3, "issues": 0}, "month_first")
    assert "engagement_rate" not in shown["mapping"]["columns"]
    assert captured.err == ("Mapping \"Hootsuite\" saved for Maison Lila: the next files with these columns are read "
                            "as a known export (python -m core results import).\n")
    argv = ["results", "import", path, "--brand", "Maison Lila", "--exported-on", "2027-03-31", "--json"]
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["files"], first["rows"], first["errors"]) == (
        [{"path": path, "format": "mapping", "mapping": "Hootsuite"}], 3, [])
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["already_imported"] == 3
    assert main(["results", "mappings", "--brand", "Maison Lila", "--json"]) == 0
    [saved] = json.loads(capsys.readouterr().out)
    assert (saved["name"], saved["columns"][:3]) == ("Hootsuite", ["comments", "date (gmt)", "engagement rate (%)"])
    assert main(["results", "mappings", "--brand", "Maison Lila", "--delete", "Hootsuite"]) == 0
    assert capsys.readouterr().err.splitlines() == ["Correspondance « Hootsuite » supprimée pour Maison Lila.",
                                                    "Maison Lila n’a aucune correspondance enregistrée."]
    assert main(["results", "import", path, "--brand", "Maison Lila", "--dry-run"]) == 1


def test_an_incomplete_mapping_is_reported_and_refused_when_saved(cli, capsys):
    path = str(FILES / "tableau_agence_mars.csv")
    unset = ["--set", "Portée=", "--set", "reach=", "--set", "likes=", "--set", "comments=", "--set", "shares="]
    assert main(["results", "map", path, "--brand", "Maison Lila", *unset[2:]]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Correspondance incomplète\u00a0: Choisissez au moins une colonne de chiffres (portée, impressions, vues, j’aime, "
        "commentaires, partages…)\u00a0: sans elle, il n’y a rien à importer.")
    assert main(["results", "map", path, "--brand", "Maison Lila", *unset[2:], "--save"]) == 2
    assert main(["results", "map", path, "--brand", "Maison Lila", *unset[:2]]) == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith("Erreur : « Portée » n’est pas un champ de Calame\u00a0;")
    assert main(["results", "mappings", "--brand", "Maison Lila", "--delete", "Inconnue"]) == 2
