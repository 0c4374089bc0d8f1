"""Rédaction: edit a draft with its score updating live, apply fixes, preview, save.

The text area, the score, the suggestions and the preview live in one ``st.fragment``:
committing the text (Ctrl+Entrée or leaving the field) reruns only that fragment, not the
page. Saving goes through ``core.posts.save_post``: a save over a newer version is refused
and both versions are shown side by side.
"""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import streamlit as st

from core import labels
from core import networks as net
from core import scoring
from core.client.calendar import REF_RE
from core.dates import add_months
from core.language import typography
from core.db import DatabaseError
from core.models import Brand, Post
from core.posts import (ConflictError, PostError, comments_of, create_post, decisions_of, history, restore_version,
                        mark_comment_done, posts_between, save_post, to_fix)
from core.posts import answer_comment, answers_of, find_post
from core.refdata import OBJECTIVES
from pages import frame, review_widget, visual_widget
from pages.frame import KEEP, lang, md, tr, trn
from pages.live_text import live_text

P = "ed_"  # prefix of this page's session-state keys
SEVERITY_COLOURS = {"error": "#f8c4c4", "warning": "#fde7b0", "info": "#d6e6fb"}

brand_id = frame.require_brand()
st.title(tr("nav.editor"))
with frame.session() as _s:
    tz = ZoneInfo(_s.get(Brand, brand_id).timezone or "Europe/Paris")


def _brand_dict(bid: int) -> dict:
    with frame.session() as s:
        b = s.get(Brand, bid)
        return {"name": b.name, "address": b.address, "emojis": b.emojis,
                "words_to_avoid": list(b.words_to_avoid), "brand_hashtag": b.brand_hashtag}


def _post_dict(post: Post) -> dict:
    return {"id": post.id, "ref": post.ref, "text": post.text or "", "network": post.network,
            "format": post.format, "objective": post.objective, "keywords": list(post.keywords or []),
            "version": post.version, "publish_at": post.publish_at, "status": post.status,
            "score": post.score, "updated_by": post.updated_by, "internal_notes": post.internal_notes or ""}


WIDGETS = ("text", "network", "keywords", "objective", "format", "notes")
DEFAULTS = {"text": "", "network": "instagram", "keywords": "", "objective": "", "format": "", "notes": ""}


def _keep() -> None:
    """Copy what the widgets hold into ``ed_keep``: a plain session key, which Streamlit never
    drops, while it forgets a widget's value when its page is left or its label changes."""
    st.session_state[P + "keep"] = {k: st.session_state.get(P + k, DEFAULTS[k]) for k in WIDGETS}


def _restore() -> None:
    """Give the widgets back what they held (``ed_keep``) when Streamlit dropped them."""
    kept = st.session_state.get(P + "keep") or {}
    for k in WIDGETS:
        if P + k not in st.session_state:
            st.session_state[P + k] = kept.get(k, DEFAULTS[k])


def _set_url(ref: str | None) -> None:
    """The address names the post being edited: a reload, a bookmark or a colleague's link
    opens that post (``?ref=``)."""
    if ref:
        if st.query_params.get("ref") != ref:
            st.query_params["ref"] = ref
    elif "ref" in st.query_params:
        del st.query_params["ref"]


def _load_post(post_id: int | None) -> None:
    """Put a post (or a blank text) into the editor's state."""
    st.session_state[P + "conflict"] = None
    st.session_state[P + "saved"] = None
    st.session_state[P + "save_failed"] = None
    if post_id is None:
        st.session_state.update({P + "post_id": None, P + "version": None, P + "ref": None, P + "text": "",
                                 P + "keywords": "", P + "objective": "", P + "format": "", P + "notes": "",
                                 P + "pick": None})
        _keep()
        _set_url(None)
        return
    with frame.session() as s:
        post = s.get(Post, post_id)
        data = _post_dict(post) if post else None
    if data is None:
        return
    st.session_state.update({
        P + "post_id": data["id"], P + "version": data["version"], P + "ref": data["ref"], P + "text": data["text"],
        P + "network": data["network"] if net.rules(data["network"]) else "instagram",
        P + "keywords": ", ".join(data["keywords"]), P + "objective": data["objective"] or "",
        P + "format": data["format"] if data["format"] in labels.FORMATS else "",
        P + "notes": data["internal_notes"], P + "pick": data["id"], P + "brand": brand_id,
    })
    _keep()
    _set_url(data["ref"])


