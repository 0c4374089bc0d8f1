"""The « Crise » screen: one button when a bad buzz starts, the checklist of checkpoints, the
gravity grid, the strategy by crisis type, the answers in the brand's voice and the
moderation grid. Everything it writes goes through ``core.crisis``."""

from datetime import timedelta

import streamlit as st

from core import refdata
from core.crisis.moderation import grid, hidden_words_text
from core.crisis.playbook import CrisisError, checkpoints, gravity_grid, strategies, window
from core.crisis.suspension import end_crisis, local_time, open_crisis, start_crisis
from core.models import Brand
from pages import frame
from pages.frame import lang, tr

L = lang()
bid = frame.require_brand()
st.title(tr("crisis.title"))

with frame.session() as s:
    brand = s.get(Brand, bid)
    crisis = open_crisis(bid, session=s)
    brand_name = brand.name
    current = None
    if crisis is not None:
        current = {"id": crisis.id, "started": local_time(crisis.started_at, brand),
                   "until": local_time(crisis.until, brand), "suspended": list(crisis.suspended)}

if current is None:
    st.caption(tr("crisis.calm", brand=brand_name))
    bounds = window()
    hours = st.number_input(tr("crisis.hours"), min_value=bounds["min_hours"], max_value=bounds["max_hours"],
                            value=bounds["default_hours"], step=1, key="crisis_hours")
    if st.button(tr("crisis.start_button"), key="crisis_start", type="primary"):
        try:
            with frame.session() as s:
                started = start_crisis(bid, int(hours), session=s)
        except CrisisError as exc:
            st.error(exc.message(L))
        else:
            st.session_state["crisis_notice"] = tr("crisis.started", id=started.crisis_id, brand=started.brand,
                                                   count=len(started.suspended),
                                                   until=started.until.strftime("%Y-%m-%d %H:%M"))
            st.rerun()
else:
    st.error(tr("crisis.in_progress", since=current["started"].strftime("%Y-%m-%d %H:%M"),
                until=current["until"].strftime("%Y-%m-%d %H:%M")))
    for post in current["suspended"]:
        key = "crisis.suspended_scheduled" if post["status"] == "programme" else "crisis.suspended_line"
        st.markdown("- " + tr(key, ref=post["ref"],
                              status=refdata.label(refdata.POST_STATUSES, post["status"], L)).strip())
    if st.button(tr("crisis.end_button"), key="crisis_end"):
        try:
            with frame.session() as s:
                ended = end_crisis(bid, session=s)
        except CrisisError as exc:
            st.error(exc.message(L))
        else:
            st.session_state["crisis_notice"] = tr("crisis.ended", id=ended.crisis_id, brand=ended.brand,
                                                   count=len(ended.resumed), refs=", ".join(ended.resumed) or "-")
            st.rerun()

if "crisis_notice" in st.session_state:
    st.success(st.session_state.pop("crisis_notice"))

st.subheader(tr("crisis.checklist"))
for point in checkpoints():
    due = f" ({(current['started'] + timedelta(minutes=point.minutes)).strftime('%Y-%m-%d %H:%M')})" if current else ""
    st.checkbox(f"{tr('crisis.checkpoint.' + point.key)}{due} — {point.label[L]}",
                key=f"crisis_check_{current['id'] if current else 0}_{point.key}")

st.subheader(tr("crisis.gravity"))
st.table({tr("crisis.level"): list(gravity_grid()), tr("crisis.meaning"): [g[L] for g in gravity_grid().values()]})

st.subheader(tr("crisis.strategy"))
kinds = strategies()
kind = st.radio(tr("crisis.kind"), list(kinds), format_func=lambda k: tr("crisis.kind." + k), key="crisis_kind",
                horizontal=True)
st.write(kinds[kind][L])

with st.expander(tr("crisis.moderation")):
    for action in grid():
        st.markdown(f"**{tr('crisis.action.' + action.key)}** — {action.when[L]} → {action.do[L]}")
    st.code(hidden_words_text(), language=None)
