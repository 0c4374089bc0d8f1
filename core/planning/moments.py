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

import holidays as holidays_pkg
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as rd_weekday

from core import refdata

MOMENTS_FILE = "moments.toml"
SEASONALITY_FILE = "seasonality.toml"
# Canada's moments follow Quebec (the French-speaking market Calame serves there).
SUBDIVISIONS = {"CA": "QC"}


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

    def label(self, lang: str = "fr") -> str:
        return self.label_en if lang == "en" else self.label_fr

    @property
    def end(self) -> date:
        return self.start + timedelta(days=max(self.duration, 1) - 1)


@dataclass
class Phase:
    """A post a moment needs: ``teasing`` before it, ``launch`` on its first day, ``reminder`` while it runs."""

    moment: Moment
    phase: str
    target: date
    earliest: date = field(default=None)


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


def _rule_date(key: str, spec: dict, year: int, table: dict, tz=None) -> date:
    rule = spec.get("rule")
    if rule == "fixed":
        month, day = spec["month"], spec["day"]
        if month == 2 and day == 29 and not _calendar.isleap(year):
            day = 28
        return date(year, month, day)
    if rule == "nth_weekday":
        return nth_weekday(year, spec["month"], spec["weekday"], spec["n"])
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
        return NAMED_RULES[rule](year)
    raise MomentRuleError(f"Moment {key!r}: unknown rule {rule!r}; valid: fixed, nth_weekday, easter, "
                          f"after, first_weekday_from, month, astronomical, {', '.join(NAMED_RULES)}")


NAMED_RULES = {"soldes_hiver": soldes_hiver, "soldes_ete": soldes_ete, "fete_meres_fr": fete_meres_fr}


def moment_table() -> dict[str, dict]:
    return refdata.entries(MOMENTS_FILE)


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
    default_weight = profile.get("default_weight", 1)
    table = moment_table()
    out: list[Moment] = []
    for year in range(start.year - 1, end.year + 2):
        for key, spec in table.items():
            countries = spec.get("countries", ["*"])
            if "*" not in countries and country not in countries:
                continue
            day = _rule_date(key, spec, year, table, tz)
            if not start <= day <= end:
                continue
            out.append(Moment(key, day, spec["fr"], spec["en"], spec.get("kind", "cultural"),
                              spec.get("duration", 1), spec.get("lead_weeks", 0),
                              int(weights.get(key, default_weight)), spec.get("source", "")))
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
    is shown on the calendar.
    """
    out: list[Phase] = []
    if moment.weight >= 3 and moment.lead_weeks > 0:
        out.append(Phase(moment, "teasing", moment.start - timedelta(weeks=moment.lead_weeks)))
    if moment.weight >= 2:
        out.append(Phase(moment, "launch", moment.start))
    if moment.weight >= 3:
        if moment.duration >= 4:
            out.append(Phase(moment, "reminder", moment.start + timedelta(days=moment.duration // 2)))
        elif moment.lead_weeks >= 2:
            out.append(Phase(moment, "teasing", moment.start - timedelta(days=3)))
    return out


def demand_index(sector: str | None, month: int) -> float:
    demand = sector_profile(sector).get("demand") or [1.0] * 12
    return float(demand[month - 1])
