"""A media plan on a brand's real year of results: the lines a platform accepts, for posts
that did clearly better than usual or that the CM flagged, and a warning for the rest."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.brands import get_brand
from core.media.plan import lines_of, media_plan, save_media_plan, set_sponsor
from core.media.rules import MediaError, daily_floor, minimum_lifetime
from core.models import MediaLine, Persona
from core.posts import create_post
from core.results.store import Source, import_exports
from tests.results import year

PARIS = ZoneInfo("Europe/Paris")
JANUARY = (date(2028, 1, 1), date(2028, 1, 31))


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Atelier Lila's 2027 (300 posts, six networks, measured) and two posts planned in January 2028,
    one of them flagged to sponsor."""
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('media') / 'calame.db'}")
    db.upgrade(engine)
    posts = year.plan(300)
    with db.transaction(engine) as s:
        brand_id = year.load_brand(s, posts)
    with db.transaction(engine) as s:
        result = import_exports(get_brand(brand_id, session=s), [
            Source(name, data, date(2028, 1, 2)) for name, data in year.exports(posts).items()], session=s)
        assert result.errors == []
    with db.transaction(engine) as s:
        camille = s.exec(select(Persona).where(Persona.brand_id == brand_id)).first()
        camille.age_min, camille.age_max, camille.interests = 28, 40, ["mode éthique"]
        s.add(camille)
        soldes = create_post(brand_id, session=s, network="instagram", persona_id=camille.id, objective="conversion",
                             publish_at=datetime(2028, 1, 12, 12, 30, tzinfo=PARIS), link="https://atelier-lila.fr/soldes",
                             text="Les soldes d’hiver commencent : la robe Lila à -30 %.")
        create_post(brand_id, session=s, network="facebook", publish_at=datetime(2028, 1, 20, 18, 30, tzinfo=PARIS),
                    text="Dans l’atelier, on prépare la collection de printemps.", status="a_valider")
        set_sponsor(soldes.id, True, session=s)
    yield engine, brand_id, soldes.ref
    engine.dispose()


def _plan(engine, brand_id, budget, **kw):
    with db.transaction(engine) as s:
        return media_plan(brand_id, budget, *JANUARY, session=s, **kw)


def test_every_line_pays_at_least_the_platform_minimum_and_the_budget_adds_up(measured):
    engine, brand_id, soldes = measured
    plan = _plan(engine, brand_id, 1500)
    lines = plan.allocation.lines
    assert lines, plan.to_dict()["warnings"]
    for line in lines:
        floor = max(daily_floor(line.candidate.network, line.candidate.objective, line.candidate.costs) * line.days,
                    minimum_lifetime(line.candidate.network, line.candidate.costs.currency))
        assert line.amount >= floor
    assert round(sum(line.amount for line in lines) + plan.allocation.unallocated, 2) == 1500.0
    assert {line.candidate.tier for line in lines} == {"proven", "growing", "test"}


def test_the_flagged_sales_post_gets_its_line_for_its_persona_on_its_day(measured):
    engine, brand_id, soldes = measured
    row = next(r for r in _plan(engine, brand_id, 1500).to_dict()["lines"] if r["ref"] == soldes)
    assert (row["tier"], row["network"], row["start"], row["end"], row["amount"]) == (
        "growing", "instagram", "2028-01-12", "2028-01-18", 300.0)
    assert row["audience"] == {"persona": "Camille, citadine active", "age_min": 28, "age_max": 40,
                               "interests": ["mode éthique"], "places": ["France"]}
    assert row["reason"] == "Marqué «\u00a0à sponsoriser\u00a0» pour sa publication du 12/01/2028"


def test_proven_lines_are_december_posts_clearly_above_their_networks_median(measured):
    engine, brand_id, _ = measured
    plan = _plan(engine, brand_id, 1500)
    proven = [line for line in plan.allocation.lines if line.candidate.tier == "proven"]
    assert proven
    with db.transaction(engine) as s:
        from core.results import measures

        lifts = {m.id: m for m in measures.load(brand_id, date(2027, 12, 1), date(2027, 12, 31), tz=PARIS, session=s)}
    for line in proven:
        post = lifts[line.candidate.measured_id]
        assert post.published_at.date() >= date(2027, 12, 2)  # at most 30 days old on 1 January
        assert post.lift > 0.4  # the observed lift is above the shrunk one, which clears +50 %
        assert line.candidate.start == date(2028, 1, 1)


