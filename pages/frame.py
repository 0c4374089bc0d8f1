"""What every screen shares: UI language, the database engine, the current brand, spaCy.

Pages import this module; it is the only place where the UI caches engine resources
(``st.cache_resource``), so that the database is migrated and the French pipeline loaded
once per server process, not once per page or rerun.
"""

from __future__ import annotations

import streamlit as st

from core import db, demo
from core.language import nlp as core_nlp
from core.i18n import t

KEEP = "session"
"""The ``persist_state`` of every input widget of the screens: Streamlit keeps its value
while its page is not shown, so what was typed survives reruns, page switches and a
language switch (the key, not the translated label, names the widget)."""


def lang() -> str:
    return st.session_state.get("lang", "fr")


def tr(key: str, **params) -> str:
    return t(key, lang(), **params)


@st.cache_resource(show_spinner=False)
def get_engine():
    """The database engine, migrated, with the demo brand on first start."""
    engine = db.get_engine()
    demo.ensure_demo(engine)
    return engine


@st.cache_resource(show_spinner=False)
def start_nlp_preload():
    """Start loading the French pipeline in the background as soon as the app starts."""
    return core_nlp.preload(("fr",))


@st.cache_resource(show_spinner=False)
def get_nlp(language: str):
    return core_nlp.get_nlp(language)


def session():
    """A transactional session: commits at the end of the ``with`` block, or rolls back."""
    return db.transaction(get_engine())


def brand_id() -> int | None:
    return st.session_state.get("brand_id")


def require_brand() -> int:
    """The current brand's id, or stop the page with a notice when there is none."""
    bid = brand_id()
    if bid is None:
        st.info(tr("frame.no_brand"))
        st.stop()
    return bid
