"""When a moment's posts go out, by moment family (``data/lead_times.toml``, ``docs/moments.md``).

A gift moment a sector campaigns on (weight 3) gets a teaser, its gift selection launched on
every network before the last delivery date, a post a week until that date, the last order
date itself (for the sectors that ship), last-minute ideas and the day; a trade fair, webinar
or open day of the brand gets invitations from four weeks ahead; a brand on Pinterest gets
the moment's Pin 30 to 45 days ahead and never on the day. Reminders fall during the moment,
never before. Every other moment keeps ``core.planning.moments.phases``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from core import refdata
from core.planning.moments import Moment, Phase, phases

LEAD_FILE = "lead_times.toml"
PINTEREST = "pinterest"
WINDOW_DAYS = 6


@lru_cache(maxsize=1)
def table() -> dict:
    return refdata.entries(LEAD_FILE)


def _by_key(spec: dict, key: str) -> int:
    return int(spec.get(key, spec["default"]))


def last_order_day(key: str, start: date) -> date:
    """The last day to order for a delivery before the gift moment ``key`` that starts on ``start``."""
    return start - timedelta(days=_by_key(table()["delivery"]["days_before"], key))


def last_order_date(moment: Moment, sector: str | None) -> date | None:
    """The last day to order for a delivery before a gift moment, for a sector that ships; else None."""
    delivery = table()["delivery"]
    if moment.key not in table()["cadeau"]["moments"] or (sector or "autre") not in delivery["sectors"]:
        return None
    return last_order_day(moment.key, moment.start)


def gift_sector(sector: str | None) -> bool:
    """Whether a sector sells gifts and gets the gift sequence (a restaurant takes bookings instead)."""
    return (sector or "autre") in table()["cadeau"]["sectors"]


def last_minute_phase(brief: dict) -> str:
    """The last-minute post's wording for a brand: ``last_minute``, with ``_shop`` when the brief
    says the brand has a shop (click and collect) and ``_card`` when it sells a gift card."""
    gift = table()["cadeau"]
    offers = [o for o in brief.get("offers") or [] if isinstance(o, dict)]
    message = brief.get("message") or {}
    texts = [str(o.get(k) or "") for o in offers for k in ("name", "description")]
    texts += [str(p) for o in offers for p in o.get("proofs") or []]
    texts += [str(message.get("promise") or ""), *map(str, message.get("differentiators") or [])]
    text = " ".join(texts).lower().replace("’", "'")
    names = " ".join(str(o.get("name") or "") for o in offers).lower()
    phase = "last_minute"
    if any(w in text for w in gift["shop_words"]):
        phase += "_shop"
    if any(w in names for w in gift["card_words"]):
        phase += "_card"
    return phase


def _gift(m: Moment, sector: str | None) -> list[Phase]:
    gift = table()["cadeau"]
    launch = m.start - timedelta(days=_by_key(gift["launch_days"], m.key))
    last_order = last_order_date(m, sector)
    last_minute = m.start - timedelta(days=int(gift["last_minute_days"]))
    out = []
    if m.lead_weeks * 7 > (m.start - launch).days + WINDOW_DAYS:
        out.append(Phase(m, "teasing", m.start - timedelta(weeks=m.lead_weeks)))
    out.append(Phase(m, "gift_launch", launch, every_network=True))
    stop = last_order or last_minute
    day = launch + timedelta(days=int(gift["selection_every_days"]))
    while day < stop - timedelta(days=2):
        out.append(Phase(m, "selection", day))
        day += timedelta(days=int(gift["selection_every_days"]))
    if last_order is not None:
        out.append(Phase(m, "last_order", last_order, earliest=last_order - timedelta(days=2)))
    out.append(Phase(m, "last_minute", last_minute, earliest=last_minute - timedelta(days=1)))
    out.append(Phase(m, "launch", m.start))
    return out


def _invitations(m: Moment) -> list[Phase]:
    out = [Phase(m, "invitation", m.start - timedelta(days=int(d))) for d in table()["invitation"]["days_before"]]
    out.append(Phase(m, "launch", m.start))
    if m.duration >= 2:
        out.append(Phase(m, "reminder", m.start + timedelta(days=max(1, m.duration // 2))))
    return out


def _is_invitation(m: Moment) -> bool:
    return m.kind == "marque" and any(tag in table()["invitation"]["kinds"] for tag in m.tags)


def plan_phases(m: Moment, *, sector: str | None = None, networks=()) -> list[Phase]:
    """Every post ``m`` calls for, with its target date and window."""
    if m.weight >= 3 and m.key in table()["cadeau"]["moments"] and gift_sector(sector):
        out = _gift(m, sector)
    elif m.weight >= 2 and _is_invitation(m):
        out = _invitations(m)
    else:
        out = phases(m)
    if m.weight >= 3 and m.duration >= 4:
        out.append(Phase(m, "last_call", m.end, earliest=m.end))
    for ph in out:
        if ph.phase == "reminder":  # during the moment, never before it
            ph.earliest = max(m.start + timedelta(days=1), ph.target - timedelta(days=WINDOW_DAYS))
    if PINTEREST in networks and m.weight >= 2 and m.kind != "holiday":
        pin = table()["pinterest"]
        for ph in out:
            ph.not_networks = (*ph.not_networks, PINTEREST)
        out.insert(0, Phase(m, "pinterest", m.start - timedelta(days=int(pin["latest_days"])),
                            earliest=m.start - timedelta(days=int(pin["earliest_days"])), network=PINTEREST))
    return out
