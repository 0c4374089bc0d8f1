"""Signing in to the app: shown instead of every screen once the database has accounts.

The session token lives in Streamlit's session state (and its hash in the database, so that
several app processes share sessions); every database session of a run acts as the signed-in
user (``core.accounts.context``), so the checks of ``core.accounts.guard`` apply to every page.
"""

import streamlit as st

from core.accounts import context
from core.accounts.guard import accounts_enabled
from core.accounts.permissions import role_label, role_on, workspaces_of
from core.accounts.users import AccountError, actor_of, session_user, sign_in, sign_out
from core.i18n import t

TOKEN = "calame_token"
ACTOR = "calame_actor"  # read by pages.frame.session for every database session of a run, callbacks included


def _lang() -> str:
    return st.session_state.get("lang", "fr")


def apply(session_factory) -> context.Actor | None:
    """The signed-in actor for this run (set on the thread's context), or None."""
    token = st.session_state.get(TOKEN)
    if not token:
        context.set_actor(None)
        return None
    with context.system(), session_factory() as s:
        user = session_user(token, session=s)
        actor = actor_of(user) if user is not None else None
    if actor is None:
        st.session_state.pop(TOKEN, None)
    st.session_state[ACTOR] = actor
    context.set_actor(actor)
    return actor


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
    lang = _lang()
    if actor is None:
        return False
    with session_factory() as s:
        workspaces = workspaces_of(s, actor.user_id)
        role = role_on(s, actor.user_id, None, workspaces[0]) if workspaces else None
    with st.sidebar:
        st.caption(t("signin.as", lang, name=actor.name, role=role_label(role, lang) if role else "—"))
        st.button(t("signin.out", lang), key="signin_out", on_click=_sign_out, args=(session_factory,))
    return True


def _sign_out(session_factory) -> None:
    token = st.session_state.pop(TOKEN, None)
    st.session_state.pop(ACTOR, None)
    context.set_actor(None)
    if token:
        with context.system(), session_factory() as s:
            sign_out(token, session=s)


def sign_in_page(session_factory):
    """The only screen while nobody is signed in: the navigation lists nothing else."""
    lang = _lang()
    st.title(t("signin.title", lang))
    with st.form("signin"):
        name = st.text_input(t("signin.name", lang), key="signin_name")
        password = st.text_input(t("signin.password", lang), type="password", key="signin_password")
        submitted = st.form_submit_button(t("signin.submit", lang), type="primary")
    if submitted:
        try:
            with context.system(), session_factory() as s:
                user, token = sign_in(name, password, session=s)
        except AccountError as exc:
            st.error(exc.message(lang))
        else:
            st.session_state[TOKEN] = token
            st.session_state[ACTOR] = actor_of(user)
            context.set_actor(actor_of(user))
            st.rerun()
