import pytest

from core import brief
from core.brands import InvalidBrief, brief_of, save_brief
from core.demo import DEMO_BRIEF
from core.refdata import DATA
from core.refdata import SECTORS as SECTOR_TABLE
from tests.conftest import ROOT


def demo() -> dict:
    return brief.loads(DEMO_BRIEF.read_text(encoding="utf-8"))


def test_the_shipped_demo_brief_is_valid():
    assert brief.validate(demo()) == []


def test_a_brief_round_trips_through_toml_with_accents_emoji_and_empty_lists():
    data = demo()
    data["brand"]["name"] = "Crêperie « Chez Zoé » 🥞"
    data["personas"][0]["interests"] = []
    data["personas"][0]["description"] = "Elle dit : « c'est génial ! »\nDeuxième ligne 🌞"
    data["tone"]["words_to_avoid"] = []
    text = brief.dumps(data)
    again = brief.loads(text)
    assert brief.validate(again) == []
    assert brief.normalise(again) == brief.normalise(data)
    assert brief.dumps(again) == text


def stored_again(engine, data) -> dict:
    from core import db

    with db.transaction(engine) as s:
        brand_id = save_brief(data, session=s).id
    with db.transaction(engine) as s:
        return brief_of(brand_id, session=s)


def test_the_demo_brief_round_trips_through_the_database_with_its_offers_message_and_rubrics(engine):
    data = demo()
    stored = stored_again(engine, data)
    assert stored == brief.normalise(data)
    assert [o["name"] for o in stored["offers"]] == [
        "robe Lila", "chemise Anna", "pantalon Jules", "combinaison Rosa", "veste Marius", "pull Tom",
        "retouches offertes", "guide des tailles"]
    assert stored["offers"][6] == {
        "name": "retouches offertes", "kind": "service", "gender": "f", "number": "p", "article": "",
        "description": "des ourlets et des manches ajustés gratuitement en boutique",
        "proofs": ["faites dans l'atelier, en 48 heures"], "proof_kinds": [], "price": "", "months": [],
        "link": "https://maisonlila.fr/retouches", "hashtag": "", "included": None, "action": ""}
    assert stored["message"]["claims_to_avoid"] == ["éco-responsable", "zéro déchet", "100 % naturel"]
    assert stored["rubrics"] == [{"name": "le conseil entretien du mardi", "weekday": 1,
                                  "networks": ["instagram", "facebook"],
                                  "description": "laver, repasser (ou pas), ranger le lin",
                                  "items": data["rubrics"][0]["items"]}]
    assert stored["rubrics"][0]["items"][:2] == [
        "laver le lin à 30\u00a0°C : une eau tiède suffit, et les fibres gardent leur tenue lavage après lavage",
        "oublier l'adoucissant : le lin s'assouplit tout seul au fil des lavages, l'adoucissant encrasse ses fibres"]


def test_an_english_brief_round_trips_through_the_database_and_back_to_the_same_file(engine):
    text = (ROOT / "tests" / "data" / "briefs" / "homeware_uk.toml").read_text(encoding="utf-8")
    data = brief.loads(text)
    assert brief.validate(data) == []
    stored = stored_again(engine, data)
    assert stored == brief.normalise(data)
    assert brief.dumps(stored) == brief.dumps(data)
    assert stored["offers"] and stored["message"]["promise"]


def test_edge_values_round_trip_whole_through_the_database(engine):
    data = demo()
    data["message"] = {"promise": "Du lin « qui dure » 🌿", "differentiators": [], "hashtags": ["#ÉtéEnLin"],
                       "claims_to_avoid": []}
    data["offers"] = [
        {"name": "bougie Lila 🌸", "kind": "produit", "article": "aucun", "months": [12], "price": "",
         "description": "une bougie au lin\nsur deux lignes"},
        {"name": "x" * 80, "kind": "cause", "gender": "m", "number": "p", "proofs": ["preuve"] * 10},
    ]
    data["rubrics"] = [{"name": "la recette du mois", "networks": []}]
    assert brief.validate(data) == []
    stored = stored_again(engine, data)
    assert stored["message"] == data["message"]
    assert stored["offers"] == brief.normalise(data)["offers"]
    assert stored["rubrics"] == [{"name": "la recette du mois", "weekday": None, "networks": [], "description": "",
                                  "items": []}]


