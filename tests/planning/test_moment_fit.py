"""A moment goes only to the brands it fits: an awareness day to the brands whose sector or
causes it names (data/moment_tags.toml fit_kinds, data/sectors.toml causes), Singles' Day
only to a brand that follows it (it falls on Armistice Day); whole plans of the review briefs."""

import copy
import tomllib
from collections import Counter
from datetime import date

import pytest

from core.planning import moment_prefs, moments
from core.planning.planner import plan_brief
from tests.conftest import ROOT

BRIEFS = {path.stem: path for path in sorted((ROOT / "tests/data/briefs").glob("*.toml"))} | {
    "demo_mode": ROOT / "data/demo/brief.toml"}


def _brief(name: str) -> dict:
    return tomllib.loads(BRIEFS[name].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plans():
    return {name: Counter(p["event"] for p in plan_brief(_brief(name), date(2027, 1, 1), 12, seed=0, score=False,
                                                           options={"grammar": False}).posts if p["event"])
            for name in BRIEFS}


def test_the_review_briefs_and_the_demo_are_eight_and_one(plans):
    assert len(plans) == 9


def test_every_awareness_post_of_every_plan_is_for_a_brand_its_tags_name(plans):
    table = moments.moment_table()
    for name, events in plans.items():
        brief = _brief(name)
        sector = brief["brand"]["sector"]
        named = moments.sector_profile(sector).get("weights", {})
        for key in events:
            spec = table.get(key, {})
            if spec.get("kind") == "awareness" and key not in named:
                assert (moments.sector_tags(sector) & set(spec["tags"])
                        or moment_prefs.names_a_cause(spec["tags"], moment_prefs.brand_text(brief))), (name, key)


def test_a_linen_clothing_brand_gets_no_dry_january_movember_nor_singles_day(plans):
    events = plans["demo_mode"]
    assert [k for k in ("dry_january", "movember", "singles_day", "journee_femmes", "giving_tuesday") if events[k]] == []
    assert events["soldes_hiver"] and events["fete_meres"] and events["noel"] and events["octobre_rose"]


def test_an_english_shop_gets_no_singles_day_on_remembrance_day_unless_it_follows_it(plans):
    assert not plans["homeware_uk"]["singles_day"] and plans["homeware_uk"]["black_friday"]
    brief = copy.deepcopy(_brief("homeware_uk"))
    brief["moments"] = {"follow": ["singles_day"]}
    posts = plan_brief(brief, date(2027, 10, 1), 2, seed=0, score=False, options={"grammar": False}).posts
    days = [date.fromisoformat(p["date"]) for p in posts if p["event"] == "singles_day"]
    assert days and all(date(2027, 9, 27) <= d <= date(2027, 11, 11) for d in days)  # its Pin, then the day


def test_the_moments_that_fit_stay(plans):
    assert all(plans["association_france"][k] for k in ("dry_january", "giving_tuesday", "journee_sans_abri",
                                                        "journee_refus_misere", "journee_benevolat"))
    assert plans["restaurant_quebec"]["dry_january"] and plans["restaurant_quebec"]["journee_alimentation"]
    assert plans["beauty_quebec"]["octobre_rose"] and plans["beauty_quebec"]["movember"]
    assert plans["b2b_belgique"]["mois_cybersecurite"]


def test_no_awareness_day_for_the_brands_whose_sector_names_none(plans):
    for name in ("crafts_france", "b2b_belgique", "hospitality_suisse", "culture_belgique", "homeware_uk"):
        assert not plans[name]["dry_january"] and not plans[name]["movember"] and not plans[name]["octobre_rose"], name


def test_the_year_list_of_a_sector_shows_only_the_awareness_days_it_fits():
    def keys(sector):
        return {m.key for m in moments.year_moments("FR", 2027, sector=sector)}
    assert "dry_january" not in keys("mode") and "dry_january" not in keys("autre")
    assert "dry_january" in keys("sport") and "dry_january" in keys("restauration")
    assert "singles_day" not in keys("ecommerce")
    # a country's whole calendar, without a sector, still lists them
    assert {"dry_january", "octobre_rose", "journee_femmes"} <= keys(None)


def test_a_brand_that_follows_a_cause_gets_its_awareness_days_back():
    brief = copy.deepcopy(_brief("demo_mode"))
    brief["moments"] = {"follow": ["sante"]}
    posts = plan_brief(brief, date(2027, 1, 1), 1, seed=0, score=False, options={"grammar": False}).posts
    assert {p["event"] for p in posts} >= {"dry_january"}


def test_a_brand_of_no_listed_sector_keeps_the_calendar_its_description_names():
    """A florist of sector « autre » gets a shop's gift days, not an empty year."""
    from core.planning.moment_prefs import calendar_sector

    florist = {"brand": {"sector": "autre", "sector_other": "fleuriste à Bordeaux, mariages et ateliers"},
               "channels": [{"network": "instagram"}, {"network": "pinterest"}]}
    assert calendar_sector(florist) == "ecommerce"
    assert calendar_sector({"brand": {"sector": "autre", "sector_other": ""}, "channels": []}) == "autre"
    assert calendar_sector({"brand": {"sector": "autre", "sector_other": "fleuriste"},
                            "channels": [{"network": "linkedin"}]}) == "b2b_saas"
