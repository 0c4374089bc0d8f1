"""The « Crise » screen: the crisis file prepared in calm times, one button when a bad buzz
starts (with its gravity and type), the checklist ticked and logged, the strategy and the
prepared wording, the answers in the brand's voice with their score, the moderation grid,
and after the crisis the lessons, the rescheduling of the suspended posts and the Word
debrief. Everything it writes goes through ``core.crisis``."""

from datetime import datetime

import streamlit as st

from core import refdata
from core.crisis import templates
from core.crisis.course import accept_date, assess, checklist, crisis_of, record_said, save_lessons, tick
from core.crisis.debrief import MIME, build_debrief, when_text
from core.crisis.file import InvalidCrisisFile, load_file, role_label, roles, risk_named, save_file
from core.crisis.moderation import grid, hidden_words_text
from core.crisis.playbook import CrisisError, checkpoints, families, gravity_grid, strategies, strategy_reference, window
from core.crisis.suspension import crisis_log, end_crisis, local_time, open_crisis, start_crisis
from core.models import Brand
from core.scoring import score
from pages import frame
from pages.frame import KEEP, lang, md, tr

L = lang()
bid = frame.require_brand()
st.title(tr("crisis.title"))
KINDS = strategies()
LEVELS = gravity_grid()


def _when(value) -> str:
    return when_text(value, brand, L)


with frame.session() as s:
    brand = s.get(Brand, bid)
    if brand is None:  # deleted since it was chosen in the sidebar
        st.info(tr("frame.no_brand"))
        st.stop()
    s.expunge(brand)
    crisis_file = load_file(bid, session=s)
    current = open_crisis(bid, session=s)
    try:
        latest = crisis_of(bid, session=s)
    except CrisisError:
        latest = None
    steps = checklist(current, brand) if current else []
    log_length = len(crisis_log(latest.id, session=s)) if latest is not None else 0
    for row in {id(r): r for r in (latest, current) if r is not None}.values():
        s.expunge(row)

if "crisis_notice" in st.session_state:
    st.success(st.session_state.pop("crisis_notice"))


def _kind_label(kind) -> str:
    return tr("crisis.kind." + kind) if kind else tr("crisis.ui.not_set")


def _gravity_label(level) -> str:
    return tr("crisis.ui.gravity_option", level=level) if level else tr("crisis.ui.not_set")


risk_names = [r["name"] for r in crisis_file["risks"]]

# ------------------------------------------------------------------ crisis in progress
st.subheader(tr("crisis.ui.now"))
if current is None:
    st.caption(tr("crisis.calm", brand=md(brand.name)))
    bounds = window()
    c1, c2, c3, c4 = st.columns(4)
    hours = c1.number_input(tr("crisis.hours"), min_value=bounds["min_hours"], max_value=bounds["max_hours"],
                            value=bounds["default_hours"], step=1, key="crisis_hours", persist_state=KEEP)
    risk = c2.selectbox(tr("crisis.ui.risk"), [""] + risk_names, format_func=lambda r: md(r) if r else
                        tr("crisis.ui.not_set"), key="crisis_risk_start")
    prepared = risk_named(crisis_file, risk) if risk else None
    gravity = c3.selectbox(tr("crisis.gravity"), [None, *LEVELS], format_func=_gravity_label, key="crisis_gravity",
                           help=tr("crisis.ui.from_risk") if prepared else None)
    kind = c4.selectbox(tr("crisis.kind"), ["", *KINDS], format_func=_kind_label, key="crisis_type")
    if st.button(tr("crisis.start_button"), key="crisis_start", type="primary"):
        try:
            with frame.session() as s:
                started = start_crisis(bid, int(hours), session=s, by=frame.author(), gravity=gravity, kind=kind or None)
                if risk:
                    assess(crisis_of(bid, started.crisis_id, session=s), session=s, risk=risk, gravity=gravity,
                           kind=kind or None, by=frame.author())
        except CrisisError as exc:
            st.error(frame.say(exc))
        else:
            st.session_state["crisis_notice"] = tr("crisis.started", id=started.crisis_id, brand=md(started.brand),
                                                   count=len(started.suspended),
                                                   until=started.until.strftime("%Y-%m-%d %H:%M"))
            st.rerun()
