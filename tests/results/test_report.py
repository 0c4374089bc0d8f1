import math
from datetime import date

import pytest

from core import db
from core.brands import create_brand, get_brand
from core.models import Objective
from core.posts import create_post
from core.results.measures import engagement
from core.results.report import ReportError, build_report, shrink
from core.results.store import Source, import_exports
from tests.results import year
from tests.results.test_store import ONE_OF_EACH, PARIS, PLAN, run

YEAR = (date(2027, 1, 1), date(2027, 12, 31))


@pytest.fixture(scope="module")
def year_db(tmp_path_factory):
    """A brand's year: 300 planned posts on six networks and the six exports of what they did."""
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('year') / 'calame.db'}")
    db.upgrade(engine)
    posts = year.plan(300)
    with db.transaction(engine) as s:
        brand_id = year.load_brand(s, posts)
    with db.transaction(engine) as s:
        result = import_exports(get_brand(brand_id, session=s), [
            Source(name, data, date(2028, 1, 10)) for name, data in year.exports(posts).items()], session=s)
    assert result.errors == []
    yield engine, brand_id
    engine.dispose()


def report(engine, brand_id, start=YEAR[0], end=YEAR[1], lang="fr"):
    with db.transaction(engine) as s:
        return build_report(brand_id, start, end, session=s, lang=lang)


def test_each_network_has_one_formula_and_its_denominator_is_named():
    assert engagement("facebook", {"reactions": 142, "comments": 31, "shares": 14, "reach": 3204}) == (
        187 / 3204, 187, 3204)
    assert engagement("facebook", {"interactions": 187, "reach": 3204})[0] == 187 / 3204
    assert engagement("instagram", {"likes": 534, "comments": 28, "shares": 41, "saves": 77, "reach": 6912})[0] == 680 / 6912
    assert engagement("linkedin", {"engagement_rate": 0.0802, "impressions": 3406})[0] == 0.0802
    assert engagement("x", {"engagements": 61, "impressions": 2140})[0] == 61 / 2140
    assert engagement("tiktok", {"likes": 1200, "comments": 48, "shares": 96, "saves": 210, "views": 18400})[0] == 1554 / 18400


def test_a_post_without_its_denominator_has_no_rate_rather_than_a_rate_of_zero():
    assert engagement("youtube", {"likes": 12, "comments": 3}) == (None, None, None)
    assert engagement("facebook", {"reactions": 12, "reach": 0})[0] is None
    assert engagement("pinterest", {"likes": 3, "views": 10}) == (None, None, None)


def test_five_lucky_posts_are_pulled_back_towards_the_usual_and_two_are_not_enough_evidence():
    lifts = {"lucky": [math.log(2.0)] * 5, "usual": [0.0, 0.1, -0.1, 0.05, -0.05] * 8, "two": [1.0, 1.2]}
    shrunk = shrink(lifts, sigma2=0.25)
    value, low, high = shrunk["lucky"]
    assert 0 < value < 1.0 and low < value < high  # +100 % raw, less once shrunk
    assert shrunk["two"][1:] == (None, None)


def test_the_pillar_built_to_do_better_is_found_above_and_the_weakest_below(year_db):
    data = report(*year_db).to_dict()
    assert [(g["label"], g["evidence"]) for g in data["by"]["pillar"]] == [
        ("Coulisses de l'atelier", "above"), ("Conseils de style", "unclear"), ("Promotions", "below")]
    assert sum(g["posts"] for g in data["by"]["pillar"]) == data["posts"]
    assert all(len(g["interval"]) == 2 and g["interval"][0] < g["value"] < g["interval"][1]
               for g in data["by"]["pillar"])


def test_every_breakdown_counts_every_post_once_and_says_preuve_insuffisante_for_a_small_group(year_db):
    engine, brand_id = year_db
    data = report(engine, brand_id, date(2027, 3, 1), date(2027, 3, 10)).to_dict()
    for dimension, rows in data["by"].items():
        assert sum(r["posts"] for r in rows) == data["posts"], dimension
    small = [r for rows in data["by"].values() for r in rows if r["posts"] < 3]
    assert small and all(r["interval"] is None and r["evidence"] == "insufficient" for r in small)


