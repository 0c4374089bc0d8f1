"""Calendar screen: generate the plan, month and week views, the editable list, the idea backlog."""

from __future__ import annotations

import re
import zlib
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import altair as alt
import pandas as pd
import streamlit as st
from babel.dates import format_date
from sqlmodel import select

from core import labels, refdata, visuals
from core.planning import editorial
from core.brands import brief_of
from core.db import DatabaseError
from core.i18n import t
from core.models import Brand, Persona, Pillar, Post
from core.planning.moments import moments_for
from core.planning.planner import MAX_MONTHS, PlanError, add_months, aware, generate_plan, posts_as_dicts
from core.posts import (ConflictError, create_post, delete_post, reschedule, restore_post, save_post,
                        schedule_idea)
from pages import frame
from pages.components import post_calendar
from pages.frame import KEEP, lang, md, tr, trn

bid = frame.require_brand()
L = lang()
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

with frame.session() as s:
    brand = s.get(Brand, bid)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    country, sector = brand.country, brand.sector
    pillars = {p.id: (p.name, p.colour, p.target_share) for p in s.exec(select(Pillar).where(Pillar.brand_id == bid))}
    personas = {p.id: p.name for p in s.exec(select(Persona).where(Persona.brand_id == bid))}
    networks = [c["network"] for c in brief_of(bid, session=s)["channels"]] or list(refdata.NETWORKS)
pillar_by_name = {name: pid for pid, (name, _, _) in pillars.items()}
persona_by_name = {name: pid for pid, name in personas.items()}
LIST_PREFIX = f"cal_list_{bid}_"  # the lists as loaded, one per month: see loaded_list()


