"""The client's review link: one sent calendar (an ``ExportSnapshot``) opened without an account.

A link is a random token of 256 bits (``secrets.token_urlsafe(32)``), given once at creation;
the database keeps only its SHA-256, which is enough for a token that cannot be guessed (a
slow hash protects low-entropy secrets such as passwords and PINs), so a copy of the database
opens nothing. An optional PIN, sent by another channel, is hashed with Argon2 like a
password; five wrong PINs lock the link for 15 minutes, and a client address that tries ten
unknown tokens within ten minutes is refused for as long (``THROTTLE``, per app process).

A link is valid 14 days by default, at most 60, and never past the brand's tacit-approval
deadline for that calendar; it is revoked or reissued (the new one revokes the old). Its
capability says what the client may do: ``read``, ``comment`` (comments and proposed text
edits), ``decide`` (decisions as well).

``open_link`` only reads: a mail scanner that follows the link approves nothing. What it
returns holds only the calendar's posts as the client's Word document shows them (never
internal notes, deadlines, scores, another period or another brand). ``submit_answers``
turns the client's web answers into the Word answer's ``Answer`` and lands it through
``core.client.docx_answer`` (same preview, conflicts, history and comments), acting as a
``ClientActor`` that the guard lets touch those posts only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import update
from sqlmodel import Session, select

from core.accounts import context
from core.accounts import users
from core.client.calendar import business_days_after, clean, decision_labels, post_dict
from core.client.docx_answer import (CLIENT_STATUSES, Answer, ImportPlan, RowAnswer, _saved_by, apply,
                                     conflict_reason, plan_answer)
from core.client.docx_export import row_values
from core.i18n import LANGS, MessageError, t
from core.models import Brand, ExportSnapshot, Persona, Pillar, Post, ReviewLink, utcnow
from core.posts import current_refs

DEFAULT_DAYS = 14
MAX_DAYS = 60
CAPABILITIES = ("read", "comment", "decide")
OVERALL = ("all", "reserve")  # « validé dans son ensemble », « validé sous réserve des modifications »
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # what secrets.token_urlsafe(32) gives
PIN_RE = re.compile(r"^\d{4,12}$")
MAX_PIN_FAILURES = 5
PIN_LOCK = timedelta(minutes=15)
MAX_NAME = 80
MAX_COMMENT = 5_000
MAX_TEXT = 20_000


class ReviewError(MessageError):
    """A link that does not open, or an answer refused (message keys in data/i18n/review.toml)."""


class Throttle:
    """Failed attempts per client address in a sliding window, in this process's memory:
    a token of 256 bits cannot be guessed, this only keeps a scanner from hammering."""

    def __init__(self, limit: int = 10, window: float = 600.0):
        self.limit, self.window = limit, window
        self._seen: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        hits = [h for h in self._seen.get(key, []) if now - h < self.window]
        self._seen[key] = hits
        return hits

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def fail(self, key: str) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())
            if len(self._seen) > 10_000:  # forget the oldest addresses rather than grow without end
                for old in list(self._seen)[:5_000]:
                    del self._seen[old]


THROTTLE = Throttle()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(when: datetime | None) -> datetime | None:
    return when if when is None or when.tzinfo else when.replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------- the team: create, revoke, list


@dataclass
class CreatedLink:
    """A new link; ``token`` exists nowhere else: show it once, store it nowhere."""

    id: int
    token: str
    expires_at: datetime
    capability: str
    has_pin: bool
    until: date  # the last day it opens, in the brand's time zone


def last_day(expires_at: datetime, brand: Brand) -> date:
    """The last day a link opens, in the brand's time zone (it stops at ``expires_at``)."""
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    return (_aware(expires_at).astimezone(tz) - timedelta(microseconds=1)).date()


def tacit_end(snap: ExportSnapshot, brand: Brand) -> datetime | None:
    """The end of the last day the client may answer (the tacit-approval deadline, in the
    brand's time zone), or None when the brand has no tacit-approval rule."""
    if not brand.tacit_approval_days:
        return None
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    sent = _aware(snap.created_at).astimezone(tz).date()
    deadline = business_days_after(sent, brand.tacit_approval_days, brand.country or "FR")
    return datetime.combine(deadline + timedelta(days=1), datetime.min.time(), tzinfo=tz)


