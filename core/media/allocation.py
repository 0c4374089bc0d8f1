"""Share a media budget into lines a platform will accept.

The budget is split in three tiers (``data/media_split.toml``, 70/20/10 by default): proven
posts (measured, clearly above their network's median), growing ones (planned posts flagged
"to sponsor": a launch, a sales period) and tests. Inside a tier, each candidate in order of
merit first gets the least it may spend (the platform's minimum daily budget or the learning
phase's, whichever is higher, over the line's days, and the platform's lifetime minimum); a
candidate the tier cannot afford is a warning with that minimum, never a line. What is left
of a tier is then spread over its lines by weight. A tier without a line leaves its share
unallocated, and says so: the manager chose the split, Calame does not move money between
tiers on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from core import refdata
from core.media.rules import Costs, MediaError, daily_floor, expected, minimum_lifetime

TIERS = ("proven", "growing", "test")


@dataclass
class Candidate:
    tier: str
    key: str                  # reference shown to the client
    network: str
    objective: str
    start: date
    costs: Costs
    weight: float = 1.0
    post_id: int | None = None
    measured_id: int | None = None
    audience: dict = field(default_factory=dict)
    reason: dict = field(default_factory=dict)  # {"key": message key, "params": {...}}
    days: int = 0


@dataclass
class Line:
    candidate: Candidate
    amount: float
    days: int

    @property
    def daily(self) -> float:
        return round(self.amount / self.days, 2)

    @property
    def end(self) -> date:
        return self.candidate.start + timedelta(days=self.days - 1)


@dataclass
class Allocation:
    lines: list[Line] = field(default_factory=list)
    unallocated: float = 0.0
    warnings: list[dict] = field(default_factory=list)  # {"code", "ref"?, "params"}


def default_split() -> dict[str, float]:
    split = refdata.load("media_split.toml")["split"]
    return {tier: float(split[tier]) for tier in TIERS}


def check_split(split: dict) -> dict[str, float]:
    """The split as percentages per tier; refused unless each is 0–100 and they add up to 100."""
    try:
        values = {tier: float(split.get(tier, 0)) for tier in TIERS}
    except (TypeError, ValueError, AttributeError):
        raise MediaError("media.bad_split", value=split, total="?") from None
    unknown = set(split) - set(TIERS) if isinstance(split, dict) else set()
    total = sum(values.values())
    if unknown or any(not 0 <= v <= 100 for v in values.values()) or abs(total - 100) > 0.01:
        raise MediaError("media.bad_split", value="/".join(f"{values[t]:g}" for t in TIERS), total=f"{total:g}")
    return values


def parse_split(text: str) -> dict[str, float]:
    """``"70/20/10"`` (proven/growing/test) as a split."""
    parts = [p.strip() for p in str(text).split("/")]
    if len(parts) != 3:
        raise MediaError("media.bad_split", value=text, total="?")
    try:
        values = [float(p.replace(",", ".")) for p in parts]
    except ValueError:
        raise MediaError("media.bad_split", value=text, total="?") from None
    return check_split(dict(zip(TIERS, values)))


def allocate(budget: float, split: dict[str, float], candidates: list[Candidate], *, days: int) -> Allocation:
    """Lines for ``candidates`` (each tier's in order of merit) within ``budget``."""
    out = Allocation()
    for tier in TIERS:
        share = round(budget * split[tier] / 100, 2)
        if share <= 0:
            continue
        left = share
        lines: list[Line] = []
        for cand in (c for c in candidates if c.tier == tier):
            line_days = cand.days or days
            floor = max(daily_floor(cand.network, cand.objective, cand.costs) * line_days,
                        minimum_lifetime(cand.network, cand.costs.currency))
            floor = round(floor, 2)
            if floor > left + 1e-9:
                out.warnings.append({"code": "media.below_minimum", "ref": cand.key,
                                     "params": {"network": cand.network, "minimum": floor,
                                                "days": line_days, "left": round(left, 2)}})
                continue
            lines.append(Line(cand, floor, line_days))
            left = round(left - floor, 2)
        if not lines:
            out.unallocated = round(out.unallocated + share, 2)
            out.warnings.append({"code": f"media.tier_empty_{tier}", "params": {"amount": share}})
            continue
        total_weight = sum(max(line.candidate.weight, 0.01) for line in lines)
        for line in lines:
            line.amount = round(line.amount + left * max(line.candidate.weight, 0.01) / total_weight, 2)
        spent = round(sum(line.amount for line in lines), 2)
        out.unallocated = round(out.unallocated + share - spent, 2)
        out.lines.extend(lines)
    return out


def line_dict(line: Line) -> dict:
    cand = line.candidate
    return {"ref": cand.key, "network": cand.network, "objective": cand.objective, "tier": cand.tier,
            "amount": line.amount, "daily": line.daily, "start": cand.start.isoformat(),
            "end": line.end.isoformat(), "audience": cand.audience,
            "expected": expected(line.amount, cand.costs)}