def test_the_moment_sections_are_stored_and_read_back_whole(engine):
    data = demo()
    data["moments"] = {"follow": ["fetes_religieuses"], "skip": ["black_friday"], "quiet": ["08-01/08-22"],
                       "public_holidays": "sector"}
    data["brand_moments"] = [
        {"name": "Les 10 ans de Maison Lila", "start": "03-14", "lead_weeks": 2},
        {"name": "Salon Made in France", "start": "2027-11-05", "end": "2027-11-08", "kind": "salon"},
    ]
    stored = stored_again(engine, data)
    expected = brief.normalise(data)
    assert (stored["moments"], stored["brand_moments"]) == (expected["moments"], expected["brand_moments"])
    assert brief.loads(brief.dumps(stored))["brand_moments"] == expected["brand_moments"]


def test_saving_a_brief_without_offers_empties_the_stored_offers(engine):
    from core import db

    data = demo()
    with db.transaction(engine) as s:
        brand_id = save_brief(data, session=s).id
    del data["offers"], data["rubrics"]
    with db.transaction(engine) as s:
        save_brief(data, session=s, brand_id=brand_id)
    with db.transaction(engine) as s:
        stored = brief_of(brand_id, session=s)
    assert (stored["offers"], stored["rubrics"]) == ([], [])
    assert stored["message"]["promise"].startswith("Des vêtements en lin")


def test_a_bad_offer_writes_nothing_and_keeps_the_stored_offers(engine):
    from core import db

    data = demo()
    with db.transaction(engine) as s:
        brand_id = save_brief(data, session=s).id
    data["offers"][0]["months"] = [0, 13]
    data["offers"].append({"name": "R"})
    with pytest.raises(InvalidBrief) as caught:
        with db.transaction(engine) as s:
            save_brief(data, session=s, brand_id=brand_id)
    assert [(p.path, p.key) for p in caught.value.problems] == [
        ("offers[1].months", "brief.bad_months"), ("offers[9].name", "brief.offer_name_short")]
    with db.transaction(engine) as s:
        assert brief_of(brand_id, session=s)["offers"] == brief.normalise(demo())["offers"]


def test_saving_an_edited_brief_keeps_persona_rows_so_posts_keep_their_link(engine):
    from sqlmodel import select

    from core import db
    from core.models import Persona

    data = demo()
    with db.transaction(engine) as s:
        brand_id = save_brief(data, session=s).id
        before = {p.name: p.id for p in s.exec(select(Persona))}
    data["personas"][0]["description"] = "Nouvelle description"
    del data["personas"][2]
    with db.transaction(engine) as s:
        save_brief(data, session=s, brand_id=brand_id)
        after = {p.name: p.id for p in s.exec(select(Persona))}
    assert after == {name: before[name] for name in ("Camille, citadine active", "Hélène, fidèle de la boutique")}


def test_an_invalid_brief_writes_nothing(engine):
    from sqlmodel import select

    from core import db
    from core.models import Brand

    data = demo()
    data["channels"].append({"network": "myspace", "posts_per_week": 2})
    with pytest.raises(InvalidBrief) as caught:
        with db.transaction(engine) as s:
            save_brief(data, session=s)
    assert [p.path for p in caught.value.problems] == ["channels[5].network"]
    with db.transaction(engine) as s:
        assert s.exec(select(Brand)).all() == []


def test_validate_reports_every_problem_with_its_line_in_french_and_english():
    text = """format = "calame-brief/1"
[brand]
name = "Maison Lila"
country = "FR"
languages = ["fr", "klingon"]
couleur = "rose"

[[objectives]]
kind = "notoriete"
kpi = "plus d'abonnés"

[[personas]]
name = "Camille"
active_hours = ["20:00-19:00"]
"""
    _, problems = brief.validate_text(text)
    assert [(p.line, p.path) for p in problems] == [
        (6, "brand.couleur"), (5, "brand.languages[1]"), (10, "objectives[1].kpi"),
        (14, "personas[1].active_hours[0]"),
    ]
    assert [p.message("fr") for p in problems][1:3] == [
        "Valeur « klingon » inconnue. Valeurs possibles : fr, en, de, nl, es, it.",
        "L'objectif chiffré doit contenir un nombre mesurable, par exemple « +20 % d'abonnés Instagram d'ici juin ».",
    ]
    assert problems[1].message("en") == "Unknown value \"klingon\". Valid values: fr, en, de, nl, es, it."
    assert problems[0].render("en", "b.toml").startswith('b.toml:6: brand.couleur: Unknown field "couleur"')