def forget_lists() -> None:
    """Drop the loaded lists after a write of this page: the next list view reads the database."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(LIST_PREFIX)]:
        del st.session_state[key]

st.title(tr("nav.calendar"))

# --- plan generation -------------------------------------------------------------------
today = date.today()
next_month = add_months(today.replace(day=1), 1)
with st.expander(tr("cal.generate"), expanded=False):
    st.caption(tr("cal.generate_help"))
    c1, c2, c3 = st.columns(3)
    st.session_state.setdefault("cal_start", next_month)
    st.session_state.setdefault("cal_months", 3)
    st.session_state.setdefault("cal_seed", 0)
    start = c1.date_input(tr("cal.start"), key="cal_start", format="DD/MM/YYYY", persist_state=KEEP)
    months = c2.number_input(tr("cal.months"), min_value=1, max_value=MAX_MONTHS, step=1, key="cal_months", persist_state=KEEP)
    seed = c3.number_input(tr("cal.seed"), min_value=0, max_value=10_000, step=1, key="cal_seed", persist_state=KEEP)
    if start < today:
        st.warning(tr("plan.warn_past", start=start.isoformat()))
    if st.button(tr("cal.generate_button"), type="primary", key="calbtn_generate"):
        options = {"ui_lang": L}  # mix preset, tolerance and days come from the brand's [plan] settings
        bar = st.progress(0.0, text=tr("plan.progress_slots"))
        try:
            result = generate_plan(bid, start, int(months), engine=frame.get_engine(), seed=int(seed),
                                   progress=lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg),
                                   options=options)
            st.session_state["cal_last_warnings"] = result.warnings
            frame.look_at(start)
            forget_lists()
            st.success(tr("plan.progress_done", count=len(result.posts)))
        except PlanError as exc:
            bar.empty()
            st.error(frame.say(exc))
        except DatabaseError as exc:  # locked or out of reach: nothing was written, the settings stay
            bar.empty()
            st.error(tr("cal.generate_failed", error=exc))
    for warning in st.session_state.get("cal_last_warnings", []):
        st.warning(md(warning))  # the planner's words quote pillar names

# --- month, view and filters -----------------------------------------------------------------
months_list = [add_months(today.replace(day=1), i) for i in range(-12, MAX_MONTHS + 1)]
frame.follow_period("cal_month", lambda m: m)
if st.session_state.get("cal_month") not in months_list:
    st.session_state["cal_month"] = next_month if next_month in months_list else months_list[12]
c1, c2 = st.columns([2, 3])
month = c1.selectbox(tr("cal.month"), months_list, key="cal_month", persist_state=KEEP,
                     format_func=lambda d: format_date(d, "LLLL y", locale=L).capitalize())
frame.look_at(month)
st.session_state["cal_month_month"] = month
views = ["month", "week", "agenda", "list"]
st.session_state.setdefault("cal_view", "month")
view = c2.radio(tr("cal.view"), views, key="cal_view", horizontal=True, persist_state=KEEP, format_func=lambda v, L=L: t(f"cal.view_{v}", L))
month_end = add_months(month, 1)

with frame.session() as s:
    posts = posts_as_dicts(bid, month, month_end, session=s)
    ideas = s.exec(select(Post).where(Post.brand_id == bid, Post.publish_at.is_(None)).order_by(Post.id)).all()
    ideas = [p.model_dump() for p in ideas]

f1, f2, f3, f4 = st.columns(4)
status_keys = list(refdata.POST_STATUSES)
sel_networks = f1.multiselect(tr("cal.f_network"), networks, key="cal_f_network", persist_state=KEEP, placeholder=tr("cal.all"),
                              format_func=lambda n: refdata.label(refdata.NETWORKS, n, L))
sel_pillars = f2.multiselect(tr("cal.f_pillar"), [v[0] for v in pillars.values()], key="cal_f_pillar", persist_state=KEEP, placeholder=tr("cal.all"))
sel_personas = f3.multiselect(tr("cal.f_persona"), list(personas.values()), key="cal_f_persona", persist_state=KEEP, placeholder=tr("cal.all"))
sel_status = f4.multiselect(tr("cal.f_status"), status_keys, key="cal_f_status", persist_state=KEEP, placeholder=tr("cal.all"),
                            format_func=lambda k: refdata.label(refdata.POST_STATUSES, k, L))


def keep(p: dict) -> bool:
    return ((not sel_networks or p["network"] in sel_networks) and (not sel_pillars or p["pillar"] in sel_pillars)
            and (not sel_personas or p["persona"] in sel_personas) and (not sel_status or p["status"] in sel_status))


shown = [p for p in posts if keep(p)]
if shown:  # each post's visual as a small image on its chip
    with frame.session() as s:
        chips = visuals.chip_data_uris([p["id"] for p in shown], session=s)
    for p in shown:
        p["thumb"] = chips.get(p["id"], "")
st.caption(trn("cal.count", len(shown), shown=len(shown), total=len(posts)))
day_moments: dict[date, list[str]] = {}
for m in moments_for(country, month, month_end - timedelta(days=1), sector=sector, tz=tz):
    if m.weight >= 1 or m.kind == "holiday":
        names = day_moments.setdefault(m.start, [])
        low = m.label(L).lower()  # "Christmas" beside the holiday "Christmas Day" says nothing new
        if not any(low in x.lower() or x.lower() in low for x in names):
            names.append(m.label(L))

NETWORK_LABEL = {k: labels.network(k, L) for k in refdata.NETWORKS}


# --- the editable list ---------------------------------------------------------------------
LIST_COLUMNS = ["id", "ref", "date", "time", "network", "format", "pillar", "persona", "status", "text", "hashtags",
                "visual_brief", "link", "deadline", "internal_notes", "score", "version", "duplicate", "delete"]
COLUMN_LABELS = {c: f"cal.col_{c}" for c in LIST_COLUMNS} | {"visual_brief": "cal.col_visual",
                                                            "internal_notes": "cal.col_notes"}


def loaded_list() -> dict:
    """The month's posts as the list first showed them, kept until the user reloads.

    Saves start from these versions, so that a colleague's save in between is a conflict,
    shown and never overwritten (reading the versions again at each rerun saved over it).
    """
    key = LIST_PREFIX + month.isoformat()
    if key not in st.session_state:
        st.session_state["cal_list_rev"] = st.session_state.get("cal_list_rev", 0) + 1
        st.session_state[key] = {"posts": posts, "at": datetime.now(tz), "rev": st.session_state["cal_list_rev"]}
    return st.session_state[key]


def as_day(value) -> date | None:
    """A date from a cell of the data editor (a Timestamp, a date, or empty)."""
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, (datetime, pd.Timestamp)) else value


def row_edits(o: dict, r: dict) -> dict:
    """The cells the user changed in a row of the list, by column."""
    edits = {}
    if as_day(r["date"]) != o["date"]:
        edits["date"] = as_day(r["date"])
    for k in ("time", "network", "format", "status", "text", "hashtags", "visual_brief", "link", "internal_notes"):
        if (r[k] or "") != (o[k] or ""):
            edits[k] = r[k] or ""
    for k in ("pillar", "persona"):
        if (r[k] or None) != (o[k] or None):
            edits[k] = r[k] or None
    if as_day(r["deadline"]) != o["deadline"]:
        edits["deadline"] = as_day(r["deadline"])
    return edits


def post_changes(o: dict, edits: dict) -> dict:
    """The list's edits of one row as ``save_post`` changes."""
    changes = {k: edits[k] for k in ("network", "format", "status", "text", "visual_brief", "link",
                                      "internal_notes", "deadline") if k in edits}
    if "date" in edits or "time" in edits:
        hh, mm = map(int, edits.get("time", o["time"]).split(":"))
        changes["publish_at"] = aware(edits.get("date", o["date"]), time(hh, mm), tz)
    if "pillar" in edits:
        changes["pillar_id"] = pillar_by_name.get(edits["pillar"])
    if "persona" in edits:
        changes["persona_id"] = persona_by_name.get(edits["persona"])
    if "hashtags" in edits:
        changes["hashtags"] = [h for h in re.split(r"[\s,]+", edits["hashtags"]) if h]
    return changes


