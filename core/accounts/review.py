"""The internal review: a junior's post (and a CM's, when the workspace asks) reaches the
client only once a reviewer approved it (docs/accounts.md, « Relecture interne »).

Whose posts need it: the role's ``review`` flag in ``data/roles.toml`` (junior), or its
``review_when_required`` flag (CM) and the workspace's ``review_required`` setting. The
state lives on the post (``needs_review``, ``reviewed_by``, ``reviewed_at``) and is kept by
the guard (``core.accounts.guard``) on every write, whichever function writes: a change of
what the client sees by such an author asks for a review again; clearing it takes
``post.review`` and someone other than the author(s) who asked for it. Every path that
sends posts out (``for_client``; the guard refuses any snapshot that holds a post awaiting
review, so a future path cannot forget) leaves them out or refuses, listing them.
"""

from __future__ import annotations

from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlmodel import Session, select

from core.accounts import context
from core.accounts.permissions import Forbidden, require, role_on, roles
from core.i18n import MessageError
from core.models import AuditEntry, Brand, Post, Workspace, utcnow

# What the client's documents show of a post (core.client.calendar.post_dict): changing one
# of them asks for a review again. Notes, scores, keywords and the status do not.
CLIENT_FIELDS = frozenset({"publish_at", "network", "format", "pillar_id", "persona_id", "objective", "event",
                           "text", "visual_brief", "hashtags", "link"})
REVIEW_FIELDS = frozenset({"needs_review", "reviewed_by", "reviewed_at"})
ASKED = {"needs_review": True, "reviewed_by": "", "reviewed_at": None}


class ReviewError(MessageError):
    """An internal review that cannot be recorded (not awaiting one, changed meanwhile)."""


class ReviewPending(MessageError):
    """Posts still awaiting an internal review on their way to the client; ``refs`` lists them."""

    def __init__(self, refs: list[str]):
        super().__init__("review.pending", count=len(refs), refs=", ".join(refs))
        self.refs = refs


def author_needs_review(session: Session, user_id: int, brand_id: int | None) -> bool:
    """Whether what this member writes on the brand waits for a review (role and workspace)."""
    if brand_id is None:
        return False
    with session.no_autoflush:
        spec = roles().get(role_on(session, user_id, brand_id) or "", {})
        if spec.get("review"):
            return True
        if not spec.get("review_when_required"):
            return False
        b, w = Brand.__table__.c, Workspace.__table__.c
        required = session.connection().execute(
            sa_select(w.review_required).select_from(Brand.__table__.join(Workspace.__table__, b.workspace_id == w.id))
            .where(b.id == brand_id)).scalar()
    return bool(required)


def askers(session: Session, post_id: int) -> set[int]:
    """The users whose changes made the post await its review since it was last approved
    (their audit entries set ``needs_review`` to true): none of them may approve it."""
    rows = session.connection().execute(
        sa_select(AuditEntry.__table__.c.user_id, AuditEntry.__table__.c.changes)
        .where(AuditEntry.__table__.c.entity == "post", AuditEntry.__table__.c.entity_id == post_id)
        .order_by(AuditEntry.__table__.c.id)).all()
    found: set[int] = set()
    for user_id, changes in rows:
        flag = (changes or {}).get("needs_review")
        if flag and flag[-1] is True:
            found.add(user_id)
        elif flag and flag[-1] is False:
            found = set()
    return found


def _check_approver(session: Session, actor: context.Actor, post_id: int, brand_id: int) -> None:
    require(session, actor.user_id, "post.review", brand_id=brand_id, what="post")
    if actor.user_id in askers(session, post_id):
        raise Forbidden("review.own_post")


def on_write(session: Session, actor: context.Actor, obj: Post, action: str, brand_id: int | None) -> bool:
    """The guard's hook for a post written through the ORM: asks for a review when the author
    needs one and changed what the client sees; checks whoever clears it. True when asked."""
    if action == "delete":
        return False
    if action == "insert":
        changed = {name for name in CLIENT_FIELDS if getattr(obj, name, None) not in (None, "", [], {})} or {"text"}
        review_changed = False
    else:
        from sqlalchemy import inspect

        state = inspect(obj)
        changed = {name for name in CLIENT_FIELDS if state.attrs[name].history.has_changes()}
        review_changed = any(state.attrs[name].history.has_changes() for name in REVIEW_FIELDS)
    if changed and author_needs_review(session, actor.user_id, brand_id):
        for name, value in ASKED.items():
            setattr(obj, name, value)
        return True
    if review_changed and action == "update" and not obj.needs_review:
        _check_approver(session, actor, obj.id, brand_id)
    return False


