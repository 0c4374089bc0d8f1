import json
import sqlite3

import pytest

from core import db
from core.cli.main import main

NBSP, NNBSP = "\u00a0", "\u202f"
RANGE_FR = f"Indiquez un jour qui existe, au format AAAA-MM-JJ, entre le 2000-01-01 et le 2099-12-31{NNBSP}; par exemple 2027-03-01."
RANGE_EN = "Give a day that exists, as YYYY-MM-DD, from 2000-01-01 to 2099-12-31; for example 2027-03-01."


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def database(tmp_path, monkeypatch):
    """An empty database of its own for the test, as DATABASE_URL."""
    path = tmp_path / "cli.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture
def lila(database, capsys):
    """A database holding the demo brand Maison Lila."""
    assert run(capsys, "demo", "--if-empty")[0] == 0
    return database


def test_brief_export_then_import_round_trips_the_demo_brand(capsys, tmp_path, lila):
    code, exported, _ = run(capsys, "brief", "export", "Maison Lila")
    assert code == 0 and 'name = "Maison Lila"' in exported
    path = tmp_path / "brief.toml"
    path.write_text(exported.replace("hours_per_week = 14.0", "hours_per_week = 20.0"), encoding="utf-8")
    assert run(capsys, "brief", "import", str(path)) == (
        0, "", f"Brief importé dans la marque «{NBSP}Maison Lila{NBSP}».\n")
    assert "hours_per_week = 20.0" in run(capsys, "brief", "export", "1")[1]
    assert run(capsys, "brands")[1] == "1\tMaison Lila\n"


