"""Editorial line screen: pillars, content mix, formats per network and volumetry."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st
from babel.dates import format_date
from sqlmodel import select

from core import refdata
from core.planning import editorial
from core.brands import InvalidBrief, brief_of, save_brief, save_pillars, save_plan_settings
from core.db import DatabaseError
from core.labels import number
from core.models import Brand, Keyword
from core.planning import moment_prefs
from core.planning.moments import moments_for, sector_profile
from core.planning.planner import add_months, posts_as_dicts
from pages import frame
from pages.frame import KEEP, lang, md, tr, trn

bid = frame.require_brand()
L = lang()

with frame.session() as s:
    brief = brief_of(bid, session=s)
    keywords = [k.phrase for k in s.exec(select(Keyword).where(Keyword.brand_id == bid)
                                          .order_by(Keyword.priority, Keyword.id))]
    pillar_names = [p["name"] for p in brief["pillars"]]
    today = date.today()
    plan_posts = posts_as_dicts(bid, today.replace(day=1), add_months(today.replace(day=1), 3), session=s)

st.title(tr("nav.editorial"))
st.caption(tr("edl.intro"))


def settings() -> dict:
    """Mix preset, tolerance and publishing days: the brand's [plan] section, saved when changed."""
    return dict(brief["plan"])


def save_settings(conf: dict) -> None:
    if conf == brief["plan"]:
        return
    try:
        with frame.session() as s:
            save_plan_settings(bid, conf, session=s)
        brief["plan"] = dict(conf)
    except InvalidBrief as exc:
        st.error(tr("edl.invalid") + "\n\n" + "\n".join(f"- {p.path} : {frame.say(p)}" for p in exc.problems))
    except DatabaseError as exc:  # the choices stay in their widgets; the next rerun saves them again
        st.error(frame.say(exc))


def save(write) -> bool:
    """Run ``write(session)`` (a ``core.brands`` save); False, with the problems shown, when refused."""
    try:
        with frame.session() as s:
            write(s)
        return True
    except InvalidBrief as exc:
        st.error(tr("edl.invalid") + "\n\n" + "\n".join(f"- {p.path} : {frame.say(p)}" for p in exc.problems))
        return False
    except DatabaseError as exc:  # nothing written; the table keeps what was typed
        st.error(frame.say(exc))
        return False


# --- pillars ----------------------------------------------------------------------------
st.header(tr("edl.pillars"))
persona_names = [p["name"] for p in brief["personas"]]
proposal_key = f"edl_proposal_{bid}"
c1, c2 = st.columns([1, 3])
if c1.button(tr("edl.propose"), key="edlbtn_propose"):
    st.session_state[proposal_key] = editorial.propose_pillars(brief, keywords, lang=L)
c2.caption(tr("edl.propose_from_keywords", count=len(keywords)) if keywords else tr("edl.propose_from_objectives"))
source = st.session_state.get(proposal_key) or brief["pillars"]
if st.session_state.get(proposal_key):
    st.info(tr("edl.proposal_shown"))
frame_df = pd.DataFrame([{
    "name": p["name"], "description": p.get("description", ""),
    "target_share": float(p.get("target_share") or 0), "objectives": list(p.get("objectives") or []),
    "personas": [x for x in p.get("personas") or [] if x in persona_names],
} for p in source], columns=["name", "description", "target_share", "objectives", "personas"])
editor_key = f"edlx_pillars_{bid}_{len(source)}_{hash(tuple(p['name'] for p in source))}"
edited = st.data_editor(
    frame_df, key=editor_key,
    num_rows="dynamic", hide_index=True, width="stretch",
    column_config={
        "name": st.column_config.TextColumn(tr("edl.col_name"), required=True, max_chars=120),
        "description": st.column_config.TextColumn(tr("edl.col_description"), width="large"),
        "target_share": st.column_config.NumberColumn(tr("edl.col_share"), min_value=0, max_value=100, step=1, format="%d %%"),
        "objectives": st.column_config.MultiselectColumn(
            tr("edl.col_objectives"), options=list(refdata.OBJECTIVES),
            format_func=lambda k, L=L: refdata.label(refdata.OBJECTIVES, k, L)),
        "personas": st.column_config.MultiselectColumn(tr("edl.col_personas"), options=persona_names),
    },
)
# The editor's index follows a row through edits (added rows get new numbers), so each
# pillar keeps its picker, and its colour, when it is renamed or another row is deleted.
rows = [(int(idx), r) for idx, r in zip(edited.index, edited.to_dict("records")) if str(r.get("name") or "").strip()]
if rows:
    st.caption(tr("edl.colours"))
    picker_cols = st.columns(min(len(rows), 4))
    for n, (idx, r) in enumerate(rows):
        start = source[idx].get("colour") if idx < len(source) else None
        r["colour"] = picker_cols[n % 4].color_picker(
            tr("edl.colour_of", name=md(str(r["name"]).strip())),
            value=start or editorial.PALETTE[idx % len(editorial.PALETTE)], key=f"{editor_key}_colour_{idx}")
