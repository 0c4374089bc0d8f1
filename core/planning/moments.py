"""Dates that matter for a brand: public holidays, commercial and cultural moments, seasons.

Public holidays come from the ``holidays`` package; the moments ("marronniers") are rules
in ``data/moments.toml`` computed for each year, never dates typed per year, so the
calendar stays right in 2034 without anyone editing a file. Sector profiles in
``data/seasonality.toml`` weight the moments and add sector campaigns with lead times.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holidays_pkg
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as rd_weekday

from core import refdata
from core.planning import moment_rules

MOMENTS_FILE = "moments.toml"
SEASONALITY_FILE = "seasonality.toml"
# Canada's moments follow Quebec (the French-speaking market Calame serves there); the
# United Kingdom's follow England (without a subdivision the `holidays` package gives only
# the holidays the four nations share: no Easter Monday, no Summer Bank Holiday).
SUBDIVISIONS = {"CA": "QC", "GB": "ENG"}


@dataclass(frozen=True)
class Moment:
    """One dated moment: ``start`` is the day itself; it lasts ``duration`` days."""

    key: str
    start: date
    label_fr: str
    label_en: str
    kind: str  # holiday, commercial, cultural, awareness, season, campaign
    duration: int = 1
    lead_weeks: int = 0
    weight: int = 1
    source: str = ""
    tags: tuple[str, ...] = ()

    def label(self, lang: str = "fr") -> str:
        return self.label_en if lang == "en" else self.label_fr

    @property
    def end(self) -> date:
        return self.start + timedelta(days=max(self.duration, 1) - 1)


@dataclass
class Phase:
    """A post a moment needs: ``teasing`` before it, ``launch`` on its first day, ``reminder``
    while it runs (``core.planning.lead_times`` adds the gift, invitation and Pinterest posts).

    The planner takes the free slot nearest before ``target`` and no earlier than ``earliest``
    (six days before by default); ``every_network`` puts it on each network; ``network`` keeps
    it to one network, ``not_networks`` keeps it off some.
    """

    moment: Moment
    phase: str
    target: date
    earliest: date = field(default=None)
    every_network: bool = False
    network: str | None = None
    not_networks: tuple[str, ...] = ()


class MomentRuleError(ValueError):
    pass


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; ``n = -1`` is the last."""
    # counted from the 1st forwards, or from the last day (day=31 clamps) backwards
    day = date(year, month, 1) + relativedelta(day=1 if n > 0 else 31, weekday=rd_weekday(weekday)(n))
    if n == 0 or day.month != month:
        raise MomentRuleError(f"There is no weekday #{n} in {year}-{month:02d}")
    return day


def soldes_hiver(year: int) -> date:
    """French winter sales: second Wednesday of January, or the first when the second is after the 12th.

    Code de commerce, art. D310-15-2 (décret 2019-1481): 2026 → 7 January.
    """
    second = nth_weekday(year, 1, 2, 2)
    return nth_weekday(year, 1, 2, 1) if second.day > 12 else second


def soldes_ete(year: int) -> date:
    """French summer sales: last Wednesday of June, or the fourth when the last is after the 28th.

    Code de commerce, art. D310-15-2: 2025 → 25 June.
    """
    last = nth_weekday(year, 6, 2, -1)
    return nth_weekday(year, 6, 2, 4) if last.day > 28 else last


def fete_meres_fr(year: int) -> date:
    """French Mother's Day: last Sunday of May, first Sunday of June when that is Pentecost.

    Loi du 24 mai 1950, décret 50-577: 2034 → 4 June (Pentecost on 28 May).
    """
    day = nth_weekday(year, 5, 6, -1)
    pentecost = easter(year) + timedelta(days=49)
    return nth_weekday(year, 6, 6, 1) if day == pentecost else day


# Meeus, Astronomical Algorithms (2nd ed.), table 27.b, years 2000-3000: mean equinoxes
# and solstices as Julian Ephemeris Days; the mean value is within a few hours of the
# true one, enough for a calendar day.
_SEASON_TERMS = (
    (2451623.80984, 365242.37404, 0.05169, -0.00411, -0.00057),
    (2451716.56767, 365241.62603, 0.00325, 0.00888, -0.00030),
    (2451810.21715, 365242.01767, -0.11575, 0.00337, 0.00078),
    (2451900.05952, 365242.74049, -0.06223, -0.00823, 0.00032),
)


def season_start(year: int, season: int, tz=None) -> date:
    """Date of the March equinox (0), June solstice (1), September equinox (2), December solstice (3)."""
    y = (year - 2000) / 1000
    a, b, c, d, e = _SEASON_TERMS[season]
    jde = a + b * y + c * y ** 2 + d * y ** 3 + e * y ** 4
    moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(days=jde - 2440587.5)
    if tz is not None:
        moment = moment.astimezone(tz)
    return moment.date()


