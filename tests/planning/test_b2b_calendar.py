"""A brand of no known sector that speaks to businesses keeps the B2B week and its quiet
periods (core.planning.moment_prefs.calendar_sector); a brief's own publishing days are
honoured exactly."""

import copy
import tomllib
from collections import Counter
from datetime import date

import pytest

from core.planning import moment_prefs
from core.planning.planner import plan_brief
from tests.conftest import ROOT

OFFER = {"name": "audit de cybersécurité", "kind": "service", "gender": "m", "description": "un audit des accès et des sauvegardes"}


def consulting(channels, kpi="Notoriété auprès des DAF", publishing_days=None):
    brief = {"brand": {"name": "Atelier Conseil", "sector": "autre", "country": "FR", "hours_per_week": 6.0},
             "objectives": [{"kind": "conversion", "priority": 1, "kpi": kpi}],
             "channels": [{"network": n, "posts_per_week": 3.0} for n in channels],
             "offers": [OFFER]}
    if publishing_days is not None:
        brief["plan"] = {"publishing_days": publishing_days}
    return brief


def _days(brief, start=date(2027, 7, 1), months=3):
    return [date.fromisoformat(p["date"]) for p in plan_brief(brief, start, months, seed=0, score=False,
                                                               options={"grammar": False}).posts]


def test_a_brand_of_no_sector_on_linkedin_alone_is_planned_as_b2b():
    assert moment_prefs.calendar_sector(consulting(["linkedin"])) == "b2b_saas"
    assert moment_prefs.calendar_sector(consulting(["linkedin", "newsletter"])) == "b2b_saas"
    assert moment_prefs.calendar_sector(consulting(["instagram"], kpi="40 leads qualifiés par mois")) == "b2b_saas"
    assert moment_prefs.calendar_sector(consulting(["instagram", "linkedin"])) == "autre"
    assert moment_prefs.calendar_sector(consulting(["linkedin"]) | {"brand": {"sector": "restauration"}}) == "restauration"


def test_a_b2b_brand_of_no_sector_posts_on_weekdays_only_and_not_in_early_august_nor_on_14_july():
    days = _days(consulting(["linkedin"]))
    assert days and {d.weekday() for d in days} == {0, 1, 2, 3, 4}
    assert not [d for d in days if date(2027, 8, 1) <= d <= date(2027, 8, 22)]
    assert date(2027, 7, 14) not in days
    assert moment_prefs.quiet_periods(consulting(["linkedin"])) == ["08-01/08-22", "12-24/01-01"]


def test_a_consumer_brand_of_no_sector_keeps_its_weekends_and_august():
    days = _days(consulting(["instagram", "facebook"]))
    assert {d.weekday() for d in days} == set(range(7))
    assert [d for d in days if date(2027, 8, 1) <= d <= date(2027, 8, 22)]


def test_a_b2b_brief_that_asks_for_the_weekend_gets_it():
    days = _days(consulting(["linkedin"], publishing_days=[0, 1, 2, 3, 4, 5, 6]), start=date(2027, 9, 1), months=2)
    assert {d.weekday() for d in days} == set(range(7))


@pytest.mark.parametrize("name, publishing_days", [
    ("restaurant_quebec", [1, 2, 3, 4, 5, 6]), ("association_france", [0, 1, 2, 3, 4]),
    ("b2b_belgique", [1, 3]), ("homeware_uk", [4, 5, 6])])
def test_the_publishing_days_a_brief_gives_are_the_days_of_its_posts(name, publishing_days):
    brief = tomllib.loads((ROOT / "tests/data/briefs" / f"{name}.toml").read_text(encoding="utf-8"))
    brief = copy.deepcopy(brief)
    brief.setdefault("plan", {})["publishing_days"] = publishing_days
    brief.pop("rubrics", None)  # a rubric on another day is warned about, not a publishing day
    days = Counter(d.weekday() for d in _days(brief, start=date(2027, 9, 6), months=2))
    assert set(days) == set(publishing_days)
    assert max(days.values()) - min(days.values()) <= max(days.values()) // 3 + 1  # in proportion
