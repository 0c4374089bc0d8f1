from datetime import date

import pytest
from sqlmodel import select

from core import db
from core.brands import brief_of
from core.models import Proposal
from core.results.proposals import (ProposalError, decide, explain, list_proposals, plan_adjustments, propose,
                                    with_accepted_proposals)
from core.results.report import build_report
from tests.results.test_report import YEAR, year_db  # noqa: F401  (the module's year of data)


@pytest.fixture
def brand(year_db):  # noqa: F811
    """The year's brand with no proposal yet (each test starts from the same figures)."""
    engine, brand_id = year_db
    with db.transaction(engine) as s:
        for p in s.exec(select(Proposal)):
            s.delete(p)
    return engine, brand_id


def proposals_of(engine, brand_id, floor=10.0):
    with db.transaction(engine) as s:
        report = build_report(brand_id, *YEAR, session=s)
        return [(p.kind, p.change) for p in propose(report, brand_id, session=s, floor=floor)]


def test_the_best_pillar_gains_five_points_from_the_weakest_and_nothing_changes_until_accepted(brand):
    engine, brand_id = brand
    assert proposals_of(engine, brand_id) == [("pillar_mix", {"to": "Coulisses de l'atelier", "from": "Promotions",
                                                              "points": 5.0, "floor": 10.0})]
    with db.transaction(engine) as s:
        assert plan_adjustments(brand_id, session=s)["pillar_shares"] == {
            "Coulisses de l'atelier": 40.0, "Conseils de style": 35.0, "Promotions": 25.0}


def test_no_pillar_is_proposed_below_the_managers_floor(brand):
    engine, brand_id = brand
    assert proposals_of(engine, brand_id, floor=22.0)[0][1]["points"] == 3.0
    assert proposals_of(engine, brand_id, floor=25.0) == []


def test_an_accepted_shift_changes_the_next_replan_and_caps_the_months_next_proposal(brand):
    engine, brand_id = brand
    proposals_of(engine, brand_id)
    with db.transaction(engine) as s:
        waiting = list_proposals(brand_id, session=s, status="proposed")
        decide(waiting[0].id, True, session=s, by="Hélène")
    with db.transaction(engine) as s:
        assert plan_adjustments(brand_id, session=s) == {
            "pillar_shares": {"Coulisses de l'atelier": 45.0, "Conseils de style": 35.0, "Promotions": 20.0},
            "preferred_hours": [], "formats_more": [], "formats_less": []}
        brief = with_accepted_proposals(brief_of(brand_id, session=s), brand_id, session=s)
        assert [(p["name"], p["target_share"]) for p in brief["pillars"]] == [
            ("Coulisses de l'atelier", 45.0), ("Conseils de style", 35.0), ("Promotions", 20.0)]
        assert [(p["name"], p["target_share"]) for p in brief_of(brand_id, session=s)["pillars"]][2] == ("Promotions", 25.0)
    assert proposals_of(engine, brand_id) == []  # five points already moved this month


def test_an_accepted_posting_time_comes_first_in_every_personas_hours(brand):
    engine, brand_id = brand
    with db.transaction(engine) as s:
        s.add(Proposal(brand_id=brand_id, kind="posting_time", subject="midi|semaine",
                       change={"from_cell": "soir|semaine", "to_cell": "midi|semaine", "hours": "11:00-14:00",
                               "week_part": "semaine"},
                       evidence={"best": {"label": "", "posts": 142, "value": 0.09, "interval": [0.02, 0.16]},
                                 "used": {"label": "", "posts": 36, "value": -0.03, "interval": [-0.13, 0.08]},
                                 "detectable": 0.29}, period_from=YEAR[0], period_to=YEAR[1]))
    with db.transaction(engine) as s:
        proposal = list_proposals(brand_id, session=s)[0]
        assert explain(proposal, "fr") == {
            "numbers": "Midi (11\u00a0h – 14\u00a0h), en semaine\u00a0: +9\u202f% par rapport à l’habitude "
                       "(142 publications)\u00a0; Soir (18\u00a0h – 22\u00a0h), en semaine, le créneau le plus "
                       "utilisé\u00a0: −3\u202f% (36 publications).",
            "proposal": "Déplacer vers «\u00a0Midi (11\u00a0h – 14\u00a0h), en semaine\u00a0» les publications "
                        "prévues «\u00a0Soir (18\u00a0h – 22\u00a0h), en semaine\u00a0».",
            "why": "Le créneau fait mieux que l’habitude avec un intervalle qui ne contient pas zéro\u00a0; avec "
                   "l’historique de la marque, un écart plus petit que +29\u202f% ne serait pas détectable."}
        decide(proposal.id, True, session=s)
        brief = with_accepted_proposals(brief_of(brand_id, session=s), brand_id, session=s)
    assert [(p["name"], p["active_hours"]) for p in brief["personas"]] == [
        ("Camille, citadine active", ["11:00-14:00", "12:00-14:00"]),
        ("Hélène, fidèle de la boutique", ["11:00-14:00", "18:00-21:00"])]


def test_a_refused_proposal_changes_nothing_and_a_decision_is_not_made_twice(brand):
    engine, brand_id = brand
    proposals_of(engine, brand_id)
    with db.transaction(engine) as s:
        proposal = list_proposals(brand_id, session=s)[0]
        decide(proposal.id, False, session=s, by="Hélène")
        assert (proposal.status, proposal.decided_by) == ("refused", "Hélène")
        assert plan_adjustments(brand_id, session=s)["pillar_shares"]["Promotions"] == 25.0
        with pytest.raises(ProposalError) as twice:
            decide(proposal.id, True, session=s)
        with pytest.raises(ProposalError) as unknown:
            decide(99999, True, session=s)
    assert twice.value.key == "proposal.decided"
    assert unknown.value.message("en") == ('No proposal number 99999: list them with '
                                           '"python -m core results proposals --brand BRAND".')


def test_an_accepted_shift_changes_the_mix_of_the_next_plan_made_in_the_app(brand):
    from collections import Counter

    from core.models import Channel, Pillar
    from core.planning.planner import plan_brand

    engine, brand_id = brand

    def coulisses_share():
        with db.transaction(engine) as s:
            posts = plan_brand(brand_id, date(2028, 3, 1), 2, session=s, seed=3, score=False).posts
            return Counter(p["pillar"] for p in posts)["Coulisses de l'atelier"] / len(posts)

    with db.transaction(engine) as s:
        if not s.exec(select(Channel).where(Channel.brand_id == brand_id)).first():
            s.add(Channel(brand_id=brand_id, network="instagram", posts_per_week=5.0))
        assert s.exec(select(Pillar).where(Pillar.brand_id == brand_id)).first() is not None
    before = coulisses_share()
    proposals_of(engine, brand_id)
    with db.transaction(engine) as s:
        decide(list_proposals(brand_id, session=s, status="proposed")[0].id, True, session=s, by="Hélène")
    after = coulisses_share()
    assert abs(before - 0.40) < 0.02 and after - before >= 0.04  # 40 % planned, then the accepted 45 %, to a post