else:
    st.error(tr("crisis.in_progress", since=local_time(current.started_at, brand).strftime("%Y-%m-%d %H:%M"),
                until=local_time(current.until, brand).strftime("%Y-%m-%d %H:%M")))
    for post in current.suspended:
        key = "crisis.suspended_scheduled" if post["status"] == "programme" else "crisis.suspended_line"
        st.markdown("- " + tr(key, ref=post["ref"],
                              status=refdata.label(refdata.POST_STATUSES, post["status"], L)).strip())
    c1, c2, c3, c4 = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
    risk = c1.selectbox(tr("crisis.ui.risk"), [""] + risk_names, index=(risk_names.index(current.risk) + 1)
                        if current.risk in risk_names else 0, format_func=lambda r: md(r) if r else
                        tr("crisis.ui.not_set"), key=f"crisis_risk_{current.id}")
    levels = [None, *LEVELS]
    gravity = c2.selectbox(tr("crisis.gravity"), levels, index=levels.index(current.gravity), format_func=_gravity_label,
                           key=f"crisis_gravity_{current.id}")
    kinds = ["", *KINDS]
    kind = c3.selectbox(tr("crisis.kind"), kinds, index=kinds.index(current.kind), format_func=_kind_label,
                        key=f"crisis_type_{current.id}")
    if c4.button(tr("crisis.ui.assess"), key="crisis_assess"):
        try:
            with frame.session() as s:
                assess(crisis_of(bid, current.id, session=s), session=s, gravity=gravity, kind=kind or None,
                       risk=risk or None, by=frame.author())
        except CrisisError as exc:
            st.error(frame.say(exc))
        else:
            st.rerun()
    if st.button(tr("crisis.end_button"), key="crisis_end"):
        try:
            with frame.session() as s:
                ended = end_crisis(bid, session=s, by=frame.author())
        except CrisisError as exc:
            st.error(frame.say(exc))
        else:
            st.session_state["crisis_notice"] = tr("crisis.ended", id=ended.crisis_id, brand=md(ended.brand),
                                                   count=len(ended.resumed), refs=", ".join(ended.resumed) or "-")
            st.rerun()

# ------------------------------------------------------------------ checklist
st.subheader(tr("crisis.checklist"))
if current is None:
    st.caption(tr("crisis.ui.checklist_calm"))
    st.markdown("\n".join(f"- **{tr('crisis.checkpoint.' + p.key)}** — {p.label[L]}" for p in checkpoints()))
for step in steps:
    label = f"{tr('crisis.checkpoint.' + step.key)} ({_when(step.due)}) — {step.label[L]}"
    ticked = st.checkbox(label, value=step.done, key=f"crisis_check_{current.id}_{step.key}")
    if step.done:
        st.caption(tr("crisis.ui.done_by", when=_when(step.done_at), by=md(step.done_by or "—")))
    if ticked != step.done:
        with frame.session() as s:
            tick(crisis_of(bid, current.id, session=s), step.key, ticked, session=s, by=frame.author())
        st.rerun()

# ------------------------------------------------------------------ strategy and wording
st.subheader(tr("crisis.strategy"))
chosen = current.kind if current is not None and current.kind else None
if chosen is None:
    chosen = st.radio(tr("crisis.kind"), list(KINDS), format_func=lambda k: tr("crisis.kind." + k), key="crisis_kind",
                      horizontal=True, persist_state=KEEP)
st.write(KINDS[chosen][L])
st.info(f"**{tr('crisis.ui.family')}** {families()[KINDS[chosen]['family']][L]}")
st.caption(tr("crisis.ui.reference", source=md(strategy_reference())))
prepared = risk_named(crisis_file, current.risk) if current is not None and current.risk else None
if prepared and prepared["wording"]:
    st.markdown(f"**{tr('crisis.ui.wording', risk=md(prepared['name']))}**")
    st.markdown(md(prepared["wording"]).replace("\n", "  \n"))

# ------------------------------------------------------------------ answers
st.subheader(tr("crisis.ui.answers"))
names = KINDS[chosen]["templates"]
t1, t2 = st.columns([3, 1])
name = t1.selectbox(tr("crisis.ui.template"), names, format_func=lambda n: tr("crisis.template." + n),
                    key="crisis_template")
tlang = t2.radio(tr("crisis.ui.language"), ["fr", "en"], format_func=lambda x: tr("crisis.ui.lang_" + x),
                 key="crisis_template_lang", horizontal=True)
facts = dict((prepared or {}).get("facts", {}))
values = {}
for fieldname in templates.fields(name):
    if fieldname == "brand":
        continue
    values[fieldname] = st.text_input(tr("crisis.field." + fieldname), value=facts.get(fieldname, ""),
                                      key=f"crisis_fact_{name}_{tlang}_{fieldname}_{current.risk if current else ''}")


@st.cache_data(show_spinner=False, max_entries=64)
def _scored(text: str, text_lang: str, ui: str):
    result = score(text, "facebook", lang=text_lang, ui_lang=ui)
    return result.score, [s["message"] for s in result.suggestions[:3]]


