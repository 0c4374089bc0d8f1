"""Validation screen: send the calendar to the client (Word, ICS, CSV), read the answer back,
apply tacit approval. The work is in core.client.docx_export, core.client.exports and core.client.docx_answer."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from core import refdata
from core.dates import add_months
from core.client.docx_answer import ApprovalError, apply, preview, tacit_plan, apply_tacit
from core.client.calendar import ExportError, collect
from core.client.docx_export import filename
from core.client.exports import import_csv, preview_csv, to_csv, to_hootsuite, to_ics
from pages import frame, review_link_widget, review_widget
from pages.frame import KEEP, lang, md, tr, trn


def month_period(month: date) -> tuple[date, date]:
    """The whole month the person last looked at (``frame.period_month``)."""
    return month, add_months(month, 1) - timedelta(days=1)


def status_label(key: str | None) -> str:
    return refdata.label(refdata.POST_STATUSES, key, lang()) if key else ""


def send_section(bid: int, start: date, end: date) -> None:
    st.subheader(tr("validation.send_title"))
    try:
        with frame.session() as s:
            calendar = collect(bid, start, end, session=s)
    except ExportError as exc:
        st.error(frame.say(exc))
        return
    st.caption(trn("validation.count", len(calendar.posts)))
    calendar, only_reviewed = review_widget.for_client(bid, calendar)  # unreviewed posts never go out
    c1, c2, c3, c4 = st.columns(4)
    period_key = f"{bid}:{start}:{end}"
    if c1.button(tr("validation.prepare_docx"), key="validation_prepare", type="primary",
                 disabled=not calendar.posts):
        result = review_widget.send_word(bid, start, end, only_reviewed)
        if result is not None:
            st.session_state["validation_docx"] = (period_key, result.filename, result.data, result.count)
    ready = st.session_state.get("validation_docx")
    if ready and ready[0] == period_key:
        c1.download_button(tr("validation.download_docx"), ready[2], file_name=ready[1],
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           key="validation_download_docx")
        c1.caption(trn("validation.docx_ready", ready[3]))
    stem = filename(calendar).removesuffix(".docx")
    c2.download_button(tr("validation.download_ics"), to_ics(calendar, lang=lang()), file_name=f"{stem}.ics",
                       mime="text/calendar", key="validation_download_ics", disabled=not calendar.posts)
    sep = c3.radio(tr("validation.csv_separator"), [";", ","], horizontal=True, key="validation_sep",
                   persist_state=KEEP)
    c3.download_button(tr("validation.download_csv"), to_csv(calendar, sep=sep, lang=lang()),
                       file_name=f"{stem}.csv", mime="text/csv", key="validation_download_csv",
                       disabled=not calendar.posts)
    hoot = to_hootsuite(calendar, lang=lang())
    c4.download_button(tr("validation.download_hootsuite"), hoot.data, file_name=f"{stem}-hootsuite.csv",
                       mime="text/csv", key="validation_download_hootsuite", disabled=not hoot.count)
    if hoot.problems:
        with c4.expander(trn("validation.hootsuite_problems", len(hoot.problems))):
            st.markdown("\n".join(f"- **{ref}** : {md(msg)}" for ref, msg in hoot.problems))


def receive_section(bid: int) -> None:
    st.subheader(tr("validation.receive_title"))
    uploaded = frame.file_uploader(tr("validation.upload"), key="validation_upload")
    if uploaded is None:
        return
    data = uploaded.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]

    def read(content: bytes):
        with frame.session() as s:
            return preview(content, session=s, brand_id=bid, lang=lang())

    # Read once per file (and brand and language): a rerun does not unpack the .docx again.
    # Applying reads it again against the database of that moment.
    plan, error = frame.once_per_file("answer", data, read, bid, lang())
    if error is not None:
        st.error(tr("frame.file_refused", name=md(uploaded.name), error=error))
        return
    done = st.session_state.get("validation_applied")
    if done and done[0] == digest:
        st.success(tr("validation.applied", statuses=trn("validation.applied_statuses", done[1]["status_changes"]),
                      comments=trn("validation.applied_comments", done[1]["comments"])))
    st.markdown(f"**{tr('validation.preview_title')}**")
    rows = [r for r in plan.rows if r.has_change or r.conflict or r.unreadable or r.unknown]
    if not rows:
        st.info(tr("validation.nothing"))
        return
    table = pd.DataFrame([{
        tr("validation.col_ref"): r.ref,
        tr("validation.col_old"): status_label(r.old_status),
        tr("validation.col_new"): status_label(r.new_status),
        tr("validation.col_comments"): "\n".join(f"{c['author']} : {c['body']}" for c in r.comments),
        tr("validation.col_problem"): r.conflict or r.unreadable or r.unknown or "",
    } for r in rows])
    st.dataframe(table, hide_index=True, width="stretch", key="validation_preview_table")
    problems = sum(1 for r in rows if r.conflict or r.unreadable or r.unknown)
    if problems:
        st.warning(trn("validation.conflicts", problems))
    edits = [r for r in plan.rows if r.text_edit and not r.conflict]
    accepted = set()
    if edits:
        st.markdown(f"**{tr('validation.text_edits')}**")
        for r in edits:
            c1, c2 = st.columns(2)
            c1.caption(tr("validation.before"))
            c1.text(r.text_edit["old"])
            c2.caption(tr("validation.after"))
            c2.text(r.text_edit["new"])
            st.code(r.text_edit["diff"], language=None, wrap_lines=True)
            if st.checkbox(tr("validation.accept_text", ref=r.ref), key=f"validation_accept_{r.ref}"):
                accepted.add(r.ref)
    if st.button(tr("validation.apply"), key="validation_apply", type="primary"):
        try:
            with frame.session() as s:
                fresh = preview(data, session=s, brand_id=bid, lang=lang())
                apply(fresh, session=s, accept_text=accepted)
        except ValueError as exc:  # the answer refused, or the database locked: nothing applied
            st.error(frame.say(exc))
            return
        frame.forget_file("answer")
        st.session_state["validation_applied"] = (digest, fresh.totals())
        st.rerun()


def tacit_section(bid: int) -> None:
    st.subheader(tr("validation.tacit_title"))
    try:
        with frame.session() as s:
            plan = tacit_plan(bid, session=s)
    except ApprovalError:
        st.caption(tr("validation.tacit_none"))
        return
    st.write(trn("validation.tacit_state", len(plan.refs), date=plan.deadline.strftime("%d/%m/%Y")))
    if not plan.due:
        st.caption(tr("validation.tacit_not_due", date=plan.deadline.strftime("%d/%m/%Y")))
    if st.button(tr("validation.tacit_button"), key="validation_tacit", disabled=not (plan.due and plan.refs)):
        try:
            with frame.session() as s:
                done = apply_tacit(bid, session=s, lang=lang())
            st.success(tr("approvals.tacit_done", count=len(done.refs), date=done.deadline.strftime("%d/%m/%Y"),
                          refs=", ".join(done.refs)))
        except ValueError as exc:  # ApprovalError, or the database locked
            st.error(frame.say(exc))


def csv_import_section(bid: int) -> None:
    with st.expander(tr("validation.csv_import_title")):
        uploaded = frame.file_uploader(tr("validation.csv_upload"), key="validation_csv_upload")
        if uploaded is None:
            return
        data = uploaded.getvalue()

        def read(content: bytes):
            with frame.session() as s:
                return preview_csv(content, bid, session=s, lang=lang())

        rows, error = frame.once_per_file("csv", data, read, bid, lang())
        if error is not None:
            st.error(tr("frame.file_refused", name=md(uploaded.name), error=error))
            return
        st.dataframe(pd.DataFrame([{
            tr("validation.csv_col_line"): r.line, tr("validation.col_ref"): r.ref,
            tr("validation.csv_col_action"): tr(f"validation.csv_action_{r.action}"),
            tr("validation.csv_col_errors"): "; ".join(r.errors)} for r in rows]),
            hide_index=True, width="stretch", key="validation_csv_table")
        valid = sum(1 for r in rows if not r.errors)
        digest = hashlib.sha256(data).hexdigest()[:16]
        done = st.session_state.get("validation_csv_done")
        if done and done[0] == digest:  # the same file again would create its new rows twice
            st.success(done[1])
            return
        if st.button(tr("validation.csv_apply"), key="validation_csv_apply", disabled=not valid):
            try:
                with frame.session() as s:
                    result, created, updated = import_csv(data, bid, session=s, saved_by=frame.author(),
                                                          lang=lang())
            except ValueError as exc:  # refused whole, or the database locked: nothing imported
                st.error(frame.say(exc))
                return
            frame.forget_file("csv")
            st.session_state["validation_csv_done"] = (digest, tr(
                "validation.csv_done", created=trn("csv.import_created", created),
                updated=trn("csv.import_updated", updated),
                errors=trn("csv.import_errors", sum(1 for r in result if r.errors))))
            st.rerun()


st.title(tr("validation.title"))
bid = frame.require_brand()
frame.follow_period("validation_period", month_period)
period = st.date_input(tr("validation.period"), format="DD/MM/YYYY", key="validation_period", persist_state=KEEP)
if not isinstance(period, (tuple, list)) or len(period) != 2:
    st.info(tr("validation.bad_period"))
    st.stop()
if period[0].replace(day=1) != frame.period_month():
    frame.look_at(period[0])
    st.session_state["validation_period_month"] = frame.period_month()
send_section(bid, period[0], period[1])
review_link_widget.section(bid)
st.divider()
receive_section(bid)
st.divider()
tacit_section(bid)
st.divider()
csv_import_section(bid)
