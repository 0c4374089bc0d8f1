import pytest
from sqlmodel import select

from core import db
from core.brands import BrandError, archive_brand, brief_of, create_brand, duplicate_brand, list_brands, rename_brand
from core.models import Brand


def test_create_rename_duplicate_archive_a_brand(engine, demo_brand):
    with db.transaction(engine) as s:
        bakery = create_brand("Boulangerie Marcel", session=s).id
        rename_brand(bakery, "Boulangerie Marcel & Fils", session=s)
        copy = duplicate_brand(demo_brand, "Maison Lila Belgique", session=s).id
        archive_brand(demo_brand, session=s)
    with db.transaction(engine) as s:
        assert [b.name for b in list_brands(session=s)] == ["Boulangerie Marcel & Fils", "Maison Lila Belgique"]
        assert [(b.name, b.archived) for b in list_brands(session=s, include_archived=True)] == [
            ("Boulangerie Marcel & Fils", False), ("Maison Lila", True), ("Maison Lila Belgique", False)]
        original, duplicate = brief_of(demo_brand, session=s), brief_of(copy, session=s)
    assert duplicate["brand"].pop("name") == "Maison Lila Belgique"
    original["brand"].pop("name")
    assert duplicate == original


def test_two_brands_cannot_share_a_name(engine, demo_brand):
    with pytest.raises(BrandError) as caught:
        with db.transaction(engine) as s:
            create_brand("  Maison Lila ", session=s)
    assert (caught.value.key, caught.value.params) == ("brand.name_taken", {"name": "Maison Lila"})


def test_deleting_a_brand_deletes_its_brief(engine, demo_brand):
    from core.models import Channel, Objective, Persona

    with db.transaction(engine) as s:
        s.delete(s.get(Brand, demo_brand))
    with db.transaction(engine) as s:
        assert [s.exec(select(m)).all() for m in (Objective, Persona, Channel)] == [[], [], []]


def test_the_editorial_line_saves_its_pillars_with_their_keyword_themes_and_nothing_else(engine, demo_brand):
    from core.brands import save_pillars

    with db.transaction(engine) as s:
        before = brief_of(demo_brand, session=s)
        save_pillars(demo_brand, [
            {"name": "Conseils de style", "colour": "#4C78A8", "target_share": 60, "objectives": ["engagement"]},
            {"name": "Coulisses de l'atelier", "colour": "#F58518", "target_share": 40},
        ], keywords={"Conseils de style": ["robe d'été", "lin lavé"]}, session=s)
    with db.transaction(engine) as s:
        rows = save_pillars(demo_brand, [
            {"name": "Conseils de style", "colour": "#54A24B", "target_share": 70, "objectives": ["engagement"]},
            {"name": "Clientes fidèles", "colour": "#E45756", "target_share": 30},
        ], session=s)
        after = brief_of(demo_brand, session=s)
    assert [(p.name, p.colour, p.target_share, p.keywords) for p in rows] == [
        ("Conseils de style", "#54A24B", 70.0, ["robe d'été", "lin lavé"]),
        ("Clientes fidèles", "#E45756", 30.0, [])]
    assert {k: v for k, v in after.items() if k != "pillars"} == {k: v for k, v in before.items() if k != "pillars"}


def test_a_pillar_with_a_bad_colour_is_refused_and_nothing_is_written(engine, demo_brand):
    from core.brands import InvalidBrief, save_pillars
    from core.models import Pillar

    with pytest.raises(InvalidBrief) as caught:
        with db.transaction(engine) as s:
            save_pillars(demo_brand, [{"name": "Conseils de style", "colour": "violet", "target_share": 100}],
                         session=s)
    assert [(p.path, p.key) for p in caught.value.problems] == [("pillars[1].colour", "brief.bad_colour")]
    with db.transaction(engine) as s:
        assert s.exec(select(Pillar)).all() == []


def plan_warnings(engine, brand_id) -> tuple[list[str], list]:
    from datetime import date

    from core.planning.planner import plan_brand

    with db.transaction(engine) as s:
        result = plan_brand(brand_id, date(2027, 5, 3), 1, session=s, score=False, options={"grammar": False})
    return result.warnings, result.posts