def save_list(records: list[dict], originals: dict[int, dict], s) -> dict:
    """Save the list's edits against the versions it loaded, in the session ``s``.

    Returns what was saved, copied and refused (with the reason and the refused edits), for
    the message shown after the rerun. Safe to run again on a fresh session (``frame.write``).
    """
    outcome = {"month": month, "saved": 0, "copies": 0, "refused": []}
    me = frame.author()
    for r in records:
        o = originals.get(r["id"])
        edits = row_edits(o, r) if o else {}
        if not edits:
            continue
        if not TIME_RE.match(str(r["time"] or "")) or as_day(r["date"]) is None:
            outcome["refused"].append({"ref": o["ref"], "why": "bad_time", "value": str(r["time"] or ""),
                                       "edits": edits})
            continue
        try:
            save_post(o["id"], int(o["version"]), post_changes(o, edits), session=s, saved_by=me)
            outcome["saved"] += 1
        except ConflictError as exc:
            theirs = exc.theirs or {}
            outcome["refused"].append({"ref": o["ref"], "why": "conflict" if exc.theirs else "deleted",
                                       "who": theirs.get("updated_by") or "", "version": theirs.get("version"),
                                       "edits": edits})
    for r in records:
        if not (r["duplicate"] and r["id"] in originals):
            continue
        src = s.get(Post, r["id"])
        if src is None:
            outcome["refused"].append({"ref": originals[r["id"]]["ref"], "why": "deleted",
                                       "edits": {"duplicate": True}})
            continue
        create_post(bid, session=s, publish_at=src.publish_at, network=src.network, format=src.format,
                    pillar_id=src.pillar_id, persona_id=src.persona_id, objective=src.objective,
                    intent=src.intent, keywords=list(src.keywords), event=src.event, text=src.text,
                    visual_brief=src.visual_brief, hashtags=list(src.hashtags), status="brouillon",
                    deadline=src.deadline, locked=True, saved_by=me)
        outcome["copies"] += 1
    return outcome


