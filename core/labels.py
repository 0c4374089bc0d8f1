"""What a person reads in place of an internal code, and numbers, dates and counts in their language.

Codes (``a_valider``, ``image_texte``, ``pinterest``) stay in the database, the JSON and the
API; every screen, the Word calendar and the CSV written for people show these labels. The
labels themselves live beside their codes in ``data/post_statuses.toml``, ``data/formats.toml``,
``data/networks.toml`` and ``data/objectives.toml``: this module is the one place that reads
them for display, so that a status never reads one way on a screen and another in Word.
Numbers, dates and plurals follow the reader's language through babel (CLDR): a decimal
comma and « 11,7 h » in French, « 11.7 h » in English.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from core import refdata
from core.i18n import messages, t

FORMATS = refdata.entries("formats.toml")
KINDS = {"status": refdata.POST_STATUSES, "format": FORMATS, "network": refdata.NETWORKS,
         "objective": refdata.OBJECTIVES}

STATUS_STYLE = {
    # colour (background), icon: distinct for every status, so that Validé, À modifier and
    # Refusé never look alike in the calendar (colours from the Tableau 10 palette, readable
    # with white text; icons are Unicode symbols every system font has).
    "idee": ("#8c8c8c", "💡"),
    "brouillon": ("#79706e", "✎"),
    "a_valider": ("#f28e2b", "⏳"),
    "valide": ("#59a14f", "✔"),
    "a_modifier": ("#e15759", "✏"),
    "refuse": ("#9c2f2f", "✖"),
    "programme": ("#4e79a7", "⏰"),
    "publie": ("#2f4b7c", "📣"),
    "suspendu": ("#b07aa1", "⏸"),
}


def label(kind: str, key: str | None, lang: str) -> str:
    """The label of a ``kind`` ("status", "format", "network", "objective") code in ``lang``;
    "" for no code; an unknown code shown as is (it came from a file, it is the person's own word)."""
    if not key:
        return ""
    table = KINDS[kind]
    entry = table.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("label") or entry.get("fr") or key


def status(key, lang: str) -> str:
    return label("status", key, lang)


def network(key, lang: str) -> str:
    return label("network", key, lang)


def fmt(key, lang: str) -> str:
    return label("format", key, lang)


def objective(key, lang: str) -> str:
    return label("objective", key, lang)


def status_badge(key: str, lang: str) -> str:
    """The status with its icon, as the calendar and Rédaction show it: « ✔ Validé »."""
    return f"{STATUS_STYLE.get(key, ('', '•'))[1]} {status(key, lang)}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-/()]+", " ", text).strip().lower()


@lru_cache(maxsize=None)
def _by_label(kind: str) -> dict[str, str]:
    table = KINDS[kind]
    found = {}
    for key, entry in table.items():
        for value in (key, entry.get("fr"), entry.get("en"), entry.get("label")):
            if value:
                found.setdefault(_fold(value), key)
    return found


def code_of(kind: str, text: str) -> str | None:
    """The code a person meant by ``text``: the code itself or its label in either language,
    whatever the case and accents (« À valider », "to approve", ``a_valider``); None if none."""
    return _by_label(kind).get(_fold(text)) if text else None


def _strings(value):
    """Every string value of a TOML table (its keys are codes, its values prose)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@lru_cache(maxsize=1)
def leak_codes() -> frozenset[str]:
    """The codes that must never be read on a screen or in a client document, matched as
    whole words, case and accents kept: network codes in lower case (``pinterest``, never
    « Pinterest »), and status and format codes that are not how a person writes the word:
    with an underscore (``a_valider``, ``image_texte``) or without its accents (``temoignage``,
    ``idee``), unless one of Calame's own messages uses it as a word (« programme », « valide »),
    or, for a network, the drafts' own prose does (« la newsletter », « le blog »)."""
    words = set()
    for entry in messages().values():
        for text in entry.values():
            words.update(re.findall(r"\w+", str(text)))
    prose = set(words)  # networks that are also nouns of the drafts' prose (« la newsletter », « le blog »)
    for path in sorted((refdata.DATA / "templates").glob("*.toml")):
        prose.update(w for text in _strings(refdata.load(f"templates/{path.name}")) for w in re.findall(r"\w+", text))
    codes = set()
    for key, entry in refdata.NETWORKS.items():
        if len(key) > 1 and key != entry.get("label") and key not in prose:
            codes.add(key)
    for kind in ("status", "format"):
        for key, entry in KINDS[kind].items():
            shown = [v for v in (entry.get("fr"), entry.get("en")) if v]
            unaccented = any(key in re.findall(r"\w+", _fold(v)) and key not in re.findall(r"\w+", v.lower()) for v in shown)
            if ("_" in key or unaccented) and key not in words:
                codes.add(key)
    return frozenset(codes)


def number(value: float, lang: str, digits: int = 1) -> str:
    """``value`` with at most ``digits`` decimals in the language's notation: « 11,7 », "11.7"."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def hours(value: float, lang: str) -> str:
    """Hours as the language writes them: « 11,7 h » in French (with a no-break space), "11.7 h"."""
    return f"{number(value, lang)}\u00a0h"


def local(when: datetime, tz: ZoneInfo | str) -> datetime:
    """An aware datetime in the brand's time zone (naive ones are taken as UTC, as stored)."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(zone)


def when(value: datetime | None, tz: ZoneInfo | str, lang: str) -> str:
    """A publication time in the brand's time zone, as the language writes it:
    « 14/01/2027 12:30 », "01/14/2027, 12:30"."""
    if value is None:
        return ""
    pattern = "dd/MM/y HH:mm" if lang == "fr" else "MM/dd/y, HH:mm"
    return format_datetime(local(value, tz), pattern, locale=lang)


def day(value: date | None, lang: str) -> str:
    if value is None:
        return ""
    return format_date(value, "dd/MM/y" if lang == "fr" else "MM/dd/y", locale=lang)


def plural(key: str, lang: str, count: int, **params) -> str:
    """``key.one`` or ``key.other`` by the language's CLDR plural rule (French counts 0 and 1
    as one: « 0 publication », « 1 publication », « 2 publications »)."""
    form = "one" if Locale.parse(lang).plural_form(abs(count)) == "one" else "other"
    return t(f"{key}.{form}", lang, count=count, **params)
