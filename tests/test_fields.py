"""The engine's door: what SQLite would store and PostgreSQL refuse is cleaned or refused the
same way on both (control characters, lengths), for posts, brands, personas, pillars, comments."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.brands import brief_of, create_brand, rename_brand, save_brief
from core.fields import FieldTooLong
from core.models import Brand, Comment, Persona, Pillar, Post
from core.posts import create_post, history, save_post

PARIS = ZoneInfo("Europe/Paris")
WHEN = datetime(2027, 3, 9, 12, 30, tzinfo=PARIS)

# field: (what was pasted, what is stored)
POST_FIELDS = {
    "text": ("Nos robes d'été\x00 arrivent\x1b !\r\nEn lin\tlavé.\x0b", "Nos robes d'été arrivent !\nEn lin\tlavé."),
    "visual_brief": ("Photo\x00 en boutique\r\nlumière du matin", "Photo en boutique\nlumière du matin"),
    "internal_notes": ("Valider\x07 avec Hélène\r", "Valider avec Hélène\n"),
    "network": ("insta\x00gram", "instagram"),
    "format": ("re\x00el", "reel"),
    "objective": ("notori\x00ete", "notoriete"),
    "intent": ("insp\x1bire", "inspire"),
    "event": ("soldes_\x00ete", "soldes_ete"),
    "link": ("https://maisonlila.fr/\x00robes\n", "https://maisonlila.fr/robes "),
    "status": ("brouil\x00lon", "brouillon"),
    "hashtags": (["#Robe\x00DEte", "#MaisonLila\t"], ["#RobeDEte", "#MaisonLila "]),
    "keywords": (["robe\x00 d'été"], ["robe d'été"]),
}


def _stored(engine, post_id, name):
    with db.transaction(engine) as s:
        return getattr(s.get(Post, post_id), name)


@pytest.mark.parametrize("name", list(POST_FIELDS))
def test_a_post_field_with_control_characters_is_stored_clean_on_create_and_on_save(engine, demo_brand, name):
    pasted, stored = POST_FIELDS[name]
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=WHEN, **{"network": "instagram", name: pasted}).id
    assert _stored(engine, post_id, name) == stored
    with db.transaction(engine) as s:
        save_post(post_id, 1, {name: pasted}, session=s, saved_by="Léa")
    assert _stored(engine, post_id, name) == stored


def test_an_author_with_a_nul_byte_is_stored_clean_in_the_post_and_its_history(engine, demo_brand):
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=WHEN, network="instagram",
                              text="Atelier couture samedi.", saved_by="Camille\x00 Durand").id
        save_post(post_id, 1, {"text": "Atelier couture samedi 14 h."}, session=s, saved_by="Léa\x1b Martin")
    with db.transaction(engine) as s:
        assert s.get(Post, post_id).updated_by == "Léa Martin"
        assert [v.saved_by for v in history(post_id, session=s)] == ["Léa Martin", "Camille Durand"]


POST_LIMITS = [("network", 30), ("format", 40), ("objective", 40), ("intent", 20), ("event", 60),
               ("link", 500), ("status", 20)]


@pytest.mark.parametrize("name, limit", POST_LIMITS)
def test_a_post_field_over_its_limit_is_refused_naming_the_field_and_nothing_is_saved(engine, demo_brand, name,
                                                                                      limit):
    with pytest.raises(FieldTooLong) as caught:
        with db.transaction(engine) as s:
            create_post(demo_brand, session=s, publish_at=WHEN, **{"network": "instagram", name: "x" * (limit + 1)})
    assert (caught.value.table, caught.value.column, caught.value.params["limit"]) == ("post", name, limit)
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=WHEN, network="instagram", text="Avant.").id
    with pytest.raises(FieldTooLong):
        with db.transaction(engine) as s:
            save_post(post_id, 1, {name: "x" * (limit + 1), "text": "Après."}, session=s)
    with db.transaction(engine) as s:
        assert [(p.id, p.text, p.version) for p in s.exec(select(Post))] == [(post_id, "Avant.", 1)]


def test_a_megabyte_author_is_refused_with_the_field_and_the_limit_in_both_languages(engine, demo_brand):
    with pytest.raises(FieldTooLong) as caught:
        with db.transaction(engine) as s:
            create_post(demo_brand, session=s, publish_at=WHEN, network="instagram", text="Atelier couture.",
                        saved_by="Hugo" * 250_000)
    assert caught.value.message("fr") == (
        "Le champ «\u202fAuteur\u202f» compte 1000000 caractères, 120 au maximum\u202f: raccourcissez-le, puis "
        "enregistrez à nouveau\u202f; rien n'a été enregistré.")
    assert str(caught.value) == (
        'The field "Author" is 1000000 characters long, at most 120: shorten it, then save again; nothing was saved.')
    with db.transaction(engine) as s:
        assert s.exec(select(Post)).all() == []


@pytest.mark.parametrize("pasted, stored", [
    ("Maison Lila\x00", "Maison Lila"),
    ("\x1bMaison Lila", "Maison Lila"),
    ("Boulangerie\x0bMarcel", "Boulangerie Marcel"),
])
def test_a_brand_name_with_control_characters_is_cleaned_so_the_strategy_can_be_saved_again(engine, pasted,
                                                                                             stored):
    with db.transaction(engine) as s:
        brand_id = create_brand(pasted, session=s).id
    with db.transaction(engine) as s:
        save_brief(brief_of(brand_id, session=s), session=s, brand_id=brand_id)
        rename_brand(brand_id, pasted + " Bis\x00", session=s)
    with db.transaction(engine) as s:
        assert s.get(Brand, brand_id).name == stored + " Bis"
        save_brief(brief_of(brand_id, session=s), session=s, brand_id=brand_id)


def test_personas_pillars_and_comments_lose_their_control_characters(engine, demo_brand):
    with db.transaction(engine) as s:
        s.add(Persona(brand_id=demo_brand, name="Yasmine\x00, étudiante", description="Vit à Lyon\x1b.\r\nAime le lin.",
                      interests=["mode\x00 éthique"]))
        s.add(Pillar(brand_id=demo_brand, name="Coulisses\x0bde l'atelier",
                     description="Le geste\x00 des couturières."))
        post_id = create_post(demo_brand, session=s, publish_at=WHEN, network="instagram", text="Atelier.").id
        s.add(Comment(post_id=post_id, author="Hélène\x00 Martin", body="Parfait\x00, on garde le lin.\r\nMerci\x1b !",
                      source="docx"))
    with db.transaction(engine) as s:
        persona = s.exec(select(Persona).where(Persona.name == "Yasmine, étudiante")).one()
        pillar = s.exec(select(Pillar).where(Pillar.brand_id == demo_brand)).one()
        comment = s.exec(select(Comment)).one()
        assert (persona.name, persona.description, persona.interests) == (
            "Yasmine, étudiante", "Vit à Lyon.\nAime le lin.", ["mode éthique"])
        assert (pillar.name, pillar.description) == ("Coulisses de l'atelier", "Le geste des couturières.")
        assert (comment.author, comment.body) == ("Hélène Martin", "Parfait, on garde le lin.\nMerci !")


@pytest.mark.parametrize("model, name, limit", [(Persona, "name", 120), (Pillar, "name", 120), (Pillar, "colour", 9),
                                                (Comment, "author", 120), (Brand, "sector_other", 120)])
def test_a_persona_pillar_comment_or_brand_field_over_its_limit_is_refused_naming_it(engine, demo_brand, model, name,
                                                                                     limit):
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=WHEN, network="instagram", text="Atelier.").id
    values = {Persona: {"brand_id": demo_brand, "name": "Inès"}, Pillar: {"brand_id": demo_brand, "name": "Coulisses"},
              Comment: {"post_id": post_id, "body": "Parfait."}, Brand: {"name": "Boulangerie Marcel"}}[model]
    with pytest.raises(FieldTooLong) as caught:
        with db.transaction(engine) as s:
            s.add(model(**values | {name: "é" * (limit + 1)}))
    assert (caught.value.table, caught.value.column, caught.value.params) == (
        model.__tablename__, name, {"field": name, "limit": limit, "length": limit + 1})


def test_every_limited_field_has_a_name_in_french_and_english():
    from sqlalchemy import String
    from sqlmodel import SQLModel

    from core.fields import label

    unnamed = [f"{table.name}.{column.name}" for table in SQLModel.metadata.sorted_tables for column in table.columns
               if isinstance(getattr(column.type, "impl", column.type), String) and column.type.length
               and (label(table.name, column.name, "fr") == column.name or label(table.name, column.name, "en") ==
                    column.name)]
    assert unnamed == []
