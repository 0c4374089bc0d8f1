"""The brand brief as data: validation, and the TOML file format (``docs/brief-format.md``).

A brief is a plain dict with the sections ``brand``, ``tone``, ``message`` (promise,
differentiators, hashtag bank, claims to avoid), ``plan``, ``objectives``, ``personas``,
``channels``, ``pillars``, ``offers`` (what the brand sells or stands for: the material a
community manager writes from), ``rubrics`` (recurring series), and the moment preferences
``moments`` and ``brand_moments``, whose fields the moments module defines and checks (this
module only carries them). The Strategy screen and ``python -m core brief validate``
share ``validate()``, so a problem reads the same in the UI and in a terminal, in French
or English, with the field it is about and, for a file, its line.
"""

from __future__ import annotations

import copy
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w

from core import refdata, toml_lines
from core.i18n import MessageError, t
from core.planning import moment_prefs
from core.planning import rubrics as rubric_subjects

FORMAT = "calame-brief/1"
MAX_FILE_BYTES = 2_000_000  # a real brief is a few kilobytes
MAX_TEXT = 2000
HOURS_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
HASHTAG_RE = re.compile(r"^#?[^\W_][\w]*$")
COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")

SECTIONS = {
    "brand": {
        "name": "", "sector": "", "sector_other": "", "country": "FR",
        "timezone": "Europe/Paris", "languages": ["fr"], "hours_per_week": 0.0,
        "brand_hashtag": "", "tacit_approval_days": None,
    },
    "tone": {"address": "vous", "register": "courant", "emojis": True, "words_to_avoid": []},
    "message": {"promise": "", "differentiators": [], "hashtags": [], "claims_to_avoid": []},
    "plan": {"intent_preset": "regle_80_20", "tolerance": 10.0, "publishing_days": [], "keywords": []},
    "moments": moment_prefs.SETTINGS_DEFAULTS,  # checked by core.planning.moment_prefs (docs/moments.md)
}
ITEM_FIELDS = {
    "objectives": {"kind": "", "priority": 1, "kpi": ""},
    "personas": {
        "name": "", "description": "", "age_min": None, "age_max": None, "interests": [],
        "pain_points": [], "networks": [], "active_hours": [], "funnel_stage": "decouverte",
    },
    "channels": {"network": "", "posts_per_week": 1.0},
    "pillars": {
        "name": "", "description": "", "colour": "#4C78A8", "target_share": 0.0,
        "objectives": [], "personas": [],
    },
    "offers": {
        "name": "", "kind": "produit", "gender": "", "number": "s", "article": "",
        "description": "", "proofs": [], "proof_kinds": [], "price": "", "months": [], "link": "", "hashtag": "",
        "included": None, "action": "",
    },
    # items: the series' next subjects, one episode each in date order (core/planning/rubrics.py)
    "rubrics": {"name": "", "weekday": None, "networks": [], "description": "", "items": []},
    "brand_moments": moment_prefs.BRAND_MOMENT_DEFAULTS,
}
OFFER_KINDS = ("produit", "service", "programme", "cause", "evenement")
#: what a post about an offer asks the reader to do (docs/brief-format.md): buy it, book it, make an
#: appointment, ask for a quote, sign up, download it, give, volunteer, come, or get in touch
OFFER_ACTIONS = ("achat", "reservation", "rendez_vous", "devis", "inscription", "telechargement", "don",
                 "benevolat", "visite", "contact")
PROOF_KINDS = ("service", "making", "benefit", "figure", "feature")
GENDERS = ("f", "m")
NUMBERS = ("s", "p")
ARTICLES = ("le", "la", "l'", "les", "aucun")  # "aucun": a name used without article (Noël, Maison Lila)
MIN_OFFER_NAME = 2
MAX_OFFER_NAME = 80
URL_RE = re.compile(r"^https?://[^\s]+$")
TOP_LEVEL = {"format", *SECTIONS, *ITEM_FIELDS}


class BriefError(MessageError):
    """A brief that cannot be read at all (not TOML, too large, not UTF-8), with a message
    key of ``data/i18n/brief.toml``: the CLI and the pages render it in the reader's language."""


@dataclass
class Problem:
    """One thing wrong in a brief: where (``path``, ``line``) and what (message key)."""

    path: str
    key: str
    params: dict = field(default_factory=dict)
    line: int | None = None

    def message(self, lang: str = "fr") -> str:
        return t(self.key, lang, **self.params)

    def render(self, lang: str = "fr", filename: str | None = None) -> str:
        where = self.path
        if self.line is not None:
            where = f"{filename or ''}:{self.line}: {self.path}".lstrip(":")
        return f"{where}: {self.message(lang)}"


