"""``python -m core moments``: a year's moments for a country and a sector, and clear errors."""

import json

import pytest

from core.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_moments_of_a_belgian_fashion_brand_in_2027_as_json(capsys):
    code, out, err = run(capsys, "moments", "--country", "BE", "--year", "2027", "--sector", "mode", "--json")
    data = json.loads(out)
    assert (code, data["country"], data["year"]) == (0, "BE", 2027)
    rows = {m["key"]: m for m in data["moments"]}
    assert rows["soldes_hiver_be"] == {
        "key": "soldes_hiver_be", "name": "Soldes d'hiver", "start": "2027-01-02", "end": "2027-01-31",
        "kind": "commercial", "tags": ["mode", "ecommerce", "beaute"], "lead_weeks": 2,
        "source": rows["soldes_hiver_be"]["source"]}
    assert rows["soldes_hiver_be"]["source"].startswith("Belgian Code de droit économique")
    assert (rows["attente_ete_be"]["start"], rows["attente_ete_be"]["end"]) == ("2027-06-01", "2027-06-30")
    starts = [(m["start"], m["key"]) for m in data["moments"]]
    assert starts == sorted(starts)


def test_a_charity_sees_the_days_of_its_cause_and_a_fashion_brand_does_not(capsys):
    _, out, _ = run(capsys, "moments", "--country", "FR", "--year", "2027", "--sector", "association", "--json")
    charity = {m["key"]: m["start"] for m in json.loads(out)["moments"]}
    _, out, _ = run(capsys, "moments", "--country", "FR", "--year", "2027", "--sector", "mode", "--json")
    fashion = {m["key"] for m in json.loads(out)["moments"]}
    assert [charity[k] for k in ("journee_sans_abri", "journee_refus_misere", "journee_benevolat", "giving_tuesday")] == [
        "2027-10-10", "2027-10-17", "2027-12-05", "2027-11-30"]
    assert not fashion & {"journee_sans_abri", "journee_refus_misere", "journee_benevolat"}


def test_names_follow_lang_and_the_text_output_is_one_line_a_moment(capsys):
    code, out, err = run(capsys, "--ui", "en", "moments", "--country", "gb", "--year", "2027", "--lang", "en")
    lines = out.splitlines()
    assert code == 0
    assert "2027-03-07\tcommercial\tmothering_sunday\tMothering Sunday" in lines
    assert "2027-08-30\tholiday\tferie_2027-08-30\tLate Summer Bank Holiday" in lines
    assert err.strip() == f"{len(lines)} moments for GB in 2027."


@pytest.mark.parametrize("lang, argv, expected", [
    ("fr", ("--country", "ZZ", "--year", "2027"),
     "Erreur : Pays inconnu : « ZZ ». Pays pris en charge : FR, BE, CH, CA, LU, GB, US. Relancez avec --country et l'un d'eux."),
    ("en", ("--country", "FR", "--year", "1789"),
     "Error: Year out of range: 1789. Calame computes moments from 2000 to 2100; run again with --year in that range."),
    ("en", ("--country", "FR", "--year", "deux mille"),
     "Error: Year out of range: deux mille. Calame computes moments from 2000 to 2100; run again with --year in that range."),
    ("en", ("--country", "FR", "--year", "2027", "--sector", "bijoux"),
     "Error: Unknown sector: 'bijoux'. Valid sectors: mode, beaute, restauration, tourisme, sport, b2b_saas, "
     "immobilier, culture, ecommerce, association, autre. Run again with --sector and one of them, or without --sector."),
])
def test_a_bad_country_year_or_sector_exits_2_with_the_valid_values(capsys, lang, argv, expected):
    code, out, err = run(capsys, "--ui", lang, "moments", *argv)
    assert (code, out, err.strip().replace("\u00a0", " ")) == (2, "", expected)


def test_a_brands_moments_follow_its_choices_and_add_its_own(capsys, tmp_path, monkeypatch):
    from core import db
    from core.brands import get_brand
    from core.planning.moment_prefs import save_preferences

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert run(capsys, "demo", "--if-empty")[0] == 0
    engine = db.make_engine()
    with db.transaction(engine) as s:
        save_preferences(get_brand("Maison Lila", session=s).id, {
            "moments": {"follow": ["hanoucca"], "skip": ["black_friday"]},
            "brand_moments": [{"name": "Les 10 ans de Maison Lila", "start": "03-14", "kind": "anniversaire"}]},
            session=s)
    engine.dispose()
    code, out, _ = run(capsys, "moments", "--brand", "Maison Lila", "--year", "2027", "--json")
    data = json.loads(out)
    rows = {m["key"]: m for m in data["moments"]}
    assert (code, data["country"], data["year"]) == (0, "FR", 2027)
    assert "black_friday" not in rows and rows["hanoucca"]["start"] == "2027-12-25"
    assert rows["marque_les_10_ans_de_maison_lila"] == {
        "key": "marque_les_10_ans_de_maison_lila", "name": "Les 10 ans de Maison Lila", "start": "2027-03-14",
        "end": "2027-03-14", "kind": "marque", "tags": ["marque", "anniversaire"], "lead_weeks": 2, "source": "brief"}
    # the brand's sector (fashion) applies: its summer collection campaign is listed
    assert rows["collection_ete"]["kind"] == "campaign"


def test_moments_without_a_country_or_a_brand_say_which_option_to_give(capsys):
    code, out, err = run(capsys, "moments", "--year", "2027")
    assert (code, out) == (2, "")
    assert err.startswith("Erreur : Pays manquant : donnez --country (pays pris en charge : FR, BE")