missing = [tr("crisis.field." + f) for f, value in values.items() if not value.strip()]
answer = None
if missing:  # named by their labels, before the engine would refuse the hole
    st.info(tr("crisis.ui.fill_in", fields=", ".join(f"«\u00a0{f}\u00a0»" if L == "fr" else f'"{f}"' for f in missing)))
else:
    try:
        answer = templates.render_template(name, brand, tlang, values)
    except CrisisError as exc:
        st.warning(frame.say(exc))
if answer is not None:
    st.text_area(tr("crisis.ui.answer"), answer, height=180, key=f"crisis_answer_{name}_{tlang}_{hash(answer)}")
    points, advice = _scored(answer, tlang, L)
    st.metric(tr("crisis.ui.score"), f"{points}/100")
    for line in advice:
        st.caption(md(line))
    if name == "data_breach":
        with st.expander(tr("crisis.ui.gdpr")):
            for step in templates.data_breach_checklist():
                st.markdown(f"- {step.label[L]}")
    if current is not None and st.button(tr("crisis.ui.said"), key="crisis_said"):
        with frame.session() as s:
            record_said(crisis_of(bid, current.id, session=s), answer, template=name, lang=tlang, session=s,
                        by=frame.author())
        st.session_state["crisis_notice"] = tr("crisis.ui.said_done")
        st.rerun()

st.subheader(tr("crisis.gravity"))
st.table({tr("crisis.level"): list(LEVELS), tr("crisis.meaning"): [g[L] for g in LEVELS.values()]})

with st.expander(tr("crisis.moderation")):
    for action in grid():
        st.markdown(f"**{tr('crisis.action.' + action.key)}** — {action.when[L]} → {action.do[L]}")
    st.code(hidden_words_text(), language=None)
    if crisis_file["charter"]:
        st.markdown(f"**{tr('crisis.ui.charter')}**")
        st.markdown(md(crisis_file["charter"]).replace("\n", "  \n"))

# ------------------------------------------------------------------ after
if latest is not None and latest.ended_at is not None:
    st.subheader(tr("crisis.ui.after", id=latest.id))
    proposals = dict(latest.proposals)
    for ref, iso in proposals.items():
        p1, p2 = st.columns([3, 1], vertical_alignment="center")
        p1.markdown(tr("crisis.ui.proposal", ref=ref, when=_when(datetime.fromisoformat(iso))))
        if p2.button(tr("crisis.ui.accept"), key=f"crisis_accept_{ref}"):
            try:
                with frame.session() as s:
                    accept_date(crisis_of(bid, latest.id, session=s), ref, session=s, by=frame.author())
            except CrisisError as exc:
                st.error(frame.say(exc))
            else:
                st.session_state["crisis_notice"] = tr("crisis.ui.accepted", ref=ref)
                st.rerun()
    worked = st.text_area(tr("crisis.debrief.worked"), latest.lessons.get("worked", ""), key=f"crisis_worked_{latest.id}")
    change = st.text_area(tr("crisis.debrief.change"), latest.lessons.get("change", ""), key=f"crisis_change_{latest.id}")
    if st.button(tr("crisis.ui.save_lessons"), key="crisis_save_lessons"):
        try:
            with frame.session() as s:
                save_lessons(crisis_of(bid, latest.id, session=s), worked=worked, change=change, session=s,
                             by=frame.author())
        except CrisisError as exc:
            st.error(frame.say(exc))
        else:
            st.session_state["crisis_notice"] = tr("crisis.ui.lessons_saved")
            st.rerun()
if latest is not None:
    # Built on demand (a fifth of a second), kept for this state of the log and this language.
    state = (latest.id, log_length, L)
    if st.button(tr("crisis.ui.prepare_debrief"), key="crisis_prepare_debrief"):
        with frame.session() as s:
            made = build_debrief(bid, latest.id, session=s, lang=L)
        st.session_state["crisis_debrief_ready"] = (state, made.filename, made.data)
    ready = st.session_state.get("crisis_debrief_ready")
    if ready and ready[0] == state:
        st.download_button(tr("crisis.ui.debrief"), ready[2], file_name=ready[1], mime=MIME, key="crisis_debrief")