def test_brief_validate_lists_problems_and_exits_1(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('format = "calame-brief/1"\n[brand]\nname = "X"\ncountry = "ZZ"\n', encoding="utf-8")
    code, _, err = run(capsys, "--ui", "en", "brief", "validate", str(path))
    assert code == 1
    assert err.splitlines() == [
        f'{path}:4: brand.country: Unknown value "ZZ". Valid values: FR, BE, CH, CA, LU, GB, US.',
        f"{path}: 1 problem. Fix them and run the command again.",
    ]


def test_a_missing_file_or_brand_is_a_clear_error_with_exit_2(capsys, database):
    assert run(capsys, "--ui", "en", "brief", "validate", "nope.toml") == (
        2, "", "Error: File not found: nope.toml. Check the path.\n")
    assert run(capsys, "--ui", "en", "brief", "export", "Inconnue") == (
        2, "", 'Error: Brand "Inconnue" not found. List the brands with: python -m core brands\n')


def test_a_brief_that_is_not_toml_names_its_line_and_column_in_french(capsys, tmp_path):
    path = tmp_path / "brief.toml"
    path.write_text('format = "calame-brief/1"\n[brand\nname = "Maison Lila"\n', encoding="utf-8")
    assert run(capsys, "brief", "validate", str(path)) == (2, "", (
        f"Erreur : {path}{NBSP}: Le fichier n'est pas du TOML valide, ligne 2, colonne 7 "
        f"(analyseur TOML{NBSP}: Expected ']' at the end of a table declaration). Corrigez cette "
        f"ligne{NNBSP}; le format est décrit dans docs/brief-format.md.\n"))


def test_calame_lang_chooses_the_language_when_ui_is_not_given(capsys, monkeypatch):
    monkeypatch.setenv("CALAME_LANG", "en")
    assert run(capsys, "score", "absent.txt") == (2, "", "Error: File not found: absent.txt. Check the path.\n")
    assert run(capsys, "--ui", "fr", "score", "absent.txt") == (
        2, "", f"Erreur : Fichier introuvable{NBSP}: absent.txt. Vérifiez le chemin.\n")


@pytest.mark.parametrize("argv, option, value", [
    (["approvals", "tacit", "--brand", "Maison Lila", "--today", "2027-02-30"], "--today", "2027-02-30"),
    (["plan", "data/demo/brief.toml", "--start", "2027-13-01", "--months", "1", "--json"], "--start", "2027-13-01"),
    (["plan", "data/demo/brief.toml", "--start", "9999-12-01", "--months", "1", "--json"], "--start", "9999-12-01"),
    (["export", "docx", "--brief", "data/demo/brief.toml", "--start", "0001-01-01"], "--start", "0001-01-01"),
    (["export", "ics", "--brand", "Maison Lila", "--from", "2027-03-01", "--to", "9999-12-31"], "--to", "9999-12-31"),
    (["export", "docx", "--brand", "Maison Lila", "--from", "1er mars", "--to", "2027-03-31"], "--from", "1er mars"),
])
def test_an_impossible_day_is_refused_with_the_days_calame_accepts(capsys, lila, argv, option, value):
    assert run(capsys, *argv) == (
        2, "", f"Erreur : Date invalide pour {option}{NBSP}: «{NBSP}{value}{NBSP}». {RANGE_FR}\n")
    assert run(capsys, "--ui", "en", *argv) == (
        2, "", f'Error: Invalid date for {option}: "{value}". {RANGE_EN}\n')


def test_writing_into_a_folder_that_does_not_exist_says_which_folder(capsys, tmp_path, lila):
    out = tmp_path / "clients" / "mars.docx"
    assert run(capsys, "export", "docx", "--brand", "Maison Lila", "--from", "2027-03-01",
               "--to", "2027-03-31", "--out", str(out)) == (2, "", (
        f"Erreur : Impossible d'écrire {out}{NBSP}: le dossier {out.parent} n'existe pas. "
        "Créez-le, ou choisissez un autre chemin.\n"))


def test_listing_the_brands_of_an_empty_database_says_how_to_add_one(capsys, database):
    assert run(capsys, "--ui", "en", "brands") == (0, "", (
        'No brand in the database. Load the demo brand with "python -m core demo", '
        'or import a brief with "python -m core brief import FILE".\n'))


def test_an_archived_brand_is_listed_as_archived_in_french(capsys, lila):
    from core.brands import archive_brand

    with db.transaction() as session:
        archive_brand(1, session=session)
    assert run(capsys, "brands", "--all") == (0, "1\tMaison Lila (archivée)\n", "")
    assert run(capsys, "--ui", "en", "brands", "--all") == (0, "1\tMaison Lila (archived)\n", "")


def test_a_locked_database_stops_the_import_with_nothing_saved(capsys, lila, tmp_path):
    """Another program holds the write lock past SQLite's 5-second busy timeout."""
    brief = tmp_path / "brief.toml"
    brief.write_text(run(capsys, "brief", "export", "Maison Lila")[1].replace(
        "hours_per_week = 14.0", "hours_per_week = 20.0"), encoding="utf-8")
    other = sqlite3.connect(lila, isolation_level=None)
    other.execute("begin exclusive")
    try:
        assert run(capsys, "brief", "import", str(brief)) == (2, "", (
            "Erreur : La base de données est verrouillée par un autre programme (une autre session "
            f"de Calame, ou un outil qui l'a ouverte). Rien n'a été enregistré{NNBSP}; réessayez dans "
            "quelques secondes.\n"))
    finally:
        other.execute("rollback")
        other.close()
    assert "hours_per_week = 14.0" in run(capsys, "brief", "export", "Maison Lila")[1]


def test_score_jsonl_scores_the_good_lines_and_reports_the_others_by_number(capsys, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join([
        '{"id": "a", "text": "Bonjour à tous ! Voici Capucine, notre nouvelle robe d\'été."}',
        '{"id": "b", "text": "Soldes d\'été", }',
        '["pas", "un", "objet"]',
        '{"id": "c", "text": "Nouveautés en boutique", "network": "myspace"}',
        "",
        '{"id": "d", "text": "Notre robe d\'été en lin, à découvrir en boutique.", "network": "linkedin"}',
    ]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--ui", "en", "score", "--jsonl", str(path))
    example = '{"id": 1, "text": "Hello everyone!"}'
    assert (code, [json.loads(line)["id"] for line in out.splitlines()]) == (1, ["a", "d"])
    assert [json.loads(line)["stats"]["network"] for line in out.splitlines()] == ["instagram", "linkedin"]
    assert err.splitlines() == [
        "Line 2 skipped: not valid JSON (column 37; JSON parser: Expecting property name enclosed in "
        f"double quotes). One line a post, for example {example}.",
        f"Line 3 skipped: not a JSON object. One line a post, for example {example}.",
        'Line 4 skipped: unknown network "myspace". Valid networks: blog, bluesky, facebook, '
        "google_business, instagram, linkedin, newsletter, pinterest, threads, tiktok, x, youtube.",
    ]


def test_scoring_an_empty_file_shows_the_empty_draft_and_exits_1(capsys, tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("  \n", encoding="utf-8")
    code, out, err = run(capsys, "--ui", "en", "score", str(path))
    assert (code, out.splitlines()[0], err) == (
        1, "Score: 0/100 (instagram)",
        f"No text to score in {path}: write the post's text, then run the command again.\n")
