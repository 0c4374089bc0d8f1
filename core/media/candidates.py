"""Which published posts are worth boosting: the ones that did clearly better than usual.

A post's observed lift (``core.results.measures``: the log of its engagement rate over its
network's rolling median) mixes what the post is worth with luck: a rate measured on 300
people is noisier than one measured on 30,000. Each lift is therefore shrunk towards 0 (a
typical post) by empirical Bayes, the normal-normal model of Efron & Morris (1975, "Data
analysis using Stein's estimator and its generalizations"): the prior's variance τ² is the
spread of the brand's lifts minus their average measurement noise, a post's own noise s² is
the delta-method variance of a log proportion, (1 − p) / (n·p) for a rate p on n people.
Its posterior is normal with mean w·lift and variance w·s², w = τ² / (τ² + s²). A post is a
candidate when the lower bound of that posterior's one-sided interval at the chosen
confidence clears the minimum lift (``data/media_split.toml``: +50 % at 80 %).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

from core import refdata

TAU_FLOOR = 0.05  # a prior never narrower than ±5 %: a brand whose posts look alike still lets one stand out


@dataclass(frozen=True)
class Measured:
    """What the media plan needs of one published post."""

    key: str            # the post's reference, or its link when it was published outside the plan
    post_id: int | None
    measured_id: int
    network: str
    published: date
    rate: float | None      # engagement rate by the network's formula
    people: float | None    # its denominator (reach, impressions or views)
    lift: float | None      # log of rate over the network's median
    objective: str = ""
    persona_id: int | None = None
    link: str = ""
    moment_over: bool = False  # tied to a moment that has ended: its text has aged
    evergreen: bool = False


@dataclass(frozen=True)
class Proven:
    post: Measured
    shrunk: float   # posterior mean lift, as a percentage change (0.8 = +80 %)
    low: float      # lower bound at the chosen confidence, same scale


def _noise(post: Measured) -> float | None:
    if not post.rate or not post.people or post.rate <= 0 or post.rate >= 1:
        return None
    return (1 - post.rate) / (post.people * post.rate)


def shrink(posts: list[Measured], confidence: float) -> list[Proven]:
    """Every post with a lift and a measurable noise, its lift shrunk (see the module)."""
    usable = [(p, _noise(p)) for p in posts if p.lift is not None]
    usable = [(p, s2) for p, s2 in usable if s2 is not None]
    if not usable:
        return []
    lifts = [p.lift for p, _ in usable]
    spread = statistics.pvariance(lifts) if len(lifts) >= 2 else 0.0
    tau2 = max(TAU_FLOOR ** 2, spread - statistics.fmean(s2 for _, s2 in usable))
    z = NormalDist().inv_cdf(confidence)
    out = []
    for post, s2 in usable:
        w = tau2 / (tau2 + s2)
        mean, sd = w * post.lift, math.sqrt(w * s2)
        out.append(Proven(post, math.expm1(mean), math.expm1(mean - z * sd)))
    return out


def proven(posts: list[Measured], *, today: date, objective_of, needs_link) -> tuple[list[Proven], list[dict]]:
    """The posts worth boosting, best first, and why the near misses were left out.

    ``objective_of(post)`` gives the objective a line for it would serve; ``needs_link(objective)``
    whether that objective needs a link (traffic, conversion)."""
    rules = refdata.load("media_split.toml")["proven"]
    kept, skipped = [], []
    for item in shrink(posts, rules["confidence"]):
        post = item.post
        if item.low < rules["min_lift"]:
            continue
        reason = None
        if (post.people or 0) < rules["min_reach"]:
            reason = "media.skip_small_reach"
        elif post.moment_over:
            reason = "media.skip_past_moment"
        elif not post.evergreen and (today - post.published).days > rules["max_age_days"]:
            reason = "media.skip_too_old"
        elif needs_link(objective_of(post)) and not post.link:
            reason = "media.skip_no_link"
        if reason:
            skipped.append({"code": reason, "ref": post.key})
        else:
            kept.append(item)
    kept.sort(key=lambda i: (-i.low, i.post.key))
    return kept, skipped
