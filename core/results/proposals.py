"""What the results propose to change in the plan, and what the accepted proposals change.

Calame proposes; the social media manager accepts or refuses; nothing changes by itself.
Only figures whose 90 % interval leaves no doubt (``Group.evidence`` "above" or "below",
``core.results.report``) give a proposal:

- **pillar mix**: the best pillar gains up to ``MAX_SHIFT`` points a month, taken from the
  worst one (else the weakest one above its floor), never below the floor the manager sets
  (``floor``, default ``DEFAULT_FLOOR`` points) and never more than ``MAX_SHIFT`` points a
  pillar over the proposals accepted in the last 30 days;
- **posting time**: the best daypart × weekday/weekend cell instead of the most used cell,
  when the most used one is not itself clearly above;
- **formats**: more of a format clearly above, less of one clearly below.

A new report replaces the proposals still waiting; accepted and refused ones stay, with who
decided and when. ``plan_adjustments`` is what the planner reads: the pillar shares after
the accepted shifts, the preferred hours, the formats to do more or less of.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

from sqlmodel import Session, select

from core import refdata
from core.i18n import MessageError, t
from core.models import Pillar, Proposal, utcnow
from core.results.measures import DAYPARTS
from core.results.report import Report

MAX_SHIFT = 5.0
DEFAULT_FLOOR = 10.0
MAX_FLOOR = 50.0  # above, two pillars could not both keep their floor
KINDS = ("pillar_mix", "posting_time", "format")
STATUSES = ("proposed", "accepted", "refused")


class ProposalError(MessageError):
    pass


def _pct(x: float | None) -> float | None:
    return None if x is None else round(100 * x, 1)


def _ev(group) -> dict:
    return {"label": group.label, "posts": group.posts, "value": _pct(group.value),
            "low": _pct(group.low), "high": _pct(group.high)}


def _accepted_shift(brand_id: int, pillar: str, *, session: Session) -> float:
    since = utcnow() - timedelta(days=30)
    moved = 0.0
    for p in session.exec(select(Proposal).where(Proposal.brand_id == brand_id, Proposal.kind == "pillar_mix",
                                                 Proposal.status == "accepted", Proposal.decided_at >= since)):
        if pillar in (p.change.get("to"), p.change.get("from")):
            moved += p.change.get("points", 0.0)
    return moved


def propose(report: Report, brand_id: int, *, session: Session, floor: float = DEFAULT_FLOOR) -> list[Proposal]:
    """The proposals of ``report``, stored in place of those still waiting."""
    if not 0 <= floor <= MAX_FLOOR:
        raise ProposalError("proposal.bad_floor", floor=floor, max=MAX_FLOOR)
    for old in session.exec(select(Proposal).where(Proposal.brand_id == brand_id, Proposal.status == "proposed")):
        session.delete(old)
    made = []
    shares = {p.name: p.target_share for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    pillars = [g for g in report.by["pillar"] if g.key in shares]
    above = [g for g in pillars if g.evidence == "above"]
    if above:
        best = max(above, key=lambda g: g.value)
        below = [g for g in pillars if g.evidence == "below"]
        donors = sorted(below or [g for g in pillars if g is not best and g.value is not None], key=lambda g: g.value)
        donor = next((g for g in donors if shares[g.key] > floor), None)
        if donor is not None:
            room = min(MAX_SHIFT - _accepted_shift(brand_id, best.key, session=session),
                       MAX_SHIFT - _accepted_shift(brand_id, donor.key, session=session),
                       shares[donor.key] - floor)
            if room > 0:
                points = round(room, 1)
                made.append(Proposal(
                    brand_id=brand_id, kind="pillar_mix", subject=best.key,
                    change={"to": best.key, "from": donor.key, "points": points, "floor": floor},
                    evidence={"best": _ev(best), "worst": _ev(donor), "to_share": shares[best.key],
                              "from_share": shares[donor.key]},
                    period_from=report.start, period_to=report.end))
    cells = report.best_times["cells"]
    clear = [c for c in cells if c["evidence"] == "above"]
    if clear and cells:
        best = max(clear, key=lambda c: c["value"])
        used = max(cells, key=lambda c: c["posts"])
        if used["key"] != best["key"] and used["evidence"] != "above":
            part = DAYPARTS[best["daypart"]]
            hours = f"{part['start']:02d}:00-" + (f"{part['end']:02d}:00" if part["end"] < 24 else "23:59")
            made.append(Proposal(
                brand_id=brand_id, kind="posting_time", subject=best["key"],
                change={"from_cell": used["key"], "to_cell": best["key"], "hours": hours,
                        "week_part": best["week_part"]},
                evidence={"best": {k: best[k] for k in ("label", "posts", "value", "interval")},
                          "used": {k: used[k] for k in ("label", "posts", "value", "interval")},
                          "detectable": report.best_times["detectable_effect"]},
                period_from=report.start, period_to=report.end))
    for group in report.by["format"]:
        if group.key and group.evidence in ("above", "below"):
            direction = "more" if group.evidence == "above" else "less"
            made.append(Proposal(brand_id=brand_id, kind="format", subject=group.key,
                                 change={"format": group.key, "direction": direction},
                                 evidence={"format": _ev(group)}, period_from=report.start, period_to=report.end))
    for proposal in made:
        session.add(proposal)
    session.flush()
    return made


def list_proposals(brand_id: int, *, session: Session, status: str | None = None) -> list[Proposal]:
    query = select(Proposal).where(Proposal.brand_id == brand_id)
    if status:
        query = query.where(Proposal.status == status)
    return list(session.exec(query.order_by(Proposal.id)))


def decide(proposal_id: int, accept: bool, *, session: Session, by: str = "") -> Proposal:
    """Accept or refuse a waiting proposal; a decided one stays as it was decided."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise ProposalError("proposal.unknown", id=proposal_id)
    if proposal.status != "proposed":
        raise ProposalError("proposal.decided", id=proposal_id)
    proposal.status = "accepted" if accept else "refused"
    proposal.decided_at, proposal.decided_by = utcnow(), by
    session.add(proposal)
    session.flush()
    return proposal


