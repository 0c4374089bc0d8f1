"""A rubric the brief gave no weekday is written on the day the planner chose for it, and a
rubric « du mois » once a month (docs/drafts.md, « Fifth independent review »)."""

import copy
import tomllib
from collections import Counter
from datetime import date

from core.planning.planner import plan_brief
from tests.conftest import ROOT


def test_a_monthly_rubric_without_a_weekday_gets_one_post_a_month_on_its_network():
    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        brief = tomllib.load(fh)
    brief = copy.deepcopy(brief)
    brief["rubrics"] = [{"name": "le portrait du mois", "networks": ["instagram"],
                         "description": "une cliente et la robe qu'elle porte le plus"}]
    posts = plan_brief(brief, date(2027, 1, 1), 6, seed=0, score=False).posts
    rubric = [p for p in posts if "portrait du mois" in p["text"].lower()]
    assert {p["network"] for p in rubric} == {"instagram"}
    per_month = Counter(p["date"][:7] for p in rubric)
    assert set(per_month.values()) == {1} and len(per_month) >= 5