rows = [r for _, r in rows]
total = sum(float(r.get("target_share") or 0) for r in rows)
if rows and abs(total - 100) >= 0.5:
    st.warning(tr("edl.shares_sum", total=round(total)))
if len(rows) and not editorial.MIN_PILLARS <= len(rows) <= editorial.MAX_PILLARS:
    st.info(tr("edl.pillar_count", count=len(rows)))
if st.button(tr("edl.save_pillars"), key="edlbtn_save_pillars", type="primary"):
    new_pillars = [{
        "name": str(r["name"]).strip(), "description": str(r.get("description") or ""),
        "colour": str(r["colour"]).upper(), "target_share": float(r.get("target_share") or 0),
        "objectives": list(r.get("objectives") or []), "personas": list(r.get("personas") or []),
    } for r in rows]
    removed = set(pillar_names) - {p["name"] for p in new_pillars}
    themes = {p["name"]: p.get("keywords", []) for p in (st.session_state.get(proposal_key) or [])}
    if save(lambda s: save_pillars(bid, new_pillars, keywords=themes, session=s)):
        st.session_state.pop(proposal_key, None)
        st.success(tr("edl.saved") + (" " + tr("edl.removed_pillars", names=", ".join(md(name) for name in sorted(removed))) if removed else ""))
        st.rerun()

# --- content mix -------------------------------------------------------------------------
st.header(tr("edl.mix"))
conf = settings()
presets = list(editorial.PRESETS)
c1, c2 = st.columns(2)
st.session_state.setdefault(f"edl_preset_{bid}", conf["intent_preset"] if conf["intent_preset"] in presets else presets[0])
st.session_state.setdefault(f"edl_tol_{bid}", int(conf["tolerance"]))
conf["intent_preset"] = c1.selectbox(tr("edl.preset"), presets, key=f"edl_preset_{bid}", persist_state=KEEP,
                                     format_func=lambda k: refdata.label(editorial.PRESETS, k, L))
conf["tolerance"] = float(c2.slider(tr("edl.tolerance"), 0, 50, key=f"edl_tol_{bid}", persist_state=KEEP))
st.caption(tr("edl.source", source=editorial.PRESETS[conf["intent_preset"]]["source"]))


def comparison(targets: dict[str, float], key: str, labels) -> pd.DataFrame:
    actual = editorial.mix_of(plan_posts, key)
    out = []
    for value, target in targets.items():
        out.append({"value": labels(value), "kind": tr("edl.target"), "share": round(target, 1)})
        out.append({"value": labels(value), "kind": tr("edl.current"), "share": round(actual.get(value, 0.0), 1)})
    return pd.DataFrame(out)


