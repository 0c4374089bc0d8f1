"""The seasonal calendar: from a brief to dated slots, each with a first draft.

How a plan is built (decisions in ``docs/planning.md``):

1. Slots: per network, each week gets ``posts_per_week`` slots (fractions accumulate from
   week to week), spread over the brand's publishing days in proportion (the network's best
   days, ``data/posting_times.toml``, first on ties), a rubric's weekday kept for it, at the
   network's best hours or in the active hours of the slot's persona; the brand's quiet
   days (``core.planning.moment_prefs``) stay empty.
2. Pillars and intents: each slot takes the pillar (and the intent) furthest behind its
   target share so far, not the pillar of the previous slot on the same network unless
   the mix forces it (every other pillar is a post ahead of its target); ties are broken by a random generator seeded with ``seed``,
   so a plan is reproducible.
3. Moments (``core.planning.moments``, as the brand follows and skips them, with the lead
   times of ``core.planning.lead_times``): a moment's teasing and reminder posts take the slot
   nearest before their target date, so lead times are respected without extra slots; its
   launch takes each network's first slot from the first day on (in the first week), or
   one of the two days before when the network has none, written then as a teaser.
4. Drafts (``core.planning.drafts``) and, unless ``score=False``, scores (``core.scoring.engine``).

Re-planning (``plan_brand``) keeps every post a human edited (``locked``) or moved past
the draft stage (any status other than ``brouillon``/``idee``); they take the place of
the generated slot nearest to them on their network and week, and count in the mix.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert
from sqlmodel import select

from core import db, refdata
from core.brands import brand_code, brief_of, derive_code
from core.brief import ITEM_FIELDS, normalise
from core.dates import add_months
from core.fields import clean
from core.i18n import MessageError, t
from core.labels import number
from core.models import Approval, Brand, ExportSnapshot, Keyword, Persona, Pillar, Post, PostVersion, utcnow
from core.planning import copy_formats, editorial, lead_times, moment_prefs, moments
from core.planning.rubrics import long_date
from core.planning.drafts import DraftWriter, Slot, rubric_networks
from core.posts import create_post, new_refs, ref_prefix
from core.results.proposals import with_accepted_proposals
from core.scoring.engine import score_many

MAX_MONTHS = 24
BULK_THRESHOLD = 20  # more new posts than this are written with multi-row INSERTs
PLANNER = "calame-planner"
REPLACEABLE_STATUSES = ("brouillon",)
EVENT_WINDOW_DAYS = 6
REPEAT_SLACK = 1.0  # posts a pillar may run ahead of its target to avoid a repetition
EVENT_FORMATS = editorial.EVENT_FORMATS
#: formats whose content is their own (a poll's answers, a giveaway, the workshop's hands, a customer's
#: words, a price): a rubric's post carries the rubric instead; an enigma in "coulisses" is neither
RUBRIC_UNFIT = ("sondage", "question", "jeu_concours", "live", "coulisses", "temoignage", "promotion")
_COMMENTS = re.compile(r"(?i)\bcommentaires?\b|\bcomments\b|\bcomment (?:below|on)\b")
JSON_KEYS = ("ref", "date", "time", "network", "format", "pillar", "persona", "objective", "intent",
             "keywords", "event", "text", "hashtags", "link", "visual_brief", "status", "score")


class PlanError(MessageError):
    """A plan that cannot be made; ``key`` and ``params`` give the message (``core.i18n.t``)."""


@dataclass
class PlanResult:
    posts: list[dict]
    warnings: list[str] = field(default_factory=list)
    moments: list = field(default_factory=list)


def _parse_hhmm(text: str) -> time:
    hh, mm = text.split(":")
    return time(int(hh) % 24, int(mm))


def _ranges(active_hours: list[str]) -> list[tuple[time, time]]:
    out = []
    for slot in active_hours or []:
        try:
            a, b = slot.split("-")
            end = time(23, 59) if b.startswith("24") else _parse_hhmm(b)
            out.append((_parse_hhmm(a), end))
        except ValueError:
            continue
    return out


def aware(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``tz``; a time that does not exist (spring DST gap) moves forward."""
    naive = datetime.combine(day, at)
    local = naive.replace(tzinfo=tz)
    round_trip = local.astimezone(timezone.utc).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        local = round_trip
    return local


def working_days_before(day: date, n: int) -> date:
    while n > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _weighted_pick(counts: Counter, targets: dict[str, float], total: int, rng: random.Random,
                   exclude: str | None = None) -> str:
    """The key furthest behind its target share (percent) after ``total`` items."""
    best, best_score = None, None
    for key, share in targets.items():
        if key == exclude:
            continue
        score = share / 100.0 * (total + 1) - counts[key] + rng.random() * 1e-6
        if best_score is None or score > best_score:
            best, best_score = key, score
    return best


