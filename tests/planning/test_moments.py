"""Date rules of core.planning.moments against known dates."""

from datetime import date

from core.planning import moments
from core.planning.moments import fete_meres_fr, moment_date, moments_for, phases, season_start, soldes_ete, soldes_hiver


def test_fete_des_meres_is_the_last_sunday_of_may():
    assert fete_meres_fr(2024) == date(2024, 5, 26)
    assert fete_meres_fr(2027) == date(2027, 5, 30)


def test_fete_des_meres_moves_to_june_when_pentecost_takes_the_last_sunday_of_may():
    assert fete_meres_fr(2034) == date(2034, 6, 4)
    assert fete_meres_fr(2013) == date(2013, 5, 26)  # Pentecost 19 May 2013: no move


def test_soldes_d_hiver_2026_started_on_the_first_wednesday_because_the_second_fell_after_the_12th():
    assert soldes_hiver(2026) == date(2026, 1, 7)


def test_soldes_d_hiver_2025_started_on_the_second_wednesday():
    assert soldes_hiver(2025) == date(2025, 1, 8)


def test_soldes_d_ete_2025_started_on_the_last_wednesday_of_june():
    assert soldes_ete(2025) == date(2025, 6, 25)
    assert soldes_ete(2026) == date(2026, 6, 24)


def test_soldes_d_ete_move_to_the_fourth_wednesday_when_the_last_is_after_the_28th():
    assert soldes_ete(2022) == date(2022, 6, 22)  # last Wednesday 29 June 2022


def test_commercial_and_cultural_moments_of_2026():
    assert {key: moment_date(key, 2026) for key in (
        "epiphanie", "chandeleur", "saint_valentin", "fete_grands_meres", "poisson_avril",
        "fete_peres", "fete_musique", "quatorze_juillet", "rentree", "halloween", "beaujolais",
        "black_friday", "cyber_monday", "noel", "nouvel_an", "octobre_rose", "movember", "dry_january",
    )} == {
        "epiphanie": date(2026, 1, 6), "chandeleur": date(2026, 2, 2),
        "saint_valentin": date(2026, 2, 14), "fete_grands_meres": date(2026, 3, 1),
        "poisson_avril": date(2026, 4, 1), "fete_peres": date(2026, 6, 21),
        "fete_musique": date(2026, 6, 21), "quatorze_juillet": date(2026, 7, 14),
        "rentree": date(2026, 9, 1), "halloween": date(2026, 10, 31),
        "beaujolais": date(2026, 11, 19), "black_friday": date(2026, 11, 27),
        "cyber_monday": date(2026, 11, 30), "noel": date(2026, 12, 25),
        "nouvel_an": date(2026, 12, 31), "octobre_rose": date(2026, 10, 1),
        "movember": date(2026, 11, 1), "dry_january": date(2026, 1, 1),
    }


def test_rentree_scolaire_is_the_first_monday_to_thursday_of_september():
    assert [moment_date("rentree", y) for y in (2023, 2024, 2025)] == [
        date(2023, 9, 4), date(2024, 9, 2), date(2025, 9, 1)]


def test_equinoxes_and_solstices_of_2024_and_2025():
    assert [season_start(2024, s) for s in range(4)] == [
        date(2024, 3, 20), date(2024, 6, 20), date(2024, 9, 22), date(2024, 12, 21)]
    assert [season_start(2025, s) for s in range(4)] == [
        date(2025, 3, 20), date(2025, 6, 21), date(2025, 9, 22), date(2025, 12, 21)]


def test_french_public_holidays_come_with_their_french_names():
    found = moments_for("FR", date(2026, 5, 1), date(2026, 5, 31), sector="mode")
    holidays = [(m.start, m.label_fr) for m in found if m.kind == "holiday"]
    assert holidays == [
        (date(2026, 5, 1), "Fête du Travail"), (date(2026, 5, 8), "Fête de la Victoire"),
        (date(2026, 5, 14), "Ascension"), (date(2026, 5, 25), "Lundi de Pentecôte"),
    ]


def test_each_country_gets_its_own_mothers_day():
    def mothers(country):
        return [(m.key, m.start) for m in moments_for(country, date(2026, 3, 1), date(2026, 6, 30))
                if m.key.startswith(("fete_meres", "mothering"))]

    assert mothers("FR") == [("fete_meres", date(2026, 5, 31))]
    assert mothers("BE") == [("fete_meres_be", date(2026, 5, 10))]
    assert mothers("GB") == [("mothering_sunday", date(2026, 3, 15))]


def test_quebec_gets_its_holidays_and_no_french_sales():
    found = moments_for("CA", date(2026, 6, 1), date(2026, 7, 31))
    labels = [m.label_fr for m in found if m.kind == "holiday"]
    assert labels == ["Fête nationale du Québec", "Fête du Canada"]
    assert not [m for m in found if m.key.startswith("soldes")]


def test_a_country_without_data_gets_the_shared_moments_and_no_holidays():
    found = moments_for("ZZ", date(2026, 2, 1), date(2026, 2, 28))
    assert [(m.key, m.start) for m in found if m.weight >= 1] == [
        ("saint_valentin", date(2026, 2, 14)), ("nouvel_an_lunaire", date(2026, 2, 17))]
    assert not [m for m in found if m.kind == "holiday"]


def test_the_fashion_profile_adds_the_summer_collection_with_five_weeks_of_lead_time():
    found = {m.key: m for m in moments_for("FR", date(2027, 4, 1), date(2027, 4, 30), sector="mode")}
    summer = found["collection_ete"]
    assert (summer.start, summer.weight, summer.lead_weeks) == (date(2027, 4, 15), 3, 5)
    assert [(p.phase, p.target) for p in phases(summer)] == [
        ("teasing", date(2027, 3, 11)), ("launch", date(2027, 4, 15)), ("reminder", date(2027, 5, 15))]


def test_soldes_d_ete_2027_start_on_the_fourth_wednesday_because_the_last_falls_on_the_30th():
    assert soldes_ete(2027) == date(2027, 6, 23)


def test_fashion_summer_sales_are_recalled_in_their_middle_while_they_run():
    sales = {m.key: m for m in moments_for("FR", date(2027, 6, 1), date(2027, 6, 30), sector="mode")}["soldes_ete"]
    assert (sales.start, sales.end) == (date(2027, 6, 23), date(2027, 7, 20))
    assert [(p.phase, p.target) for p in phases(sales)] == [
        ("teasing", date(2027, 6, 9)), ("launch", date(2027, 6, 23)), ("reminder", date(2027, 7, 7))]


def test_a_one_day_moment_is_teased_again_three_days_before_instead_of_recalled():
    mothers = {m.key: m for m in moments_for("FR", date(2027, 5, 1), date(2027, 5, 31), sector="mode")}["fete_meres"]
    assert [(p.phase, p.target) for p in phases(mothers)] == [
        ("teasing", date(2027, 5, 2)), ("launch", date(2027, 5, 30)), ("teasing", date(2027, 5, 27))]


def test_a_moment_of_weight_two_gets_only_a_launch_post():
    found = {m.key: m for m in moments_for("FR", date(2027, 2, 1), date(2027, 2, 28), sector="mode")}
    assert [(p.phase, p.target) for p in phases(found["saint_valentin"])] == [("launch", date(2027, 2, 14))]


def test_a_leap_day_rule_falls_back_to_the_28th_in_common_years():
    spec = {"rule": "fixed", "month": 2, "day": 29}
    assert moments._rule_date("x", spec, 2027, {}) == date(2027, 2, 28)
    assert moments._rule_date("x", spec, 2028, {}) == date(2028, 2, 29)
