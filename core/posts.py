"""Posts: references, saving with optimistic locking, the version history, soft delete.

Two people editing one post must not silently overwrite each other. Every save says
which ``version`` it started from; the UPDATE only matches that version, and bumps it.
When someone else saved in between, nothing is written and ``ConflictError`` carries
both texts so the screen can show them side by side. Each version that changes the text,
the hashtags or the status is kept in the history, with who saved it.

A reference names one post for good: the client's Word file, the .ics links and the
deep links carry it. It starts with the brand's code (``LILA-2027-03-014``, ``LILA-IDEE-0007``:
``core.brands.brand_code``), so each brand numbers its own posts from 001. References come from
a counter row per prefix (``RefCounter``), raised in the transaction that creates the posts, so
that concurrent creators never get the same one and a deleted post's reference is never given
again. A reference a post was given before (``CAL-2027-03-014`` from before brand codes, or the
brand's former code) stays an alias of it (``RefAlias``): ``find_post`` and ``current_refs``
resolve both, for the Word answers, the review files, the links and the command line.

Deleting a post only marks it (``deleted_at``): the calendar's undo then gives it back
with its version, history, approvals and comments (``core.models.hide_deleted_posts``
keeps it out of every other query).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from sqlalchemy import case, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from core.fields import clean
from core.i18n import MessageError
from core.models import Approval, Comment, CommentAnswer, Post, PostVersion, RefAlias, RefCounter, utcnow

EDITABLE = {
    "publish_at", "network", "format", "pillar_id", "persona_id", "objective", "intent",
    "keywords", "event", "text", "visual_brief", "hashtags", "link", "status", "deadline",
    "internal_notes", "score",
}


class PostError(MessageError):
    """A request about a post that cannot be met (a comment that does not exist)."""


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


# A reference: the brand's code (optional in the references given before brand codes,
# CAL-2027-03-014 and IDEE-0007), then the month or IDEE, then the number.
REF_PATTERN = r"(?:[A-Z][A-Z0-9]{2,5}-)?(?:\d{4}-\d{2}-\d{3,}|IDEE-\d{4,})"
REF = re.compile(r"^((?:[A-Z][A-Z0-9]{2,5}-)?(?:\d{4}-\d{2}-|IDEE-))(\d+)$")
HISTORY_FIELDS = ("text", "hashtags", "status")


def ref_prefix(when: datetime | None, code: str) -> tuple[str, int]:
    """The prefix and number width of a brand's references: ``LILA-2027-03-`` and 3 for a
    post of March 2027 of the brand coded LILA, ``LILA-IDEE-`` and 4 for an undated idea."""
    if when is None:
        return f"{code}-IDEE-", 4
    return f"{code}-{when.year:04d}-{when.month:02d}-", 3


def _upsert(session: Session):
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def new_refs(prefix: str, width: int, count: int, *, session: Session) -> list[str]:
    """``count`` references never given before, numbered on from ``prefix``'s counter.

    One ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` raises the counter in the caller's
    transaction: PostgreSQL keeps its row locked and SQLite the database write-locked until
    that transaction ends, so two creators never get the same numbers.
    """
    if count <= 0:
        return []
    table = RefCounter.__table__
    statement = _upsert(session)(table).values(prefix=prefix, last_number=count)
    statement = statement.on_conflict_do_update(
        index_elements=["prefix"], set_={"last_number": table.c.last_number + statement.excluded.last_number},
    ).returning(table.c.last_number)
    last = session.execute(statement).scalar_one()
    return [f"{prefix}{number:0{width}d}" for number in range(last - count + 1, last + 1)]


def claim_ref(ref: str, *, session: Session) -> None:
    """Raise the counter past a reference given by hand, so that it is never allocated."""
    match = REF.match(ref)
    if match is None:
        return
    table = RefCounter.__table__
    statement = _upsert(session)(table).values(prefix=match[1], last_number=int(match[2]))
    statement = statement.on_conflict_do_update(index_elements=["prefix"], set_={"last_number": case(
        (table.c.last_number < statement.excluded.last_number, statement.excluded.last_number),
        else_=table.c.last_number)})
    session.execute(statement)


def find_post(ref: str, *, session: Session, brand_id: int | None = None,
              include_deleted: bool = False) -> Post | None:
    """The post named ``ref``, by its reference or by one it had before (``RefAlias``);
    None when no post of ``brand_id`` (any brand when None) answers to it."""
    ref = (ref or "").strip()
    if not ref:
        return None
    options = {"include_deleted": True} if include_deleted else {}
    post = session.exec(select(Post).where(Post.ref == ref).execution_options(**options)).first()
    if post is None:
        post = session.exec(select(Post).join(RefAlias, RefAlias.post_id == Post.id)
                            .where(RefAlias.ref == ref).execution_options(**options)).first()
    if post is None or (brand_id is not None and post.brand_id != brand_id):
        return None
    return post


def current_refs(refs, *, session: Session, brand_id: int | None = None) -> dict[str, str]:
    """Each of ``refs`` that names a post (now or before) -> the post's reference today:
    a client's Word file or review file sent before a change of code still finds its posts."""
    refs = list(dict.fromkeys(r for r in refs if r))
    out: dict[str, str] = {}
    for i in range(0, len(refs), 500):
        chunk = refs[i:i + 500]
        query = select(Post.ref).where(Post.ref.in_(chunk))
        if brand_id is not None:
            query = query.where(Post.brand_id == brand_id)
        out.update({r: r for r in session.exec(query)})
        query = select(RefAlias.ref, Post.ref).join(Post, Post.id == RefAlias.post_id).where(RefAlias.ref.in_(chunk))
        if brand_id is not None:
            query = query.where(Post.brand_id == brand_id)
        for old, new in session.exec(query):
            out.setdefault(old, new)
    return out


def _version(post: Post, saved_by: str) -> PostVersion:
    return PostVersion(post_id=post.id, version=post.version, text=post.text, hashtags=list(post.hashtags),
                       status=post.status, saved_by=saved_by)


def create_post(brand_id: int, *, session: Session, saved_by: str = "", **fields) -> Post:
    ref = fields.pop("ref", None)
    if ref:
        claim_ref(ref, session=session)
    else:
        from core.accounts.guard import check_post_write
        from core.brands import brand_code

        check_post_write(session, brand_id)  # another workspace's brand is refused, not "not found"
        ref = new_refs(*ref_prefix(fields.get("publish_at"), brand_code(brand_id, session=session)), 1,
                       session=session)[0]
    post = Post(brand_id=brand_id, ref=ref, updated_by=saved_by, **fields)
    session.add(post)
    session.flush()
    session.add(_version(post, saved_by))
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
    if any(name in changes for name in HISTORY_FIELDS):
        session.add(_version(post, saved_by))
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


def restore_version(post_id: int, version: int, expected_version: int, *, session: Session,
                    saved_by: str = "") -> Post:
    """Bring back the text and hashtags of ``version`` as a new version (the history keeps
    every one in between), with the optimistic lock of ``save_post``; ``PostError``
    ``posts.no_such_version`` when the post never had it."""
    old = session.exec(select(PostVersion).where(PostVersion.post_id == post_id,
                                                 PostVersion.version == version)).first()
    if old is None:
        raise PostError("posts.no_such_version", version=version)
    return save_post(post_id, expected_version, {"text": old.text, "hashtags": list(old.hashtags or [])},
                     session=session, saved_by=saved_by)


def posts_between(brand_id: int, start: datetime | None, end: datetime | None, *,
                  session: Session) -> list[Post]:
    query = select(Post).where(Post.brand_id == brand_id, Post.publish_at.is_not(None))
    if start is not None:
        query = query.where(Post.publish_at >= start)
    if end is not None:
        query = query.where(Post.publish_at < end)
    return list(session.exec(query.order_by(Post.publish_at, Post.id)))


def reschedule(post_id: int, expected_version: int, publish_at: datetime, *, session: Session,
               saved_by: str = "") -> Post:
    """Move a post to ``publish_at`` (the calendar's drag and drop), with the optimistic lock:
    a post saved by someone else since the calendar showed it raises ``ConflictError``.
    The reference keeps its month: it names the post for good (Word files, links)."""
    if publish_at.tzinfo is None:
        raise ValueError("publish_at must be aware (the brand's time zone)")
    return save_post(post_id, expected_version, {"publish_at": publish_at}, session=session, saved_by=saved_by)


def comments_of(post_id: int, *, session: Session) -> list[Comment]:
    """The post's comments, oldest first (the client's from Word, the team's from Rédaction)."""
    return list(session.exec(select(Comment).where(Comment.post_id == post_id).order_by(Comment.created_at, Comment.id)))


def decisions_of(post_id: int, *, session: Session) -> list[Approval]:
    """The client's decisions on the post (Word answers, tacit approval), oldest first."""
    return list(session.exec(select(Approval).where(Approval.post_id == post_id)
                             .order_by(Approval.decided_at, Approval.id)))


def mark_comment_done(comment_id: int, *, session: Session, done_by: str = "", done: bool = True) -> Comment:
    """Record that a comment was dealt with (who, when), or reopen it with ``done=False``.

    Marking an already-done comment keeps its first date and author: the record says when
    the work was done, not when someone clicked again.
    """
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise PostError("posts.comment_not_found", comment=comment_id)
    if done and comment.done_at is None:
        comment.done_at, comment.done_by = utcnow(), done_by
    elif not done:
        comment.done_at, comment.done_by = None, ""
    session.add(comment)
    session.flush()
    session.refresh(comment)
    return comment


def to_fix(brand_id: int, *, session: Session) -> list[tuple[Post, datetime | None]]:
    """The posts the client sent back (« À modifier »), oldest request first, each with the
    date of the client's decision (None when set by hand, then listed last)."""
    posts = list(session.exec(select(Post).where(Post.brand_id == brand_id, Post.status == "a_modifier")))
    asked: dict[int, datetime] = {}
    if posts:
        for post_id, when in session.exec(select(Approval.post_id, Approval.decided_at).where(
                Approval.post_id.in_([p.id for p in posts]), Approval.status == "a_modifier")):
            asked[post_id] = max(asked.get(post_id, when), when)
    far = datetime.max.replace(tzinfo=None)

    def key(post: Post):
        when = asked.get(post.id)
        return (when is None, when.replace(tzinfo=None) if when else far, post.publish_at.replace(tzinfo=None)
                if post.publish_at else far, post.id)

    return [(p, asked.get(p.id)) for p in sorted(posts, key=key)]


DEFAULT_IDEA_TIME = "12:30"  # the lunch break, the first hour data/posting_times.toml gives most networks


def idea_time(network: str, taken: set[str] = frozenset()) -> str:
    """The hour an idea dropped on a day gets: the network's first posting hour of
    ``data/posting_times.toml`` not ``taken`` that day, else its first, else 12:30."""
    from core import refdata

    hours = list(refdata.entries("posting_times.toml").get(network, {}).get("hours", [])) or [DEFAULT_IDEA_TIME]
    return next((h for h in hours if h not in taken), hours[0])


def schedule_idea(post_id: int, expected_version: int, day, *, tz, session: Session, saved_by: str = "") -> Post:
    """Put an idea of the backlog on ``day`` (a drop on the calendar): at the network's posting
    hour (``idea_time``, skipping the hours its network already has that day), as a draft, with
    the optimistic lock. A post that is no longer an undated idea is refused as a conflict."""
    post = session.get(Post, post_id)
    if post is None or post.publish_at is not None:
        raise ConflictError(post_id, expected_version, post, {"day": day})
    start = datetime.combine(day, time(0), tzinfo=tz)
    taken = {p.publish_at.astimezone(tz).strftime("%H:%M") for p in posts_between(
        post.brand_id, start, start + timedelta(days=1), session=session) if p.network == post.network}
    hh, mm = map(int, idea_time(post.network, taken).split(":"))
    when = datetime.combine(day, time(hh, mm), tzinfo=tz)
    return save_post(post_id, expected_version, {"publish_at": when, "status": "brouillon"}, session=session,
                     saved_by=saved_by)


def answer_comment(comment_id: int, body: str, *, session: Session, author: str = "",
                   done: bool = False) -> CommentAnswer:
    """Record the team's written answer to a comment (who, when); ``done`` also marks the
    comment done in the same transaction (« answered and fixed »)."""
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise PostError("posts.comment_not_found", comment=comment_id)
    body = (body or "").strip()
    if not body:
        raise PostError("posts.answer_empty")
    answer = CommentAnswer(comment_id=comment.id, post_id=comment.post_id, author=(author or "")[:120], body=body)
    session.add(answer)
    session.flush()
    session.refresh(answer)
    if done:
        mark_comment_done(comment_id, session=session, done_by=author)
    return answer


def answers_of(post_id: int, *, session: Session) -> dict[int, list[CommentAnswer]]:
    """The answers to the post's comments, by comment id, oldest first."""
    out: dict[int, list[CommentAnswer]] = {}
    for answer in session.exec(select(CommentAnswer).where(CommentAnswer.post_id == post_id)
                               .order_by(CommentAnswer.created_at, CommentAnswer.id)):
        out.setdefault(answer.comment_id, []).append(answer)
    return out
