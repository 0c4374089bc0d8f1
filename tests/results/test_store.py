from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.brands import create_brand, get_brand
from core.models import MeasuredPost, Post, Reading, ResultImport
from core.posts import create_post, delete_post
from core.results.store import Source, import_exports

DATA = Path(__file__).resolve().parent.parent / "data" / "results"
PARIS = ZoneInfo("Europe/Paris")
PLAN = [  # (network, publish time in Paris, text), as the calendar planned them
    ("facebook", datetime(2027, 3, 9, 11, 30), "Nos robes d'été arrivent en boutique samedi ! Venez les essayer à "
                                              "l'atelier, 12 rue des Lilas."),
    ("instagram", datetime(2027, 3, 9, 19, 0), "Coulisses de l'atelier : trois semaines pour coudre une robe, on vous "
                                               "montre tout 🧵 #faitmain #couture"),
    ("instagram", datetime(2027, 3, 14, 12, 15), "Fête des grands-mères : -15 % sur les foulards jusqu'à dimanche. "
                                                 "Lien en bio !"),
    ("linkedin", datetime(2027, 3, 10, 8, 30), "Nous recrutons une couturière en CDI à Lyon : atelier lumineux, "
                                               "horaires de journée. Candidatures jusqu'au 31 mars."),
    ("x", datetime(2027, 3, 11, 9, 5), "Soldes d'hiver : dernière démarque ce week-end, jusqu'à -50 % en boutique."),
    ("tiktok", datetime(2027, 3, 12, 18, 0), "Trois façons de nouer un foulard en soie, en 30 secondes #foulard"),
    ("youtube", datetime(2027, 3, 13, 10, 0), "Visite de l'atelier Maison Lila : de la toile à la robe, en 10 minutes."),
]


@pytest.fixture
def brand(engine):
    with db.transaction(engine) as s:
        brand = create_brand("Atelier Lila", session=s, timezone="Europe/Paris")
        for network, when, text in PLAN:
            create_post(brand.id, session=s, network=network, publish_at=when.replace(tzinfo=PARIS), text=text)
        return brand.id


def run(engine, brand_id, names, *, exported_on=date(2027, 3, 22), dry_run=False, data=None):
    sources = [Source(name, (data or {}).get(name) or (DATA / name).read_bytes(), exported_on) for name in names]
    with db.transaction(engine) as s:
        result = import_exports(get_brand(brand_id, session=s), sources, session=s, dry_run=dry_run)
    return result


def counts(result):
    return (result.rows, result.matched, result.to_confirm, result.unmatched, result.already_imported)


def measured(engine):
    with db.transaction(engine) as s:
        rows = s.exec(select(MeasuredPost, Post).join(Post, MeasuredPost.post_id == Post.id, isouter=True)
                      .order_by(MeasuredPost.id)).all()
        return [(m.network, m.match, " ".join(p.text.split()[:3]) if p else None) for m, p in rows]


ONE_OF_EACH = ["meta_facebook_fr.csv", "meta_instagram_en.csv", "linkedin_content.xlsx", "x_legacy.csv",
               "tiktok_studio.csv", "Table data.csv"]


def test_a_month_of_exports_finds_each_planned_post_and_what_was_published_outside_the_plan(engine, brand):
    result = run(engine, brand, ONE_OF_EACH)
    assert (counts(result), result.errors) == ((12, 7, 0, 5, 0), [])
    assert result.files[:2] == [{"path": "meta_facebook_fr.csv", "format": "meta"},
                                {"path": "meta_instagram_en.csv", "format": "meta"}]
    assert [m for m in measured(engine) if m[1] != "outside_plan"] == [
        ("facebook", "auto", "Nos robes d'été"), ("instagram", "auto", "Coulisses de l'atelier"),
        ("instagram", "auto", "Fête des grands-mères"), ("linkedin", "auto", "Nous recrutons une"),
        ("x", "auto", "Soldes d'hiver :"), ("tiktok", "auto", "Trois façons de"),
        ("youtube", "auto", "Visite de l'atelier")]
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.network == "instagram").order_by(Post.publish_at)).first()
        assert (post.external_id, post.permalink) == ("18034567890123456", "https://instagram.com/p/DGa1b2C3d4E")


def test_every_figure_says_which_file_and_row_it_comes_from_and_the_posts_age(engine, brand):
    run(engine, brand, ["meta_instagram_en.csv"])
    with db.transaction(engine) as s:
        reading, source = s.exec(select(Reading, ResultImport).join(ResultImport)
                                 .where(Reading.metric == "saves").order_by(Reading.source_row)).first()
        assert (reading.value, reading.exported_on, reading.age_days, source.file_name, reading.source_row) == \
            (77.0, date(2027, 3, 22), 13.21, "meta_instagram_en.csv", 2)


def test_importing_the_same_files_again_adds_nothing(engine, brand):
    run(engine, brand, ONE_OF_EACH)
    again = run(engine, brand, ONE_OF_EACH)
    assert counts(again) == (12, 0, 0, 0, 12)
    with db.transaction(engine) as s:
        assert (len(s.exec(select(Reading)).all()), len(s.exec(select(ResultImport)).all())) == (88, 6)