def test_bad_offers_are_reported_with_their_line_and_the_valid_values():
    text = DEMO_BRIEF.read_text(encoding="utf-8") + (
        '\n[[offers]]\nname = "R"\ngender = "x"\nmonths = [13]\nlink = "maisonlila.fr"\n'
        '\n[[offers]]\nname = "' + "robe " * 60 + '"\n')
    _, problems = brief.validate_text(text)
    lines = text.splitlines()
    assert [(p.path, p.key) for p in problems] == [
        ("offers[9].name", "brief.offer_name_short"), ("offers[9].gender", "brief.bad_gender"),
        ("offers[9].months", "brief.bad_months"), ("offers[9].link", "brief.bad_link"),
        ("offers[10].name", "brief.too_long")]
    assert lines[problems[1].line - 1] == 'gender = "x"'
    assert problems[1].message("fr") == (
        "Genre «\u00a0x\u00a0» inconnu\u00a0: «\u00a0f\u00a0» (féminin, «\u00a0la robe Lila\u00a0») ou «\u00a0m\u00a0» (masculin, «\u00a0le pull Tom\u00a0»)\u202f; laissez "
        "vide pour que Calame le déduise du nom, ou donnez plutôt l'article (article = \"l'\").")
    assert problems[0].message("en") == (
        'Offer name "R" too short: at least 2 characters, the name as your customers say it (e.g. "Lila dress").')


def test_a_rubrics_subjects_are_a_list_of_written_lines_and_a_blank_or_a_bare_text_is_explained():
    text = DEMO_BRIEF.read_text(encoding="utf-8") + (
        '\n[[rubrics]]\nname = "le légume du lundi"\nweekday = 0\n'
        'items = ["la courge butternut de Vertou : en velouté", "  ", 12]\n'
        '\n[[rubrics]]\nname = "la fournée du jeudi"\nweekday = 3\nitems = "le pain au seigle"\n')
    data, problems = brief.validate_text(text)
    lines = text.splitlines()
    assert [(p.path, p.key) for p in problems] == [
        ("rubrics[2].items[1]", "brief.rubric_item_empty"), ("rubrics[2].items[2]", "brief.not_text"),
        ("rubrics[3].items", "brief.rubric_items_not_list")]
    assert lines[problems[0].line - 1].startswith("items = [")
    assert problems[0].message("fr") == (
        "Sujet n° 2 vide\u00a0: chaque ligne de items est le sujet d’un épisode de la rubrique («\u00a0la courge "
        "butternut de Vertou\u00a0: en velouté ou rôtie au four\u00a0»). Écrivez-le ou supprimez la ligne.")
    assert problems[0].message("en") == (
        'Subject no. 2 is empty: each line of items is the subject of one episode of the series ("the Ethiopian '
        'Guji: jammy, with a note of bergamot"). Write it or remove the line.')
    assert problems[2].message("fr").startswith(
        "Sujets «\u00a0le pain au seigle\u00a0» illisibles\u00a0: items est une liste de sujets entre crochets")
    assert problems[2].message("en").startswith(
        'Subjects "le pain au seigle" cannot be read: items is a list of subjects in square brackets')
    data["rubrics"][1]["items"] = ["la courge butternut de Vertou : en velouté"] * 2 + ["x" * 300]
    del data["rubrics"][2]
    assert brief.validate(data) == []  # the same subject twice is the manager's choice to run it again
    data["rubrics"][1]["items"] = ["le pain au seigle"] * 105
    assert [(p.path, p.key, p.params) for p in brief.validate(data)] == [
        ("rubrics[2].items", "brief.too_many", {"limit": 104})]


def test_an_offer_name_with_emoji_and_no_gender_is_valid():
    data = demo()
    data["offers"] = [{"name": "bougie Lila 🌸"}]
    assert brief.validate(data) == []


