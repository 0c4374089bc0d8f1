"""Each measured post's figures, engagement rate and lift against its network's median.

Figures are the latest reading of each metric (lifetime totals at the last export that
gave it). The engagement rate follows one formula a network (``data/engagement_rates.toml``),
its denominator always named. A post's **lift** is ``ln((rate + ε) / (median + ε))``: its
rate against the rolling median of the 20 posts before it on the same network (the
network's median over everything loaded while it has fewer than 5 before it), ε = 0.001
so that a rate of 0 has a lift. A lift of 0 is a typical post; ``exp(lift) - 1`` is the
percentage shown.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from core import refdata
from core.models import MeasuredPost, Persona, Pillar, Post, Reading

RATES = refdata.entries("engagement_rates.toml")
DAYPARTS = {k: v for k, v in refdata.load("dayparts.toml")["dayparts"].items() if isinstance(v, dict)}
ROLLING = 20
MIN_BEFORE = 5
EPSILON = 0.001
#: How far before the report's period posts are read, for the rolling medians and the
#: previous period.
HISTORY = timedelta(days=400)
#: The key of a planned post's empty pillar, persona or format ("" is a post outside the plan).
UNSET = "-"


@dataclass
class Measured:
    """One published post, what it was planned as (if it was) and what it did."""

    id: int
    network: str
    published_at: datetime  # in the brand's time zone
    text: str
    post_id: int | None
    ref: str
    format: str
    pillar: str
    persona: str
    moment: str
    match: str
    figures: dict[str, float] = field(default_factory=dict)
    exported_on: date | None = None
    age_days: float | None = None
    rate: float | None = None
    lift: float | None = None

    @property
    def daypart(self) -> str:
        hour = self.published_at.hour + self.published_at.minute / 60
        for key, part in DAYPARTS.items():
            if part["start"] <= hour < part["end"] or part["start"] <= hour + 24 < part["end"]:
                return key
        return "nuit"

    @property
    def week_part(self) -> str:
        return "weekend" if self.published_at.weekday() >= 5 else "semaine"


def engagement(network: str, figures: dict[str, float]) -> tuple[float | None, float | None, float | None]:
    """(rate, numerator, denominator) by the network's formula; None when a part is unknown."""
    formula = RATES.get(network)
    if formula is None:
        return None, None, None
    denominator = figures.get(formula["denominator"])
    own = formula.get("own_rate")
    if own and own in figures:
        value = figures[own]
        return value, (value * denominator if denominator else None), denominator
    parts = [m for m in formula["numerator"] if m in figures] or [m for m in formula["fallback"] if m in figures]
    if not parts or not denominator:
        return None, None, denominator
    numerator = sum(figures[m] for m in parts)
    return numerator / denominator, numerator, denominator


def load(brand_id: int, start: date, end: date, *, tz: ZoneInfo, session: Session) -> list[Measured]:
    """The brand's measured posts published from ``start - HISTORY`` to ``end`` (included),
    oldest first, with figures, rates and lifts."""
    since = datetime.combine(start - HISTORY, datetime.min.time(), tz)
    until = datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)
    rows = session.exec(
        select(MeasuredPost, Post).join(Post, MeasuredPost.post_id == Post.id, isouter=True)
        .where(MeasuredPost.brand_id == brand_id, MeasuredPost.published_at >= since, MeasuredPost.published_at < until)
        .order_by(MeasuredPost.published_at, MeasuredPost.id)).all()
    pillars = {p.id: p.name for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    posts: dict[int, Measured] = {}
    for m, p in rows:
        planned = p if m.match in ("id", "auto") else None
        posts[m.id] = Measured(
            id=m.id, network=m.network, published_at=m.published_at.astimezone(tz), text=m.text,
            post_id=planned.id if planned else None, ref=planned.ref if planned else "",
            format=(planned.format or UNSET) if planned else "",
            pillar=pillars.get(planned.pillar_id, UNSET) if planned else "",
            persona=personas.get(planned.persona_id, UNSET) if planned else "",
            moment=planned.event if planned else "", match=m.match)
    if posts:
        latest: dict[tuple[int, str], Reading] = {}
        ids = list(posts)
        for chunk in range(0, len(ids), 900):
            for r in session.exec(select(Reading).where(Reading.measured_post_id.in_(ids[chunk:chunk + 900]))):
                known = latest.get((r.measured_post_id, r.metric))
                if known is None or r.exported_on > known.exported_on:
                    latest[(r.measured_post_id, r.metric)] = r
        for (mid, metric), r in latest.items():
            item = posts[mid]
            item.figures[metric] = r.value
            if item.exported_on is None or r.exported_on > item.exported_on:
                item.exported_on, item.age_days = r.exported_on, r.age_days
    measured = list(posts.values())
    for item in measured:
        item.rate = engagement(item.network, item.figures)[0]
    _lifts(measured)
    return measured


def _lifts(posts: list[Measured]) -> None:
    by_network: dict[str, list[Measured]] = {}
    for item in posts:
        if item.rate is not None:
            by_network.setdefault(item.network, []).append(item)
    for items in by_network.values():
        overall = statistics.median(i.rate for i in items)
        for index, item in enumerate(items):
            before = [i.rate for i in items[max(0, index - ROLLING):index]]
            median = statistics.median(before) if len(before) >= MIN_BEFORE else overall
            item.lift = math.log((item.rate + EPSILON) / (median + EPSILON))


def label(dimension: str, key: str, lang: str) -> str:
    """What a breakdown's key is called in a report."""
    from core.i18n import t

    if key == UNSET:
        return t("report.unset", lang)
    if dimension == "network":
        return refdata.label(refdata.NETWORKS, key, lang)
    if dimension == "daypart":
        return refdata.label(DAYPARTS, key, lang)
    if dimension == "format":
        return refdata.label(refdata.entries("formats.toml"), key, lang) if key else t("report.outside_plan", lang)
    if dimension == "moment" and not key:
        return t("report.no_moment", lang)
    return key or t("report.outside_plan", lang)
