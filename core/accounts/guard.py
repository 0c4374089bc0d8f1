"""The one place permissions are checked and the audit trail is written.

Every change Calame makes goes through a SQLAlchemy session, whichever function, page or
command makes it; so the checks live on the session's events rather than in each function,
where one forgotten call would be a hole:

- ``before_flush``: every object inserted, changed or deleted needs its table's permission
  (``PERMISSION``) on its brand, for the acting user (``core.accounts.context``);
- ``do_orm_execute``: reads are scoped to the brands of the actor's memberships (as the soft
  delete hides deleted posts), and bulk UPDATE/DELETE statements on posts (the optimistic
  lock, deletion, re-planning) are checked brand by brand before they run;
- ``after_flush``: one ``AuditEntry`` per object written, with the fields before and after.

While the database has no user (a single-user install), nothing is checked or scoped. Once
it has one, a session without an actor may neither read brand data nor write, except
Calame's own bookkeeping (``context.system()``). A client answering through its review link
(``context.ClientActor``) is checked in every install: it reads one sent calendar and writes
only its answers to it (``CLIENT_WRITES``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from core.accounts import context, review
from core.accounts.permissions import Forbidden, can, require, role_on, workspaces_of
from core.models import (AuditEntry, AuthSession, Brand, Crisis, ExportSnapshot, MeasuredPost, Membership, Post,
                         ReviewLink, SQLModel, User, Workspace, utcnow)

# The permission a table's rows need, by table name (core/models.py). Tables not listed are
# Calame's bookkeeping (reference counters, sessions, the audit itself).
PERMISSION = {
    "brand": "strategy.edit", "objective": "strategy.edit", "persona": "strategy.edit",
    "channel": "strategy.edit", "pillar": "strategy.edit", "keywordset": "strategy.edit",
    "keyword": "strategy.edit",
    "post": "post.edit", "postversion": "post.edit", "comment": "post.edit", "postvisual": "post.edit",
    "commentanswer": "post.edit", "refalias": "post.edit",
    "exportsnapshot": "calendar.send", "approval": "calendar.send",
    "crisis": "crisis.run", "crisislogentry": "crisis.run", "crisisfile": "crisis.run",
    "resultimport": "results.import", "measuredpost": "results.import", "reading": "results.import",
    "proposal": "results.import", "resultmapping": "results.import",
    "medialine": "media.plan", "mediacost": "media.plan",
    "workspace": "users.manage", "useraccount": "users.manage", "membership": "users.manage",
    "reviewlink": "calendar.send",
}
EXEMPT = {"refcounter", "authsession", "auditentry", "serversecret"}
# Fields never written to the audit (their value says nothing a person reads, or is secret).
QUIET = {"updated_at", "created_at", "version", "password_hash", "body_hash"}
MAX_AUDIT_TEXT = 20_000


_IMPORT_MARK = re.compile(r" \((?:docx|link|file) [^()]*\)$")


def named(account: str, given) -> str:
    """The account's name as the author, keeping the mark of the document a save imports
    ("Claire (docx 1a2b3c4d5e6f)"): without it, importing the same answer again reads the
    client's own decisions as conflicts (``core.client.docx_answer.conflict_reason``)."""
    mark = _IMPORT_MARK.search(given or "") if isinstance(given, str) else None
    if mark is None or account.endswith(mark[0]):  # a client's link actor carries it already
        return account
    return account[: 120 - len(mark[0])] + mark[0]


class SignInRequired(Forbidden):
    """Accounts exist and nobody is acting: sign in (app) or name the user (CLI ``--user``)."""


def accounts_enabled(session: Session) -> bool:
    """Whether the database has a user; asked once per session (one cheap query)."""
    if "calame_accounts" not in session.info:
        try:
            found = session.connection().execute(text("select 1 from useraccount limit 1")).first()
        except Exception:  # a database not migrated yet: no accounts
            session.rollback()
            found = None
        session.info["calame_accounts"] = found is not None
    return session.info["calame_accounts"]