def shown_value(column: str, value) -> str:
    """A refused cell as the list shows it (labels, not keys; French dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓"
    if column == "status":
        return refdata.label(refdata.POST_STATUSES, value, L)
    if column == "network":
        return NETWORK_LABEL.get(value, value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def refusal(x: dict) -> str:
    if x["why"] == "conflict":
        return tr("cal.list_conflict", ref=x["ref"], who=md(x["who"]) if x["who"] else tr("cal.someone"),
                  version=x["version"])
    if x["why"] == "deleted":
        return tr("cal.list_deleted", ref=x["ref"])
    return tr("cal.list_bad_time", ref=x["ref"], value=md(x["value"]))


def show_outcome(outcome: dict) -> None:
    """What the last save did, counted exactly; it outlives the rerun that follows the save."""
    if not (outcome["saved"] or outcome["copies"] or outcome["refused"]):
        st.info(tr("cal.list_nothing"))
        return
    saved = trn("cal.list_saved", outcome["saved"])
    if outcome["copies"]:
        saved += ", " + trn("cal.list_copies", outcome["copies"])
    refused = outcome["refused"]
    if not refused:
        st.success(tr("cal.list_done", saved=saved))
        return
    st.error(tr("cal.list_partly", saved=saved, refused=trn("cal.list_refused", len(refused)),
                reasons=", ".join(refusal(x) for x in refused)))
    st.dataframe(pd.DataFrame([{
        tr("cal.col_ref"): x["ref"], tr("cal.list_col_column"): tr(COLUMN_LABELS[column]),
        tr("cal.list_col_mine"): shown_value(column, value),
    } for x in refused for column, value in x["edits"].items()]), hide_index=True, width="stretch",
        key="cal_list_refused")


def list_view() -> None:
    """The month's posts as an editable table: edit, duplicate, delete, save."""
    snap = loaded_list()
    shown_rows = [p for p in snap["posts"] if keep(p)]
    rows = [{
        "id": p["id"], "ref": p["ref"], "date": date.fromisoformat(p["date"]), "time": p["time"],
        "network": p["network"], "format": p["format"], "pillar": p["pillar"] or None,
        "persona": p["persona"] or None, "status": p["status"], "text": p["text"],
        "hashtags": " ".join(p["hashtags"]), "visual_brief": p["visual_brief"],
        "link": p["link"], "deadline": p["deadline"],
        "internal_notes": p["internal_notes"], "score": p["score"], "version": p["version"],
        "duplicate": False, "delete": False,
    } for p in shown_rows]
    c1, c2 = st.columns([4, 1])
    c1.caption(tr("cal.list_loaded", time=snap["at"].strftime("%H:%M")))
    if c2.button(tr("cal.reload_list"), key="calbtn_reload_list"):
        forget_lists()
        st.session_state.pop("cal_list_outcome", None)
        st.rerun()
    # A new key for each loaded list and each filter: the editor's edits are kept by row
    # position, and must never land on the rows of another list.
    sig = zlib.crc32(",".join(str(r["id"]) for r in rows).encode())
    edited = st.data_editor(
        pd.DataFrame(rows, columns=LIST_COLUMNS), key=f"calx_list_{bid}_{month.isoformat()}_{snap['rev']}_{sig:08x}",
        hide_index=True, width="stretch", disabled=["id", "ref", "score", "version"], column_order=LIST_COLUMNS[1:],
        column_config={
            "ref": st.column_config.TextColumn(tr("cal.col_ref")),
            "date": st.column_config.DateColumn(tr("cal.col_date"), format="DD/MM/YYYY", required=True),
            "time": st.column_config.TextColumn(tr("cal.col_time"), validate=TIME_RE.pattern, required=True),
            "network": st.column_config.SelectboxColumn(tr("cal.col_network"), options=list(refdata.NETWORKS), required=True,
                                                             format_func=lambda k: labels.network(k, L)),
            "format": st.column_config.SelectboxColumn(tr("cal.col_format"), options=list(editorial.FORMATS),
                                                           format_func=lambda k: labels.fmt(k, L)),
            "pillar": st.column_config.SelectboxColumn(tr("cal.col_pillar"), options=list(pillar_by_name)),
            "persona": st.column_config.SelectboxColumn(tr("cal.col_persona"), options=list(persona_by_name)),
            "status": st.column_config.SelectboxColumn(tr("cal.col_status"), options=status_keys, required=True,
                                                           format_func=lambda k: labels.status(k, L)),
            "text": st.column_config.TextColumn(tr("cal.col_text"), width="large"),
            "hashtags": st.column_config.TextColumn(tr("cal.col_hashtags")),
            "visual_brief": st.column_config.TextColumn(tr("cal.col_visual")),
            "link": st.column_config.LinkColumn(tr("cal.col_link")),
            "deadline": st.column_config.DateColumn(tr("cal.col_deadline"), format="DD/MM/YYYY"),
            "internal_notes": st.column_config.TextColumn(tr("cal.col_notes")),
            "score": st.column_config.NumberColumn(tr("cal.col_score"), format="%d"),
            "version": st.column_config.NumberColumn(tr("cal.col_version")),
            "duplicate": st.column_config.CheckboxColumn(tr("cal.col_duplicate")),
            "delete": st.column_config.CheckboxColumn(tr("cal.col_delete")),
        },
    )
    records = edited.to_dict("records")
    originals = {r["id"]: r for r in rows}
    to_delete = [r for r in records if r["delete"]]
    c1, c2, c3 = st.columns(3)
    if c1.button(tr("cal.save_list"), type="primary", key="calbtn_save_list"):
        try:
            outcome = frame.write(lambda s: save_list(records, originals, s))
        except DatabaseError as exc:  # nothing was written: the edits stay in the table, unsaved
            st.error(tr("cal.list_save_failed", error=exc))
        else:
            st.session_state["cal_list_outcome"] = outcome
            forget_lists()
            st.rerun()
    outcome = st.session_state.get("cal_list_outcome")
    if outcome and outcome["month"] == month:
        show_outcome(outcome)
    if to_delete:
        c2.warning(trn("cal.confirm_delete", len(to_delete)))
        if c2.button(tr("cal.delete_button", count=len(to_delete)), key="calbtn_delete"):
            try:
                with frame.session() as s:
                    trash = [r["id"] for r in to_delete if delete_post(r["id"], session=s)]
            except DatabaseError as exc:
                c2.error(frame.say(exc))
            else:
                st.session_state[f"cal_trash_{bid}"] = trash
                st.session_state["cal_flash"] = trn("cal.deleted", len(trash))
                forget_lists()
                st.rerun()
    if st.session_state.get(f"cal_trash_{bid}"):
        if c3.button(tr("cal.undo_delete", count=len(st.session_state[f"cal_trash_{bid}"])), key="calbtn_undo"):
            try:
                with frame.session() as s:
                    restored = [i for i in st.session_state[f"cal_trash_{bid}"] if restore_post(i, session=s)]
            except DatabaseError as exc:
                c3.error(frame.say(exc))
            else:
                st.session_state.pop(f"cal_trash_{bid}")
                st.session_state["cal_flash"] = trn("cal.restored", len(restored))
                forget_lists()
                st.rerun()


