from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.brands import create_brand, get_brand
from core.models import MeasuredPost, Reading, ResultMapping
from core.posts import create_post
from core.results.mapping import MappingError, check, list_mappings, preview, propose, save, with_changes
from core.results.store import Source, import_exports
from tests.results.xlsx import xlsx_bytes

FILES = Path(__file__).resolve().parent / "mapping_files"
DATA = Path(__file__).resolve().parent.parent / "data" / "results"
PARIS = ZoneInfo("Europe/Paris")
AGENCY = {"published": "Date de publication", "network": "Réseau", "permalink": "Lien", "text": "Texte",
          "reach": "Portée", "likes": "J'aime", "comments": "Commentaires", "shares": "Partages"}


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


@pytest.fixture
def brand(engine):
    with db.transaction(engine) as s:
        brand = create_brand("Atelier Lila", session=s, timezone="Europe/Paris")
        create_post(brand.id, session=s, network="instagram", publish_at=datetime(2027, 3, 9, 19, 0, tzinfo=PARIS),
                    text="Coulisses de l'atelier : trois semaines pour coudre une robe, on vous montre tout 🧵 "
                         "#faitmain #couture")
        create_post(brand.id, session=s, network="instagram", publish_at=datetime(2027, 3, 14, 12, 15, tzinfo=PARIS),
                    text="Fête des grands-mères : -15 % sur les foulards jusqu'à dimanche. Lien en bio !")
        return brand.id


def run(engine, brand_id, files: dict[str, bytes], exported_on=date(2027, 3, 31)):
    with db.transaction(engine) as s:
        return import_exports(get_brand(brand_id, session=s), [Source(n, d, exported_on) for n, d in files.items()],
                              session=s)


def counts(result):
    return (result.rows, result.matched, result.to_confirm, result.unmatched, result.already_imported)


def save_agency(engine, brand_id, name="Tableau de l’agence"):
    data = read("tableau_agence_mars.csv")
    with db.transaction(engine) as s:
        save(brand_id, data, "tableau_agence_mars.csv", propose(data, "tableau_agence_mars.csv").mapping,
             session=s, name=name, by="Chloé")


def test_the_agencys_french_sheet_gets_every_column_proposed_and_its_dates_proven_day_first():
    proposal = propose(read("tableau_agence_mars.csv"), "tableau_agence_mars.csv")
    assert proposal.mapping == {"columns": AGENCY, "network": "", "day_first": True, "decimal": ","}
    assert (proposal.line, proposal.dates, proposal.known_format) == (1, "day_first", "")
    assert [(c.name, c.samples) for c in proposal.columns][4:6] == [
        ("Portée", ["6 912", "5 121", "2 340"]), ("J'aime", ["534", "298", "87"])]
    assert proposal.signature == "commentaires|date de publication|j'aime|lien|partages|portee|reseau|texte"


def test_a_hootsuite_analytics_export_is_proposed_month_first_and_reads_its_rate_in_percent():
    data = read("hootsuite_analytics.csv")
    proposal = propose(data, "hootsuite_analytics.csv")
    assert proposal.mapping == {"columns": {
        "published": "Date (GMT)", "network": "Network", "permalink": "Post Link", "id": "Post ID",
        "text": "Message", "impressions": "Impressions", "reach": "Reach", "likes": "Likes",
        "comments": "Comments", "shares": "Shares", "link_clicks": "Link Clicks", "engagements": "Engagements",
        "engagement_rate": "Engagement Rate (%)"}, "network": "", "day_first": False, "decimal": "."}
    assert proposal.dates == "month_first"
    export = preview(data, "hootsuite_analytics.csv", proposal.mapping, tz=PARIS, exported_on=date(2027, 3, 31))
    assert export.issues == []
    assert [(r.network, r.external_id, r.published_at) for r in export.rows] == [
        ("instagram", "18034567890123456", datetime(2027, 3, 9, 18, 0, tzinfo=PARIS)),
        ("linkedin", "7301234567890123456", datetime(2027, 3, 15, 7, 30, tzinfo=PARIS)),
        ("x", "1767000000000000001", datetime(2027, 3, 16, 17, 0, tzinfo=PARIS))]
    assert export.rows[0].metrics == {"impressions": 12480.0, "reach": 6912.0, "likes": 534.0, "comments": 12.0,
                                      "shares": 41.0, "link_clicks": 0.0, "engagements": 587.0,
                                      "engagement_rate": pytest.approx(0.047)}
    assert "reach" not in export.rows[2].metrics  # an empty cell stays unknown, never zero


