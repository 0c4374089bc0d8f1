"""The library of moments: its size, its vocabulary, and every rule resolving in every year."""

from datetime import date

import pytest

from core import refdata
from core.planning import moments
from core.planning.moment_rules import aid_el_fitr, aid_el_kebir, hanukkah, lunar_new_year, ramadan, rosh_hashanah, super_bowl
from core.planning.moments import moment_date, moments_for

KINDS = {"commercial", "cultural", "sport", "awareness", "professional", "school", "season"}
TABLE = moments.moment_table()


def test_the_library_holds_at_least_150_moments():
    assert len(TABLE) >= 150


def test_every_moment_has_a_known_kind_known_countries_tags_a_lead_time_and_a_source():
    tags = set(refdata.SECTORS) | set(refdata.entries("moment_tags.toml"))
    countries = set(refdata.COUNTRIES) | {"*"}
    wrong = [key for key, spec in TABLE.items()
             if spec.get("kind") not in KINDS or not set(spec.get("countries", ["*"])) <= countries
             or not spec.get("tags") or not set(spec["tags"]) <= tags
             or not isinstance(spec.get("lead_weeks"), int) or not spec.get("source", "").strip()
             or not spec.get("fr") or not spec.get("en")]
    assert wrong == []


def test_every_supported_country_has_moments_of_every_kind_it_needs():
    for country in ("FR", "BE", "CH", "CA", "GB", "US"):
        kinds = {m.kind for m in moments_for(country, date(2027, 1, 1), date(2027, 12, 31))}
        assert {"commercial", "cultural", "awareness", "professional", "holiday"} <= kinds, country


@pytest.mark.parametrize("year", range(2000, 2101))
def test_every_moment_resolves_inside_its_year_from_2000_to_2100(year):
    spans = moments._year_spans(year)
    outside = {key: start for key, (start, length) in spans.items() if start.year != year or length < 1}
    assert outside == {}
    for country in refdata.COUNTRIES:
        found = moments_for(country, date(year, 1, 1), date(year, 12, 31))
        assert all(m.start.year == year and m.end >= m.start for m in found)


def test_lunar_new_year_of_2025_to_2027():
    assert [lunar_new_year(y) for y in (2025, 2026, 2027, 2100)] == [
        date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6), date(2100, 2, 9)]


def test_ramadan_and_the_eids_follow_the_umm_al_qura_calendar():
    assert ramadan(2025) == (date(2025, 3, 1), date(2025, 3, 29))
    assert ramadan(2026) == (date(2026, 2, 18), date(2026, 3, 19))
    assert [aid_el_fitr(y) for y in (2025, 2026)] == [date(2025, 3, 30), date(2026, 3, 20)]
    assert [aid_el_kebir(y) for y in (2025, 2026)] == [date(2025, 6, 6), date(2026, 5, 27)]


def test_a_year_with_two_ramadans_gives_the_first():
    assert ramadan(2030)[0] == date(2030, 1, 5)


def test_islamic_dates_past_the_umm_al_qura_tables_come_from_the_tabular_calendar():
    assert aid_el_fitr(2078) == date(2078, 8, 10)


def test_jewish_feasts_by_the_hebrew_calendar():
    assert [rosh_hashanah(y) for y in (2025, 2026)] == [date(2025, 9, 23), date(2026, 9, 12)]
    assert hanukkah(2025) == (date(2025, 12, 15), date(2025, 12, 22))


def test_sport_events_of_2024_to_2026():
    assert [super_bowl(y) for y in (2021, 2024, 2025, 2026)] == [
        date(2021, 2, 7), date(2024, 2, 11), date(2025, 2, 9), date(2026, 2, 8)]
    assert [moment_date("roland_garros", y) for y in (2023, 2024, 2025, 2026)] == [
        date(2023, 5, 28), date(2024, 5, 26), date(2025, 5, 25), date(2026, 5, 24)]
    assert [moment_date("wimbledon", y) for y in (2023, 2024, 2025, 2026)] == [
        date(2023, 7, 3), date(2024, 7, 1), date(2025, 6, 30), date(2026, 6, 29)]


def test_french_school_holidays_of_2024_to_2026_start_on_the_published_saturdays():
    assert {key: [moment_date(key, y) for y in (2024, 2025, 2026)] for key in (
        "vacances_hiver_fr", "vacances_printemps_fr", "vacances_ete_fr", "vacances_toussaint_fr", "vacances_noel_fr")} == {
        "vacances_hiver_fr": [date(2024, 2, 10), date(2025, 2, 8), date(2026, 2, 7)],
        "vacances_printemps_fr": [date(2024, 4, 6), date(2025, 4, 5), date(2026, 4, 4)],
        "vacances_ete_fr": [date(2024, 7, 6), date(2025, 7, 5), date(2026, 7, 4)],
        "vacances_toussaint_fr": [date(2024, 10, 19), date(2025, 10, 18), date(2026, 10, 17)],
        "vacances_noel_fr": [date(2024, 12, 21), date(2025, 12, 20), date(2026, 12, 19)],
    }


def test_oktoberfest_opens_on_the_saturday_after_15_september():
    assert [moment_date("oktoberfest", y) for y in (2023, 2024, 2025)] == [
        date(2023, 9, 16), date(2024, 9, 21), date(2025, 9, 20)]


def test_a_charity_gets_a_post_on_the_days_of_homelessness_poverty_and_volunteering():
    found = {m.key: m.weight for m in moments_for("FR", date(2027, 10, 1), date(2027, 12, 31), sector="association")}
    assert (found["journee_sans_abri"], found["journee_refus_misere"], found["journee_benevolat"]) == (2, 2, 2)


def test_a_fashion_brand_is_not_given_the_awareness_days_of_other_causes():
    found = {m.key: m.weight for m in moments_for("FR", date(2027, 10, 1), date(2027, 12, 31), sector="mode")}
    assert (found["journee_sans_abri"], found["journee_diabete"], found["black_friday"]) == (0, 0, 3)


def test_a_belgian_brand_gets_the_saint_nicolas_and_luxembourg_its_own_mothers_day():
    assert [m.start for m in moments_for("BE", date(2027, 12, 1), date(2027, 12, 31)) if m.key == "saint_nicolas"] == [date(2027, 12, 6)]
    assert [(m.key, m.start) for m in moments_for("LU", date(2027, 5, 1), date(2027, 6, 30))
            if m.key.startswith("fete_meres")] == [("fete_meres_lu", date(2027, 6, 13))]


def test_an_english_brand_goes_back_to_school_in_september_not_in_august():
    assert [(m.key, m.start) for m in moments_for("GB", date(2027, 8, 1), date(2027, 9, 30))
            if "back_to_school" in m.key] == [("back_to_school_uk", date(2027, 9, 2))]
