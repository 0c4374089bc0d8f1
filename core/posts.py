"""Posts: references, saving with optimistic locking, the version history, soft delete.

Two people editing one post must not silently overwrite each other. Every save says
which ``version`` it started from; the UPDATE only matches that version, and bumps it.
When someone else saved in between, nothing is written and ``ConflictError`` carries
both texts so the screen can show them side by side.

Deleting a post only marks it (``deleted_at``): the calendar's undo then gives it back
with its version, history, approvals and comments, and its reference is never given to
another post (``core.models.hide_deleted_posts`` keeps it out of every other query).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from core.fields import clean
from core.models import Post, PostVersion, utcnow

EDITABLE = {
    "publish_at", "network", "format", "pillar_id", "persona_id", "objective", "intent",
    "keywords", "event", "text", "visual_brief", "hashtags", "link", "status", "deadline",
    "internal_notes", "score",
}


class ConflictError(RuntimeError):
    """A save based on an old version.

    ``mine`` is what was being saved, ``theirs`` the newer post as a plain dict (it must
    outlive the rolled-back session), or None when the post was deleted.
    """

    def __init__(self, post_id: int, expected: int, current: Post | None, mine: dict):
        theirs = current.model_dump() if current is not None else None
        super().__init__(
            f"Post {post_id} was changed by someone else (you edited version {expected}, "
            f"the database holds version {theirs['version'] if theirs else 'none: it was deleted'})."
        )
        self.post_id = post_id
        self.expected = expected
        self.theirs = theirs
        self.mine = mine


def refs_in_use(prefix: str, *, session: Session) -> set[str]:
    """Every reference starting with ``prefix``, deleted posts' included.

    A reference names one post for good: the client's Word file and the .ics links
    carry it, so a deleted post's reference is never given to a new one.
    """
    return set(session.exec(
        select(Post.ref).where(Post.ref.startswith(prefix)).execution_options(include_deleted=True)))


def next_ref(brand_id: int, when: datetime | None, *, session: Session) -> str:
    """A stable, readable reference: ``CAL-2027-03-014`` (``IDEE-0007`` for undated ideas)."""
    if when is None:
        prefix, width = "IDEE-", 4
    else:
        prefix, width = f"CAL-{when.year:04d}-{when.month:02d}-", 3
    taken = refs_in_use(prefix, session=session)
    number = len(taken) + 1
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def create_post(brand_id: int, *, session: Session, saved_by: str = "", **fields) -> Post:
    when = fields.get("publish_at")
    post = Post(brand_id=brand_id, ref=fields.pop("ref", None) or next_ref(brand_id, when, session=session),
                updated_by=saved_by, **fields)
    session.add(post)
    session.flush()
    session.add(PostVersion(post_id=post.id, version=post.version, text=post.text,
                            hashtags=list(post.hashtags), saved_by=saved_by))
    session.flush()
    return post


def save_post(post_id: int, expected_version: int, changes: dict, *, session: Session,
              saved_by: str = "", lock: bool = True) -> Post:
    """Apply ``changes`` if the post is still at ``expected_version``; else ``ConflictError``.

    ``lock`` marks the post as edited by a human, so that re-planning keeps it.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}; editable: {', '.join(sorted(EDITABLE))}")
    values = clean(Post, dict(changes, version=expected_version + 1, updated_at=utcnow(), updated_by=saved_by))
    if lock:
        values["locked"] = True
    result = session.execute(
        update(Post).where(Post.id == post_id, Post.version == expected_version).values(**values)
    )
    if result.rowcount != 1:
        current = session.get(Post, post_id)
        if current is not None:
            session.refresh(current)
        raise ConflictError(post_id, expected_version, current, changes)
    post = session.get(Post, post_id)
    session.refresh(post)
    if "text" in changes or "hashtags" in changes:
        session.add(PostVersion(post_id=post.id, version=post.version, text=post.text,
                                hashtags=list(post.hashtags), saved_by=saved_by))
    session.flush()
    return post


def delete_post(post_id: int, *, session: Session) -> bool:
    """Mark the post deleted; False when there was no such post, or it was already deleted.

    Nothing else changes (version, text, history, approvals, comments), so that
    ``restore_post`` gives back exactly what was there.
    """
    result = session.execute(update(Post).where(Post.id == post_id).values(deleted_at=utcnow()))
    session.flush()
    return result.rowcount == 1


def restore_post(post_id: int, *, session: Session) -> Post | None:
    """Undo ``delete_post``: the post as it was, or None when it is not a deleted post."""
    result = session.execute(
        update(Post).where(Post.id == post_id, Post.deleted_at.is_not(None)).values(deleted_at=None)
        .execution_options(include_deleted=True)
    )
    if result.rowcount != 1:
        return None
    post = session.get(Post, post_id)
    session.refresh(post)
    return post


def history(post_id: int, *, session: Session) -> list[PostVersion]:
    return list(session.exec(
        select(PostVersion).where(PostVersion.post_id == post_id).order_by(PostVersion.version.desc())
    ))


def posts_between(brand_id: int, start: datetime | None, end: datetime | None, *,
                  session: Session) -> list[Post]:
    query = select(Post).where(Post.brand_id == brand_id, Post.publish_at.is_not(None))
    if start is not None:
        query = query.where(Post.publish_at >= start)
    if end is not None:
        query = query.where(Post.publish_at < end)
    return list(session.exec(query.order_by(Post.publish_at, Post.id)))
