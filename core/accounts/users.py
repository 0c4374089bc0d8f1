"""Users, their roles, signing in and signed-in sessions.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended
option). Five failed sign-ins in a row lock an account for 15 minutes (OWASP's Authentication
Cheat Sheet: lock out after a few failures, for a while, not for good), and a wrong name costs
the same time as a wrong password, so that a sign-in form does not tell which names exist.
Sessions last 12 hours from the last use and 7 days at most; only a hash of their token is
stored, and signing out deletes the row. An OpenID Connect identity (Streamlit's ``st.login``)
signs in the account whose name is its verified e-mail address (``sign_in_identity``). The
first user of a database is created without anyone signed in and must be an owner; later
ones by an owner of the workspace.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from core.accounts import context
from core.accounts.permissions import Forbidden, roles
from core.i18n import MessageError
from core.models import AuthSession, Brand, Membership, User, Workspace, utcnow

HASHER = PasswordHasher()
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)
IDLE = timedelta(hours=12)
LONGEST = timedelta(days=7)
SEEN_EVERY = timedelta(minutes=5)  # how often a session's last use is written (IDLE counts from it)
MIN_PASSWORD = 10
MAX_PASSWORD = 200
_DUMMY = HASHER.hash("calame: a name nobody has")


class AccountError(MessageError):
    """A user that cannot be created or signed in (message keys in data/i18n/accounts.toml)."""


def normal_name(name: str) -> str:
    """Sign-in names compare without case and in one Unicode form ("Élodie" = "élodie")."""
    return unicodedata.normalize("NFC", str(name or "")).strip().casefold()


def _check_password(password: str) -> None:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError("accounts.bad_password", min=MIN_PASSWORD, max=MAX_PASSWORD)


def has_users(session: Session) -> bool:
    with context.system():
        return session.exec(select(User.id).limit(1)).first() is not None


def find_user(session: Session, name: str) -> User | None:
    with context.system():
        return session.exec(select(User).where(User.name == normal_name(name))).first()


def workspace_named(session: Session, name: str) -> Workspace | None:
    return session.exec(select(Workspace).where(Workspace.name == name.strip())).first()


def create_user(name: str, password: str, role: str, *, session: Session, workspace: str = "",
                brand_id: int | None = None, display_name: str = "") -> User:
    """A new user with ``role`` in ``workspace`` (or on one brand of it).

    The first user of the database must be an owner; it creates the workspace (named
    ``workspace``, default "Mon agence") and every existing brand joins it, so a single-user
    install keeps its brands. Later users need an owner acting (checked by the guard)."""
    key = normal_name(name)
    if not key or len(key) > 80 or any(unicodedata.category(c)[0] == "C" for c in key):
        raise AccountError("accounts.bad_name", name=name)
    if role not in roles():
        raise AccountError("accounts.bad_role", role=role, roles=", ".join(roles()))
    _check_password(password)
    first = not has_users(session)
    if first and role != "owner":
        raise AccountError("accounts.first_must_be_owner", role=role)
    if find_user(session, key) is not None:
        raise AccountError("accounts.name_taken", name=name)
    if first:
        with context.system():
            ws = Workspace(name=workspace.strip() or "Mon agence")
            session.add(ws)
            session.flush()
            for brand in session.exec(select(Brand).where(Brand.workspace_id.is_(None))):
                brand.workspace_id = ws.id
                session.add(brand)
            user = User(name=key, display_name=display_name.strip() or name.strip(), password_hash=HASHER.hash(password))
            session.add(user)
            session.flush()
            session.add(Membership(user_id=user.id, workspace_id=ws.id, role="owner"))
            session.flush()
        session.info["calame_accounts"] = True
        return user
    ws = workspace_named(session, workspace) if workspace else None
    if ws is None:
        actor = context.current()
        mine = sorted({m.workspace_id for m in session.exec(select(Membership).where(
            Membership.user_id == actor.user_id))}) if actor else []
        if workspace or len(mine) != 1:
            raise AccountError("accounts.bad_workspace", workspace=workspace or "-")
        ws = session.get(Workspace, mine[0])
    if brand_id is not None:
        brand = session.get(Brand, brand_id)
        if brand is None or brand.workspace_id != ws.id:
            raise AccountError("accounts.bad_brand", brand=brand_id, workspace=ws.name)
    user = User(name=key, display_name=display_name.strip() or name.strip(), password_hash=HASHER.hash(password))
    session.add(user)
    session.flush()
    session.add(Membership(user_id=user.id, workspace_id=ws.id, brand_id=brand_id, role=role))
    session.flush()
    return user


def set_password(user_id: int, password: str, *, session: Session) -> None:
    """An owner resets a member's password (the guard checks the owner); its sessions end."""
    _check_password(password)
    user = session.get(User, user_id)
    user.password_hash, user.failed_sign_ins, user.locked_until = HASHER.hash(password), 0, None
    session.add(user)
    with context.system():
        for s in session.exec(select(AuthSession).where(AuthSession.user_id == user_id)):
            s.revoked = True
            session.add(s)
    session.flush()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(name: str, password: str, *, session: Session) -> tuple[User, str]:
    """The user and a new session token, or AccountError ``accounts.bad_sign_in`` (the same
    for an unknown name and a wrong password) or ``accounts.locked`` with the minutes left.
    A wrong password is committed before the error, so call it in a transaction of its own."""
    with context.system():
        user = find_user(session, name)
        now = utcnow()
        if user is None or not user.active:
            try:
                HASHER.verify(_DUMMY, str(password))
            except VerificationError:
                pass
            raise AccountError("accounts.bad_sign_in")
        if user.locked_until is not None and user.locked_until > now:
            minutes = int((user.locked_until - now).total_seconds() // 60) + 1
            raise AccountError("accounts.locked", minutes=minutes)
        try:
            HASHER.verify(user.password_hash, str(password))
        except (VerificationError, InvalidHashError):
            user.failed_sign_ins += 1
            if user.failed_sign_ins >= MAX_FAILURES:
                user.failed_sign_ins, user.locked_until = 0, now + LOCK
            session.add(user)
            # the count outlives the error: a caller's transaction rolls back on AccountError,
            # and a lockout that the rollback erases locks nobody out
            session.commit()
            raise AccountError("accounts.bad_sign_in") from None
        user.failed_sign_ins, user.locked_until = 0, None
        if HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = HASHER.hash(password)
        session.add(user)
        return user, _open_session(user, session)


def _open_session(user: User, session: Session) -> str:
    """A new session token for ``user`` (256 random bits; only its SHA-256 is stored); the
    user's sessions that can no longer sign anyone in are deleted on the way."""
    now = utcnow()
    for old in session.exec(select(AuthSession).where(AuthSession.user_id == user.id)):
        if old.revoked or old.expires_at <= now or old.last_seen + IDLE <= now:
            session.delete(old)
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(token_hash=_token_hash(token), user_id=user.id, created_at=now, last_seen=now,
                            expires_at=now + LONGEST))
    session.flush()
    return token