def empty_brief() -> dict:
    return {
        **{name: copy.deepcopy(defaults) for name, defaults in SECTIONS.items()},
        **{name: [] for name in ITEM_FIELDS},
    }


def normalise(brief: dict) -> dict:
    """Fill defaults for missing fields so that every reader sees the same shape."""
    out = empty_brief()
    for name in SECTIONS:
        section = brief.get(name) or {}
        if isinstance(section, dict):
            out[name].update(section)
    for name, defaults in ITEM_FIELDS.items():
        items = brief.get(name) or []
        if isinstance(items, list):
            out[name] = [{**defaults, **item} if isinstance(item, dict) else item for item in items]
    return out


def valid_timezone(name) -> bool:
    if not isinstance(name, str) or not 0 < len(name) <= 60:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _bad_chars(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text)


def _check_text(problems, path, value, *, required=False, limit=MAX_TEXT):
    if value is None or value == "":
        if required:
            problems.append(Problem(path, "brief.required"))
        return
    if not isinstance(value, str):
        problems.append(Problem(path, "brief.not_text"))
    elif len(value) > limit:
        problems.append(Problem(path, "brief.too_long", {"limit": limit, "length": len(value)}))
    elif _bad_chars(value):
        problems.append(Problem(path, "brief.control_chars"))


def _check_choice(problems, path, value, table, *, allow_empty=False):
    if allow_empty and value in ("", None):
        return
    if not isinstance(value, str) or value not in table:
        problems.append(
            Problem(path, "brief.invalid_choice", {"value": value, "valid": ", ".join(table)})
        )


def _check_number(problems, path, value, low, high, *, integer=False, optional=False):
    if value is None and optional:
        return
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        key = "brief.not_integer" if integer else "brief.not_number"
        problems.append(Problem(path, key, {"value": value}))
    elif not low <= value <= high:
        problems.append(Problem(path, "brief.out_of_range", {"value": value, "low": low, "high": high}))


def _check_list(problems, path, value, *, choices=None, limit=200):
    if not isinstance(value, list):
        problems.append(Problem(path, "brief.not_list"))
        return []
    if len(value) > limit:
        problems.append(Problem(path, "brief.too_many", {"limit": limit}))
    for i, item in enumerate(value):
        if choices is not None:
            _check_choice(problems, f"{path}[{i}]", item, choices)
        else:
            _check_text(problems, f"{path}[{i}]", item, limit=300)
    return value


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def sector_for(value: str) -> str | None:
    """The sector key a free-text sector most likely means ("Fashion", "restaurant",
    "Mode et prêt-à-porter"), from the keys and their French and English labels; None
    when no key, or more than one, fits."""
    words = [w for w in re.findall(r"\w+", _fold(value)) if len(w) >= 4 or _fold(value) == w]
    hits = {}
    for key, entry in refdata.SECTORS.items():
        label_words = set(re.findall(r"\w+", _fold(" ".join([key, str(entry.get("fr", "")), str(entry.get("en", ""))]))))
        hits[key] = sum(any(lw.startswith(w) or (len(lw) >= 4 and w.startswith(lw)) for lw in label_words)
                        for w in words)
    best = max(hits.values(), default=0)
    found = [key for key, n in hits.items() if n == best]
    return found[0] if best and len(found) == 1 else None


def _check_sector(problems, value):
    if value in ("", None) or (isinstance(value, str) and value in refdata.SECTORS):
        return
    valid = ", ".join(refdata.SECTORS)
    guess = sector_for(value) if isinstance(value, str) else None
    if guess:
        problems.append(Problem("brand.sector", "brief.sector_guess", {"value": value, "guess": guess, "valid": valid}))
    else:
        problems.append(Problem("brand.sector", "brief.unknown_sector", {"value": value, "valid": valid}))


def _check_unknown(problems, path, item: dict, known):
    for name in item:
        if name not in known:
            problems.append(
                Problem(f"{path}.{name}" if path else name, "brief.unknown_field",
                        {"field": name, "valid": ", ".join(sorted(known))})
            )


