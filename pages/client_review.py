"""The client's page: one sent calendar opened by its review link (``?review=<token>``), without
the team's sign-in. The work is in core.client.review_link; this page shows what ``open_link``
returns (everything the client or the team typed as text, never Markdown or HTML) and sends
the answers through ``submit_answers``, which acts as the link's client and nobody else."""

from __future__ import annotations

import streamlit as st
from babel import Locale

from core import db
from core.accounts import context
from core.client.docx_export import day_text
from core.client.review_link import OVERALL, ReviewError, open_link, submit_answers
from core.i18n import LANGS, t
from pages import frame
from pages.frame import md

PIN = "client_review_pin"
PIN_ERRORS = ("review.pin_required", "review.pin_wrong", "review.pin_locked")


def _session():
    """A transaction that acts as nobody: ``core.client.review_link`` takes the link's client
    actor itself, whatever a signed-in tab left in this session's state."""
    context.set_actor(None)
    return db.transaction(frame.get_engine())


def _say(exc: ReviewError, lang: str) -> str:
    return t(exc.key, lang, **{k: md(v) if isinstance(v, str) else v for k, v in exc.params.items()})


def _visitor() -> tuple[str, str]:
    """(the visitor's address, for the throttle of wrong links; the language of its browser)."""
    ip = getattr(st.context, "ip_address", None) or ""
    locale = (getattr(st.context, "locale", None) or "fr")[:2]
    return ip, locale if locale in LANGS else "fr"


def _count(key: str, count: int, lang: str) -> str:
    form = "one" if Locale.parse(lang).plural_form(abs(count)) == "one" else "other"
    return t(f"{key}.{form}", lang, count=count)


def _pin_form(lang: str, error: ReviewError) -> None:
    st.title(t("client.pin_open", lang))
    (st.info if error.key == "review.pin_required" else st.error)(_say(error, lang))
    with st.form("client_review_pin_form"):
        pin = st.text_input(t("client.pin", lang), type="password", key="client_review_pin_input", max_chars=12)
        if st.form_submit_button(t("client.pin_open", lang), type="primary"):
            st.session_state[PIN] = pin
            st.rerun()


def page() -> None:
    token = st.query_params.get("review", "")
    ip, lang = _visitor()
    try:
        with _session() as s:
            view = open_link(token, st.session_state.get(PIN), session=s, client=ip)
    except ReviewError as exc:
        if exc.key in PIN_ERRORS:
            _pin_form(lang, exc)
        else:
            st.title("Calame")
            st.error(_say(exc, lang))
        return
    lang = view.lang
    until = day_text(view.until, lang, "d MMMM y")
    st.title(t("client.title", lang, brand=md(view.brand)))
    st.caption(t("client.period", lang, start=day_text(view.period_from, lang, "d MMMM y"),
                 end=day_text(view.period_to, lang, "d MMMM y")))
    if view.capability == "read":
        st.info(t("client.read_only", lang))
    else:
        st.write(t("client.intro", lang, date=until))
    if view.capability == "comment":
        st.info(t("client.comment_only", lang))
    if view.deadline:
        st.caption(t("client.tacit", lang, date=day_text(view.deadline, lang, "EEEE d MMMM y")))
    before = view.answers or {}
    if before.get("rows"):
        st.caption(t("client.answered_before", lang, date=until))
    if not view.posts:
        st.info(t("client.no_posts", lang))
        return
    labels = dict(view.decisions)
    choices = [""] + [key for key, _ in view.decisions]
    answering = view.capability != "read"
    rows = {}
    with st.form("client_review_form", border=False):
        for post in view.posts:
            given = (before.get("rows") or {}).get(post.ref, {})
            with st.container(border=True, key=f"client_post_{post.ref}"):
                when = t("client.when", lang, day=post.day, time=post.time) if post.time else post.day
                bits = [f"**{md(post.ref)}**", md(when), md(post.network)] + [md(x) for x in (post.format, post.pillar) if x]
                st.markdown(" · ".join(bits))
                st.text(post.text)
                for key, value in (("client.hashtags", post.hashtags), ("client.link", post.link),
                                   ("client.visual", post.visual)):
                    if value:
                        st.caption(f"{t(key, lang)}{chr(160) if lang == 'fr' else ''}: {md(value)}")
                if post.changed:
                    st.warning(t("client.changed", lang))
                if not answering:
                    continue
                decision = ""
                if view.capability == "decide":
                    previous = given.get("decision", "")
                    decision = st.radio(t("client.decision", lang), choices, horizontal=True,
                                        index=choices.index(previous) if previous in choices else 0,
                                        format_func=lambda k: labels.get(k) or t("client.no_decision", lang),
                                        key=f"client_decision_{post.ref}")
                comment = st.text_area(t("client.comment", lang), value=given.get("comment", ""),
                                       key=f"client_comment_{post.ref}", height=80)
                text = st.text_area(t("client.text", lang), value=given.get("text") or post.text,
                                    key=f"client_text_{post.ref}", height=120)
                rows[post.ref] = {"decision": decision, "comment": comment,
                                  "text": "" if text.strip() == post.text.strip() else text}
        if not answering:
            st.form_submit_button(t("client.send", lang), disabled=True)
            return
        overall_choices = [""] + list(OVERALL)
        overall = st.radio(t("client.overall", lang), overall_choices,
                           index=overall_choices.index(before.get("overall", "")) if before.get("overall", "") in
                           overall_choices else 0, key="client_overall",
                           format_func=lambda o: t(f"docx.global_{o}", lang) if o else t("client.overall_none", lang))
        name = st.text_input(t("client.name", lang), value=before.get("name", ""), key="client_name", max_chars=80)
        sent = st.form_submit_button(t("client.send", lang), type="primary")
    if not sent:
        return
    try:
        with _session() as s:
            plan = submit_answers(token, {"name": name, "overall": overall, "rows": rows}, session=s,
                                  pin=st.session_state.get(PIN), client=ip, lang=lang)
    except ReviewError as exc:
        st.error(_say(exc, lang))
        return
    totals = plan.totals()
    decided = sum(1 for r in rows.values() if r["decision"])
    st.success(t("client.sent", lang, name=md(name.strip()), date=until,
                 decisions=_count("client.sent_decisions", decided, lang),
                 comments=_count("client.sent_comments", sum(1 for r in rows.values() if r["comment"].strip()), lang)))
    if totals["conflicts"]:
        st.info(t("client.sent_changed", lang))
