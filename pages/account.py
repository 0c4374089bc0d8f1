"""Signing in to the app: shown instead of every screen once the database has accounts.

The session token is kept in the tab's Streamlit session state and in a browser cookie
(``calame_session``), and its hash in the database: a reload, a new tab or another app
process behind a load balancer reads the cookie (``st.context.cookies``, sent with the page's
websocket) and finds the session in the database. Every database session of a run acts as
the signed-in user (``core.accounts.context``), so the checks of ``core.accounts.guard``
apply to every page.

Streamlit cannot send a ``Set-Cookie`` header from a script, so the cookie is written by a
line of JavaScript in the page (``st.html``): it cannot be ``HttpOnly`` (docs/accounts.md,
« Signing in », says what that costs and what limits it).
"""

import json
import re

import streamlit as st

from core.accounts import context
from core.accounts.guard import accounts_enabled
from core.accounts.permissions import role_label, role_on, workspaces_of
from core.accounts.users import (LONGEST, AccountError, actor_of, session_user, sign_in, sign_in_identity,
                                 sign_out)
from core.i18n import t
from pages.frame import md

TOKEN = "calame_token"
ACTOR = "calame_actor"  # read by pages.frame.session for every database session of a run, callbacks included
COOKIE = "calame_session"
_WRITE = "calame_cookie_write"  # the cookie to write on the next run: (token, seconds) or (None, 0) to clear it
_REFUSED = "calame_cookie_refused"  # the cookie token this tab already found expired or signed out
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def _lang() -> str:
    return st.session_state.get("lang", "fr")


def cookie_script(token: str | None, seconds: int) -> str:
    """The script that writes the session cookie (or clears it when ``token`` is None): the
    whole site (Path=/), never sent by another site's page (SameSite=Strict), over HTTPS only
    when the app is served over HTTPS (Secure), gone when the session can no longer be used."""
    value = token if token and _TOKEN_SHAPE.fullmatch(token) else ""
    age = max(0, int(seconds)) if value else 0
    return ("<script>document.cookie = " + json.dumps(f"{COOKIE}={value}; Path=/; SameSite=Strict; Max-Age={age}")
            + " + (location.protocol === 'https:' ? '; Secure' : '');</script>")


def _cookie_token() -> str | None:
    """The session token of the cookie the browser sent when this tab opened, if well formed
    and not already refused in this tab."""
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # no browser behind this run (tests, bare mode)
        return None
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token) or token == st.session_state.get(_REFUSED):
        return None
    return token


def _write_pending_cookie() -> None:
    pending = st.session_state.pop(_WRITE, None)
    if pending is not None:
        st.html(cookie_script(*pending), unsafe_allow_javascript=True, width="content")


def _remember(token: str, user) -> None:
    st.session_state[TOKEN] = token
    st.session_state[_WRITE] = (token, int(LONGEST.total_seconds()))
    st.session_state[ACTOR] = actor_of(user)
    context.set_actor(actor_of(user))


def apply(session_factory) -> context.Actor | None:
    """The signed-in actor for this run (set on the thread's context), or None. The tab's
    token first, else the cookie's; a token the database refuses (expired, signed out,
    password reset, account deactivated) is dropped, and so is the cookie that carried it."""
    token = st.session_state.get(TOKEN)
    from_cookie = not token
    if from_cookie:
        token = _cookie_token()
    if not token:
        st.session_state.pop(ACTOR, None)
        context.set_actor(None)
        return None
    with context.system(), session_factory() as s:
        user = session_user(token, session=s)
        actor = actor_of(user) if user is not None else None
    if actor is None:
        st.session_state.pop(TOKEN, None)
        st.session_state[_REFUSED] = token
        st.session_state[_WRITE] = (None, 0)
    elif from_cookie:
        st.session_state[TOKEN] = token
    st.session_state[ACTOR] = actor
    context.set_actor(actor)
    return actor


def _identity() -> dict | None:
    """The OpenID Connect identity Streamlit holds for this tab (``st.login``), or None when
    the workspace configured none (no ``[auth]`` in .streamlit/secrets.toml) or nobody used it."""
    try:
        user = st.user.to_dict()
    except Exception:
        return None
    return user if user.get("is_logged_in") is True else None


def _oidc_configured() -> bool:
    try:
        return "is_logged_in" in st.user.to_dict()
    except Exception:
        return False


def _sign_in_by_identity(session_factory) -> bool:
    """Sign in the account of this tab's OpenID Connect identity, if it maps to one."""
    identity = _identity()
    if identity is None:
        return False
    with context.system(), session_factory() as s:
        found = sign_in_identity(str(identity.get("email") or ""), identity.get("email_verified") is True, session=s)
    if found is None:
        return False
    user, token = found
    _remember(token, user)
    return True


def gate(session_factory) -> bool:
    """Whether the screens may be shown: no accounts, or someone signed in (their name and a
    sign-out button in the sidebar). False: the app shows only ``sign_in_page``."""
    with context.system(), session_factory() as s:
        enabled = accounts_enabled(s)
    if not enabled:
        st.session_state.pop(ACTOR, None)
        context.set_actor(None)
        return True
    actor = apply(session_factory)
    if actor is None and _sign_in_by_identity(session_factory):
        actor = st.session_state[ACTOR]
    lang = _lang()
    if actor is None:
        return False
    with session_factory() as s:
        workspaces = workspaces_of(s, actor.user_id)
        role = role_on(s, actor.user_id, None, workspaces[0]) if workspaces else None
    with st.sidebar:
        st.caption(t("signin.as", lang, name=md(actor.name), role=role_label(role, lang) if role else "—"))
        st.button(t("signin.out", lang), key="signin_out", on_click=_sign_out, args=(session_factory,))
        _write_pending_cookie()
    return True


def _sign_out(session_factory) -> None:
    token = st.session_state.pop(TOKEN, None)
    st.session_state.pop(ACTOR, None)
    st.session_state[_WRITE] = (None, 0)
    context.set_actor(None)
    if token:
        st.session_state[_REFUSED] = token
        with context.system(), session_factory() as s:
            sign_out(token, session=s)
    if _identity() is not None:  # else the provider's identity would sign the account in again
        st.logout()


def sign_in_page(session_factory):
    """The only screen while nobody is signed in: the navigation lists nothing else."""
    lang = _lang()
    _write_pending_cookie()
    st.title(t("signin.title", lang))
    identity = _identity()
    if identity is not None:  # the provider knows this person, Calame has no account for them
        key = "signin.oidc_unverified" if identity.get("email_verified") is not True else "signin.oidc_unknown"
        st.warning(t(key, lang, email=md(identity.get("email") or "—")))
        st.button(t("signin.oidc_out", lang), key="signin_oidc_out", on_click=st.logout)
    with st.form("signin"):
        name = st.text_input(t("signin.name", lang), key="signin_name")
        password = st.text_input(t("signin.password", lang), type="password", key="signin_password")
        submitted = st.form_submit_button(t("signin.submit", lang), type="primary")
    if identity is None and _oidc_configured():
        st.button(t("signin.oidc", lang), key="signin_oidc", on_click=st.login)
    if submitted:
        try:
            with context.system(), session_factory() as s:
                user, token = sign_in(name, password, session=s)
        except AccountError as exc:
            st.error(exc.message(lang))
        else:
            _remember(token, user)
            st.rerun()
