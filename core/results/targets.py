"""An objective's KPI, read from the words a brief uses, as a structured target.

« +20 % d'abonnés Instagram d'ici juin » is a growth of 20 % of the followers on Instagram
from the day it was set to the end of June; « 1 000 visites par mois sur le site » is 1,000
clicks to the site a month on every network. The metric's words are in
``data/kpi_metrics.toml``; what does not parse (no figure, no known metric) returns None and
the objective keeps its text. A month without a year is its next occurrence on or after
``today``; a period left unsaid is None (the report's own period applies).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from datetime import date, timedelta

from core import refdata
from core.dates import add_months
from core.language.text import fold

#: metric -> its labels, words and the stored figure measuring it (data/kpi_metrics.toml).
METRICS = {k: v for k, v in refdata.load("kpi_metrics.toml")["metrics"].items() if isinstance(v, dict)}
UNITS = ("total", "per_month", "per_week", "growth", "rate")

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
NETWORK_WORDS = {
    "instagram": "instagram", "insta": "instagram", "facebook": "facebook", "fb": "facebook",
    "linkedin": "linkedin", "tiktok": "tiktok", "youtube": "youtube", "twitter": "x", "x": "x",
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(20\d\d)"
_NUMBER = re.compile(r"(?<![\w.,])([+-]?)\s?(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+(?:[.,]\d+)?)\s?(k|m)?(?![\w])\s?(%)?",
                     re.IGNORECASE)
_PER_MONTH = re.compile(r"(par mois|/ ?mois|mensuel\w*|chaque mois|a month|per month|/ ?month|monthly)")
_PER_WEEK = re.compile(r"(par semaine|/ ?semaine|hebdomadaire\w*|chaque semaine|a week|per week|weekly)")
_FROM_TO = re.compile(r"\b(?:passer |aller |grow |go )?(?:de|from) ([\d\s\u00a0\u202f.,]+k?) (?:a|to) ([\d\s\u00a0\u202f.,]+k?)")


@dataclass(frozen=True)
class Target:
    metric: str
    network: str  # "": every network
    target: float  # a count, a percent of growth, or a rate as a fraction
    target_unit: str  # one of UNITS
    period_start: date | None = None
    period_end: date | None = None
    baseline: float | None = None

    def columns(self) -> dict:
        """The Objective columns this target fills."""
        return asdict(self)


@lru_cache(maxsize=1)
def _metrics() -> list[tuple[str, str]]:
    """(folded word, metric), longest first, so « taux d'engagement » wins over « engagement »."""
    pairs = [(fold(w), key) for key, entry in METRICS.items() for w in entry["words"]]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _number(digits: str, suffix: str | None) -> float:
    digits = digits.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")
    value = float(digits.replace(",", "."))
    return value * {"k": 1_000, "m": 1_000_000}.get((suffix or "").lower(), 1)


def _month_end(year: int, month: int) -> date:
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def _next_month(month: int, today: date) -> int:
    """The year of ``month``'s next end on or after ``today``."""
    return today.year if _month_end(today.year, month) >= today else today.year + 1


def _period(text: str, today: date) -> tuple[date | None, date | None, str]:
    """The period the text names, and the text without it (so its year is not a figure)."""
    m = re.search(rf"\b(?:entre|between|de|from) {_MONTH}(?: {_YEAR})? (?:et|and|a|to) {_MONTH}(?: {_YEAR})?", text)
    if m:
        first, last = MONTHS[m.group(1)], MONTHS[m.group(3)]
        year_last = int(m.group(4)) if m.group(4) else _next_month(last, today)
        year_first = int(m.group(2)) if m.group(2) else (year_last if first <= last else year_last - 1)
        return date(year_first, first, 1), _month_end(year_last, last), text.replace(m.group(0), " ")
    m = re.search(rf"\b(?:d'ici|d ici|avant|by|before|until|jusqu'a|jusqu'en)(?: (?:la )?fin)?(?: (?:de |d'|of ))?(?: ?{_MONTH})?(?: {_YEAR})?", text)
    if m and (m.group(1) or m.group(2)):
        if m.group(1):
            month = MONTHS[m.group(1)]
            year = int(m.group(2)) if m.group(2) else _next_month(month, today)
            return today, _month_end(year, month), text.replace(m.group(0), " ")
        return today, date(int(m.group(2)), 12, 31), text.replace(m.group(0), " ")
    m = re.search(r"\b(?:d'ici|d ici|en|sur|within|in|over) (\d{1,2}) (?:mois|months?)\b", text)
    if m:
        return today, add_months(today, int(m.group(1))) - timedelta(days=1), text.replace(m.group(0), " ")
    m = re.search(rf"\b(?:en|in|sur|over) {_YEAR}\b", text)
    if m:
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31), text.replace(m.group(0), " ")
    m = re.search(r"\b(?:sur l'annee|en un an|sur un an|in a year|over the year|this year|cette annee)\b", text)
    if m:
        return today, add_months(today, 12) - timedelta(days=1), text.replace(m.group(0), " ")
    return None, None, text


def parse_kpi(text: str, *, today: date) -> Target | None:
    """The structured target of a KPI's words, or None when they do not say one."""
    folded = " ".join(fold(text or "").replace("’", "'").split())
    if not folded:
        return None
    start, end, rest = _period(folded, today)
    metric = next((key for word, key in _metrics() if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", rest)), None)
    if metric is None:
        return None
    network = next((net for word, net in NETWORK_WORDS.items() if re.search(rf"(?<![\w@#.]){word}(?![\w.])", rest)), "")
    baseline = None
    span = _FROM_TO.search(rest)
    if span:
        try:
            low, high = (_number(g.strip().rstrip("k"), "k" if g.strip().endswith("k") else None) for g in span.groups())
        except ValueError:
            low = high = None
        if low and high and high > low:
            return Target(metric, network, round((high - low) / low * 100, 2), "growth", start, end, low)
    figure = _NUMBER.search(rest)
    if figure is None:
        return None
    sign, digits, suffix, percent = figure.groups()
    value = _number(digits, suffix)
    is_rate = metric in ("engagement_rate", "open_rate")
    if percent and is_rate:
        unit, value = "rate", value / 100
    elif percent:
        if sign == "-":
            return None  # a fall to reach (fewer negative comments) is not a growth target
        unit = "growth"
    elif is_rate:
        return None  # a rate without « % » says no target
    elif _PER_MONTH.search(rest):
        unit = "per_month"
    elif _PER_WEEK.search(rest):
        unit = "per_week"
    else:
        unit = "total"
    m = re.search(r"\b(?:base|baseline|aujourd'hui|actuellement|currently|today)\D{0,12}([\d\s\u00a0\u202f.,]+k?)", rest)
    if m and unit == "growth":
        digits = m.group(1).strip()
        try:
            baseline = _number(digits.rstrip("k"), "k" if digits.endswith("k") else None)
        except ValueError:
            baseline = None
    return Target(metric, network, round(value, 6), unit, start, end, baseline)
