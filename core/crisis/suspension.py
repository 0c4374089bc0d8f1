"""Crisis on, crisis off: the brand's posts of the window suspended, then given back for approval.

Starting a crisis moves every post of the brand that is approved (``valide``) or scheduled
(``programme``) and dated inside the window to ``suspendu``: either could go out while the
brand should stay silent, and a scheduled one must also be unscheduled in the tool that
publishes it (each suspended post keeps its status before, to say which). Ending it puts
them back to ``a_valider``, never straight to scheduled: a text written before the crisis
must be read again in its light. Every change goes through ``core.posts.save_post``
(optimistic locking, version bumped, text history untouched) and lands in the crisis log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.crisis.playbook import (CrisisError, crisis_kind, gravity_level, reschedule_margin, window,
                                  window_hours)
from core.models import Brand, Crisis, CrisisLogEntry, Post, utcnow
from core.posts import ConflictError, posts_between, save_post

SUSPENDED = "suspendu"
BACK_TO = "a_valider"
SUSPENDABLE = ("valide", "programme")


@dataclass
class Started:
    crisis_id: int
    brand: str
    until: datetime
    suspended: list[dict] = field(default_factory=list)  # {"ref", "post_id", "status", "version", "publish_at"}
    gravity: int | None = None
    kind: str = ""
    risk: str = ""

    @property
    def refs(self) -> list[str]:
        return [p["ref"] for p in self.suspended]

    def to_dict(self) -> dict:
        return {"brand": self.brand, "crisis_id": self.crisis_id, "suspended": self.refs,
                "until": self.until.isoformat(), "gravity": self.gravity, "type": self.kind or None,
                "risk": self.risk or None}


@dataclass
class Ended:
    crisis_id: int
    brand: str
    ended_at: datetime
    resumed: list[str] = field(default_factory=list)  # back to "à valider"
    overdue: list[str] = field(default_factory=list)  # resumed, but their date passed: to reschedule
    left: list[dict] = field(default_factory=list)  # {"ref", "reason": "deleted"|"changed", "status"}
    proposed: dict = field(default_factory=dict)  # ref -> new date proposed (brand's time zone)

    def to_dict(self) -> dict:
        return {"brand": self.brand, "crisis_id": self.crisis_id, "resumed": self.resumed,
                "overdue": self.overdue, "left": self.left, "ended_at": self.ended_at.isoformat(),
                "proposed": {ref: when.isoformat() for ref, when in self.proposed.items()}}


def brand_or_refuse(brand_id: int, session: Session) -> Brand:
    """The brand, or a CrisisError naming the id (a brand deleted under the screen)."""
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise CrisisError("crisis.no_brand", brand=brand_id)
    return brand


def local_time(when: datetime, brand: Brand) -> datetime:
    """``when`` in the brand's time zone, as people of the brand read it."""
    try:
        return when.astimezone(ZoneInfo(brand.timezone))
    except (KeyError, ValueError):
        return when


def _shown(when: datetime, brand: Brand) -> str:
    return local_time(when, brand).strftime("%Y-%m-%d %H:%M")


def open_crisis(brand_id: int, *, session: Session) -> Crisis | None:
    """The brand's crisis in progress, or None."""
    return session.exec(select(Crisis).where(Crisis.open_for == brand_id)).first()


def log(crisis_id: int, event: str, *, session: Session, by: str = "", at: datetime | None = None,
        **details) -> CrisisLogEntry:
    """Add one dated line to the crisis log (``event``: a ``crisis.log.*`` message key's end)."""
    entry = CrisisLogEntry(crisis_id=crisis_id, event=event, author=by, details=details, at=at or utcnow())
    session.add(entry)
    session.flush()
    return entry


def crisis_log(crisis_id: int, *, session: Session) -> list[CrisisLogEntry]:
    """The log, oldest first."""
    return list(session.exec(select(CrisisLogEntry).where(CrisisLogEntry.crisis_id == crisis_id)
                             .order_by(CrisisLogEntry.at, CrisisLogEntry.id)))


def _set_status(post: Post, status: str, by: str, session: Session) -> Post:
    try:
        return save_post(post.id, post.version, {"status": status}, session=session, saved_by=by)
    except ConflictError as exc:
        raise CrisisError("crisis.conflict", ref=post.ref) from exc