@frame.guarded
def _on_pick() -> None:
    _load_post(st.session_state.get(P + "pick"))


for key, default in (("post_id", None), ("version", None), ("ref", None), ("conflict", None),
                     ("saved", None), ("save_failed", None), ("open", None)):
    st.session_state.setdefault(P + key, default)
_restore()
if st.session_state[P + "post_id"] is not None and st.session_state.get(P + "brand") != brand_id:
    _load_post(None)  # another brand was chosen in the sidebar: its posts, not this one

# The post comes from the address (…/redaction?ref=LILA-2027-03-014: the calendar, the .ics
# events, a colleague's link) or, without one, from this session: never reset silently.
# Anyone can write a link: what is not a reference is never echoed (it could be Markdown).
_ref = st.query_params.get("ref")
if _ref and _ref != st.session_state[P + "ref"]:
    if not REF_RE.match(_ref):
        st.warning(tr("editor.ref_invalid"))
    else:
        with frame.session() as s:
            _found = find_post(_ref, session=s)  # a link sent with a former reference (CAL-…) too
            _target = (_found.id, _found.brand_id) if _found else None
        if _target is None:
            st.warning(tr("editor.ref_unknown", ref=_ref))
        elif _target[1] != brand_id:
            st.session_state["pending_brand_id"] = _target[1]
            st.rerun()
        else:
            st.session_state[P + "open"] = _target[0]
elif not _ref and st.session_state[P + "ref"]:
    _set_url(st.session_state[P + "ref"])

# A post chosen in the list view or the "to fix" queue opens here.
if st.session_state[P + "open"] is not None:
    _load_post(st.session_state[P + "open"])
    st.session_state[P + "open"] = None

brand = _brand_dict(brand_id)
tab_edit, tab_list = st.tabs([tr("editor.tab_edit"), tr("editor.tab_list")])


def _keywords() -> list[str]:
    return [k.strip() for k in st.session_state[P + "keywords"].split(",") if k.strip()]


@st.cache_data(show_spinner=False, max_entries=256)
def _score_cached(text, network, keywords, objective, fmt, brand_items, ui):
    return scoring.score(text, network, keywords=list(keywords), objective=objective or None,
                         format=fmt or None, brand=dict(brand_items), ui_lang=ui).to_dict()


def _score_now() -> dict:
    brand_items = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(brand.items()))
    return _score_cached(st.session_state[P + "text"], st.session_state[P + "network"], tuple(_keywords()),
                         st.session_state[P + "objective"], st.session_state[P + "format"],
                         brand_items, lang())


@frame.guarded
def _apply_fix(suggestion: dict) -> None:
    st.session_state[P + "text"] = scoring.apply_fix(st.session_state[P + "text"], suggestion)


@frame.guarded
def _fix_all() -> None:
    st.session_state[P + "text"] = typography.fix_all(st.session_state[P + "text"],
                                                       "en" if _text_lang() == "en" else "fr")


def _text_lang() -> str:
    from core.language.detect import resolve

    return resolve(st.session_state[P + "text"])