def test_a_workbook_with_a_title_row_has_its_header_found_on_the_second_line():
    data = xlsx_bytes([
        ["Rapport mensuel Maison Lila — mars 2027"],
        ["Publié le", "Plateforme", "URL de la publication", "Impressions", "Clics sur le lien", "Taux d'engagement"],
        ["2027-03-09 19:00", "Instagram", "https://www.instagram.com/p/DGa1b2C3d4E/", 12480, 35, "4,7 %"],
        ["2027-03-17 08:30", "LinkedIn", "https://www.linkedin.com/feed/update/urn:li:activity:7301234567890123456/",
         3120, 54, "3,3 %"],
    ], sheet="Mars")
    proposal = propose(data, "rapport_mars.xlsx")
    assert (proposal.line, proposal.dates) == (2, "unneeded")
    assert proposal.mapping == {"columns": {
        "published": "Publié le", "network": "Plateforme", "permalink": "URL de la publication",
        "impressions": "Impressions", "link_clicks": "Clics sur le lien", "engagement_rate": "Taux d'engagement"},
        "network": "", "day_first": None, "decimal": ","}
    export = preview(data, "rapport_mars.xlsx", proposal.mapping, tz=PARIS, exported_on=date(2027, 3, 31))
    assert [(r.line, r.network, r.external_id, r.metrics) for r in export.rows] == [
        (3, "instagram", "", {"impressions": 12480.0, "link_clicks": 35.0, "engagement_rate": pytest.approx(0.047)}),
        (4, "linkedin", "7301234567890123456",
         {"impressions": 3120.0, "link_clicks": 54.0, "engagement_rate": pytest.approx(0.033)})]


AMBIGUOUS = ("Date;Canal;Lien;Vues\n"
             "03/04/2027;TikTok;https://www.tiktok.com/@maisonlila/video/7345678901234567890;15 230\n"
             "05/04/2027;TikTok;https://www.tiktok.com/@maisonlila/video/7345678901234567891;8 004\n").encode()


def test_dates_that_prove_no_order_are_reported_unknown_and_the_mapping_refused_until_the_order_is_said():
    proposal = propose(AMBIGUOUS, "tiktok_agence.csv")
    assert (proposal.dates, proposal.mapping["day_first"]) == ("ambiguous", None)
    with pytest.raises(MappingError) as refused:
        check(proposal.mapping, proposal)
    assert (refused.value.key, refused.value.params) == ("results.mapping_date_order", {"column": "Date"})
    day_first = with_changes(proposal, day_first=True)
    check(day_first, proposal)
    export = preview(AMBIGUOUS, "tiktok_agence.csv", day_first, tz=PARIS, exported_on=date(2027, 4, 30))
    assert [(r.network, r.published_at.date(), r.time_known) for r in export.rows] == [
        ("tiktok", date(2027, 4, 3), False), ("tiktok", date(2027, 4, 5), False)]
    month_first = preview(AMBIGUOUS, "tiktok_agence.csv", with_changes(proposal, day_first=False), tz=PARIS,
                          exported_on=date(2027, 4, 30))
    assert [r.published_at.date() for r in month_first.rows] == [date(2027, 3, 4), date(2027, 5, 4)]


