"""The brand's own paid-social costs, read from the export its ads manager gives.

Meta Ads Manager (Facebook and Instagram: "Exporter" → CSV, French or English headers, with
or without the "Plateforme"/"Platform" breakdown) and LinkedIn Campaign Manager
("Campaign performance" CSV) are read; their totals per network replace the indicative
table of ``data/media_costs.toml`` for that brand. Column sets vary between exports, so a
format is recognised by a few columns that every export of it has; the currency comes from
the header ("Montant dépensé (EUR)") or a "Currency" column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from core.language.text import decode_bytes, fold, read_csv
from core.media.rules import MediaError
from core.models import MediaCost, utcnow
from core.results.numbers import parse_number

SPENT = ("amount spent", "montant depense", "total spent", "depenses totales")
IMPRESSIONS = ("impressions",)
CLICKS = ("link clicks", "clics sur un lien", "clicks", "clics")
ENGAGEMENTS = ("post engagements", "post engagement", "interactions avec la publication")
PLATFORM = ("platform", "plateforme")
CURRENCY = ("currency", "devise")
NETWORKS = {"facebook": "facebook", "instagram": "instagram", "audience network": "", "messenger": "",
            "threads": "threads"}


@dataclass
class Totals:
    network: str
    currency: str
    spent: float = 0.0
    impressions: float = 0.0
    clicks: float = 0.0
    engagements: float = 0.0


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [re.sub(r"\s*\(.*\)\s*$", "", fold(h).strip()) for h in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _currency(header: list[str], spent: int) -> str:
    found = re.search(r"\(([A-Z]{3})\)", header[spent])
    return found.group(1) if found else ""


def read_costs(data: bytes, name: str, *, brand_currency: str) -> list[Totals]:
    """The totals per network of one ads-manager export, or a MediaError that says why not."""
    rows = read_csv(decode_bytes(data, name), name=name)
    if not rows:
        raise MediaError("media.costs_empty", name=name)
    header, body = rows[0], rows[1:]
    spent = _column(header, SPENT)
    impressions = _column(header, IMPRESSIONS)
    if spent is None or impressions is None:
        raise MediaError("media.costs_unknown", name=name, columns=", ".join(header[:8]))
    clicks, engagements = _column(header, CLICKS), _column(header, ENGAGEMENTS)
    platform, currency_col = _column(header, PLATFORM), _column(header, CURRENCY)
    linkedin = "total spent" in fold(header[spent])
    decimal = "," if fold(header[spent]).startswith(("montant", "depenses")) else "."  # French export
    totals: dict[str, Totals] = {}
    for line, row in enumerate(body, start=2):
        cells = row + [""] * (len(header) - len(row))
        if platform is not None:
            network = NETWORKS.get(fold(cells[platform]).strip(), None)
            if network is None:
                raise MediaError("media.costs_bad_platform", name=name, line=line, value=cells[platform])
            if not network:
                continue
        else:
            network = "linkedin" if linkedin else "meta"
        currency = (cells[currency_col].strip().upper() if currency_col is not None else "") or _currency(header, spent)
        currency = currency or brand_currency
        if currency != brand_currency:
            raise MediaError("media.costs_currency", name=name, line=line, given=currency, expected=brand_currency)
        values = []
        for col in (spent, impressions, clicks, engagements):
            try:
                value = parse_number(cells[col], decimal=decimal) if col is not None else None
            except ValueError:
                raise MediaError("media.costs_bad_number", name=name, line=line, value=cells[col],
                                 column=header[col]) from None
            if value is not None and value < 0:
                raise MediaError("media.costs_negative", name=name, line=line, value=cells[col], column=header[col])
            values.append(value or 0.0)
        item = totals.setdefault(network, Totals(network, currency))
        item.spent += values[0]
        item.impressions += values[1]
        item.clicks += values[2]
        item.engagements += values[3]
    if "meta" in totals:  # an export without the platform breakdown: both Meta networks at its costs
        meta = totals.pop("meta")
        for network in ("facebook", "instagram"):
            totals.setdefault(network, Totals(network, meta.currency, meta.spent, meta.impressions, meta.clicks,
                                              meta.engagements))
    return [t for t in totals.values() if t.spent > 0]


def save_costs(brand_id: int, totals: list[Totals], name: str, *, session: Session) -> list[MediaCost]:
    """Store the brand's costs per network (one row a network: the last import wins)."""
    saved = []
    for item in totals:
        row = session.exec(select(MediaCost).where(MediaCost.brand_id == brand_id,
                                                   MediaCost.network == item.network)).first()
        row = row or MediaCost(brand_id=brand_id, network=item.network, currency=item.currency, spent=0)
        row.currency, row.spent, row.impressions = item.currency, round(item.spent, 2), item.impressions
        row.clicks, row.engagements, row.file_name, row.imported_at = item.clicks, item.engagements, name, utcnow()
        session.add(row)
        saved.append(row)
    session.flush()
    return saved
