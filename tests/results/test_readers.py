from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.language.text import InputError
from core.results.readers import clean_permalink, read_export
from tests.results.xlsx import xlsx_bytes

DATA = Path(__file__).resolve().parent.parent / "data" / "results"
PARIS = ZoneInfo("Europe/Paris")
EXPORTED = date(2027, 3, 22)


def read(name: str, data: bytes | None = None):
    return read_export(data if data is not None else (DATA / name).read_bytes(), name, tz=PARIS, exported_on=EXPORTED)


def summary(export):
    return [(r.line, r.network, r.key, r.published_at, r.metrics) for r in export.rows]


def test_the_french_facebook_export_in_utf8_with_bom_and_semicolons_reads_day_first():
    export = read("meta_facebook_fr.csv")
    assert (export.format, export.language, export.issues) == ("meta", "fr", [])
    assert summary(export) == [
        (2, "facebook", "1029384756_612345678901234", datetime(2027, 3, 9, 11, 32, tzinfo=PARIS),
         {"views": 4812, "reach": 3204, "interactions": 187, "reactions": 142, "comments": 31, "shares": 14,
          "clicks": 96, "link_clicks": 41}),
        (3, "facebook", "1029384756_612345678901299", datetime(2027, 3, 16, 17, 5, tzinfo=PARIS),
         {"views": 2097, "reach": 1530, "interactions": 64, "reactions": 48, "comments": 12, "shares": 4,
          "link_clicks": 8}),
    ]
    assert export.rows[0].text.startswith("Nos robes d'été arrivent en boutique samedi")


def test_the_english_instagram_export_in_utf16_reads_month_first_and_drops_utm():
    export = read("meta_instagram_en.csv")
    assert (export.format, export.language, export.issues) == ("meta", "en", [])
    assert [(r.network, r.permalink, r.published_at) for r in export.rows] == [
        ("instagram", "https://instagram.com/p/DGa1b2C3d4E", datetime(2027, 3, 9, 19, 4, tzinfo=PARIS)),
        ("instagram", "https://instagram.com/p/DGf9g8H7i6J", datetime(2027, 3, 14, 12, 16, tzinfo=PARIS)),
        ("instagram", "https://instagram.com/p/DGh0k1L2m3N", datetime(2027, 3, 15, 20, 41, tzinfo=PARIS)),
    ]
    assert export.rows[2].metrics["likes"] == 1200


def test_a_missing_column_leaves_its_metric_unknown_and_is_listed():
    export = read("meta_facebook_fr_sans_couverture.csv")
    assert "reach" in export.missing
    assert [sorted(r.metrics) for r in export.rows] == [
        ["clicks", "comments", "interactions", "link_clicks", "reactions", "shares", "views"],
        ["comments", "interactions", "link_clicks", "shares", "views"],
    ]


def test_the_linkedin_workbook_has_its_header_on_row_two_and_ids_in_its_links():
    export = read("linkedin_content.xlsx")
    assert (export.format, export.issues) == ("linkedin", [])
    assert [(r.line, r.key, r.published_at, r.time_known, r.metrics["engagement_rate"]) for r in export.rows] == [
        (3, "7301234567890123456", datetime(2027, 3, 10, 12, tzinfo=PARIS), False, 0.0802),
        (4, "7303456789012345678", datetime(2027, 3, 17, 12, tzinfo=PARIS), False, 0.1054),
    ]


def test_both_x_exports_name_the_same_post():
    legacy, current = read("x_legacy.csv"), read("x_current.csv")
    assert (legacy.format, current.format) == ("x_legacy", "x")
    assert legacy.rows[0].key == current.rows[0].key == "1899876543210987654"
    assert legacy.rows[0].published_at == datetime(2027, 3, 11, 8, 7, tzinfo=timezone(timedelta(0)))
    assert (current.rows[0].metrics["impressions"], current.rows[1].metrics["impressions"]) == (2381, 1204)


