"""Readability: the language engine's analysis, judged with thresholds suited to the format."""

from __future__ import annotations

import re

from core.i18n import t
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import count_words


_BULLET = re.compile(r"\n\s*(?:[-•–—*→✓✔▪►]|\d+[.)]|[^\w\s])\s*\S")


def _is_list(span: str) -> bool:
    """Two or more lines starting with a bullet, a dash, a number or a symbol."""
    return len(_BULLET.findall("\n" + span)) >= 2


def check(f: Findings, p: Parsed, r, thresholds: dict):
    """Readability from the language engine, with thresholds suited to the format.
    Reference: Yoast readability analysis (sentence length 25 %, passive 10 %, transition
    words 30 %, paragraphs 150 words, Flesch 60) relaxed or dropped for captions: where the
    passive share is not checked, no sentence is flagged as passive either (the language
    engine takes "Vous êtes formidables" for one), a bulleted list is not a long
    sentence, each long sentence is shown only when their share is over the limit (as
    Yoast highlights them), and an article's introduction is not judged on its share of
    long sentences nor on transition words, checks Yoast runs on a whole text (issue 12)."""
    if r is None or getattr(r, "words", 0) < 10:
        return
    flesch = getattr(r, "flesch", None)
    if flesch is not None and flesch < thresholds["flesch_min"]:
        f.add("readability.flesch_low", "warning", flesch=round(flesch), minimum=thresholds["flesch_min"])
    long_share = 0 if p.intro_only else (getattr(r, "long_sentence_share", 0) or 0)
    if long_share > thresholds["long_sentence_share"]:
        f.add("readability.long_sentences", "warning", share=round(long_share),
              limit=thresholds["long_sentence_share"])
    too_many_long = long_share > thresholds["long_sentence_share"]
    for item in (getattr(r, "sentences_to_fix", None) or []):
        reason = str(item.get("reason", ""))
        if reason == "passive" and not thresholds.get("passive_share"):
            continue  # "Vous êtes formidables" is not passive; captions do not judge the voice
        if reason == "long_sentence" and not too_many_long:
            continue  # as Yoast: long sentences are shown when there are too many, not each one
        if reason == "long_sentence" and _is_list(p.text[item.get("start", 0):item.get("end", 0)]):
            continue  # a bulleted list is several items, not one long sentence
        params = {"words": item.get("words", ""), "word": item.get("word", "")}
        text_reason = t("score.reason." + reason, f.ui_lang, **params) if reason else ""
        if text_reason.startswith("score.reason."):
            text_reason = reason
        f.add("readability.sentence", "info", item.get("start", 0), item.get("end", 0),
              reason=text_reason)
    if thresholds.get("passive_share") and (getattr(r, "passive_share", 0) or 0) > thresholds["passive_share"]:
        f.add("readability.passive", "warning", share=round(r.passive_share), limit=thresholds["passive_share"])
    if thresholds.get("transition_share") and not p.intro_only and getattr(r, "sentences", 0) >= 5 and \
            (getattr(r, "transition_share", 0) or 0) < thresholds["transition_share"]:
        f.add("readability.transitions", "info", share=round(r.transition_share),
              minimum=thresholds["transition_share"])
    longest = getattr(r, "longest_paragraph_words", 0) or 0
    if p.kind == "article":
        # Yoast reads paragraphs as <p>: blocks between blank lines (a single newline is <br>).
        blocks = [b for b in re.split(r"\n[ \t]*\n", p.text[p.body_start:]) if not b.lstrip().startswith("#")]
        longest = max([longest] + [count_words(b) for b in blocks])
    if longest > thresholds["paragraph_max_words"]:
        f.add("readability.paragraph_long", "warning", words=longest, limit=thresholds["paragraph_max_words"])

