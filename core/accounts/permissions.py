"""What a role may do (``data/roles.toml``) and which role a user has on a brand."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select as sa_select
from sqlmodel import Session

from core import refdata
from core.i18n import MessageError, t
from core.models import Brand, Membership


class Forbidden(MessageError):
    """An action the acting user's role does not allow; the CLI exits with code 3."""


class Label(MessageError):
    """A translated word inside another message (a role, a permission): ``t()`` renders a
    MessageError parameter in the reader's language."""


@lru_cache(maxsize=1)
def roles() -> dict[str, dict]:
    return {k: v for k, v in refdata.entries("roles.toml").items() if k != "permissions"}


@lru_cache(maxsize=1)
def permissions() -> tuple[str, ...]:
    return tuple(refdata.load("roles.toml")["permissions"]["keys"])


def role_label(role: str, lang: str = "fr") -> str:
    return t(f"role.{role}", lang)


def roles_with(permission: str) -> list[str]:
    """The roles that hold ``permission``, lowest rank first (the one to ask for)."""
    return sorted((r for r, spec in roles().items() if permission in spec["can"]), key=lambda r: roles()[r]["rank"])


def role_on(session: Session, user_id: int, brand_id: int | None, workspace_id: int | None = None) -> str | None:
    """The user's role on a brand (its own membership first, else its workspace's), or in a
    workspace when ``brand_id`` is None; None when the user is not a member.

    Read with plain SQL on the session's connection: as stored, before the changes being
    flushed (a permission is the one held before the change), and without the guard's read
    scoping, whose options made each ORM query here cost more than the save it checked
    (bench/load.py)."""
    m, b = Membership.__table__.c, Brand.__table__.c
    members = session.connection().execute(
        sa_select(m.brand_id, m.workspace_id, m.role).where(m.user_id == user_id).order_by(m.id)).all()
    if brand_id is not None:
        own = [row.role for row in members if row.brand_id == brand_id]
        if own:
            return own[0]
        found = session.connection().execute(sa_select(b.workspace_id).where(b.id == brand_id)).first()
        workspace_id = found.workspace_id if found is not None else workspace_id
    if workspace_id is None:
        return None
    general = [row.role for row in members if row.workspace_id == workspace_id and row.brand_id is None]
    return general[0] if general else None


def can(role: str | None, permission: str) -> bool:
    return role is not None and permission in roles().get(role, {}).get("can", ())


def require(session: Session, user_id: int, permission: str, *, brand_id: int | None = None,
            workspace_id: int | None = None, what: str = "") -> str:
    """The user's role when it allows ``permission`` on the brand (or workspace), else Forbidden
    naming the permission and the least role that has it."""
    role = role_on(session, user_id, brand_id, workspace_id)
    if not can(role, permission):
        needed = roles_with(permission)
        raise Forbidden("accounts.forbidden", permission=Label(f"permission.{permission}"),
                        role=Label(f"role.{role}" if role else "role.none"),
                        needs=Label(f"role.{needed[0] if needed else 'owner'}"), what=what)
    return role


def workspaces_of(session: Session, user_id: int) -> list[int]:
    m = Membership.__table__.c
    return sorted({row.workspace_id for row in session.connection().execute(
        sa_select(m.workspace_id).where(m.user_id == user_id))})