def act(action: post_calendar.Action) -> None:
    """Do what the person asked in the interactive calendar (once per click)."""
    if action.kind == "open":
        st.switch_page("pages/editor.py", query_params={"ref": action.ref})
    if action.kind == "add":
        st.session_state["calform_add_day"] = action.day
        st.session_state["cal_add_open"] = True
        st.session_state["cal_flash"] = tr("cal.add_on_day", day=labels.day(action.day, L))
        return
    try:
        if action.kind == "drop":
            when = frame.write(lambda s: schedule_idea(action.post_id, action.version, action.day, tz=tz, session=s,
                                                       saved_by=frame.author()).publish_at)
        else:
            when = action.when.replace(tzinfo=tz)
            frame.write(lambda s: reschedule(action.post_id, action.version, when, session=s, saved_by=frame.author()))
    except ConflictError as exc:
        theirs = exc.theirs
        word = "drop" if action.kind == "drop" else "move"
        st.session_state["cal_error"] = (tr(f"cal.{word}_deleted", ref=action.ref) if theirs is None else tr(
            f"cal.{word}_conflict", ref=action.ref, who=md(theirs.get("updated_by") or "") or tr("cal.someone"),
            version=theirs["version"]))
    except DatabaseError as exc:
        st.session_state["cal_error"] = tr("cal.move_failed", error=exc)
    else:
        st.session_state["cal_flash"] = tr("cal.dropped_on" if action.kind == "drop" else "cal.moved",
                                           ref=action.ref, when=labels.when(when, tz, L))
    st.session_state["cal_rev"] = st.session_state.get("cal_rev", 0) + 1  # redrawn from the database
    forget_lists()
    st.rerun()


