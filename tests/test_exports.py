import csv
import io
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar as ICal
from sqlmodel import select

from core import db
from core.client.calendar import collect
from core.client.exports import import_csv, preview_csv, to_csv, to_hootsuite, to_ics
from core.models import Post
from core.posts import create_post, history, save_post

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def planned(engine, demo_brand):
    with db.transaction(engine) as s:
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 2, 12, 30, tzinfo=PARIS),
                    network="instagram", format="carrousel", status="valide",
                    text="Nos robes d'été arrivent ☀️ « Lila »\nen lin lavé\x07", hashtags=["#MaisonLila"],
                    link="https://maisonlila.fr/ete")
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 28, 9, 0, tzinfo=PARIS),
                    network="facebook", format="photo", status="a_valider",
                    text="Hélène, 58 ans : « enfin une coupe qui tombe bien » 👗", hashtags=[])
    return demo_brand


def calendar_of(engine, brand_id):
    with db.transaction(engine) as s:
        return collect(brand_id, date(2027, 3, 1), date(2027, 3, 31), session=s)


def test_the_ics_has_one_event_per_post_with_stable_uids_and_paris_times(engine, planned):
    cal = ICal.from_ical(to_ics(calendar_of(engine, planned)))
    events = cal.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["LILA-2027-03-001@calame", "LILA-2027-03-002@calame"]
    assert [str(e["summary"]) for e in events] == [
        "[Instagram] LILA-2027-03-001 · Nos robes d'été arrivent ☀️ « Lila »",
        "[Facebook] LILA-2027-03-002 · Hélène, 58 ans : « enfin une coupe qui tombe bien » 👗"]
    assert [e.decoded("dtstart") for e in events] == [datetime(2027, 3, 2, 12, 30, tzinfo=PARIS),
                                                     datetime(2027, 3, 28, 9, 0, tzinfo=PARIS)]
    assert events[1].decoded("dtstart").astimezone(timezone.utc).hour == 7  # summer time from 28 March
    assert str(events[0]["description"]) == (
        "Nos robes d'été arrivent ☀️ « Lila »\nen lin lavé\n\n#MaisonLila\n\nhttps://maisonlila.fr/ete\n\n"
        "Ouvrir dans Calame : http://localhost:8501/redaction?ref=LILA-2027-03-001")
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "TENTATIVE"]
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_changed_post_keeps_its_uid_with_a_higher_sequence_so_calendars_update_it(engine, planned):
    before = ICal.from_ical(to_ics(calendar_of(engine, planned))).walk("VEVENT")[0]
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == "LILA-2027-03-001")).one()
        save_post(post.id, post.version, {"text": "Nos robes d'été sont là !"}, session=s)
    after = ICal.from_ical(to_ics(calendar_of(engine, planned))).walk("VEVENT")[0]
    assert (str(before["uid"]), before["sequence"]) == ("LILA-2027-03-001@calame", 1)
    assert (str(after["uid"]), after["sequence"]) == ("LILA-2027-03-001@calame", 2)


def test_the_generic_csv_has_a_bom_and_reads_back_with_the_french_separator(engine, planned):
    data = to_csv(calendar_of(engine, planned), sep=";")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [(r["ref"], r["date"], r["time"], r["network"], r["status"]) for r in rows] == [
        ("LILA-2027-03-001", "2027-03-02", "12:30", "Instagram", "Validé"),
        ("LILA-2027-03-002", "2027-03-28", "09:00", "Facebook", "À valider")]
    assert rows[0]["text"] == "Nos robes d'été arrivent ☀️ « Lila »\nen lin lavé"