def test_a_malformed_file_is_refused_with_its_line_and_column_in_the_readers_language():
    with pytest.raises(brief.BriefError) as caught:
        brief.loads('format = "calame-brief/1"\n[brand\nname = "Maison Lila"\n')
    assert (caught.value.key, caught.value.params) == (
        "brief.not_toml", {"line": 2, "column": 7, "detail": "Expected ']' at the end of a table declaration"})
    assert caught.value.message("fr") == (
        "Le fichier n'est pas du TOML valide, ligne 2, colonne 7 (analyseur TOML\u00a0: Expected ']' at "
        "the end of a table declaration). Corrigez cette ligne\u202f; le format est décrit dans "
        "docs/brief-format.md.")
    assert caught.value.message("en") == (
        "The file is not valid TOML, line 2, column 7 (TOML parser: Expected ']' at the end of a table "
        "declaration). Fix that line; the format is described in docs/brief-format.md.")


def test_a_file_cut_in_the_middle_of_a_value_is_refused_at_its_end():
    with pytest.raises(brief.BriefError) as caught:
        brief.loads('format = "calame-brief/1"\n[brand]\nname = "Maison')
    assert (caught.value.key, caught.value.params) == ("brief.not_toml_at_end", {"detail": "Unterminated string"})


def test_a_ten_megabyte_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "brief.toml"
    big.write_text('format = "calame-brief/1"\n' + "# filler\n" * 1_250_000, encoding="utf-8")
    assert big.stat().st_size > 10_000_000
    with pytest.raises(brief.BriefError) as caught:
        brief.read_text(big)
    assert (caught.value.key, caught.value.params) == (
        "brief.file_too_large", {"size": big.stat().st_size, "limit": 2_000_000})


def test_a_non_utf8_file_is_refused_with_the_byte_position(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Crêperie"'.encode("latin-1"))
    with pytest.raises(brief.BriefError) as caught:
        brief.read_text(path)
    assert caught.value.message("fr") == (
        "Le fichier n'est pas en UTF-8 (octet invalide à la position 11). Si c'est bien un brief, "
        "réenregistrez-le en UTF-8\u202f; sinon, vérifiez le chemin.")
    assert str(caught.value) == (
        "The file is not UTF-8 (invalid byte at position 11). If it is a brief, save it again as UTF-8; "
        "otherwise, check the path.")


def test_control_characters_pasted_into_a_field_are_refused():
    data = demo()
    data["personas"][0]["description"] = "Texte\x0b collé depuis Word"
    assert [(p.path, p.key) for p in brief.validate(data)] == [("personas[1].description", "brief.control_chars")]


def test_every_sector_of_the_list_has_a_label_in_both_languages():
    import tomllib

    sectors = tomllib.loads((DATA / "sectors.toml").read_text(encoding="utf-8"))
    assert all(isinstance(v, str) or (v["fr"] and v["en"]) for v in sectors.values())


from hypothesis import given, settings
from hypothesis import strategies as st

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                      max_leaves=12)
sections = st.fixed_dictionaries({}, optional={
    "brand": st.dictionaries(st.sampled_from(["name", "sector", "country", "timezone", "languages",
                                              "hours_per_week", "brand_hashtag", "tacit_approval_days", "x"]), values),
    "tone": st.dictionaries(st.sampled_from(["address", "register", "emojis", "words_to_avoid"]), values),
    "objectives": st.lists(st.dictionaries(st.sampled_from(["kind", "priority", "kpi"]), values), max_size=3),
    "personas": st.lists(st.dictionaries(st.sampled_from(["name", "age_min", "age_max", "active_hours",
                                                          "networks"]), values), max_size=3),
    "channels": values,
    "message": st.dictionaries(st.sampled_from(["promise", "differentiators", "hashtags", "claims_to_avoid", "x"]),
                               values),
    "offers": st.lists(st.dictionaries(st.sampled_from(["name", "kind", "gender", "number", "article", "months",
                                                        "link", "hashtag", "proofs"]), values), max_size=3),
    "rubrics": st.lists(st.dictionaries(st.sampled_from(["name", "weekday", "networks", "items"]), values), max_size=3),
    "moments": values,
    "brand_moments": values,
})


