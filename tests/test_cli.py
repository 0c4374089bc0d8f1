from core.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_brief_export_then_import_round_trips_the_demo_brand(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert run(capsys, "demo", "--if-empty")[0] == 0
    code, exported, _ = run(capsys, "brief", "export", "Maison Lila")
    assert code == 0 and 'name = "Maison Lila"' in exported
    path = tmp_path / "brief.toml"
    path.write_text(exported.replace("hours_per_week = 14.0", "hours_per_week = 20.0"), encoding="utf-8")
    assert run(capsys, "brief", "import", str(path)) == (0, "", "Brief importé dans la marque « Maison Lila ».\n")
    assert "hours_per_week = 20.0" in run(capsys, "brief", "export", "1")[1]
    assert run(capsys, "brands")[1] == "1\tMaison Lila\n"


def test_brief_validate_lists_problems_and_exits_1(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('format = "calame-brief/1"\n[brand]\nname = "X"\ncountry = "ZZ"\n', encoding="utf-8")
    code, _, err = run(capsys, "--ui", "en", "brief", "validate", str(path))
    assert code == 1
    assert err.splitlines() == [
        f'{path}:4: brand.country: Unknown value "ZZ". Valid values: FR, BE, CH, CA, LU, GB, US.',
        f"{path}: 1 problem(s). Fix them and run the command again.",
    ]


def test_a_missing_file_or_brand_is_a_clear_error_with_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert run(capsys, "--ui", "en", "brief", "validate", "nope.toml") == (
        2, "", "Error: File not found: nope.toml. Check the path.\n")
    assert run(capsys, "--ui", "en", "brief", "export", "Inconnue") == (
        2, "", 'Error: Brand "Inconnue" not found. List the brands with: python -m core brands\n')
