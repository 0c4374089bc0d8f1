"""Agence: the name and logo the client's documents carry (the Word calendar's header, its
title page, the file's author). They belong to the workspace; without one, the documents
carry the brand's own name. The checks and the re-encoding are ``core.visuals``'s."""

from __future__ import annotations

import streamlit as st
from sqlmodel import select

from core.db import DatabaseError
from core.models import Workspace
from core.visuals import VisualError, delete_logo, save_logo
from pages import frame
from pages.frame import md, tr

P = "ag_"

st.title(tr("agency.title"))
st.caption(tr("agency.intro"))
with frame.session() as _s:
    workspaces = [(w.id, w.name, w.display_name, w.logo) for w in _s.exec(select(Workspace).order_by(Workspace.name))]
if not workspaces:
    st.info(tr("agency.no_workspace"))
    st.stop()
names = {w[0]: w[1] for w in workspaces}
chosen = st.selectbox(tr("agency.workspace"), list(names), format_func=names.get, key=P + "workspace") \
    if len(workspaces) > 1 else workspaces[0][0]
_, name, display_name, logo = next(w for w in workspaces if w[0] == chosen)

notice = st.session_state.pop(P + "notice", None)
if notice:
    (st.success if notice[0] == "success" else st.error)(notice[1])
if logo:
    st.image(logo, width=220)
    if st.button(tr("agency.remove_logo"), key="agb_remove"):
        try:
            frame.write(lambda s: delete_logo(chosen, session=s))
            st.session_state[P + "notice"] = ("success", tr("agency.logo_removed"))
        except (VisualError, DatabaseError) as exc:
            st.session_state[P + "notice"] = ("error", frame.say(exc))
        st.rerun()
else:
    st.caption(tr("agency.no_logo"))
with st.form(P + "form"):
    new_name = st.text_input(tr("agency.display_name"), value=display_name or name, max_chars=120,
                             help=tr("agency.display_name_help"))
    upload = frame.file_uploader(tr("agency.logo"), type=["png", "jpg", "jpeg"], key="agency_logo_file")
    submitted = st.form_submit_button(tr("agency.save"), type="primary")
if submitted:
    data = upload.getvalue() if upload is not None else None
    try:
        frame.write(lambda s: save_logo(chosen, data, session=s, display_name=new_name))
        st.session_state[P + "notice"] = ("success", tr("agency.saved", name=md(new_name.strip() or name)))
    except (VisualError, DatabaseError) as exc:
        st.session_state[P + "notice"] = ("error", frame.say(exc))
    st.rerun()
