"""What a paid line must respect before it is worth proposing: the platform's minimum daily
budget, the learning phase, and what the money is expected to buy.

Platform minimums and the learning-phase rule are in ``data/media_platforms.toml`` (each with
the help page it comes from); indicative costs per country and network in
``data/media_costs.toml``, used until the brand imports its own figures. Nothing here reads
the database: ``core.media.plan`` passes what it knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import refdata
from core.i18n import MessageError

PLATFORMS = "media_platforms.toml"
COSTS = "media_costs.toml"

# What a line is optimised for, by the brand's objective: awareness buys impressions, a
# conversion a low-frequency event (a purchase, a sign-up), the rest a click or an engagement.
OPTIMISATION = {
    "notoriete": "impressions",
    "engagement": "clicks",
    "trafic": "clicks",
    "conversion": "low_frequency",
    "fidelisation": "clicks",
    "e_reputation": "impressions",
    "recrutement": "clicks",
}
# The cost a result is bought at: a thousand impressions, a click, an engagement.
RESULT_COST = {"notoriete": "cpm", "e_reputation": "cpm", "trafic": "cpc", "recrutement": "cpc",
               "conversion": "cpc", "engagement": "cpe", "fidelisation": "cpe"}


class MediaError(MessageError):
    """A media budget or plan that cannot be made (message keys in data/i18n/media.toml)."""


@dataclass(frozen=True)
class Costs:
    cpm: float
    cpc: float
    cpe: float
    currency: str
    origin: str  # "brand" (the brand's own Ads Manager figures) or "benchmark"

    def per_result(self, objective: str) -> float:
        return getattr(self, RESULT_COST.get(objective, "cpc"))


def currency_of(country: str) -> str:
    table = refdata.load(COSTS).get(country) or refdata.load(COSTS)["FR"]
    return table["currency"]


def benchmark_costs(country: str, network: str) -> Costs | None:
    """The indicative costs for ``network`` in ``country``, or None when the table has none."""
    table = refdata.load(COSTS).get(country)
    figures = (table or {}).get(network)
    if not figures:
        return None
    return Costs(figures["cpm"], figures["cpc"], figures["cpe"], table["currency"], "benchmark")


def platform(network: str) -> dict | None:
    entry = refdata.load(PLATFORMS).get(network)
    return entry if isinstance(entry, dict) and "min_daily" in entry else None


def minimum_daily(network: str, objective: str, currency: str) -> float:
    """The platform's minimum daily budget for a line of ``objective``, in ``currency``
    (0 when the platform publishes none)."""
    entry = platform(network)
    if entry is None:
        return 0.0
    factor = refdata.load(PLATFORMS)["currency_factor"].get(currency, 1.0)
    usd = entry["min_daily"][OPTIMISATION.get(objective, "clicks")]
    return round(usd * factor, 2)


def minimum_lifetime(network: str, currency: str) -> float:
    entry = platform(network)
    if entry is None or "min_lifetime" not in entry:
        return 0.0
    return round(entry["min_lifetime"] * refdata.load(PLATFORMS)["currency_factor"].get(currency, 1.0), 2)


def learning_daily(objective: str, costs: Costs) -> float:
    """The daily budget a line needs to leave the learning phase: about 50 results in 7 days
    (Meta's rule, ``data/media_platforms.toml``), with a margin. Awareness lines buy
    impressions, thousands a day, so the rule never binds them."""
    if OPTIMISATION.get(objective) == "impressions":
        return 0.0
    rule = refdata.load(PLATFORMS)["learning_phase"]
    return round(rule["results"] * costs.per_result(objective) / rule["days"] * rule["margin"], 2)


def useful_daily(currency: str) -> float:
    """Calame's own floor, where a platform asks less or nothing (``[useful_line]``)."""
    data = refdata.load(PLATFORMS)
    return round(data["useful_line"]["min_daily"] * data["currency_factor"].get(currency, 1.0), 2)


def daily_floor(network: str, objective: str, costs: Costs) -> float:
    """The least a line may spend a day: the platform's minimum, the learning phase's, or
    Calame's useful floor, whichever is highest."""
    return max(minimum_daily(network, objective, costs.currency), learning_daily(objective, costs),
               useful_daily(costs.currency))


def expected(amount: float, costs: Costs) -> dict:
    """What ``amount`` is expected to buy at ``costs``: impressions, people reached, clicks and
    engagements, rounded to what such an estimate deserves."""
    frequency = refdata.load(COSTS)["frequency"]
    impressions = amount / costs.cpm * 1000 if costs.cpm else 0
    return {
        "impressions": _round(impressions),
        "reach": _round(impressions / frequency),
        "clicks": _round(amount / costs.cpc) if costs.cpc else 0,
        "engagements": _round(amount / costs.cpe) if costs.cpe else 0,
        "costs": costs.origin,
    }


def _round(value: float) -> int:
    """Two significant figures: an estimate from indicative costs is not worth more."""
    if value < 100:
        return int(round(value))
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "CAD": "$ CA"}


def money(amount: float, currency: str, lang: str = "fr") -> str:
    """An amount as its reader writes it: "1 500,50 €" in French, "€1,500.50" in English."""
    whole = f"{amount:,.2f}".removesuffix(".00")
    symbol = SYMBOLS.get(currency, currency)
    if lang == "fr":
        return whole.replace(",", "\u202f").replace(".", ",") + "\u00a0" + symbol
    return f"{symbol}{whole}" if len(symbol) == 1 else f"{whole} {symbol}"
