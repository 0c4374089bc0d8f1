"""Length and the "… voir plus" cut: the text fits its network and says what matters first."""

from __future__ import annotations

import re

from core import networks as net
from core.language import parts as text_parts
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import count_words, first_sentence_end, fold

# The pre-header an e-mail tool fills in when nobody writes one ("View this email in your
# browser"): what an inbox then shows under the subject (Litmus, "The ultimate guide to preview text").
_BROWSER_VIEW = re.compile(r"(?:ne s'affiche pas|version en ligne|dans votre navigateur|view (?:this )?(?:e-?mail )?"
                           r"in (?:your )?browser|trouble viewing|having trouble|display(?:ing)? (?:properly|correctly))")


def check(f: Findings, p: Parsed, rules, stats: dict, main_kw_first: tuple | None):
    """Fits the network (its own way of counting) and keeps the message before the cut.

    Reference: data/network_rules.toml (max_length, count, cut, title_max) and, for the
    labelled parts of a multi-part post (subject line, pre-header, pin title), their
    ``max_chars`` in data/text_parts.toml (Mailchimp, Litmus, Pinterest Help). A pre-header
    that repeats the subject or says "view this e-mail in your browser" wastes the second
    line an inbox shows (Litmus, "The ultimate guide to preview text").
    Its ``ideal_max`` (Facebook's 80 characters) is not a rule: normal posts exceed it and a
    senior CM called all six such findings wrong (issue 12).
    """
    text = p.text
    if not text.strip():
        f.add("length.empty", "error")
        return
    if rules is None:
        return
    body_start = p.title[1] if (p.title and p.kind == "caption") else 0
    body = text[body_start:]
    counted = net.length(body, rules)
    stats["length"] = counted
    if rules.max_length and counted > rules.max_length:
        cut_at = body_start + net.offset_at_length(body, rules, rules.max_length)
        f.add("length.over_limit", "error", cut_at, len(text), network=rules.label,
              limit=rules.max_length, length=counted, over=counted - rules.max_length)
    title_max = rules.get("title_max") or (text_parts.max_chars("title") if "title" in p.parts else 0)
    if p.kind == "caption" and title_max and p.title:
        tlen = p.title[1] - p.title[0]
        if tlen > title_max:
            f.add("length.title_over_limit", "error", p.title[0] + title_max, p.title[1],
                  limit=title_max, length=tlen)
    if p.kind == "email":
        if not p.title:
            f.add("length.subject_missing", "error")
        else:
            slen = p.title[1] - p.title[0]
            limit = text_parts.max_chars("subject")
            if slen > limit:
                f.add("length.subject_too_long", "warning", p.title[0], p.title[1], limit=limit, length=slen)
        if p.preheader:
            preheader = fold(text[p.preheader[0]:p.preheader[1]])
            subject = fold(text[p.title[0]:p.title[1]]) if p.title else ""
            if _BROWSER_VIEW.search(preheader) or (subject and (preheader.startswith(subject) or
                                                                subject.startswith(preheader))):
                f.add("length.preheader_wasted", "warning", *p.preheader)
            plen = p.preheader[1] - p.preheader[0]
            lo, hi = rules.get("preheader_min", 40), text_parts.max_chars("preheader")
            if not lo <= plen <= hi:
                f.add("length.preheader_length", "info", *p.preheader, low=lo, high=hi, length=plen)
    if p.kind == "article" and not p.intro_only:
        words = count_words(text[p.body_start:])
        stats["article_words"] = words
        minimum = rules.get("min_words", 300)
        if words < minimum * 2 // 3:
            f.add("length.too_short_article", "error", 0, 0, words=words, minimum=minimum)
        elif words < minimum:
            f.add("length.short_article", "warning", 0, 0, words=words, minimum=minimum)
    if rules.cut and len(text) > rules.cut and p.kind != "reply":  # a reply is shown whole under the comment
        visible, _ = net.preview(text, rules)
        cut = len(visible)
        first_end = first_sentence_end(text, p.lines[0][0]) if p.lines else 0
        if first_end > cut:
            f.add("cut.first_sentence_after_cut", "warning", cut, first_end, network=rules.label,
                  cut=rules.cut)
        if main_kw_first is not None and main_kw_first[0] >= cut:
            f.add("cut.keyword_after_cut", "warning", main_kw_first[0], main_kw_first[1],
                  network=rules.label, cut=rules.cut)

