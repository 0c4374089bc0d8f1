"""The results of a period: objectives against their targets, breakdowns, best times, mix.

**Breakdowns** (pillar, format, persona, network, moment, daypart) group the period's
posts by their lift (``core.results.measures``) and shrink each group's mean towards 0 (a
typical post) by empirical Bayes, the normal-normal model of Efron and Morris (1975,
"Data analysis using Stein's estimator and its generalizations", JASA 70): each post's
lift ~ N(θ_g, σ²), θ_g ~ N(0, τ²). σ² is the variance of the period's lifts; τ² is
estimated from the groups of that breakdown by the method of moments (variance of the
group means minus their mean sampling variance), floored at ``TAU_FLOOR``² so that alike
groups still show their uncertainty. The shrunk mean is w·mean with w = τ² / (τ² + σ²/n);
the 90 % interval is ± 1.645 √(w σ²/n). Fewer than ``MIN_POSTS`` posts: "preuve
insuffisante", no interval. Five lucky posts are pulled back towards the brand's usual.

**Best times** are the same over daypart × weekday/weekend cells, with the personas'
active hours marked, and the smallest effect the brand's data can detect: with the median
cell's n posts against the rest, 2.8·σ·√(1/n + 1/rest) (80 % power, 5 % two-sided).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from core import refdata
from core.i18n import MessageError
from core.models import Brand, Objective, Persona, Pillar, Post
from core.results.measures import DAYPARTS, RATES, UNSET, Measured, label, load
from core.results.targets import METRICS, Target, parse_kpi

DIMENSIONS = ("pillar", "format", "persona", "network", "moment", "daypart")
MIN_POSTS = 3
TAU_FLOOR = 0.1
Z90 = 1.645
#: Status thresholds: on track from 100 % of what the period should have reached, amber from 80 %.
GREEN, AMBER = 1.0, 0.8


class ReportError(MessageError):
    pass


@dataclass
class Group:
    key: str
    label: str
    posts: int
    value: float | None  # shrunk lift as a fraction: 0.12 is 12 % above the network's usual
    low: float | None
    high: float | None
    rate: float | None  # the group's mean engagement rate

    @property
    def evidence(self) -> str:
        """insufficient, above, below or unclear (the interval holds 0)."""
        if self.low is None:
            return "insufficient"
        return "above" if self.low > 0 else "below" if self.high < 0 else "unclear"

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "posts": self.posts, "value": _r(self.value),
                "interval": None if self.low is None else [_r(self.low), _r(self.high)],
                "rate": _r(self.rate), "evidence": self.evidence}


def _r(x, digits: int = 4):
    return None if x is None else round(x, digits)


def shrink(groups: dict[str, list[float]], sigma2: float) -> dict[str, tuple[float, float | None, float | None]]:
    """key -> (shrunk mean, low, high) in percent-change terms (see the module's docstring)."""
    means = {k: statistics.fmean(v) for k, v in groups.items() if v}
    if len(means) >= 2:
        spread = statistics.pvariance(list(means.values()))
        noise = statistics.fmean(sigma2 / len(groups[k]) for k in means)
        tau2 = max(TAU_FLOOR ** 2, spread - noise)
    else:
        tau2 = TAU_FLOOR ** 2
    out = {}
    for key, mean in means.items():
        n = len(groups[key])
        w = tau2 / (tau2 + sigma2 / n) if sigma2 > 0 else 1.0
        centre = w * mean
        if n < MIN_POSTS:
            out[key] = (math.expm1(centre), None, None)
            continue
        half = Z90 * math.sqrt(w * sigma2 / n) if sigma2 > 0 else 0.0
        out[key] = (math.expm1(centre), math.expm1(centre - half), math.expm1(centre + half))
    return out


def breakdown(posts: list[Measured], dimension: str, lang: str, sigma2: float) -> list[Group]:
    groups: dict[str, list[Measured]] = {}
    for item in posts:
        groups.setdefault(getattr(item, dimension), []).append(item)
    shrunk = shrink({k: [i.lift for i in v if i.lift is not None] for k, v in groups.items()}, sigma2)
    rows = []
    for key, items in groups.items():
        rates = [i.rate for i in items if i.rate is not None]
        value, low, high = shrunk.get(key, (None, None, None))
        rows.append(Group(key, label(dimension, key, lang), len(items), value, low, high,
                          statistics.fmean(rates) if rates else None))
    return sorted(rows, key=lambda g: (g.value is None, -(g.value or 0), g.label))


def _sigma2(posts: list[Measured]) -> float:
    lifts = [i.lift for i in posts if i.lift is not None]
    return statistics.variance(lifts) if len(lifts) >= 2 else 0.0


def _hours_cells(personas: list[Persona]) -> set[str]:
    """The dayparts the personas' active hours overlap ("12:00-14:00")."""
    cells = set()
    for persona in personas:
        for slot in persona.active_hours or []:
            try:
                a, b = (int(x.split(":")[0]) + int(x.split(":")[1]) / 60 for x in slot.split("-"))
            except (ValueError, IndexError):
                continue
            for key, part in DAYPARTS.items():
                if a < part["end"] and b > part["start"]:
                    cells.add(key)
    return cells


def best_times(posts: list[Measured], personas: list[Persona], lang: str, sigma2: float) -> dict:
    from core.i18n import t

    groups: dict[str, list[Measured]] = {}
    for item in posts:
        groups.setdefault(f"{item.daypart}|{item.week_part}", []).append(item)
    shrunk = shrink({k: [i.lift for i in v if i.lift is not None] for k, v in groups.items()}, sigma2)
    active = _hours_cells(personas)
    cells = []
    for key, items in groups.items():
        part, week = key.split("|")
        value, low, high = shrunk.get(key, (None, None, None))
        group = Group(key, f"{refdata.label(DAYPARTS, part, lang)}, {t('report.' + week, lang)}", len(items),
                      value, low, high, None)
        cells.append({**group.to_dict(), "daypart": part, "week_part": week, "personas_active": part in active})
    cells.sort(key=lambda c: (c["value"] is None, -(c["value"] or 0)))
    sizes = sorted(len(v) for v in groups.values())
    total = sum(sizes)
    detectable = None
    if sizes and sigma2 > 0 and total > sizes[len(sizes) // 2]:
        n = sizes[len(sizes) // 2]
        detectable = math.expm1(2.8 * math.sqrt(sigma2) * math.sqrt(1 / n + 1 / (total - n)))
    return {"cells": cells, "detectable_effect": _r(detectable), "personas_dayparts": sorted(active)}


# -- objectives ------------------------------------------------------------------------------

def objective_target(objective: Objective, today: date) -> Target | None:
    """The stored structured target, else what the KPI's words parse to (objectives saved
    from a brief after the upgrade)."""
    if objective.metric and objective.target is not None:
        return Target(objective.metric, objective.network, objective.target, objective.target_unit or "total",
                      objective.period_start, objective.period_end, objective.baseline)
    return parse_kpi(objective.kpi, today=today)


def _actual(target: Target, posts: list[Measured]) -> tuple[float | None, int]:
    measured_by = METRICS[target.metric]["measured_by"]
    chosen = [p for p in posts if not target.network or p.network == target.network]
    if measured_by == "rate":
        rates = [p.rate for p in chosen if p.rate is not None]
        return (statistics.fmean(rates) if rates else None), len(rates)
    values = [p.figures[measured_by] for p in chosen if measured_by in p.figures]
    return (sum(values) if values else None), len(values)


def objective_row(objective: Objective, posts: list[Measured], start: date, end: date, lang: str) -> dict:
    target = objective_target(objective, start)
    row = {"kind": objective.kind, "label": refdata.label(refdata.OBJECTIVES, objective.kind, lang),
           "kpi": objective.kpi, "metric": target.metric if target else "",
           "network": target.network if target else "", "unit": target.target_unit if target else "",
           "target": target.target if target else None, "expected": None, "actual": None, "posts": 0,
           "baseline": target.baseline if target else None, "status": "no_target"}
    if target is None:
        return row
    if not METRICS[target.metric]["measured_by"]:
        row["status"] = "not_measured"
        return row
    first = max(start, target.period_start or start)
    last = min(end, target.period_end or end)
    inside = [p for p in posts if first <= p.published_at.date() <= last]
    actual, count = _actual(target, inside)
    row["posts"] = count
    days = max(0, (last - first).days + 1)
    if target.target_unit == "rate":
        expected = target.target
    elif target.target_unit == "per_month":
        expected = target.target * days / 30.44
    elif target.target_unit == "per_week":
        expected = target.target * days / 7
    else:  # total or growth: the share of the objective's period the report covers, so far
        span_first, span_last = target.period_start or start, target.period_end or end
        span = max(1, (span_last - span_first).days + 1)
        covered = max(0, (last - span_first).days + 1)
        expected = target.target * min(1.0, covered / span)
    if target.target_unit == "growth":
        if not target.baseline:
            row.update(status="no_baseline", actual=None if actual is None else round(actual, 4))
            return row
        actual = None if actual is None else actual / target.baseline * 100
    row["expected"] = _r(expected)
    if actual is None:
        row["status"] = "no_data"
        return row
    row["actual"] = _r(actual)
    progress = actual / expected if expected else 1.0
    row["status"] = "green" if progress >= GREEN else "amber" if progress >= AMBER else "red"
    return row


# -- the report ------------------------------------------------------------------------------

@dataclass
class Report:
    brand: str
    start: date
    end: date
    lang: str
    posts: list[Measured]
    previous: list[Measured]
    objectives: list[dict]
    by: dict[str, list[Group]]
    best_times: dict
    mix: dict[str, list[dict]]
    proposals: list[dict] = field(default_factory=list)

    def ranked(self) -> list[Measured]:
        return sorted((p for p in self.posts if p.lift is not None), key=lambda p: -p.lift)

    def to_dict(self) -> dict:
        def post(p: Measured) -> dict:
            return {"ref": p.ref, "network": p.network, "published_at": p.published_at.isoformat(),
                    "text": p.text[:120], "rate": _r(p.rate), "lift": _r(math.expm1(p.lift)),
                    "denominator": RATES.get(p.network, {}).get("denominator")}

        ranked = self.ranked()
        return {"brand": self.brand, "from": self.start.isoformat(), "to": self.end.isoformat(),
                "posts": len(self.posts), "previous_posts": len(self.previous),
                "paid_posts": [p.ref for p in self.posts if p.paid],
                "objectives": self.objectives, "by": {k: [g.to_dict() for g in v] for k, v in self.by.items()},
                "best_times": self.best_times, "mix": self.mix,
                "top": [post(p) for p in ranked[:3]], "bottom": [post(p) for p in ranked[-3:][::-1]] if len(ranked) > 3 else [],
                "rates": [{"network": n, "numerator": f["numerator"], "denominator": f["denominator"]}
                          for n, f in RATES.items()],
                "proposals": self.proposals}


def _mix(brand_id: int, posts: list[Measured], start: date, end: date, tz: ZoneInfo, lang: str, *,
         session: Session) -> dict[str, list[dict]]:
    """Planned against published shares (percent) by pillar, persona and format."""
    pillars = session.exec(select(Pillar).where(Pillar.brand_id == brand_id).order_by(Pillar.id)).all()
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    since = datetime.combine(start, datetime.min.time(), tz)
    until = datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)
    planned = session.exec(select(Post.pillar_id, Post.persona_id, Post.format).where(
        Post.brand_id == brand_id, Post.publish_at >= since, Post.publish_at < until)).all()
    names = {p.id: p.name for p in pillars}
    out = {}
    for dimension, of_plan, of_post in (
            ("pillar", lambda p: names.get(p[0], UNSET), lambda m: m.pillar),
            ("persona", lambda p: personas.get(p[1], UNSET), lambda m: m.persona),
            ("format", lambda p: p[2] or UNSET, lambda m: m.format)):
        planned_keys = [of_plan(p) for p in planned]
        done_keys = [of_post(m) for m in posts]
        keys = list(dict.fromkeys([*(p.name for p in pillars if dimension == "pillar"), *planned_keys, *done_keys]))
        target = {p.name: p.target_share for p in pillars} if dimension == "pillar" else {}
        out[dimension] = [{"key": k, "label": label(dimension, k, lang), "target": target.get(k),
                           "planned": _share(planned_keys, k), "actual": _share(done_keys, k)} for k in keys]
    return out


def _share(keys: list[str], key: str) -> float | None:
    return round(100 * keys.count(key) / len(keys), 1) if keys else None


def _baseline_90(objective: Objective, loaded: list[Measured], start: date, length: int, lang: str) -> float | None:
    """What the 90 days before the period gave, scaled to the period's length (rates as they are)."""
    first = start - timedelta(days=90)
    row = objective_row(objective, [p for p in loaded if first <= p.published_at.date() < start],
                        first, start - timedelta(days=1), lang)
    if row["actual"] is None:
        return None
    return _r(row["actual"] if row["unit"] == "rate" else row["actual"] * length / 90)


def build_report(brand_id: int, start: date, end: date, *, session: Session, lang: str = "fr") -> Report:
    """The report of ``start`` to ``end`` (days included); reads only."""
    if end < start:
        raise ReportError("report.bad_period", start=start.isoformat(), end=end.isoformat())
    brand = session.get(Brand, brand_id)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    loaded = load(brand_id, start, end, tz=tz, session=session)
    posts = [p for p in loaded if p.published_at.date() >= start]
    length = (end - start).days + 1
    previous = [p for p in loaded if start - timedelta(days=length) <= p.published_at.date() < start]
    sigma2 = _sigma2([p for p in posts if not p.paid])
    personas = session.exec(select(Persona).where(Persona.brand_id == brand_id)).all()
    objectives = session.exec(select(Objective).where(Objective.brand_id == brand_id)
                              .order_by(Objective.priority, Objective.id)).all()
    rows = []
    for objective in objectives:
        row = objective_row(objective, posts, start, end, lang)
        before = objective_row(objective, previous, start - timedelta(days=length), start - timedelta(days=1), lang)
        row["previous"] = before["actual"]
        row["baseline_90"] = _baseline_90(objective, loaded, start, length, lang)
        rows.append(row)
    organic = [p for p in posts if not p.paid]  # breakdowns and best times compare organic posts only
    return Report(brand.name, start, end, lang, posts, previous, rows,
                  {d: breakdown(organic, d, lang, sigma2) for d in DIMENSIONS},
                  best_times(organic, personas, lang, sigma2), _mix(brand_id, posts, start, end, tz, lang, session=session))