def explain(proposal: Proposal, lang: str) -> dict[str, str]:
    """The three parts every proposal says: the figures, the proposal, the reason."""
    c, e = proposal.change, proposal.evidence
    if proposal.kind == "pillar_mix":
        numbers = t("proposal.pillar.numbers", lang, best=c["to"], best_value=_signed(e["best"]["value"], lang),
                    best_low=_signed(e["best"]["low"], lang), best_high=_signed(e["best"]["high"], lang),
                    best_posts=e["best"]["posts"], worst=c["from"], worst_value=_signed(e["worst"]["value"], lang),
                    worst_posts=e["worst"]["posts"])
        what = t("proposal.pillar.what", lang, best=c["to"], worst=c["from"], points=_num(c["points"], lang),
                 to_before=_num(e["to_share"], lang), to_after=_num(e["to_share"] + c["points"], lang),
                 from_before=_num(e["from_share"], lang), from_after=_num(e["from_share"] - c["points"], lang))
        why = t("proposal.pillar.why", lang, max=_num(MAX_SHIFT, lang), floor=_num(c["floor"], lang))
    elif proposal.kind == "posting_time":
        best, used = e["best"], e["used"]
        numbers = t("proposal.time.numbers", lang, best=_cell(c["to_cell"], lang), best_posts=best["posts"],
                    best_value=_signed(_pct(best["value"]), lang), used=_cell(c["from_cell"], lang),
                    used_posts=used["posts"], used_value=_signed(_pct(used["value"]), lang))
        what = t("proposal.time.what", lang, used=_cell(c["from_cell"], lang), best=_cell(c["to_cell"], lang))
        why = t("proposal.time.why", lang, detectable=_signed(_pct(e.get("detectable")), lang))
    else:
        f = e["format"]
        name = refdata.label(refdata.entries("formats.toml"), c["format"], lang)
        numbers = t("proposal.format.numbers", lang, format=name, posts=f["posts"], value=_signed(f["value"], lang),
                    low=_signed(f["low"], lang), high=_signed(f["high"], lang))
        what = t(f"proposal.format.{c['direction']}", lang, format=name)
        why = t("proposal.format.why", lang)
    return {"numbers": numbers, "proposal": what, "why": why}