def test_the_csv_for_people_shows_labels_in_english_and_reads_back_as_codes(engine, planned):
    data = to_csv(calendar_of(engine, planned), sep=",", lang="en")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["network"], r["status"]) for r in rows] == [("Instagram", "Approved"), ("Facebook", "To approve")]
    with db.transaction(engine) as s:
        read = preview_csv(data, planned, session=s)
    # the labels read back as the codes stored: nothing to change, nothing refused
    assert [(r.ref, r.action, r.errors) for r in read] == [
        ("LILA-2027-03-001", "unchanged", []), ("LILA-2027-03-002", "unchanged", [])]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_hootsuite_gets_only_posts_that_follow_its_rules(engine, planned):
    with db.transaction(engine) as s:
        create_post(planned, session=s, publish_at=datetime(2027, 3, 5, 18, 7, tzinfo=PARIS),
                    network="instagram", text="Heure impossible pour Hootsuite")
        create_post(planned, session=s, publish_at=datetime(2027, 3, 6, 18, 0, tzinfo=PARIS),
                    network="x", text="Trop long pour X " * 20)
        create_post(planned, session=s, publish_at=datetime(2027, 3, 7, 8, 0, tzinfo=PARIS),
                    network="newsletter", text="La lettre de mars")
        create_post(planned, session=s, publish_at=datetime(2027, 3, 9, 12, 0, tzinfo=PARIS),
                    network="facebook", text="Hélène, 58 ans : « enfin une coupe qui tombe bien » 👗")
    result = to_hootsuite(calendar_of(engine, planned), now=datetime(2027, 3, 2, 11, 0, tzinfo=PARIS))
    rows = list(csv.reader(io.StringIO(result.data.decode("utf-8"))))
    assert rows == [
        ["02/03/2027 12:30", "Nos robes d'été arrivent ☀️ « Lila »\nen lin lavé\n\n#MaisonLila",
         "https://maisonlila.fr/ete"],
        ["09/03/2027 12:00", "Hélène, 58 ans : « enfin une coupe qui tombe bien » 👗", ""],
    ]
    assert result.problems == [
        ("LILA-2027-03-003", "l'heure 18:07 n'est pas un multiple de 5 minutes : Hootsuite la refuse"),
        ("LILA-2027-03-004", "message de 339 caractères, au plus 280 sur X (Twitter)"),
        ("LILA-2027-03-005", "Newsletter n'est pas publiable par Hootsuite"),
        ("LILA-2027-03-002", "message identique à celui de LILA-2027-03-006 : Hootsuite refuse les doublons"),
    ]
    late = to_hootsuite(calendar_of(engine, planned), now=datetime(2027, 3, 2, 12, 25, tzinfo=PARIS))
    assert late.problems[0] == ("LILA-2027-03-001", "date passée ou à moins de 10 minutes : Hootsuite la refuse")


