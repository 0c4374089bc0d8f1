"""Rédaction's live text box: a text area that reports its value after a typing pause.

The box is an ``st.components.v2`` component whose JavaScript is ``live_text.js`` beside
this module. ``live_text(key)`` edits ``st.session_state[key]`` like a widget would; the
box is only rewritten when Python changed that value (a fix, another post), so typing
goes on undisturbed while the score reruns.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

JS = (Path(__file__).with_name("live_text.js")).read_text(encoding="utf-8")


def live_text(key: str, *, label: str, lang: str, height: int) -> None:
    """Show the box editing ``st.session_state[key]`` (a string)."""
    text = st.session_state[key]
    if st.session_state.get(key + "_seen") != text:  # changed by Python, not typed in the box
        st.session_state[key + "_rev"] = st.session_state.get(key + "_rev", 0) + 1
        st.session_state[key + "_seen"] = text

    def typed() -> None:
        value = (st.session_state.get(key + "_box") or {}).get("text")
        if isinstance(value, str):
            st.session_state[key] = value
            st.session_state[key + "_seen"] = value

    # Registered on every run: the registry belongs to the running Streamlit server.
    box = st.components.v2.component("calame_live_text", js=JS)
    box(key=key + "_box", data={"text": text, "rev": st.session_state[key + "_rev"], "label": label,
                                "height": height, "lang": lang},
        on_text_change=typed)
