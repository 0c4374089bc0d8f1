"""Which published posts are worth boosting: a clear, measured lift, young enough, on enough people."""

from __future__ import annotations

import math
from datetime import date

from core.media.candidates import Measured, proven, shrink

TODAY = date(2027, 4, 1)


def _post(key, lift_ratio, people, *, published=date(2027, 3, 20), **kw):
    rate = 0.04 * lift_ratio
    return Measured(key=key, post_id=None, measured_id=hash(key) % 1000, network="instagram", published=published,
                    rate=rate, people=people, lift=math.log(lift_ratio), **kw)


def _history():
    """Twenty ordinary posts around the median, measured on 2,000 to 6,000 people."""
    return [_post(f"CAL-{i:03}", ratio, 2000 + 200 * i)
            for i, ratio in enumerate([0.8, 1.1, 0.9, 1.0, 1.2, 0.85, 1.05, 0.95, 1.15, 0.9,
                                       1.0, 1.1, 0.8, 1.25, 0.9, 1.0, 0.95, 1.1, 0.85, 1.05])]


def test_a_post_three_times_the_median_on_twenty_thousand_people_is_worth_boosting():
    posts = _history() + [_post("LILA-2027-03-012", 3.0, 20000)]
    kept, skipped = proven(posts, today=TODAY, objective_of=lambda p: "engagement", needs_link=lambda o: False)
    assert [k.post.key for k in kept] == ["LILA-2027-03-012"]
    assert kept[0].low >= 0.5 and kept[0].shrunk <= 2.0  # shrunk towards the median, still clearly above
    assert skipped == []


def test_the_same_lift_on_forty_people_is_luck_not_evidence():
    posts = _history() + [_post("LILA-2027-03-013", 3.0, 40)]
    shrunk = {p.post.key: p for p in shrink(posts, 0.8)}["LILA-2027-03-013"]
    assert shrunk.low < 0.5
    kept, skipped = proven(posts, today=TODAY, objective_of=lambda p: "engagement", needs_link=lambda o: False)
    assert kept == [] and skipped == []


def test_a_clear_lift_on_fewer_people_than_the_minimum_reach_is_said_and_not_boosted():
    posts = _history() + [_post("LILA-2027-03-014", 3.0, 150)]
    kept, skipped = proven(posts, today=TODAY, objective_of=lambda p: "engagement", needs_link=lambda o: False)
    assert kept == []
    assert skipped == [{"code": "media.skip_small_reach", "ref": "LILA-2027-03-014"}]


def test_a_strong_post_is_left_out_when_too_old_past_its_moment_or_without_the_link_its_goal_needs():
    posts = _history() + [
        _post("OLD", 3.0, 20000, published=date(2027, 1, 10)),
        _post("EVERGREEN", 3.0, 20000, published=date(2027, 1, 10), evergreen=True),
        _post("SOLDES", 3.0, 20000, moment_over=True),
        _post("NOLINK", 3.0, 20000),
    ]
    kept, skipped = proven(posts, today=TODAY, objective_of=lambda p: "trafic" if p.key == "NOLINK" else "notoriete",
                           needs_link=lambda o: o == "trafic")
    assert [k.post.key for k in kept] == ["EVERGREEN"]
    assert sorted((s["ref"], s["code"]) for s in skipped) == [
        ("NOLINK", "media.skip_no_link"), ("OLD", "media.skip_too_old"), ("SOLDES", "media.skip_past_moment")]


def test_a_post_without_figures_is_never_a_candidate():
    posts = _history() + [Measured("NOFIG", None, 1, "instagram", TODAY, None, None, None)]
    assert "NOFIG" not in {p.post.key for p in shrink(posts, 0.8)}