def validate(brief: dict) -> list[Problem]:
    """Every problem of ``brief`` (not only the first), in reading order."""
    problems: list[Problem] = []
    _check_unknown(problems, "", brief, TOP_LEVEL)
    fmt = brief.get("format", FORMAT)
    if fmt != FORMAT:
        problems.append(Problem("format", "brief.bad_format", {"value": fmt, "expected": FORMAT}))
    for name in SECTIONS:
        if name in brief and not isinstance(brief[name], dict):
            problems.append(Problem(name, "brief.not_table"))
    for name in ITEM_FIELDS:
        if name in brief and not isinstance(brief[name], list):
            problems.append(Problem(name, "brief.not_list"))
    if problems and any(p.key in ("brief.not_table", "brief.not_list") for p in problems):
        return problems

    b = normalise(brief)
    brand, tone = b["brand"], b["tone"]
    _check_unknown(problems, "brand", brief.get("brand") or {}, SECTIONS["brand"])
    _check_text(problems, "brand.name", brand["name"], required=True, limit=120)
    _check_sector(problems, brand["sector"])
    if brand["sector"] == "autre":
        _check_text(problems, "brand.sector_other", brand["sector_other"], required=True, limit=120)
    else:
        _check_text(problems, "brand.sector_other", brand["sector_other"], limit=120)
    _check_choice(problems, "brand.country", brand["country"], refdata.COUNTRIES)
    tz = brand["timezone"]
    if not valid_timezone(tz):
        problems.append(Problem("brand.timezone", "brief.bad_timezone", {"value": tz}))
    langs = _check_list(problems, "brand.languages", brand["languages"], choices=refdata.LANGUAGES)
    if isinstance(langs, list) and not langs:
        problems.append(Problem("brand.languages", "brief.required"))
    _check_number(problems, "brand.hours_per_week", brand["hours_per_week"], 0, 168)
    tag = brand["brand_hashtag"]
    if tag and (not isinstance(tag, str) or not HASHTAG_RE.match(tag)):
        problems.append(Problem("brand.brand_hashtag", "brief.bad_hashtag", {"value": tag}))
    _check_number(problems, "brand.tacit_approval_days", brand["tacit_approval_days"], 1, 60,
                  integer=True, optional=True)

    _check_unknown(problems, "tone", brief.get("tone") or {}, SECTIONS["tone"])
    _check_choice(problems, "tone.address", tone["address"], refdata.ADDRESS_FORMS)
    _check_choice(problems, "tone.register", tone["register"], refdata.TONES)
    if not isinstance(tone["emojis"], bool):
        problems.append(Problem("tone.emojis", "brief.not_boolean", {"value": tone["emojis"]}))
    _check_list(problems, "tone.words_to_avoid", tone["words_to_avoid"])

    message = b["message"]
    _check_unknown(problems, "message", brief.get("message") or {}, SECTIONS["message"])
    _check_text(problems, "message.promise", message["promise"], limit=300)
    _check_list(problems, "message.differentiators", message["differentiators"], limit=20)
    _check_list(problems, "message.claims_to_avoid", message["claims_to_avoid"])
    for i, tag in enumerate(_check_list(problems, "message.hashtags", message["hashtags"], limit=60)):
        if isinstance(tag, str) and not HASHTAG_RE.match(tag):
            problems.append(Problem(f"message.hashtags[{i}]", "brief.bad_hashtag", {"value": tag}))

    plan = b["plan"]
    _check_unknown(problems, "plan", brief.get("plan") or {}, SECTIONS["plan"])
    _check_choice(problems, "plan.intent_preset", plan["intent_preset"], refdata.entries("mix_presets.toml"))
    _check_number(problems, "plan.tolerance", plan["tolerance"], 0, 50)
    days = plan["publishing_days"]
    if not isinstance(days, list) or any(isinstance(d, bool) or d not in range(7) for d in days):
        problems.append(Problem("plan.publishing_days", "brief.bad_days", {"value": days}))
    _check_list(problems, "plan.keywords", plan["keywords"])

    seen: dict[str, set] = {name: set() for name in ITEM_FIELDS}
    for name, key_field in (("objectives", "kind"), ("personas", "name"),
                            ("channels", "network"), ("pillars", "name"),
                            ("offers", "name"), ("rubrics", "name")):
        for i, item in enumerate(b[name]):
            path = f"{name}[{i + 1}]"
            if not isinstance(item, dict):
                problems.append(Problem(path, "brief.not_table"))
                continue
            _check_unknown(problems, path, brief[name][i], ITEM_FIELDS[name])
            ident = item.get(key_field)
            if isinstance(ident, str) and ident.strip().lower() in seen[name]:
                problems.append(Problem(f"{path}.{key_field}", "brief.duplicate", {"value": ident}))
            elif isinstance(ident, str):
                seen[name].add(ident.strip().lower())
            CHECK_ITEM[name](problems, path, item)
    problems += [Problem(path, key, params) for path, key, params in moment_prefs.check(brief)]
    return problems


