from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.results.numbers import ResultsError, parse_duration, parse_number, parse_when

PARIS = ZoneInfo("Europe/Paris")
EXPORTED = date(2027, 3, 22)


@pytest.mark.parametrize("cell, decimal, value", [
    ("1 234", ",", 1234.0), ("1\u202f234", ",", 1234.0), ("12,5", ",", 12.5), ("1,234", ".", 1234.0),
    ("12,5", ".", 12.5), ("1.2K", ".", 1200.0), ("1,2 k", ",", 1200.0), ("3M", ".", 3_000_000.0),
    ("38%", ".", 0.38), ("38,5 %", ",", 0.385), ("1,234.5", ".", 1234.5), ("1.234,5", ",", 1234.5),
    (2140.0, ".", 2140.0), ("2140.0", ".", 2140.0),
])
def test_export_figures_read_as_their_locale_writes_them(cell, decimal, value):
    assert parse_number(cell, decimal=decimal) == pytest.approx(value)


@pytest.mark.parametrize("cell", ["", "  ", "-", "--", "N/A", None])
def test_an_empty_or_dashed_cell_is_unknown_never_zero(cell):
    assert parse_number(cell) is None


def test_a_word_in_a_figure_column_is_not_a_number():
    with pytest.raises(ValueError):
        parse_number("beaucoup")


@pytest.mark.parametrize("cell, seconds", [("0:12", 12.0), ("1:02:03", 3723.0), ("2:05.5", 125.5), ("45", 45.0)])
def test_watch_times_read_as_seconds(cell, seconds):
    assert parse_duration(cell) == seconds


def test_a_french_day_first_date_keeps_its_time_in_the_brands_zone():
    when = parse_when("09/03/2027 11:32", day_first=True, tz=PARIS, exported_on=EXPORTED)
    assert (when.at, when.time_known) == (datetime(2027, 3, 9, 11, 32, tzinfo=PARIS), True)


def test_an_english_month_first_date_with_pm():
    when = parse_when("03/09/2027 7:04 pm", day_first=False, tz=PARIS, exported_on=EXPORTED)
    assert when.at == datetime(2027, 3, 9, 19, 4, tzinfo=PARIS)


def test_a_date_whose_order_nothing_tells_is_refused_not_guessed():
    with pytest.raises(ResultsError) as info:
        parse_when("03/04/2027 10:00", day_first=None, tz=PARIS, exported_on=EXPORTED)
    assert (info.value.key, info.value.params) == ("results.ambiguous_date", {"value": "03/04/2027 10:00"})


def test_a_date_that_tells_its_own_order_needs_no_language():
    assert parse_when("14/03/2027", day_first=None, tz=PARIS, exported_on=EXPORTED).at.date() == date(2027, 3, 14)


def test_an_x_legacy_time_keeps_its_utc_offset():
    when = parse_when("2027-03-11 08:07 +0000", day_first=None, tz=PARIS, exported_on=EXPORTED)
    assert when.at == datetime(2027, 3, 11, 8, 7, tzinfo=timezone(timedelta(0)))


def test_a_day_without_its_time_stands_at_noon_and_says_so():
    when = parse_when("Thu, Mar 11, 2027", day_first=None, tz=PARIS, exported_on=EXPORTED)
    assert (when.at, when.time_known) == (datetime(2027, 3, 11, 12, tzinfo=PARIS), False)


def test_french_month_names_are_read():
    assert parse_when("9 mars 2027", day_first=True, tz=PARIS, exported_on=EXPORTED).at.date() == date(2027, 3, 9)
    assert parse_when("1er févr. 2027", day_first=True, tz=PARIS, exported_on=EXPORTED).at.date() == date(2027, 2, 1)


def test_a_tiktok_date_without_a_year_takes_the_latest_year_before_the_export():
    assert parse_when("Mar 12", day_first=None, tz=PARIS, exported_on=EXPORTED).at.date() == date(2027, 3, 12)
    assert parse_when("Dec 28", day_first=None, tz=PARIS, exported_on=EXPORTED).at.date() == date(2026, 12, 28)


@pytest.mark.parametrize("cell", ["30/02/2027", "hier", "2027-13-01"])
def test_an_impossible_date_is_reported(cell):
    with pytest.raises(ResultsError) as info:
        parse_when(cell, day_first=True, tz=PARIS, exported_on=EXPORTED)
    assert info.value.key == "results.bad_date"