def test_a_re_export_a_week_later_adds_its_figures_and_keeps_the_first_ones(engine, brand):
    run(engine, brand, ["meta_instagram_en.csv"])
    later = run(engine, brand, ["meta_instagram_en_reexport.csv"], exported_on=date(2027, 3, 29))
    assert counts(later) == (2, 2, 0, 0, 0)
    with db.transaction(engine) as s:
        views = s.exec(select(Reading.exported_on, Reading.value).where(Reading.metric == "views")
                       .order_by(Reading.value)).all()
    assert views == [(date(2027, 3, 22), 8030.0), (date(2027, 3, 22), 9412.0), (date(2027, 3, 29), 9877.0),
                     (date(2027, 3, 22), 12480.0), (date(2027, 3, 29), 15902.0)]


def test_overlapping_exports_in_one_import_count_a_post_once(engine, brand):
    result = run(engine, brand, ["x_legacy.csv", "x_current.csv"])
    assert counts(result) == (3, 2, 0, 1, 0)
    with db.transaction(engine) as s:
        assert [(m.key, m.match) for m in s.exec(select(MeasuredPost).order_by(MeasuredPost.id))] == [
            ("1899876543210987654", "auto"), ("1902345678901234567", "outside_plan")]
        # same post, same export date: the later file's figure stands
        assert s.exec(select(Reading.value).where(Reading.metric == "impressions")).all() == [2381.0, 1204.0]


def test_the_same_file_twice_in_one_import_counts_its_rows_once(engine, brand):
    result = run(engine, brand, ["tiktok_studio.csv", "tiktok_studio.csv"])
    assert counts(result) == (4, 1, 0, 1, 2)


def test_a_file_with_one_bad_row_imports_nothing_at_all(engine, brand):
    bad = (DATA / "x_current.csv").read_bytes().replace(b",2381,", b",-2381,")
    result = run(engine, brand, ["meta_facebook_fr.csv", "x_current.csv"], data={"x_current.csv": bad})
    assert [(f, line, i.key) for f, line, i in result.errors] == [("x_current.csv", 2, "results.negative")]
    assert (result.written, measured(engine)) == (False, [])


def test_a_dry_run_counts_and_writes_nothing(engine, brand):
    result = run(engine, brand, ONE_OF_EACH, dry_run=True)
    assert (counts(result), result.written, measured(engine)) == ((12, 7, 0, 5, 0), False, [])


def test_a_near_tie_between_two_planned_posts_waits_for_a_person(engine, brand):
    with db.transaction(engine) as s:
        create_post(brand, session=s, network="facebook", publish_at=datetime(2027, 3, 9, 11, 34, tzinfo=PARIS),
                    text=PLAN[0][2])  # the same post planned twice, two minutes either side of the real one
    result = run(engine, brand, ["meta_facebook_fr.csv"])
    assert counts(result) == (2, 0, 1, 1, 0)


def test_a_post_deleted_from_the_plan_since_is_published_outside_it(engine, brand):
    with db.transaction(engine) as s:
        gone = s.exec(select(Post).where(Post.network == "x")).one()
        delete_post(gone.id, session=s)
    assert counts(run(engine, brand, ["x_legacy.csv"])) == (1, 0, 0, 1, 0)


def test_a_post_matched_once_is_found_by_its_id_when_the_plan_moves(engine, brand):
    run(engine, brand, ["x_legacy.csv"])
    with db.transaction(engine) as s:
        s.exec(select(MeasuredPost)).one()
        for m in s.exec(select(MeasuredPost)):
            s.delete(m)
    assert measured(engine) == []
    run(engine, brand, ["x_current.csv"])
    assert measured(engine) == [("x", "id", "Soldes d'hiver :"), ("x", "outside_plan", None)]


def test_migrating_below_results_and_back_keeps_the_posts_comments(engine, brand):
    from alembic import command
    from sqlalchemy import text

    from core.models import Comment

    run(engine, brand, ["x_legacy.csv"])
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.network == "x")).one()
        s.add(Comment(post_id=post.id, author="Sophie Martin", body="Et en story ?", body_hash="0" * 64))
    command.downgrade(db.alembic_config(engine), "0005")
    db.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("select body from comment")).scalars().all() == ["Et en story ?"]
        assert conn.execute(text("select external_id from post where network = 'x'")).scalars().all() == [""]


def test_a_file_of_another_brand_is_refused_whole_and_names_the_brand_it_belongs_to(engine, brand):
    run(engine, brand, ["meta_instagram_en.csv"])
    with db.transaction(engine) as s:
        other = create_brand("Fromagerie Brun", session=s).id
    result = run(engine, other, ["meta_instagram_en.csv", "x_legacy.csv"])
    assert [(f, line, issue.message("fr")) for f, line, issue in result.errors] == [
        ("meta_instagram_en.csv", 0, "meta_instagram_en.csv est un export de la marque Atelier Lila, pas de Fromagerie "
                                     "Brun : 3 de ses 3 publications sont déjà importées pour Atelier Lila. Choisissez "
                                     "la bonne marque avant d’importer ce fichier.")]
    assert not result.written
    with db.transaction(engine) as s:
        assert s.exec(select(MeasuredPost).where(MeasuredPost.brand_id == other)).all() == []