def _check_objective(problems, path, item):
    _check_choice(problems, f"{path}.kind", item["kind"], refdata.OBJECTIVES)
    _check_number(problems, f"{path}.priority", item["priority"], 1, 5, integer=True)
    _check_text(problems, f"{path}.kpi", item["kpi"], required=True, limit=300)
    if isinstance(item["kpi"], str) and item["kpi"].strip() and not re.search(r"\d", item["kpi"]):
        problems.append(Problem(f"{path}.kpi", "brief.kpi_not_measurable"))


def _check_persona(problems, path, item):
    _check_text(problems, f"{path}.name", item["name"], required=True, limit=120)
    _check_text(problems, f"{path}.description", item["description"])
    _check_number(problems, f"{path}.age_min", item["age_min"], 13, 100, integer=True, optional=True)
    _check_number(problems, f"{path}.age_max", item["age_max"], 13, 100, integer=True, optional=True)
    lo, hi = item["age_min"], item["age_max"]
    if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
        problems.append(Problem(f"{path}.age_max", "brief.age_order", {"low": lo, "high": hi}))
    _check_list(problems, f"{path}.interests", item["interests"])
    _check_list(problems, f"{path}.pain_points", item["pain_points"])
    _check_list(problems, f"{path}.networks", item["networks"], choices=refdata.NETWORKS)
    hours = _check_list(problems, f"{path}.active_hours", item["active_hours"], limit=24)
    for i, slot in enumerate(hours or []):
        m = HOURS_RE.match(slot) if isinstance(slot, str) else None
        if not m or (int(m[1]), int(m[2])) >= (int(m[3]), int(m[4])):
            problems.append(Problem(f"{path}.active_hours[{i}]", "brief.bad_hours", {"value": slot}))
    _check_choice(problems, f"{path}.funnel_stage", item["funnel_stage"], refdata.FUNNEL_STAGES)


def _check_channel(problems, path, item):
    _check_choice(problems, f"{path}.network", item["network"], refdata.NETWORKS)
    _check_number(problems, f"{path}.posts_per_week", item["posts_per_week"], 0.1, 50)


def _check_pillar(problems, path, item):
    _check_text(problems, f"{path}.name", item["name"], required=True, limit=120)
    _check_text(problems, f"{path}.description", item["description"])
    if not isinstance(item["colour"], str) or not COLOUR_RE.match(item["colour"]):
        problems.append(Problem(f"{path}.colour", "brief.bad_colour", {"value": item["colour"]}))
    _check_number(problems, f"{path}.target_share", item["target_share"], 0, 100)
    _check_list(problems, f"{path}.objectives", item["objectives"], choices=refdata.OBJECTIVES)
    _check_list(problems, f"{path}.personas", item["personas"])


def _check_offer(problems, path, item):
    name = item["name"]
    _check_text(problems, f"{path}.name", name, required=True, limit=MAX_OFFER_NAME)
    if isinstance(name, str) and 0 < len(name.strip()) < MIN_OFFER_NAME:
        problems.append(Problem(f"{path}.name", "brief.offer_name_short", {"value": name, "low": MIN_OFFER_NAME}))
    elif isinstance(name, str) and name.strip() and not any(c.isalnum() for c in name):
        problems.append(Problem(f"{path}.name", "brief.offer_name_no_word", {"value": name}))
    _check_choice(problems, f"{path}.kind", item["kind"], OFFER_KINDS)
    gender = item["gender"]
    if gender not in ("", None) and gender not in GENDERS:
        problems.append(Problem(f"{path}.gender", "brief.bad_gender", {"value": gender}))
    _check_choice(problems, f"{path}.number", item["number"], NUMBERS)
    _check_choice(problems, f"{path}.article", item["article"], ARTICLES, allow_empty=True)
    _check_text(problems, f"{path}.description", item["description"], limit=300)
    _check_list(problems, f"{path}.proofs", item["proofs"], limit=10)
    # optional, one a proof point in order ("" to let Calame infer it): core/planning/proofs.py
    _check_list(problems, f"{path}.proof_kinds", item["proof_kinds"], choices=("", *PROOF_KINDS), limit=10)
    _check_text(problems, f"{path}.price", item["price"], limit=60)
    months = item["months"]
    if not isinstance(months, list) or any(isinstance(m, bool) or m not in range(1, 13) for m in months):
        problems.append(Problem(f"{path}.months", "brief.bad_months", {"value": months}))
    link = item["link"]
    if link and (not isinstance(link, str) or not URL_RE.match(link)):
        problems.append(Problem(f"{path}.link", "brief.bad_link", {"value": link}))
    tag = item["hashtag"]
    if tag and (not isinstance(tag, str) or not HASHTAG_RE.match(tag)):
        problems.append(Problem(f"{path}.hashtag", "brief.bad_hashtag", {"value": tag}))
    if item["included"] is not None and not isinstance(item["included"], bool):
        problems.append(Problem(f"{path}.included", "brief.not_boolean", {"value": item["included"]}))
    _check_choice(problems, f"{path}.action", item["action"], OFFER_ACTIONS, allow_empty=True)


