from alembic import command
from sqlalchemy import text
from sqlmodel import select

from core import db


def test_a_database_made_by_the_first_release_upgrades_and_keeps_its_brands(engine):
    cfg = db.alembic_config(engine)
    command.downgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "insert into brand (name, sector, sector_other, country, timezone, languages, address, tone, emojis,"
            " words_to_avoid, hours_per_week, brand_hashtag, archived, created_at, updated_at) values"
            " ('Maison Lila', 'mode', '', 'FR', 'Europe/Paris', '[\"fr\"]', 'vous', 'courant', true, '[]', 14,"
            " '', false, '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')"))
    db.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("select name, plan_settings from brand")).all()
    assert [(name, settings if isinstance(settings, dict) else __import__("json").loads(settings))
            for name, settings in rows] == [("Maison Lila", {})]


def test_downgrading_below_soft_delete_drops_the_deleted_posts_and_upgrading_keeps_the_others(engine, demo_brand):
    from datetime import datetime, timezone

    from core.models import Post
    from core.posts import create_post, delete_post, posts_between

    with db.transaction(engine) as s:
        kept = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 9, 11, 30, tzinfo=timezone.utc),
                           network="instagram", text="Nos robes d'été arrivent !").ref
        gone = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 10, 11, 30, tzinfo=timezone.utc),
                           network="facebook", text="Atelier couture samedi.")
        delete_post(gone.id, session=s)
    command.downgrade(db.alembic_config(engine), "0002")
    with engine.connect() as conn:
        assert conn.execute(text("select ref from post")).scalars().all() == [kept]
    db.upgrade(engine)
    with db.transaction(engine) as s:
        assert [(p.ref, p.deleted_at) for p in posts_between(demo_brand, None, None, session=s)] == [(kept, None)]
        assert s.get(Post, gone.id) is None


def test_upgrading_to_reference_counters_numbers_on_from_every_reference_ever_given(engine, demo_brand):
    from datetime import datetime, timezone

    from core.models import Approval, Brand, PostVersion
    from core.posts import create_post, delete_post, save_post

    march = datetime(2027, 3, 9, 11, 30, tzinfo=timezone.utc)
    with db.transaction(engine) as s:
        first = create_post(demo_brand, session=s, publish_at=march, network="instagram", text="Nos robes d'été !")
        gone = create_post(demo_brand, session=s, publish_at=march, network="facebook", text="Atelier couture.")
        create_post(demo_brand, session=s, publish_at=None, network="instagram", text="Idée : le lin.")
        save_post(first.id, 1, {"text": "Nos robes d'été en lin !"}, session=s, saved_by="Léa")
        s.add(Approval(post_id=first.id, old_status="a_valider", status="valide", source="docx", decided_by="Hélène"))
        delete_post(gone.id, session=s)
    command.downgrade(db.alembic_config(engine), "0003")
    with engine.begin() as conn:
        conn.execute(text("update brand set name = :name"), {"name": "Maison\x1b Lila"})
    db.upgrade(engine)
    with db.transaction(engine) as s:
        assert s.get(Brand, demo_brand).name == "Maison Lila"
        assert [(v.version, v.text, v.status) for v in s.exec(
            select(PostVersion).where(PostVersion.post_id == first.id).order_by(PostVersion.version))] == [
            (1, "Nos robes d'été !", ""), (2, "Nos robes d'été en lin !", "")]
        assert [a.decided_by for a in s.exec(select(Approval))] == ["Hélène"]
        refs = (create_post(demo_brand, session=s, publish_at=march, network="instagram", text="Soldes !").ref,
                create_post(demo_brand, session=s, publish_at=None, network="instagram", text="Idée : la soie.").ref)
    assert refs == ("LILA-2027-03-003", "LILA-IDEE-0002")


def test_brands_made_before_the_brief_material_columns_get_empty_ones_and_keep_their_personas(engine, demo_brand):
    import json

    from core.brands import brief_of
    from core.models import Persona

    command.downgrade(db.alembic_config(engine), "0006")
    with engine.connect() as conn:
        columns = conn.execute(text("select * from brand")).keys()
    assert "offers" not in columns
    db.upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("select message, offers, rubrics, moment_settings, brand_moments from brand")).one()
    assert [value if isinstance(value, (dict, list)) else json.loads(value) for value in row] == [{}, [], [], {}, []]
    with db.transaction(engine) as s:
        data = brief_of(demo_brand, session=s)
        assert len(s.exec(select(Persona)).all()) == 3
    assert (data["offers"], data["rubrics"], data["message"]["promise"]) == ([], [], "")


