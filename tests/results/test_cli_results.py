import json
from pathlib import Path

from core import db, demo
from core.cli.main import main

DATA = Path(__file__).resolve().parent.parent / "data" / "results"


def test_results_import_json_counts_every_row_and_a_second_run_finds_them_all_imported(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'calame.db'}")
    engine = db.make_engine(f"sqlite:///{tmp_path / 'calame.db'}")
    demo.ensure_demo(engine)
    engine.dispose()
    argv = ["results", "import", str(DATA / "meta_instagram_en.csv"), str(DATA / "linkedin_content.xlsx"),
            "--brand", "Maison Lila", "--exported-on", "2027-03-22", "--json"]
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(argv) == 0
    second = json.loads(capsys.readouterr().out)
    files = [{"path": str(DATA / "meta_instagram_en.csv"), "format": "meta"},
             {"path": str(DATA / "linkedin_content.xlsx"), "format": "linkedin"}]
    assert (first["files"], first["rows"], first["errors"]) == (files, 5, [])
    assert first["matched"] + first["to_confirm"] + first["unmatched"] == 5
    assert second == {"brand": "Maison Lila", "files": files, "rows": 5, "matched": 0, "to_confirm": 0,
                      "unmatched": 0, "already_imported": 5, "errors": []}


def test_a_bad_row_is_reported_with_its_file_and_line_in_english_and_nothing_is_imported(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'calame.db'}")
    engine = db.make_engine(f"sqlite:///{tmp_path / 'calame.db'}")
    demo.ensure_demo(engine)
    engine.dispose()
    bad = tmp_path / "x.csv"
    bad.write_bytes((DATA / "x_current.csv").read_bytes().replace(b",2381,", b",-2381,"))
    assert main(["--ui", "en", "results", "import", str(bad), "--brand", "Maison Lila", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"] == [{"file": str(bad), "line": 2, "message":
        "\"-2381\" in the column \"Impressions\" is negative: a network's counter never is, check the file."}]
    assert captured.err.splitlines()[-1] == ("Nothing was imported: fix the rows reported (or leave the file out) "
                                             "and run the import again.")
    assert main(["results", "import", str(DATA / "x_legacy.csv"), "--brand", "Maison Lila", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["already_imported"] == 0