def test_a_saved_mapping_reads_the_next_file_with_the_same_columns_and_counts_nothing_twice(engine, brand):
    assert counts(run(engine, brand, {"mars.csv": read("tableau_agence_mars.csv")})) == (0, 0, 0, 0, 0)
    save_agency(engine, brand)
    first = run(engine, brand, {"mars.csv": read("tableau_agence_mars.csv")})
    assert (first.files, first.errors) == ([{"path": "mars.csv", "format": "mapping",
                                             "mapping": "Tableau de l’agence"}], [])
    assert counts(first) == (4, 2, 0, 2, 0)
    assert counts(run(engine, brand, {"mars.csv": read("tableau_agence_mars.csv")})) == (4, 0, 0, 0, 4)
    # April's sheet, same columns in another order, downloaded the same day: only its new post is new
    lines = [line.split(";") for line in read("tableau_agence_avril.csv").decode().splitlines()]
    reordered = "\n".join(";".join(cells[4:] + cells[:4]) for cells in lines).encode()
    april = run(engine, brand, {"avril.csv": reordered})
    assert (april.errors, counts(april)) == ([], (5, 0, 0, 1, 4))
    with db.transaction(engine) as s:
        posts = s.exec(select(MeasuredPost).where(MeasuredPost.brand_id == brand)).all()
        workshop = next(p for p in posts if p.key == "https://instagram.com/p/DGa1b2C3d4E")
        readings = sorted((r.metric, r.value) for r in s.exec(
            select(Reading).where(Reading.measured_post_id == workshop.id)))
    assert len(posts) == 5
    assert (workshop.network, workshop.match) == ("instagram", "auto")
    assert readings == [("comments", 12.0), ("likes", 534.0), ("reach", 6912.0), ("shares", 41.0)]


@pytest.mark.parametrize(("change", "key"), [
    ({"reach": "", "likes": "", "comments": "", "shares": ""}, "results.mapping_no_metric"),
    ({"published": "", "permalink": ""}, "results.mapping_no_identity"),
    ({"network": "", "permalink": ""}, "results.mapping_no_network"),
    ({"reach": "Couverture"}, "results.mapping_unknown_column"),
    ({"views": "Portée"}, "results.mapping_column_twice"),
])
def test_a_mapping_that_cannot_import_is_refused_with_its_message_key_and_nothing_is_saved(engine, brand, change, key):
    data = read("tableau_agence_mars.csv")
    proposal = propose(data, "mars.csv")
    mapping = with_changes(proposal, columns=change)
    with pytest.raises(MappingError) as refused, db.transaction(engine) as s:
        save(brand, data, "mars.csv", mapping, session=s)
    assert refused.value.key == key
    with db.transaction(engine) as s:
        assert s.exec(select(ResultMapping)).all() == []


def test_a_field_calame_does_not_have_and_an_unknown_fixed_network_are_refused():
    proposal = propose(read("tableau_agence_mars.csv"), "mars.csv")
    with pytest.raises(MappingError) as field:
        with_changes(proposal, columns={"sales": "Portée"})
    assert (field.value.key, field.value.params["field"]) == ("results.mapping_unknown_field", "sales")
    with pytest.raises(MappingError) as network:
        check(with_changes(proposal, network="myspace"), proposal)
    assert network.value.key == "results.mapping_bad_network"


def test_another_brands_mapping_is_not_used_and_another_brands_file_is_refused_naming_it(engine, brand):
    with db.transaction(engine) as s:
        other = create_brand("Boulangerie Soleil", session=s, timezone="Europe/Paris").id
    save_agency(engine, brand)
    assert counts(run(engine, brand, {"mars.csv": read("tableau_agence_mars.csv")})) == (4, 2, 0, 2, 0)
    unknown = run(engine, other, {"mars.csv": read("tableau_agence_mars.csv")})
    assert [(f, issue.key) for f, _, issue in unknown.errors] == [("mars.csv", "results.unknown_format")]
    save_agency(engine, other, name="Tableau")
    refused = run(engine, other, {"mars.csv": read("tableau_agence_mars.csv")})
    assert [(issue.key, issue.params["other"], refused.written) for _, _, issue in refused.errors] == [
        ("results.other_brand", "Atelier Lila", False)]


def test_saving_again_for_the_same_columns_replaces_the_mapping_and_a_name_names_one_mapping(engine, brand):
    save_agency(engine, brand)
    data = read("tableau_agence_avril.csv")
    with db.transaction(engine) as s:
        save(brand, data, "avril.csv", with_changes(propose(data, "avril.csv"), columns={"text": ""}), session=s,
             name="Tableau mensuel")
        with pytest.raises(MappingError) as taken:
            save(brand, read("hootsuite_analytics.csv"), "hootsuite.csv", propose(
                read("hootsuite_analytics.csv"), "hootsuite.csv").mapping, session=s, name="Tableau mensuel")
        saved = [(m.name, "text" in m.mapping["columns"]) for m in list_mappings(brand, session=s)]
    assert taken.value.key == "results.mapping_name_taken"
    assert saved == [("Tableau mensuel", False)]