def expiry(snap: ExportSnapshot, brand: Brand, days: int, now: datetime) -> datetime:
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ReviewError("review.bad_days", days=days, max=MAX_DAYS)
    until = now + timedelta(days=days)
    end = tacit_end(snap, brand)
    if end is not None and end < until:
        until = end
    if until <= now:
        raise ReviewError("review.deadline_passed", date=(end - timedelta(days=1)).date().isoformat())
    return until


def _snapshot(snapshot_id: int, session: Session) -> tuple[ExportSnapshot, Brand]:
    snap = session.get(ExportSnapshot, snapshot_id) if isinstance(snapshot_id, int) else None
    if snap is None:
        raise ReviewError("review.unknown_snapshot", snapshot=snapshot_id)
    return snap, session.get(Brand, snap.brand_id)


def _pin_hash(pin: str | None) -> str:
    if pin is None or pin == "":
        return ""
    if not isinstance(pin, str) or not PIN_RE.match(pin):
        raise ReviewError("review.bad_pin_format")
    return users.HASHER.hash(pin)


def create_link(snapshot_id: int, *, session: Session, days: int = DEFAULT_DAYS, capability: str = "decide",
                pin: str | None = None, created_by: str = "", kind: str = "link", now: datetime | None = None,
                _pin_hash_value: str | None = None, _answers: dict | None = None,
                _replaces: int | None = None) -> CreatedLink:
    """A new review link to a sent calendar (the guard asks ``calendar.send`` on its brand)."""
    if capability not in CAPABILITIES:
        raise ReviewError("review.bad_capability", capability=capability, choices=", ".join(CAPABILITIES))
    now = now or utcnow()
    snap, brand = _snapshot(snapshot_id, session)
    until = expiry(snap, brand, days, now)
    token = secrets.token_urlsafe(32)
    row = ReviewLink(snapshot_id=snap.id, brand_id=snap.brand_id, kind=kind, token_hash=token_hash(token),
                     capability=capability, pin_hash=_pin_hash(pin) if _pin_hash_value is None else _pin_hash_value,
                     expires_at=until, created_by=created_by, created_at=now, answers=dict(_answers or {}),
                     replaces_id=_replaces)
    session.add(row)
    session.flush()
    return CreatedLink(id=row.id, token=token, expires_at=until, capability=capability, has_pin=bool(row.pin_hash),
                       until=last_day(until, brand))


def _link(link_id: int, session: Session) -> ReviewLink:
    row = session.get(ReviewLink, link_id) if isinstance(link_id, int) else None
    if row is None:
        raise ReviewError("review.unknown_link", link=link_id)
    return row


def revoke_link(link_id: int, *, session: Session, now: datetime | None = None) -> ReviewLink:
    """The link opens nothing from now on (revoking twice keeps the first date)."""
    row = _link(link_id, session)
    if row.revoked_at is None:
        row.revoked_at = now or utcnow()
        session.add(row)
        session.flush()
    return row


def reissue_link(link_id: int, *, session: Session, days: int = DEFAULT_DAYS, pin: str | None = None,
                 created_by: str = "", now: datetime | None = None) -> CreatedLink:
    """A new token for the same calendar and capability (and PIN, unless a new one is given),
    with the answers already sent; the old token is revoked."""
    old = _link(link_id, session)
    if old.kind != "link":
        raise ReviewError("review.unknown_link", link=link_id)
    now = now or utcnow()
    new = create_link(old.snapshot_id, session=session, days=days, capability=old.capability, pin=pin,
                      created_by=created_by, now=now, _pin_hash_value=None if pin else old.pin_hash,
                      _answers=old.answers, _replaces=old.id)
    revoke_link(old.id, session=session, now=now)
    return new


DEFAULT_URL = "http://127.0.0.1:8501"


def link_url(token: str, base: str | None = None) -> str:
    """The address the client opens: ``base``, else ``$CALAME_PUBLIC_URL``, else the local app."""
    base = (base or os.environ.get("CALAME_PUBLIC_URL") or DEFAULT_URL).rstrip("/")
    return f"{base}/?review={token}"


def snapshots_of(brand_id: int, *, session: Session) -> list[ExportSnapshot]:
    """The brand's sent calendars, newest first: what a link or a review file can be about."""
    return list(session.exec(select(ExportSnapshot).where(ExportSnapshot.brand_id == brand_id)
                             .order_by(ExportSnapshot.created_at.desc(), ExportSnapshot.id.desc())))


