"""The « Résultats » screen: import the networks' exports (preview first, then import; a file
no format knows gets the column-mapping wizard, saved for the brand), confirm
the matches in the middle band, read the period's report against the objectives, decide on
Calame's proposals, download the client report. Everything it writes goes through
``core.results``."""

import hashlib
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import altair as alt
import pandas as pd
import streamlit as st
from sqlmodel import func, select

from core.brands import get_brand
from core.i18n import MessageError
from core.labels import network as network_label
from core.networks import known_networks
from core.results import mapping as rmap
from core.models import MeasuredPost
from core.results.docx_report import report_docx
from core.results.proposals import decide, list_proposals, propose, to_dict
from core.results.report import build_report
from core.results.store import Source, confirm_match, import_exports, waiting_matches
from core.results.targets import METRICS
from core.results.words import number, percent, signed_percent
from pages import frame
from pages.frame import KEEP, lang, md, tr

L = lang()
bid = frame.require_brand()
st.title(tr("rp.title"))
st.caption(tr("rp.intro"))

# -- import ------------------------------------------------------------------------------------
st.subheader(tr("rp.import_title"))
uploads = frame.file_uploader(tr("rp.upload"), type=["csv", "xlsx", "xls", "txt"], accept_multiple_files=True,
                           key="results_upload", help=tr("rp.upload_help"))
exported_on = st.date_input(tr("rp.exported_on"), value=date.today(), key="results_exported_on",
                            format="DD/MM/YYYY", persist_state=KEEP)


def run_import(files, dry_run: bool):
    bar = st.progress(0.0, text=tr("rp.reading"))

    def step(done: int, total: int) -> None:
        bar.progress(done / total, text=tr("rp.matching") if done == total - 1 else tr("rp.reading"))

    sources = [Source(f.name, f.getvalue(), exported_on) for f in files]
    try:
        with frame.session() as s:
            result = import_exports(get_brand(bid, session=s), sources, session=s, dry_run=dry_run, progress=step)
    except MessageError as exc:
        bar.empty()
        st.error(frame.say(exc))
        return None
    bar.progress(1.0, text=tr("rp.done"))
    return result


def show_counts(result) -> None:
    c = st.columns(5)
    for col, key, value in zip(c, ("rows", "matched", "to_confirm", "unmatched", "already"),
                               (result.rows, result.matched, result.to_confirm, result.unmatched,
                                result.already_imported)):
        col.metric(tr(f"rp.count_{key}"), value)
    def fmt(f):
        if not f["format"]:
            return tr("rp.unknown_format")
        label = tr(f"docx_report.format.{f['format']}")
        return tr("rp.format_mapping", label=label, name=f["mapping"]) if f.get("mapping") else label

    st.dataframe(pd.DataFrame([{tr("rp.col_file"): f["path"], tr("rp.col_format"): fmt(f)} for f in result.files]),
                 hide_index=True, key="results_files_table")
    for file, line, issue in result.errors:
        key = "results.error_line" if line else "results.error_file"
        st.error(tr(key, file=file, line=line, message=issue.message(L)))


def preview_table(read, mapping: dict) -> pd.DataFrame:
    """The first rows as the import would store them, in the reader's words: the figures
    before the link and the text, so they are seen without scrolling."""
    metrics = [f for f in rmap.METRICS if f in mapping["columns"]]
    return pd.DataFrame([{
        tr("rp.map_col_network"): network_label(row.network, L),
        tr("rp.map_col_published"): row.published_at.strftime("%d/%m/%Y %H:%M" if row.time_known else "%d/%m/%Y")
        if row.published_at else "—",
        **{tr(f"mapping.field.{f}"): (percent(row.metrics[f], L) if f in ("engagement_rate", "ctr")
                                      else number(row.metrics[f], L)) if f in row.metrics else "—" for f in metrics},
        tr("rp.map_col_post"): row.permalink or row.external_id or "—",
        tr("rp.map_col_text"): row.text[:60],
    } for row in read.rows[:5]])


#: The figures most exports give, always shown; the others are under « Autres chiffres ».
COMMON_METRICS = ("impressions", "reach", "views", "likes", "reactions", "comments", "shares", "saves", "clicks",
                  "link_clicks", "engagements", "engagement_rate")


