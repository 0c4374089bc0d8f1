"""The brand's crisis file, prepared in calm times: foreseeable risks (gravity 1 to 3, SCCT
crisis type, prepared wording, the facts its answers need), the crisis team, the
validation chain and its delays, alert keywords, the moderation charter.

It is stored whole (``CrisisFile``, one a brand) and travels as its own TOML file
(``python -m core crisis file export|import``, format ``calame-crisis-file/1``). A file
with any problem is refused whole, every problem listed with its place and line: the file
in the database is never half replaced. Saves are guarded by a version number, so that two
people editing it at once cannot erase each other's work.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field

import tomli_w
from sqlmodel import Session, select

from core import refdata, toml_lines
from core.crisis import templates
from core.crisis.playbook import PLAYBOOK, CrisisError, strategies
from core.i18n import t
from core.models import Brand, CrisisFile, utcnow

FORMAT = "calame-crisis-file/1"
MAX_FILE_BYTES = 500_000  # a real file is a few kilobytes
SECTIONS = ("risks", "team", "chain")
LIMITS = {"risks": 50, "team": 30, "chain": 10, "keywords": 200}
TEXT_LIMITS = {"name": 120, "wording": 4000, "fact": 500, "who": 120, "contact": 200, "keyword": 80,
               "charter": 10_000}
MAX_CHAIN_MINUTES = 7 * 24 * 60  # a validation step longer than a week is no crisis procedure
RISK_FIELDS = ("name", "gravity", "kind", "wording", "facts")
TEAM_FIELDS = ("role", "name", "contact")
CHAIN_FIELDS = ("who", "minutes")
TOP_LEVEL = ("format", "charter", "keywords", *SECTIONS)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class InvalidCrisisFile(CrisisError):
    """A crisis file refused whole; ``problems`` lists every problem found."""

    def __init__(self, problems: list["Problem"]):
        super().__init__("crisis.file.invalid", count=len(problems))
        self.problems = problems


@dataclass
class Problem:
    """One thing wrong in a crisis file: where (``path``, ``line`` in a TOML file) and what."""

    path: str
    key: str
    params: dict = field(default_factory=dict)
    line: int | None = None

    def message(self, lang: str = "fr") -> str:
        return t(self.key, lang, **self.params)

    def render(self, lang: str = "fr", filename: str | None = None) -> str:
        where = self.path if self.line is None else f"{filename or ''}:{self.line}: {self.path}".lstrip(":")
        return f"{where}: {self.message(lang)}"


def roles() -> list[str]:
    return list(refdata.entries(PLAYBOOK)["roles"]["order"])


def role_label(role: str, lang: str) -> str:
    entry = refdata.entries(PLAYBOOK)["roles"].get(role)
    return entry[lang if lang in ("fr", "en") else "fr"] if isinstance(entry, dict) else role


def fact_fields() -> list[str]:
    """Every field a response template asks for but the brand's name (which the brief gives)."""
    found: list[str] = []
    for name in templates.names():
        found += [f for f in templates.fields(name) if f != "brand" and f not in found]
    return found


def empty_file() -> dict:
    return {"risks": [], "team": [], "chain": [], "keywords": [], "charter": "", "version": 0,
            "updated_at": None, "updated_by": ""}


def _text(problems, path, value, limit, *, required=False) -> str:
    if not isinstance(value, str):
        problems.append(Problem(path, "crisis.file.not_text", {"value": repr(value)[:40]}))
        return ""
    value = unicodedata.normalize("NFC", value)
    if _BAD_CHARS.search(value):
        problems.append(Problem(path, "crisis.file.bad_chars"))
    if required and not value.strip():
        problems.append(Problem(path, "crisis.file.required"))
    if len(value) > limit:
        problems.append(Problem(path, "crisis.file.too_long", {"limit": limit, "length": len(value)}))
    return value.strip()


def _integer(problems, path, value, low, high) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(Problem(path, "crisis.file.bad_number", {"value": value, "min": low, "max": high}))
        return None
    return value


def _unknown(problems, path, item: dict, known) -> None:
    for key in item:
        if key not in known:
            problems.append(Problem(f"{path}.{key}" if path else key, "crisis.file.unknown_field",
                                    {"field": key, "valid": ", ".join(known)}))


def _items(problems, data, section) -> list:
    items = data.get(section, [])
    if not isinstance(items, list) or any(not isinstance(i, dict) for i in items):
        problems.append(Problem(section, "crisis.file.not_list"))
        return []
    if len(items) > LIMITS[section]:
        problems.append(Problem(section, "crisis.file.too_many", {"count": len(items), "limit": LIMITS[section]}))
    return items