def links_of(brand_id: int, *, session: Session) -> list[ReviewLink]:
    """The brand's links and review files, newest first."""
    return list(session.exec(select(ReviewLink).where(ReviewLink.brand_id == brand_id)
                             .order_by(ReviewLink.created_at.desc(), ReviewLink.id.desc())))


def state_of(row: ReviewLink, now: datetime | None = None) -> str:
    """``active``, ``revoked`` or ``expired``."""
    now = now or utcnow()
    if row.revoked_at is not None:
        return "revoked"
    return "expired" if _aware(row.expires_at) <= now else "active"


def link_dict(row: ReviewLink, now: datetime | None = None) -> dict:
    """A link as the CLI prints it: never its hashes."""
    answers = row.answers or {}
    return {"id": row.id, "kind": row.kind, "snapshot_id": row.snapshot_id, "capability": row.capability,
            "pin": bool(row.pin_hash), "state": state_of(row, now), "expires_at": _aware(row.expires_at).isoformat(),
            "created_by": row.created_by, "created_at": _aware(row.created_at).isoformat(),
            "replaces": row.replaces_id, "answered_by": answers.get("name", ""),
            "answered_at": _aware(row.answered_at).isoformat() if row.answered_at else None,
            "overall": answers.get("overall", "")}


# ---------------------------------------------------------------- the client: open and answer


@dataclass
class ReviewPost:
    """One post as the client's Word document shows it (``docx_export.row_values``)."""

    ref: str
    day: str
    time: str
    network: str
    format: str
    pillar: str
    text: str
    hashtags: str
    link: str
    visual: str
    changed: bool = False  # changed by the team since it was sent: an answer goes to a person


@dataclass
class ReviewView:
    link_id: int
    capability: str
    brand: str
    lang: str
    period_from: date
    period_to: date
    expires_at: datetime
    until: date
    deadline: date | None
    posts: list[ReviewPost]
    answers: dict = field(default_factory=dict)
    decisions: list[tuple[str, str]] = field(default_factory=list)


def brand_lang(brand: Brand) -> str:
    """The client reads in the brand's first language, as in the Word document."""
    for code in brand.languages or []:
        if code in LANGS:
            return code
    return "fr"