def interactive(view_name: str, start: date) -> None:
    texts = {"empty": tr("cal.fc_empty"), "more": tr("cal.fc_more"), "today": tr("cal.fc_today"),
             "month": tr("cal.view_month"), "week": tr("cal.view_week"), "list": tr("cal.view_agenda"),
             "ideas": trn("cal.fc_ideas", len(ideas)), "ideas_help": tr("cal.fc_ideas_help")}
    st.caption(tr("cal.interactive_help"))
    st.caption(tr("cal.legend", statuses=" · ".join(labels.status_badge(k, L) for k in status_keys)))
    for d, names in sorted(day_moments.items()):
        if view_name != "week" or start <= d < start + timedelta(days=7):
            st.caption(f"★ {labels.day(d, L)} : {', '.join(names)}" if L == "fr" else
                       f"★ {labels.day(d, L)}: {', '.join(names)}")
    key = f"calfc_{bid}_{view_name}_{start.isoformat()}_{L}_{st.session_state.get('cal_rev', 0)}"
    cards = [post_calendar.idea_card(i, L, pillars.get(i["pillar_id"], (None, None))[1]) for i in ideas]
    value = post_calendar.show(shown, view_name, start, L, texts, key=key, ideas=cards if view_name != "list" else [])
    action = post_calendar.read(value)
    if action is not None and st.session_state.get("cal_done") != (key, post_calendar.signature(value)):
        st.session_state["cal_done"] = (key, post_calendar.signature(value))
        act(action)


if st.session_state.get("cal_error"):
    st.error(st.session_state.pop("cal_error"))
if view == "week":
    mondays = sorted({month - timedelta(days=month.weekday()) + timedelta(weeks=i) for i in range(6)
                      if month - timedelta(days=month.weekday()) + timedelta(weeks=i) < month_end})
    st.session_state.setdefault("cal_week", mondays[0])
    if st.session_state["cal_week"] not in mondays:
        st.session_state["cal_week"] = mondays[0]
    monday = st.selectbox(tr("cal.week"), mondays, key="cal_week", persist_state=KEEP,
                          format_func=lambda d, L=L: t("cal.week_of", L, day=format_date(d, "d MMMM y", locale=L)))
    interactive("week", monday)
elif view in ("month", "agenda"):
    interactive("list" if view == "agenda" else "month", month)
else:
    list_view()

if st.session_state.get("cal_flash"):
    st.success(st.session_state.pop("cal_flash"))

# --- add a post ------------------------------------------------------------------------------
with st.expander(tr("cal.add"), expanded=st.session_state.pop("cal_add_open", False)):
    with st.form("calform_add"):
        c1, c2, c3, c4 = st.columns(4)
        st.session_state.setdefault("calform_add_day", max(month, today))
        day = c1.date_input(tr("cal.col_date"), key="calform_add_day", format="DD/MM/YYYY")
        at = c2.text_input(tr("cal.col_time"), value="12:30")
        network = c3.selectbox(tr("cal.col_network"), networks, format_func=lambda n: NETWORK_LABEL.get(n, n))
        pillar = c4.selectbox(tr("cal.col_pillar"), [None] + list(pillar_by_name), format_func=lambda x: x or "—")
        text = st.text_area(tr("cal.col_text"), key="calform_add_text")
        undated = st.checkbox(tr("cal.as_idea"))
        if st.form_submit_button(tr("cal.add_button")):
            if not undated and not TIME_RE.match(at.strip()):
                st.error(tr("cal.bad_time", ref="—", value=md(at)))
            else:
                when = None if undated else aware(day, time(*map(int, at.strip().split(":"))), tz)
                try:
                    ref = frame.write(lambda s: create_post(
                        bid, session=s, publish_at=when, network=network, pillar_id=pillar_by_name.get(pillar),
                        text=text, status="idee" if undated else "brouillon", locked=True,
                        saved_by=frame.author()).ref)
                except DatabaseError as exc:  # the form keeps what was typed
                    st.error(tr("cal.add_failed", error=exc))
                else:
                    del st.session_state["calform_add_text"]
                    forget_lists()
                    st.session_state["cal_flash"] = tr("cal.added", ref=ref)
                    st.rerun()