def mapping_wizard(upload) -> None:
    """Which column of a file no format knows is which of Calame's fields, saved for the brand."""
    data, name = upload.getvalue(), upload.name
    proposal, error = frame.once_per_file("results_mapping", data, lambda d: rmap.propose(d, name), name)
    if error is not None:
        st.error(frame.say(error))
        return
    tag = hashlib.sha1(proposal.signature.encode()).hexdigest()[:8]
    with st.container(border=True):
        st.markdown(f"**{md(tr('rp.map_title', name=name))}**")
        st.caption(tr("rp.map_help"))
        st.dataframe(pd.DataFrame([{tr("rp.map_col_column"): c.name, tr("rp.map_col_samples"): " · ".join(c.samples)}
                                   for c in proposal.columns]), hide_index=True, key=f"results_map_columns_{tag}")
        options = [""] + [c.name for c in proposal.columns]
        chosen = {}
        proposed = proposal.mapping["columns"]
        rare = [f for f in rmap.METRICS if f not in COMMON_METRICS and f not in proposed]
        for title, fields in (("rp.map_identity", rmap.IDENTITY),
                              ("rp.map_metrics", [f for f in rmap.METRICS if f not in rare]), ("rp.map_more", rare)):
            place = st.expander(tr(title)) if title == "rp.map_more" else st.container()
            if title != "rp.map_more":
                place.markdown(f"*{tr(title)}*")
            grid = place.columns(3)
            for i, field in enumerate(fields):
                current = proposed.get(field, "")
                chosen[field] = grid[i % 3].selectbox(
                    tr(f"mapping.field.{field}"), options, index=options.index(current) if current in options else 0,
                    format_func=lambda c: c or tr("rp.map_none"), key=f"results_map_{tag}_{field}")
        c1, c2, c3 = st.columns(3)
        network = c1.selectbox(tr("rp.map_network"), [""] + known_networks(), key=f"results_map_{tag}_fixed_network",
                               format_func=lambda n: network_label(n, L) if n else tr("rp.map_network_by_row"))
        proven = {"day_first": 0, "month_first": 1}.get(proposal.dates)
        order = c2.radio(tr("rp.map_dates"), [True, False], index=proven, key=f"results_map_{tag}_dates",
                         format_func=lambda o: tr("mapping.dates.day_first" if o else "mapping.dates.month_first"),
                         help=tr(f"mapping.dates.{proposal.dates}"))
        mapping_name = c3.text_input(tr("rp.map_name"), value=name.rsplit(".", 1)[0], key=f"results_map_{tag}_name")
        st.caption(tr("rp.map_dates_found", found=tr(f"mapping.dates.{proposal.dates}")))
        mapping = rmap.with_changes(proposal, columns=chosen, network=network, day_first=order)
        problem = read = None
        try:
            rmap.check(mapping, proposal)
        except MessageError as exc:
            problem = exc
            st.warning(frame.say(exc))
        if problem is None:
            with frame.session() as s:
                tz = ZoneInfo(get_brand(bid, session=s).timezone or "Europe/Paris")
            read = rmap.preview(data, name, mapping, tz=tz, exported_on=exported_on)
            st.markdown(f"*{tr('rp.map_preview', rows=len(read.rows))}*")
            if read.rows:
                st.dataframe(preview_table(read, mapping), hide_index=True, key=f"results_map_preview_{tag}")
            for issue in read.issues[:5]:
                key = "results.error_line" if issue.line else "results.error_file"
                st.error(tr(key, file=name, line=issue.line, message=issue.message(L)))
        if st.button(tr("rp.map_save"), key=f"results_map_save_{tag}", type="primary",
                     disabled=problem is not None or bool(read and read.issues) or not mapping_name.strip()):
            try:
                frame.write(lambda s: rmap.save(bid, data, name, mapping, session=s, name=mapping_name,
                                                by=frame.author()))
            except MessageError as exc:
                st.error(frame.say(exc))
                return
            done = run_import(uploads, dry_run=False)
            if done is not None and done.written:
                st.session_state["results_notice"] = tr("rp.imported", rows=done.rows, matched=done.matched,
                                                        to_confirm=done.to_confirm, unmatched=done.unmatched)
            else:
                st.session_state["results_notice"] = tr("rp.map_saved", name=mapping_name.strip())
            st.rerun()