def _rule_span(key: str, spec: dict, year: int, table: dict, tz=None) -> tuple[date, int]:
    """The first day of a moment in ``year`` and its length in days (``duration`` unless the rule says)."""
    rule = spec.get("rule")
    if rule in NAMED_RULES:
        found = NAMED_RULES[rule](year)
        if isinstance(found, tuple):
            return found[0], (found[1] - found[0]).days + 1
        return found, spec.get("duration", 1)
    return _rule_date(key, spec, year, table, tz), spec.get("duration", 1)


def _rule_date(key: str, spec: dict, year: int, table: dict, tz=None) -> date:
    rule = spec.get("rule")
    if rule == "fixed":
        month, day = spec["month"], spec["day"]
        if month == 2 and day == 29 and not _calendar.isleap(year):
            day = 28
        return date(year, month, day)
    if rule == "nth_weekday":
        return nth_weekday(year, spec["month"], spec["weekday"], spec["n"]) + timedelta(days=spec.get("offset", 0))
    if rule == "easter":
        return easter(year) + timedelta(days=spec.get("offset", 0))
    if rule == "after":
        other = spec["moment"]
        return _rule_date(other, table[other], year, table, tz) + timedelta(days=spec.get("offset", 0))
    if rule == "first_weekday_from":
        day = date(year, spec["month"], spec["day"])
        allowed = set(spec.get("weekdays", range(7)))
        while day.weekday() not in allowed:
            day += timedelta(days=1)
        return day
    if rule == "month":
        return date(year, spec["month"], 1)
    if rule == "astronomical":
        return season_start(year, spec["season"], tz)
    if rule in NAMED_RULES:
        return _rule_span(key, spec, year, table, tz)[0]
    raise MomentRuleError(f"Moment {key!r}: unknown rule {rule!r}; valid: fixed, nth_weekday, easter, "
                          f"after, first_weekday_from, month, astronomical, {', '.join(NAMED_RULES)}")


NAMED_RULES = {"soldes_hiver": soldes_hiver, "soldes_ete": soldes_ete, "fete_meres_fr": fete_meres_fr,
               **moment_rules.NAMED}


@lru_cache(maxsize=1)
def moment_files() -> tuple[str, ...]:
    """``data/moments.toml`` and the lists beside it, one kind of moment a file."""
    return tuple(sorted(p.name for p in refdata.DATA.glob("moments*.toml")))


@lru_cache(maxsize=1)
def _merged_table() -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for name in moment_files():
        for key, spec in refdata.entries(name).items():
            if key in merged:
                raise MomentRuleError(f"Moment {key!r} is defined twice (again in data/{name}); rename one")
            merged[key] = spec
    return merged


def moment_table() -> dict[str, dict]:
    """Every moment of ``data/moments*.toml`` by key."""
    return dict(_merged_table())


@lru_cache(maxsize=512)
def _year_spans(year: int, tz_key: str | None = None) -> dict[str, tuple[date, int]]:
    """The first day and length of every moment in ``year``, computed once a year (the
    lunar calendars cost milliseconds each)."""
    table = _merged_table()
    tz = ZoneInfo(tz_key) if tz_key else None
    return {key: _rule_span(key, spec, year, table, tz) for key, spec in table.items()}


@lru_cache(maxsize=1)
def fit_kinds() -> frozenset:
    """The kinds of moment a brand gets only when its tags meet the moment's (``data/moment_tags.toml``)."""
    return frozenset(refdata.load("moment_tags.toml").get("fit_kinds", ()))


@lru_cache(maxsize=64)
def sector_tags(sector: str | None) -> frozenset:
    """The tags a brand of ``sector`` plans around: the sector itself and its causes
    (``causes`` in ``data/sectors.toml``: a sports club plans around health days)."""
    if not sector:
        return frozenset()
    return frozenset({sector, *refdata.SECTORS.get(sector, {}).get("causes", ())})


def sector_weight(spec: dict, key: str, sector: str | None, profile: dict, country: str | None = None) -> int:
    """How much a moment matters to a sector: the profile's weight when it names the moment;
    nothing (0) for an opt-in moment outside the countries where it is established (Singles'
    Day falls on Armistice Day); for a moment marked ``niche`` (a trade fair) or of a kind
    that must fit (an awareness day), nothing for a brand whose sector and causes meet none
    of its tags, else a post (2) for a niche moment and the profile's default for the others.
    Without a sector (a country's whole calendar) only niche moments are left out."""
    weights = profile.get("weights", {})
    if key in weights:
        return int(weights[key])
    if spec.get("opt_in") and (country or "") not in spec.get("established_in", ()):
        return 0
    niche = spec.get("niche")
    if niche or (sector and spec.get("kind") in fit_kinds()):
        if not sector_tags(sector) & set(spec.get("tags", ())):
            return 0
        if niche:
            return 2
    return int(profile.get("default_weight", 1))


def moment_date(key: str, year: int) -> date:
    """The date of one moment of ``data/moments.toml`` in ``year``."""
    table = moment_table()
    if key not in table:
        raise MomentRuleError(f"Unknown moment {key!r}; valid: {', '.join(table)}")
    return _rule_date(key, table[key], year, table)


def supported_countries() -> list[str]:
    return list(refdata.COUNTRIES)


