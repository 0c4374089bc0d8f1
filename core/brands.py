"""Brands and their brief in the database: create, rename, duplicate, archive, save.

Saving a brief matches children by their natural key (objective kind, persona name,
channel network, pillar name), so that posts pointing at a persona or pillar keep their
link when the brief is edited.

The brief's sections that are read and written whole (``message``, ``offers``, ``rubrics``,
``moments``, ``brand_moments``) are JSON columns of the brand (``STORED_WHOLE``), stored as
the normalised and validated brief holds them (strings, numbers, lists and tables: every
field of those sections is checked, ``core.planning.moment_prefs`` for the moments).

A brand's name loses its control characters on the way in (``core.fields``): a name with
an ESC or a NUL pasted into it could be stored, but the brief refuses it, so the strategy
could never be saved again.
"""

from __future__ import annotations

import copy
import re
import unicodedata

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core import brief as brief_mod
from core import refdata
from core.fields import clean_text
from core.i18n import MessageError
from core.models import (Brand, Channel, Crisis, CrisisLogEntry, ExportSnapshot, MediaLine, Objective, Persona,
                         Pillar, Post, RefAlias, RefCounter, ReviewLink, utcnow)


class BrandError(MessageError):
    """A brand operation refused, with a message key for ``core.i18n.t``."""


class InvalidBrief(ValueError):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s) in the brief")
        self.problems = problems


STORED_WHOLE = {"message": "message", "offers": "offers", "rubrics": "rubrics",
                "moments": "moment_settings", "brand_moments": "brand_moments"}
"""Brief section -> ``Brand`` JSON column."""

CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{2,5}$")
RESERVED_CODES = frozenset({"CAL", "IDEE"})
"""The references given before brand codes began with CAL- and IDEE-: no brand may take them."""
DEFAULT_CODE = "MARQUE"  # a name with no Latin letter at all


_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss"})


def _folded_words(name: str) -> list[str]:
    name = (name or "").translate(_LIGATURES)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    return re.findall(r"[A-Z]+", folded)


def derive_code(name: str, taken=frozenset()) -> str:
    """A brand's code from its name: the letters of its distinctive words, ASCII-folded and in
    capitals, 3 to 6 of them (« Maison Lila » -> LILA, « Café des Arts » -> ARTS), made unique
    against ``taken`` with a digit (LILA2, then LILA3…). The generic words of
    data/wordlists/brand_code_skip.txt are left out when the name has others."""
    words = _folded_words(name)
    skip = refdata.load_words("wordlists/brand_code_skip.txt")
    kept = [w for w in words if w not in skip]
    letters = "".join(kept) if len("".join(kept)) >= 3 else "".join(words)
    base = (letters or DEFAULT_CODE)[:6]
    base = base + "X" * (3 - len(base))
    taken = {str(c).upper() for c in taken} | RESERVED_CODES
    if base not in taken:
        return base
    for n in range(2, 10_000):
        suffix = str(n)
        candidate = base[:6 - len(suffix)] + suffix
        if len(candidate) < 3:
            candidate = candidate + "X" * (3 - len(candidate))
        if candidate not in taken:
            return candidate
    raise BrandError("brand.code_exhausted", code=base)


def code_taken(code: str, *, session: Session, exclude_id: int | None = None) -> bool:
    """True when another brand has ``code``, when it is reserved, or when references were
    ever given under it (a former code: its posts' aliases keep answering to it)."""
    if code in RESERVED_CODES:
        return True
    holder = session.exec(select(Brand.id).where(Brand.code == code)).first()
    if holder is not None:
        return holder != exclude_id
    return session.exec(select(RefCounter.prefix).where(RefCounter.prefix.like(f"{code}-%"))).first() is not None


def _taken_codes(session: Session) -> set[str]:
    codes = {c for c in session.exec(select(Brand.code).where(Brand.code.is_not(None)))}
    codes |= {p.split("-", 1)[0] for p in session.exec(select(RefCounter.prefix))}
    return codes


def new_code(name: str, *, session: Session) -> str:
    """The code a new brand named ``name`` gets (``derive_code`` against the codes in use)."""
    return derive_code(name, _taken_codes(session))


def brand_code(brand_id: int, *, session: Session) -> str:
    """The brand's code, given now (from its name) when it has none yet: a brand stored
    without one (an old import, a row written by hand) gets it with its first reference."""
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise BrandError("brand.not_found", name=brand_id)
    if not brand.code:
        brand.code = new_code(brand.name, session=session)
        session.add(brand)
        session.flush()
    return brand.code


def sent_posts(brand_id: int, *, session: Session) -> int:
    """How many of the brand's posts were sent to the client (in an export or a review link)."""
    ids = set()
    for posts in session.exec(select(ExportSnapshot.posts).where(ExportSnapshot.brand_id == brand_id)):
        ids.update(p.get("post_id") for p in posts or [] if p.get("post_id") is not None)
    return len(ids)