def _active(session: Session) -> context.Actor | None | bool:
    """The actor to check, False when nothing is to be checked (no accounts, or bookkeeping)."""
    if context.is_system():
        return False
    actor = context.current()
    if isinstance(actor, context.ClientActor):  # a client's link is checked with or without accounts
        return actor
    if not accounts_enabled(session):
        return False
    if actor is None:
        raise SignInRequired("accounts.sign_in_required")
    return actor


def check_post_write(session: Session, brand_id: int) -> None:
    """Forbidden now, before anything is read for it, when the acting user may not write this
    brand's posts: a brand of another workspace is refused as such, not reported missing."""
    actor = _active(session)
    if actor is False or isinstance(actor, context.ClientActor):
        return
    require(session, actor.user_id, PERMISSION["post"], brand_id=brand_id, what="post")


def _visible_brands(user_id: int):
    """The ids of the brands a user may see: every brand of its workspaces, and the brands it
    is a member of by name. Core tables, so the query is never scoped itself."""
    m, b = Membership.__table__.c, Brand.__table__.c
    workspaces = select(m.workspace_id).where(m.user_id == user_id, m.brand_id.is_(None))
    own = select(m.brand_id).where(m.user_id == user_id, m.brand_id.is_not(None))
    return select(b.id).where(b.workspace_id.in_(workspaces) | b.id.in_(own))


@event.listens_for(Session, "do_orm_execute")
def scope_reads_and_check_bulk_writes(state: ORMExecuteState) -> None:
    if state.is_column_load or state.is_relationship_load:
        return
    actor = _active(state.session)
    if actor is False:
        return
    if isinstance(actor, context.ClientActor):
        _scope_client(state, actor)
        return
    visible = _visible_brands(actor.user_id)
    if state.is_select:
        posts = Post.__table__.c
        visible_posts = select(posts.id).where(posts.brand_id.in_(visible))
        # Plain expressions, not lambdas: an untracked closure kept the first actor's
        # workspaces in SQLAlchemy's statement cache, and showed them to the next actor.
        options = [with_loader_criteria(Brand, Brand.id.in_(visible), include_aliases=True)]
        for cls in _brand_tables():
            options.append(with_loader_criteria(cls, cls.brand_id.in_(visible), include_aliases=True))
        for cls in _post_tables():
            options.append(with_loader_criteria(cls, cls.post_id.in_(visible_posts), include_aliases=True))
        workspaces = select(Membership.__table__.c.workspace_id).where(Membership.__table__.c.user_id == actor.user_id)
        options.append(with_loader_criteria(Workspace, Workspace.id.in_(workspaces), include_aliases=True))
        state.statement = state.statement.options(*options)
        return
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and state.bind_mapper.class_ is Post:
        _check_bulk_post_write(state, actor)
    elif state.is_insert:
        _check_statement_insert(state, actor)


# What a client answering through its link may write (``ClientActor``): per table, the
# actions and the fields. Anything else is refused, whatever the database's accounts.
CLIENT_WRITES = {
    "post": ("update", {"status", "text", "version", "updated_at", "updated_by", "locked"}),
    "postversion": ("insert", None), "comment": ("insert", None), "approval": ("insert", None),
    "medialine": ("update", {"status", "decided_by", "decided_at"}),
    "reviewlink": ("update", {"answers", "answered_at"}),
}


def _client_refused(what: str) -> Forbidden:
    return Forbidden("review.client_forbidden", what=what)