def _highlighted(text: str, suggestions: list[dict]) -> str:
    """The text as HTML with each suggestion's span marked (the first of overlapping ones)."""
    rank = {"error": 0, "warning": 1, "info": 2}
    chosen: list[dict] = []
    # Errors first, then the shortest spans: a long sentence must not hide a typo inside it.
    for s in sorted((s for s in suggestions if s["end"] > s["start"]),
                    key=lambda s: (rank.get(s["severity"], 3), s["end"] - s["start"], s["start"])):
        if all(s["end"] <= c["start"] or s["start"] >= c["end"] for c in chosen):
            chosen.append(s)
    out, pos = [], 0
    for s in sorted(chosen, key=lambda s: s["start"]):
        out.append(html.escape(text[pos:s["start"]]))
        colour = SEVERITY_COLOURS.get(s["severity"], "#eee")
        out.append(f'<mark style="background:{colour}" title="{html.escape(s["message"], quote=True)}">'
                   f'{html.escape(text[s["start"]:s["end"]])}</mark>')
        pos = s["end"]
    out.append(html.escape(text[pos:]))
    return ('<div class="calame-highlight" style="white-space:pre-wrap;border:1px solid #ddd;'
            'border-radius:6px;padding:0.6em;font-size:0.95em">' + "".join(out) + "</div>")


@frame.guarded
def _save() -> None:
    text = st.session_state[P + "text"]
    st.session_state[P + "save_failed"] = None
    result = _score_now()
    changes = {"text": text, "network": st.session_state[P + "network"], "keywords": _keywords(),
               "objective": st.session_state[P + "objective"], "format": st.session_state[P + "format"],
               "internal_notes": st.session_state[P + "notes"], "score": float(result["score"])}
    author, post_id, version = frame.author(), st.session_state[P + "post_id"], st.session_state[P + "version"]

    def work(s) -> tuple[int, int, str]:
        if post_id is None:
            post = create_post(brand_id, session=s, saved_by=author, status="brouillon", **changes)
        else:
            post = save_post(post_id, version, changes, session=s, saved_by=author)
        return post.id, post.version, post.ref

    try:
        # The editor's state changes only once the save is committed.
        new_id, new_version, ref = frame.write(work)
        st.session_state[P + "post_id"], st.session_state[P + "version"] = new_id, new_version
        st.session_state[P + "ref"], st.session_state[P + "brand"] = ref, brand_id
        _set_url(ref)
        st.session_state[P + "saved"] = (ref, new_version)
        st.session_state[P + "conflict"] = None
    except ConflictError as exc:
        st.session_state[P + "conflict"] = {"mine": text, "theirs": exc.theirs}
        st.session_state[P + "saved"] = None
    except DatabaseError as exc:  # locked or out of reach: nothing written, the text stays in the editor
        st.session_state[P + "save_failed"] = exc
        st.session_state[P + "saved"] = None


@frame.guarded
def _restore_version(version: int) -> None:
    """Bring an older version back as the newest, with the lock: a colleague's save since is a conflict."""
    post_id, expected, author = st.session_state[P + "post_id"], st.session_state[P + "version"], frame.author()
    try:
        post = frame.write(lambda s: restore_version(post_id, version, expected, session=s, saved_by=author))
    except ConflictError as exc:
        st.session_state[P + "conflict"] = {"mine": st.session_state[P + "text"], "theirs": exc.theirs}
        return
    except (DatabaseError, PostError) as exc:
        st.session_state[P + "save_failed"] = exc
        return
    _load_post(post.id)
    st.session_state[P + "saved"] = (post.ref, post.version)


@frame.guarded
def _keep_theirs() -> None:
    theirs = st.session_state[P + "conflict"]["theirs"]
    if theirs is None:
        _load_post(None)
        return
    st.session_state[P + "text"] = theirs["text"]
    st.session_state[P + "version"] = theirs["version"]
    st.session_state[P + "conflict"] = None


@frame.guarded
def _keep_mine() -> None:
    theirs = st.session_state[P + "conflict"]["theirs"]
    st.session_state[P + "text"] = st.session_state[P + "conflict"]["mine"]
    if theirs is None:
        st.session_state[P + "post_id"] = None
    else:
        st.session_state[P + "version"] = theirs["version"]
    _save()