def sector_profile(sector: str | None) -> dict:
    """The seasonality profile of a sector (``autre`` when the sector has none)."""
    profiles = refdata.entries(SEASONALITY_FILE)
    return profiles.get(sector or "autre") or profiles["autre"]


@lru_cache(maxsize=256)
def _holidays(country: str, year: int) -> tuple[tuple[date, str, str], ...]:
    """Public holidays as (date, French name, English name); empty for an unknown country."""
    try:
        kwargs = {"subdiv": SUBDIVISIONS[country]} if country in SUBDIVISIONS else {}
        fr = holidays_pkg.country_holidays(country, years=year, language="fr", **kwargs)
        en = holidays_pkg.country_holidays(country, years=year, language="en_US", **kwargs)
    except (NotImplementedError, KeyError):
        return ()
    return tuple(sorted((d, fr.get(d), en.get(d) or fr.get(d)) for d in fr))


def holiday_dates(country: str, start: date, end: date) -> list[date]:
    """The public holidays of ``country`` in [start, end]."""
    country = (country or "FR").upper()
    return [d for year in range(start.year, end.year + 1) for d, _, _ in _holidays(country, year) if start <= d <= end]


def moments_for(country: str, start: date, end: date, *, sector: str | None = None,
                include_holidays: bool = True, tz=None) -> list[Moment]:
    """Every moment of ``country`` whose day falls in [start, end], weighted for ``sector``.

    A country without data (not in ``data/countries.toml``) gets the moments marked for
    all countries, and public holidays only when the `holidays` package knows the country;
    never an error: the planner says so in a warning.
    """
    country = (country or "FR").upper()
    profile = sector_profile(sector)
    weights = profile.get("weights", {})
    table = _merged_table()
    out: list[Moment] = []
    for year in range(start.year - 1, end.year + 2):
        spans = _year_spans(year, getattr(tz, "key", None))
        for key, spec in table.items():
            countries = spec.get("countries", ["*"])
            if "*" not in countries and country not in countries:
                continue
            day, duration = spans[key]
            if not start <= day <= end:
                continue
            out.append(Moment(key, day, spec["fr"], spec["en"], spec.get("kind", "cultural"),
                              duration, spec.get("lead_weeks", 0), sector_weight(spec, key, sector, profile, country),
                              spec.get("source", ""), tuple(spec.get("tags", ()))))
        for camp in profile.get("campaigns", []):
            day = _rule_date(camp["key"], {"rule": "fixed", **camp}, year, table)
            if start <= day <= end:
                out.append(Moment(camp["key"], day, camp["fr"], camp["en"], "campaign",
                                  camp.get("duration", 1), camp.get("lead_weeks", 0),
                                  int(camp.get("weight", 2)), refdata.load(SEASONALITY_FILE)["source"]))
        if include_holidays:
            for day, name_fr, name_en in _holidays(country, year):
                if start <= day <= end:
                    key = "ferie_" + day.isoformat()
                    out.append(Moment(key, day, name_fr, name_en, "holiday", 1, 0,
                                      int(weights.get("ferie", 1)), "holidays package"))
    return sorted(out, key=lambda m: (m.start, m.key))


def phases(moment: Moment) -> list[Phase]:
    """The posts a moment calls for, by weight (see ``data/seasonality.toml``).

    Weight 3: teasing ``lead_weeks`` before, launch on the first day, and a reminder in the
    middle of a moment of four days or more (its texts say the moment is under way); a
    shorter moment teased two weeks or more ahead gets a second teaser three days before
    instead. Weight 2: launch only. Weight 1 and holidays: no post of their own, the moment
    is shown on the calendar. An awareness campaign is never teased: the brand relays it on
    its day ("Octobre rose commence dans 14 jours : on relaiera la campagne ici" says nothing).
    """
    out: list[Phase] = []
    relayed = moment.kind == "awareness"  # a campaign the brand relays is not teased: it has nothing to reveal
    if moment.weight >= 3 and moment.lead_weeks > 0 and not relayed:
        out.append(Phase(moment, "teasing", moment.start - timedelta(weeks=moment.lead_weeks)))
    if moment.weight >= 2:
        out.append(Phase(moment, "launch", moment.start))
    if moment.weight >= 3:
        if moment.duration >= 4:
            out.append(Phase(moment, "reminder", moment.start + timedelta(days=moment.duration // 2)))
        elif moment.lead_weeks >= 2 and not relayed:
            out.append(Phase(moment, "teasing", moment.start - timedelta(days=3)))
    return out


def demand_index(sector: str | None, month: int) -> float:
    demand = sector_profile(sector).get("demand") or [1.0] * 12
    return float(demand[month - 1])


def year_moments(country: str, year: int, *, sector: str | None = None) -> list[Moment]:
    """What matters to ``country`` (and ``sector``) in ``year``, sorted by date: every moment
    the sector weighs (weight 1 or more) and every public holiday, as the Calendar shows them
    (a brand's own choices: ``core.planning.moment_prefs.year_moments``)."""
    found = moments_for(country, date(year, 1, 1), date(year, 12, 31), sector=sector)
    return [m for m in found if m.weight >= 1 or m.kind == "holiday"]