def _cell(key: str, lang: str) -> str:
    part, week = key.split("|")
    return f"{refdata.label(DAYPARTS, part, lang)}, {t('report.' + week, lang)}"


def _num(x: float, lang: str) -> str:
    from core.results.words import number

    return number(x, lang, 1)


def _signed(x: float | None, lang: str) -> str:
    from core.results.words import signed_percent

    return signed_percent(None if x is None else x / 100, lang)


def to_dict(proposal: Proposal, lang: str) -> dict:
    return {"id": proposal.id, "kind": proposal.kind, "subject": proposal.subject, "status": proposal.status,
            "change": proposal.change, "period": [proposal.period_from.isoformat(), proposal.period_to.isoformat()],
            "decided_by": proposal.decided_by,
            "decided_at": proposal.decided_at.isoformat() if proposal.decided_at else None, **explain(proposal, lang)}


# -- what the planner reads -------------------------------------------------------------------

def plan_adjustments(brand_id: int, *, session: Session) -> dict:
    """The plan settings the accepted proposals give: ``pillar_shares`` (name -> percent, after
    every accepted shift, none below its floor), ``preferred_hours`` (["12:00-14:00"], the
    latest accepted posting time first), ``formats_more`` and ``formats_less``."""
    shares = {p.name: p.target_share for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id)
                                                           .order_by(Pillar.id))}
    hours: list[str] = []
    more: list[str] = []
    less: list[str] = []
    for p in session.exec(select(Proposal).where(Proposal.brand_id == brand_id, Proposal.status == "accepted")
                          .order_by(Proposal.decided_at, Proposal.id)):
        c = p.change
        if p.kind == "pillar_mix" and c["to"] in shares and c["from"] in shares:
            points = min(c["points"], max(0.0, shares[c["from"]] - c.get("floor", 0.0)))
            shares[c["to"]] += points
            shares[c["from"]] -= points
        elif p.kind == "posting_time":
            hours = [c["hours"], *[h for h in hours if h != c["hours"]]]
        elif p.kind == "format":
            target, other = (more, less) if c["direction"] == "more" else (less, more)
            if c["format"] in other:
                other.remove(c["format"])
            if c["format"] not in target:
                target.append(c["format"])
    return {"pillar_shares": {k: round(v, 1) for k, v in shares.items()}, "preferred_hours": hours,
            "formats_more": more, "formats_less": less}


def with_accepted_proposals(brief: dict, brand_id: int, *, session: Session) -> dict:
    """``brief`` (``core.brands.brief_of``) as the next re-plan should see it: the pillars'
    target shares after the accepted shifts, and the accepted posting hours first in every
    persona's active hours (the planner places a slot in its persona's first matching
    range). The brand's own brief in the database is left as it is; the formats to do more
    or less of are in ``plan_adjustments``."""
    adjusted = copy.deepcopy(brief)
    settings = plan_adjustments(brand_id, session=session)
    for pillar in adjusted.get("pillars", []):
        if pillar.get("name") in settings["pillar_shares"]:
            pillar["target_share"] = settings["pillar_shares"][pillar["name"]]
    if settings["preferred_hours"]:
        for persona in adjusted.get("personas", []):
            persona["active_hours"] = [*settings["preferred_hours"],
                                       *[h for h in persona.get("active_hours", []) if h not in settings["preferred_hours"]]]
    return adjusted