def _text_box() -> None:
    """The live box in a browser; the plain text area when live scoring is off (and in AppTest)."""
    if st.session_state.get(P + "live", True):
        live_text(P + "text", label=tr("editor.text"), lang=lang(), height=260)
    else:
        st.text_area(tr("editor.text"), key=P + "text", height=260, persist_state=KEEP, help=tr("editor.text_help"))


@st.fragment
def live_editor() -> None:
    """Text, score, suggestions and preview: one fragment, rerun after each typing pause.

    Its reruns do not go through app.py: it has its own error boundary."""
    with frame.boundary():
        _live_editor()
        _keep()


def _live_editor() -> None:
    left, right = st.columns([3, 2])
    with left:
        st.toggle(tr("editor.live"), key=P + "live", value=True, persist_state=KEEP, help=tr("editor.live_help"))
        _text_box()
        result = _score_now()
        st.markdown(_highlighted(st.session_state[P + "text"], result["suggestions"]), unsafe_allow_html=True)
        b1, b2 = st.columns(2)
        b1.button(tr("editor.fix_all"), key="edb_fix_all", on_click=_fix_all, width="stretch")
        b2.button(tr("editor.save"), key="edb_save", type="primary", on_click=_save, width="stretch")
        if st.session_state[P + "save_failed"]:
            st.error(tr("editor.save_failed", error=st.session_state[P + "save_failed"]))
        if st.session_state[P + "saved"]:
            ref, version = st.session_state[P + "saved"]
            st.success(tr("editor.saved", ref=ref, version=version))
        conflict = st.session_state[P + "conflict"]
        if conflict:
            theirs = conflict["theirs"]
            if theirs is None:
                st.error(tr("editor.conflict_deleted"))
            else:
                st.error(tr("editor.conflict", version=theirs["version"], who=md(theirs.get("updated_by") or "?")))
            c_mine, c_theirs = st.columns(2)
            c_mine.caption(tr("editor.conflict_mine"))
            c_mine.code(conflict["mine"], language=None, wrap_lines=True)
            c_theirs.caption(tr("editor.conflict_theirs"))
            c_theirs.code(theirs["text"] if theirs else "", language=None, wrap_lines=True)
            c_mine.button(tr("editor.keep_mine"), key="edb_keep_mine", on_click=_keep_mine)
            c_theirs.button(tr("editor.keep_theirs"), key="edb_keep_theirs", on_click=_keep_theirs)
    with right:
        st.metric(tr("editor.score"), f"{result['score']}/100")
        if not result.get("grammar_checked", True):
            st.warning(result["grammar"]["message"])
        for name, value in result["subscores"].items():
            st.progress(value / 100, text=f"{tr('score.sub.' + name)} : {value}")
        stats = result["stats"]
        if stats.get("max_length"):
            st.caption(tr("editor.length", length=stats.get("length", 0), limit=stats["max_length"]))
        st.subheader(tr("editor.suggestions"))
        if not result["suggestions"]:
            st.caption(tr("editor.no_suggestion"))
        for index, s in enumerate(result["suggestions"]):
            icon = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]",
                    "info": ":blue[:material/info:]"}.get(s["severity"], "•")
            excerpt = st.session_state[P + "text"][s["start"]:s["end"]]
            line = f"{icon} {md(s['message'])}"  # a message may quote the text: both are shown as typed
            if excerpt.strip() and len(excerpt) <= 80:
                line += f" — « {md(excerpt.strip())} »"
            if s["fix"] is not None:
                c_msg, c_btn = st.columns([3, 1.3])
                c_msg.markdown(line)
                c_btn.button(tr("editor.fix"), key=f"edb_fix_{index}_{s['code']}_{s['start']}",
                             on_click=_apply_fix, args=(s,))
            else:
                st.markdown(line)
        st.subheader(tr("editor.preview", network=labels.network(st.session_state[P + "network"], lang())))
        visible, hidden = net.preview(st.session_state[P + "text"], st.session_state[P + "network"])
        shown = html.escape(visible)
        if hidden:
            shown += f' <span style="color:#888">{html.escape(tr("editor.see_more"))}</span>'
        st.markdown('<div class="calame-preview" style="white-space:pre-wrap;background:#fafafa;'
                    'border:1px solid #ddd;border-radius:8px;padding:0.8em">' + shown + "</div>",
                    unsafe_allow_html=True)