def clears(values: dict) -> bool:
    """Whether a bulk UPDATE's values clear or fill in a review (an approval), rather than ask for one."""
    flag = values.get("needs_review")
    return bool(set(values) & REVIEW_FIELDS) and getattr(flag, "value", flag) is not True


def on_bulk(session: Session, actor: context.Actor, values: dict, rows, brands: list[int]) -> dict:
    """The guard's hook for a bulk UPDATE of posts (``save_post``): the values to add to the
    statement (the review asked again), after checking whoever clears a review."""
    if clears(values):
        for row in rows:
            _check_approver(session, actor, row.id, row.brand_id)
    if set(values) & CLIENT_FIELDS and any(author_needs_review(session, actor.user_id, b) for b in brands):
        return dict(ASKED)
    return {}


def approve(post_id: int, version: int, *, session: Session) -> Post:
    """The acting reviewer approves the post as it is at ``version`` (the text they read): a
    later change refuses the approval (``review.changed``) rather than approve unseen text."""
    post = session.get(Post, post_id)
    if post is None:
        raise ReviewError("review.not_found", post=post_id)
    if not post.needs_review:
        raise ReviewError("review.not_needed", ref=post.ref)
    actor = context.current()
    if actor is None:
        raise Forbidden("accounts.sign_in_required")
    _check_approver(session, actor, post.id, post.brand_id)
    result = session.execute(update(Post).where(Post.id == post_id, Post.version == version,
                                                Post.needs_review.is_(True))
                             .values(needs_review=False, reviewed_by=actor.name, reviewed_at=utcnow()))
    if result.rowcount != 1:
        raise ReviewError("review.changed", ref=post.ref)
    session.refresh(post)
    return post


def awaiting(brand_id: int, *, session: Session) -> list[Post]:
    """The brand's posts awaiting an internal review, in calendar order (undated ideas last)."""
    posts = list(session.exec(select(Post).where(Post.brand_id == brand_id, Post.needs_review.is_(True))))
    return sorted(posts, key=lambda p: (p.publish_at is None, p.publish_at.isoformat() if p.publish_at else "", p.id))


def pending_refs(post_ids, *, session: Session) -> list[str]:
    """The references, among ``post_ids``, of posts awaiting an internal review."""
    ids = [i for i in post_ids if i is not None]
    if not ids:
        return []
    t = Post.__table__.c
    with context.system():
        rows = session.connection().execute(
            sa_select(t.ref).where(t.id.in_(ids), t.needs_review.is_(True)).order_by(t.publish_at, t.id)).all()
    return [r.ref for r in rows]


def for_client(calendar, *, session: Session, only_reviewed: bool = False):
    """The calendar fit to leave Calame: refused (``ReviewPending``, listing the posts) while a
    post awaits its review, or, with ``only_reviewed``, without those posts."""
    refs = pending_refs([p.get("post_id") for p in calendar.posts], session=session)
    if refs and not only_reviewed:
        raise ReviewPending(refs)
    if refs:
        left_out = set(refs)
        calendar.posts = [p for p in calendar.posts if p["ref"] not in left_out]
    calendar.left_out = refs
    return calendar


def check_snapshot(session: Session, snapshot) -> None:
    """The guard's last word on a snapshot about to be recorded: none of its posts may await
    a review, whichever path built it (the Word export today, a review link tomorrow), named
    by id or, failing that, by reference."""
    items = snapshot.posts or []
    refs = pending_refs([p.get("post_id") for p in items], session=session)
    by_ref = [p.get("ref") for p in items if p.get("post_id") is None and p.get("ref")]
    if by_ref:
        t = Post.__table__.c
        refs += [r.ref for r in session.connection().execute(
            sa_select(t.ref).where(t.ref.in_(by_ref), t.needs_review.is_(True), t.brand_id == snapshot.brand_id))]
    if refs:
        raise ReviewPending(refs)