def _check(token, pin, session: Session, client: str, now: datetime) -> ReviewLink:
    """The link ``token`` opens, or ReviewError: unknown (forged, truncated), revoked, expired,
    PIN missing, wrong or locked. Reads only, except the count of wrong PINs."""
    if client and THROTTLE.blocked(client):
        raise ReviewError("review.too_many")
    digest = token_hash(token) if isinstance(token, str) and TOKEN_RE.match(token) else None
    row = None
    if digest is not None:
        with context.system():
            row = session.exec(select(ReviewLink).where(ReviewLink.token_hash == digest,
                                                        ReviewLink.kind == "link")).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest or ""):
        if client:
            THROTTLE.fail(client)
        raise ReviewError("review.link_invalid")
    if row.revoked_at is not None:
        raise ReviewError("review.link_revoked")
    if _aware(row.expires_at) <= now:
        raise ReviewError("review.link_expired")
    if row.pin_hash:
        if not pin:
            raise ReviewError("review.pin_required")
        if row.locked_until is not None and _aware(row.locked_until) > now:
            minutes = int((_aware(row.locked_until) - now).total_seconds() // 60) + 1
            raise ReviewError("review.pin_locked", minutes=minutes)
        try:
            users.HASHER.verify(row.pin_hash, str(pin))
        except (VerificationError, InvalidHashError):
            _count_wrong_pin(session, row.id, now)
            raise ReviewError("review.pin_wrong", tries=MAX_PIN_FAILURES) from None
    return row


def _count_wrong_pin(session: Session, link_id: int, now: datetime) -> None:
    """Counted in a transaction of its own: the caller's rolls back with the refusal."""
    with context.system(), Session(session.get_bind()) as own:
        row = own.get(ReviewLink, link_id)
        failures = row.pin_failures + 1
        values = {"pin_failures": failures}
        if failures >= MAX_PIN_FAILURES:
            values = {"pin_failures": 0, "locked_until": now + PIN_LOCK}
        own.execute(update(ReviewLink).where(ReviewLink.id == link_id).values(**values))
        own.commit()


def client_actor(row: ReviewLink, snap: ExportSnapshot, who: str) -> context.ClientActor:
    """The actor a client's answers run as: its name ends with the calendar's import mark, so
    that the client's own saves are never its conflicts when it answers again."""
    ids = frozenset(p["post_id"] for p in snap.posts if p.get("post_id") is not None)
    return context.ClientActor(user_id=None, name=_saved_by(who, snap.token), link_id=row.id,
                               snapshot_id=snap.id, brand_id=snap.brand_id, post_ids=ids)


def _view(row: ReviewLink, snap: ExportSnapshot, session: Session) -> ReviewView:
    brand = session.get(Brand, snap.brand_id)
    lang = brand_lang(brand)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    pillars = {p.id: p.name for p in session.exec(select(Pillar).where(Pillar.brand_id == brand.id))}
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand.id))}
    found = {p.id: p for p in session.exec(select(Post).where(
        Post.id.in_([s["post_id"] for s in snap.posts if s.get("post_id") is not None])))}
    posts = []
    for shot in snap.posts:
        post = found.get(shot.get("post_id"))
        if post is None or post.ref != shot["ref"]:
            continue  # withdrawn since it was sent: nothing to show or to answer
        shown = post_dict(post, pillars, personas) | {"text": clean(shot.get("text", "")),
                                                      "hashtags": list(shot.get("hashtags") or [])}
        shown["sponsor"] = shot.get("sponsor")
        v = row_values(shown, lang, tz)
        posts.append(ReviewPost(ref=v[0], day=v[1], time=v[2], network=v[3], format=v[4], pillar=v[5],
                                text=v[7], hashtags=v[8], link=v[9], visual=v[10],
                                changed=conflict_reason(post, shot, snap.token, lang) is not None))
    end = tacit_end(snap, brand)
    return ReviewView(link_id=row.id, capability=row.capability, brand=clean(brand.name), lang=lang,
                      period_from=snap.period_from, period_to=snap.period_to, expires_at=_aware(row.expires_at),
                      until=last_day(row.expires_at, brand),
                      deadline=(end - timedelta(days=1)).date() if end else None, posts=posts,
                      answers=dict(row.answers or {}), decisions=decision_labels(lang))


def open_link(token: str, pin: str | None = None, *, session: Session, client: str = "",
              now: datetime | None = None) -> ReviewView:
    """What the client sees through ``token``; writes nothing (but a wrong PIN's count).
    ``client``: the visitor's address, for the throttle of unknown tokens."""
    now = now or utcnow()
    row = _check(token, pin, session, client, now)
    with context.system():
        snap = session.get(ExportSnapshot, row.snapshot_id)
    with context.acting_as(client_actor(row, snap, "client")):
        return _view(row, snap, session)


def to_answer(snap: ExportSnapshot, answers: dict, capability: str, signer: str, lang: str) -> Answer:
    """The web (or HTML file) answers as the Word answer's ``Answer``: per post of the
    calendar its decision, comment and proposed text (the text as sent when left as is)."""
    if not isinstance(answers, dict):
        raise ReviewError("review.bad_answers")
    rows_in = answers.get("rows") or {}
    if not isinstance(rows_in, dict):
        raise ReviewError("review.bad_answers")
    labels = dict(decision_labels(lang))
    rows = []
    for shot in snap.posts:
        given = rows_in.get(shot["ref"]) or {}
        if not isinstance(given, dict):
            raise ReviewError("review.bad_answers")
        decision = str(given.get("decision") or "")
        if decision and decision not in CLIENT_STATUSES:
            raise ReviewError("review.bad_decision", ref=shot["ref"], decision=decision[:40])
        if capability != "decide":
            decision = ""
        comment = clean(str(given.get("comment") or "")).strip()[:MAX_COMMENT]
        text = clean(str(given.get("text") or "")).strip()[:MAX_TEXT]
        if not text or capability == "read":
            text = shot.get("text", "")
        rows.append(RowAnswer(ref=shot["ref"], decision_text=labels.get(decision, ""), decision=decision,
                              comment=comment if capability != "read" else "", text=text))
    return Answer(token=snap.token, rows=rows, signer=signer)


