import io
import re
import subprocess
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from sqlmodel import select

from core import db
from core.client.calendar import business_days_after, clean
from core.client.docx_export import day_text, export_brand
from core.models import ExportSnapshot
from core.posts import create_post

PARIS = ZoneInfo("Europe/Paris")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

POSTS = [
    (datetime(2027, 3, 1, 12, 30, tzinfo=PARIS), "instagram", "carrousel",
     "Nos robes d'été arrivent ☀️ « Lila » en lin lavé\x07, cousues à Lyon.\nDisponibles dès lundi !",
     ["#MaisonLila", "#RobeDete"]),
    (datetime(2027, 3, 18, 19, 0, tzinfo=PARIS), "facebook", "photo",
     "Hélène nous a demandé : « quelle taille choisir ? » Notre guide est en ligne 👗\x0b", []),
    (datetime(2027, 4, 2, 9, 0, tzinfo=PARIS), "pinterest", "épingle",
     "5 idées de tenues pour un mariage champêtre 💐", ["mariage"]),
]


@pytest.fixture
def exported(engine, demo_brand):
    with db.transaction(engine) as s:
        for when, network, fmt, text, tags in POSTS:
            create_post(demo_brand, session=s, publish_at=when, network=network, format=fmt, text=text,
                        hashtags=tags, link="https://maisonlila.fr/ete", visual_brief="Photo en extérieur",
                        internal_notes="NOTE INTERNE : relancer le photographe", score=73.0,
                        deadline=date(2027, 2, 20), status="a_valider")
    with db.transaction(engine) as s:
        result = export_brand(demo_brand, date(2027, 3, 1), date(2027, 4, 30), session=s,
                              created_by="Léa (CM)", sent_on=date(2026, 12, 23))
    return result


def rows_of(doc):
    body = doc.element.body
    return [tr for tbl in body.iter(W + "tbl") for tr in tbl.iterchildren(W + "tr")
            if len(tr.findall(W + "tc")) == 6 and tr.find(W + "trPr/" + W + "tblHeader") is None]


def cell_texts(tr):
    """Each cell's text as the client reads it: paragraphs and line breaks are line ends."""
    return ["\n".join("".join(n.text or "" if n.tag == W + "t" else "\n" for n in p.iter(W + "t", W + "br"))
                      for p in tc.iter(W + "p")) for tc in tr.findall(W + "tc")]


def test_control_characters_are_removed_and_french_typography_kept():
    assert clean("Été\x07 « Lila »\x0b 👗\r\nfin\x00") == "Été « Lila » 👗\nfin"


def test_five_business_days_skip_christmas_and_the_weekend():
    assert business_days_after(date(2026, 12, 23), 5, "FR") == date(2026, 12, 31)


def test_french_dates_write_the_first_of_the_month_1er():
    assert day_text(date(2027, 3, 1), "fr", "EEEE d MMMM") == "lundi 1er mars"
    assert day_text(date(2027, 3, 18), "fr", "EEEE d MMMM") == "jeudi 18 mars"


def test_the_client_document_has_one_row_per_post_with_french_dates_and_no_internal_data(engine, exported):
    doc = Document(io.BytesIO(exported.data))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    assert section.header.paragraphs[0].text == "Maison Lila · Calendrier éditorial · du 1er mars 2027 au 30 avril 2027"
    rows = [cell_texts(tr) for tr in rows_of(doc)]
    assert [r[1] for r in rows] == [
        "LILA-2027-03-001\nlun. 1er mars · 12:30\nInstagram · Carrousel",
        "LILA-2027-03-002\njeu. 18 mars · 19:00\nFacebook · photo",
        "LILA-2027-04-001\nven. 2 avril · 09:00\nPinterest · épingle",
    ]
    assert rows[0][:1] + rows[0][2:] == [
        "Nos robes d'été arrivent ☀️ « Lila » en lin lavé, cousues à Lyon.\nDisponibles dès lundi !",
        "#MaisonLila #RobeDete\nhttps://maisonlila.fr/ete", "Photo en extérieur", "Choisir…", "",
    ]
    everything = zipfile.ZipFile(io.BytesIO(exported.data)).read("word/document.xml").decode("utf-8")
    full_text = "\n".join(p.text for p in doc.paragraphs) + "\n".join("|".join(r) for r in rows)
    visible = re.sub(r"[0-9a-f]{32}", "", full_text)  # the export token is random hex: it may hold "73"
    assert "NOTE INTERNE" not in visible and "73" not in visible and "2027-02-20" not in visible
    assert "\x07" not in everything and "\x0b" not in everything
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Ligne éditoriale", "Mars 2027", "Avril 2027", "Validation du calendrier"]