def test_best_times_find_the_weekday_lunch_break_and_say_what_the_data_can_detect(year_db):
    best = report(*year_db, lang="en").to_dict()["best_times"]
    assert (best["cells"][0]["key"], best["cells"][0]["label"], best["cells"][0]["evidence"]) == (
        "midi|semaine", "Lunchtime (11 am – 2 pm), on weekdays", "above")
    assert best["personas_dayparts"] == ["midi", "soir"]
    assert 0.05 < best["detectable_effect"] < 1.0


def test_the_mix_compares_each_pillars_target_with_what_was_planned_and_published(year_db):
    mix = report(*year_db).to_dict()["mix"]["pillar"]
    assert [(m["label"], m["target"]) for m in mix] == [
        ("Coulisses de l'atelier", 40.0), ("Conseils de style", 35.0), ("Promotions", 25.0)]
    assert round(sum(m["planned"] for m in mix)) == 100 and round(sum(m["actual"] for m in mix)) == 100


def test_the_top_and_bottom_posts_are_the_extremes_of_the_period(year_db):
    r = report(*year_db)
    data = r.to_dict()
    lifts = sorted(math.expm1(p.lift) for p in r.posts if p.lift is not None)
    assert [p["lift"] for p in data["top"]] == [round(x, 4) for x in lifts[::-1][:3]]
    assert [p["lift"] for p in data["bottom"]] == [round(x, 4) for x in lifts[:3]]


def test_each_objective_is_measured_against_its_target_so_far_with_a_status(engine):
    with db.transaction(engine) as s:
        brand = create_brand("Atelier Lila", session=s, timezone="Europe/Paris")
        for network, when, text in PLAN:
            create_post(brand.id, session=s, network=network, publish_at=when.replace(tzinfo=PARIS), text=text)
        for kind, kpi in (("notoriete", "+10 % d'abonnés Instagram (base 500) d'ici fin mars 2027"),
                          ("conversion", "300 ventes entre mars et juillet"),
                          ("engagement", "Taux d'engagement de 8 % sur LinkedIn"),
                          ("trafic", "1 000 clics par mois vers le site"),
                          ("notoriete", "+5 % d'abonnés TikTok"),
                          ("e_reputation", "Être la référence du lin")):
            s.add(Objective(brand_id=brand.id, kind=kind, kpi=kpi))
        brand_id = brand.id
    run(engine, brand_id, ONE_OF_EACH)
    rows = report(engine, brand_id, date(2027, 3, 1), date(2027, 3, 31)).to_dict()["objectives"]
    assert [(r["metric"], r["network"], r["unit"], r["target"], r["actual"], r["posts"], r["status"]) for r in rows] == [
        ("followers", "instagram", "growth", 10.0, 13.2, 3, "green"),  # 12 + 3 + 51 new followers of 500
        ("sales", "", "total", 300.0, None, 0, "not_measured"),
        ("engagement_rate", "linkedin", "rate", 0.08, 0.0928, 2, "green"),  # (8.02 % + 10.54 %) / 2
        ("site_visits", "", "per_month", 1000.0, 60.0, 3, "red"),  # link clicks 41 + 11 + 8
        ("followers", "tiktok", "growth", 5.0, None, 0, "no_baseline"),
        ("", "", "", None, None, 0, "no_target")]


def test_a_period_that_ends_before_it_starts_is_refused_with_both_days(year_db):
    with pytest.raises(ReportError) as info:
        report(*year_db, date(2027, 3, 31), date(2027, 3, 1))
    assert info.value.message("fr") == ("La période du 2027-03-31 au 2027-03-01 finit avant de commencer\u00a0: "
                                        "donnez --from avant --to.")


def test_personas_and_moments_are_broken_down_by_their_names(year_db):
    by = report(*year_db).to_dict()["by"]
    assert sorted(g["label"] for g in by["persona"]) == ["Camille, citadine active", "Hélène, fidèle de la boutique"]
    assert sorted((g["label"], g["posts"] >= 3) for g in by["moment"]) == [("Fête des mères", True),
                                                                          ("Sans temps fort", True)]