def check_code(code: str, *, session: Session, exclude_id: int | None = None) -> str:
    """``code`` in capitals, or ``BrandError`` saying what a code may be and what is free."""
    code = clean_text(code or "", multiline=False).strip().upper()
    if not CODE_RE.match(code):
        raise BrandError("brand.code_invalid", code=code[:20])
    if code in RESERVED_CODES:
        raise BrandError("brand.code_reserved", code=code)
    if code_taken(code, session=session, exclude_id=exclude_id):
        brand = session.get(Brand, exclude_id) if exclude_id else None
        free = derive_code(code, _taken_codes(session) - ({brand.code} if brand and brand.code else set()))
        raise BrandError("brand.code_taken", code=code, free=free)
    return code


def rename_refs(brand_id: int, old_code: str, new_code_: str, *, session: Session) -> int:
    """Give the brand's posts references under ``new_code_`` (same month and number), keep
    the old ones as aliases, and carry the change into what holds references (the exports
    sent, the review links' answers, the crises, the media lines). Returns the posts renamed."""
    old_prefix, new_prefix = f"{old_code}-", f"{new_code_}-"
    posts = list(session.exec(select(Post).where(Post.brand_id == brand_id, Post.ref.like(f"{old_prefix}%"))
                              .execution_options(include_deleted=True, populate_existing=True)))
    mapping = {p.ref: new_prefix + p.ref[len(old_prefix):] for p in posts}
    if not mapping:
        return 0
    for post_id, old in [(p.id, p.ref) for p in posts]:  # read first: the UPDATE refreshes the objects
        session.execute(update(Post).where(Post.id == post_id).values(ref=mapping[old])
                        .execution_options(include_deleted=True))
        if session.get(RefAlias, old) is None:
            session.add(RefAlias(ref=old, post_id=post_id))
    for counter in session.exec(select(RefCounter).where(RefCounter.prefix.like(f"{old_prefix}%"))).all():
        prefix = new_prefix + counter.prefix[len(old_prefix):]
        if session.get(RefCounter, prefix) is None:
            session.add(RefCounter(prefix=prefix, last_number=counter.last_number))
    _rewrite_held_refs(session, brand_id, mapping)
    session.flush()
    session.expire_all()
    return len(mapping)


def _rewrite_held_refs(session: Session, brand_id: int, mapping: dict[str, str]) -> None:
    def swap(items):
        return [dict(i, ref=mapping.get(i.get("ref"), i.get("ref"))) if isinstance(i, dict) else i for i in items]

    for snap in session.exec(select(ExportSnapshot).where(ExportSnapshot.brand_id == brand_id)):
        snap.posts = swap(snap.posts or [])
        session.add(snap)
    for link in session.exec(select(ReviewLink).where(ReviewLink.brand_id == brand_id)):
        answers = dict(link.answers or {})
        if isinstance(answers.get("rows"), dict):
            answers["rows"] = {mapping.get(k, k): v for k, v in answers["rows"].items()}
            link.answers = answers
            session.add(link)
    for crisis in session.exec(select(Crisis).where(Crisis.brand_id == brand_id)):
        crisis.suspended = swap(crisis.suspended or [])
        crisis.proposals = {mapping.get(k, k): v for k, v in (crisis.proposals or {}).items()}
        session.add(crisis)
        for entry in session.exec(select(CrisisLogEntry).where(CrisisLogEntry.crisis_id == crisis.id)):
            if (entry.details or {}).get("ref") in mapping:
                entry.details = dict(entry.details, ref=mapping[entry.details["ref"]])
                session.add(entry)
    for line in session.exec(select(MediaLine).where(MediaLine.brand_id == brand_id, MediaLine.ref.in_(list(mapping)))):
        line.ref = mapping[line.ref]
        session.add(line)


def set_code(brand_id: int, code: str, *, session: Session, confirm: bool = False) -> Brand:
    """Change the brand's code (the brand's settings). Its posts take references under the
    new code and keep the old ones as aliases. Once posts were sent to the client the change
    is never made silently: without ``confirm`` it raises ``brand.code_sent`` with how many."""
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise BrandError("brand.not_found", name=brand_id)
    code = check_code(code, session=session, exclude_id=brand_id)
    old = brand_code(brand_id, session=session)
    if code == old:
        return brand
    sent = sent_posts(brand_id, session=session)
    if sent and not confirm:
        raise BrandError("brand.code_sent", count=sent, old=old, new=code)
    brand.code, brand.updated_at = code, utcnow()
    session.add(brand)
    session.flush()
    rename_refs(brand_id, old, code, session=session)
    return session.get(Brand, brand_id)


