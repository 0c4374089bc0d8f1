"""Target keywords: present, early, not stuffed (articles add the SEO checks of ``seo``)."""

from __future__ import annotations

from core.language.keywords import find_occurrences
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.seo import check as check_article
from core.scoring.words import content_words


def occurrences(text: str, keywords, lang: str) -> dict:
    """Keyword -> sorted (start, end) of its occurrences in ``text`` (other forms included),
    or None for a keyword made only of stop words."""
    out = {}
    for kw in keywords:
        kw = str(kw).strip()
        if not kw or kw in out:
            continue
        if not content_words(kw, lang):
            out[kw] = None  # a stop word: it cannot be matched meaningfully
            continue
        out[kw] = sorted(find_occurrences(text, kw, lang))
    return out


def check(f: Findings, p: Parsed, rules, occurrences: dict, lang: str, thresholds: dict,
          stats: dict):
    """The slot's keywords appear (lemma match), early, without stuffing; for articles,
    Yoast's keyphrase checks. Reference: Yoast SEO assessments (yoast.com/help: keyphrase
    in introduction, density 0.5-3 %, in subheadings, in SEO title, slug, length)."""
    kind = p.kind
    cut = rules.cut if rules and rules.cut else 0
    early = cut or 125
    for index, (kw, spans) in enumerate(occurrences.items()):
        if spans is None:
            f.add("keywords.stop_word", "info", keyword=kw)
            continue
        if not spans:
            f.add("keywords.missing", "error" if index == 0 else "warning", keyword=kw)
            continue
        if kind == "caption":
            first = spans[0][0]
            if first >= early and not (cut and index == 0):
                f.add("keywords.late", "info", spans[0][0], spans[0][1], keyword=kw, limit=early)
            limit = thresholds.get("keyword_max_count", 0)
            if limit and len(spans) > limit:
                extra = spans[limit]
                f.add("keywords.stuffing", "warning", extra[0], extra[1], keyword=kw,
                      count=len(spans), limit=limit)
        elif kind == "email":
            if p.title and not any(p.title[0] <= s < p.title[1] for s, _ in spans) and index == 0:
                f.add("keywords.late", "info", *p.title, keyword=kw, limit=p.title[1] - p.title[0])
    if kind == "article" and occurrences:
        kw, spans = next(iter(occurrences.items()))
        if spans is not None:
            check_article(f, p, rules, kw, spans, lang, stats)