def _check_rubric(problems, path, item):
    _check_text(problems, f"{path}.name", item["name"], required=True, limit=80)
    day = item["weekday"]
    if day is not None and (isinstance(day, bool) or day not in range(7)):
        problems.append(Problem(f"{path}.weekday", "brief.bad_weekday", {"value": day}))
    _check_list(problems, f"{path}.networks", item["networks"], choices=refdata.NETWORKS)
    _check_text(problems, f"{path}.description", item["description"], limit=300)
    _check_rubric_items(problems, f"{path}.items", item["items"])


def _check_rubric_items(problems, path, items):
    """The series' next subjects: a list of lines, none blank (an empty line would be an episode
    with nothing to say); the same subject twice is the manager's choice to run it again."""
    if not isinstance(items, list):
        problems.append(Problem(path, "brief.rubric_items_not_list", {"value": items}))
        return
    if len(items) > rubric_subjects.MAX_ITEMS:
        problems.append(Problem(path, "brief.too_many", {"limit": rubric_subjects.MAX_ITEMS}))
    for i, value in enumerate(items):
        if isinstance(value, str) and not value.strip():
            problems.append(Problem(f"{path}[{i}]", "brief.rubric_item_empty", {"position": i + 1}))
        else:
            _check_text(problems, f"{path}[{i}]", value, limit=rubric_subjects.MAX_ITEM)


CHECK_ITEM = {
    "objectives": _check_objective,
    "personas": _check_persona,
    "channels": _check_channel,
    "pillars": _check_pillar,
    "offers": _check_offer,
    "rubrics": _check_rubric,
}


# --- the TOML file -------------------------------------------------------------------

def read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BriefError("brief.file_too_large", size=size, limit=MAX_FILE_BYTES)
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefError("brief.not_utf8", position=exc.start + 1) from exc


# tomllib ends its messages with where it stopped; the brief's reader wants the line.
TOML_WHERE_RE = re.compile(r"^(?P<detail>.*?) \((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$")


def loads(text: str) -> dict:
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise BriefError("brief.file_too_large", size=size, limit=MAX_FILE_BYTES)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = TOML_WHERE_RE.match(str(exc))
        if m is None or m["line"] is None:
            raise BriefError("brief.not_toml_at_end", detail=m["detail"] if m else str(exc)) from exc
        raise BriefError("brief.not_toml", line=int(m["line"]), column=int(m["column"]),
                         detail=m["detail"]) from exc


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """Attach to each problem the line of the file its field is written on."""
    return toml_lines.locate(problems, text, items=ITEM_FIELDS)


def validate_text(text: str) -> tuple[dict | None, list[Problem]]:
    data = loads(text)
    return data, locate(validate(data), text)


def _clean(value):
    """TOML has no null: drop None values, recursively."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def dumps(brief: dict) -> str:
    """The brief as TOML, one ``[[section]]`` block per item so that lines can be located."""
    b = normalise(brief)
    parts = ["# Calame brand brief. Format: docs/brief-format.md\n",
             tomli_w.dumps(_clean({"format": FORMAT, **{name: b[name] for name in SECTIONS}}),
                           multiline_strings=True)]
    for name in ITEM_FIELDS:
        for item in b[name]:
            parts.append(f"\n[[{name}]]\n" + tomli_w.dumps(_clean(item), multiline_strings=True))
    return "".join(parts)
