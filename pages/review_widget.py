"""The internal review on the screens: « À relire en interne » and « Valider en interne » in
Rédaction, and on the Validation screen the posts still awaiting it, kept out of what goes
to the client. The rules are in core.accounts.review; this only shows them."""

from __future__ import annotations

import streamlit as st

from core.accounts import review
from core.accounts.permissions import can, role_on
from core.client.docx_export import export_brand
from core.i18n import MessageError
from core.models import Post
from pages import frame
from pages.frame import md, tr, trn

ERROR = "review_widget_error"


def _can_review(s, brand_id: int) -> bool:
    actor = st.session_state.get("calame_actor")
    return actor is not None and can(role_on(s, actor.user_id, brand_id), "post.review")


def _approve(post_id: int, version: int) -> None:
    try:
        with frame.session() as s:
            review.approve(post_id, version, session=s)
    except MessageError as exc:
        st.session_state[ERROR] = exc


def _error() -> None:
    error = st.session_state.pop(ERROR, None)
    if error is not None:
        st.error(frame.say(error))


def post_review(post_id: int | None) -> None:
    """Rédaction, beside the status: whether the post awaits its review, and the button for
    a reviewer (it approves the version shown, refused if it changed since)."""
    if post_id is None:
        return
    with frame.session() as s:
        post = s.get(Post, post_id)
        if post is None:
            return
        needs, by, at, version = post.needs_review, post.reviewed_by, post.reviewed_at, post.version
        reviewer = needs and _can_review(s, post.brand_id)
    _error()
    if needs:
        st.warning(tr("review.badge"), icon=":material/rate_review:")
        st.caption(tr("review.badge_help"))
        if reviewer:
            st.button(tr("review.approve"), key=f"review_approve_{post_id}", type="primary",
                      on_click=frame.guarded(_approve), args=(post_id, version))
    elif by:
        st.caption(tr("review.reviewed", name=md(by), when=at.strftime("%d/%m/%Y %H:%M") if at else "-"))


def for_client(brand_id: int, calendar):
    """Validation, before the send: the period's posts awaiting their review (each with its
    button for a reviewer), left out of the ICS and CSV files; returns the calendar for those
    files and whether the Word send takes only the reviewed posts (else it is refused)."""
    with frame.session() as s:
        waiting = {p.ref: (p.id, p.version) for p in s.exec(
            review_select(brand_id, [p.get("post_id") for p in calendar.posts]))}
        reviewer = bool(waiting) and _can_review(s, brand_id)
        calendar = review.for_client(calendar, session=s, only_reviewed=True)
    _error()
    if not waiting:
        return calendar, False
    refs = list(calendar.left_out)
    st.warning(trn("review.left_out", len(refs), refs=", ".join(md(r) for r in refs)))
    if reviewer:
        with st.expander(tr("review.awaiting_title")):
            for ref in refs:
                post_id, version = waiting[ref]
                st.button(f"{tr('review.approve')} · {md(ref)}", key=f"review_send_approve_{post_id}",
                          on_click=frame.guarded(_approve), args=(post_id, version))
    only = st.checkbox(tr("review.only_reviewed"), key="review_only_reviewed")
    return calendar, only


def review_select(brand_id: int, post_ids: list):
    from sqlmodel import select

    return select(Post).where(Post.brand_id == brand_id, Post.needs_review.is_(True),
                              Post.id.in_([i for i in post_ids if i is not None]))


def send_word(brand_id: int, start, end, only_reviewed: bool):
    """The Word send, or None with the refusal shown (posts awaiting review, a role that may
    not send)."""
    try:
        with frame.session() as s:
            return export_brand(brand_id, start, end, session=s, created_by=frame.author(),
                                only_reviewed=only_reviewed)
    except MessageError as exc:
        st.error(frame.say(exc))
        return None
