"""The editorial line: pillars, content mix, formats and the volumetry the budget allows.

Reference data: ``data/formats.toml`` (formats per network with production times),
``data/mix_presets.toml`` (80/20, 4-1-1…), ``data/intents.toml``, ``data/pillar_ideas.toml``,
``data/pillar_patterns.toml`` (how a pillar proposed from keywords is named) and
``data/networks.toml`` (default frequencies).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache

from core import refdata
from core.language.keywords import group_themes, word_key

INTENTS = refdata.entries("intents.toml")
FORMATS = refdata.entries("formats.toml")
SHARES = {k: float(v) for k, v in refdata.load("format_shares.toml")["shares"].items() if k != "source"}
PRESETS = refdata.entries("mix_presets.toml")
DEFAULT_PRESET = "regle_80_20"
DEFAULT_TOLERANCE = 10.0  # percentage points
PALETTE = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6"]
MIN_PILLARS, MAX_PILLARS = 3, 7
EVENT_FORMATS = ("evenement",)  # used only by slots that serve a moment


def formats_for(network: str) -> list[str]:
    """Format keys usable on ``network`` (in the order of ``data/formats.toml``)."""
    return list(_formats_for(network))


@lru_cache(maxsize=64)
def _formats_for(network: str) -> tuple[str, ...]:
    """Once a network: a plan asks twice a post."""
    return tuple(key for key, f in FORMATS.items() if network in f.get("networks", []))


def format_share(fmt: str) -> float:
    """How often ``fmt`` comes up among a network's posts (``data/format_shares.toml``)."""
    return SHARES.get(fmt, 1.0)


def production_minutes(fmt: str) -> int:
    return int(FORMATS.get(fmt, {}).get("minutes", 45))


def minutes_per_post(network: str) -> float:
    """Average production time of a post on ``network``: the mean over its formats, each by
    its share.

    The planner rotates formats by their shares, so over a month that mean is what the
    budget pays; the event announcement format is left out (a few slots a year use it).
    """
    keys = [k for k in formats_for(network) if k not in EVENT_FORMATS and format_share(k) > 0]
    if not keys:
        return 45.0
    total = sum(format_share(k) for k in keys)
    return sum(production_minutes(k) * format_share(k) for k in keys) / total


def preset_targets(preset: str) -> dict[str, float]:
    """Target shares by intent (percent) of a preset; unknown presets fall back to 80/20."""
    entry = PRESETS.get(preset) or PRESETS[DEFAULT_PRESET]
    return {intent: float(entry.get(intent, 0)) for intent in INTENTS}


def pillar_targets(pillars: list[dict]) -> dict[str, float]:
    """Target share by pillar name, normalised to 100; equal shares when none is set."""
    names = [p["name"] for p in pillars if p.get("name")]
    if not names:
        return {}
    shares = {p["name"]: float(p.get("target_share") or 0) for p in pillars if p.get("name")}
    total = sum(shares.values())
    if total <= 0:
        return {name: 100.0 / len(names) for name in names}
    return {name: 100.0 * share / total for name, share in shares.items()}


def shares_problem(pillars: list[dict]) -> float | None:
    """The sum of the pillars' shares when it is not 100 (None when it is, or all are 0)."""
    total = sum(float(p.get("target_share") or 0) for p in pillars)
    if total == 0 or abs(total - 100) < 0.5:
        return None
    return total


# --- pillar proposals ----------------------------------------------------------------