def test_upgrading_to_brand_codes_renumbers_each_brands_posts_and_keeps_the_old_references_as_aliases(engine):
    from datetime import datetime, timezone

    from core.models import Brand, ExportSnapshot, Post
    from core.posts import create_post, current_refs, find_post

    command.downgrade(db.alembic_config(engine), "0017")
    with engine.begin() as conn:
        for name in ("Maison Lila", "Boulangerie Dupont"):
            conn.execute(text(
                "insert into brand (name, sector, sector_other, country, timezone, languages, address, tone, emojis,"
                " words_to_avoid, hours_per_week, brand_hashtag, archived, created_at, updated_at, plan_settings,"
                " message, offers, rubrics, moment_settings, brand_moments) values (:name, 'mode', '', 'FR',"
                " 'Europe/Paris', '[\"fr\"]', 'vous', 'courant', true, '[]', 14, '', false, '2026-01-01 00:00:00+00',"
                " '2026-01-01 00:00:00+00', '{}', '{}', '[]', '[]', '{}', '[]')"), {"name": name})
        lila, dupont = conn.execute(text("select id from brand order by id")).scalars().all()
        rows = [(lila, "CAL-2027-01-001"), (dupont, "CAL-2027-01-002"), (lila, "CAL-2027-01-003"),
                (dupont, "IDEE-0001"), (lila, "IDEE-0002"), (lila, "CAL-2027-02-004")]
        for brand_id, ref in rows:
            conn.execute(text(
                "insert into post (brand_id, ref, network, format, objective, intent, keywords, event, text,"
                " visual_brief, hashtags, link, status, internal_notes, locked, version, updated_by, created_at,"
                " updated_at, external_id, permalink, sponsor, needs_review, reviewed_by) values (:b, :r,"
                " 'instagram', '', '', '', '[]', '', :r, '', '[]', '', 'a_valider', '', false, 1, '',"
                " '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00', '', '', false, false, '')"),
                {"b": brand_id, "r": ref})
        post_id = conn.execute(text("select id from post where ref = 'CAL-2027-01-003'")).scalar_one()
        conn.execute(text(
            "insert into exportsnapshot (brand_id, token, period_from, period_to, created_by, created_at, posts)"
            " values (:b, 'tok', '2027-01-01', '2027-02-01', '', '2026-12-01 00:00:00+00', :posts)"),
            {"b": lila, "posts": '[{"ref": "CAL-2027-01-003", "post_id": %d, "version": 1}]' % post_id})
        conn.execute(text("insert into refcounter (prefix, last_number) values ('CAL-2027-01-', 3),"
                          " ('CAL-2027-02-', 4), ('IDEE-', 2)"))
    db.upgrade(engine)
    with db.transaction(engine) as s:
        assert [(b.name, b.code) for b in s.exec(select(Brand).order_by(Brand.id))] == [
            ("Maison Lila", "LILA"), ("Boulangerie Dupont", "DUPONT")]
        assert {p.text: p.ref for p in s.exec(select(Post))} == {
            "CAL-2027-01-001": "LILA-2027-01-001", "CAL-2027-01-003": "LILA-2027-01-002",
            "CAL-2027-02-004": "LILA-2027-02-001", "IDEE-0002": "LILA-IDEE-0001",
            "CAL-2027-01-002": "DUPONT-2027-01-001", "IDEE-0001": "DUPONT-IDEE-0001"}
        assert find_post("CAL-2027-01-003", session=s).ref == "LILA-2027-01-002"
        assert find_post("CAL-2027-01-003", session=s, brand_id=dupont) is None
        assert current_refs(["CAL-2027-01-002", "LILA-2027-01-001", "CAL-2027-09-999"], session=s) == {
            "CAL-2027-01-002": "DUPONT-2027-01-001", "LILA-2027-01-001": "LILA-2027-01-001"}
        assert [p["ref"] for p in s.exec(select(ExportSnapshot)).one().posts] == ["LILA-2027-01-002"]
        idea = create_post(lila, session=s, publish_at=None, network="instagram", text="Idée : le lin.").ref
        january = create_post(dupont, session=s, publish_at=datetime(2027, 1, 20, 11, 30, tzinfo=timezone.utc),
                              network="instagram", text="Galette !").ref
    assert (idea, january) == ("LILA-IDEE-0002", "DUPONT-2027-01-002")
    command.downgrade(db.alembic_config(engine), "0017")
    with engine.connect() as conn:
        assert dict(conn.execute(text("select text, ref from post where text like 'CAL-%' or text like 'IDEE-%'")).all()) \
            == {"CAL-2027-01-001": "CAL-2027-01-001", "CAL-2027-01-003": "CAL-2027-01-003",
                "CAL-2027-02-004": "CAL-2027-02-004", "IDEE-0002": "IDEE-0002", "CAL-2027-01-002": "CAL-2027-01-002",
                "IDEE-0001": "IDEE-0001"}
