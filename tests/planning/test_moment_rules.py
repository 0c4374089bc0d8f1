"""Known dates of the moments whose rule is more than a month and a day, for several years."""

from datetime import date

from core.planning.moment_rules import attente_ete_be, attente_hiver_be, rentree_fwb, soldes_ete_be, soldes_hiver_be
from core.planning.moments import fete_meres_fr, moment_date, moments_for


def test_belgian_winter_sales_start_on_the_2nd_when_the_3rd_of_january_is_a_sunday():
    assert [soldes_hiver_be(y) for y in (2021, 2026, 2027)] == [
        (date(2021, 1, 2), date(2021, 1, 31)),  # 3 January 2021 was a Sunday
        (date(2026, 1, 3), date(2026, 1, 31)),
        (date(2027, 1, 2), date(2027, 1, 31)),
    ]


def test_belgian_summer_sales_start_on_30_june_when_1_july_is_a_sunday():
    assert [soldes_ete_be(y) for y in (2018, 2026, 2029)] == [
        (date(2018, 6, 30), date(2018, 7, 31)),
        (date(2026, 7, 1), date(2026, 7, 31)),
        (date(2029, 6, 30), date(2029, 7, 31)),
    ]


def test_the_belgian_waiting_periods_are_the_month_before_each_sales_period():
    assert [attente_hiver_be(y) for y in (2025, 2026)] == [
        (date(2025, 12, 3), date(2026, 1, 2)),
        (date(2026, 12, 2), date(2027, 1, 1)),  # the 2027 sales start on 2 January
    ]
    assert [attente_ete_be(y) for y in (2027, 2029)] == [
        (date(2027, 6, 1), date(2027, 6, 30)),
        (date(2029, 5, 31), date(2029, 6, 29)),
    ]


def test_a_belgian_fashion_calendar_shows_the_sales_and_the_waiting_period_with_their_lengths():
    found = [(m.key, m.start, m.end) for m in moments_for("BE", date(2027, 6, 1), date(2027, 7, 31))
             if m.key in ("attente_ete_be", "soldes_ete_be")]
    assert found == [("attente_ete_be", date(2027, 6, 1), date(2027, 6, 30)),
                     ("soldes_ete_be", date(2027, 7, 1), date(2027, 7, 31))]


def test_wallonia_brussels_schools_go_back_on_the_last_monday_of_august_since_2022():
    assert [rentree_fwb(y) for y in (2022, 2025, 2026, 2027)] == [
        date(2022, 8, 29), date(2025, 8, 25), date(2026, 8, 31), date(2027, 8, 30)]


def test_wallonia_brussels_schools_went_back_on_the_first_weekday_of_september_before_2022():
    assert [rentree_fwb(y) for y in (2018, 2019, 2021)] == [date(2018, 9, 3), date(2019, 9, 2), date(2021, 9, 1)]


def test_a_belgian_brand_gets_the_wallonia_brussels_rentree_and_not_the_french_one():
    found = [(m.key, m.start) for m in moments_for("BE", date(2027, 8, 1), date(2027, 9, 30))
             if m.key in ("rentree", "rentree_be")]
    assert found == [("rentree_be", date(2027, 8, 30))]


def test_giving_tuesday_is_the_tuesday_after_us_thanksgiving():
    assert [moment_date("giving_tuesday", y) for y in (2024, 2025, 2026, 2027)] == [
        date(2024, 12, 3), date(2025, 12, 2), date(2026, 12, 1), date(2027, 11, 30)]


def test_giving_tuesday_is_listed_once_for_a_french_charity():
    found = [(m.key, m.start, m.weight) for m in moments_for("FR", date(2027, 11, 1), date(2027, 12, 31),
                                                            sector="association") if "giving" in m.key]
    assert found == [("giving_tuesday", date(2027, 11, 30), 3)]


def test_journees_du_patrimoine_are_the_third_weekend_of_september():
    found = {y: [(m.start, m.end) for m in moments_for("FR", date(y, 9, 1), date(y, 9, 30), sector="culture")
                 if m.key == "journees_patrimoine"] for y in (2018, 2024, 2025, 2026)}
    assert found == {2018: [(date(2018, 9, 15), date(2018, 9, 16))], 2024: [(date(2024, 9, 21), date(2024, 9, 22))],
                     2025: [(date(2025, 9, 20), date(2025, 9, 21))], 2026: [(date(2026, 9, 19), date(2026, 9, 20))]}


def test_an_english_brand_gets_easter_monday_and_the_summer_bank_holiday():
    found = [(m.start, m.label_en) for m in moments_for("GB", date(2027, 3, 1), date(2027, 8, 31)) if m.kind == "holiday"]
    assert found == [(date(2027, 3, 26), "Good Friday"), (date(2027, 3, 29), "Easter Monday"),
                     (date(2027, 5, 3), "May Day"), (date(2027, 5, 31), "Spring Bank Holiday"),
                     (date(2027, 8, 30), "Late Summer Bank Holiday")]


def test_mothering_sunday_is_three_weeks_before_easter():
    assert [moment_date("mothering_sunday", y) for y in (2025, 2026, 2027)] == [
        date(2025, 3, 30), date(2026, 3, 15), date(2027, 3, 7)]


def test_fete_des_meres_2034_moves_to_4_june_because_pentecost_is_on_28_may():
    assert [fete_meres_fr(y) for y in (2033, 2034, 2035)] == [date(2033, 5, 29), date(2034, 6, 4), date(2035, 5, 27)]
