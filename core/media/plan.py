"""A brand's media plan for a period: which posts to sponsor, for whom, where, for how much.

``media_plan`` gathers the candidates (measured posts clearly above their network's median,
``core.media.candidates``; planned posts flagged "to sponsor"; a few tests), prices them with
the brand's own costs when it imported them, else the indicative table, and shares the
budget (``core.media.allocation``). ``save_media_plan`` stores the lines for the client's
approval with the calendar; it replaces the undecided lines of the period, never a decided one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from core import refdata
from core.i18n import t
from core.media import allocation, candidates
from core.media.rules import Costs, MediaError, benchmark_costs, currency_of, money
from core.models import Brand, MediaCost, MediaLine, Objective, Persona, Post
from core.planning.moments import moments_for

SKIPPED_STATUSES = ("refuse", "suspendu", "idee")
NEEDS_LINK = ("trafic", "conversion")
MAX_BUDGET = 10_000_000


@dataclass
class MediaPlan:
    brand: str
    budget: float
    currency: str
    start: date
    end: date
    split: dict
    allocation: allocation.Allocation
    warnings: list[dict] = field(default_factory=list)

    def to_dict(self, lang: str = "fr") -> dict:
        lines = []
        for line in self.allocation.lines:
            row = allocation.line_dict(line)
            row["reason"] = t(line.candidate.reason["key"], lang, **line.candidate.reason.get("params", {}))
            lines.append(row)
        return {"brand": self.brand, "budget": self.budget, "currency": self.currency,
                "from": self.start.isoformat(), "to": self.end.isoformat(), "split": self.split,
                "lines": lines, "unallocated": self.allocation.unallocated,
                "warnings": [warning_dict(w, lang, self.currency) for w in self.warnings + self.allocation.warnings]}


AMOUNTS = ("amount", "minimum", "left")


def warning_dict(warning: dict, lang: str, currency: str) -> dict:
    """A warning as the JSON gives it: its code, its post, its message (amounts written the
    reader's way) and, for a line below a minimum, that minimum as a number."""
    params = {**warning.get("params", {}), "ref": warning.get("ref", "")}
    params.update({k: money(v, currency, lang) for k, v in params.items() if k in AMOUNTS})
    return {"code": warning["code"], "ref": warning.get("ref", ""), "message": t(warning["code"], lang, **params),
            **({"minimum": warning["params"]["minimum"]} if "minimum" in warning.get("params", {}) else {})}


def parse_budget(budget) -> float:
    """A budget as typed ("1500", "1 500,50"), or a MediaError: positive, at most 10 million."""
    text = str(budget).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise MediaError("media.bad_budget", value=budget) from None
    if not 0 < value <= MAX_BUDGET:  # NaN fails both comparisons
        raise MediaError("media.bad_budget", value=budget)
    return round(value, 2)


def check_currency(currency: str | None, brand: Brand) -> str:
    """The brand's currency; a different one asked for is refused rather than converted."""
    expected = currency_of(brand.country)
    if currency and currency.strip().upper() != expected:
        raise MediaError("media.bad_currency", given=currency, expected=expected, brand=brand.name)
    return expected


def brand_costs(brand: Brand, network: str, *, session: Session) -> Costs | None:
    """The brand's own costs on ``network`` when it imported an Ads Manager export, else the
    indicative table's for its country."""
    own = session.exec(select(MediaCost).where(MediaCost.brand_id == brand.id, MediaCost.network == network)).first()
    if own is not None and own.spent > 0:
        bench = benchmark_costs(brand.country, network)
        pick = lambda spent_per, fallback: spent_per if spent_per else fallback  # noqa: E731
        return Costs(
            cpm=pick(own.spent / own.impressions * 1000 if own.impressions else 0, bench.cpm if bench else 0),
            cpc=pick(own.spent / own.clicks if own.clicks else 0, bench.cpc if bench else 0),
            cpe=pick(own.spent / own.engagements if own.engagements else 0, bench.cpe if bench else 0),
            currency=own.currency, origin="brand")
    return benchmark_costs(brand.country, network)


def audience(persona: Persona | None, brand: Brand, lang: str, warnings: list[dict], key: str) -> dict:
    """The line's audience, from its persona: ages, interests, places. What the persona does
    not say is said in a warning, and the line targets the brand's country, adults."""
    country = refdata.label(refdata.COUNTRIES, brand.country, lang)
    if persona is None:
        warnings.append({"code": "media.no_persona", "ref": key, "params": {"country": country}})
        return {"persona": "", "age_min": 18, "age_max": 65, "interests": [], "places": [country]}
    if persona.age_min is None or persona.age_max is None:
        warnings.append({"code": "media.persona_no_age", "ref": key, "params": {"persona": persona.name}})
    return {"persona": persona.name, "age_min": persona.age_min or 18, "age_max": persona.age_max or 65,
            "interests": list(persona.interests or []), "places": [country]}


def _main_objective(brand_id: int, session: Session) -> str:
    first = session.exec(select(Objective).where(Objective.brand_id == brand_id)
                         .order_by(Objective.priority, Objective.id)).first()
    return first.kind if first else "notoriete"


def _already_sponsored(brand_id: int, session: Session) -> set[int]:
    return {line.post_id for line in session.exec(
        select(MediaLine).where(MediaLine.brand_id == brand_id, MediaLine.status == "valide"))
        if line.post_id is not None}


def _measured(brand: Brand, start: date, tz: ZoneInfo, *, session: Session) -> list[candidates.Measured]:
    """The brand's measured posts of the 400 days before ``start``, as the media plan needs them."""
    from core.results import measures

    items = measures.load(brand.id, start - timedelta(days=1), start - timedelta(days=1), tz=tz, session=session)
    planned = {p.id: p for p in session.exec(
        select(Post).where(Post.id.in_([i.post_id for i in items if i.post_id])))} if items else {}
    ended = {}
    out = []
    for item in items:
        post = planned.get(item.post_id)
        _rate, _num, people = measures.engagement(item.network, item.figures)
        moment = item.moment
        over = False
        if moment:
            if moment not in ended:
                spans = moments_for(brand.country, item.published_at.date() - timedelta(days=60),
                                    item.published_at.date() + timedelta(days=60))
                ends = [m.end for m in spans if m.key == moment]
                ended[moment] = max(ends) if ends else item.published_at.date()
            over = ended[moment] < start
        out.append(candidates.Measured(
            key=item.ref or (post.permalink if post else "") or f"#{item.id}",
            post_id=item.post_id, measured_id=item.id, network=item.network,
            published=item.published_at.date(), rate=item.rate, people=people, lift=item.lift,
            objective=post.objective if post else "", persona_id=post.persona_id if post else None,
            link=(post.link if post else "") or "", moment_over=over))
    return out


def media_plan(brand_id: int, budget, start: date, end: date, *, session: Session, currency: str | None = None,
               split: dict | None = None, today: date | None = None, lang: str = "fr") -> MediaPlan:
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise MediaError("media.no_brand", id=brand_id)
    if end < start:
        raise MediaError("media.bad_period", start=start.isoformat(), end=end.isoformat())
    amount, cur = parse_budget(budget), check_currency(currency, brand)
    shares = allocation.check_split(split) if split is not None else allocation.default_split()
    tz = ZoneInfo(brand.timezone)
    today = today or datetime.now(tz).date()
    rules = refdata.load("media_split.toml")["lines"]
    main = _main_objective(brand.id, session)
    personas = {p.id: p for p in session.exec(select(Persona).where(Persona.brand_id == brand.id))}
    warnings: list[dict] = []
    done = _already_sponsored(brand.id, session)
    cands: list[allocation.Candidate] = []

    def costed(network: str, key: str) -> Costs | None:
        costs = brand_costs(brand, network, session=session)
        if costs is None:
            warnings.append({"code": "media.no_cost", "ref": key,
                             "params": {"network": refdata.label(refdata.NETWORKS, network, lang)}})
        return costs

    objective_of = lambda m: m.objective or main  # noqa: E731
    found, skipped = candidates.proven(_measured(brand, start, tz, session=session), today=start,
                                       objective_of=objective_of, needs_link=lambda o: o in NEEDS_LINK)
    warnings.extend({"code": s["code"], "ref": s["ref"], "params": {}} for s in skipped)
    for item in found:
        post = item.post
        if post.post_id in done:
            warnings.append({"code": "media.already_sponsored", "ref": post.key, "params": {}})
            continue
        costs = costed(post.network, post.key)
        if costs is None:
            continue
        cands.append(allocation.Candidate(
            "proven", post.key, post.network, objective_of(post), start, costs, weight=item.shrunk,
            post_id=post.post_id, measured_id=post.measured_id,
            audience=audience(personas.get(post.persona_id), brand, lang, warnings, post.key),
            reason={"key": "media.reason_proven",
                    "params": {"lift": round(item.shrunk * 100), "low": round(item.low * 100)}}))

    planned = planned_posts(brand.id, start, end, session=session)
    used_networks = {c.network for c in cands}
    for post in (p for p in planned if p.sponsor):
        if post.id in done:
            warnings.append({"code": "media.already_sponsored", "ref": post.ref, "params": {}})
            continue
        costs = costed(post.network, post.ref)
        if costs is None:
            continue
        objective = post.objective or main
        if objective in NEEDS_LINK and not post.link:
            warnings.append({"code": "media.skip_no_link", "ref": post.ref, "params": {}})
            continue
        day = post.publish_at.astimezone(tz).date()
        cands.append(allocation.Candidate(
            "growing", post.ref, post.network, objective, day, costs, post_id=post.id,
            audience=audience(personas.get(post.persona_id), brand, lang, warnings, post.ref),
            reason={"key": "media.reason_flagged", "params": {"date": day.strftime("%d/%m/%Y")}}))
        used_networks.add(post.network)

    tests = sorted((p for p in planned if not p.sponsor and p.id not in done
                    and benchmark_costs(brand.country, p.network) is not None),
                   key=lambda p: (p.network in used_networks, -(p.score or 0), p.publish_at, p.id))
    for post in tests[: rules["max_test_lines"]]:
        costs = brand_costs(brand, post.network, session=session)
        day = post.publish_at.astimezone(tz).date()
        cands.append(allocation.Candidate(
            "test", post.ref, post.network, post.objective or main, day, costs, post_id=post.id,
            audience=audience(personas.get(post.persona_id), brand, lang, warnings, post.ref),
            reason={"key": "media.reason_test", "params": {"network": refdata.label(refdata.NETWORKS, post.network, lang)}}))

    result = allocation.allocate(amount, shares, cands, days=rules["days"])
    return MediaPlan(brand.name, amount, cur, start, end, shares, result, warnings)


def planned_posts(brand_id: int, start: date, end: date, *, session: Session) -> list[Post]:
    """The brand's posts dated from ``start`` to ``end`` (in its time zone) that may still go
    out: not refused, not suspended, not mere ideas."""
    tz = ZoneInfo(session.get(Brand, brand_id).timezone)
    window = (datetime.combine(start, time(0), tz), datetime.combine(end + timedelta(days=1), time(0), tz))
    return [p for p in session.exec(select(Post).where(
        Post.brand_id == brand_id, Post.publish_at >= window[0], Post.publish_at < window[1])
        .order_by(Post.publish_at, Post.id)) if p.status not in SKIPPED_STATUSES]


def save_media_plan(plan: MediaPlan, brand_id: int, *, session: Session) -> int:
    """Store the plan's lines for approval; the period's undecided lines are replaced, decided
    ones (approved or refused by the client) stay as they are. Returns the lines written."""
    old = session.exec(select(MediaLine).where(
        MediaLine.brand_id == brand_id, MediaLine.status == "propose",
        MediaLine.start >= plan.start, MediaLine.start <= plan.end))
    for line in old:
        session.delete(line)
    for line in plan.allocation.lines:
        cand = line.candidate
        session.add(MediaLine(brand_id=brand_id, post_id=cand.post_id, measured_post_id=cand.measured_id,
                              ref=cand.key, network=cand.network, objective=cand.objective, tier=cand.tier,
                              amount=line.amount, daily=line.daily, currency=cand.costs.currency,
                              start=cand.start, end=line.end, audience=cand.audience, reason=cand.reason))
    session.flush()
    return len(plan.allocation.lines)


def set_sponsor(post_id: int, wanted: bool, *, session: Session) -> Post:
    """Flag a planned post "to sponsor" (or not): the next media plan gives it a line."""
    post = session.get(Post, post_id)
    if post is None:
        raise MediaError("media.no_post", id=post_id)
    post.sponsor = bool(wanted)
    session.add(post)
    session.flush()
    return post


def lines_of(brand_id: int, start: date, end: date, *, session: Session) -> list[MediaLine]:
    return list(session.exec(select(MediaLine).where(
        MediaLine.brand_id == brand_id, MediaLine.start <= end, MediaLine.end >= start)
        .order_by(MediaLine.start, MediaLine.id)))