def _scope_client(state: ORMExecuteState, actor: context.ClientActor) -> None:
    """A client sees its calendar's brand, posts and snapshot, its own link, nothing else; a
    bulk statement may touch only those posts (the optimistic lock) or add their comments."""
    posts = sorted(actor.post_ids)
    if state.is_select:
        nothing = [with_loader_criteria(cls, cls.id.in_([]), include_aliases=True)
                   for cls in (Workspace, User, Membership, AuthSession, AuditEntry)]
        options = [with_loader_criteria(Brand, Brand.id == actor.brand_id, include_aliases=True),
                   with_loader_criteria(Post, Post.id.in_(posts), include_aliases=True),
                   with_loader_criteria(ExportSnapshot, ExportSnapshot.id == actor.snapshot_id, include_aliases=True),
                   with_loader_criteria(ReviewLink, ReviewLink.id == actor.link_id, include_aliases=True), *nothing]
        for cls in _brand_tables():
            if cls not in (Brand, Post, ExportSnapshot, ReviewLink):
                options.append(with_loader_criteria(cls, cls.brand_id == actor.brand_id, include_aliases=True))
        for cls in _post_tables():
            options.append(with_loader_criteria(cls, cls.post_id.in_(posts), include_aliases=True))
        state.statement = state.statement.options(*options)
        return
    if not (state.is_insert or state.is_update or state.is_delete):
        raise _client_refused("sql")  # a textual statement: nothing a client's answer needs
    stmt = state.statement
    table = getattr(stmt, "table", None)
    name = getattr(table, "name", "?")
    values = {getattr(k, "key", str(k)): getattr(v, "value", v) for k, v in (getattr(stmt, "_values", None) or {}).items()}
    if state.is_update and name == "post":
        allowed = CLIENT_WRITES["post"][1]
        if set(values) - allowed:
            raise _client_refused(name)
        query = select(Post.__table__.c.id)
        if stmt.whereclause is not None:
            query = query.where(stmt.whereclause)
        touched = {row.id for row in state.session.connection().execute(query)}
        if not touched <= actor.post_ids:
            raise _client_refused(name)
        _check_bulk_post_write(state, actor)
        return
    if state.is_insert and name == "comment" and values.get("post_id") in actor.post_ids:
        return
    raise _client_refused(name)


def _check_statement_insert(state: ORMExecuteState, actor: context.Actor) -> None:
    """An INSERT statement (not an object flush: a Word answer's comments are inserted with
    ON CONFLICT DO NOTHING) needs its table's permission on the brand of the row, found from
    its brand or its post, as a flushed object does."""
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", "")
    if name not in PERMISSION:
        return
    values = {getattr(k, "key", str(k)): getattr(v, "value", v)
              for k, v in (getattr(state.statement, "_values", None) or {}).items()}
    brand_id = values.get("brand_id")
    if brand_id is None and values.get("post_id") is not None:
        brand_id = state.session.connection().execute(
            select(Post.__table__.c.brand_id).where(Post.__table__.c.id == values["post_id"])).scalar()
    if brand_id is not None:
        require(state.session, actor.user_id, PERMISSION[name], brand_id=brand_id, what=name)


def _client_check(obj, action: str, actor: context.ClientActor) -> None:
    name = obj.__tablename__
    rule = CLIENT_WRITES.get(name)
    if rule is None or rule[0] != action:
        raise _client_refused(name)
    if rule[1] is not None:
        changed = {a.key for a in inspect(obj).mapper.column_attrs if inspect(obj).attrs[a.key].history.has_changes()}
        if changed - rule[1]:
            raise _client_refused(name)
    if name == "reviewlink":
        ok = obj.id == actor.link_id
    elif name == "approval":
        ok = obj.post_id in actor.post_ids and obj.snapshot_id == actor.snapshot_id
    elif name == "post":
        ok = obj.id in actor.post_ids
    else:
        ok = obj.post_id in actor.post_ids
    if not ok:
        raise _client_refused(name)


def _brand_tables() -> list[type]:
    return [m.class_ for m in SQLModel._sa_registry.mappers
            if "brand_id" in m.columns and m.class_ not in (Membership,) and m.local_table.name != "auditentry"]


def _post_tables() -> list[type]:
    return [m.class_ for m in SQLModel._sa_registry.mappers if "post_id" in m.columns and "brand_id" not in m.columns]


