"""The Strategy screen's widgets for the material a CM writes from: the brand's message,
its offers and its recurring rubrics (``docs/brief-format.md``).

Every value is shown by its label in the UI language (kinds, genders, weekdays, months,
networks), never by the code the brief stores. The widgets only read and build dicts;
``pages/strategy.py`` validates them through ``core.brief`` and saves through
``core.brands``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from babel.dates import get_day_names, get_month_names

from core import brief as brief_mod
from core import refdata
from core.i18n import t
from pages.frame import KEEP, lang, tr

GENDERS = ("", *brief_mod.GENDERS)
ARTICLES = ("", *brief_mod.ARTICLES)


def init(key: str, value) -> str:
    """Seed a widget's value from the database once; afterwards the widget keeps what was typed."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def lines(text: str, *, semicolons: bool = True) -> list[str]:
    """One item a line (and a semicolon, for word lists): what a text area holds as a list."""
    text = (text or "").replace(";", "\n") if semicolons else (text or "")
    return [line.strip() for line in text.splitlines() if line.strip()]


def choice_label(prefix: str):
    """A format_func giving ``material.<prefix>.<value>``; binds the language now (AppTest calls it outside the run)."""
    current = lang()
    return lambda value: t(f"material.{prefix}.{value or 'none'}", current)


def weekday_name(day) -> str:
    return get_day_names("wide", locale=lang())[int(day)].capitalize()


def month_name(month) -> str:
    return get_month_names("wide", locale=lang())[int(month)].capitalize()


def network_label(network: str) -> str:
    return refdata.NETWORKS[network]["label"] if network in refdata.NETWORKS else network


# --- the message ----------------------------------------------------------------------

def message_fields(k: str, message: dict) -> None:
    st.caption(tr("material.message_help"))
    st.text_input(tr("field.message.promise"), key=init(k + "promise", message["promise"]),
                  placeholder=tr("material.promise_placeholder"), max_chars=300, persist_state=KEEP)
    c1, c2 = st.columns(2)
    c1.text_area(tr("field.message.differentiators"), help=tr("material.differentiators_help"), height=110,
                 key=init(k + "differentiators", "\n".join(message["differentiators"])), persist_state=KEEP)
    c2.text_area(tr("field.message.claims_to_avoid"), help=tr("material.claims_help"), height=110,
                 key=init(k + "claims", "\n".join(message["claims_to_avoid"])), persist_state=KEEP)
    st.text_area(tr("field.message.hashtags"), help=tr("material.hashtags_help"), height=80,
                 key=init(k + "hashtags", "\n".join(message["hashtags"])), persist_state=KEEP)


def message_from_widgets(k: str) -> dict:
    ss = st.session_state
    return {
        "promise": ss[k + "promise"].strip(),
        "differentiators": lines(ss[k + "differentiators"], semicolons=False),
        "hashtags": [tag for line in lines(ss[k + "hashtags"]) for tag in line.replace(",", " ").split()],
        "claims_to_avoid": lines(ss[k + "claims"]),
    }


# --- the rubrics ------------------------------------------------------------------------

RUBRIC_COLUMNS = ["name", "weekday", "networks", "description"]


def items_key(key: str, name: str) -> str:
    """The key of a rubric's subjects text area: by the rubric's name, so that a row added,
    moved or deleted in the table keeps each rubric's subjects with it."""
    return f"{key}_items_{' '.join(name.split()).casefold()}"


def rubrics_editor(key: str, rubrics: list[dict]):
    """The rubrics' table, then one text area a named rubric for its next subjects (``items``,
    one a line: a table cell holds one line only)."""
    st.caption(tr("material.rubrics_help"))
    frame = pd.DataFrame(
        [{"name": r["name"], "weekday": r["weekday"], "networks": list(r["networks"]),
          "description": r["description"]} for r in rubrics] or [], columns=RUBRIC_COLUMNS)
    frame["weekday"] = frame["weekday"].astype("Int64")
    table = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, key=key,
        column_config={
            "name": st.column_config.TextColumn(tr("field.rubrics.name"), required=True, max_chars=80, width="medium",
                                                help=tr("material.rubric_name_help")),
            "weekday": st.column_config.SelectboxColumn(tr("field.rubrics.weekday"), options=list(range(7)),
                                                        format_func=weekday_name, help=tr("material.weekday_help")),
            "networks": st.column_config.MultiselectColumn(tr("field.rubrics.networks"),
                                                           options=list(refdata.NETWORKS), format_func=network_label,
                                                           help=tr("material.rubric_networks_help")),
            "description": st.column_config.TextColumn(tr("field.description"), max_chars=300, width="large"),
        },
    )
    stored = {" ".join(r["name"].split()).casefold(): r.get("items") or [] for r in rubrics if isinstance(r["name"], str)}
    names = list(dict.fromkeys(" ".join(n.split()) for n in table["name"] if isinstance(n, str) and n.strip()))
    if names:
        st.caption(tr("material.rubric_items_help"))
    for name in names:
        st.text_area(tr("material.rubric_items_label", name=name), height=140, placeholder=tr("material.rubric_items_placeholder"),
                     key=init(items_key(key, name), "\n".join(stored.get(name.casefold(), []))), persist_state=KEEP)
    return table