def test_the_decision_cell_is_a_word_drop_down_empty_by_default(exported):
    doc = Document(io.BytesIO(exported.data))
    sdt = next(rows_of(doc)[0].iter(W + "sdt"))
    items = [(i.get(W + "displayText"), i.get(W + "value")) for i in sdt.iter(W + "listItem")]
    assert items == [("Validé", "valide"), ("À modifier", "a_modifier"), ("Refusé", "refuse")]
    assert sdt.find(W + "sdtPr/" + W + "showingPlcHdr") is not None


def test_the_export_records_a_snapshot_whose_token_is_in_the_document(engine, exported):
    doc = Document(io.BytesIO(exported.data))
    assert doc.core_properties.identifier == f"calame-export:{exported.token}"
    assert any(f"calame-export:{exported.token}" in p.text for p in doc.paragraphs)
    with db.transaction(engine) as s:
        snap = s.exec(select(ExportSnapshot).where(ExportSnapshot.token == exported.token)).one()
        assert (snap.created_by, snap.period_from, snap.period_to) == ("Léa (CM)", date(2027, 3, 1), date(2027, 4, 30))
        assert [(p["ref"], p["version"], p["status"]) for p in snap.posts] == [
            ("LILA-2027-03-001", 1, "a_valider"), ("LILA-2027-03-002", 1, "a_valider"),
            ("LILA-2027-04-001", 1, "a_valider")]
        assert snap.posts[1]["text"] == "Hélène nous a demandé : « quelle taille choisir ? » Notre guide est en ligne 👗"


def test_the_validation_block_states_the_tacit_approval_deadline_in_business_days(exported):
    doc = Document(io.BytesIO(exported.data))
    texts = [p.text for p in doc.paragraphs]
    assert "Sans retour de votre part sous 5 jours ouvrés, soit au plus tard le jeudi 31 décembre 2026, " \
           "le calendrier est réputé validé." in texts
    assert "☐ Calendrier validé sous réserve des modifications indiquées" in texts
    assert doc.inline_shapes[0].width > 0  # the chart of the planned mix


def test_an_impossible_period_is_refused_with_a_message(engine, demo_brand):
    from core.client.calendar import ExportError

    with db.transaction(engine) as s, pytest.raises(ExportError) as caught:
        export_brand(demo_brand, date(2027, 5, 1), date(2027, 3, 1), session=s)
    assert caught.value.message("fr") == ("La période est impossible : le 2027-03-01 est avant le 2027-05-01. "
                                          "Donnez une date de fin après la date de début.")


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_libreoffice_converts_the_export_to_pdf(engine, exported, tmp_path):
    source = tmp_path / "calendrier.docx"
    source.write_bytes(exported.data)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "pdf" / "calendrier.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_an_english_speaking_brand_gets_its_calendar_and_drop_down_in_english(engine, demo_brand):
    from core.models import Brand

    with db.transaction(engine) as s:
        brand = s.get(Brand, demo_brand)
        brand.languages = ["en", "fr"]
        s.add(brand)
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 1, 12, 30, tzinfo=PARIS),
                    network="linkedin", text="Our summer dresses are here ☀️")
    with db.transaction(engine) as s:
        doc = Document(io.BytesIO(export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s,
                                               sent_on=date(2026, 12, 23)).data))
    row = rows_of(doc)[0]
    assert cell_texts(row)[1] == "LILA-2027-03-001\nMon 1 March · 12:30\nLinkedIn"
    assert [i.get(W + "displayText") for i in row.iter(W + "listItem")] == ["Approved", "To change", "Rejected"]
    assert "Without an answer from you within 5 business days, that is by Thursday 31 December 2026, " \
           "the calendar is deemed approved." in [p.text for p in doc.paragraphs]


def test_export_from_a_brief_plans_and_exports_in_one_call_without_the_database(tmp_path, monkeypatch):
    from core.cli import main as cli

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'untouched.db'}")
    out = tmp_path / "plan.docx"
    code = cli.main(["export", "docx", "--brief", "data/demo/brief.toml", "--start", "2027-03-01",
                     "--months", "1", "--out", str(out)])
    assert code == 0
    doc = Document(str(out))
    refs = [cell_texts(tr)[1].split("\n")[0] for tr in rows_of(doc)]
    assert len(refs) > 20 and all(ref.startswith("LILA-2027-03-") for ref in refs)
    assert doc.sections[0].header.paragraphs[0].text == \
        "Maison Lila · Calendrier éditorial · du 1er mars 2027 au 31 mars 2027"
    assert not (tmp_path / "untouched.db").exists()