def test_tiktok_studio_dates_get_their_year_and_abbreviated_figures_their_size():
    export = read("tiktok_studio.csv")
    assert [(r.key, r.published_at.date(), r.metrics["views"], r.metrics["likes"], r.metrics["avg_watch_seconds"])
            for r in export.rows] == [
        ("7345678901234567890", date(2027, 3, 12), 18400, 1200, 12),
        ("7348765432109876543", date(2026, 12, 28), 41700, 3100, 9),
    ]


def test_youtube_studio_table_data_skips_its_total_row_and_reads_percent_columns():
    export = read("Table data.csv")
    assert [(r.line, r.key, r.permalink, r.metrics["ctr"]) for r in export.rows] == [
        (3, "dQ3rT5yU7iO", "https://youtube.com/watch?v=dQ3rT5yU7iO", pytest.approx(0.064)),
        (4, "aB1cD2eF3gH", "https://youtube.com/watch?v=aB1cD2eF3gH", pytest.approx(0.047)),
    ]


def test_a_file_of_no_known_format_says_which_formats_are_read():
    export = read("budget.csv", "mois;montant\nmars;1200\n".encode())
    assert [(i.line, i.key) for i in export.issues] == [(1, "results.unknown_format")]
    assert export.issues[0].message("fr").startswith("budget.csv n’est pas un export reconnu")


def test_an_empty_file_is_reported():
    assert [i.key for i in read("vide.csv", b"").issues] == ["results.empty_file"]


def test_a_binary_file_is_refused_by_the_shared_decoder():
    with pytest.raises(InputError):
        read("photo.csv", bytes(range(256)) * 4)


def test_a_cut_off_file_reports_its_last_row():
    data = (DATA / "x_current.csv").read_bytes()
    export = read("x_current.csv", data[: data.rindex(b",2,3,4")])
    assert [(i.line, i.key) for i in export.issues] == [(3, "results.short_row")]


def test_negative_and_absurd_figures_are_reported_with_their_line():
    text = (DATA / "x_current.csv").read_text(encoding="utf-8")
    text = text.replace(",2381,", ",-2381,").replace(",1,204,", ",\"1,204\",").replace(",\"1,204\",15,33,", ",\"1,204\",15,33e,")
    export = read("x_current.csv", text.encode())
    assert [(i.line, i.key, i.params) for i in export.issues] == [
        (2, "results.negative", {"column": "Impressions", "value": "-2381"}),
        (3, "results.bad_number", {"column": "Engagements", "value": "33e"}),
    ]


def test_a_rate_above_a_hundred_percent_is_absurd():
    rows = [["Post title", "Post link", "Created date", "Impressions", "Engagement rate"],
            ["Atelier", "https://www.linkedin.com/feed/update/urn:li:activity:1", "03/10/2027", 10, "250%"]]
    export = read("linkedin.xlsx", xlsx_bytes(rows))
    assert [(i.line, i.key) for i in export.issues] == [(2, "results.absurd")]


def test_a_damaged_workbook_is_refused_with_the_readers_words():
    from core.results.numbers import ResultsError

    with pytest.raises(ResultsError) as info:
        read("linkedin.xlsx", b"PK\x03\x04 not a workbook")
    assert info.value.key == "results.bad_spreadsheet"


def test_day_month_order_comes_from_the_files_own_dates_before_its_language():
    rows = [["Post title", "Post link", "Created date", "Impressions"],
            ["Atelier", "https://www.linkedin.com/feed/update/urn:li:activity:1", "03/04/2027", 10],
            ["Soldes", "https://www.linkedin.com/feed/update/urn:li:activity:2", "25/04/2027", 12]]
    export = read("linkedin.xlsx", xlsx_bytes(rows))
    assert [r.published_at.date() for r in export.rows] == [date(2027, 4, 3), date(2027, 4, 25)]


def test_instagram_links_lose_their_tracking_but_keep_their_shortcode():
    assert clean_permalink("https://www.instagram.com/reel/DGa1b2C3d4E/?utm_source=ig_web_copy_link&igsh=MTc4") \
        == "https://instagram.com/reel/DGa1b2C3d4E"