def rubrics_from_editor(table, key: str = "") -> list[dict]:
    """The table's rows as rubrics, each with the subjects typed under the table (``key``: the
    table's); a row with a description but no name stays, so that the brief's check names what
    is missing instead of the row vanishing."""
    out = []
    for row in table.to_dict("records"):
        name, day, networks, description = (row.get(c) for c in RUBRIC_COLUMNS)
        iterable = hasattr(networks, "__iter__") and not isinstance(networks, str)  # a list or an array
        networks = [n for n in networks if isinstance(n, str)] if iterable else []
        texts = [v for v in (name, description) if isinstance(v, str) and v.strip()]
        if not texts and not networks and (day is None or pd.isna(day)):
            continue
        out.append({
            "name": name.strip() if isinstance(name, str) else "",
            "weekday": int(day) if day is not None and pd.notna(day) else None,
            "networks": networks,
            "description": description.strip() if isinstance(description, str) else "",
            "items": lines(st.session_state.get(items_key(key, name), ""), semicolons=False)
            if key and isinstance(name, str) and name.strip() else [],
        })
    return out


# --- the offers -------------------------------------------------------------------------

def offer_fields(prefix: str, offer: dict) -> None:
    c1, c2 = st.columns([2, 1])
    c1.text_input(tr("field.offers.name"), key=init(prefix + "name", offer["name"]), help=tr("material.offer_name_help"),
                  placeholder=tr("material.offer_name_placeholder"), persist_state=KEEP)
    c2.selectbox(tr("field.offers.kind"), list(brief_mod.OFFER_KINDS), format_func=choice_label("kind"),
                 key=init(prefix + "kind", offer["kind"]), help=tr("material.kind_help"), persist_state=KEEP)
    c1, c2, c3 = st.columns(3)
    c1.selectbox(tr("field.offers.gender"), list(GENDERS), format_func=choice_label("gender"),
                 key=init(prefix + "gender", offer["gender"] or ""), help=tr("material.gender_help"),
                 persist_state=KEEP)
    c2.radio(tr("field.offers.number"), list(brief_mod.NUMBERS), format_func=choice_label("number"), horizontal=True,
             key=init(prefix + "number", offer["number"] or "s"), persist_state=KEEP)
    c3.selectbox(tr("field.offers.article"), list(ARTICLES), format_func=choice_label("article"),
                 key=init(prefix + "article", offer["article"] or ""), help=tr("material.article_help"),
                 persist_state=KEEP)
    st.text_input(tr("field.offers.description"), key=init(prefix + "description", offer["description"]),
                  help=tr("material.offer_description_help"), placeholder=tr("material.offer_description_placeholder"),
                  persist_state=KEEP)
    st.text_area(tr("field.offers.proofs"), help=tr("material.proofs_help"), height=100,
                 key=init(prefix + "proofs", "\n".join(offer["proofs"])), persist_state=KEEP)
    c1, c2 = st.columns([3, 1])
    c1.multiselect(tr("field.offers.months"), list(range(1, 13)), format_func=month_name,
                   help=tr("material.months_help"), key=init(prefix + "months", list(offer["months"])),
                   persist_state=KEEP)
    c2.text_input(tr("field.offers.price"), key=init(prefix + "price", offer["price"]), placeholder="129 €",
                  persist_state=KEEP)
    c1, c2 = st.columns([2, 1])
    c1.text_input(tr("field.offers.link"), key=init(prefix + "link", offer["link"]), placeholder="https://…",
                  persist_state=KEEP)
    c2.text_input(tr("field.offers.hashtag"), key=init(prefix + "hashtag", offer["hashtag"]), placeholder="#RobeLila",
                  persist_state=KEEP)


def offer_from_widgets(prefix: str) -> dict:
    ss = st.session_state
    return {
        "name": ss[prefix + "name"].strip(), "kind": ss[prefix + "kind"], "gender": ss[prefix + "gender"] or "",
        "number": ss[prefix + "number"] or "s", "article": ss[prefix + "article"] or "",
        "description": ss[prefix + "description"].strip(), "proofs": lines(ss[prefix + "proofs"], semicolons=False),
        "price": ss[prefix + "price"].strip(), "months": sorted(int(m) for m in ss[prefix + "months"]),
        "link": ss[prefix + "link"].strip(), "hashtag": ss[prefix + "hashtag"].strip(),
    }


def offer_title(offer: dict) -> str:
    """"robe Lila · Produit · 129 €": what the collapsed expander shows."""
    parts = [offer["name"], choice_label("kind")(offer["kind"])]
    if offer.get("price"):
        parts.append(offer["price"])
    return " · ".join(parts)
