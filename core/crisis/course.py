"""A crisis as it runs and after: its gravity and type, the checklist of checkpoints ticked
one by one, what was said (templates used, messages), the lessons, and the rescheduling of
the suspended posts. Every action is a dated line of the crisis log, which the Word debrief
reads back (``core.crisis.debrief``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from core.crisis.file import load_file, risk_named
from core.crisis.playbook import CrisisError, checkpoints, crisis_kind, gravity_level
from core.crisis.suspension import BACK_TO, brand_or_refuse, local_time, log
from core.models import Crisis, Post, utcnow
from core.posts import ConflictError, current_refs, save_post

MAX_MESSAGE = 5000
MAX_LESSON = 5000


def crisis_of(brand_id: int, crisis_id: int | None = None, *, session: Session) -> Crisis:
    """The brand's crisis ``crisis_id``, or its latest (open or ended); a CrisisError when none."""
    query = select(Crisis).where(Crisis.brand_id == brand_id)
    if crisis_id is not None:
        query = query.where(Crisis.id == crisis_id)
    crisis = session.exec(query.order_by(Crisis.started_at.desc(), Crisis.id.desc())).first()
    if crisis is None:
        brand = brand_or_refuse(brand_id, session)
        if crisis_id is None:
            raise CrisisError("crisis.never", brand=brand.name)
        raise CrisisError("crisis.not_found", id=crisis_id, brand=brand.name)
    return crisis


def assess(crisis: Crisis, *, session: Session, gravity=None, kind=None, risk: str | None = None,
           by: str = "", now: datetime | None = None) -> Crisis:
    """Record the gravity, the crisis type and the crisis file's risk it matches (each when
    given); a risk of the file brings its gravity and type unless they are given too."""
    prepared = risk_named(load_file(crisis.brand_id, session=session), risk) if risk else None
    if risk and prepared is None:
        names = [r["name"] for r in load_file(crisis.brand_id, session=session)["risks"]]
        raise CrisisError("crisis.unknown_risk", value=risk, valid=", ".join(names) or "-")
    gravity = gravity_level(gravity) if gravity not in (None, "") else (prepared or {}).get("gravity")
    kind = crisis_kind(kind) if kind not in (None, "") else (prepared or {}).get("kind")
    changes = {}
    for name, value in (("gravity", gravity), ("kind", kind), ("risk", prepared["name"] if prepared else None)):
        if value not in (None, "") and getattr(crisis, name) != value:
            setattr(crisis, name, value)
            changes[name] = value
    if changes:
        session.add(crisis)
        log(crisis.id, "assessed", session=session, by=by, at=now or utcnow(), **changes)
    return crisis


@dataclass(frozen=True)
class Step:
    key: str
    due: datetime  # in the brand's time zone
    label: dict  # {"fr", "en"}
    done_at: datetime | None
    done_by: str

    @property
    def done(self) -> bool:
        return self.done_at is not None


def checklist(crisis: Crisis, brand) -> list[Step]:
    """The checkpoints, each due at the start plus its delay, in the brand's time zone."""
    steps = []
    for point in checkpoints():
        tick = crisis.checks.get(point.key)
        steps.append(Step(point.key, local_time(crisis.started_at + timedelta(minutes=point.minutes), brand),
                          point.label, local_time(datetime.fromisoformat(tick["at"]), brand) if tick else None,
                          tick["by"] if tick else ""))
    return steps


def tick(crisis: Crisis, key: str, done: bool = True, *, session: Session, by: str = "",
         now: datetime | None = None) -> Crisis:
    """Tick (or untick) checkpoint ``key``, and log it; ticking twice changes nothing."""
    keys = [p.key for p in checkpoints()]
    if key not in keys:
        raise CrisisError("crisis.unknown_checkpoint", value=key, valid=", ".join(keys))
    if done == (key in crisis.checks):
        return crisis
    now = now or utcnow()
    checks = dict(crisis.checks)
    if done:
        checks[key] = {"at": now.isoformat(), "by": by}
    else:
        checks.pop(key)
    crisis.checks = checks
    session.add(crisis)
    log(crisis.id, "checked" if done else "unchecked", session=session, by=by, at=now, checkpoint=key)
    return crisis


def _text(value, limit: int, key: str) -> str:
    text = str(value or "").replace("\r", "").strip()
    if not text:
        raise CrisisError(f"{key}_empty")
    if len(text) > limit:
        raise CrisisError(f"{key}_too_long", length=len(text), limit=limit)
    return text


def record_said(crisis: Crisis, text: str, *, session: Session, template: str = "", lang: str = "fr",
                by: str = "", now: datetime | None = None) -> None:
    """Log what the brand said in public (``template``: the response template it came from)."""
    log(crisis.id, "said", session=session, by=by, at=now or utcnow(), text=_text(text, MAX_MESSAGE, "crisis.said"),
        template=template, lang=lang)


def save_lessons(crisis: Crisis, *, session: Session, worked: str = "", change: str = "", by: str = "",
                 now: datetime | None = None) -> Crisis:
    """Record what worked and what to change in the crisis file (the debrief's conclusions)."""
    lessons = {}
    for name, value in (("worked", worked), ("change", change)):
        value = str(value or "").replace("\r", "").strip()
        if len(value) > MAX_LESSON:
            raise CrisisError("crisis.lesson_too_long", length=len(value), limit=MAX_LESSON)
        lessons[name] = value
    if lessons != {"worked": crisis.lessons.get("worked", ""), "change": crisis.lessons.get("change", "")}:
        crisis.lessons = lessons
        session.add(crisis)
        log(crisis.id, "lessons", session=session, by=by, at=now or utcnow())
    return crisis


def accept_date(crisis: Crisis, ref: str, *, session: Session, by: str = "", now: datetime | None = None) -> Post:
    """Move the suspended post ``ref`` to the date proposed at the end of the crisis. It stays
    « à valider »: a new date is no approval of the text. A former reference names it too."""
    ref = current_refs([ref], session=session, brand_id=crisis.brand_id).get(ref, ref)
    if ref not in crisis.proposals:
        raise CrisisError("crisis.no_proposal", ref=ref, valid=", ".join(crisis.proposals) or "-")
    post = session.exec(select(Post).where(Post.brand_id == crisis.brand_id, Post.ref == ref)).first()
    if post is None or post.status != BACK_TO:
        raise CrisisError("crisis.proposal_stale", ref=ref)
    when = datetime.fromisoformat(crisis.proposals[ref])
    try:
        saved = save_post(post.id, post.version, {"publish_at": when}, session=session, saved_by=by)
    except ConflictError as exc:
        raise CrisisError("crisis.conflict", ref=ref) from exc
    crisis.proposals = {k: v for k, v in crisis.proposals.items() if k != ref}
    session.add(crisis)
    log(crisis.id, "rescheduled", session=session, by=by, at=now or utcnow(), ref=ref, to=when.isoformat(),
        version=saved.version)
    return saved

