"""A moment the brief follows gets its post even when its day is not a publishing day: the
nearest free day of the week before announces it; when there is none, the plan says so."""

import copy
import tomllib
from datetime import date

from core.planning.planner import plan_brief
from tests.conftest import ROOT

ROTA = ROOT / "tests/data/briefs_review/review_r6_rota.toml"


def _brief() -> dict:
    return tomllib.loads(ROTA.read_text(encoding="utf-8"))


def test_world_mental_health_day_on_a_sunday_is_announced_in_the_week_before_on_linkedin():
    posts = plan_brief(_brief(), date(2027, 9, 1), 2, score=False, options={"grammar": False}).posts
    days = [p["date"] for p in posts if p["event"] == "journee_sante_mentale"]
    assert date(2027, 10, 10).weekday() == 6  # a Sunday, not a publishing day of this B2B brief
    assert days and all("2027-10-03" <= d < "2027-10-10" for d in days)


def test_a_followed_day_whose_week_before_has_only_the_rubric_slot_is_named_in_a_warning():
    brief = copy.deepcopy(_brief())
    brief["channels"] = [{"network": "linkedin", "posts_per_week": 1.0}]
    brief["plan"] = {**brief.get("plan", {}), "publishing_days": [0]}
    brief["rubrics"] = [{"name": "the Monday tip", "weekday": 0, "networks": ["linkedin"],
                         "description": "one practical rota tip"}]
    result = plan_brief(brief, date(2027, 10, 1), 1, score=False, options={"grammar": False, "ui_lang": "en"})
    assert [p for p in result.posts if p["event"] == "journee_sante_mentale"] == []
    assert ("World Mental Health Day (10 October 2027), which the brand follows, has no post: no free publishing "
            "day on the day nor in the week before. Add a publishing day or a network, or plan it by hand in the "
            "calendar.") in result.warnings