CSV_IN = (
    "\ufeffref;date;time;network;format;status;text;hashtags;version\r\n"
    ";2027-04-03;18:30;instagram;reel;brouillon;Les coulisses de l'atelier 🧵;#MaisonLila #atelier;\r\n"
    "LILA-2027-03-001;2027-03-02;12:30;instagram;carrousel;valide;Nos robes d'été, version corrigée;;1\r\n"
    ";2027-02-30;10:00;facebook;photo;brouillon;Date impossible;;\r\n"
    ";2027-04-04;10:00;myspace;photo;brouillon;Réseau inconnu;;\r\n"
    "CAL-2099-01-001;2027-04-05;10:00;facebook;photo;brouillon;Référence inconnue;;\r\n"
)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_csv_import_previews_each_row_with_its_errors_then_writes_only_the_valid_ones(engine, planned):
    data = CSV_IN.encode("utf-8")
    with db.transaction(engine) as s:
        rows = preview_csv(data, planned, session=s)
    assert [(r.line, r.action, r.errors) for r in rows] == [
        (2, "create", []), (3, "update", []),
        (4, "error", ["date ou heure illisible « 2027-02-30 10:00 » (attendu AAAA-MM-JJ et HH:MM)"]),
        (5, "error", ["réseau inconnu « myspace » (réseaux : facebook, instagram, linkedin, x, tiktok, "
                      "pinterest, youtube, threads, bluesky, newsletter, blog)"]),
        (6, "error", ["référence inconnue « CAL-2099-01-001 » pour cette marque : laissez la colonne ref "
                      "vide pour créer la publication"]),
    ]
    with db.transaction(engine) as s:
        assert len(s.exec(select(Post)).all()) == 2
        _, created, updated = import_csv(data, planned, session=s, saved_by="Léa")
    assert (created, updated) == (1, 1)
    with db.transaction(engine) as s:
        posts = {p.ref: p for p in s.exec(select(Post))}
    assert (posts["LILA-2027-04-001"].text, posts["LILA-2027-04-001"].hashtags) == (
        "Les coulisses de l'atelier 🧵", ["#MaisonLila", "#atelier"])
    assert posts["LILA-2027-04-001"].publish_at.astimezone(PARIS) == datetime(2027, 4, 3, 18, 30, tzinfo=PARIS)
    assert (posts["LILA-2027-03-001"].text, posts["LILA-2027-03-001"].version) == ("Nos robes d'été, version corrigée", 2)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_csv_row_based_on_an_old_version_is_refused_as_a_conflict(engine, planned):
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == "LILA-2027-03-001")).one()
        save_post(post.id, post.version, {"text": "Modifié entre-temps"}, session=s)
        rows = preview_csv(CSV_IN.encode("utf-8"), planned, session=s)
    assert rows[1].errors == ["la publication LILA-2027-03-001 a été modifiée entre-temps (version 1 attendue, "
                              "2 en base) : non écrasée"]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_csv_without_the_required_columns_is_refused_with_the_known_columns(engine, planned):
    with db.transaction(engine) as s, pytest.raises(ValueError) as caught:
        preview_csv("titre,texte\nBonjour,Salut\n".encode(), planned, session=s)
    assert str(caught.value) == ("Colonnes obligatoires absentes : date, time, network. Colonnes reconnues : "
                                 "ref, date, time, network, format, pillar, persona, objective, status, text, "
                                 "hashtags, visual_brief, link, event, version.")


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_200000_character_cell_is_read_and_only_its_row_refused_as_too_long(engine, planned):
    long_text = ("Les coulisses de l'atelier, ligne après ligne. " * 4_300)[:200_000]
    data = ("date;time;network;text\r\n2027-04-03;18:30;instagram;" + long_text
            + "\r\n2027-04-04;10:00;facebook;Court\r\n").encode("utf-16")  # Excel's "Unicode text", with its BOM
    with db.transaction(engine) as s:
        rows = preview_csv(data, planned, session=s)
    assert [(r.line, r.action, r.errors) for r in rows] == [
        (2, "error", ["texte trop long (200000 caractères, au plus 20000)"]), (3, "create", [])]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_cell_over_a_million_characters_refuses_the_file_with_its_line(engine, planned):
    data = ("date;time;network;text\r\n2027-04-03;18:30;instagram;" + "a" * 1_000_001 + "\r\n").encode()
    with db.transaction(engine) as s, pytest.raises(ValueError) as caught:
        preview_csv(data, planned, session=s)
    assert str(caught.value) == ("Ligne 2, colonne 4\u00a0: une cellule de 1000001 caractères dépasse la limite "
                                 "de 1000000. Raccourcissez ce texte, puis réessayez.")


# ---------------------------------------------------------------- round trip

def posts_state(engine, brand_id):
    with db.transaction(engine) as s:
        return [(p.ref, p.version, p.locked, p.text, p.objective, p.event, p.pillar_id, p.persona_id)
                for p in s.exec(select(Post).where(Post.brand_id == brand_id).order_by(Post.ref))]


