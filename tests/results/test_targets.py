from datetime import date

from alembic import command
from sqlalchemy import text

from core import db
from core.results.targets import Target, parse_kpi

DECEMBER = date(2026, 12, 1)


def test_a_growth_of_instagram_followers_by_june_ends_on_the_next_thirtieth_of_june():
    assert parse_kpi("+20 % d'abonnés Instagram d'ici juin", today=DECEMBER) == Target(
        "followers", "instagram", 20.0, "growth", date(2026, 12, 1), date(2027, 6, 30), None)


def test_visits_a_month_on_the_site_are_clicks_to_the_site_on_every_network():
    assert parse_kpi("1 000 visites par mois sur le site", today=DECEMBER) == Target(
        "site_visits", "", 1000.0, "per_month", None, None, None)


def test_a_period_between_two_months_takes_their_next_occurrence_whole():
    assert parse_kpi("300 ventes de la collection « Robes d'été » entre mars et juillet", today=DECEMBER) == Target(
        "sales", "", 300.0, "total", date(2027, 3, 1), date(2027, 7, 31), None)


def test_a_rate_in_percent_is_stored_as_a_fraction():
    assert parse_kpi("Taux d'ouverture de la newsletter ≥ 35 %", today=DECEMBER) == Target(
        "open_rate", "", 0.35, "rate", None, None, None)
    assert parse_kpi("Taux d’engagement de 4,5 % sur LinkedIn en 2027", today=DECEMBER) == Target(
        "engagement_rate", "linkedin", 0.045, "rate", date(2027, 1, 1), date(2027, 12, 31), None)


def test_going_from_one_figure_to_another_is_a_growth_with_its_baseline():
    assert parse_kpi("Passer de 5 000 à 6 500 abonnés TikTok d'ici fin 2027", today=DECEMBER) == Target(
        "followers", "tiktok", 30.0, "growth", date(2026, 12, 1), date(2027, 12, 31), 5000.0)
    assert parse_kpi("+15 % de couverture Facebook (base 12 000) d'ici 6 mois", today=DECEMBER) == Target(
        "reach", "facebook", 15.0, "growth", date(2026, 12, 1), date(2027, 5, 31), 12000.0)


def test_thousands_written_with_k_and_a_month_already_begun_stay_this_year():
    assert parse_kpi("10k vues par mois sur TikTok", today=DECEMBER) == Target(
        "views", "tiktok", 10000.0, "per_month", None, None, None)
    assert parse_kpi("50 candidatures d'ici fin décembre", today=DECEMBER).period_end == date(2026, 12, 31)


def test_words_without_a_figure_or_a_known_measure_give_no_target():
    assert [parse_kpi(k, today=DECEMBER) for k in (
        "Être reconnue comme la référence du lin à Lyon", "Taux d'engagement en hausse", "", "-10 % de commentaires",
        "Gagner 200 ❤️")] == [None, None, None, None, None]


def test_the_upgrade_gives_todays_kpis_their_targets_and_keeps_the_text_of_those_that_do_not_parse(engine):
    cfg = db.alembic_config(engine)
    command.downgrade(cfg, "0006")
    with engine.begin() as conn:
        conn.execute(text(
            "insert into brand (name, sector, sector_other, country, timezone, languages, address, tone, emojis,"
            " words_to_avoid, hours_per_week, brand_hashtag, archived, created_at, updated_at, plan_settings) values"
            " ('Maison Lila', 'mode', '', 'FR', 'Europe/Paris', '[\"fr\"]', 'vous', 'courant', true, '[]', 14,"
            " '', false, '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00', '{}')"))
        brand_id = conn.execute(text("select id from brand")).scalar()
        for kpi in ("1 000 visites par mois sur le site", "Être la référence du lin"):
            conn.execute(text("insert into objective (brand_id, kind, priority, kpi) values (:b, 'trafic', 1, :k)"),
                         {"b": brand_id, "k": kpi})
    db.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("select kpi, metric, network, target, target_unit from objective order by id")).all()
    assert [tuple(r) for r in rows] == [("1 000 visites par mois sur le site", "site_visits", "", 1000.0, "per_month"),
                                        ("Être la référence du lin", "", "", None, "")]