def _when(value) -> str:
    return labels.when(value, tz, lang()) if value else "—"


@frame.guarded
def _mark(comment_id: int, done: bool) -> None:
    try:
        frame.write(lambda s: mark_comment_done(comment_id, session=s, done_by=frame.author(), done=done))
    except (DatabaseError, PostError) as exc:
        st.session_state[P + "panel_error"] = exc


@frame.guarded
def _answer(comment_id: int, done: bool) -> None:
    """Record the answer typed under a comment (author: the signed-in user, else « Votre nom »)."""
    key = f"ed_answer_{comment_id}"
    body = str(st.session_state.get(key) or "")
    try:
        frame.write(lambda s: answer_comment(comment_id, body, session=s, author=frame.author(), done=done))
    except (DatabaseError, PostError) as exc:
        st.session_state[P + "panel_error"] = exc
    else:
        st.session_state[key] = ""
        st.session_state[P + "panel_flash"] = tr("editor.answered_done" if done else "editor.answered")


def _to_fix_queue() -> None:
    """The posts the client sent back, oldest request first: the CM's work list."""
    with frame.session() as s:
        queue = [(p.id, p.ref, p.network, p.publish_at, asked) for p, asked in to_fix(brand_id, session=s)]
    if not queue:
        st.caption(tr("editor.to_fix_none"))
        return
    with st.expander(trn("editor.to_fix", len(queue)), expanded=True):
        for post_id, ref, network, publish_at, asked in queue:
            c1, c2 = st.columns([5, 1])
            c1.markdown(md(tr("editor.to_fix_line", ref=ref, network=labels.network(network, lang()),
                              when=_when(publish_at), asked=_when(asked) if asked else tr("editor.to_fix_by_hand"))))
            if c2.button(tr("editor.open_this"), key=f"edb_fix_open_{post_id}"):
                st.session_state[P + "open"] = post_id
                st.rerun()