def current_answer_refs(answers, brand_id: int, *, session: Session):
    """``answers`` with each row under its post's reference today: a review page opened, or
    an answers file saved, before the brand's code changed still names its posts."""
    if not isinstance(answers, dict) or not isinstance(answers.get("rows"), dict):
        return answers
    now = current_refs(list(answers["rows"]), session=session, brand_id=brand_id)
    return dict(answers, rows={now.get(ref, ref): given for ref, given in answers["rows"].items()})


def clean_answers(answers: dict, refs=None) -> dict:
    """What is kept of the answers on the link, for the client to find them again: the
    posts of ``refs`` (the calendar's) only, each field cut to its limit."""
    if not isinstance(answers, dict) or not isinstance(answers.get("rows") or {}, dict):
        raise ReviewError("review.bad_answers")
    rows = {}
    for ref, given in (answers.get("rows") or {}).items():
        if isinstance(given, dict) and (refs is None or ref in refs):
            rows[str(ref)[:40]] = {"decision": str(given.get("decision") or "")[:20],
                                   "comment": clean(str(given.get("comment") or ""))[:MAX_COMMENT],
                                   "text": clean(str(given.get("text") or ""))[:MAX_TEXT]}
    overall = answers.get("overall") if answers.get("overall") in OVERALL else ""
    return {"name": signer_name(answers), "overall": overall, "rows": rows}


def signer_name(answers: dict) -> str:
    name = " ".join(clean(str(answers.get("name") or "")).split())
    if not name:
        raise ReviewError("review.name_required")
    return name[:MAX_NAME]


def signed_as(name: str, link_id: int, lang: str, kind: str = "link") -> str:
    """How the history names the client: the name given, and the link (or file) it answered through."""
    return t("review.signed_as" if kind == "link" else "review.signed_as_file", lang, name=name, link=link_id)


def submit_answers(token: str, answers: dict, *, session: Session, pin: str | None = None, client: str = "",
                   lang: str | None = None, now: datetime | None = None) -> ImportPlan:
    """Land the client's answers like a Word answer, as the client; the link keeps them.

    Decisions and comments are applied; a proposed text edit waits for the team, as in the
    Word flow (``accept_text_edits``). Answering again changes what changed."""
    now = now or utcnow()
    row = _check(token, pin, session, client, now)
    if row.capability == "read":
        raise ReviewError("review.read_only")
    with context.system():
        snap = session.get(ExportSnapshot, row.snapshot_id)
        brand = session.get(Brand, snap.brand_id)
        answers = current_answer_refs(answers, snap.brand_id, session=session)
    kept = clean_answers(answers, {p["ref"] for p in snap.posts})
    lang = lang or brand_lang(brand)
    who = signed_as(kept["name"], row.id, lang)
    answer = to_answer(snap, kept, row.capability, who, lang)
    with context.acting_as(client_actor(row, snap, who)):
        plan = plan_answer(answer, session=session, brand_id=snap.brand_id, lang=lang, source="link")
        apply(plan, session=session, accept_text=(), decided_by=who)
        link = session.get(ReviewLink, row.id)
        link.answers, link.answered_at = kept, now
        session.add(link)
        session.flush()
    return plan


def stored_answer_plan(link_id: int, *, session: Session, lang: str = "fr") -> ImportPlan | None:
    """The answers last sent through a link, planned again for the team (the proposed text
    edits to accept), or None when nothing was sent."""
    row = _link(link_id, session)
    if not row.answers:
        return None
    snap = session.get(ExportSnapshot, row.snapshot_id)
    who = signed_as(row.answers.get("name") or "client", row.id, lang, kind=row.kind)
    answer = to_answer(snap, row.answers, row.capability, who, lang)
    return plan_answer(answer, session=session, brand_id=snap.brand_id, lang=lang,
                       source="link" if row.kind == "link" else "file")


def accept_text_edits(link_id: int, refs, *, session: Session, lang: str = "fr") -> ImportPlan | None:
    """The team takes the client's proposed texts of ``refs`` (the Word answer's « accept »)."""
    plan = stored_answer_plan(link_id, session=session, lang=lang)
    if plan is None:
        return None
    return apply(plan, session=session, accept_text=set(refs), decided_by=plan.signer)
