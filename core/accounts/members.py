"""Managing a workspace's members: who they are, their roles, their passwords, deactivation.

Every function takes the acting user from ``core.accounts.context`` and checks
``users.manage`` on the workspace concerned itself (the guard checks the same writes again),
so the team screen, the CLI and any future API refuse alike. An account that belongs to
several workspaces (a freelancer) can only be reset or deactivated by someone who manages
every one of them; a workspace always keeps one active owner.
"""

from __future__ import annotations

import secrets

from sqlmodel import Session, select

from core.accounts import context
from core.accounts.permissions import Forbidden, can, require, role_on, roles, workspaces_of
from core.accounts.users import AccountError, create_user, find_user, has_users, set_password
from core.models import AuthSession, Brand, Membership, User, Workspace


def _actor(session: Session) -> context.Actor:
    actor = context.current()
    if actor is None:
        if not has_users(session):  # a single-user install: say how to create the owner
            raise AccountError("accounts.no_users")
        raise Forbidden("accounts.sign_in_required")
    return actor


def require_manage(session: Session, workspace_id: int | None) -> None:
    require(session, _actor(session).user_id, "users.manage", workspace_id=workspace_id, what="membership")


def managed_workspaces(session: Session) -> list[Workspace]:
    """The workspaces the acting user may manage (``users.manage`` there)."""
    actor = _actor(session)
    ids = [w for w in workspaces_of(session, actor.user_id) if can(role_on(session, actor.user_id, None, w),
                                                                   "users.manage")]
    return [session.get(Workspace, w) for w in ids]


def _workspace(session: Session, name: str = "", brand_id: int | None = None) -> Workspace:
    """The workspace meant: the brand's, the one named, or the actor's only managed one."""
    if brand_id is not None:
        brand = session.get(Brand, brand_id)
        if brand is None or brand.workspace_id is None:
            raise AccountError("accounts.bad_brand", brand=brand_id, workspace=name or "-")
        ws = session.get(Workspace, brand.workspace_id)
        if name and ws.name != name.strip():
            raise AccountError("accounts.bad_brand", brand=brand_id, workspace=name)
        return ws
    if name:  # among the actor's workspaces: another's is not even named back
        mine = [session.get(Workspace, w) for w in workspaces_of(session, _actor(session).user_id)]
        found = [w for w in mine if w is not None and w.name == name.strip()]
        if not found:
            raise AccountError("accounts.bad_workspace", workspace=name)
        return found[0]
    managed = managed_workspaces(session)
    if len(managed) != 1:
        if not managed:  # a member who manages nothing: the refusal names the role it takes
            mine = workspaces_of(session, _actor(session).user_id)
            require_manage(session, mine[0] if mine else None)
        raise AccountError("accounts.bad_workspace", workspace="-")
    return managed[0]


def list_members(*, session: Session) -> list[dict]:
    """The members of every workspace the actor manages: one row per role held."""
    rows = []
    for ws in managed_workspaces(session):
        for m in session.exec(select(Membership).where(Membership.workspace_id == ws.id).order_by(Membership.id)):
            with context.system():
                user = session.get(User, m.user_id)
            brand = session.get(Brand, m.brand_id) if m.brand_id else None
            rows.append({"name": user.name, "display_name": user.display_name, "role": m.role,
                         "workspace": ws.name, "brand": brand.name if brand else "", "brand_id": m.brand_id,
                         "active": user.active})
    if not rows:
        require_manage(session, None)
    return rows


def add_member(name: str, password: str, role: str, *, session: Session, workspace: str = "",
               brand_id: int | None = None, display_name: str = "") -> User:
    """A new account with ``role`` in a workspace the actor manages (or on one of its brands)."""
    ws = _workspace(session, workspace, brand_id)
    require_manage(session, ws.id)
    return create_user(name, password, role, session=session, workspace=ws.name, brand_id=brand_id,
                       display_name=display_name)


def generate_password() -> str:
    """A first password to hand over once: 20 URL-safe characters (120 random bits)."""
    return secrets.token_urlsafe(15)


def _target(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise AccountError("accounts.unknown_user", name=name)
    return user


def _require_all(session: Session, user: User) -> list[int]:
    """Managing an account takes ``users.manage`` in every workspace it belongs to."""
    theirs = workspaces_of(session, user.id)
    for workspace_id in theirs or [None]:
        require_manage(session, workspace_id)
    return theirs


def _owners_left(session: Session, workspace_id: int, without_user: int) -> int:
    count = 0
    for m in session.exec(select(Membership).where(Membership.workspace_id == workspace_id,
                                                   Membership.brand_id.is_(None), Membership.role == "owner")):
        with context.system():
            user = session.get(User, m.user_id)
        if m.user_id != without_user and user is not None and user.active:
            count += 1
    return count


def set_role(name: str, role: str, *, session: Session, workspace: str = "", brand_id: int | None = None) -> Membership:
    """Give the account ``role`` in the workspace (or on one brand), replacing the one it had
    there; the last owner of a workspace stays its owner."""
    if role not in roles():
        raise AccountError("accounts.bad_role", role=role, roles=", ".join(roles()))
    user = _target(session, name)
    ws = _workspace(session, workspace, brand_id)
    require_manage(session, ws.id)
    if user.id == _actor(session).user_id:  # another owner changes it: nobody locks themselves out
        raise AccountError("accounts.own_role")
    member = session.exec(select(Membership).where(Membership.user_id == user.id, Membership.workspace_id == ws.id,
                                                   Membership.brand_id == brand_id if brand_id is not None
                                                   else Membership.brand_id.is_(None))).first()
    if member is not None and member.role == "owner" and brand_id is None and role != "owner" \
            and _owners_left(session, ws.id, user.id) == 0:
        raise AccountError("accounts.last_owner", workspace=ws.name)
    if member is None:
        member = Membership(user_id=user.id, workspace_id=ws.id, brand_id=brand_id, role=role)
    member.role = role
    session.add(member)
    session.flush()
    return member


def reset_password(name: str, password: str, *, session: Session) -> User:
    """A new password for a member of workspaces the actor manages; their sessions end."""
    user = _target(session, name)
    _require_all(session, user)
    set_password(user.id, password, session=session)
    return user


def deactivate(name: str, *, session: Session) -> User:
    """The account can no longer sign in nor act (CLI included); its sessions end. Its roles
    and its name in the histories stay. Nobody deactivates themselves or a last owner."""
    user = _target(session, name)
    actor = _actor(session)
    theirs = _require_all(session, user)
    if user.id == actor.user_id:
        raise AccountError("accounts.not_yourself")
    for workspace_id in theirs:
        is_owner = any(m.role == "owner" and m.brand_id is None for m in session.exec(
            select(Membership).where(Membership.user_id == user.id, Membership.workspace_id == workspace_id)))
        if is_owner and _owners_left(session, workspace_id, user.id) == 0:
            raise AccountError("accounts.last_owner", workspace=session.get(Workspace, workspace_id).name)
    user.active = False
    session.add(user)
    with context.system():
        for s in session.exec(select(AuthSession).where(AuthSession.user_id == user.id)):
            s.revoked = True
            session.add(s)
    session.flush()
    return user


def set_review_required(value: bool, *, session: Session, workspace: str = "") -> Workspace:
    """The workspace's setting: every post a CM writes or changes waits for an internal review
    (a junior's always does). Applies to the posts changed from then on."""
    ws = _workspace(session, workspace)
    require_manage(session, ws.id)
    ws.review_required = bool(value)
    session.add(ws)
    session.flush()
    return ws