# ------------------------------------------------------------------ the crisis file
with st.expander(tr("crisis.ui.file"), expanded=not crisis_file["risks"]):
    v = crisis_file["version"]
    st.caption(tr("crisis.ui.file_help") + (" " + tr("crisis.ui.file_saved", version=v, by=md(
        crisis_file["updated_by"] or "—")) if v else ""))
    edited_risks = []
    for i, item in enumerate([*crisis_file["risks"], None]):
        item = item or {"name": "", "gravity": 1, "kind": "accident", "wording": "", "facts": {}}
        st.markdown(f"**{tr('crisis.ui.risk_n', n=i + 1)}**" if i < len(crisis_file["risks"])
                    else f"**{tr('crisis.ui.risk_new')}**")
        r1, r2, r3 = st.columns([3, 1, 1])
        rname = r1.text_input(tr("crisis.ui.risk_name"), item["name"], key=f"cf_{v}_risk_{i}_name")
        rgravity = r2.selectbox(tr("crisis.gravity"), list(LEVELS), index=list(LEVELS).index(item["gravity"] or 1),
                                key=f"cf_{v}_risk_{i}_gravity")
        rkind = r3.selectbox(tr("crisis.kind"), list(KINDS), index=list(KINDS).index(item["kind"]),
                             format_func=lambda k: tr("crisis.kind." + k), key=f"cf_{v}_risk_{i}_kind")
        wording = st.text_area(tr("crisis.ui.risk_wording"), item["wording"], key=f"cf_{v}_risk_{i}_wording")
        rfacts = dict(item["facts"])
        needed = [f for n in KINDS[rkind]["templates"] for f in templates.fields(n) if f != "brand"]
        if rname.strip():
            with st.popover(tr("crisis.ui.risk_facts")):
                for fieldname in dict.fromkeys(needed):
                    rfacts[fieldname] = st.text_input(tr("crisis.field." + fieldname), rfacts.get(fieldname, ""),
                                                      key=f"cf_{v}_risk_{i}_fact_{fieldname}")
        if rname.strip() or i < len(crisis_file["risks"]):
            edited_risks.append({"name": rname, "gravity": rgravity, "kind": rkind, "wording": wording,
                                 "facts": {k: val for k, val in rfacts.items() if str(val).strip()}})
    st.markdown(f"**{tr('crisis.ui.team')}**")
    edited_team = []
    for i, member in enumerate([*crisis_file["team"], None]):
        member = member or {"role": roles()[0], "name": "", "contact": ""}
        m1, m2, m3 = st.columns([1, 2, 2])
        mrole = m1.selectbox(tr("crisis.ui.role"), roles(), index=roles().index(member["role"]),
                             format_func=lambda r: role_label(r, L), key=f"cf_{v}_team_{i}_role")
        mname = m2.text_input(tr("crisis.ui.member"), member["name"], key=f"cf_{v}_team_{i}_name")
        mcontact = m3.text_input(tr("crisis.ui.contact"), member["contact"], key=f"cf_{v}_team_{i}_contact")
        if mname.strip() or mcontact.strip() or i < len(crisis_file["team"]):
            edited_team.append({"role": mrole, "name": mname, "contact": mcontact})
    st.markdown(f"**{tr('crisis.ui.chain')}**")
    edited_chain = []
    for i, link in enumerate([*crisis_file["chain"], None]):
        link = link or {"who": "", "minutes": 30}
        k1, k2 = st.columns([3, 1])
        who = k1.text_input(tr("crisis.ui.chain_who"), link["who"], key=f"cf_{v}_chain_{i}_who")
        minutes = k2.number_input(tr("crisis.ui.chain_minutes"), min_value=0, max_value=100_000,
                                  value=int(link["minutes"] or 0), step=5, key=f"cf_{v}_chain_{i}_minutes")
        if who.strip() or i < len(crisis_file["chain"]):
            edited_chain.append({"who": who, "minutes": int(minutes)})
    keywords = st.text_area(tr("crisis.ui.keywords"), "\n".join(crisis_file["keywords"]), key=f"cf_{v}_keywords")
    charter = st.text_area(tr("crisis.ui.charter"), crisis_file["charter"], height=150, key=f"cf_{v}_charter")
    st.caption(tr("crisis.ui.remove_help"))
    if st.button(tr("crisis.ui.save_file"), key="crisis_save_file", type="primary"):
        data = {"risks": [r for r in edited_risks if r["name"].strip()],
                "team": [m for m in edited_team if m["name"].strip() or m["contact"].strip()],
                "chain": [c for c in edited_chain if c["who"].strip()],
                "keywords": [w.strip() for w in keywords.splitlines() if w.strip()], "charter": charter}
        try:
            with frame.session() as s:
                saved = save_file(bid, data, v, session=s, by=frame.author())
        except InvalidCrisisFile as exc:
            st.error(frame.say(exc))
            for problem in exc.problems:
                st.markdown(f"- `{md(problem.path)}` : {frame.say(problem)}")
        except CrisisError as exc:
            st.error(frame.say(exc))
        else:
            st.session_state["crisis_notice"] = tr("crisis.ui.file_done", version=saved["version"])
            st.rerun()
