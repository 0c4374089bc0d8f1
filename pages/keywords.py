"""Mots-clés screen: extract keywords from the brand's texts (its name, offers and personas
known), see themes and questions, select keywords with a priority and save them to the
brand (scoring targets); add, edit, merge, delete and prioritise saved keywords by hand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.language import keywords as kw
from core.language import nlp as core_nlp
from core.language.detect import detect
from core.language.clean import MAX_CHARS, InputError, read_upload
from core.brands import brief_of
from pages import frame
from pages.frame import KEEP, lang, md, tr

bid = frame.require_brand()
L = lang()

st.title(tr("nav.keywords"))
st.caption(tr("kwp.intro"))

LANG_CHOICES = ["auto", "fr", "en"]
TOP_CHOICES = [10, 20, 30, 50]
PRIORITIES = {1: tr("kwp.priority.1"), 2: tr("kwp.priority.2"), 3: tr("kwp.priority.3")}

with st.form("kw_form", border=False):
    pasted = st.text_area(tr("kwp.paste"), key="kw_text", height=180, persist_state=KEEP, placeholder=tr("kwp.paste_help"))
    files = frame.file_uploader(tr("kwp.upload"), type=["txt", "md", "html", "htm", "docx", "csv"],
                             accept_multiple_files=True, key="kwu_files", help=tr("kwp.upload_help"))
    c1, c2 = st.columns(2)
    chosen_lang = c1.selectbox(tr("kwp.lang"), LANG_CHOICES, key="kw_lang", persist_state=KEEP,
                               format_func={x: tr(f"kw.lang.{x}") for x in LANG_CHOICES}.get)
    top = c2.selectbox(tr("kwp.top"), TOP_CHOICES, index=1, key="kw_top", persist_state=KEEP)
    submitted = st.form_submit_button(tr("kwp.extract"), type="primary")


def gather() -> tuple[list[str], list[str]]:
    """The texts to analyse and the messages about files that could not be read."""
    texts, problems = [], []
    if pasted and pasted.strip():
        texts.append(pasted)
    for f in files or []:
        # Read once per file content: extracting again (another language, another top) does not
        # unpack a .docx again.
        read, error = frame.once_per_file("keywords", f.getvalue(), lambda data, name=f.name: read_upload(name, data),
                                          f.name)
        if isinstance(error, InputError):
            problems.append(frame.say(error))
        elif error is not None:
            raise error
        else:
            texts.extend(t for t in read if t.strip())
    return texts, problems


if submitted:
    texts, problems = gather()
    for message in problems:
        st.error(message)
    st.session_state.pop("kw_result", None)
    if not texts:
        st.warning(tr("kw.err_empty"))
    else:
        total = sum(len(t) for t in texts)
        if total > MAX_CHARS:
            st.warning(tr("kw.err_truncated", limit=f"{MAX_CHARS:,}".replace(",", " ")))
            kept, room = [], MAX_CHARS
            for t in texts:
                if room <= 0:
                    break
                kept.append(t[:room])
                room -= len(kept[-1])
            texts = kept
        detection = detect("\n".join(t[:20000] for t in texts))
        forced = None if chosen_lang == "auto" else chosen_lang
        use_lang = forced or (detection.lang if detection.lang in ("fr", "en") else "fr")
        if not core_nlp.is_loaded(use_lang):
            with st.spinner(tr("kwp.loading")):
                frame.get_nlp(use_lang)
        else:
            frame.get_nlp(use_lang)
        with frame.session() as s:
            brand = kw.from_brief(brief_of(bid, session=s))
        result = kw.extract(texts, lang=use_lang, top=int(top), brand=brand)
        st.session_state["kw_result"] = {
            "lang": result.lang,
            "keywords": [dict(k.to_dict(), key=k.key) for k in result.keywords],
            "themes": kw.group_themes(result.keywords, lang=result.lang),
            "detected": detection.lang, "mixed": detection.mixed, "shares": detection.shares,
            "forced": forced, "texts": len(texts),
        }

result = st.session_state.get("kw_result")
if result:
    if result["forced"] is None and result["detected"] in ("other", "unknown") and result["keywords"]:
        st.info(tr("kw.err_other_lang"))
    if result["mixed"]:
        shares = ", ".join(f"{tr('kw.lang.' + k)} {round(100 * v)} %" for k, v in result["shares"].items())
        st.info(tr("kw.mixed", shares=shares, lang=tr(f"kw.lang.{result['lang']}")))
    if not result["keywords"]:
        st.warning(tr("kwp.none_found"))
    else:
        st.subheader(tr("kwp.results", count=len(result["keywords"]), texts=result["texts"]))
        table = pd.DataFrame([
            {"keep": i < 10, "phrase": k["phrase"], "priority": PRIORITIES[2], "score": round(k["score"], 2),
             "count": k["count"], "docs": k["docs"], "variants": ", ".join(k["variants"][1:])}
            for i, k in enumerate(result["keywords"])
        ])
        edited = st.data_editor(
            table, key="kwe_editor", hide_index=True, width="stretch",
            disabled=["phrase", "score", "count", "docs", "variants"],
            column_config={
                "keep": st.column_config.CheckboxColumn(tr("kwp.col.keep")),
                "phrase": st.column_config.TextColumn(tr("kwp.col.phrase")),
                "priority": st.column_config.SelectboxColumn(tr("kwp.col.priority"), options=list(PRIORITIES.values()),
                                                             required=True),
                "score": st.column_config.NumberColumn(tr("kwp.col.score"), format="%.2f"),
                "count": st.column_config.NumberColumn(tr("kwp.col.count")),
                "docs": st.column_config.NumberColumn(tr("kwp.col.docs")),
                "variants": st.column_config.TextColumn(tr("kwp.col.variants")),
            },
        )
        chosen = edited[edited["keep"]]
        if st.button(tr("kwp.save", count=len(chosen)), key="kwb_save", type="primary", disabled=chosen.empty):
            by_phrase = {k["phrase"]: k for k in result["keywords"]}
            rank = {v: p for p, v in PRIORITIES.items()}
            items = [{"phrase": row.phrase, "priority": rank.get(row.priority, 2),
                      "variants": by_phrase[row.phrase]["variants"]} for row in chosen.itertuples()]
            with frame.session() as s:
                saved = kw.save_keywords(bid, items, session=s, lang=result["lang"])
                count = len(saved)
            st.success(tr("kwp.saved", count=count))

        st.subheader(tr("kwp.themes"))
        st.caption(tr("kwp.themes_help"))
        for theme in result["themes"]:
            st.markdown(f"**{md(theme['name'])}** · " + ", ".join(md(k) for k in theme["keywords"]))

        st.subheader(tr("kwp.questions"))
        st.caption(tr("kwp.questions_help"))
        for k in result["keywords"][:5]:
            with st.expander(md(k["phrase"])):
                st.markdown("\n".join(f"- {md(q)}" for q in kw.questions(k["phrase"], result["lang"])))

with frame.session() as s:
    saved = [(r.id, r.phrase, r.priority, ", ".join(v for v in r.variants if v != r.phrase))
             for r in kw.saved_keywords(bid, session=s)]
st.subheader(tr("kwp.saved_title"))
if saved:
    st.dataframe(pd.DataFrame(
        [{tr("kwp.col.phrase"): p, tr("kwp.col.priority"): PRIORITIES.get(pr, str(pr)), tr("kwp.col.variants"): v}
         for _, p, pr, v in saved]), hide_index=True, width="stretch")
else:
    st.caption(tr("kwp.saved_none"))


def by_hand(work, done: str) -> None:
    """Run one keyword edit in a transaction (``work(session)`` returns the message's
    parameters); a refusal is shown and what was typed stays."""
    try:
        params = frame.write(work)
    except kw.KeywordError as error:
        st.error(frame.say(error))
        return
    st.session_state["kws_done"] = tr(done, **params)
    st.rerun()


st.subheader(tr("kws.manage"))
st.caption(tr("kws.manage_help"))
if "kws_done" in st.session_state:
    st.success(st.session_state.pop("kws_done"))
with st.form("kws_add_form", border=False):
    c1, c2, c3 = st.columns([4, 2, 1], vertical_alignment="bottom")
    new_phrase = c1.text_input(tr("kws.add"), key="kws_add_phrase", placeholder=tr("kws.add_phrase"))
    new_priority = c2.selectbox(tr("kwp.col.priority"), list(PRIORITIES), index=1, key="kws_add_priority",
                                format_func=PRIORITIES.get)
    if c3.form_submit_button(tr("kws.add_button")):
        by_hand(lambda s: {"phrase": kw.add_keyword(bid, new_phrase, priority=new_priority, session=s, lang=L).phrase},
                "kws.added")
if saved:
    labels = {i: p for i, p, _, _ in saved}
    current = {i: pr for i, _, pr, _ in saved}
    with st.expander(tr("kws.edit")):
        pick = st.selectbox(tr("kws.pick"), list(labels), key="kws_edit_pick", format_func=labels.get)
        c1, c2 = st.columns([4, 2])
        phrase = c1.text_input(tr("kws.new_phrase"), value=labels[pick], key=f"kws_edit_phrase_{pick}")
        priority = c2.selectbox(tr("kwp.col.priority"), list(PRIORITIES), index=current[pick] - 1,
                                key=f"kws_edit_priority_{pick}", format_func=PRIORITIES.get)
        c1, c2 = st.columns(2)
        if c1.button(tr("kws.save_edit"), key="kwsb_edit", type="primary"):
            def edit(s):
                row = kw.edit_keyword(bid, pick, phrase=phrase, priority=priority, session=s, lang=L)
                return {"phrase": row.phrase, "priority": PRIORITIES[row.priority]}
            by_hand(edit, "kws.edited")
        if c2.button(tr("kws.delete"), key="kwsb_delete"):
            by_hand(lambda s: {"phrase": kw.delete_keyword(bid, pick, session=s)}, "kws.deleted")
    if len(saved) > 1:
        with st.expander(tr("kws.merge")):
            c1, c2 = st.columns(2)
            keep = c1.selectbox(tr("kws.merge_keep"), list(labels), key="kws_merge_keep", format_func=labels.get)
            others = [i for i in labels if i != keep]
            other = c2.selectbox(tr("kws.merge_other"), others, key="kws_merge_other", format_func=labels.get)
            if st.button(tr("kws.merge_button"), key="kwsb_merge"):
                by_hand(lambda s: {"phrase": kw.merge_keywords(bid, keep, other, session=s).phrase,
                                   "other": labels[other]}, "kws.merged")