def test_a_row_whose_network_cell_names_no_network_is_reported_with_its_line():
    data = read("tableau_agence_mars.csv").replace(b";LinkedIn;", b";Snapchat;")
    proposal = propose(data, "mars.csv")
    export = preview(data, "mars.csv", proposal.mapping, tz=PARIS, exported_on=date(2027, 3, 31))
    assert [(i.line, i.key, i.params) for i in export.issues] == [(4, "results.bad_network", {"value": "Snapchat"})]


def test_posts_without_id_or_link_are_named_by_their_time_and_text_so_a_reimport_adds_nothing(engine, brand):
    data = ("Jour;Publication;Impressions;Mentions J'aime\n"
            "9 mars 2027 à 19h00;Coulisses de l'atelier : trois semaines pour coudre une robe;12 480;534\n"
            "14 mars 2027 à 12h15;Fête des grands-mères : -15 % sur les foulards;8 030;298\n").encode()
    proposal = propose(data, "instagram_a_la_main.csv")
    assert proposal.mapping["columns"] == {"text": "Publication", "impressions": "Impressions",
                                           "likes": "Mentions J'aime"}
    mapping = with_changes(proposal, columns={"published": "Jour"}, network="instagram")
    with db.transaction(engine) as s:
        save(brand, data, "instagram_a_la_main.csv", mapping, session=s)
    first = run(engine, brand, {"a.csv": data})
    assert (first.errors, counts(first)) == ([], (2, 2, 0, 0, 0))
    assert counts(run(engine, brand, {"b.csv": data + b"\n"})) == (2, 0, 0, 0, 2)
    with db.transaction(engine) as s:
        keys = sorted(m.key for m in s.exec(select(MeasuredPost)))
    assert keys == ["2027-03-09T19:00+0100 coulisses de l'atelier : trois semaines pour coudre une robe",
                    "2027-03-14T12:15+0100 fete des grands-meres : -15 % sur les foulards"]


def test_a_known_export_needs_no_mapping():
    data = (DATA / "meta_instagram_en.csv").read_bytes()
    assert propose(data, "meta.csv").known_format == "meta"


def test_a_reader_cannot_save_a_mapping_a_cm_can_and_another_workspace_never_sees_it(engine):
    from core.accounts import context
    from core.accounts.context import acting_as
    from core.accounts.permissions import Forbidden
    from core.accounts.users import HASHER, actor_of, create_user
    from core.models import Membership, User, Workspace
    from core.results.mapping import saved_mappings

    with db.transaction(engine) as s:
        lila = create_brand("Maison Lila", session=s).id
        claire = actor_of(create_user("Claire", "une phrase secrète", "owner", session=s, workspace="Agence Lumen"))
    with acting_as(claire), db.transaction(engine) as s:
        karim = actor_of(create_user("Karim", "mot de passe du cm", "cm", session=s))
        zoe = actor_of(create_user("Zoé", "mot de passe lecteur", "reader", session=s))
    with db.transaction(engine) as s, context.system():
        nord = Workspace(name="Studio Nord")
        s.add(nord)
        s.flush()
        ines = User(name="ines", display_name="Inès", password_hash=HASHER.hash("une phrase secrète"))
        s.add(ines)
        s.flush()
        s.add(Membership(user_id=ines.id, workspace_id=nord.id, role="owner"))
        s.flush()
        ines = context.Actor(ines.id, "Inès")
    data = read("tableau_agence_mars.csv")
    mapping = propose(data, "mars.csv").mapping
    with pytest.raises(Forbidden), acting_as(zoe), db.transaction(engine) as s:
        save(lila, data, "mars.csv", mapping, session=s, by="Zoé")
    with acting_as(karim), db.transaction(engine) as s:
        save(lila, data, "mars.csv", mapping, session=s, by="Karim")
    with acting_as(zoe), db.transaction(engine) as s:
        assert [m.name for m in list_mappings(lila, session=s)] == ["mars"]
    with acting_as(ines), db.transaction(engine) as s:
        assert saved_mappings(lila, session=s) == {}