@settings(max_examples=150, deadline=None)
@given(sections)
def test_validation_never_crashes_whatever_the_file_holds(data):
    problems = brief.validate(data)
    assert all(p.message("fr") and p.message("en") for p in problems)


def test_brief_export_writes_every_stored_section_and_import_reads_it_back(tmp_path, monkeypatch, capsys):
    from core.cli.main import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["demo", "--if-empty"]) == 0
    assert main(["brief", "export", "Maison Lila"]) == 0
    exported = capsys.readouterr().out
    assert brief.normalise(brief.loads(exported)) == brief.normalise(demo())
    edited = tmp_path / "brief.toml"
    edited.write_text(exported.replace('price = "129 €"', 'price = "119 €"'), encoding="utf-8")
    assert main(["brief", "import", str(edited)]) == 0
    capsys.readouterr()
    assert main(["brief", "export", "Maison Lila"]) == 0
    again = brief.loads(capsys.readouterr().out)
    assert [(o["name"], o["price"]) for o in again["offers"][:2]] == [("robe Lila", "119 €"), ("chemise Anna", "89 €")]
    assert again["rubrics"] == brief.normalise(demo())["rubrics"]


# --- bad input of the brief's material (issue 11) ---------------------------------------

def problems_of(**changes) -> list[tuple[str, str, dict]]:
    data = demo()
    for section, value in changes.items():
        data[section] = value
    return [(p.path, p.key, p.params) for p in brief.validate(data)]


SECTORS = ", ".join(SECTOR_TABLE)  # other tasks add sectors to data/sectors.toml


def test_a_sector_written_as_words_is_refused_with_the_code_it_most_likely_means():
    assert SECTORS.startswith("mode, beaute, restauration, tourisme") and SECTORS.endswith(", autre")
    english = {"name": "Oak & Ash", "sector": "Fashion", "country": "GB", "languages": ["en"]}
    french_label = {"name": "Maison Lila", "sector": "Mode et prêt-à-porter"}
    assert problems_of(brand=english) == [
        ("brand.sector", "brief.sector_guess", {"value": "Fashion", "guess": "mode", "valid": SECTORS})]
    assert problems_of(brand=french_label)[0][2]["guess"] == "mode"
    assert brief.validate(demo() | {"brand": english | {"sector": "restaurant"}})[0].message("en") == (
        'Unknown sector "restaurant": you probably mean "restauration" (sectors are written as their code, the '
        f"same in every language). Valid sectors: {SECTORS}.")


def test_a_sector_not_in_the_list_points_to_autre_and_sector_other():
    problems = brief.validate(demo() | {"brand": {"name": "Plomberie Favre", "sector": "plomberie"}})
    assert [(p.path, p.key) for p in problems] == [("brand.sector", "brief.unknown_sector")]
    assert problems[0].message("fr") == (
        f"Secteur «\u00a0plomberie\u00a0» inconnu. Secteurs possibles\u00a0: {SECTORS}. Pour un secteur "
        "hors liste, choisissez «\u00a0autre\u00a0» et décrivez-le dans sector_other.")
    assert brief.validate(demo() | {"brand": {"name": "Plomberie Favre", "sector": "autre",
                                              "sector_other": "plomberie et chauffage"}}) == []


def test_an_english_brand_keeps_the_sector_code_which_is_the_same_in_every_language():
    assert problems_of(brand={"name": "Oak & Ash", "sector": "mode", "country": "GB", "languages": ["en"],
                              "timezone": "Europe/London"}) == []


def test_offer_names_of_one_letter_300_characters_or_only_emoji_are_refused_and_emoji_beside_words_kept():
    offers = [{"name": "R"}, {"name": "r" * 300}, {"name": "🌸🌸"}, {"name": "bougie Lila 🌸", "gender": "féminin"}]
    assert [(path, key) for path, key, _ in problems_of(offers=offers)] == [
        ("offers[1].name", "brief.offer_name_short"), ("offers[2].name", "brief.too_long"),
        ("offers[3].name", "brief.offer_name_no_word"), ("offers[4].gender", "brief.bad_gender")]
    assert brief.validate(demo() | {"offers": [{"name": "bougie Lila 🌸"}]}) == []