def start_crisis(brand_id: int, hours=None, *, session: Session, now: datetime | None = None,
                 by: str = "", gravity=None, kind=None) -> Started:
    """Open a crisis for ``hours`` (the playbook's default when None) and suspend the window's
    approved and scheduled posts; a CrisisError when one is already open, the window is out
    of bounds, or the gravity (1 to 3) or crisis type is not one of the playbook's (nothing is
    changed then). ``gravity`` and ``kind`` may be left for later, and the crisis file's risk
    it matches recorded, with ``core.crisis.course.assess``."""
    hours = window_hours(window()["default_hours"] if hours is None else hours)
    gravity = None if gravity in (None, "") else gravity_level(gravity)
    kind = "" if kind in (None, "") else crisis_kind(kind)
    brand = brand_or_refuse(brand_id, session)
    current = open_crisis(brand_id, session=session)
    if current is not None:
        raise CrisisError("crisis.already_open", brand=brand.name, since=_shown(current.started_at, brand),
                          until=_shown(current.until, brand))
    now = now or utcnow()
    until = now + timedelta(hours=hours)
    crisis = Crisis(brand_id=brand_id, open_for=brand_id, hours=hours, started_at=now, until=until,
                    started_by=by, gravity=gravity, kind=kind)
    session.add(crisis)
    try:
        session.flush()
    except IntegrityError as exc:  # someone opened one between our check and our insert
        raise CrisisError("crisis.already_open", brand=brand.name, since=_shown(now, brand),
                          until=_shown(until, brand)) from exc
    log(crisis.id, "started", session=session, by=by, at=now, hours=hours, until=until.isoformat(),
        **{k: v for k, v in (("gravity", gravity), ("kind", kind)) if v})
    suspended = []
    for post in posts_between(brand_id, now, until, session=session):
        if post.status not in SUSPENDABLE:
            continue
        before = {"ref": post.ref, "post_id": post.id, "status": post.status, "version": post.version,
                  "publish_at": post.publish_at.isoformat()}
        saved = _set_status(post, SUSPENDED, by, session)
        suspended.append(before)
        log(crisis.id, "suspended", session=session, by=by, at=now, ref=post.ref, status=before["status"],
            version=saved.version)
    crisis.suspended = suspended
    session.add(crisis)
    session.flush()
    return Started(crisis_id=crisis.id, brand=brand.name, until=local_time(until, brand), suspended=suspended,
                   gravity=crisis.gravity, kind=crisis.kind, risk=crisis.risk)


def propose_dates(crisis: Crisis, brand: Brand, ended_at: datetime, *, session: Session) -> dict[str, datetime]:
    """A new date for each resumed post whose date is too close or past (before the end of the
    crisis plus the playbook's margin): the same time of day, the first day after the margin,
    never two posts of one network on one day (data/crisis_playbook.toml, ``[reschedule]``).
    A post still far enough in the future keeps its date and gets no proposal."""
    earliest = ended_at + timedelta(hours=reschedule_margin())
    taken: set[tuple[str, object]] = set()
    proposals: dict[str, datetime] = {}
    refs = [item["post_id"] for item in crisis.suspended]
    posts = sorted((p for p in session.exec(select(Post).where(Post.id.in_(refs))) if p.status == BACK_TO
                    and p.publish_at is not None), key=lambda p: (p.publish_at, p.id))
    for post in posts:
        if post.publish_at >= earliest:
            taken.add((post.network, local_time(post.publish_at, brand).date()))
    for post in posts:
        if post.publish_at >= earliest:
            continue
        local = local_time(post.publish_at, brand)
        days = max(0, (local_time(earliest, brand).date() - local.date()).days)
        when = _same_time(local, days)
        while when < earliest or (post.network, when.date()) in taken:
            days += 1
            when = _same_time(local, days)
        taken.add((post.network, when.date()))
        proposals[post.ref] = when
    return proposals


def _same_time(local: datetime, days: int) -> datetime:
    """``local`` moved ``days`` calendar days, at the same wall-clock time (across a DST change too)."""
    moved = (local.replace(tzinfo=None) + timedelta(days=days))
    return moved.replace(tzinfo=local.tzinfo) if local.tzinfo else moved


def end_crisis(brand_id: int, *, session: Session, now: datetime | None = None, by: str = "") -> Ended:
    """Close the brand's crisis and put its suspended posts back to « à valider ».

    A post deleted, or moved out of « suspendu » by hand during the crisis, is left as it
    is and reported, so that ending a crisis never undoes someone's decision."""
    brand = brand_or_refuse(brand_id, session)
    crisis = open_crisis(brand_id, session=session)
    if crisis is None:
        raise CrisisError("crisis.none_open", brand=brand.name)
    now = now or utcnow()
    ended = Ended(crisis_id=crisis.id, brand=brand.name, ended_at=local_time(now, brand))
    for item in crisis.suspended:
        post = session.exec(select(Post).where(Post.id == item["post_id"])).first()
        if post is None or post.status != SUSPENDED:
            reason = "deleted" if post is None else "changed"
            ended.left.append({"ref": item["ref"], "reason": reason, "status": post.status if post else ""})
            log(crisis.id, "left", session=session, by=by, at=now, ref=item["ref"], reason=reason)
            continue
        saved = _set_status(post, BACK_TO, by, session)
        ended.resumed.append(post.ref)
        if post.publish_at is not None and post.publish_at < now:
            ended.overdue.append(post.ref)
        log(crisis.id, "resumed", session=session, by=by, at=now, ref=post.ref, version=saved.version)
    proposals = propose_dates(crisis, brand, now, session=session)
    crisis.proposals = {ref: when.isoformat() for ref, when in proposals.items()}
    ended.proposed = {ref: local_time(when, brand) for ref, when in proposals.items()}
    crisis.ended_at, crisis.ended_by, crisis.open_for = now, by, None
    session.add(crisis)
    log(crisis.id, "ended", session=session, by=by, at=now, resumed=len(ended.resumed), left=len(ended.left))
    return ended