def test_the_demo_brand_plans_from_its_stored_offers_without_the_no_offer_warning(engine, demo_brand):
    from core.i18n import t

    warnings, posts = plan_warnings(engine, demo_brand)
    assert t("drafts.warn_no_offer", "fr") not in warnings
    offers = ("robe Lila", "chemise Anna", "pantalon Jules", "combinaison Rosa", "veste Marius", "retouches offertes",
              "guide des tailles")
    about_an_offer = [p for p in posts if any(name.casefold() in p["text"].casefold() for name in offers)]
    assert len(about_an_offer) >= len(posts) // 3, [p["text"] for p in posts[:5]]


def test_a_brand_whose_offers_were_emptied_still_plans_with_the_documented_warning(engine, demo_brand):
    from core.brands import save_brief
    from core.i18n import t

    with db.transaction(engine) as s:
        data = brief_of(demo_brand, session=s)
        data["offers"] = []
        save_brief(data, session=s, brand_id=demo_brand)
    warnings, posts = plan_warnings(engine, demo_brand)
    assert t("drafts.warn_no_offer", "fr") in warnings
    assert posts and not any("robe Lila" in p["text"] for p in posts)


@pytest.mark.parametrize("name, code", [
    ("Maison Lila", "LILA"), ("Café des Arts", "ARTS"), ("Les Jardins de Marie", "JARDIN"),
    ("Atelier du Lin", "LIN"), ("Boulangerie Dupont", "DUPONT"), ("Œuvre d'Élise", "OEUVRE"), ("Zé", "ZEX"),
    ("株式会社", "MARQUE"), ("Calame", "CALAME"), ("Idée", "IDEE2"),
])
def test_a_brands_code_is_the_letters_of_its_distinctive_words(name, code):
    from core.brands import derive_code

    assert derive_code(name) == code


def test_a_new_brand_gets_a_free_code_and_each_brand_numbers_its_own_posts_from_one(engine, demo_brand):
    from datetime import datetime, timezone

    from core.posts import create_post

    march = datetime(2027, 3, 9, 11, 30, tzinfo=timezone.utc)
    with db.transaction(engine) as s:
        lila_bis = create_brand("Lila", session=s)
        dupont = create_brand("Boulangerie Dupont", session=s)
        create_post(demo_brand, session=s, publish_at=march, network="instagram", text="Nos robes d'été !")
        refs = [create_post(b, session=s, publish_at=march, network="instagram", text="Galette !").ref
                for b in (demo_brand, lila_bis.id, dupont.id)]
    assert (lila_bis.code, dupont.code, refs) == ("LILA2", "DUPONT",
                                                 ["LILA-2027-03-002", "LILA2-2027-03-001", "DUPONT-2027-03-001"])


def test_a_code_that_is_malformed_taken_or_reserved_is_refused_with_what_to_do(engine, demo_brand):
    from core.brands import set_code

    with db.transaction(engine) as s:
        dupont = create_brand("Boulangerie Dupont", session=s).id
    said = []
    for code in ("LI", "lila", "CAL", "2LILA", "LILA-1"):
        with pytest.raises(BrandError) as refused, db.transaction(engine) as s:
            set_code(dupont, code, session=s)
        said.append(refused.value.message("fr"))
    assert said == [
        "Code « LI » refusé\u00a0: de 3 à 6 lettres ou chiffres sans accent, en commençant par une lettre (par exemple LILA).",
        "Le code « LILA » est déjà pris (par une autre marque, ou des références déjà données sous ce code)\u00a0; "
        "« LILA2 » est libre.",
        "Le code « CAL » est réservé aux références données avant les codes de marque\u00a0; choisissez-en un autre.",
        "Code « 2LILA » refusé\u00a0: de 3 à 6 lettres ou chiffres sans accent, en commençant par une lettre (par exemple LILA).",
        "Code « LILA-1 » refusé\u00a0: de 3 à 6 lettres ou chiffres sans accent, en commençant par une lettre (par exemple LILA).",
    ]
    with db.transaction(engine) as s:
        assert set_code(dupont, "pain", session=s).code == "PAIN"  # nothing sent yet: no confirmation asked
