"""What a role may do (``data/roles.toml``) and which role a user has on a brand."""

from __future__ import annotations

from functools import lru_cache

from sqlmodel import Session, select

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
    workspace when ``brand_id`` is None; None when the user is not a member."""
    members = list(session.exec(select(Membership).where(Membership.user_id == user_id)))
    if brand_id is not None:
        own = [m.role for m in members if m.brand_id == brand_id]
        if own:
            return own[0]
        brand = session.get(Brand, brand_id)
        workspace_id = brand.workspace_id if brand is not None else workspace_id
    if workspace_id is None:
        return None
    general = [m.role for m in members if m.workspace_id == workspace_id and m.brand_id is None]
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
    return sorted({m.workspace_id for m in session.exec(select(Membership).where(Membership.user_id == user_id))})
