"""A sector's collection campaign starts with the brand's own selling season: a sales target's
period or the months a product is in season (core.planning.moment_prefs.sales_starts)."""

import copy
import tomllib
from datetime import date

from core.planning import moment_prefs, moments
from core.planning.planner import plan_brief
from tests.conftest import ROOT


def lila() -> dict:
    return tomllib.loads((ROOT / "data/demo/brief.toml").read_text(encoding="utf-8"))


def _collection(brief, key="collection_ete"):
    found = moment_prefs.apply(moments.moments_for("FR", date(2027, 1, 1), date(2027, 12, 31), sector="mode"),
                               brief, date(2027, 1, 1), date(2027, 12, 31))
    return next(m for m in found if m.key == key)


def test_maison_lila_sells_its_summer_dresses_from_1_march_2027():
    # « 300 ventes de la collection « Robes d'été » entre mars et juillet », robe Lila in season March to August
    assert date(2027, 3, 1) in moment_prefs.sales_starts(lila(), date(2027, 1, 1), date(2027, 12, 31))
    summer = _collection(lila())
    assert (summer.start, summer.end) == (date(2027, 3, 1), date(2027, 6, 13))


def test_the_summer_collection_is_launched_in_march_not_on_15_april():
    posts = plan_brief(lila(), date(2027, 1, 1), 6, seed=0, score=False, options={"grammar": False}).posts
    summer = [(p["date"], p["phase"]) for p in posts if p["event"] == "collection_ete"]
    launches = [d for d, phase in summer if phase == "launch"]
    assert launches and all("2027-03-01" <= d <= "2027-03-07" for d in launches)
    assert all(d < "2027-03-01" for d, phase in summer if phase == "teasing")


def test_without_a_season_of_its_own_the_collection_keeps_the_sectors_date():
    brief = copy.deepcopy(lila())
    for objective in brief["objectives"]:
        objective["kpi"] = "300 ventes en 2027"  # a year's target is no season
    for offer in brief["offers"]:
        offer["months"] = []
    assert _collection(brief).start == date(2027, 4, 15)
    assert _collection(brief, "collection_hiver").start == date(2027, 9, 15)


def test_a_season_far_ahead_of_the_sectors_date_moves_nothing():
    brief = copy.deepcopy(lila())
    brief["objectives"] = [{"kind": "conversion", "priority": 1, "kpi": "200 ventes entre janvier et mars"}]
    for offer in brief["offers"]:
        offer["months"] = []
    assert _collection(brief).start == date(2027, 4, 15)


def test_a_stored_objective_period_is_read_before_its_words():
    brief = copy.deepcopy(lila())
    brief["objectives"] = [{"kind": "conversion", "priority": 1, "kpi": "300 ventes", "metric": "sales",
                            "period_start": "2027-03-15", "period_end": "2027-07-31"}]
    for offer in brief["offers"]:
        offer["months"] = []
    assert _collection(brief).start == date(2027, 3, 15)