@pytest.mark.parametrize("sep", [";", ","])
def test_a_csv_export_re_imported_unchanged_changes_nothing(engine, demo_brand, sep):
    from core.planning.planner import plan_brand

    with db.transaction(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
    before = posts_state(engine, demo_brand)
    data = to_csv(calendar_of(engine, demo_brand), sep=sep)
    with db.transaction(engine) as s:
        rows, created, updated = import_csv(data, demo_brand, session=s, saved_by="Léa")
    assert (len(rows), {r.action for r in rows}, created, updated) == (59, {"unchanged"}, 0, 0)
    assert posts_state(engine, demo_brand) == before


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_only_the_rows_changed_in_the_spreadsheet_are_saved_by_the_person_importing(engine, planned):
    data = to_csv(calendar_of(engine, planned), sep=";").decode("utf-8-sig")
    data = data.replace("Hélène, 58 ans", "Hélène, 59 ans").encode("utf-8")
    with db.transaction(engine) as s:
        rows, created, updated = import_csv(data, planned, session=s, saved_by="Léa Martin")
    assert [(r.ref, r.action, r.fields) for r in rows] == [
        ("LILA-2027-03-001", "unchanged", {}),
        ("LILA-2027-03-002", "update", {"text": "Hélène, 59 ans : « enfin une coupe qui tombe bien » 👗"})]
    with db.transaction(engine) as s:
        posts = {p.ref: p for p in s.exec(select(Post))}
        assert [(ref, p.version, p.locked, p.updated_by) for ref, p in sorted(posts.items())] == [
            ("LILA-2027-03-001", 1, False, ""), ("LILA-2027-03-002", 2, True, "Léa Martin")]
        assert [(v.version, v.saved_by) for v in history(posts["LILA-2027-03-002"].id, session=s)] == [
            (2, "Léa Martin"), (1, "")]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_rows_without_a_reference_are_matched_at_the_next_import_not_created_again(engine, planned):
    data = CSV_IN.encode("utf-8")
    with db.transaction(engine) as s:
        import_csv(data, planned, session=s, saved_by="Léa")
    with db.transaction(engine) as s:
        rows = preview_csv(data, planned, session=s)
        assert [(r.line, r.ref, r.action) for r in rows[:2]] == [
            (2, "LILA-2027-04-001", "unchanged"), (3, "LILA-2027-03-001", "error")]
        _, created, updated = import_csv(data, planned, session=s, saved_by="Léa")
    assert (created, updated) == (0, 0)
    with db.transaction(engine) as s:
        assert sorted(p.ref for p in s.exec(select(Post))) == ["LILA-2027-03-001", "LILA-2027-03-002",
                                                               "LILA-2027-04-001"]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_same_new_row_twice_in_one_file_is_created_once(engine, planned):
    row = ";2027-04-03;18:30;instagram;Les coulisses de l'atelier 🧵\r\n"
    data = ("ref;date;time;network;text\r\n" + row + row).encode("utf-8")
    with db.transaction(engine) as s:
        rows = preview_csv(data, planned, session=s)
    assert [(r.line, r.action, r.errors) for r in rows] == [
        (2, "create", []), (3, "error", ["même date, même réseau et même texte que la ligne 2\u00a0: "
                                         "ligne ignorée pour ne pas créer la publication deux fois"])]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_version_that_is_not_a_number_is_an_error_on_its_row(engine, planned):
    data = ("ref;date;time;network;text;version\r\n"
            "LILA-2027-03-001;2027-03-02;12:30;instagram;Nos robes d'été, version corrigée;abc\r\n").encode()
    with db.transaction(engine) as s:
        rows = preview_csv(data, planned, session=s)
    assert [(r.line, r.action, r.errors) for r in rows] == [
        (2, "error", ["version «\u00a0abc\u00a0» illisible\u00a0: un nombre entier est attendu, celui de l'export "
                      "(vide\u00a0: pas de vérification)"])]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_date_in_the_year_1_is_refused_in_the_preview_with_its_line(engine, planned):
    data = ("date;time;network;text\r\n0001-01-01;00:00;instagram;Très en avance\r\n"
            "9999-12-31;23:30;facebook;Très en retard\r\n2027-04-03;18:30;instagram;À l'heure\r\n").encode()
    with db.transaction(engine) as s:
        rows, created, _ = import_csv(data, planned, session=s, saved_by="Léa")
    assert [(r.line, r.action, r.errors) for r in rows] == [
        (2, "error", ["date «\u00a00001-01-01\u00a0» hors du calendrier (années 2000 à 2099)"]),
        (3, "error", ["date «\u00a09999-12-31\u00a0» hors du calendrier (années 2000 à 2099)"]),
        (4, "create", [])]
    assert created == 1


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_cli_records_who_imports_the_csv(engine, planned, tmp_path, monkeypatch, capsys):
    from core.cli import main as cli

    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    path = tmp_path / "plan.csv"
    path.write_bytes("date;time;network;text\r\n2027-04-03;18:30;instagram;Les coulisses 🧵\r\n".encode())
    assert cli.main(["import-csv", str(path), "--brand", "Maison Lila", "--by", "Léa Martin"]) == 0
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == "LILA-2027-04-001")).one()
        assert (post.updated_by, [v.saved_by for v in history(post.id, session=s)]) == ("Léa Martin", ["Léa Martin"])


