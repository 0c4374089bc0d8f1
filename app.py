"""Calame's Streamlit entry point: the router and the frame (sidebar, language, brand, author)."""

import streamlit as st

from core.brands import list_brands
from core.db import DatabaseError
from pages import account, client_review, frame, team
from pages.frame import KEEP, tr

st.set_page_config(page_title="Calame", page_icon=":material/edit_calendar:", layout="wide")

st.session_state.setdefault("lang", "fr")
st.session_state.setdefault("brand_id", None)

LANG_LABELS = {"fr": "Français", "en": "English"}


def main() -> None:
    if "review" in st.query_params:  # a client's review link: one sent calendar, no team sign-in
        st.navigation([st.Page(client_review.page, title="Calame", icon=":material/task_alt:", url_path="avis")],
                      position="hidden").run()
        return
    frame.start_nlp_preload()
    try:
        frame.get_engine()
        if not account.gate(frame.session):
            st.navigation([st.Page(lambda: account.sign_in_page(frame.session), title=tr("signin.title"),
                                   icon=":material/login:", url_path="connexion")]).run()
            return
        with frame.session() as s:
            brands = [(b.id, b.name) for b in list_brands(session=s)]
    except DatabaseError as exc:
        st.error(tr("frame.db_error", error=exc))
        st.stop()

    with st.sidebar:
        # The label must not change with the language: Streamlit would take the radio for a new
        # widget and reset it to French on the very click that asked for English.
        st.radio("Langue · Language", list(LANG_LABELS), format_func=LANG_LABELS.get, key="lang", horizontal=True)
        ids = [bid for bid, _ in brands]
        if "pending_brand_id" in st.session_state:  # a page created, duplicated or archived a brand
            st.session_state.brand_id = st.session_state.pop("pending_brand_id")
        names = dict(brands)
        if st.session_state.brand_id not in ids:
            st.session_state.brand_id = ids[0] if ids else None
        if ids:
            st.selectbox(tr("frame.brand"), ids, format_func=names.get, key="brand_id")
        if st.session_state.get(account.ACTOR) is None:  # with accounts, the signed-in account is the author
            st.text_input(tr("frame.author"), key="author", persist_state=KEEP, help=tr("frame.author_help"))

    pages = [
        st.Page("pages/strategy.py", title=tr("nav.strategy"), icon=":material/explore:", url_path="strategie", default=True),
        st.Page("pages/keywords.py", title=tr("nav.keywords"), icon=":material/key:", url_path="mots-cles"),
        st.Page("pages/editorial_line.py", title=tr("nav.editorial"), icon=":material/view_quilt:", url_path="ligne-editoriale"),
        st.Page("pages/calendar.py", title=tr("nav.calendar"), icon=":material/calendar_month:", url_path="calendrier"),
        st.Page("pages/editor.py", title=tr("nav.editor"), icon=":material/edit_note:", url_path="redaction"),
        st.Page("pages/validation.py", title=tr("nav.validation"), icon=":material/task_alt:", url_path="validation-client"),
        st.Page("pages/results.py", title=tr("nav.results"), icon=":material/insights:", url_path="resultats"),
        st.Page("pages/sponsoring.py", title=tr("nav.media"), icon=":material/campaign:", url_path="sponsorisation"),
        st.Page("pages/crisis.py", title=tr("nav.crisis"), icon=":material/crisis_alert:", url_path="crise"),
        st.Page("pages/agency.py", title=tr("nav.agency"), icon=":material/apartment:", url_path="agence"),
        *([st.Page(team.page, title=tr("nav.team"), icon=":material/group:", url_path="equipe")] if team.visible() else []),
    ]
    st.navigation(pages).run()


with frame.boundary():
    main()
