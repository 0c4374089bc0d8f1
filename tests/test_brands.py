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