def propose_pillars(brief: dict, keywords: list[str] | None = None, *, lang: str = "fr") -> list[dict]:
    """3 to 7 pillars for a brief: keyword themes when there are keywords, else objectives and sector.

    Each pillar links the objectives it serves and the personas at the funnel stages those
    objectives address (``stages`` in ``data/pillar_ideas.toml``; all personas when none is);
    shares follow objective priority (first objective weighs most) and sum to 100.
    """
    objectives = sorted(brief.get("objectives") or [], key=lambda o: o.get("priority", 1))
    personas = [p["name"] for p in brief.get("personas") or [] if p.get("name")]
    objective_kinds = [o["kind"] for o in objectives if o.get("kind") in refdata.OBJECTIVES]
    ideas = refdata.load("pillar_ideas.toml")
    themes = group_themes(list(keywords or []), lang=lang)
    proposals: list[dict] = []
    if themes:
        used: set = set()
        for i, theme in enumerate(themes[:MAX_PILLARS]):
            kind = objective_kinds[i % len(objective_kinds)] if objective_kinds else None
            proposals.append({
                "name": pillar_name(str(theme["name"]), theme.get("keywords", []), kind, used, lang),
                "description": ", ".join(theme.get("keywords", [])[:6]),
                "objectives": [kind] if kind else [], "keywords": list(theme.get("keywords", [])),
            })
    else:
        sector = (brief.get("brand") or {}).get("sector") or ""
        if sector in ideas.get("sectors", {}):
            idea = ideas["sectors"][sector]
            proposals.append({"name": idea[lang if lang == "en" else "fr"],
                              "description": idea["desc_en" if lang == "en" else "desc_fr"],
                              "objectives": [k for k in objective_kinds if k in ("trafic", "engagement", "notoriete")][:1],
                              "keywords": []})
        for kind in objective_kinds:
            idea = ideas["objectives"].get(kind)
            if idea and all(p["name"] != idea["fr"] for p in proposals):
                proposals.append({"name": idea[lang if lang == "en" else "fr"],
                                  "description": idea["desc_en" if lang == "en" else "desc_fr"],
                                  "objectives": [kind], "keywords": []})
        for kind in ("engagement", "notoriete", "fidelisation"):
            if len(proposals) >= MIN_PILLARS:
                break
            idea = ideas["objectives"][kind]
            if all(p["name"] not in (idea["fr"], idea["en"]) for p in proposals):
                proposals.append({"name": idea[lang if lang == "en" else "fr"],
                                  "description": idea["desc_en" if lang == "en" else "desc_fr"],
                                  "objectives": [], "keywords": []})
    proposals = proposals[:MAX_PILLARS]
    weights = []
    for p in proposals:
        ranks = [objective_kinds.index(k) for k in p["objectives"] if k in objective_kinds]
        weights.append(1.0 / (1 + min(ranks)) if ranks else 0.5)
    total = sum(weights) or 1
    shares = [round(100 * w / total) for w in weights]
    if shares:
        shares[0] += 100 - sum(shares)
    stages_of = {k: set(v.get("stages", [])) for k, v in ideas["objectives"].items()}
    for i, p in enumerate(proposals):
        p["colour"] = PALETTE[i % len(PALETTE)]
        p["target_share"] = float(shares[i])
        wanted = set().union(*(stages_of.get(k, set()) for k in p["objectives"])) if p["objectives"] else set()
        linked = [x["name"] for x in brief.get("personas") or [] if x.get("name") and x.get("funnel_stage") in wanted]
        p["personas"] = linked or list(personas)
    return proposals


def _cue_words(phrases) -> set:
    return {word_key(w) for p in phrases for w in str(p).replace("'", " ").replace("’", " ").split()}