# ---------------------------------------------------------------- CSV injection

# A tab survives only in multi-line texts: the engine turns it into a space in one-line fields.
PLANTED = {"text": "=HYPERLINK(\"http://evil.example\";\"Cliquez\")", "format": "+carrousel",
           "visual_brief": "\tSoldes", "link": "@SUM(1+1)*cmd|' /C calc'!A0", "event": "-2+3",
           "hashtags": ["@lila"], "pillar": "=Conseils", "persona": "+Camille"}


@pytest.fixture
def planted(engine, planned):
    """A post whose every typed cell begins like a spreadsheet formula."""
    from core.models import Persona, Pillar

    with db.transaction(engine) as s:
        pillar = Pillar(brand_id=planned, name=PLANTED["pillar"])
        persona = Persona(brand_id=planned, name=PLANTED["persona"])
        s.add(pillar)
        s.add(persona)
        s.flush()
        create_post(planned, session=s, publish_at=datetime(2027, 3, 10, 12, 0, tzinfo=PARIS),
                    network="instagram", format=PLANTED["format"], text=PLANTED["text"],
                    visual_brief=PLANTED["visual_brief"], link=PLANTED["link"], event=PLANTED["event"],
                    hashtags=PLANTED["hashtags"], pillar_id=pillar.id, persona_id=persona.id)
    return planned


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_cells_that_begin_like_a_formula_are_neutralised_in_the_generic_csv(engine, planted):
    data = to_csv(calendar_of(engine, planted), sep=";")
    row = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1]
    assert {k: row[k] for k in ("text", "format", "visual_brief", "link", "event", "hashtags", "pillar",
                                "persona")} == {
        "text": "'=HYPERLINK(\"http://evil.example\";\"Cliquez\")", "format": "'+carrousel",
        "visual_brief": "'\tSoldes", "link": "'@SUM(1+1)*cmd|' /C calc'!A0", "event": "'-2+3",
        "hashtags": "#@lila", "pillar": "'=Conseils", "persona": "'+Camille"}  # a hashtag cell starts with #
    with db.transaction(engine) as s:
        rows, created, updated = import_csv(data, planted, session=s, saved_by="Léa")
    assert ({r.action for r in rows}, created, updated) == ({"unchanged"}, 0, 0)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_cells_that_begin_like_a_formula_are_neutralised_in_the_hootsuite_csv(engine, planted):
    result = to_hootsuite(calendar_of(engine, planted), now=datetime(2027, 3, 1, 9, 0, tzinfo=PARIS))
    rows = list(csv.reader(io.StringIO(result.data.decode("utf-8"))))
    assert rows[1] == ["10/03/2027 12:00", "'=HYPERLINK(\"http://evil.example\";\"Cliquez\")\n\n#@lila",
                       "'@SUM(1+1)*cmd|' /C calc'!A0"]