if uploads:
    preview = run_import(uploads, dry_run=True)
    if preview is not None:
        st.markdown(f"**{tr('rp.preview')}**")
        show_counts(preview)
        unknown = [u for u, f in zip(uploads, preview.files) if not f["format"]]
        if preview.errors:
            st.warning(tr("results.nothing_written"))
        elif st.button(tr("rp.import_button"), key="results_import", type="primary",
                       disabled=not (preview.matched or preview.to_confirm or preview.unmatched)):
            done = run_import(uploads, dry_run=False)
            if done is not None and done.written:
                st.session_state["results_notice"] = tr("rp.imported", rows=done.rows, matched=done.matched,
                                                        to_confirm=done.to_confirm, unmatched=done.unmatched)
                st.rerun()
        if unknown:  # after the preview's verdict: what to do about it
            st.subheader(tr("rp.map_intro_title"))
            st.caption(tr("rp.map_intro", count=len(unknown)))
            mapping_wizard(unknown[0])
if "results_notice" in st.session_state:
    st.success(st.session_state.pop("results_notice"))

# -- the middle band ----------------------------------------------------------------------------
with frame.session() as s:
    waiting = waiting_matches(bid, session=s)
if waiting:
    st.subheader(tr("rp.confirm_title", count=len(waiting)))
    st.caption(tr("rp.confirm_help"))
    for item in waiting:
        with st.container(border=True):
            c1, c2 = st.columns(2)
            c1.caption(tr("rp.measured", network=item.network,
                          when=item.published_at.strftime("%d/%m/%Y %H:%M") if item.published_at else "—"))
            c1.text(item.text[:300])
            c2.caption(tr("rp.planned", ref=item.post_ref, score=number(item.score, L)))
            c2.text(item.post_text[:300])
            b1, b2 = st.columns(2)
            for column, accept, label in ((b1, True, "rp.confirm_yes"), (b2, False, "rp.confirm_no")):
                if column.button(tr(label), key=f"results_confirm_{item.measured_id}_{int(accept)}"):
                    try:
                        frame.write(lambda s, i=item.measured_id, a=accept: confirm_match(i, a, session=s))
                    except MessageError as exc:
                        st.error(frame.say(exc))
                    else:
                        st.rerun()

# -- the report ---------------------------------------------------------------------------------
st.subheader(tr("rp.report_title"))
with frame.session() as s:
    first, last = s.exec(select(func.min(MeasuredPost.published_at), func.max(MeasuredPost.published_at))
                         .where(MeasuredPost.brand_id == bid)).one()
if first is None:
    st.info(tr("rp.nothing_yet"))
    st.stop()
default = (max(first.date(), last.date() - timedelta(days=89)), last.date())
period = st.date_input(tr("rp.period"), value=default, key="results_period", format="DD/MM/YYYY", persist_state=KEEP)
if not isinstance(period, (tuple, list)) or len(period) != 2:
    st.info(tr("rp.pick_period"))
    st.stop()
start, end = period
with frame.session() as s:
    report = build_report(bid, start, end, session=s, lang=L)
data = report.to_dict()
st.caption(tr("rp.posts", posts=data["posts"], previous=data["previous_posts"]))

COLON = "\u00a0: " if L == "fr" else ": "
STATUS_ICON = {"green": "🟢", "amber": "🟠", "red": "🔴"}


def figure(row, key):
    value = row.get(key)
    if value is None:
        return "—"
    if row["unit"] == "rate":
        return percent(value, L)
    if row["unit"] == "growth":
        return number(value, L, 1) + ("\u202f%" if L == "fr" else "%")
    return number(value, L)


if data["objectives"]:
    st.dataframe(pd.DataFrame([{
        tr("docx_report.kpi_objective"): row["label"], tr("docx_report.kpi_text"): row["kpi"],
        tr("docx_report.kpi_metric"): METRICS.get(row["metric"], {}).get(L, "—") if row["metric"] else "—",
        tr("docx_report.kpi_target"): figure(row, "target"), tr("docx_report.kpi_expected"): figure(row, "expected"),
        tr("docx_report.kpi_actual"): figure(row, "actual"), tr("docx_report.kpi_previous"): figure(row, "previous"),
        tr("docx_report.kpi_status"): f"{STATUS_ICON.get(row['status'], '⚪')} {tr('report.status.' + row['status'])}",
    } for row in data["objectives"]]), hide_index=True, key="results_objectives_table")

