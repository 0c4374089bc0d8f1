"""Équipe: an owner's screen to list members with their roles, add one, change a role, reset
a password and deactivate an account. Listed in the navigation only for a member with
``users.manage``; every action goes through core.accounts.members, which checks it again."""

from __future__ import annotations

import streamlit as st

from core.accounts import members
from core.accounts.permissions import role_label, roles
from core.brands import list_brands
from core.i18n import MessageError
from pages import frame
from pages.frame import lang, md, tr

SHOWN = "team_shown_password"  # (account, password): shown on the next run only, then forgotten
DONE = "team_done"


def visible() -> bool:
    """Whether the signed-in account manages a workspace (the navigation lists the page)."""
    if st.session_state.get("calame_actor") is None:
        return False
    with frame.session() as s:
        try:
            return bool(members.managed_workspaces(s))
        except MessageError:
            return False


def _run(action, done: str, **params) -> None:
    """A callback: the action in its own transaction; its outcome shown on the next run."""
    try:
        with frame.session() as s:
            shown = action(s)
    except MessageError as exc:
        st.session_state[DONE] = ("error", exc)
        return
    st.session_state[DONE] = ("success", tr(done, **params))
    if shown:
        st.session_state[SHOWN] = shown


def _add(workspace: str) -> None:
    name = st.session_state.get("team_add_name", "").strip()
    password = st.session_state.get("team_add_password", "") or members.generate_password()
    typed = bool(st.session_state.get("team_add_password"))
    scope = st.session_state.get("team_add_scope")
    role = st.session_state.get("team_add_role")

    def action(s):
        members.add_member(name, password, role, session=s, workspace=workspace,
                           brand_id=scope if isinstance(scope, int) else None,
                           display_name=st.session_state.get("team_add_display", ""))
        return None if typed else (name, password)

    _run(action, "team.added", name=md(name), role=role_label(role, lang()))
    st.session_state["team_add_password"] = ""


def _set_role(workspace: str) -> None:
    name, role, scope = (st.session_state.get(k) for k in ("team_member", "team_new_role", "team_role_scope"))
    _run(lambda s: members.set_role(name, role, session=s, workspace=workspace,
                                    brand_id=scope if isinstance(scope, int) else None) and None,
         "accounts.role_set", name=md(name), role=role_label(role, lang()), scope=md(str(scope_label(scope))))


def _reset() -> None:
    name, password = st.session_state.get("team_member"), members.generate_password()
    _run(lambda s: (members.reset_password(name, password, session=s), (name, password))[1],
         "accounts.password_reset", name=md(name))


def _deactivate() -> None:
    name = st.session_state.get("team_member")
    _run(lambda s: members.deactivate(name, session=s) and None, "accounts.deactivated", name=md(name))


def _review_cm(workspace: str) -> None:
    value = bool(st.session_state.get("team_review_cm"))
    _run(lambda s: members.set_review_required(value, session=s, workspace=workspace) and None,
         "accounts.review_cm_on" if value else "accounts.review_cm_off", workspace=md(workspace))


def scope_label(scope) -> str:
    """A brand's name, or « tout l’espace » (the brands of this visitor's workspace, kept in
    their own session: another visitor's page never changes them)."""
    return st.session_state.get("team_scopes", {}).get(scope, tr("team.whole_workspace"))


def page() -> None:
    st.title(tr("team.title"))
    with frame.session() as s:
        try:
            workspaces = [(w.id, w.name, w.review_required) for w in members.managed_workspaces(s)]
            rows = members.list_members(session=s)
        except MessageError:  # Forbidden included: the navigation did not list the page
            workspaces, rows = [], []
        brands = [(b.id, b.name, b.workspace_id) for b in list_brands(session=s, include_archived=True)]
    if not workspaces:
        st.error(tr("team.forbidden"))
        return
    done = st.session_state.pop(DONE, None)
    if done is not None:
        kind, what = done
        if kind == "error":
            st.error(frame.say(what))
        else:
            st.success(what)
    shown = st.session_state.pop(SHOWN, None)
    if shown is not None:
        st.info(tr("team.generated", name=md(shown[0])))
        st.code(shown[1], language=None)
    if len(workspaces) > 1:
        names = [w[1] for w in workspaces]
        current = st.selectbox(tr("team.scope"), names, key="team_workspace")
        workspace = next(w for w in workspaces if w[1] == current)
    else:
        workspace = workspaces[0]
    ws_id, ws_name, review_required = workspace
    names = {b_id: b_name for b_id, b_name, w in brands if w == ws_id}
    st.session_state["team_scopes"] = names
    scopes = ["workspace", *names]
    whole = tr("team.whole_workspace")

    def scope_name(scope) -> str:
        return names.get(scope, whole)

    st.subheader(tr("team.members", workspace=md(ws_name)))
    mine = [r for r in rows if r["workspace"] == ws_name]
    st.dataframe([{tr("team.col_name"): r["display_name"], tr("team.col_account"): r["name"],
                   tr("team.col_role"): role_label(r["role"], lang()),
                   tr("team.col_scope"): r["brand"] or tr("team.whole_workspace"),
                   tr("team.col_active"): "✓" if r["active"] else "—"} for r in mine],
                 hide_index=True, width="stretch", key="team_table")
    st.session_state["team_review_cm"] = review_required
    st.toggle(tr("team.review_cm"), key="team_review_cm", help=tr("team.review_cm_help"),
              on_change=frame.guarded(_review_cm), args=(ws_name,))

    role_names = list(roles())
    with st.form("team_add", clear_on_submit=False):
        st.subheader(tr("team.add_title"))
        c1, c2 = st.columns(2)
        c1.text_input(tr("team.name"), key="team_add_name", max_chars=80)
        c2.text_input(tr("team.display_name"), key="team_add_display", max_chars=120)
        c1.selectbox(tr("team.role"), role_names, format_func=lambda r: role_label(r, lang()), key="team_add_role",
                     index=role_names.index("cm"))
        c2.selectbox(tr("team.scope"), scopes, format_func=scope_name, key="team_add_scope")
        st.text_input(tr("team.password"), type="password", key="team_add_password", max_chars=200)
        st.form_submit_button(tr("team.add"), type="primary", on_click=frame.guarded(_add), args=(ws_name,))

    st.subheader(tr("team.change_title"))
    accounts = sorted({r["name"] for r in mine})
    labels = {r["name"]: r["display_name"] for r in mine}
    c1, c2, c3 = st.columns(3)
    c1.selectbox(tr("team.member"), accounts, format_func=lambda n: labels.get(n, n), key="team_member")
    c2.selectbox(tr("team.new_role"), role_names, format_func=lambda r: role_label(r, lang()), key="team_new_role")
    c3.selectbox(tr("team.scope"), scopes, format_func=scope_name, key="team_role_scope")
    b1, b2, b3 = st.columns(3)
    b1.button(tr("team.set_role"), key="team_set_role", on_click=frame.guarded(_set_role), args=(ws_name,))
    b2.button(tr("team.reset"), key="team_reset", on_click=frame.guarded(_reset))
    b3.button(tr("team.deactivate"), key="team_deactivate", on_click=frame.guarded(_deactivate))