class _Planner:
    def __init__(self, brief: dict, start: date, months: int, *, seed: int, options: dict):
        self.brief = brief
        self.start = start
        self.end = add_months(start, months)  # exclusive
        self.seed = seed
        self.rng = random.Random(seed)
        self.options = options
        self.warnings: list[str] = []
        self.lang_ui = options.get("ui_lang", "fr")
        info = brief["brand"]
        self.tz = ZoneInfo(info.get("timezone") or "Europe/Paris")
        self.lang = (info.get("languages") or ["fr"])[0]
        # a brand of no known sector that speaks to businesses keeps the B2B week
        profile = moments.sector_profile(moment_prefs.calendar_sector(brief))
        days = options.get("publishing_days")
        self.publishing_days = sorted(set(days if days else profile.get("publishing_days", range(7))))
        self.times = refdata.entries("posting_times.toml")
        self.writer = DraftWriter.from_brief(brief)
        self.warnings += self.writer.warnings(self.lang_ui)

    def w(self, key: str, **params) -> None:
        self.warnings.append(t(key, self.lang_ui, **params))

    # -- slots ------------------------------------------------------------------------
    def slots(self) -> list[dict]:
        """Each network's slots, week by week, spread over every publishing day in proportion.

        Each day earns its share of the network's weekly posts; a week's posts go to the
        days furthest behind their share, then to the days the other networks left empty
        that week, then to the network's best days: three posts a week on six days alternate
        between two sets of three days, so the weekend gets its posts. A rubric's weekday
        takes one of its network's posts every week.
        """
        out = []
        monday = self.start - timedelta(days=self.start.weekday())
        rubric_days = self.rubric_plan = self.rubric_days()
        # a rubric the brief gave no weekday is written on the day chosen for it here
        self.writer.rubric_day_of = {name: day for by_day in rubric_days.values() for day, name in by_day.items()}
        nets = []
        for channel in self.brief["channels"]:
            network = channel["network"]
            spec = self.times.get(network, {})
            ranked = [d for d in spec.get("days", range(7)) if d in self.publishing_days]
            ranked += [d for d in self.publishing_days if d not in ranked]
            nets.append({"network": network, "per_week": float(channel["posts_per_week"] or 0), "ranked": ranked,
                         "hours": [_parse_hhmm(h) for h in spec.get("hours", ["12:00"])], "acc": 0.0,
                         "credit": Counter()})
        week = monday
        while week < self.end:
            this_week: Counter = Counter()
            for net in nets:
                net["acc"] += net["per_week"]
                count = int(math.floor(net["acc"] + 1e-9))
                net["acc"] -= count
                ranked, credit = net["ranked"], net["credit"]
                in_range = [d for d in ranked if self.start <= week + timedelta(days=d) < self.end]
                if len(in_range) < len(ranked):  # a partial first or last week: its share of the posts
                    count = sum(1 for i in range(count) if ranked[i % len(ranked)] in in_range)
                    ranked = in_range
                for d in ranked:
                    credit[d] += count / len(ranked)
                picks: list[int] = []
                forced = [d for d in rubric_days.get(net["network"], ()) if d in ranked]
                for d in forced[:count]:
                    picks.append(d)
                    credit[d] -= 1
                while len(picks) < count:
                    d = max(ranked, key=lambda d: (round(credit[d] - picks.count(d), 9), -this_week[d], -ranked.index(d)))
                    picks.append(d)
                    credit[d] -= 1
                per_day = Counter(picks)
                for weekday, n in per_day.items():
                    this_week[weekday] += n
                    day = week + timedelta(days=weekday)
                    if not self.start <= day < self.end:
                        continue
                    hours = net["hours"]
                    for k in range(n):
                        at = hours[k % len(hours)]
                        if k >= len(hours):
                            at = time((at.hour + k // len(hours)) % 24, at.minute)
                        slot = {"day": day, "time": at, "network": net["network"], "week": week, "order": k}
                        if k == 0 and weekday in forced:
                            slot["rubric"] = rubric_days[net["network"]][weekday]
                        out.append(slot)
            week += timedelta(days=7)
        out.sort(key=lambda s: (s["day"], s["time"], s["network"]))
        return out

    def rubric_days(self) -> dict[str, dict[int, str]]:
        """For each network, the weekdays its rubrics need a post on (rubric name by weekday), with a
        warning for each rubric that cannot get one: no weekday, a day that is not a publishing
        day, or only networks the brand does not post on."""
        channels = [c["network"] for c in self.brief["channels"]]
        days_text = ", ".join(t(f"plan.weekday_{d}", self.lang_ui) for d in self.publishing_days)
        out: dict[str, dict[int, str]] = defaultdict(dict)
        for r in self.brief.get("rubrics") or []:
            if not isinstance(r, dict) or not r.get("name"):
                continue
            day = r.get("weekday")
            wanted = rubric_networks(r, channels)
            if day is None and wanted:  # no fixed day: the first network's best free publishing day
                spec = self.times.get(wanted[0], {})
                best = [d for d in spec.get("days", range(7)) if d in self.publishing_days and d not in out[wanted[0]]]
                day = best[0] if best else None
            if day not in range(7) or isinstance(day, bool):
                self.w("plan.warn_rubric_no_day", name=r["name"])
                continue
            if day not in self.publishing_days:
                self.w("plan.warn_rubric_day", name=r["name"], day=t(f"plan.weekday_{day}", self.lang_ui), days=days_text)
                continue
            if not wanted:
                self.w("plan.warn_rubric_network", name=r["name"], networks=", ".join(r.get("networks") or []),
                       channels=", ".join(channels))
                continue
            free = [n for n in wanted if day not in out[n]]
            if not free:
                self.w("plan.warn_rubric_clash", name=r["name"], day=t(f"plan.weekday_{day}", self.lang_ui),
                       other=out[wanted[0]][day])
                continue
            out[free[0]][day] = r["name"]
        return out

    def quiet(self, slots: list[dict]) -> list[dict]:
        """The slots without the brand's quiet days (``core.planning.moment_prefs``): a slot on a
        quiet public holiday moves to a free publishing day of its week, one in a quiet period
        is left out; both are said in a warning."""
        country = self.brief["brand"].get("country") or "FR"
        holidays = set(moments.holiday_dates(country, self.start, self.end))
        quiet = moment_prefs.quiet_days(self.brief, self.start, self.end, holidays)
        if not quiet:
            return slots
        taken = {(s["network"], s["day"]) for s in slots}
        kept, moved, dropped = [], 0, []
        for s in slots:
            if s["day"] not in quiet:
                kept.append(s)
                continue
            if s["day"] in holidays:
                other = [s["week"] + timedelta(days=d) for d in self.publishing_days]
                other = [d for d in other if self.start <= d < self.end and d not in quiet
                         and (s["network"], d) not in taken]
                if other:
                    day = min(other, key=lambda d: abs((d - s["day"]).days))
                    taken.add((s["network"], day))
                    kept.append({key: v for key, v in s.items() if key != "rubric"} | {"day": day})
                    moved += 1
                    continue
            dropped.append(s)
        if moved:
            self.w("plan.warn_holiday_moved", count=moved)
        if dropped:
            self.w("plan.warn_quiet", count=len(dropped), periods=", ".join(moment_prefs.quiet_periods(self.brief)) or "-")
        kept.sort(key=lambda s: (s["day"], s["time"], s["network"]))
        return kept

    def check_days(self, slots: list[dict]) -> None:
        """Warn about the publishing days left without any post, and the rubrics that miss weeks."""
        used = {s["day"].weekday() for s in slots}
        span = (self.end - self.start).days
        if span >= 7:
            idle = [d for d in self.publishing_days if d not in used]
            if idle:
                per_week = sum(float(c["posts_per_week"] or 0) for c in self.brief["channels"])
                self.w("plan.warn_days_unused", days=", ".join(t(f"plan.weekday_{d}", self.lang_ui) for d in idle),
                       per_week=f"{per_week:g}", count=len(self.publishing_days))
        for network, by_day in getattr(self, "rubric_plan", {}).items():
            for weekday, name in by_day.items():
                weeks = {s["week"] for s in slots if s.get("rubric") == name}
                expected = {self.start + timedelta(days=i) for i in range(span)}
                expected = {d - timedelta(days=d.weekday()) for d in expected if d.weekday() == weekday}
                if len(weeks) < len(expected):
                    self.w("plan.warn_rubric_weeks", name=name, got=len(weeks), weeks=len(expected), network=network,
                           day=t(f"plan.weekday_{weekday}", self.lang_ui))

    # -- moments ----------------------------------------------------------------------
    def place_events(self, slots: list[dict]) -> list:
        country = self.brief["brand"].get("country") or "FR"
        if country not in refdata.COUNTRIES:
            self.w("plan.warn_country", country=country, valid=", ".join(refdata.COUNTRIES))
        sector = moment_prefs.calendar_sector(self.brief)  # a florist of sector « autre » keeps a shop's moments
        horizon = self.end + timedelta(weeks=8)
        found = moments.moments_for(country, self.start, horizon, sector=sector, tz=self.tz)
        found = moment_prefs.apply(found, self.brief, self.start, horizon)
        by_day: dict[date, list[dict]] = defaultdict(list)
        for s in slots:
            by_day[s["day"]].append(s)
        networks = [c["network"] for c in self.brief["channels"]]
        turn = 0
        for m in found:
            for ph in lead_times.plan_phases(m, sector=sector, networks=networks):
                if not self.start <= ph.target < self.end:
                    continue
                allowed = [n for n in networks if (ph.network is None or n == ph.network) and n not in ph.not_networks]
                if not allowed:
                    continue
                if ph.phase == "launch":
                    high = min(m.end, m.start + timedelta(days=EVENT_WINDOW_DAYS))
                    candidates_days = [m.start + timedelta(days=i) for i in range((high - m.start).days + 1)] + \
                                      [m.start - timedelta(days=i) for i in range(1, 3)]
                else:
                    low = ph.earliest or ph.target - timedelta(days=EVENT_WINDOW_DAYS)
                    candidates_days = [ph.target - timedelta(days=i) for i in range((ph.target - low).days + 1)]
                order = allowed[turn % len(allowed):] + allowed[:turn % len(allowed)]
                # a campaign's launch runs on every network (one slot each), other phases on one
                wanted = len(allowed) if ph.every_network or (ph.phase == "launch" and m.weight >= 3) else 1
                chosen = self._free_slots(by_day, candidates_days, allowed, order, wanted)
                if not chosen and ph.phase == "launch" and moment_prefs.followed(m, self.brief):
                    # a day the brand follows that falls on no free publishing day (a Sunday, the
                    # rubric's day) is announced on the nearest free day of the week before
                    chosen = self._free_slots(by_day, [m.start - timedelta(days=i) for i in range(3, 8)],
                                              allowed, order, wanted)
                    if not chosen:
                        self.w("plan.warn_moment_no_day", moment=m.label(self.lang_ui),
                               day=long_date(m.start, self.lang_ui))
                if not chosen:
                    continue
                turn += 1
                for slot in chosen:
                    slot["event"] = m
                    # a launch slot taken before the first day ("C'est parti !" would be
                    # false there) announces the moment instead
                    slot["phase"] = "teasing" if ph.phase == "launch" and slot["day"] < m.start else ph.phase
                    slot["days_left"] = max((m.start - slot["day"]).days, 0)
        return found

    @staticmethod
    def _free_slots(by_day: dict, days: list[date], allowed: list[str], order: list[str], wanted: int) -> list[dict]:
        """The first free slots of ``days`` (no moment, kept post or rubric on them yet), one a
        network in ``order``, up to ``wanted``; a single one is not a letter when another fits."""
        chosen: list[dict] = []
        for d in days:
            free = [s for s in by_day.get(d, []) if not s.get("event") and not s.get("kept")
                    and not s.get("rubric") and s["network"] in allowed
                    and s["network"] not in {c["network"] for c in chosen}]
            free.sort(key=lambda s: order.index(s["network"]))
            if wanted == 1:
                free = [s for s in free if s["network"] != "newsletter"] or free
            for slot in free:
                if len(chosen) < wanted and slot["network"] not in {c["network"] for c in chosen}:
                    chosen.append(slot)
            if len(chosen) >= wanted:
                break
        return chosen

    # -- assignment ---------------------------------------------------------------------
    def assign(self, slots: list[dict], kept: list[dict]) -> None:
        pillars = [p for p in self.brief["pillars"] if p.get("name")]
        if not pillars:
            pillars = editorial.propose_pillars(self.brief, self.options.get("keywords"), lang=self.lang)
            self.brief["pillars"] = pillars
            self.w("plan.warn_no_pillars", names=", ".join(p["name"] for p in pillars))
        self.pillars = {p["name"]: p for p in pillars}
        p_targets = editorial.pillar_targets(pillars)
        forced = sum(1 for v in p_targets.values() if v > 0) <= 1
        i_targets = editorial.preset_targets(self.options.get("intent_preset") or editorial.DEFAULT_PRESET)
        i_targets = {k: v for k, v in i_targets.items() if v > 0}
        personas = [p for p in self.brief["personas"] if p.get("name")]
        # who each persona buys for, when the brief has both a company buyer and a private customer
        self.audiences = copy_formats.persona_audiences(personas)
        rubrics = {r.get("name"): r for r in self.brief.get("rubrics") or [] if isinstance(r, dict)}
        objectives = sorted(self.brief["objectives"], key=lambda o: o.get("priority", 1))
        o_targets = {}
        for o in objectives:
            o_targets[o["kind"]] = o_targets.get(o["kind"], 0) + 1.0 / max(o.get("priority", 1), 1)
        total_o = sum(o_targets.values()) or 1
        o_targets = {k: 100 * v / total_o for k, v in o_targets.items()}
        keywords = [k for k in self.options.get("keywords") or [] if k]
        excluded = self.writer.excluded_formats  # the brief's, the same for every slot: computed once
        # a testimonial is a customer's words: a brief without any (docs/drafts.md) gets, in its
        # testimonial slots, a call for reviews published as an image + text post
        quoted = any(copy_formats.quotes(o) for o in self.brief.get("offers") or [])

        p_count, i_count, o_count = Counter(), Counter(), Counter()
        persona_count, format_count, kw_count = Counter(), Counter(), Counter()
        last_pillar: dict[str, str] = {}
        for k in kept:
            if k.get("pillar") in p_targets:
                p_count[k["pillar"]] += 1
            if k.get("intent"):
                i_count[k["intent"]] += 1
        total = sum(p_count.values())
        total_i = sum(i_count.values())
        for n, s in enumerate(slots):
            net = s["network"]
            pillar = _weighted_pick(p_count, p_targets, total, self.rng)
            last = last_pillar.get(net)
            if pillar == last and not forced:
                # another pillar, unless all others are already ahead of their target by
                # REPEAT_SLACK posts: then the mix forces the repetition (e.g. a 90/10 mix)
                other = _weighted_pick(p_count, p_targets, total, self.rng, exclude=last)
                if other is not None and p_targets[other] / 100.0 * (total + 1) - p_count[other] > -REPEAT_SLACK:
                    pillar = other
            p_count[pillar] += 1
            total += 1
            last_pillar[net] = pillar
            s["pillar"] = pillar
            p = self.pillars[pillar]
            m = s.get("event")
            if m is not None:
                intent = "promote" if _selling(m) else {"awareness": "inform"}.get(m.kind, "inspire")
            else:
                intent = _weighted_pick(i_count, i_targets, total_i, self.rng) or "inform"
            i_count[intent] += 1
            total_i += 1
            s["intent"] = intent
            # objective: the pillar's own, else the brand's by priority
            p_obj = [o for o in p.get("objectives") or [] if o]
            if p_obj:
                s["objective"] = min(p_obj, key=lambda o: (o_count[o], p_obj.index(o)))
            elif o_targets:
                s["objective"] = _weighted_pick(o_count, o_targets, sum(o_count.values()), self.rng)
            else:
                s["objective"] = ""
            o_count[s["objective"]] += 1
            # persona: on this network, preferably one the pillar speaks to
            on_net = [x for x in personas if not x.get("networks") or net in x["networks"]]
            linked = [x for x in on_net if x["name"] in (p.get("personas") or [])]
            pool = linked or on_net  # no persona on this network: the slot targets none
            persona = min(pool, key=lambda x: (persona_count[(net, x["name"])], pool.index(x))) if pool else None
            if persona:
                persona_count[(net, persona["name"])] += 1
            s["persona"] = persona
            # format: one of the network's formats that serves the intent, least used first
            fmts = [f for f in editorial.formats_for(net) if f not in excluded] or ["image_texte"]
            if m is not None and _selling(m):
                wanted = [f for f in ("promotion", "evenement") if f in fmts]
                fmts = wanted or fmts
            elif m is not None:
                wanted = [f for f in ("evenement", "image_texte", "reel") if f in fmts]
                fmts = wanted or fmts
            else:
                fmts = [f for f in fmts if f not in EVENT_FORMATS] or fmts
                serving = [f for f in fmts if intent in editorial.FORMATS[f].get("intents", [])]
                fmts = serving or fmts
            if m is None:  # everyday posts follow the formats' shares; a live is the brand's own event
                fmts = [f for f in fmts if editorial.format_share(f) > 0] or fmts
            if not quoted and "image_texte" not in editorial.formats_for(net):  # no quote, no call-for-reviews post here
                fmts = [f for f in fmts if f != "temoignage"] or fmts
            if s.get("rubric"):  # a rubric's post carries the rubric, not a poll's or a question's content
                unfit = set(RUBRIC_UNFIT)
                # a story has no comments: a rubric answered in the comments (an enigma) is a post
                if _COMMENTS.search(" ".join(str(v) for v in (rubrics.get(s["rubric"]) or {}).values())):
                    unfit.add("story")
                fmts = ([f for f in fmts if f not in unfit]
                        or [f for f in editorial.formats_for(net) if f not in unfit and f not in excluded
                            and f not in EVENT_FORMATS] or fmts)
            s["format"] = min(fmts, key=lambda f: ((format_count[(net, f)] + 1) / (editorial.format_share(f) or 1.0),
                                                   self.rng.random()))
            format_count[(net, s["format"])] += 1
            if s["format"] == "temoignage" and not quoted and "image_texte" in editorial.formats_for(net):
                s["format"], s["reviews"] = "image_texte", True
            # keyword: the pillar's, else the brand's, least used first
            kws = list(p.get("keywords") or []) or keywords
            s["keywords"] = [min(kws, key=lambda k: (kw_count[k], kws.index(k)))] if kws else []
            for k in s["keywords"]:
                kw_count[k] += 1
            s["time"] = self.slot_time(s, persona)

    def slot_time(self, s: dict, persona: dict | None) -> time:
        if not persona or not persona.get("active_hours") or s.get("order", 0) > 0:
            return s["time"]
        ranges = _ranges(persona["active_hours"])
        if not ranges:
            return s["time"]
        hours = [_parse_hhmm(h) for h in self.times.get(s["network"], {}).get("hours", [])]
        for h in hours:
            if any(a <= h <= b for a, b in ranges):
                return h
        a, b = ranges[0]
        start = datetime.combine(date(2000, 1, 1), a)
        end = datetime.combine(date(2000, 1, 1), b)
        return (start + min(timedelta(minutes=30), (end - start) / 2)).time().replace(second=0, microsecond=0)

    # -- drafts ---------------------------------------------------------------------------
    def posts(self, slots: list[dict]) -> list[dict]:
        out = []
        refs: Counter = Counter()
        # References follow the publishing order, so the client reads LILA-…-001, 002, 003 down the page;
        # a plan that is saved is numbered again from the brand's stored code (``ref_prefix``)
        code = derive_code(self.brief["brand"]["name"])
        ordered = sorted(slots, key=lambda s: (s["day"], s["time"], s["network"]))
        drafts = []
        # a last-minute post is worded for the brand's shop and gift card (the phase stays "last_minute")
        last_minute = lead_times.last_minute_phase(self.brief)
        for s in ordered:
            m = s.get("event")
            p = self.pillars[s["pillar"]]
            persona = s.get("persona") or {}
            event_label = m.label(self.lang) if m is not None else ""
            drafts.append(Slot(
                day=s["day"], network=s["network"], format="temoignage" if s.get("reviews") else s["format"],
                intent=s["intent"],
                objective=s["objective"], pillar=s["pillar"], pillar_desc=p.get("description", ""),
                persona_interests=list(persona.get("interests") or []),
                persona_pains=list(persona.get("pain_points") or []),
                keyword=(s["keywords"] or [""])[0], event=event_label,
                event_tag=m.key if m is not None else "",
                phase=last_minute if s.get("phase") == "last_minute" else s.get("phase", ""),
                days_left=s.get("days_left", 0), event_start=m.start if m is not None else None,
                event_end=m.end if m is not None else None, time=s["time"],
                audience=getattr(self, "audiences", {}).get(persona.get("name", ""), "")))
        # the slot the planner gave a rubric holds its week (the writer gives a network's
        # rubric to the first slot of the week that claims it)
        for s, slot in zip(ordered, drafts):
            if s.get("rubric"):
                self.writer.rubric_weeks[(slot.network, *slot.day.isocalendar()[:2])] = id(slot)
        for s, slot in zip(ordered, drafts):
            m = s.get("event")
            persona = s.get("persona") or {}
            event_label = m.label(self.lang) if m is not None else ""
            draft = self.writer.write(slot, seed=self.seed)
            month = s["day"].strftime("%Y-%m")
            refs[month] += 1
            when = aware(s["day"], s["time"], self.tz)
            fmt = editorial.FORMATS.get(s["format"], {})
            out.append({
                "ref": f"{code}-{month}-{refs[month]:03d}", "date": s["day"].isoformat(),
                "time": when.strftime("%H:%M"), "network": s["network"], "format": s["format"],
                "pillar": s["pillar"], "persona": persona.get("name", ""), "objective": s["objective"],
                "intent": s["intent"], "keywords": s["keywords"], "event": m.key if m is not None else "",
                "text": draft.text, "hashtags": draft.hashtags, "visual_brief": draft.visual_brief,
                "link": draft.link, "internal_notes": draft.note,
                "status": "brouillon", "score": None,
                "publish_at": when,
                "deadline": working_days_before(s["day"], int(fmt.get("deadline_days", 2))),
                "event_label": event_label, "phase": s.get("phase", ""), "rubric": s.get("rubric", ""),
            })
        return out


def _selling(m) -> bool:
    """Whether a moment's posts promote: commercial moments, sector campaigns, a brand's launches and private sales."""
    if m.kind == moment_prefs.BRAND_KIND:
        return any(tag in moment_prefs.SELLING_KINDS for tag in m.tags)
    return m.kind in ("commercial", "campaign")


def _check(brief: dict, start: date, months, lang: str) -> None:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise PlanError("plan.bad_months", value=months, max=MAX_MONTHS)
    if not isinstance(start, date):
        raise PlanError("plan.bad_start", value=start)
    if not [c for c in brief["channels"] if c.get("network") in refdata.NETWORKS and float(c.get("posts_per_week") or 0) > 0]:
        raise PlanError("plan.no_channels")


def _warn_budget(planner: _Planner, brief: dict) -> None:
    vol = editorial.volumetry(brief["channels"], brief["brand"].get("hours_per_week") or 0)
    lang = planner.lang_ui
    if vol["budget"] <= 0:
        planner.w("plan.warn_no_budget", needed=number(vol["needed"], lang))
    elif not vol["fits"]:
        planner.w("plan.warn_budget", needed=number(vol["needed"], lang), budget=number(vol["budget"], lang),
                  over=number(vol["over_hours"], lang), pct=vol["over_pct"])


def _score(posts: list[dict], brief: dict, lang: str, ui_lang: str, warnings: list[str]) -> None:
    """Each draft's score, in one batch (``score_many`` runs spaCy once over all the texts)."""
    if not posts:
        return
    items = [{"id": i, "text": p["text"], "network": p["network"], "keywords": p["keywords"],
              "lang": lang, "objective": p["objective"], "format": p["format"]} for i, p in enumerate(posts)]
    try:
        results = score_many(items, brand=brief, ui_lang=ui_lang)
    except Exception as exc:  # a scoring failure must not lose the plan
        warnings.append(t("plan.warn_scoring", ui_lang, error=f"{exc.__class__.__name__}: {exc}"))
        return
    for post, result in zip(posts, results):
        post["score"] = float(result.score)


def plan_options(brief: dict) -> dict:
    """The brief's [plan] section as planner options; empty values mean "use the default"."""
    return {k: v for k, v in (brief.get("plan") or {}).items() if v not in (None, [], "")}


def plan_brief(brief: dict, start: date, months: int, *, seed: int = 0, score: bool = True,
               options: dict | None = None, kept: list[dict] | None = None,
               progress=None) -> PlanResult:
    """Plan ``months`` months from ``start`` for a brief (a dict, see ``core.brief``).

    ``options``: ``publishing_days`` (weekdays, 0 = Monday), ``intent_preset`` (a key of
    ``data/mix_presets.toml``), ``tolerance`` (points of drift before a warning),
    ``keywords`` (the brand's saved keywords), ``ui_lang`` (language of warnings), ``grammar``
    (False: drafts are not proofread by Grammalecte, for benchmarks).
    ``kept``: posts that stay (dicts with ``date``, ``network``, ``pillar``, ``intent``, ``text``).
    """
    brief = normalise(brief)
    options = {**plan_options(brief), **(options or {})}
    if isinstance(start, datetime):
        start = start.date()
    ui_lang = options.get("ui_lang", "fr")
    _check(brief, start, months, ui_lang)
    brief["channels"] = [c for c in brief["channels"] if c.get("network") in refdata.NETWORKS
                         and float(c.get("posts_per_week") or 0) > 0]
    report = progress or (lambda fraction, message: None)
    planner = _Planner(brief, start, months, seed=seed, options=options)
    if start < date.today():
        planner.w("plan.warn_past", start=start.isoformat())
    _warn_budget(planner, brief)
    for persona in brief["personas"]:
        if persona.get("name") and not persona.get("networks"):
            planner.w("plan.warn_persona_networks", name=persona["name"])
    report(0.05, t("plan.progress_slots", ui_lang))
    slots = planner.quiet(planner.slots())
    kept = list(kept or [])
    if kept:
        slots = _drop_for_kept(slots, kept)
        for k in kept:
            if k.get("text") and k.get("date"):
                planner.writer.remember_kept(date.fromisoformat(str(k["date"])[:10]), k["text"])
    found = planner.place_events(slots)
    planner.check_days(slots)
    planner.assign(slots, kept)
    report(0.2, t("plan.progress_drafts", ui_lang, count=len(slots)))
    posts = planner.posts(slots)
    planner.warnings += planner.writer.repeat_warning(ui_lang)
    planner.warnings += planner.writer.rubric_warning(ui_lang)
    if options.get("grammar", True):
        planner.warnings += planner.writer.proofread(posts, ui_lang)
    if score:
        report(0.4, t("plan.progress_scoring", ui_lang, count=len(posts)))
        _score(posts, brief, planner.lang, ui_lang, planner.warnings)
    targets = editorial.pillar_targets(list(planner.pillars.values()))
    tolerance = float(options.get("tolerance", editorial.DEFAULT_TOLERANCE))
    for d in editorial.mix_drift(posts + [k for k in kept if k.get("date")], targets, tolerance=tolerance):
        planner.w("plan.warn_drift", month=d["month"], pillar=d["value"], actual=d["actual"],
                  target=d["target"], tolerance=tolerance)
    report(0.9, t("plan.progress_done", ui_lang, count=len(posts)))
    return PlanResult(posts, planner.warnings, found)


def _drop_for_kept(slots: list[dict], kept: list[dict]) -> list[dict]:
    """Each kept post takes the place of the generated slot nearest to it (same network and week)."""
    taken = set()
    for k in kept:
        day = date.fromisoformat(str(k["date"])[:10])
        week = day - timedelta(days=day.weekday())
        best = None
        for i, s in enumerate(slots):
            if i in taken or s["network"] != k.get("network") or s["week"] != week:
                continue
            if best is None or abs((s["day"] - day).days) < abs((slots[best]["day"] - day).days):
                best = i
        if best is not None:
            taken.add(best)
    return [s for i, s in enumerate(slots) if i not in taken]


def public_post(post: dict) -> dict:
    """A post with exactly the keys of ``plan --json``."""
    return {key: post.get(key) for key in JSON_KEYS}


# --- the database side --------------------------------------------------------------

@dataclass
class _Draft:
    """A plan made from the database as it was read, and what its writing must re-check."""
    brand_id: int
    start: date
    end: date
    lo: datetime
    hi: datetime
    tz: ZoneInfo
    ui_lang: str
    result: PlanResult
    kept: list[dict]
    replace: dict[int, int]  # id -> version of the machine drafts it replaces, as read
    seen: set[int]  # every post of the period when it was read
    pillar_ids: dict[str, int]
    personas: dict[str, int]
    proposed: list[dict] = field(default_factory=list)  # pillars to create (the brand had none)


def plan_brand(brand_id: int, start: date, months: int, *, session, seed: int = 0,
               score: bool = True, progress=None, options: dict | None = None) -> PlanResult:
    """Plan a brand in the database: replace its machine drafts in the period, keep the rest.

    Posts in [start, start + months) that are still machine drafts (not ``locked`` and
    status ``brouillon``) are deleted and planned again; every other post stays where it
    is, and so do the drafts of a calendar sent to the client and not answered yet
    (``_held_by_snapshots``). ``session`` only reads while the plan is made and scored, and
    writes at the end (``_write_plan``); ``generate_plan`` gives each step its own
    transaction.
    """
    draft = _prepare_plan(brand_id, start, months, session=session, seed=seed, score=score,
                          progress=progress, options=options)
    return _write_plan(draft, session=session, progress=progress)


def generate_plan(brand_id: int, start: date, months: int, *, engine=None, seed: int = 0,
                  score: bool = True, progress=None, options: dict | None = None) -> PlanResult:
    """``plan_brand`` for a screen: read in one transaction, plan and score with none open,
    then write in one short transaction, run again while the database is busy
    (``core.db.retrying``; ``progress`` hears "busy, retrying"). On SQLite the write lock
    is held for the writing alone, so editors can save during a long generation.
    """
    report = progress or (lambda fraction, message: None)
    with db.transaction(engine) as session:
        draft = _prepare_plan(brand_id, start, months, session=session, seed=seed, score=score,
                              progress=progress, options=options)
    return db.retrying(lambda session: _write_plan(draft, session=session, progress=progress), engine,
                       on_retry=lambda busy: report(0.85, busy.message(draft.ui_lang)))


def _prepare_plan(brand_id: int, start: date, months: int, *, session, seed: int, score: bool,
                  progress, options: dict | None) -> _Draft:
    """Read the brand and its period, and plan them; writes nothing."""
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise PlanError("plan.no_brand", brand=brand_id)
    brief = brief_of(brand_id, session=session) | moment_prefs.stored_preferences(brand)
    brief = with_accepted_proposals(brief, brand_id, session=session)  # what the results taught, once accepted
    options = {**plan_options(brief), **(options or {})}
    ui_lang = options.get("ui_lang", "fr")
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    _check(brief, start, months, ui_lang)
    pillar_rows = session.exec(select(Pillar).where(Pillar.brand_id == brand_id)).all()
    saved_keywords = [k.phrase for k in session.exec(
        select(Keyword).where(Keyword.brand_id == brand_id).order_by(Keyword.priority, Keyword.id))]
    proposed = []
    if not pillar_rows:
        proposed = editorial.propose_pillars(brief, options.get("keywords") or saved_keywords,
                                             lang=(brief["brand"]["languages"] or ["fr"])[0])
        brief["pillars"] = [{k: item.get(k, default) for k, default in ITEM_FIELDS["pillars"].items()}
                            for item in proposed]
    keywords_of = {p.name: list(p.keywords) for p in pillar_rows} | {
        p["name"]: list(p.get("keywords", [])) for p in proposed}
    for item in brief["pillars"]:
        item["keywords"] = keywords_of.get(item["name"], [])
    options.setdefault("keywords", saved_keywords)
    personas = {p.name: p.id for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    persona_names = {v: k for k, v in personas.items()}
    pillar_names = {p.id: p.name for p in pillar_rows}
    end = add_months(start, months)
    lo, hi = aware(start, time(0, 0), tz), aware(end, time(0, 0), tz)
    existing = session.exec(select(Post).where(Post.brand_id == brand_id, Post.publish_at.is_not(None),
                                               Post.publish_at >= lo, Post.publish_at < hi)).all()
    held = _held_by_snapshots(brand_id, start, end, session=session)
    replace = {p.id: p.version for p in existing if _replaceable(p) and p.id not in held}
    kept = [_row_dict(p, tz, pillar_names) | {"persona": persona_names.get(p.persona_id, "")}
            for p in existing if p.id not in replace]
    report = progress or (lambda fraction, message: None)
    result = plan_brief(brief, start, months, seed=seed, score=score, options=options, kept=kept,
                        progress=lambda f, msg: report(f * 0.8, msg))
    result.warnings += _held_warnings(held, tz, ui_lang)
    return _Draft(brand_id=brand_id, start=start, end=end, lo=lo, hi=hi, tz=tz, ui_lang=ui_lang,
                  result=result, kept=kept, replace=replace, seen={p.id for p in existing},
                  pillar_ids={p.name: p.id for p in pillar_rows}, personas=personas, proposed=proposed)


def _replaceable(post) -> bool:
    return not post.locked and post.status in REPLACEABLE_STATUSES


def _held_by_snapshots(brand_id: int, start: date, end: date, *, session) -> dict[int, tuple[ExportSnapshot, str]]:
    """The machine drafts of the period that a client was sent (an ``ExportSnapshot``) and
    has not answered yet (no ``Approval`` of that export for the post), by id, with the
    latest export that holds each and its reference. Re-planning them would put a text the
    client never saw under a reference they are about to answer.
    """
    snapshots = session.exec(select(ExportSnapshot).where(
        ExportSnapshot.brand_id == brand_id, ExportSnapshot.period_to >= start, ExportSnapshot.period_from < end,
    ).order_by(ExportSnapshot.created_at, ExportSnapshot.id)).all()
    if not snapshots:
        return {}
    answered = set(session.exec(select(Approval.snapshot_id, Approval.post_id).where(
        Approval.snapshot_id.in_([s.id for s in snapshots]))).all())
    ids = {shot.get("post_id") for snap in snapshots for shot in snap.posts} - {None}
    drafts = {p.id: p for p in session.exec(select(Post).where(Post.id.in_(ids))) if _replaceable(p)}
    held = {}
    for snap in snapshots:  # oldest first: a post sent twice is named with its latest export
        for shot in snap.posts:
            post = drafts.get(shot.get("post_id"))
            if post is not None and post.ref == shot.get("ref") and (snap.id, post.id) not in answered:
                held[post.id] = (snap, post.ref)
    return held


def _held_warnings(held: dict, tz: ZoneInfo, ui_lang: str) -> list[str]:
    by_snapshot: dict[int, list] = defaultdict(list)
    for snap, ref in held.values():
        by_snapshot[snap.id].append((snap, ref))
    out = []
    for items in by_snapshot.values():
        snap = items[0][0]
        sent = snap.created_at if snap.created_at.tzinfo else snap.created_at.replace(tzinfo=timezone.utc)
        out.append(t("plan.warn_kept_sent", ui_lang, count=len(items), refs=", ".join(sorted(r for _, r in items)),
                     sent=sent.astimezone(tz).date().isoformat(), start=snap.period_from.isoformat(),
                     end=snap.period_to.isoformat()))
    return out


def _write_plan(draft: _Draft, *, session, progress=None) -> PlanResult:
    """Write ``draft`` in ``session``'s transaction, re-checking what changed since it was read.

    The DELETEs only match the machine drafts still as they were read (same version, not
    locked, status ``brouillon``): a human edit accepted meanwhile stays, and the generated
    post nearest to it (same network and week) is left out. Machine drafts that another
    plan of the period wrote meanwhile are replaced too, so that the period holds one plan;
    drafts exported to the client meanwhile stay. References come from ``core.posts.new_refs``.
    """
    report = progress or (lambda fraction, message: None)
    ui_lang = draft.ui_lang
    report(0.85, t("plan.progress_saving", ui_lang))
    # One plan of a brand is written at a time: PostgreSQL locks the brand's row (NO KEY, so
    # that posts can still be added under it); SQLite has a single writer anyway.
    if session.exec(select(Brand.id).where(Brand.id == draft.brand_id).with_for_update(key_share=True)).first() is None:
        raise PlanError("plan.no_brand", brand=draft.brand_id)  # deleted while the plan was made
    warnings = list(draft.result.warnings)
    pillar_ids = draft.pillar_ids
    if draft.proposed:
        pillar_ids, created = _save_proposed_pillars(draft, session=session)
        if created:
            warnings.insert(0, t("plan.warn_pillars_created", ui_lang, names=", ".join(pillar_ids)))
    sent = _held_by_snapshots(draft.brand_id, draft.start, draft.end, session=session)  # exported meanwhile too
    replace = {i: v for i, v in draft.replace.items() if i not in sent}
    machine_draft = (Post.locked == False, Post.status.in_(REPLACEABLE_STATUSES))  # noqa: E712
    by_version: dict[int, list[int]] = defaultdict(list)
    for post_id, version in replace.items():
        by_version[version].append(post_id)
    deleted = 0
    for version, ids in by_version.items():
        for i in range(0, len(ids), 500):
            deleted += session.execute(delete(Post).where(Post.id.in_(ids[i:i + 500]), Post.version == version,
                                                          *machine_draft)).rowcount
    kept, posts = list(draft.kept), list(draft.result.posts)
    if deleted < len(replace):
        pillar_names = {v: k for k, v in pillar_ids.items()}
        edited = [_row_dict(p, draft.tz, pillar_names) for p in session.exec(
            select(Post).where(Post.id.in_(list(replace))).order_by(Post.publish_at))]
        if edited:
            posts = _leave_room(posts, edited)
            kept += edited
            warnings.append(t("plan.warn_kept_edited", ui_lang, count=len(edited),
                              refs=", ".join(p["ref"] for p in edited)))
    others = session.execute(delete(Post).where(
        Post.brand_id == draft.brand_id, Post.publish_at >= draft.lo, Post.publish_at < draft.hi,
        Post.id.not_in(draft.seen | set(sent)), Post.updated_by == PLANNER, Post.version == 1,
        *machine_draft)).rowcount
    if others:
        warnings.append(t("plan.warn_replaced_concurrent", ui_lang, count=others))
    session.flush()
    rows = _numbered_rows(posts, pillar_ids, draft.personas, session=session,
                          code=brand_code(draft.brand_id, session=session))
    if len(rows) <= BULK_THRESHOLD:
        for row in rows:
            create_post(draft.brand_id, session=session, saved_by=PLANNER, **row)
    else:
        _insert_posts(session, draft.brand_id, rows)
    report(1.0, t("plan.progress_done", ui_lang, count=len(posts)))
    all_posts = sorted(posts + kept, key=lambda p: (p["date"], p["time"], p["network"]))
    return PlanResult(all_posts, warnings, draft.result.moments)


def _save_proposed_pillars(draft: _Draft, *, session) -> tuple[dict[str, int], bool]:
    """The brand's pillars by name, created from the proposals unless another plan did it
    meanwhile; True when they were created here."""
    created = False
    if not session.exec(select(Pillar.id).where(Pillar.brand_id == draft.brand_id)).first():
        for item in draft.proposed:
            session.add(Pillar(brand_id=draft.brand_id, name=item["name"], description=item["description"],
                               colour=item["colour"], target_share=item["target_share"],
                               objectives=item["objectives"], personas=item["personas"],
                               keywords=item.get("keywords", [])))
        session.flush()
        created = True
    rows = session.exec(select(Pillar).where(Pillar.brand_id == draft.brand_id).order_by(Pillar.id)).all()
    return {p.name: p.id for p in rows}, created


def _leave_room(posts: list[dict], kept: list[dict]) -> list[dict]:
    """``posts`` without the one nearest each kept post on its network and week (the place
    ``_drop_for_kept`` would have given it, had it been kept when the plan was made)."""
    taken = set()
    for k in kept:
        day = date.fromisoformat(k["date"])
        week = day - timedelta(days=day.weekday())
        best = None
        for i, p in enumerate(posts):
            d = date.fromisoformat(p["date"])
            if i in taken or p["network"] != k["network"] or d - timedelta(days=d.weekday()) != week:
                continue
            if best is None or abs((d - day).days) < abs((date.fromisoformat(posts[best]["date"]) - day).days):
                best = i
        if best is not None:
            taken.add(best)
    return [p for i, p in enumerate(posts) if i not in taken]


def _numbered_rows(posts: list[dict], pillar_ids: dict[str, int], personas: dict[str, int], *,
                   session, code: str) -> list[dict]:
    """The rows to insert, each month's references allocated at once, in publishing order."""
    by_month: dict[str, list[dict]] = defaultdict(list)
    for post in posts:
        by_month[post["date"][:7]].append(post)
    for month, items in by_month.items():
        prefix, width = ref_prefix(date.fromisoformat(items[0]["date"]), code)
        for post, ref in zip(items, new_refs(prefix, width, len(items), session=session)):
            post["ref"] = ref
    return [dict(ref=post["ref"], publish_at=post["publish_at"], network=post["network"], format=post["format"],
                 pillar_id=pillar_ids.get(post["pillar"]), persona_id=personas.get(post["persona"]),
                 objective=post["objective"], intent=post["intent"], keywords=post["keywords"],
                 event=post["event"], text=post["text"], visual_brief=post["visual_brief"],
                 hashtags=post["hashtags"], link=post.get("link", ""), internal_notes=post.get("internal_notes", ""),
                 status="brouillon", deadline=post["deadline"], score=post["score"])
            for post in posts]


def _insert_posts(session, brand_id: int, rows: list[dict]) -> None:
    """Write the same rows as ``core.posts.create_post`` (a Post and its version 1), in two
    multi-row INSERTs: one ORM object and two flushes per post cost 5 s for a year of posts.
    """
    now = utcnow()
    defaults = {"brand_id": brand_id, "link": "", "internal_notes": "", "locked": False, "version": 1,
                "updated_by": PLANNER, "created_at": now, "updated_at": now}
    session.execute(insert(Post), [clean(Post, defaults | row) for row in rows])
    refs = [row["ref"] for row in rows]
    ids = {}
    for i in range(0, len(refs), 500):
        ids.update(dict(session.execute(select(Post.ref, Post.id).where(Post.ref.in_(refs[i:i + 500]))).all()))
    session.execute(insert(PostVersion), [
        {"post_id": ids[row["ref"]], "version": 1, "text": row["text"], "hashtags": list(row["hashtags"]),
         "status": row["status"], "saved_by": PLANNER, "saved_at": now} for row in rows])
    session.flush()


def _row_dict(post, tz: ZoneInfo, pillar_names: dict) -> dict:
    local = post.publish_at.astimezone(tz) if post.publish_at is not None else None
    return {
        "ref": post.ref, "date": local.date().isoformat() if local else None,
        "time": local.strftime("%H:%M") if local else None, "network": post.network,
        "format": post.format, "pillar": pillar_names.get(post.pillar_id, ""), "persona": "",
        "objective": post.objective, "intent": post.intent, "keywords": list(post.keywords),
        "event": post.event, "text": post.text, "hashtags": list(post.hashtags),
        "visual_brief": post.visual_brief, "status": post.status, "score": post.score,
        "publish_at": post.publish_at, "deadline": post.deadline, "id": post.id, "locked": post.locked,
    }


def posts_as_dicts(brand_id: int, start: date, end: date, *, session) -> list[dict]:
    """A brand's dated posts in [start, end) as plain dicts in the brand's time zone (for the screens)."""
    brand = session.get(Brand, brand_id)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    pillars = {p.id: p for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    rows = session.exec(select(Post).where(
        Post.brand_id == brand_id, Post.publish_at.is_not(None),
        Post.publish_at >= aware(start, time(0, 0), tz), Post.publish_at < aware(end, time(0, 0), tz),
    ).order_by(Post.publish_at, Post.id)).all()
    out = []
    for p in rows:
        d = _row_dict(p, tz, {k: v.name for k, v in pillars.items()})
        d["persona"] = personas.get(p.persona_id, "")
        d["colour"] = pillars[p.pillar_id].colour if p.pillar_id in pillars else "#9E9E9E"
        d["version"] = p.version
        d["link"] = p.link
        d["internal_notes"] = p.internal_notes
        out.append(d)
    return out