def list_brands(*, session: Session, include_archived: bool = False) -> list[Brand]:
    query = select(Brand).order_by(Brand.name)
    if not include_archived:
        query = query.where(Brand.archived == False)  # noqa: E712
    return list(session.exec(query))


def get_brand(name_or_id: str | int, *, session: Session) -> Brand | None:
    if isinstance(name_or_id, int) or (isinstance(name_or_id, str) and name_or_id.isdigit()):
        brand = session.get(Brand, int(name_or_id))
        if brand:
            return brand
    return session.exec(select(Brand).where(Brand.name == str(name_or_id))).first()


def _check_name(name: str, *, session: Session, exclude_id: int | None = None) -> str:
    name = clean_text(name or "", multiline=False).strip()
    if not name:
        raise BrandError("brand.name_required")
    if len(name) > 120:
        raise BrandError("brand.name_too_long", limit=120)
    other = session.exec(select(Brand).where(Brand.name == name)).first()
    if other and other.id != exclude_id:
        raise BrandError("brand.name_taken", name=name)
    return name


def create_brand(name: str, *, session: Session, **fields) -> Brand:
    name = _check_name(name, session=session)
    code = fields.pop("code", None)
    code = check_code(code, session=session) if code else new_code(name, session=session)
    brand = Brand(name=name, code=code, languages=["fr"], **fields)
    session.add(brand)
    session.flush()
    return brand


def rename_brand(brand_id: int, new_name: str, *, session: Session) -> Brand:
    brand = session.get(Brand, brand_id)
    brand.name = _check_name(new_name, session=session, exclude_id=brand_id)
    brand.updated_at = utcnow()
    session.add(brand)
    session.flush()
    return brand


def archive_brand(brand_id: int, *, session: Session, archived: bool = True) -> Brand:
    brand = session.get(Brand, brand_id)
    brand.archived = archived
    brand.updated_at = utcnow()
    session.add(brand)
    session.flush()
    return brand


def duplicate_brand(brand_id: int, new_name: str, *, session: Session) -> Brand:
    """A new brand with the same brief (not the same posts)."""
    data = brief_of(brand_id, session=session)
    data["brand"]["name"] = _check_name(new_name, session=session)
    return save_brief(data, session=session)


def brief_of(brand_id: int, *, session: Session) -> dict:
    brand = session.get(Brand, brand_id)
    objectives = session.exec(
        select(Objective).where(Objective.brand_id == brand_id).order_by(Objective.priority, Objective.id)
    ).all()
    personas = session.exec(select(Persona).where(Persona.brand_id == brand_id).order_by(Persona.id)).all()
    channels = session.exec(select(Channel).where(Channel.brand_id == brand_id).order_by(Channel.id)).all()
    pillars = session.exec(select(Pillar).where(Pillar.brand_id == brand_id).order_by(Pillar.id)).all()
    return brief_mod.normalise({
        "brand": {
            "name": brand.name, "sector": brand.sector, "sector_other": brand.sector_other,
            "country": brand.country, "timezone": brand.timezone,
            "languages": list(brand.languages), "hours_per_week": brand.hours_per_week,
            "brand_hashtag": brand.brand_hashtag, "tacit_approval_days": brand.tacit_approval_days,
        },
        "tone": {
            "address": brand.address, "register": brand.tone, "emojis": brand.emojis,
            "words_to_avoid": list(brand.words_to_avoid),
        },
        "plan": dict(brand.plan_settings or {}),
        **{section: copy.deepcopy(getattr(brand, column)) for section, column in STORED_WHOLE.items()},
        "objectives": [{"kind": o.kind, "priority": o.priority, "kpi": o.kpi} for o in objectives],
        "personas": [
            {
                "name": p.name, "description": p.description, "age_min": p.age_min,
                "age_max": p.age_max, "interests": list(p.interests),
                "pain_points": list(p.pain_points), "networks": list(p.networks),
                "active_hours": list(p.active_hours), "funnel_stage": p.funnel_stage,
            }
            for p in personas
        ],
        "channels": [{"network": c.network, "posts_per_week": c.posts_per_week} for c in channels],
        "pillars": [
            {
                "name": p.name, "description": p.description, "colour": p.colour,
                "target_share": p.target_share, "objectives": list(p.objectives),
                "personas": list(p.personas),
            }
            for p in pillars
        ],
    })


def save_plan_settings(brand_id: int, settings: dict, *, session: Session) -> dict:
    """Validate and store the [plan] section alone (the Editorial line screen saves it)."""
    data = brief_of(brand_id, session=session)
    data["plan"].update(settings)
    problems = [p for p in brief_mod.validate(data) if p.path.startswith("plan")]
    if problems:
        raise InvalidBrief(problems)
    brand = session.get(Brand, brand_id)
    brand.plan_settings = dict(data["plan"])
    brand.updated_at = utcnow()
    session.add(brand)
    session.flush()
    return brand.plan_settings