def bars(df: pd.DataFrame, title: str):
    if df.empty:
        return
    # Horizontal bars: long French labels stay readable instead of being skipped on a slanted axis.
    chart = alt.Chart(df, title=title).mark_bar().encode(
        y=alt.Y("value:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
        yOffset="kind:N", x=alt.X("share:Q", title="%"),
        color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["value", "kind", "share"])
    st.altair_chart(chart, width="stretch")


p_targets = editorial.pillar_targets(brief["pillars"])
c1, c2 = st.columns(2)
with c1:
    bars(comparison(p_targets, "pillar", lambda v: v), tr("edl.chart_pillars"))
with c2:
    i_targets = {k: v for k, v in editorial.preset_targets(conf["intent_preset"]).items() if v > 0}
    bars(comparison(i_targets, "intent", lambda v: refdata.label(editorial.INTENTS, v, L)), tr("edl.chart_intents"))
if not plan_posts:
    st.info(tr("edl.no_plan"))
else:
    drift = editorial.mix_drift(plan_posts, p_targets, tolerance=conf["tolerance"])
    intent_drift = editorial.mix_drift(plan_posts, i_targets, key="intent", tolerance=conf["tolerance"])
    lines = ["- " + tr("plan.warn_drift", month=d["month"], pillar=md(d["value"]), actual=d["actual"],
                       target=d["target"], tolerance=int(conf["tolerance"])) for d in drift]
    lines += ["- " + tr("edl.drift_intent", month=d["month"], intent=refdata.label(editorial.INTENTS, d["value"], L),
                        actual=d["actual"], target=d["target"]) for d in intent_drift]
    if lines:
        st.warning(tr("edl.drift_title", tolerance=int(conf["tolerance"])) + "\n\n" + "\n".join(lines))
    else:
        st.success(tr("edl.no_drift", tolerance=int(conf["tolerance"])))

# --- formats ---------------------------------------------------------------------------
st.header(tr("edl.formats"))
networks = [c["network"] for c in brief["channels"]] or list(refdata.NETWORKS)
fmt_rows = []
for key, f in editorial.FORMATS.items():
    row = {tr("edl.col_format"): f[L] if L in f else f["fr"], tr("edl.col_minutes"): f["minutes"],
           tr("edl.col_deadline"): f["deadline_days"]}
    for n in networks:
        row[refdata.label(refdata.NETWORKS, n, L)] = n in f["networks"]
    fmt_rows.append(row)
st.dataframe(pd.DataFrame(fmt_rows), hide_index=True, width="stretch")
st.caption(tr("edl.source", source=refdata.load("formats.toml")["source"]))

# --- publishing days and volumetry ----------------------------------------------------------
st.header(tr("edl.volumetry"))
day_names = [tr(f"edl.day_{i}") for i in range(7)]
default_days = sector_profile(brief["brand"].get("sector")).get("publishing_days", list(range(7)))
st.session_state.setdefault(f"edl_days_{bid}", list(conf["publishing_days"] or default_days))
chosen_days = st.multiselect(tr("edl.publishing_days"), list(range(7)), key=f"edl_days_{bid}", persist_state=KEEP,
                             placeholder=tr("edl.choose_days"), format_func=lambda i: day_names[i])
conf["publishing_days"] = [] if sorted(chosen_days) == sorted(default_days) else sorted(chosen_days)
save_settings(conf)
vol = editorial.volumetry(brief["channels"], brief["brand"]["hours_per_week"])
if not vol["rows"]:
    st.info(tr("edl.no_channels"))
else:
    st.dataframe(pd.DataFrame([{
        tr("edl.col_network"): refdata.label(refdata.NETWORKS, r["network"], L),
        tr("edl.col_per_week"): r["posts_per_week"], tr("edl.col_minutes_post"): r["minutes_per_post"],
        tr("edl.col_hours"): r["hours"],
        tr("edl.col_proposal"): vol["proposal"].get(r["network"], ""),
    } for r in vol["rows"]]), hide_index=True, width="stretch")
    if vol["budget"] <= 0:
        st.warning(tr("plan.warn_no_budget", needed=number(vol["needed"], L)))
    elif vol["fits"]:
        st.success(tr("edl.fits", needed=number(vol["needed"], L), budget=number(vol["budget"], L)))
    else:
        st.error(tr("plan.warn_budget", needed=number(vol["needed"], L), budget=number(vol["budget"], L),
                    over=number(vol["over_hours"], L),
                    pct=vol["over_pct"]))
        if st.button(tr("edl.apply_proposal"), key="edlbtn_apply_proposal"):
            data = dict(brief)
            data["channels"] = [{"network": c["network"], "posts_per_week": vol["proposal"].get(c["network"], c["posts_per_week"])}
                                for c in brief["channels"]]
            if save(lambda s: save_brief(data, session=s, brand_id=bid)):
                st.success(tr("edl.saved"))
                st.rerun()

# --- the year's moments ------------------------------------------------------------------
st.header(tr("edl.moments"))
st.caption(tr("edl.moments_intro"))
this_year = date.today().year
# from October on, the year ahead is the next one: that is the year being planned
year = st.selectbox(tr("edl.moments_year"), [this_year, this_year + 1], index=int(date.today().month >= 10),
                    key=f"edl_moments_year_{bid}")
with frame.session() as s:
    prefs_brief = moment_prefs.stored_preferences(s.get(Brand, bid)) | {"brand": brief["brand"]}
country, sector = brief["brand"].get("country") or "FR", brief["brand"].get("sector") or None
library = [m for m in moments_for(country, date(year, 1, 1), date(year, 12, 31), sector=sector, include_holidays=False)
           if m.kind != "campaign"]
planned = {m.key for m in moment_prefs.apply(library, prefs_brief, date(year, 1, 1), date(year, 12, 31)) if m.weight >= 2}
by_sector = {m.key for m in library if m.weight >= 2}
own = moment_prefs.brand_moments_between(prefs_brief, date(year, 1, 1), date(year, 12, 31))


def span(m) -> str:
    first = format_date(m.start, "d MMM", locale=L)
    return first if m.end == m.start else f"{first} – {format_date(m.end, 'd MMM', locale=L)}"


table = pd.DataFrame([{
    "key": m.key, tr("edl.col_follow"): m.key in planned, tr("edl.col_dates"): span(m),
    tr("edl.col_moment"): m.label(L), tr("edl.col_kind"): tr(f"edl.kind_{m.kind}"),
    tr("edl.col_lead"): trn("edl.lead_weeks", m.lead_weeks),
} for m in library])
if table.empty:
    st.info(tr("edl.no_moments", country=country, year=year))
else:
    ticked = st.data_editor(table, hide_index=True, width="stretch", key=f"edl_moments_{bid}_{year}",
                            column_config={"key": None},
                            disabled=[c for c in table.columns if c != tr("edl.col_follow")])
    changed = [(row["key"], bool(row[tr("edl.col_follow")])) for _, row in ticked.iterrows()
               if bool(row[tr("edl.col_follow")]) != (row["key"] in planned)]
    if changed:
        try:
            with frame.session() as s:
                for key, follow in changed:
                    moment_prefs.save_moment_choice(bid, key, None if follow == (key in by_sector) else follow, session=s)
            st.success(tr("edl.moments_saved", count=len(changed)))
        except (moment_prefs.MomentChoiceError, DatabaseError) as exc:
            st.error(frame.say(exc))
if own:
    st.caption(tr("edl.own_moments", names=", ".join(f"{md(m.label(L))} ({span(m)})" for m in own)))