def _rendered_pages(data: bytes, tmp_path, dpi: int = 40, mode: str = "L") -> list:
    """The document as LibreOffice prints it: one image a page (PDF by soffice, PNG by pdftoppm)."""
    from PIL import Image

    source = tmp_path / "calendrier.docx"
    source.write_bytes(data)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(tmp_path / "calendrier.pdf"), str(tmp_path / "page")],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return [Image.open(p).convert(mode) for p in sorted(tmp_path.glob("page-*.png"))]


def _ink(image):
    """The box (left, top, right, bottom) of everything printed on a page image."""
    return image.point(lambda v: 255 if v < 235 else 0).getbbox()


@pytest.mark.parametrize("country, paper_cm", [("FR", (29.7, 21.0)), ("US", (27.94, 21.59))])
def test_the_calendar_tables_stay_inside_the_margins_on_a4_and_us_letter(tmp_path, country, paper_cm):
    """Rendered by LibreOffice, every page's ink (tables, header, footer) lies within the text
    area's width, on A4 landscape for a French brand and US Letter for an American one."""
    import tomllib

    from core.client.docx_export import MARGIN_CM, build, export_brief

    with open("data/demo/brief.toml", "rb") as fh:
        brief = tomllib.load(fh)
    brief["brand"]["country"] = country
    result = export_brief(brief, date(2027, 3, 1), 1, seed=1)
    doc = Document(io.BytesIO(result.data))
    assert (round(doc.sections[0].page_width.cm, 2), round(doc.sections[0].page_height.cm, 2)) == paper_cm
    pages = _rendered_pages(result.data, tmp_path)
    dpi_cm = 40 / 2.54
    left, right = MARGIN_CM * dpi_cm, (paper_cm[0] - MARGIN_CM) * dpi_cm
    outside = {i + 1: box for i, image in enumerate(pages)
               if (box := _ink(image)) and (box[0] < left - 2 or box[2] > right + 2)}
    assert pages[0].size[0] == round(paper_cm[0] * dpi_cm)
    assert outside == {}
    demo_pages = len(pages) - 3  # the title page, the summary, the validation block
    # four posts a page at least: a carousel's slides and a reel's shots are the client's to approve too
    assert result.count / demo_pages >= 4, f"the demo's March: {result.count} posts on {demo_pages} pages"

    # Density is the layout's, measured on captions of a usual length (a 190-character Instagram
    # caption, three hashtags, a one-line visual), so that longer drafts (a newsletter's
    # sections) do not hide a layout that wastes the page: 4 such posts a page before.
    from core.client.calendar import Calendar

    caption = ("Nos robes d’été arrivent : la robe Lila en lin lavé, coupée pour bouger et cousue à Lyon. "
               "Disponible du 34 au 48, en trois couleurs. Dites-nous laquelle vous tente !")
    usual = [{"ref": f"CAL-2027-03-{i + 1:03}", "publish_at": datetime(2027, 3, 1 + i // 2, 12, 30, tzinfo=PARIS),
              "network": "instagram", "format": "image_texte", "pillar": "Coulisses de l'atelier",
              "persona": "Camille, citadine active", "text": caption, "visual_brief": "Photo portée, format 4:5",
              "hashtags": ["#MaisonLila", "#lin", "#SlowFashion"], "link": "", "status": "a_valider",
              "objective": "notoriete", "event": ""} for i in range(result.count)]
    calendar = Calendar(brief=brief, period_from=date(2027, 3, 1), period_to=date(2027, 3, 31), posts=usual)
    (tmp_path / "usual").mkdir()
    dense = _rendered_pages(build(calendar), tmp_path / "usual")
    calendar_pages = len(dense) - 3  # the title page, the summary, the validation block
    assert result.count / calendar_pages >= 5.5, f"{result.count} posts on {calendar_pages} pages"


def test_a_long_hashtag_gets_a_column_wide_enough_to_stay_on_one_line(engine, demo_brand):
    from core.client.calendar import collect
    from core.client.docx_export import CHAR_CM, widths

    with db.transaction(engine) as s:
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 4, 12, 30, tzinfo=PARIS), network="linkedin",
                    text="Le métier de CM, vu de l’intérieur.", hashtags=["#CommunityManagerFreelance"])
        calendar = collect(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s)
    cols = widths(calendar)
    assert cols[2] >= len("#CommunityManagerFreelance") * CHAR_CM
    assert round(sum(cols), 2) <= 29.7 - 2 * 1.2