def sign_in_identity(email: str, verified: bool, *, session: Session) -> tuple[User, str] | None:
    """The account an OpenID Connect identity signs in, with a new session token, or None.

    The identity provider vouches for the e-mail address; Calame trusts it only when the
    provider says it checked it (the ``email_verified`` claim), and maps it to the active
    account whose sign-in name is that address: an owner creates that account and gives its
    role, as for any member, so a sign-in through the provider never creates an account or a
    role by itself. No password is checked (the provider did), and the failed-sign-in count
    is left alone."""
    key = normal_name(email)
    if not verified or "@" not in key:
        return None
    with context.system():
        user = find_user(session, key)
        if user is None or not user.active:
            return None
        return user, _open_session(user, session)


def session_user(token: str, *, session: Session) -> User | None:
    """The user a session token signs in, or None when it is unknown, revoked or expired."""
    if not token:
        return None
    with context.system():
        row = session.exec(select(AuthSession).where(AuthSession.token_hash == _token_hash(token))).first()
        now = utcnow()
        if row is None or row.revoked or row.expires_at <= now or row.last_seen + IDLE <= now:
            return None
        user = session.get(User, row.user_id)
        if user is None or not user.active:
            return None
        if now - row.last_seen >= SEEN_EVERY:  # not on every run: a write each page view locks SQLite
            row.last_seen = now
            session.add(row)
            session.flush()
        return user


def sign_out(token: str, *, session: Session) -> None:
    """The session ends on the server: its row is deleted, so the token (kept in a browser
    cookie, or copied from one) signs nobody in again, on any app process."""
    with context.system():
        row = session.exec(select(AuthSession).where(AuthSession.token_hash == _token_hash(token))).first()
        if row is not None:
            session.delete(row)
            session.flush()


def actor_of(user: User) -> context.Actor:
    return context.Actor(user.id, user.display_name or user.name)


def cli_actor(name: str, *, session: Session) -> context.Actor:
    """The user the CLI acts as (``--user`` or ``CALAME_USER``): trusted by name, as whoever
    runs the CLI can read the database file anyway; an unknown name is refused."""
    user = find_user(session, name)
    if user is None or not user.active:
        raise Forbidden("accounts.unknown_user", name=name)
    return actor_of(user)