def _post_panel() -> None:
    """Beside the text: the post's status, the client's decisions and comments, the notes."""
    post_id = st.session_state[P + "post_id"]
    if post_id is None:
        st.caption(tr("editor.no_post"))
        st.text_area(tr("editor.notes"), key=P + "notes", height=90, persist_state=KEEP, on_change=_keep)
        return
    with frame.session() as s:
        post = s.get(Post, post_id)
        current = post.status if post else ""
        decisions = [(a.decided_at, a.status, a.decided_by, a.source) for a in decisions_of(post_id, session=s)]
        comments = [(c.id, c.author, c.created_at, c.body, c.conflict, c.done_at, c.done_by)
                    for c in comments_of(post_id, session=s)]
        answers = {cid: [(a.author, a.created_at, a.body) for a in rows]
                   for cid, rows in answers_of(post_id, session=s).items()}
    colour, _ = labels.STATUS_STYLE.get(current, ("#888888", ""))
    st.markdown(f'<div class="calame-status" style="display:inline-block;background:{colour};color:#fff;'
                f'border-radius:12px;padding:2px 10px;font-weight:600">'
                f'{html.escape(labels.status_badge(current, lang()))}</div>', unsafe_allow_html=True)
    review_widget.post_review(post_id)
    st.text_area(tr("editor.notes"), key=P + "notes", height=90, persist_state=KEEP, on_change=_keep)
    error = st.session_state.pop(P + "panel_error", None)
    if error is not None:
        st.error(frame.say(error))
    flash = st.session_state.pop(P + "panel_flash", None)
    if flash:
        st.success(flash)
    st.markdown(f"**{tr('editor.decisions')}**")
    if not decisions:
        st.caption(tr("editor.no_decision"))
    for when, status, who, source in decisions:
        st.caption(tr("editor.decision_line", when=_when(when), status=labels.status_badge(status, lang()),
                      who=md(who) if who else tr(f"editor.decision_source.{source}")))
    st.markdown(f"**{tr('editor.comments')}**")
    if not comments:
        st.caption(tr("editor.no_comment"))
    for cid, who, when, body, conflict, done_at, done_by in comments:
        with st.container(border=True, key=f"ed_comment_{cid}"):
            st.caption(tr("editor.comment_head", who=md(who) if who else tr("editor.someone"), when=_when(when)))
            st.markdown(md(body))
            if conflict:
                st.caption(tr("editor.comment_conflict"))
            for a_who, a_when, a_body in answers.get(cid, []):
                st.caption(tr("editor.answer_head", who=md(a_who) if a_who else tr("editor.someone"),
                              when=_when(a_when)))
                st.markdown(md(a_body))
            st.text_area(tr("editor.answer"), key=f"ed_answer_{cid}", height=68, placeholder=tr("editor.answer_hint"))
            c1, c2 = st.columns(2)
            c1.button(tr("editor.answer_button"), key=f"edb_answer_{cid}", on_click=_answer, args=(cid, False))
            if not done_at:
                c2.button(tr("editor.answer_and_done"), key=f"edb_answer_done_{cid}", on_click=_answer,
                          args=(cid, True))
            if done_at:
                st.caption(tr("editor.comment_done", who=md(done_by) if done_by else tr("editor.someone"),
                              when=_when(done_at)))
                st.button(tr("editor.reopen"), key=f"edb_reopen_{cid}", on_click=_mark, args=(cid, False))
            else:
                st.button(tr("editor.mark_done"), key=f"edb_done_{cid}", on_click=_mark, args=(cid, True))


with tab_edit:
    _to_fix_queue()
    with frame.session() as s:
        start = datetime.now(timezone.utc) - timedelta(days=60)
        posts = [_post_dict(p) for p in posts_between(brand_id, start, None, session=s)]
        current_id = st.session_state[P + "post_id"]
        if current_id is not None and current_id not in {p["id"] for p in posts}:
            current = s.get(Post, current_id)  # an older post opened by its link stays pickable
            if current is not None:
                posts.insert(0, _post_dict(current))
    options = [None] + [p["id"] for p in posts]
    names = {p["id"]: tr("editor.pick_line", ref=p["ref"], when=_when(p["publish_at"]),
                         network=labels.network(p["network"], lang()), status=labels.status(p["status"], lang()))
             for p in posts}
    st.session_state[P + "pick"] = st.session_state[P + "post_id"] if st.session_state[P + "post_id"] in options else None
    main, side = st.columns([4, 1.5])
    with main:
        top = st.columns([3, 2])
        # Streamlit shows a None value as the placeholder (its own English "Choose an option"): name it.
        top[0].selectbox(tr("editor.pick"), options, key=P + "pick", on_change=_on_pick,
                         placeholder=tr("editor.blank"),
                         format_func=lambda i, blank=tr("editor.blank"): blank if i is None else names.get(i, str(i)))
        top[1].selectbox(tr("editor.network"), net.known_networks(), key=P + "network", persist_state=KEEP,
                         on_change=_keep, format_func=lambda k: labels.network(k, lang()))
        mid = st.columns([3, 2, 2])
        mid[0].text_input(tr("editor.keywords"), key=P + "keywords", persist_state=KEEP, on_change=_keep,
                          help=tr("editor.keywords_help"))
        objectives = [""] + list(OBJECTIVES)
        if st.session_state[P + "objective"] not in objectives:
            st.session_state[P + "objective"] = ""
        mid[1].selectbox(tr("editor.objective"), objectives, key=P + "objective", persist_state=KEEP, on_change=_keep,
                         format_func=lambda k, L=lang(): labels.objective(k, L) if k else "—")
        formats = [""] + list(labels.FORMATS)
        if st.session_state[P + "format"] not in formats:
            st.session_state[P + "format"] = ""
        mid[2].selectbox(tr("editor.format"), formats, key=P + "format", persist_state=KEEP, on_change=_keep,
                         format_func=lambda k, L=lang(): labels.fmt(k, L) if k else "—")
        visual_widget.visual_panel(st.session_state[P + "post_id"], tz)
        live_editor()
    with side:
        _post_panel()
    _keep()
    if st.session_state[P + "post_id"] is not None:
        with st.expander(tr("editor.history")):
            with frame.session() as s:
                versions = [(v.version, v.saved_at, v.saved_by, v.text)
                            for v in history(st.session_state[P + "post_id"], session=s)]
            current = st.session_state[P + "version"]
            for version, saved_at, saved_by, text in versions:
                st.caption(tr("editor.version", version=version, when=_when(saved_at),
                              who=md(saved_by) if saved_by else "—"))
                st.text(text)
                if version != current and text != st.session_state[P + "text"]:
                    st.button(tr("editor.restore_version", version=version), key=f"{P}restore_{version}",
                              on_click=_restore_version, args=(version,))


