"""What every client export shares: the calendar of a period (brief, posts as the client
may see them), the document token, text that Word and CSV accept, business-day deadlines."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from sqlmodel import Session, select

from core import refdata
from core.brands import brief_of
from core.i18n import LANGS, MessageError
from core.media.approval import lines_for_posts, shown
from core.models import Brand, Persona, Pillar
from core.posts import REF_PATTERN, posts_between
from core.visuals import agency_of, thumbnails_of


TOKEN_PREFIX = "calame-export:"
# The calendar table's columns, by layout. Documents already sent keep the layout they were
# made with: the answer reader (core.client.docx_answer) finds the layout's marker, written
# hidden beside the token, and reads the columns where that layout put them. Layout 1 (no
# marker) had eight columns, the reference first; layout 2 puts the text first and the
# reference, date, network, format and pillar in one compact cell.
LAYOUT_PREFIX = "calame-layout:"
LAYOUT = 2
LAYOUT_COLUMNS = {
    1: ("ref", "network", "pillar", "text", "extras", "visual", "decision", "comment"),
    2: ("text", "meta", "extras", "visual", "decision", "comment"),
}
REF_RE = re.compile(rf"^{REF_PATTERN}$")  # LILA-2027-03-014, and the CAL-2027-03-014 given before brand codes
# XML 1.0 forbids these code points; Word refuses a document that holds them.
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


class ExportError(MessageError):
    """An export refused, with a message key for ``core.i18n.t``."""


def clean(text) -> str:
    """Text Word accepts: forbidden control characters removed, line ends made ``\\n``."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN_RE.sub("", text)


def doc_lang(brief: dict) -> str:
    """The client reads the document in the brand's first language (French by default)."""
    for code in brief.get("brand", {}).get("languages") or []:
        if code in LANGS:
            return code
    return "fr"


def business_days_after(start: date, days: int, country: str = "FR") -> date:
    """``start`` plus ``days`` business days (weekends and the country's public holidays skipped)."""
    try:
        off = holidays.country_holidays(country or "FR", years=range(start.year, start.year + 2))
    except NotImplementedError:
        off = {}
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            left -= 1
    return current


def decision_labels(lang: str) -> list[tuple[str, str]]:
    """(status key, label) of the drop-down, in the order the client sees them."""
    return [(key, refdata.label(refdata.POST_STATUSES, key, lang))
            for key, entry in refdata.POST_STATUSES.items() if entry.get("client")]


@dataclass
class Calendar:
    """What goes into a client document: the brief, the period and the posts as dicts."""

    brief: dict
    period_from: date
    period_to: date
    posts: list[dict]
    sent_on: date = field(default_factory=date.today)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    agency: str = ""  # who signs the document (core.visuals.agency_of): the brand's own name without one
    logo: bytes | None = None

    @property
    def lang(self) -> str:
        return doc_lang(self.brief)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.brief["brand"].get("timezone") or "Europe/Paris")

    def tacit_deadline(self) -> date | None:
        days = self.brief["brand"].get("tacit_approval_days")
        if not days:
            return None
        return business_days_after(self.sent_on, int(days), self.brief["brand"].get("country") or "FR")


def post_dict(post, pillars: dict, personas: dict) -> dict:
    """The fields of a post the client may see (never notes, deadlines or scores)."""
    return {
        "ref": post.ref, "post_id": post.id, "version": post.version,
        "publish_at": post.publish_at, "network": post.network, "format": post.format,
        "pillar": pillars.get(post.pillar_id, ""), "persona": personas.get(post.persona_id, ""),
        "text": clean(post.text), "hashtags": [clean(h) for h in post.hashtags],
        "visual_brief": clean(post.visual_brief), "link": clean(post.link), "status": post.status,
        "objective": post.objective, "event": clean(post.event),
    }


def period_bounds(period_from: date, period_to: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    if period_to < period_from:
        raise ExportError("docx.bad_period", start=period_from.isoformat(), end=period_to.isoformat())
    start = datetime.combine(period_from, time(0), tzinfo=tz)
    end = datetime.combine(period_to + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def collect(brand_id: int, period_from: date, period_to: date, *, session: Session) -> Calendar:
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise ExportError("docx.brand_not_found", brand=brand_id)
    brief = brief_of(brand_id, session=session)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    start, end = period_bounds(period_from, period_to, tz)
    pillars = {p.id: p.name for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    rows = [p for p in posts_between(brand_id, start, end, session=session) if p.status != "idee"]
    paid = lines_for_posts([p.id for p in rows], session=session)
    thumbs = thumbnails_of([p.id for p in rows], session=session)
    posts = [post_dict(p, pillars, personas) | ({"sponsor": shown(paid[p.id])} if p.id in paid else {})
             | ({"thumb": thumbs[p.id]} if p.id in thumbs else {}) for p in rows]
    agency, logo = agency_of(brand_id, session=session)
    return Calendar(brief=brief, period_from=period_from, period_to=period_to, posts=posts, agency=agency,
                    logo=logo)


def snapshot_posts(calendar: Calendar) -> list[dict]:
    return [{"ref": p["ref"], "post_id": p.get("post_id"), "version": p.get("version"),
             "text": p["text"], "status": p.get("status", ""), "hashtags": list(p["hashtags"])}
            | ({"sponsor": p["sponsor"]} if p.get("sponsor") else {})
            for p in calendar.posts]
