"""Strategy screen: manage brands and edit the brief (sector, tone, message, objectives, networks,
rubrics, personas, offers)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import refdata
from core import brief as brief_mod
from core.brands import (
    BrandError, InvalidBrief, archive_brand, brand_code, brief_of, create_brand, duplicate_brand,
    list_brands, rename_brand, save_brief, sent_posts, set_code,
)
from core.db import DatabaseError
from core.i18n import MessageError, messages
from pages import brief_material as material
from pages import frame
from pages.brief_material import init, lines
from pages.frame import KEEP, lang, md, tr


def label_of(table):
    """A format_func for options from ``table``; binds the language now (AppTest calls it outside the run)."""
    current = lang()
    return lambda key: refdata.label(table, key, current) if key else "—"


def field_label(path: str) -> str:
    """``personas[2].age_max`` -> "Persona 2 — Âge maximum"; a section's own label first
    (``offers[1].kind`` -> "Offre 1 — Type", not the objectives' "Objectif")."""
    import re

    m = re.match(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?(?:\[(\d+)\])?$", path)
    if not m:
        return path
    section, index, name, _ = m.groups()
    parts = []
    if index:
        parts.append(f"{tr('field.' + section + '_item')} {index}")
    own = f"field.{section}.{name}"
    parts.append(tr(own if name and own in messages() else f"field.{name or section}"))
    return " — ".join(parts)


def show_problems(problems) -> None:
    lines = [f"- **{field_label(p.path)}** : {frame.say(p)}" for p in problems]
    st.error(tr("strategy.invalid", count=len(problems)) + "\n\n" + "\n".join(lines))


def switch_brand(brand_id: int) -> None:
    st.session_state["pending_brand_id"] = brand_id
    st.rerun()


def brand_error(exc: BrandError) -> None:
    st.error(frame.say(exc))


def manage_brands(bid: int | None, brand_name: str | None) -> None:
    with st.expander(tr("strategy.manage"), expanded=bid is None):
        c1, c2 = st.columns(2)
        with c1.form("strat_create", clear_on_submit=False, border=False):
            name = st.text_input(tr("strategy.new_brand"), key="strat_new_name", persist_state=KEEP)
            if st.form_submit_button(tr("strategy.create")):
                try:
                    with frame.session() as s:
                        new_id = create_brand(name, session=s).id
                    st.session_state.pop("strat_new_name", None)
                    switch_brand(new_id)
                except BrandError as exc:
                    brand_error(exc)
        if bid is None:
            return
        with c2.form("strat_rename", border=False):
            new_name = st.text_input(tr("strategy.rename_to"), value=brand_name, key=f"strat_{bid}_rename")
            if st.form_submit_button(tr("strategy.rename")):
                try:
                    with frame.session() as s:
                        rename_brand(bid, new_name, session=s)
                    st.rerun()
                except BrandError as exc:
                    brand_error(exc)
        brand_code_form(bid)
        c3, c4 = st.columns(2)
        with c3.form("strat_duplicate", border=False):
            copy_name = st.text_input(tr("strategy.duplicate_as"), value=tr("strategy.copy_of", name=brand_name),
                                      key=f"strat_{bid}_copy")
            if st.form_submit_button(tr("strategy.duplicate")):
                try:
                    with frame.session() as s:
                        new_id = duplicate_brand(bid, copy_name, session=s).id
                    switch_brand(new_id)
                except BrandError as exc:
                    brand_error(exc)
        with c4:
            sure = st.checkbox(tr("strategy.archive_confirm", name=md(brand_name)), key=f"strat_{bid}_archive_ok")
            if st.button(tr("strategy.archive"), disabled=not sure, key=f"strat_{bid}_archive"):
                with frame.session() as s:
                    archive_brand(bid, session=s)
                st.session_state["pending_brand_id"] = None
                st.rerun()
        with frame.session() as s:
            archived = [(b.id, b.name) for b in list_brands(session=s, include_archived=True) if b.archived]
        if archived:
            names = dict(archived)
            c5, c6 = st.columns([3, 1])
            restore = c5.selectbox(tr("strategy.archived"), list(names), format_func=names.get,
                                   key="strat_restore_pick")
            if c6.button(tr("strategy.restore"), key="strat_restore"):
                with frame.session() as s:
                    archive_brand(restore, session=s, archived=False)
                switch_brand(restore)


def brand_code_form(bid: int) -> None:
    """The code the brand's references start with (LILA-2027-03-014). Changing it once posts
    were sent asks for a confirmation: the client's files and links name them by the old one
    (they keep working: the old references stay aliases)."""
    with frame.session() as s:
        code, sent = brand_code(bid, session=s), sent_posts(bid, session=s)
    with st.form(f"strat_{bid}_code_form", border=False):
        c1, c2 = st.columns([1, 2])
        new = c1.text_input(tr("strategy.code"), value=code, max_chars=6, key=f"strat_{bid}_code",
                            help=tr("strategy.code_help", example=f"{code}-2027-03-001"))
        sure = c2.checkbox(tr("strategy.code_confirm", count=sent, code=code), key=f"strat_{bid}_code_ok") \
            if sent else False
        if st.form_submit_button(tr("strategy.code_save")):
            try:
                with frame.session() as s:
                    saved = set_code(bid, new, session=s, confirm=sure).code
                if saved != code:
                    st.success(tr("strategy.code_saved", old=code, new=saved))
            except MessageError as exc:  # BrandError; Forbidden for a role that may not edit the strategy
                st.error(frame.say(exc))


def brief_form(bid: int, data: dict) -> None:
    b, tone = data["brand"], data["tone"]
    rev = st.session_state.setdefault(f"strat_{bid}_rev", 0)
    k = f"strat_{bid}_"
    with st.container(border=True):
        t_general, t_tone, t_message, t_objectives, t_channels, t_rubrics = st.tabs(
            [tr("strategy.tab_general"), tr("strategy.tab_tone"), tr("material.tab_message"),
             tr("strategy.tab_objectives"), tr("strategy.tab_channels"), tr("material.tab_rubrics")])
        with t_general:
            c1, c2 = st.columns(2)
            sectors = [""] + list(refdata.SECTORS)
            c1.selectbox(tr("field.sector"), sectors, format_func=label_of(refdata.SECTORS),
                         key=init(k + "sector", b["sector"] or ""), persist_state=KEEP)
            c2.text_input(tr("field.sector_other"), key=init(k + "sector_other", b["sector_other"]),
                          help=tr("strategy.sector_other_help"), persist_state=KEEP)
            c1.selectbox(tr("field.country"), list(refdata.COUNTRIES), format_func=label_of(refdata.COUNTRIES),
                         key=init(k + "country", b["country"]), persist_state=KEEP)
            c2.text_input(tr("field.timezone"), key=init(k + "timezone", b["timezone"]), persist_state=KEEP)
            c1.multiselect(tr("field.languages"), list(refdata.LANGUAGES), format_func=label_of(refdata.LANGUAGES),
                           key=init(k + "languages", list(b["languages"])), persist_state=KEEP)
            c2.number_input(tr("field.hours_per_week"), min_value=0.0, max_value=168.0, step=0.5,
                            key=init(k + "hours", float(b["hours_per_week"])), persist_state=KEEP)
            c1.text_input(tr("field.brand_hashtag"), key=init(k + "hashtag", b["brand_hashtag"]),
                          placeholder="#MaisonLila", persist_state=KEEP)
            c2.number_input(tr("field.tacit_approval_days"), min_value=0, max_value=60, step=1,
                            help=tr("strategy.tacit_help"),
                            key=init(k + "tacit", int(b["tacit_approval_days"] or 0)), persist_state=KEEP)
        with t_tone:
            c1, c2 = st.columns(2)
            c1.radio(tr("field.address"), list(refdata.ADDRESS_FORMS), horizontal=True,
                     format_func={a: tr(f"strategy.address_{a}") for a in refdata.ADDRESS_FORMS}.get,
                     key=init(k + "address", tone["address"]), persist_state=KEEP)
            c2.selectbox(tr("field.register"), list(refdata.TONES), format_func=label_of(refdata.TONES),
                         key=init(k + "register", tone["register"]), persist_state=KEEP)
            c1.toggle(tr("field.emojis"), key=init(k + "emojis", bool(tone["emojis"])), persist_state=KEEP)
            c2.text_area(tr("field.words_to_avoid"), help=tr("strategy.one_per_line"),
                         key=init(k + "avoid", "\n".join(tone["words_to_avoid"])), persist_state=KEEP)
        with t_message:
            material.message_fields(k + "msg_", data["message"])
        with t_objectives:
            st.caption(tr("strategy.objectives_help"))
            objectives = st.data_editor(
                pd.DataFrame(data["objectives"] or [], columns=["kind", "priority", "kpi"]),
                num_rows="dynamic", hide_index=True, key=f"stratde_{bid}_obj_{rev}",
                column_config={
                    "kind": st.column_config.SelectboxColumn(
                        tr("field.kind"), options=list(refdata.OBJECTIVES), required=True,
                        format_func=label_of(refdata.OBJECTIVES)),
                    "priority": st.column_config.NumberColumn(tr("field.priority"), min_value=1, max_value=5,
                                                              step=1, default=1, required=True),
                    "kpi": st.column_config.TextColumn(tr("field.kpi"), width="large"),
                },
            )
        with t_channels:
            st.caption(tr("strategy.channels_help"))
            channels = st.data_editor(
                pd.DataFrame(data["channels"] or [], columns=["network", "posts_per_week"]),
                num_rows="dynamic", hide_index=True, key=f"stratde_{bid}_chan_{rev}",
                column_config={
                    "network": st.column_config.SelectboxColumn(
                        tr("field.network"), options=list(refdata.NETWORKS), required=True,
                        format_func=lambda n: refdata.NETWORKS[n]["label"]),
                    "posts_per_week": st.column_config.NumberColumn(
                        tr("field.posts_per_week"), min_value=0.1, max_value=50.0, step=0.5, default=3.0,
                        required=True),
                },
            )
        with t_rubrics:
            rubrics = material.rubrics_editor(f"stratde_{bid}_rub_{rev}", data["rubrics"])
        submitted = st.button(tr("strategy.save"), type="primary", key=f"strat_{bid}_save")
    if not submitted:
        return
    ss = st.session_state
    new = brief_mod.normalise(data)
    new["brand"].update(
        sector=ss[k + "sector"] or "", sector_other=ss[k + "sector_other"].strip(), country=ss[k + "country"],
        timezone=ss[k + "timezone"].strip(), languages=list(ss[k + "languages"]),
        hours_per_week=float(ss[k + "hours"]), brand_hashtag=ss[k + "hashtag"].strip(),
        tacit_approval_days=int(ss[k + "tacit"]) or None,
    )
    new["tone"].update(address=ss[k + "address"], register=ss[k + "register"], emojis=bool(ss[k + "emojis"]),
                       words_to_avoid=lines(ss[k + "avoid"]))
    new["message"] = material.message_from_widgets(k + "msg_")
    new["rubrics"] = material.rubrics_from_editor(rubrics, f"stratde_{bid}_rub_{rev}")
    new["objectives"] = [
        {"kind": r["kind"], "priority": int(r["priority"]) if pd.notna(r["priority"]) else 1,
         "kpi": (r["kpi"] if isinstance(r["kpi"], str) else "").strip()}
        for r in objectives.to_dict("records") if isinstance(r.get("kind"), str)
    ]
    new["channels"] = [
        {"network": r["network"], "posts_per_week": float(r["posts_per_week"]) if pd.notna(r["posts_per_week"]) else 0.0}
        for r in channels.to_dict("records") if isinstance(r.get("network"), str)
    ]
    save(bid, new, on_saved=lambda: forget(k + "msg_"))


def save(bid: int, new: dict, *, on_saved=None) -> None:
    """Validate ``new`` through the engine and store it; on a problem show it and keep what
    was typed (``on_saved``, which forgets the widgets' values, runs only after a save)."""
    problems = brief_mod.validate(new)
    if problems:
        show_problems(problems)
        return
    try:
        with frame.session() as s:
            save_brief(new, session=s, brand_id=bid)
    except InvalidBrief as exc:
        show_problems(exc.problems)
        return
    except BrandError as exc:
        brand_error(exc)
        return
    except DatabaseError as exc:
        st.error(tr("frame.db_error", error=exc))
        return
    if on_saved is not None:
        on_saved()
    st.session_state[f"strat_{bid}_rev"] = st.session_state.get(f"strat_{bid}_rev", 0) + 1
    st.session_state["strat_flash"] = tr("strategy.saved")
    st.rerun()


def persona_fields(prefix: str, p: dict) -> None:
    c1, c2 = st.columns(2)
    c1.text_input(tr("field.name"), key=init(prefix + "name", p["name"]), persist_state=KEEP)
    c2.selectbox(tr("field.funnel_stage"), list(refdata.FUNNEL_STAGES), format_func=label_of(refdata.FUNNEL_STAGES),
                 key=init(prefix + "funnel", p["funnel_stage"]), persist_state=KEEP)
    st.text_area(tr("field.description"), key=init(prefix + "description", p["description"]), height=80,
                 persist_state=KEEP)
    c1, c2 = st.columns(2)
    c1.number_input(tr("field.age_min"), min_value=0, max_value=100, step=1,
                    key=init(prefix + "age_min", p["age_min"] or 0), help=tr("strategy.zero_unknown"),
                    persist_state=KEEP)
    c2.number_input(tr("field.age_max"), min_value=0, max_value=100, step=1,
                    key=init(prefix + "age_max", p["age_max"] or 0), persist_state=KEEP)
    c1.text_area(tr("field.interests"), help=tr("strategy.one_per_line"), height=80,
                 key=init(prefix + "interests", "\n".join(p["interests"])), persist_state=KEEP)
    c2.text_area(tr("field.pain_points"), help=tr("strategy.one_per_line"), height=80,
                 key=init(prefix + "pains", "\n".join(p["pain_points"])), persist_state=KEEP)
    c1.multiselect(tr("field.networks"), list(refdata.NETWORKS), format_func=lambda n: refdata.NETWORKS[n]["label"],
                   key=init(prefix + "networks", list(p["networks"])), persist_state=KEEP)
    c2.text_input(tr("field.active_hours"), help=tr("strategy.hours_help"), placeholder="12:00-14:00, 19:00-21:00",
                  key=init(prefix + "hours", ", ".join(p["active_hours"])), persist_state=KEEP)


def persona_from_widgets(prefix: str) -> dict:
    ss = st.session_state
    age_min, age_max = int(ss[prefix + "age_min"]), int(ss[prefix + "age_max"])
    return {
        "name": ss[prefix + "name"].strip(), "description": ss[prefix + "description"].strip(),
        "age_min": age_min or None, "age_max": age_max or None,
        "interests": lines(ss[prefix + "interests"]), "pain_points": lines(ss[prefix + "pains"]),
        "networks": list(ss[prefix + "networks"]), "funnel_stage": ss[prefix + "funnel"],
        "active_hours": [h.strip() for h in ss[prefix + "hours"].replace(";", ",").split(",") if h.strip()],
    }


def forget(prefix: str) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def personas_section(bid: int, data: dict) -> None:
    st.subheader(tr("strategy.personas"))
    rev = st.session_state.get(f"strat_{bid}_rev", 0)
    personas = data["personas"]
    if not personas:
        st.caption(tr("strategy.no_persona"))
    for i, persona in enumerate(personas):
        prefix = f"strat_{bid}_p{rev}_{i}_"
        with st.expander(md(persona["name"]), icon=":material/person:"):
            persona_fields(prefix, persona)
            c1, c2 = st.columns(2)
            save_it = c1.button(tr("strategy.save_persona"), type="primary", key=prefix + "save")
            delete_it = c2.button(tr("strategy.delete_persona"), key=prefix + "delete")
            if save_it or delete_it:
                new = brief_mod.normalise(data)
                if delete_it:
                    del new["personas"][i]
                else:
                    new["personas"][i] = persona_from_widgets(prefix)
                save(bid, new, on_saved=lambda: forget(f"strat_{bid}_p"))
    with st.expander(tr("strategy.add_persona"), expanded=not personas):
        prefix = f"strat_{bid}_newp_"
        persona_fields(prefix, brief_mod.ITEM_FIELDS["personas"])
        add = st.button(tr("strategy.add_persona"), type="primary", key=prefix + "add")
        if add:
            new = brief_mod.normalise(data)
            new["personas"].append(persona_from_widgets(prefix))
            save(bid, new, on_saved=lambda: (forget(prefix), forget(f"strat_{bid}_p")))


def offers_section(bid: int, data: dict) -> None:
    st.subheader(tr("material.offers"))
    st.caption(tr("material.offers_help"))
    rev = st.session_state.get(f"strat_{bid}_rev", 0)
    offers = data["offers"]
    if not offers:
        st.warning(tr("material.no_offer"))
    for i, offer in enumerate(offers):
        prefix = f"strat_{bid}_o{rev}_{i}_"
        with st.expander(md(material.offer_title(offer)), icon=":material/sell:"):
            material.offer_fields(prefix, offer)
            c1, c2 = st.columns(2)
            save_it = c1.button(tr("material.save_offer"), type="primary", key=prefix + "save")
            delete_it = c2.button(tr("material.delete_offer"), key=prefix + "delete")
            if save_it or delete_it:
                new = brief_mod.normalise(data)
                if delete_it:
                    del new["offers"][i]
                else:
                    new["offers"][i] = {**new["offers"][i], **material.offer_from_widgets(prefix)}  # keeps included, action
                save(bid, new, on_saved=lambda: forget(f"strat_{bid}_o"))
    with st.expander(tr("material.add_offer"), expanded=not offers):
        prefix = f"strat_{bid}_newo_"
        material.offer_fields(prefix, brief_mod.ITEM_FIELDS["offers"])
        if st.button(tr("material.add_offer"), type="primary", key=prefix + "add"):
            new = brief_mod.normalise(data)
            new["offers"].append(material.offer_from_widgets(prefix))
            save(bid, new, on_saved=lambda: (forget(prefix), forget(f"strat_{bid}_o")))


st.title(tr("nav.strategy"))
flash = st.session_state.pop("strat_flash", None)
if flash:
    st.success(flash)

bid = frame.brand_id()
with frame.session() as s:
    data = brief_of(bid, session=s) if bid is not None else None
manage_brands(bid, data["brand"]["name"] if data else None)
if data is None:
    st.info(tr("frame.no_brand"))
    st.stop()

st.header(md(data["brand"]["name"]))
brief_form(bid, data)
personas_section(bid, data)
offers_section(bid, data)
