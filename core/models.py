"""Calame's whole schema, in one module.

Tables and what they hold:

- ``Brand``: a client brand and its brief (sector, country, languages, tone of voice,
  weekly production budget), with the brief's sections that are read and written whole
  (message, offers, rubrics, moment preferences and the brand's own moments) as JSON.
  ``archived`` hides it from the selector without deleting.
- ``Objective``: a strategic objective of a brand (kind from ``data/objectives.toml``),
  with a priority (1 = first), its KPI in free text and, when that text parses, as a
  structured target (metric, network, value, period, baseline).
- ``Persona``: an audience persona (age range, interests, pain points, preferred networks,
  active hours, funnel stage).
- ``Channel``: a network the brand publishes on, with its target posts per week.
- ``Pillar``: a content pillar of the editorial line, with its target share of the mix.
- ``KeywordSet`` / ``Keyword``: keywords saved for a brand (scoring targets for posts).
- ``Post``: a dated slot of the calendar (or an undated idea when ``publish_at`` is null),
  with a ``version`` counter for optimistic locking (see ``core.posts``). A deleted post
  keeps its row with ``deleted_at`` set, so that undo gives it back whole; every ORM
  statement skips it unless run with ``include_deleted=True`` (``hide_deleted_posts``).
- ``PostVersion``: the history of a post, one row per saved version that changed its text,
  hashtags or status, with who saved it and when.
- ``RefAlias``: a post's former reference, still resolved (``core.posts.find_post``).
- ``RefCounter``: the last number given to each reference prefix (``LILA-2027-03-``,
  ``LILA-IDEE-``), raised in the creating transaction, so that references are allocated
  atomically and never given twice, even after a delete (see ``core.posts``).
- ``ExportSnapshot``: what a client was sent (Word export), to compare with their answer.
- ``Approval`` / ``Comment``: the client's decisions and comments, with their history.
- ``Crisis`` / ``CrisisLogEntry``: a brand's crisis (the posts it suspended, its window, its
  gravity and type, the checkpoints ticked) and its dated log (``core.crisis``).
- ``CrisisFile``: a brand's crisis file prepared in calm times (risks, team, validation chain,
  alert keywords, moderation charter).
- ``Workspace`` / ``User`` / ``Membership`` / ``AuthSession`` / ``AuditEntry``: accounts,
  their roles per workspace or brand, signed-in sessions and who changed what (``core.accounts``).
- ``MediaLine`` / ``MediaCost``: the paid lines proposed for a brand's posts (``core.media``)
  and the brand's own costs per network from its Ads Manager export.
- ``ResultImport`` / ``MeasuredPost`` / ``Reading``: the networks' exports read back
  (``core.results``): each file once, each published post once with the planned post it
  was matched to (or none: published outside the plan), each figure at each export date.
- ``PostVisual``: the image the social media manager uploaded for a post, with its thumbnail
  (``core.visuals``); the Word calendar shows the thumbnail.
- ``Proposal``: a change of the plan the results suggest (pillar mix, posting time, format),
  with the figures behind it, until the social media manager accepts or refuses it.

List-valued fields (languages, interests, hashtags…) are JSON columns: they are read and
written whole and never queried inside, so a JSON column works the same on SQLite and
PostgreSQL. Every value the ORM writes is cleaned and checked against the columns'
lengths first (``core.fields``, a ``before_flush`` hook registered here), so that both
backends store and refuse the same things. Every change to this module needs an Alembic
migration in ``core/migrations/versions`` (``tests/test_guards.py`` checks they agree).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from typing import Optional

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint, event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlmodel import Field, SQLModel

from core import fields


def utcnow() -> datetime:
    """Aware UTC now: SQLModel stores every datetime in UTC and refuses naive ones."""
    return datetime.now(timezone.utc)


def _json(default=list):
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


class Brand(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=120)
    # The prefix of its posts' references (LILA-2027-03-014): core.brands.brand_code, unique
    # in the database; NULL only until the brand's first reference is given.
    code: Optional[str] = Field(default=None, index=True, unique=True, max_length=6)
    sector: str = Field(default="", max_length=60)
    sector_other: str = Field(default="", max_length=120)
    country: str = Field(default="FR", max_length=2)
    timezone: str = Field(default="Europe/Paris", max_length=60)
    languages: list = _json()
    address: str = Field(default="vous", max_length=4)  # "tu" (tutoiement) or "vous"
    tone: str = Field(default="courant", max_length=20)  # familier, courant, soutenu
    emojis: bool = True
    words_to_avoid: list = _json()
    hours_per_week: float = 0.0
    brand_hashtag: str = Field(default="", max_length=60)
    tacit_approval_days: Optional[int] = None
    plan_settings: dict = _json(dict)  # the brief's [plan] section: mix preset, tolerance, days
    message: dict = _json(dict)  # the brief's [message]: promise, differentiators, hashtag bank, claims to avoid
    offers: list = _json()  # the brief's [[offers]]: what the brand sells or stands for
    rubrics: list = _json()  # the brief's [[rubrics]]: recurring series
    moment_settings: dict = _json(dict)  # the brief's [moments]: moments followed, skipped, quiet periods
    brand_moments: list = _json()  # the brief's [[brand_moments]]: the brand's own dates
    archived: bool = False
    workspace_id: Optional[int] = Field(default=None, foreign_key="workspace.id", index=True)  # a workspace with brands cannot be deleted
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Objective(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=40)
    priority: int = 1
    kpi: str = Field(default="", max_length=300)
    # The KPI as a structured target (core.results.targets): empty ``metric`` when the text
    # does not parse, and the text stays the objective's words.
    metric: str = Field(default="", max_length=40)
    network: str = Field(default="", max_length=30)  # "": every network
    target: Optional[float] = None
    target_unit: str = Field(default="", max_length=20)  # total, per_month, growth, rate
    period_start: Optional[date] = None
    period_end: Optional[date] = None
    baseline: Optional[float] = None


class Persona(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=120)
    description: str = ""
    age_min: Optional[int] = None
    age_max: Optional[int] = None
    interests: list = _json()
    pain_points: list = _json()
    networks: list = _json()
    active_hours: list = _json()  # ["12:00-14:00", "19:00-21:00"]
    funnel_stage: str = Field(default="decouverte", max_length=20)


class Channel(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("brand_id", "network"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    network: str = Field(max_length=30)
    posts_per_week: float = 1.0


class Pillar(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=120)
    description: str = ""
    colour: str = Field(default="#4C78A8", max_length=9)
    target_share: float = 0.0  # percent of the mix
    objectives: list = _json()
    personas: list = _json()
    keywords: list = _json()


class KeywordSet(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    name: str = Field(default="", max_length=120)
    lang: str = Field(default="fr", max_length=5)
    created_at: datetime = Field(default_factory=utcnow)


class Keyword(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("brand_id", "key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    keyword_set_id: Optional[int] = Field(
        default=None, foreign_key="keywordset.id", ondelete="SET NULL"
    )
    phrase: str = Field(max_length=200)
    key: str = Field(max_length=200)  # lemma key: variants of one keyword share it
    priority: int = 2  # 1 high, 2 normal, 3 low
    variants: list = _json()


class Post(SQLModel, table=True):
    # AUTOINCREMENT: SQLite would otherwise give a deleted post's id to the next post, and a
    # stale save for the deleted one would land on it (PostgreSQL's sequences never reuse).
    __table_args__ = {"sqlite_autoincrement": True}
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    ref: str = Field(index=True, unique=True, max_length=40)
    publish_at: Optional[datetime] = Field(default=None, index=True)  # aware; shown in brand tz
    network: str = Field(default="", max_length=30)
    format: str = Field(default="", max_length=40)
    pillar_id: Optional[int] = Field(default=None, foreign_key="pillar.id", ondelete="SET NULL")
    persona_id: Optional[int] = Field(
        default=None, foreign_key="persona.id", ondelete="SET NULL"
    )
    objective: str = Field(default="", max_length=40)
    intent: str = Field(default="", max_length=20)
    keywords: list = _json()
    event: str = Field(default="", max_length=60)
    text: str = ""
    visual_brief: str = ""
    hashtags: list = _json()
    link: str = Field(default="", max_length=500)
    status: str = Field(default="brouillon", max_length=20)
    deadline: Optional[date] = None
    internal_notes: str = ""
    score: Optional[float] = None
    locked: bool = False  # edited or approved by a human: re-planning keeps it
    version: int = 1
    updated_by: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: Optional[datetime] = None  # set by core.posts.delete_post, cleared by restore_post
    external_id: str = Field(default="", max_length=200)  # the network's id, once an export told it
    permalink: str = Field(default="", max_length=500)  # cleaned (core.results.readers.clean_permalink)
    sponsor: bool = False  # flagged "to sponsor" ahead (a launch, a sales period): core.media plans it
    # The internal review (core.accounts.review): set when a member whose role needs it (a
    # junior; a CM when the workspace asks) writes what the client sees, cleared by a reviewer.
    needs_review: bool = False
    reviewed_by: str = Field(default="", max_length=120)  # who approved the current text internally
    reviewed_at: Optional[datetime] = None


@event.listens_for(Session, "do_orm_execute")
def hide_deleted_posts(state: ORMExecuteState) -> None:
    """Leave deleted posts out of every ORM SELECT, UPDATE and DELETE (SQLAlchemy's global
    criteria recipe), so the calendar, the exports, the planner and the client's answers
    cannot see them without each query having to remember; ``include_deleted=True`` as an
    execution option sees them (restoring, and references, which are never reused).
    """
    if ((state.is_select or state.is_update or state.is_delete) and not state.is_column_load
            and not state.is_relationship_load and not state.execution_options.get("include_deleted", False)):
        state.statement = state.statement.options(
            with_loader_criteria(Post, Post.deleted_at.is_(None), include_aliases=True))


event.listen(Session, "before_flush", fields.clean_on_flush)


class PostVersion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("post_id", "version"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    version: int
    text: str = ""
    hashtags: list = _json()
    status: str = Field(default="", max_length=20)  # "" in rows saved before statuses were recorded
    saved_by: str = Field(default="", max_length=120)
    saved_at: datetime = Field(default_factory=utcnow)


class RefCounter(SQLModel, table=True):
    prefix: str = Field(primary_key=True, max_length=40)
    last_number: int = 0


class RefAlias(SQLModel, table=True):
    """A reference a post was given before (``CAL-2027-03-014`` before brand codes, or under
    the brand's former code): Word files, review files and links sent with it still find it."""

    ref: str = Field(primary_key=True, max_length=40)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class ExportSnapshot(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    token: str = Field(index=True, unique=True, max_length=64)
    period_from: date
    period_to: date
    created_by: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    posts: list = _json()  # [{"ref", "post_id", "version", "text", "status"}]


class Approval(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    snapshot_id: Optional[int] = Field(
        default=None, foreign_key="exportsnapshot.id", ondelete="SET NULL"
    )
    old_status: str = Field(default="", max_length=20)
    status: str = Field(max_length=20)
    source: str = Field(default="ui", max_length=20)  # ui, docx, tacit
    decided_by: str = Field(default="", max_length=120)
    decided_at: datetime = Field(default_factory=utcnow)


class Comment(SQLModel, table=True):
    # One comment is stored once, even when two imports of the same answer run at once.
    __table_args__ = (UniqueConstraint("post_id", "source", "author", "body_hash", name="uq_comment_once"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    author: str = Field(default="", max_length=120)
    body: str = ""
    body_hash: str = Field(default="", max_length=64)  # sha256 of body, hex: a unique key cannot hold a long text
    conflict: bool = False  # received on a row in conflict: the post is not the one the client saw
    source: str = Field(default="ui", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    done_at: Optional[datetime] = None  # marked done in Rédaction (core.posts.mark_comment_done)
    done_by: str = Field(default="", max_length=120)


def comment_body_hash(body: str) -> str:
    return hashlib.sha256((body or "").encode("utf-8")).hexdigest()


@event.listens_for(Comment, "before_insert")
@event.listens_for(Comment, "before_update")
def _hash_comment_body(mapper, connection, comment: Comment) -> None:
    """The unique key's hash always follows the body, whoever adds the comment."""
    comment.body_hash = comment_body_hash(comment.body)


class Crisis(SQLModel, table=True):
    """A crisis of a brand: the window its posts were suspended for, and which posts.

    ``open_for`` holds the brand's id while the crisis is open and is cleared when it ends:
    its unique key lets the database itself refuse a second open crisis for one brand,
    even when two people press the button at once (NULLs never collide).
    """

    __table_args__ = (UniqueConstraint("open_for", name="uq_crisis_open_once"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    open_for: Optional[int] = None
    hours: int
    started_at: datetime = Field(default_factory=utcnow)
    until: datetime
    ended_at: Optional[datetime] = None
    started_by: str = Field(default="", max_length=120)
    ended_by: str = Field(default="", max_length=120)
    suspended: list = _json()  # [{"post_id", "ref", "status", "version", "publish_at"}]: as they were
    gravity: Optional[int] = None  # 1 to 3, data/crisis_playbook.toml [gravity]
    kind: str = Field(default="", max_length=20)  # victim, accident, preventable (SCCT)
    risk: str = Field(default="", max_length=120)  # the crisis file's risk it matches, by name
    checks: dict = _json(dict)  # checkpoint key -> {"at", "by"}: ticked, and when
    proposals: dict = _json(dict)  # ref -> ISO date proposed to reschedule a suspended post
    lessons: dict = _json(dict)  # {"worked", "change"}: what the debrief says


class CrisisLogEntry(SQLModel, table=True):
    """One dated line of a crisis log: an ``event`` key of data/i18n/crisis.toml and its details."""

    id: Optional[int] = Field(default=None, primary_key=True)
    crisis_id: int = Field(foreign_key="crisis.id", ondelete="CASCADE", index=True)
    at: datetime = Field(default_factory=utcnow)
    author: str = Field(default="", max_length=120)
    event: str = Field(max_length=40)
    details: dict = _json(dict)


class CrisisFile(SQLModel, table=True):
    """A brand's crisis file, prepared in calm times (``core.crisis.file`` validates it):
    foreseeable risks, the crisis team, the validation chain, alert keywords, the charter.
    ``version`` guards against two people saving over each other."""

    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", unique=True)
    risks: list = _json()  # [{"name", "gravity", "kind", "wording", "facts": {field: value}}]
    team: list = _json()  # [{"role", "name", "contact"}]
    chain: list = _json()  # [{"who", "minutes"}]: the validation chain, in order
    keywords: list = _json()
    charter: str = ""
    version: int = 0
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=120)


class ResultImport(SQLModel, table=True):
    # A file is imported once a brand: the same bytes again add nothing.
    __table_args__ = (UniqueConstraint("brand_id", "sha256", name="uq_result_import_file"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    file_name: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    format: str = Field(max_length=20)
    exported_on: date
    rows: int = 0
    imported_at: datetime = Field(default_factory=utcnow)


class MeasuredPost(SQLModel, table=True):
    # One post on its network, named by its id (else its cleaned link) for good.
    __table_args__ = (UniqueConstraint("brand_id", "network", "key", name="uq_measured_post_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    network: str = Field(max_length=30)
    key: str = Field(max_length=500)
    external_id: str = Field(default="", max_length=200)
    permalink: str = Field(default="", max_length=500)
    published_at: Optional[datetime] = None
    text: str = ""
    post_type: str = Field(default="", max_length=60)
    post_id: Optional[int] = Field(default=None, foreign_key="post.id", ondelete="SET NULL", index=True)
    match: str = Field(max_length=20)  # id, auto, confirmed, to_confirm, outside_plan (core.results.matching, store)
    match_score: Optional[float] = None
    created_at: datetime = Field(default_factory=utcnow)


class Reading(SQLModel, table=True):
    # One figure of one post at one export date; a later file for that date replaces it.
    __table_args__ = (UniqueConstraint("measured_post_id", "metric", "exported_on", name="uq_reading_once"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    measured_post_id: int = Field(foreign_key="measuredpost.id", ondelete="CASCADE", index=True)
    metric: str = Field(max_length=40)
    value: float
    exported_on: date
    age_days: Optional[float] = None  # the post's age at the end of the export day
    import_id: int = Field(foreign_key="resultimport.id", ondelete="CASCADE", index=True)
    source_row: int


class Workspace(SQLModel, table=True):
    """An agency or a company: its brands, its members. ``review_required``: every post of a
    CM needs a senior's internal approval before the client sees it (a junior's always does)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    review_required: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    # What the client's documents show of the agency (core.visuals.save_logo): its name as
    # it signs (``name`` is the sign-in's), and its logo, re-encoded small (PNG or JPEG).
    display_name: str = Field(default="", max_length=120)
    logo: Optional[bytes] = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    logo_mime: str = Field(default="", max_length=30)


class User(SQLModel, table=True):
    """A person who signs in. ``password_hash`` is Argon2id (argon2-cffi); failed sign-ins
    are counted and lock the account for a while (``core.accounts.users``). The table is
    ``useraccount``: ``user`` is a reserved word in PostgreSQL."""

    __tablename__ = "useraccount"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True, index=True)  # the sign-in name, case folded
    display_name: str = Field(default="", max_length=120)
    password_hash: str = Field(max_length=200)
    active: bool = True
    failed_sign_ins: int = 0
    locked_until: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)


class Membership(SQLModel, table=True):
    """A user's role in a workspace (``brand_id`` null: every brand of it) or on one brand."""

    __table_args__ = (UniqueConstraint("user_id", "workspace_id", "brand_id", name="uq_membership"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", ondelete="CASCADE", index=True)
    workspace_id: int = Field(foreign_key="workspace.id", ondelete="CASCADE", index=True)
    brand_id: Optional[int] = Field(default=None, foreign_key="brand.id", ondelete="CASCADE")
    role: str = Field(max_length=30)  # a table of data/roles.toml


class AuthSession(SQLModel, table=True):
    """A signed-in session, in the database so that several app processes share it. Only the
    token's SHA-256 is stored: a copy of the database signs nobody in."""

    id: Optional[int] = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="useraccount.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked: bool = False


class AuditEntry(SQLModel, table=True):
    """Who changed what, when: one row per object written while someone is signed in (or the
    CLI acts as someone), with the fields before and after (``core.accounts.guard``)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: Optional[int] = Field(default=None, foreign_key="useraccount.id", ondelete="SET NULL")
    user_name: str = Field(default="", max_length=120)
    brand_id: Optional[int] = Field(default=None, index=True)
    entity: str = Field(max_length=40)
    entity_id: Optional[int] = None
    action: str = Field(max_length=10)  # insert, update, delete
    changes: dict = _json(dict)  # {"field": [before, after]}


class Proposal(SQLModel, table=True):
    """A change of the plan the results suggest; nothing changes until it is accepted.

    ``change`` holds what the planner applies (``core.results.proposals``), ``evidence`` the
    figures the explanation is written from, in the reader's language when shown.
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=20)  # pillar_mix, posting_time, format
    subject: str = Field(default="", max_length=120)  # the pillar, cell or format concerned
    change: dict = _json(dict)
    evidence: dict = _json(dict)
    period_from: date
    period_to: date
    status: str = Field(default="proposed", max_length=20)  # proposed, accepted, refused
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: Optional[datetime] = None
    decided_by: str = Field(default="", max_length=120)


class MediaLine(SQLModel, table=True):
    """A paid line proposed for one post: how much, a day, when, for whom, and why.

    ``post_id`` is the planned post (null for a post published outside the plan, then
    ``measured_post_id`` names it). ``status``: ``propose`` until the client decides
    (``valide`` or ``refuse``, read back with the calendar); a new media plan replaces the
    undecided lines of its period and never touches a decided one.
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    post_id: Optional[int] = Field(default=None, foreign_key="post.id", ondelete="CASCADE", index=True)
    measured_post_id: Optional[int] = Field(default=None, foreign_key="measuredpost.id", ondelete="CASCADE")
    ref: str = Field(max_length=500)
    network: str = Field(max_length=30)
    objective: str = Field(default="", max_length=40)
    tier: str = Field(max_length=10)  # proven, growing, test (data/media_split.toml)
    amount: float
    daily: float
    currency: str = Field(max_length=3)
    start: date
    end: date
    audience: dict = _json(dict)
    reason: dict = _json(dict)  # {"key": message key, "params": {...}}
    status: str = Field(default="propose", max_length=20)
    decided_by: str = Field(default="", max_length=120)
    decided_at: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)


class MediaCost(SQLModel, table=True):
    """The brand's own cost figures for one network, from its Ads Manager export: they replace
    the indicative table of data/media_costs.toml for that brand."""

    __table_args__ = (UniqueConstraint("brand_id", "network", name="uq_media_cost_network"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    network: str = Field(max_length=30)
    currency: str = Field(max_length=3)
    spent: float
    impressions: float = 0
    clicks: float = 0
    engagements: float = 0
    file_name: str = Field(default="", max_length=255)
    imported_at: datetime = Field(default_factory=utcnow)


class PostVisual(SQLModel, table=True):
    """A post's visual: the uploaded image as re-encoded by ``core.visuals`` (never the bytes
    as received) and a small thumbnail for the Word calendar and the screens. One per post."""

    id: Optional[int] = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", unique=True, index=True)
    mime: str = Field(max_length=30)  # image/png, image/jpeg or image/webp
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    thumb: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # PNG or JPEG
    thumb_mime: str = Field(max_length=30)
    width: int
    height: int
    file_name: str = Field(default="", max_length=255)
    uploaded_by: str = Field(default="", max_length=120)
    uploaded_at: datetime = Field(default_factory=utcnow)


class ResultMapping(SQLModel, table=True):
    """How one brand's own export reads (an agency's sheet, a scheduling tool's analytics):
    which column is which of Calame's fields, the network, the date order. Keyed by the
    file's header signature (its folded column names, sorted), so the next file with the same
    columns is read as a known format (``core.results.mapping``)."""

    __table_args__ = (UniqueConstraint("brand_id", "signature", name="uq_result_mapping_signature"),
                      UniqueConstraint("brand_id", "name", name="uq_result_mapping_name"))
    id: Optional[int] = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    signature: str = Field(max_length=4000)
    name: str = Field(max_length=120)
    mapping: dict = _json(dict)
    created_by: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


class ReviewLink(SQLModel, table=True):
    """The client's way in to one sent calendar without an account (``core.client.review_link``):
    a link (``kind`` link: only the SHA-256 of its token is stored, and of its PIN an Argon2
    hash) or a self-contained HTML review file (``kind`` file: the hash of the nonce that
    names the file's signing key). Revoked or past ``expires_at``, it opens nothing;
    ``answers`` holds the last answers sent through it, so that the client finds them again."""

    id: Optional[int] = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="exportsnapshot.id", ondelete="CASCADE", index=True)
    brand_id: int = Field(foreign_key="brand.id", ondelete="CASCADE", index=True)
    kind: str = Field(default="link", max_length=10)  # link, file
    token_hash: str = Field(max_length=64, unique=True, index=True)
    capability: str = Field(default="decide", max_length=10)  # read, comment, decide
    pin_hash: str = Field(default="", max_length=200)
    pin_failures: int = 0
    locked_until: Optional[datetime] = None
    expires_at: datetime
    revoked_at: Optional[datetime] = None
    replaces_id: Optional[int] = None  # the link this one was reissued from
    created_by: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    answers: dict = _json(dict)  # {"name", "overall", "rows": {ref: {"decision", "comment", "text"}}}
    answered_at: Optional[datetime] = None


class ServerSecret(SQLModel, table=True):
    """A secret of this installation, made once at random (``core.client.review_file`` derives
    each review file's signing key from it); ``CALAME_SECRET_KEY`` overrides it."""

    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow)


class CommentAnswer(SQLModel, table=True):
    """The team's written answer to a comment, in Rédaction (``core.posts.answer_comment``).
    It carries its post, so that the guard finds the brand and scopes reads like comments."""

    id: Optional[int] = Field(default=None, primary_key=True)
    comment_id: int = Field(foreign_key="comment.id", ondelete="CASCADE", index=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", index=True)
    author: str = Field(default="", max_length=120)
    body: str = ""
    created_at: datetime = Field(default_factory=utcnow)