def _check_bulk_post_write(state: ORMExecuteState, actor: context.Actor) -> None:
    """A bulk UPDATE or DELETE of posts: the actor needs post.edit on every brand it touches;
    each post touched gets its audit row (before and after for what the statement sets)."""
    stmt = state.statement
    table = Post.__table__
    values = {getattr(k, "key", str(k)): v for k, v in getattr(stmt, "_values", None).items()} if getattr(
        stmt, "_values", None) else {}
    shown = [name for name in values if name not in QUIET and name in table.c]
    kept = ("id", "brand_id", *sorted(review.REVIEW_FIELDS))
    query = select(*[table.c[n] for n in kept], *[table.c[n] for n in shown if n not in kept])
    if stmt.whereclause is not None:
        query = query.where(stmt.whereclause)
    rows = state.session.connection().execute(query).all()
    session = state.session
    brands = sorted({row.brand_id for row in rows})
    client = isinstance(actor, context.ClientActor)  # a client's posts are checked by _scope_client
    review_only = bool(values) and set(values) <= review.REVIEW_FIELDS and review.clears(values)  # an approval
    for brand_id in brands:
        if not review_only and not client:
            require(session, actor.user_id, "post.edit", brand_id=brand_id, what="post")
    asked = review.on_bulk(session, actor, values, rows, brands) if state.is_update and not client else {}
    if asked:
        stmt = stmt.values(**asked)
        values = dict(values, **asked)
        shown = [name for name in values if name not in QUIET and name in table.c]
    action = "delete" if state.is_delete else "update"
    entries = []
    for row in rows:
        changes = {}
        for name in shown:
            after = getattr(values[name], "value", values[name])
            before = getattr(row, name)
            if after is not None and after != before:
                changes[name] = [_plain(before), _plain(after)]
        if asked:  # recorded even when already awaiting: who asked for the review (review.askers)
            changes["needs_review"] = [_plain(row.needs_review), True]
        if action == "delete" or changes:
            entries.append(_entry(actor, row.brand_id, "post", row.id, action, changes))
    if entries:
        session.connection().execute(insert(AuditEntry.__table__), entries)
    if state.is_update and "updated_by" in table.c and not review_only:
        # the history names the account, not free text
        given = values.get("updated_by")
        stmt = stmt.values(updated_by=named(actor.name, getattr(given, "value", given)))
    state.statement = stmt


def _plain(value):
    if isinstance(value, bytes):  # an image (core.visuals): its size, not its bytes
        return f"<{len(value)} bytes>"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str) and len(value) > MAX_AUDIT_TEXT:
        return value[:MAX_AUDIT_TEXT] + "…"
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def _entry(actor, brand_id, entity, entity_id, action, changes) -> dict:
    return {"at": utcnow(), "user_id": actor.user_id, "user_name": actor.name, "brand_id": brand_id,
            "entity": entity, "entity_id": entity_id, "action": action, "changes": changes}


def _brand_of(session: Session, obj) -> tuple[int | None, int | None]:
    """(brand id, workspace id) an object belongs to, for its permission."""
    name = obj.__tablename__
    if name == "brand":
        return obj.id, obj.workspace_id
    if name in ("workspace",):
        return None, obj.id
    if name == "membership":
        return None, obj.workspace_id
    if hasattr(obj, "brand_id"):
        return obj.brand_id, None
    with session.no_autoflush:
        if hasattr(obj, "post_id"):
            return session.connection().execute(
                select(Post.__table__.c.brand_id).where(Post.__table__.c.id == obj.post_id)).scalar(), None
        if hasattr(obj, "crisis_id"):
            return session.connection().execute(
                select(Crisis.__table__.c.brand_id).where(Crisis.__table__.c.id == obj.crisis_id)).scalar(), None
        if hasattr(obj, "measured_post_id"):
            return session.connection().execute(select(MeasuredPost.__table__.c.brand_id).where(
                MeasuredPost.__table__.c.id == obj.measured_post_id)).scalar(), None
    return None, None