def test_a_budget_too_small_for_any_platform_gives_warnings_with_the_minimum_and_no_line(measured):
    engine, brand_id, _ = measured
    plan = _plan(engine, brand_id, 40)
    assert plan.allocation.lines == []
    assert plan.allocation.unallocated == 40.0
    minimums = [w for w in plan.to_dict("en")["warnings"] if w["code"] == "media.below_minimum"]
    assert minimums and all(w["minimum"] > 0 for w in minimums)


def test_saving_replaces_undecided_lines_and_keeps_the_clients_decisions(measured):
    engine, brand_id, soldes = measured
    with db.transaction(engine) as s:
        save_media_plan(media_plan(brand_id, 1500, *JANUARY, session=s), brand_id, session=s)
        first = lines_of(brand_id, *JANUARY, session=s)
        approved = next(line for line in first if line.ref == soldes)
        approved.status = "valide"
        s.add(approved)
    with db.transaction(engine) as s:
        again = media_plan(brand_id, 1500, *JANUARY, session=s)
        assert soldes not in [line.candidate.key for line in again.allocation.lines]
        assert {"code": "media.already_sponsored", "ref": soldes, "params": {}} in again.warnings
        save_media_plan(again, brand_id, session=s)
        stored = lines_of(brand_id, *JANUARY, session=s)
    assert [line.status for line in stored if line.ref == soldes] == ["valide"]
    assert sum(1 for line in stored if line.status == "propose") == len(again.allocation.lines)
    with db.transaction(engine) as s:
        for line in s.exec(select(MediaLine)):
            s.delete(line)


def test_a_budget_in_another_currency_or_a_backwards_period_is_refused(measured):
    engine, brand_id, _ = measured
    with pytest.raises(MediaError) as err:
        _plan(engine, brand_id, 1500, currency="CHF")
    assert err.value.message("fr").startswith("La marque «\u00a0Atelier Lila\u00a0» paie ses annonces en EUR, pas en CHF.")
    with db.transaction(engine) as s, pytest.raises(MediaError) as err:
        media_plan(brand_id, 1500, date(2028, 2, 1), date(2028, 1, 1), session=s)
    assert err.value.key == "media.bad_period"


def test_a_post_the_client_sponsored_is_counted_apart_from_organic_posts_in_the_report(measured):
    from core.results.report import build_report

    engine, brand_id, _ = measured
    with db.transaction(engine) as s:
        before = build_report(brand_id, date(2027, 1, 1), date(2027, 12, 31), session=s).to_dict()
        from core.models import MeasuredPost, Post

        boosted = s.exec(select(Post).join(MeasuredPost, MeasuredPost.post_id == Post.id)
                         .where(Post.brand_id == brand_id, MeasuredPost.match == "id").order_by(Post.id)).first() \
            or s.exec(select(Post).join(MeasuredPost, MeasuredPost.post_id == Post.id).order_by(Post.id)).first()
        line = MediaLine(brand_id=brand_id, post_id=boosted.id, ref=boosted.ref, network=boosted.network, tier="proven",
                         amount=100.0, daily=14.29, currency="EUR", start=date(2027, 6, 1), end=date(2027, 6, 7),
                         status="valide")
        s.add(line)
    with db.transaction(engine) as s:
        after = build_report(brand_id, date(2027, 1, 1), date(2027, 12, 31), session=s).to_dict()
        s.delete(s.get(MediaLine, line.id))
    assert (before["paid_posts"], after["paid_posts"]) == ([], [boosted.ref])
    assert sum(g["posts"] for g in after["by"]["network"]) == sum(g["posts"] for g in before["by"]["network"]) - 1
    assert after["posts"] == before["posts"]
    assert boosted.ref not in [p["ref"] for p in after["top"] + after["bottom"]]
