import pytest

from core import brief
from core.brands import InvalidBrief, brief_of, save_brief
from core.demo import DEMO_BRIEF
from core.refdata import DATA


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


def test_a_brief_round_trips_through_the_database(engine):
    from core import db

    data = demo()
    with db.transaction(engine) as s:
        brand_id = save_brief(data, session=s).id
    with db.transaction(engine) as s:
        stored = brief_of(brand_id, session=s)
    # [message], [[offers]] and [[rubrics]] are not stored in the database yet (docs/brief-format.md)
    expected = brief.normalise({k: v for k, v in data.items() if k not in ("message", "offers", "rubrics")})
    assert stored == expected


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
        ("offers[9].name", "brief.offer_name_short"), ("offers[9].gender", "brief.invalid_choice"),
        ("offers[9].months", "brief.bad_months"), ("offers[9].link", "brief.bad_link"),
        ("offers[10].name", "brief.too_long")]
    assert lines[problems[1].line - 1] == 'gender = "x"'
    assert problems[1].message("fr") == "Valeur « x » inconnue. Valeurs possibles : f, m."
    assert problems[0].message("en") == (
        'Offer name "R" too short: at least 2 characters, the name as your customers say it (e.g. "Lila dress").')


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
})


@settings(max_examples=150, deadline=None)
@given(sections)
def test_validation_never_crashes_whatever_the_file_holds(data):
    problems = brief.validate(data)
    assert all(p.message("fr") and p.message("en") for p in problems)