def validate(data) -> tuple[dict, list[Problem]]:
    """``(clean, problems)``: the file with its texts trimmed, and every problem, in reading order."""
    if not isinstance(data, dict):
        return empty_file(), [Problem("", "crisis.file.not_table")]
    problems: list[Problem] = []
    _unknown(problems, "", {k: v for k, v in data.items() if k not in ("version", "updated_at", "updated_by")},
             TOP_LEVEL)
    if data.get("format", FORMAT) != FORMAT:
        problems.append(Problem("format", "crisis.file.bad_format", {"value": data.get("format"), "expected": FORMAT}))
    kinds, facts, valid_roles = list(strategies()), fact_fields(), roles()
    clean = empty_file()
    seen: set[str] = set()
    for i, item in enumerate(_items(problems, data, "risks"), 1):
        path = f"risks[{i}]"
        _unknown(problems, path, item, RISK_FIELDS)
        name = _text(problems, f"{path}.name", item.get("name", ""), TEXT_LIMITS["name"], required=True)
        if name and name.casefold() in seen:
            problems.append(Problem(f"{path}.name", "crisis.file.duplicate", {"value": name}))
        seen.add(name.casefold())
        gravity = _integer(problems, f"{path}.gravity", item.get("gravity"), 1, 3)
        kind = item.get("kind", "")
        if kind not in kinds:
            problems.append(Problem(f"{path}.kind", "crisis.file.bad_kind", {"value": kind, "valid": ", ".join(kinds)}))
        given = item.get("facts", {})
        if not isinstance(given, dict):
            problems.append(Problem(f"{path}.facts", "crisis.file.not_table"))
            given = {}
        clean_facts = {}
        for key, value in given.items():
            if key not in facts:
                problems.append(Problem(f"{path}.facts.{key}", "crisis.file.unknown_field",
                                        {"field": key, "valid": ", ".join(facts)}))
                continue
            value = _text(problems, f"{path}.facts.{key}", value, TEXT_LIMITS["fact"])
            if value:
                clean_facts[key] = value
        clean["risks"].append({
            "name": name, "gravity": gravity, "kind": kind,
            "wording": _text(problems, f"{path}.wording", item.get("wording", ""), TEXT_LIMITS["wording"]),
            "facts": clean_facts})
    for i, item in enumerate(_items(problems, data, "team"), 1):
        path = f"team[{i}]"
        _unknown(problems, path, item, TEAM_FIELDS)
        role = item.get("role", "")
        if role not in valid_roles:
            problems.append(Problem(f"{path}.role", "crisis.file.bad_role",
                                    {"value": role, "valid": ", ".join(valid_roles)}))
        clean["team"].append({
            "role": role, "name": _text(problems, f"{path}.name", item.get("name", ""), TEXT_LIMITS["name"],
                                        required=True),
            "contact": _text(problems, f"{path}.contact", item.get("contact", ""), TEXT_LIMITS["contact"],
                             required=True)})
    for i, item in enumerate(_items(problems, data, "chain"), 1):
        path = f"chain[{i}]"
        _unknown(problems, path, item, CHAIN_FIELDS)
        clean["chain"].append({
            "who": _text(problems, f"{path}.who", item.get("who", ""), TEXT_LIMITS["who"], required=True),
            "minutes": _integer(problems, f"{path}.minutes", item.get("minutes"), 1, MAX_CHAIN_MINUTES)})
    keywords = data.get("keywords", [])
    if not isinstance(keywords, list):
        problems.append(Problem("keywords", "crisis.file.not_list"))
        keywords = []
    if len(keywords) > LIMITS["keywords"]:
        problems.append(Problem("keywords", "crisis.file.too_many", {"count": len(keywords),
                                                                    "limit": LIMITS["keywords"]}))
    for i, word in enumerate(keywords, 1):
        word = _text(problems, f"keywords[{i}]", word, TEXT_LIMITS["keyword"])
        if word and word.casefold() not in {w.casefold() for w in clean["keywords"]}:
            clean["keywords"].append(word)
    clean["charter"] = _text(problems, "charter", data.get("charter", ""), TEXT_LIMITS["charter"])
    if not problems and not any(clean[k] for k in ("risks", "team", "chain", "keywords", "charter")):
        problems.append(Problem("", "crisis.file.empty"))
    return clean, problems


