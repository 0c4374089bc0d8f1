"""Engagement: a post whose objective is conversation asks for it, and every post says
something concrete in its own words."""

from __future__ import annotations

import re

from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.cta import cta_table, expected_cta
from core.scoring.rules.hook import NUMBER_WORDS
from core.scoring.words import count_words, fold, folded_map, hashtags, link_spans, words_regex

_DAYS_MONTHS = re.compile(r"(?<![\w])(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|fevrier|mars"
                          r"|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|demain|ce soir"
                          r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march"
                          r"|april|june|july|august|september|october|november|december|tomorrow|tonight)(?![\w])")
MIN_WORDS_FOR_DETAIL = 12  # under this, a post is a line (a question, a teaser), not a message


def check(f: Findings, p: Parsed, lang: str, objective):
    """A question or an invitation to answer where the objective is engagement; no stock
    phrase; one concrete detail (a figure, a date, a day). Reference: data/objectives.toml
    (engagement -> comment), issue 4; data/wordlists/scoring_filler_*.txt (the GDS « words
    to avoid », French copy-editing advice against « langue de bois »); the rule of
    specificity of copywriting guides (a figure, a date, a price makes a post credible)."""
    text = p.text
    if not text.strip():
        return
    if expected_cta(objective) == "comment":
        rx = cta_table("en" if lang == "en" else "fr").get("comment")
        if "?" not in text and not (rx and rx.search(fold(text))):
            f.add("engagement.no_question", "warning")
    filler = words_regex(f"scoring_filler_{'en' if lang == 'en' else 'fr'}.txt")
    if filler is not None:
        mapped = folded_map(text)
        for m in filler.finditer(mapped.text):
            start, end = mapped.span(m.start(), m.end())
            f.add("engagement.filler", "info", start, end, phrase=text[start:end])
    prose = text
    for start, end in sorted([(s, e) for s, e, _ in hashtags(text)] + link_spans(text), reverse=True):
        prose = prose[:start] + " " + prose[end:]
    folded = fold(prose)
    if count_words(prose) >= MIN_WORDS_FOR_DETAIL and not re.search(r"\d", prose) \
            and not NUMBER_WORDS.search(folded) and not _DAYS_MONTHS.search(folded):
        f.add("engagement.no_detail", "info")