dimensions = list(data["by"]) + ["best_times"]
dimension = st.radio(tr("rp.breakdown"), dimensions, horizontal=True, key="results_dimension", persist_state=KEEP,
                     format_func=lambda d: tr("report.best_times") if d == "best_times" else tr(f"report.by.{d}"))
rows = data["best_times"]["cells"] if dimension == "best_times" else data["by"][dimension]
table = pd.DataFrame([{
    "label": r["label"], "value": 100 * (r["value"] or 0), "low": 100 * r["interval"][0] if r["interval"] else None,
    "high": 100 * r["interval"][1] if r["interval"] else None, "posts": r["posts"],
    "evidence": tr(f"report.{r['evidence']}")} for r in rows])
if not table.empty:
    base = alt.Chart(table).encode(y=alt.Y("label:N", sort=None, title=None))
    chart = (base.mark_rule(strokeWidth=4).encode(x=alt.X("low:Q", title=tr("rp.chart_axis")), x2="high:Q",
                                                  color=alt.Color("evidence:N", title=None))
             + base.mark_point(filled=True, size=90).encode(x="value:Q", color="evidence:N",
                                                           tooltip=["label", "posts", "value", "low", "high"]))
    st.altair_chart(chart, width="stretch")
st.dataframe(pd.DataFrame([{
    tr("docx_report.by_name"): r["label"], tr("docx_report.by_posts"): r["posts"],
    tr("docx_report.by_gap"): signed_percent(r["value"], L),
    tr("docx_report.by_interval"): (tr("docx_report.interval", low=signed_percent(r["interval"][0], L),
                                       high=signed_percent(r["interval"][1], L)) if r["interval"]
                                    else tr("report.insufficient")),
    tr("rp.col_evidence"): tr(f"report.{r['evidence']}")} for r in rows]), hide_index=True,
    key="results_breakdown_table")
if dimension == "best_times" and data["best_times"]["detectable_effect"] is not None:
    st.caption(tr("docx_report.detectable", effect=signed_percent(data["best_times"]["detectable_effect"], L)))

# -- proposals ----------------------------------------------------------------------------------
st.subheader(tr("rp.proposals_title"))
floor = st.number_input(tr("rp.floor"), min_value=0.0, max_value=50.0, value=10.0, step=1.0, key="results_floor",
                        persist_state=KEEP, help=tr("rp.floor_help"))
if st.button(tr("rp.propose_button"), key="results_propose"):
    def make(s):
        fresh = build_report(bid, start, end, session=s, lang=L)
        return len(propose(fresh, bid, session=s, floor=floor))

    try:
        st.session_state["results_proposed"] = frame.write(make)
    except MessageError as exc:
        st.error(frame.say(exc))
if "results_proposed" in st.session_state:
    st.info(tr("rp.proposed", count=st.session_state.pop("results_proposed")))
with frame.session() as s:
    items = [to_dict(p, L) for p in list_proposals(bid, session=s)]
if not items:
    st.caption(tr("rp.no_proposal"))
for item in items:
    with st.container(border=True):
        st.markdown(f"**{md(tr('proposal.kind.' + item['kind']))}** · {md(tr('proposal.status.' + item['status']))}")
        for part in ("numbers", "proposal", "why"):
            st.markdown(f"*{md(tr('proposal.heading.' + part))}*{COLON}{md(item[part])}")
        if item["status"] == "proposed":
            b1, b2 = st.columns(2)
            for column, accept, label in ((b1, True, "rp.accept"), (b2, False, "rp.refuse")):
                if column.button(tr(label), key=f"results_decide_{item['id']}_{int(accept)}"):
                    try:
                        frame.write(lambda s, i=item["id"], a=accept: decide(i, a, session=s, by=frame.author()))
                    except MessageError as exc:
                        st.error(frame.say(exc))
                    else:
                        st.rerun()

# -- the client report --------------------------------------------------------------------------
st.subheader(tr("rp.docx_title"))
if st.button(tr("rp.docx_prepare"), key="results_docx_prepare"):
    with frame.session() as s:
        full = build_report(bid, start, end, session=s, lang=L)
        full.proposals = [to_dict(p, L) for p in list_proposals(bid, session=s, status="proposed")]
        st.session_state["results_docx"] = report_docx(full, bid, session=s)
if "results_docx" in st.session_state:
    st.download_button(tr("rp.docx_download"), st.session_state["results_docx"],
                       file_name=f"rapport-resultats-{start.isoformat()}-{end.isoformat()}.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       key="results_docx_download")