def _row(brand_id: int, session: Session) -> CrisisFile | None:
    return session.exec(select(CrisisFile).where(CrisisFile.brand_id == brand_id)).first()


def load_file(brand_id: int, *, session: Session) -> dict:
    """The brand's crisis file as a dict (an empty one, version 0, when none was written)."""
    row = _row(brand_id, session)
    if row is None:
        return empty_file()
    return {"risks": [dict(r, facts=dict(r.get("facts", {}))) for r in row.risks], "team": [dict(m) for m in row.team],
            "chain": [dict(c) for c in row.chain], "keywords": list(row.keywords), "charter": row.charter,
            "version": row.version, "updated_at": row.updated_at, "updated_by": row.updated_by}


def save_file(brand_id: int, data: dict, expected_version: int, *, session: Session, by: str = "") -> dict:
    """Validate and store the whole file if it is still at ``expected_version``.

    ``InvalidCrisisFile`` (every problem) or ``crisis.file.conflict`` (someone saved in
    between): nothing is written then."""
    if session.get(Brand, brand_id) is None:
        raise CrisisError("crisis.no_brand", brand=brand_id)
    clean, problems = validate(data)
    if problems:
        raise InvalidCrisisFile(problems)
    row = _row(brand_id, session) or CrisisFile(brand_id=brand_id)
    if row.version != expected_version:
        raise CrisisError("crisis.file.conflict", by=row.updated_by or "?", version=row.version)
    row.risks, row.team, row.chain = clean["risks"], clean["team"], clean["chain"]
    row.keywords, row.charter = clean["keywords"], clean["charter"]
    row.version, row.updated_at, row.updated_by = row.version + 1, utcnow(), by
    session.add(row)
    session.flush()
    return load_file(brand_id, session=session)


def risk_named(data: dict, name: str) -> dict | None:
    """The file's risk called ``name`` (case and spacing ignored), or None."""
    wanted = " ".join(str(name or "").split()).casefold()
    return next((r for r in data["risks"] if " ".join(r["name"].split()).casefold() == wanted), None)


def dumps(data: dict) -> str:
    """The file as TOML, one ``[[section]]`` block an item, so that problems can be located."""
    head = {"format": FORMAT, "keywords": list(data["keywords"]), "charter": data["charter"]}
    parts = ["# Calame crisis file. Format: docs/crisis.md\n", tomli_w.dumps(head, multiline_strings=True)]
    for section in SECTIONS:
        for item in data[section]:
            facts = item.get("facts") or {}
            item = {k: v for k, v in item.items() if v is not None and k != "facts"}
            parts.append(f"\n[[{section}]]\n" + tomli_w.dumps(item, multiline_strings=True))
            if facts:  # a sub-table of this item, not a top-level [facts]
                parts.append(f"\n[{section}.facts]\n" + tomli_w.dumps(facts, multiline_strings=True))
    return "".join(parts)


_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)$")
_WHERE_END = re.compile(r"\(at end of document\)$")


def loads(text: str) -> dict:
    """A crisis file's TOML; a CrisisError with the line when it is not TOML or too large."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise CrisisError("crisis.file.too_large", size=size, limit=MAX_FILE_BYTES)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _WHERE.search(str(exc))  # else "(at end of document)": the last line
        raise CrisisError("crisis.file.not_toml", line=where[1] if where else str(len(text.splitlines())),
                          detail=_WHERE_END.sub("", _WHERE.sub("", str(exc))).strip()) from exc


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """Give each problem the line of the TOML file its field is written on."""
    return toml_lines.locate(problems, text, items=SECTIONS)


def import_text(brand_id: int, text: str, *, session: Session, by: str = "") -> dict:
    """Replace the brand's crisis file with the TOML ``text``; refused whole, problems located."""
    data = loads(text)
    _, problems = validate(data)
    if problems:
        raise InvalidCrisisFile(locate(problems, text))
    current = load_file(brand_id, session=session)
    return save_file(brand_id, data, current["version"], session=session, by=by)


def ensure_demo_file(brand_id: int, *, session: Session) -> bool:
    """Give the demo brand the demo crisis file (data/demo/crisis.toml) when it has none yet;
    a file someone edited is never replaced. True when it was written."""
    if _row(brand_id, session) is not None:
        return False
    import_text(brand_id, (refdata.DATA / "demo" / "crisis.toml").read_text(encoding="utf-8"), session=session,
                by="Calame")
    return True