# --- idea backlog --------------------------------------------------------------------------
st.subheader(tr("cal.backlog", count=len(ideas)))
if not ideas:
    st.caption(tr("cal.backlog_empty"))
else:
    st.dataframe(pd.DataFrame([{tr("cal.col_ref"): i["ref"], tr("cal.col_network"): NETWORK_LABEL.get(i["network"], i["network"]),
                                tr("cal.col_pillar"): pillars.get(i["pillar_id"], ("",))[0], tr("cal.col_text"): i["text"][:120]}
                               for i in ideas]), hide_index=True, width="stretch")
    with st.form("calform_drop"):
        c1, c2, c3 = st.columns(3)
        refs = {i["ref"]: i for i in ideas}
        ref = c1.selectbox(tr("cal.idea"), list(refs))
        day = c2.date_input(tr("cal.col_date"), value=max(month, today), format="DD/MM/YYYY", key="calform_drop_day")
        at = c3.text_input(tr("cal.col_time"), value="12:30", key="calform_drop_time")
        if st.form_submit_button(tr("cal.drop_button")):
            if not TIME_RE.match(at.strip()):
                st.error(tr("cal.bad_time", ref=ref, value=md(at)))
            else:
                idea = refs[ref]
                try:
                    with frame.session() as s:
                        save_post(idea["id"], idea["version"], {
                            "publish_at": aware(day, time(*map(int, at.strip().split(":"))), tz), "status": "brouillon",
                        }, session=s, saved_by=frame.author())
                except ConflictError:
                    st.error(tr("cal.conflicts", refs=ref))
                except DatabaseError as exc:
                    st.error(frame.say(exc))
                else:
                    forget_lists()
                    st.session_state["cal_flash"] = tr("cal.dropped", ref=ref, day=day.strftime("%d/%m/%Y"))
                    st.rerun()

# --- charts ------------------------------------------------------------------------------------
if shown:
    st.subheader(tr("cal.charts"))
    c1, c2 = st.columns(2)
    per_week = pd.DataFrame([{
        "week": (date.fromisoformat(p["date"]) - timedelta(days=date.fromisoformat(p["date"]).weekday())).isoformat(),
        "network": NETWORK_LABEL.get(p["network"], p["network"])} for p in shown])
    per_week = per_week.groupby(["week", "network"]).size().reset_index(name="posts")
    c1.altair_chart(alt.Chart(per_week, title=tr("cal.chart_week")).mark_bar().encode(
        x=alt.X("week:N", title=tr("cal.week")), y=alt.Y("posts:Q", title=tr("cal.posts")),
        color=alt.Color("network:N", title=tr("cal.col_network")), tooltip=["week", "network", "posts"]), width="stretch")
    targets = editorial.pillar_targets([{"name": n, "target_share": sh} for n, _, sh in pillars.values()])
    actual = editorial.mix_of(shown, "pillar")
    mix = pd.DataFrame([{"pillar": k, "kind": tr("edl.target"), "share": round(v, 1)} for k, v in targets.items()] +
                       [{"pillar": k or tr("cal.no_pillar"), "kind": tr("cal.this_month"), "share": round(v, 1)}
                        for k, v in actual.items()])
    c2.altair_chart(alt.Chart(mix, title=tr("cal.chart_mix")).mark_bar().encode(
        x=alt.X("pillar:N", title=None, axis=alt.Axis(labelAngle=-25, labelLimit=180)), xOffset="kind:N",
        y=alt.Y("share:Q", title="%"), color=alt.Color("kind:N", title=None),
        tooltip=["pillar", "kind", "share"]), width="stretch")