def pillar_name(head: str, keywords, objective: str | None, used: set, lang: str = "fr") -> str:
    """A pillar's name as a community manager writes it: the theme's head phrase in a
    pattern (``data/pillar_patterns.toml``: "Lin lavé : conseils", "Robe d'été : nouveautés").

    The pattern is the one whose cue words most of the theme's keywords hold, then the one
    serving the pillar's objective; a pattern another pillar took (``used``, updated) is
    chosen again only when every other is taken, so that the pillars read apart."""
    patterns = refdata.load("pillar_patterns.toml")["patterns"]
    patterns = {k: v for k, v in patterns.items() if isinstance(v, dict)}
    # the head phrase counts twice: it names the pillar
    phrases = [_cue_words([p]) for p in [head, head, *keywords]]

    def fit(key: str) -> tuple:
        entry = patterns[key]
        cues = set(entry.get("cues", []))
        return (key not in used, sum(bool(words & cues) for words in phrases),
                objective in entry.get("objectives", []), -list(patterns).index(key))

    best = max(patterns, key=fit)
    used.add(best)
    head = " ".join(head.split())[:100]
    head = head[:1].upper() + head[1:]  # not capitalize(): "Bordeaux", "CM" keep their capitals
    entry = patterns[best]
    return entry["en" if lang == "en" else "fr"].format(head=head)[:120]


# --- mix and drift -------------------------------------------------------------------

def mix_of(posts: list[dict], key: str) -> dict[str, float]:
    """Share (percent) of each value of ``key`` among ``posts``."""
    counts = Counter(p.get(key) or "" for p in posts)
    total = sum(counts.values())
    return {k: 100.0 * v / total for k, v in counts.items()} if total else {}


def mix_drift(posts: list[dict], targets: dict[str, float], *, key: str = "pillar",
              tolerance: float = DEFAULT_TOLERANCE) -> list[dict]:
    """Months whose mix strays from ``targets`` by more than ``tolerance`` points.

    ``posts`` carry ``date`` (ISO text or date) and ``key``. Returns one record per month
    and value: ``{"month": "2026-03", "value", "target", "actual", "gap"}``.
    """
    by_month: dict[str, list[dict]] = defaultdict(list)
    for post in posts:
        when = post.get("date")
        if not when:
            continue
        by_month[str(when)[:7]].append(post)
    out = []
    for month in sorted(by_month):
        actual = mix_of(by_month[month], key)
        for value, target in targets.items():
            share = actual.get(value, 0.0)
            if abs(share - target) > tolerance:
                out.append({"month": month, "value": value, "target": round(target, 1),
                            "actual": round(share, 1), "gap": round(share - target, 1)})
    return out


# --- volumetry -----------------------------------------------------------------------

def volumetry(channels: list[dict], hours_per_week: float) -> dict:
    """What the requested frequencies cost in hours, against the weekly budget.

    Returns ``{"rows": [{network, posts_per_week, minutes_per_post, hours}], "needed",
    "budget", "fits", "over_hours", "over_pct", "proposal": {network: posts_per_week}}``.
    The proposal scales every frequency by the same factor so the total fits the budget,
    rounded down to half a post a week (one post every two weeks at least). A budget of
    0 means "not set": nothing fits, and the proposal is empty.
    """
    rows = []
    for c in channels:
        per_post = minutes_per_post(c["network"])
        ppw = float(c.get("posts_per_week") or 0)
        rows.append({"network": c["network"], "posts_per_week": ppw,
                     "minutes_per_post": round(per_post), "hours": round(ppw * per_post / 60, 2)})
    needed = round(sum(r["hours"] for r in rows), 2)
    budget = float(hours_per_week or 0)
    fits = budget > 0 and needed <= budget + 1e-9
    over = round(max(needed - budget, 0.0), 2)
    proposal = {}
    if budget > 0:
        factor = min(1.0, budget / needed) if needed else 1.0
        for r in rows:
            value = math.floor(r["posts_per_week"] * factor * 2) / 2
            proposal[r["network"]] = max(value, 0.5) if r["posts_per_week"] > 0 else 0.0
    return {"rows": rows, "needed": needed, "budget": budget, "fits": fits, "over_hours": over,
            "over_pct": round(100 * over / budget) if budget else None, "proposal": proposal}


def default_channels(networks: list[str]) -> list[dict]:
    """Channels at their default frequency (``data/networks.toml``)."""
    return [{"network": n, "posts_per_week": float(refdata.NETWORKS[n]["default_per_week"])}
            for n in networks if n in refdata.NETWORKS]