@st.cache_data(show_spinner=False, max_entries=16)
def _scores_for(items: tuple, brand_items: tuple, ui: str) -> dict:
    results = scoring.score_many([dict(i) for i in items], brand=dict(brand_items), ui_lang=ui)
    return {r.id: r.score for r in results}


with tab_list:
    today = date.today()
    frame.follow_period(P + "period", lambda m: (m, add_months(m, 1) - timedelta(days=1)))
    period = st.date_input(tr("editor.period"), key=P + "period", persist_state=KEEP, format="DD/MM/YYYY")
    if isinstance(period, (tuple, list)) and len(period) == 2 and period[0].replace(day=1) != frame.period_month():
        frame.look_at(period[0])
        st.session_state[P + "period_month"] = frame.period_month()
    if isinstance(period, (tuple, list)) and len(period) == 2:
        start_d, end_d = period
        start = datetime.combine(start_d, time.min, tzinfo=tz)
        end = datetime.combine(end_d + timedelta(days=1), time.min, tzinfo=tz)
        with frame.session() as s:
            period_posts = [_post_dict(p) for p in posts_between(brand_id, start, end, session=s)]
        items = tuple(tuple(sorted({"id": p["id"], "text": p["text"], "network": p["network"],
                                    "keywords": tuple(p["keywords"]), "objective": p["objective"],
                                    "format": p["format"], "version": p["version"]}.items()))
                      for p in period_posts)
        brand_items = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(brand.items()))
        scores = _scores_for(items, brand_items, lang()) if items else {}
        rows = [{tr("editor.col_score"): scores.get(p["id"]), tr("editor.col_ref"): p["ref"],
                 tr("editor.col_date"): _when(p["publish_at"]),
                 tr("editor.col_network"): labels.network(p["network"], lang()),
                 tr("editor.col_status"): labels.status(p["status"], lang()), tr("editor.col_text"): (p["text"] or "")[:80]}
                for p in period_posts]
        rows.sort(key=lambda r: (r[tr("editor.col_score")] is None, r[tr("editor.col_score")] or 0))
        if not rows:
            st.info(tr("editor.no_posts"))
        else:
            st.caption(tr("editor.list_help", count=len(rows)))
            st.dataframe(rows, hide_index=True, width="stretch", key="edb_table")
            refs = {p["id"]: p["ref"] for p in period_posts}
            ordered = [p["id"] for p in sorted(period_posts, key=lambda p: scores.get(p["id"], 0))]
            choice = st.selectbox(tr("editor.open_pick"), ordered, format_func=lambda i: f"{refs[i]} ({scores.get(i)})",
                                  key=P + "list_pick", persist_state=KEEP)
            if st.button(tr("editor.open"), key="edb_open"):
                st.session_state[P + "open"] = choice
                st.rerun()
