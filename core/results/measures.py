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
from core.models import MediaLine, MeasuredPost, Persona, Pillar, Post, Reading

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
    paid: bool = False  # the client approved a paid line for it: its figures are not organic

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
    window = (MeasuredPost.brand_id == brand_id, MeasuredPost.published_at >= since, MeasuredPost.published_at < until)
    # Columns, not ORM objects: a year's 2,000 posts and 16,000 readings load in a tenth of the time.
    rows = session.exec(
        select(MeasuredPost.id, MeasuredPost.network, MeasuredPost.published_at, MeasuredPost.text, MeasuredPost.match,
               Post.id, Post.ref, Post.format, Post.pillar_id, Post.persona_id, Post.event)
        .join(Post, MeasuredPost.post_id == Post.id, isouter=True).where(*window)
        .order_by(MeasuredPost.published_at, MeasuredPost.id)).all()
    pillars = {p.id: p.name for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    posts: dict[int, Measured] = {}
    for mid, network, published_at, text, match, post_id, ref, fmt, pillar_id, persona_id, event in rows:
        planned = post_id is not None and match in ("id", "auto", "confirmed")
        posts[mid] = Measured(
            id=mid, network=network, published_at=published_at.astimezone(tz), text=text,
            post_id=post_id if planned else None, ref=ref if planned else "",
            format=(fmt or UNSET) if planned else "",
            pillar=pillars.get(pillar_id, UNSET) if planned else "",
            persona=personas.get(persona_id, UNSET) if planned else "",
            moment=event if planned else "", match=match)
    latest: dict[tuple[int, str], tuple] = {}
    for mid, metric, value, exported_on, age in session.exec(
            select(Reading.measured_post_id, Reading.metric, Reading.value, Reading.exported_on, Reading.age_days)
            .join(MeasuredPost, Reading.measured_post_id == MeasuredPost.id).where(*window)):
        known = latest.get((mid, metric))
        if known is None or exported_on > known[1]:
            latest[(mid, metric)] = (value, exported_on, age)
    for (mid, metric), (value, exported_on, age) in latest.items():
        item = posts[mid]
        item.figures[metric] = value
        if item.exported_on is None or exported_on > item.exported_on:
            item.exported_on, item.age_days = exported_on, age
    measured = list(posts.values())
    sponsored = set(session.exec(select(MediaLine.post_id).where(MediaLine.brand_id == brand_id,
                                                                 MediaLine.status == "valide")))
    for item in measured:
        item.rate = engagement(item.network, item.figures)[0]
        item.paid = item.post_id is not None and item.post_id in sponsored
    _lifts([item for item in measured if not item.paid])
    return measured


def _lifts(posts: list[Measured]) -> None:
    """Lifts of organic posts against organic medians: a sponsored post's reach was bought, so
    it is compared with nothing and changes no median (it keeps ``lift`` None)."""
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