@event.listens_for(Session, "before_flush")
def check_writes(session: Session, flush_context, instances) -> None:
    pending = [(o, "insert") for o in session.new] + [(o, "update") for o in session.dirty if session.is_modified(o)] \
        + [(o, "delete") for o in session.deleted]
    if isinstance(context.current(), context.ClientActor) and not context.is_system():
        pending = [(o, a) for o, a in pending if getattr(o, "__tablename__", "auditentry") != "auditentry"]
    else:
        pending = [(o, a) for o, a in pending if getattr(o, "__tablename__", "") in PERMISSION]
    if not pending:
        return
    actor = _active(session)
    if actor is False:
        return
    audit = session.info.setdefault("calame_audit", [])
    for obj, action in pending:
        name = obj.__tablename__
        if isinstance(actor, context.ClientActor):
            _client_check(obj, action, actor)
            audit.append((obj, action, actor.brand_id, _changes(obj, action)))
            continue
        if name == "brand" and action == "insert" and obj.workspace_id is None:
            mine = workspaces_of(session, actor.user_id)
            obj.workspace_id = mine[0] if len(mine) == 1 else None
        brand_id, workspace_id = _brand_of(session, obj)
        if name == "useraccount":
            for workspace_id in _account_workspaces(session, actor, obj, action):
                require(session, actor.user_id, "users.manage", workspace_id=workspace_id, what=name)
        else:
            require(session, actor.user_id, PERMISSION[name], brand_id=brand_id, workspace_id=workspace_id, what=name)
        if name == "postversion" and not obj.saved_by:
            obj.saved_by = actor.name
        asked = False
        if name == "post":
            obj.updated_by = named(actor.name, obj.updated_by)
            asked = review.on_write(session, actor, obj, action, brand_id)
        if name == "exportsnapshot" and action == "insert":
            review.check_snapshot(session, obj)
        changes = _changes(obj, action)
        if asked:  # recorded even when already awaiting: who asked for the review (review.askers)
            changes["needs_review"] = [changes.get("needs_review", [True])[0], True]
        audit.append((obj, action, brand_id, changes))


def _changes(obj, action: str) -> dict:
    if action == "delete":
        return {}
    state = inspect(obj)
    out = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in QUIET:
            continue
        history = state.attrs[key].history
        if action == "insert":
            value = getattr(obj, key)
            if value not in (None, "", [], {}):
                out[key] = [None, _plain(value)]
        elif history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            out[key] = [_plain(before), _plain(after)]
    return out


@event.listens_for(Session, "after_flush")
def write_audit(session: Session, flush_context) -> None:
    audit = session.info.pop("calame_audit", None)
    if not audit:
        return
    actor = context.current()
    rows = []
    for obj, action, brand_id, changes in audit:
        entity_id = getattr(obj, "id", None)
        if obj.__tablename__ == "brand":
            brand_id = entity_id
        rows.append(_entry(actor, brand_id, obj.__tablename__, entity_id, action, changes))
    session.connection().execute(insert(AuditEntry.__table__), rows)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def forget(session: Session) -> None:
    session.info.pop("calame_accounts", None)
    session.info.pop("calame_audit", None)


def _account_workspaces(session: Session, actor: context.Actor, user, action: str) -> list[int | None]:
    """The workspaces whose owner must act to change an account: every workspace the account
    belongs to (an owner of one workspace cannot reset the password of, or deactivate, a
    member of another); a new account, one the actor manages."""
    with session.no_autoflush:
        theirs = [] if action == "insert" else workspaces_of(session, user.id)
        if theirs:
            return theirs
        mine = workspaces_of(session, actor.user_id)
        managed = [w for w in mine if can(role_on(session, actor.user_id, None, w), "users.manage")]
    return [(managed or mine or [None])[0]]