def _sync(session, model, brand_id, items, key_field, build):
    """Update rows whose key is in ``items``, add the new ones, delete the rest."""
    existing = {
        getattr(row, key_field).strip().lower(): row
        for row in session.exec(select(model).where(model.brand_id == brand_id))
    }
    for item in items:
        key = str(item[key_field]).strip().lower()
        row = existing.pop(key, None) or model(brand_id=brand_id)
        for name, value in build(item).items():
            setattr(row, name, value)
        session.add(row)
    for row in existing.values():
        session.delete(row)


def save_brief(data: dict, *, session: Session, brand_id: int | None = None) -> Brand:
    """Validate and store a whole brief; create the brand when ``brand_id`` is None.

    With no ``brand_id``, a brand of the same name is updated (that is what
    ``brief import`` of an exported file means). Raises ``InvalidBrief`` and writes
    nothing when the brief has problems.
    """
    problems = brief_mod.validate(data)
    if problems:
        raise InvalidBrief(problems)
    b = brief_mod.normalise(data)
    info, tone = b["brand"], b["tone"]
    name = info["name"].strip()
    if brand_id is None:
        brand = session.exec(select(Brand).where(Brand.name == name)).first() or Brand(
            name=name, code=new_code(name, session=session))
    else:
        brand = session.get(Brand, brand_id)
        if brand is None:
            raise BrandError("brand.not_found", name=brand_id)
        brand.name = _check_name(name, session=session, exclude_id=brand_id)
    brand.sector = info["sector"] or ""
    brand.sector_other = info["sector_other"] or ""
    brand.country = info["country"]
    brand.timezone = info["timezone"]
    brand.languages = list(info["languages"])
    brand.hours_per_week = float(info["hours_per_week"])
    brand.brand_hashtag = info["brand_hashtag"] or ""
    brand.tacit_approval_days = info["tacit_approval_days"]
    brand.address = tone["address"]
    brand.tone = tone["register"]
    brand.emojis = tone["emojis"]
    brand.words_to_avoid = list(tone["words_to_avoid"])
    brand.plan_settings = dict(b["plan"])
    for section, column in STORED_WHOLE.items():
        value = b[section] if section in ("moments", "brand_moments") else _stripped(b[section])
        setattr(brand, column, value)
    brand.updated_at = utcnow()
    session.add(brand)
    try:
        session.flush()
    except IntegrityError as exc:
        raise BrandError("brand.name_taken", name=name) from exc

    _sync(session, Objective, brand.id, b["objectives"], "kind",
          lambda o: {"kind": o["kind"], "priority": o["priority"], "kpi": o["kpi"].strip()})
    _sync(session, Persona, brand.id, b["personas"], "name",
          lambda p: {k: p[k] for k in brief_mod.ITEM_FIELDS["personas"]} | {"name": p["name"].strip()})
    _sync(session, Channel, brand.id, b["channels"], "network",
          lambda c: {"network": c["network"], "posts_per_week": float(c["posts_per_week"])})
    _sync(session, Pillar, brand.id, b["pillars"], "name", _pillar_fields)
    session.flush()
    return brand


def _stripped(value):
    """Names and texts as the drafts quote them: without the spaces a paste leaves around."""
    if isinstance(value, dict):
        return {k: _stripped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stripped(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def _pillar_fields(p: dict) -> dict:
    return {k: p[k] for k in brief_mod.ITEM_FIELDS["pillars"]} | {"name": p["name"].strip(),
                                                                  "target_share": float(p["target_share"])}


def save_pillars(brand_id: int, pillars: list[dict], *, session: Session,
                 keywords: dict[str, list[str]] | None = None) -> list[Pillar]:
    """Validate and store the pillars alone (the Editorial line screen saves them).

    ``keywords`` (pillar name -> keywords) gives proposed pillars the keyword theme they
    came from, which the brief format does not carry; a pillar it does not name keeps
    its keywords. Raises ``InvalidBrief`` and writes nothing when a pillar has problems.
    """
    data = brief_of(brand_id, session=session)
    data["pillars"] = pillars
    problems = [p for p in brief_mod.validate(data) if p.path.startswith("pillars")]
    if problems:
        raise InvalidBrief(problems)
    given = {name.strip().lower(): list(words) for name, words in (keywords or {}).items()}

    def fields(p: dict) -> dict:
        out = _pillar_fields(p)
        if out["name"].lower() in given:
            out["keywords"] = given[out["name"].lower()]
        return out

    _sync(session, Pillar, brand_id, brief_mod.normalise(data)["pillars"], "name", fields)
    session.flush()
    return list(session.exec(select(Pillar).where(Pillar.brand_id == brand_id).order_by(Pillar.id)))
