"""The Validation screen's section for the client's review link and the offline HTML review
file: create (the address shown once), revoke, reissue, download the file, take the texts a
client proposed, import the answers a review file exported. The work is in
core.client.review_link and core.client.review_file."""

from __future__ import annotations

import hashlib
import os
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from core import refdata
from core.client.review_file import build_review_file, import_review_file, preview_review_file
from core.client.review_link import (CAPABILITIES, DEFAULT_DAYS, MAX_DAYS, accept_text_edits, create_link,
                                     last_day, link_url, links_of, reissue_link, revoke_link, snapshots_of, state_of,
                                     stored_answer_plan)
from core.models import Brand
from pages import frame
from pages.frame import lang, md, tr, trn

K = "review_widget_"


def _base() -> str | None:
    """The app's address as the team's browser sees it, unless ``CALAME_PUBLIC_URL`` says better."""
    if os.environ.get("CALAME_PUBLIC_URL"):
        return None
    parts = urlsplit(getattr(st.context, "url", "") or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _day(when) -> str:
    return when.strftime("%d/%m/%Y") if lang() == "fr" else when.strftime("%Y-%m-%d")


def _status(key: str | None) -> str:
    return refdata.label(refdata.POST_STATUSES, key, lang()) if key else ""


def _run(work) -> object | None:
    try:
        with frame.session() as s:
            return work(s)
    except ValueError as exc:  # a MessageError (refused, forbidden) or the database locked: nothing changed
        st.error(frame.say(exc))
        return None


def _create_section(bid: int, snaps: list) -> None:
    labels = {s.id: tr("review_widget.snapshot_label", id=s.id, start=_day(s.period_from), end=_day(s.period_to),
                       posts=trn("review.posts", len(s.posts)), when=_day(s.created_at)) for s in snaps}
    snapshot = st.selectbox(tr("review_widget.snapshot"), list(labels), format_func=labels.get, key=K + "snapshot")
    c1, c2, c3 = st.columns(3)
    capability = c1.radio(tr("review_widget.capability"), CAPABILITIES, index=2, key=K + "capability",
                          format_func=lambda c: tr(f"review_widget.cap.{c}"))
    days = c2.number_input(tr("review_widget.days"), min_value=1, max_value=MAX_DAYS, value=DEFAULT_DAYS, step=1,
                           key=K + "days")
    pin = c3.text_input(tr("review_widget.pin"), type="password", max_chars=12, key=K + "pin")
    b1, b2 = st.columns(2)
    if b1.button(tr("review_widget.create"), key=K + "create", type="primary"):
        made = _run(lambda s: create_link(snapshot, session=s, days=int(days), capability=capability, pin=pin or None,
                                          created_by=frame.author()))
        if made is not None:
            st.session_state[K + "made"] = (made.id, link_url(made.token, _base()), made.until)
    made = st.session_state.get(K + "made")
    if made:
        st.success(tr("review_widget.created", date=_day(made[2])))
        st.code(made[1], language=None)
    if b2.button(tr("review_widget.file"), key=K + "file"):
        built = _run(lambda s: build_review_file(snapshot, session=s, days=int(days), created_by=frame.author()))
        if built is not None:
            st.session_state[K + "file_data"] = (built.filename, built.data)
    ready = st.session_state.get(K + "file_data")
    if ready:
        b2.download_button(tr("review_widget.download_file"), ready[1], file_name=ready[0], mime="text/html",
                           key=K + "download")


def _links_section(bid: int) -> None:
    with frame.session() as s:
        rows = links_of(bid, session=s)
        brand = s.get(Brand, bid)
    if not rows:
        return
    st.markdown(f"**{tr('review_widget.links')}**")
    for row in rows:
        state = state_of(row)
        with st.container(border=True, key=f"{K}link_{row.id}"):
            st.caption(tr("review_widget.row", id=row.id, kind=tr(f"review_widget.kind.{row.kind}"),
                          snapshot=row.snapshot_id, capability=tr(f"review_widget.cap.{row.capability}"),
                          state=tr(f"review_widget.state.{state}"), until=_day(last_day(row.expires_at, brand))))
            answers = row.answers or {}
            if row.answered_at:
                overall = answers.get("overall")
                st.caption(tr("review_widget.answered", name=md(answers.get("name", "")), when=_day(row.answered_at),
                              overall=f" · {tr('review_widget.overall.' + overall)}" if overall else ""))
            if state == "active":
                c1, c2 = st.columns(2)
                if c1.button(tr("review_widget.revoke"), key=f"{K}revoke_{row.id}"):
                    if _run(lambda s: revoke_link(row.id, session=s)) is not None:
                        st.rerun()
                if row.kind == "link" and c2.button(tr("review_widget.reissue"), key=f"{K}reissue_{row.id}"):
                    made = _run(lambda s: reissue_link(row.id, session=s, created_by=frame.author()))
                    if made is not None:
                        st.session_state[K + "made"] = (made.id, link_url(made.token, _base()), made.until)
                        st.rerun()
            if row.answered_at:
                _text_edits(row.id)


def _text_edits(link_id: int) -> None:
    """The texts the client proposed, for the team to take (as the Word answer's checkboxes)."""
    plan = _run(lambda s: stored_answer_plan(link_id, session=s, lang=lang()))
    edits = [r for r in (plan.rows if plan else []) if r.text_edit and not r.conflict]
    if not edits:
        return
    picked = []
    for r in edits:
        st.code(r.text_edit["diff"], language=None, wrap_lines=True)
        if st.checkbox(tr("review_widget.accept", ref=r.ref), key=f"{K}accept_{link_id}_{r.ref}"):
            picked.append(r.ref)
    if st.button(tr("review_widget.accept_button"), key=f"{K}accept_{link_id}", disabled=not picked):
        if _run(lambda s: accept_text_edits(link_id, picked, session=s, lang=lang())) is not None:
            st.success(tr("review_widget.accepted", refs=", ".join(picked)))


def _import_section(bid: int) -> None:
    uploaded = frame.file_uploader(tr("review_widget.import"), type=["json"], key=K + "upload")
    if uploaded is None:
        return
    data = uploaded.getvalue()

    def read(content: bytes):
        with frame.session() as s:
            return preview_review_file(content, session=s, brand_id=bid, lang=lang())

    plan, error = frame.once_per_file("review_answers", data, read, bid, lang())
    if error is not None:
        st.error(tr("frame.file_refused", name=md(uploaded.name), error=error))
        return
    rows = [r for r in plan.rows if r.has_change or r.conflict]
    st.dataframe(pd.DataFrame([{
        tr("validation.col_ref"): r.ref, tr("validation.col_old"): _status(r.old_status),
        tr("validation.col_new"): _status(r.new_status),
        tr("validation.col_comments"): "\n".join(f"{c['author']} : {c['body']}" for c in r.comments),
        tr("validation.col_problem"): r.conflict or ""} for r in rows]), hide_index=True, width="stretch",
        key=K + "preview")
    digest = hashlib.sha256(data).hexdigest()[:16]
    done = st.session_state.get(K + "imported")
    if done and done[0] == digest:
        st.success(tr("validation.applied", statuses=trn("validation.applied_statuses", done[1]["status_changes"]),
                      comments=trn("validation.applied_comments", done[1]["comments"])))
    if st.button(tr("review_widget.import_apply"), key=K + "apply", type="primary", disabled=not rows):
        applied = _run(lambda s: import_review_file(data, session=s, brand_id=bid, lang=lang()))
        if applied is not None:
            frame.forget_file("review_answers")
            st.session_state[K + "imported"] = (digest, applied.totals())
            st.rerun()


def section(bid: int) -> None:
    """The whole section, for the brand ``bid``."""
    st.subheader(tr("review_widget.title"))
    with frame.session() as s:
        snaps = snapshots_of(bid, session=s)
    if not snaps:
        st.caption(tr("review_widget.no_snapshot"))
        return
    _create_section(bid, snaps)
    _links_section(bid)
    _import_section(bid)