def _png(colour, size=(400, 300), kind="PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


def test_the_word_file_is_signed_by_the_brand_without_an_agency_never_calame(engine, exported):
    props = Document(io.BytesIO(exported.data)).core_properties
    assert (props.author, props.last_modified_by) == ("Maison Lila", "Léa (CM)")


def test_the_agency_of_the_workspace_signs_the_calendar_with_its_name_and_logo(engine, demo_brand):
    from core.models import Brand, Workspace
    from core.visuals import save_logo

    with db.transaction(engine) as s:
        agency = Workspace(name="lumen")
        s.add(agency)
        s.flush()
        save_logo(agency.id, _png((20, 60, 200), (900, 300)), session=s, display_name="Agence Lumen")
        s.get(Brand, demo_brand).workspace_id = agency.id
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 4, 12, 30, tzinfo=PARIS),
                    network="instagram", text="Nos robes d’été arrivent.")
    with db.transaction(engine) as s:
        result = export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s,
                              created_by="Léa (CM)", sent_on=date(2026, 12, 23))
    doc = Document(io.BytesIO(result.data))
    assert (doc.core_properties.author, doc.core_properties.last_modified_by) == ("Agence Lumen", "Léa (CM)")
    header = doc.sections[0].header
    assert header.paragraphs[0].text == \
        "  Agence Lumen · Maison Lila · Calendrier éditorial · du 1er mars 2027 au 31 mars 2027"
    logo = header.part.related_parts[next(iter(header.paragraphs[0]._p.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))).get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")]
    assert (logo.content_type, logo.image.px_width, logo.image.px_height) == ("image/png", 600, 200)
    assert "Préparé par Agence Lumen" in [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_posts_visual_shows_as_a_thumbnail_in_its_cell_inside_the_margins(engine, demo_brand, tmp_path):
    """The visual's thumbnail replaces its description in the visual cell; rendered by
    LibreOffice, the red of the picture lies in that column, inside the text area."""
    from core.client.docx_export import MARGIN_CM, widths
    from core.client.calendar import collect
    from core.visuals import save_visual

    with db.transaction(engine) as s:
        with_visual = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 4, 12, 30, tzinfo=PARIS),
                                  network="instagram", text="La robe Lila en lin lavé, cousue à Lyon.",
                                  visual_brief="Photo portée en extérieur")
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 5, 12, 30, tzinfo=PARIS),
                    network="facebook", text="Les coulisses de l’atelier.", visual_brief="Photo de l’atelier")
        save_visual(with_visual.id, _png((230, 20, 20), (1200, 900), "JPEG"), session=s, file_name="lila.jpg")
    with db.transaction(engine) as s:
        result = export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s, sent_on=date(2026, 12, 23))
        cols = widths(collect(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s))
    doc = Document(io.BytesIO(result.data))
    first, second = rows_of(doc)
    assert [len(list(r.findall(W + "tc")[3].iter(W + "drawing"))) for r in (first, second)] == [1, 0]
    assert cell_texts(first)[3] == "" and cell_texts(second)[3] == "Photo de l’atelier"

    pages = _rendered_pages(result.data, tmp_path, dpi=60, mode="RGB")
    red = [(i, box) for i, page in enumerate(pages) if (box := _red_box(page))]
    assert len(red) == 1
    _, (left, top, right, bottom) = red[0]
    dpi_cm = 60 / 2.54
    column_left = (MARGIN_CM + sum(cols[:3])) * dpi_cm
    column_right = (MARGIN_CM + sum(cols[:4])) * dpi_cm
    assert column_left - 2 <= left < right <= column_right + 2
    assert right - left >= 2.0 * dpi_cm  # a thumbnail one can see, not a dot
    assert right <= (29.7 - MARGIN_CM) * dpi_cm


def _red_box(page):
    """The box of the page's pure red pixels (the test picture; the headers' orange is not)."""
    from PIL import ImageChops

    r, g, b = page.split()
    strong = lambda band, test: band.point(lambda v: 255 if test(v) else 0)  # noqa: E731
    mask = ImageChops.multiply(strong(r, lambda v: v > 180), ImageChops.multiply(
        strong(g, lambda v: v < 80), strong(b, lambda v: v < 80)))
    return mask.getbbox()
