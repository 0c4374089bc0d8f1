"""Grammar and spelling: Grammalecte's findings (core.language.grammar) as suggestions with
their span and Grammalecte's own corrections; the brand's names, its hashtag, the slot's
keywords and the text's hashtags and mentions are known words, never mistakes; so are names
(a capital inside a sentence), web addresses and the anglicisms of marketing copy."""

from __future__ import annotations

import re
from functools import lru_cache

from core.language import grammar as gc
from core.refdata import load_words
from core.language.text import EMAIL, HASHTAG, MENTION
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import link_spans

_NAME_PART = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CAMEL = re.compile(r"[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]+(?![a-zß-öø-ÿ])")
# Grammalecte rules that are typography though filed as grammar (a no-break space), and
# advice that is a matter of style ("une virgule est peut-être nécessaire", a no-break
# space before a unit in "50 ans"): graded strong posts hold them all (issue 12).
_TYPOGRAPHY_RULES = ("nbsp", "typo_", "esp_", "num_")
_STYLE_RULES = ("g0__virg_", "unit_")
MAX_SPELLING_SUGGESTIONS = 10  # words a text asks Grammalecte's speller about


@lru_cache(maxsize=1)
def _anglicisms() -> frozenset[str]:
    """The English words French marketing copy uses (data/wordlists/anglicisms_fr.txt, whose
    French term the readability check suggests) and the borrowings Grammalecte's dictionary
    lacks (data/wordlists/scoring_known_words_fr.txt: bio, pass, e-shop): not mistakes."""
    words = {w.casefold() for w in load_words("wordlists/scoring_known_words_fr.txt")}
    for line in load_words("wordlists/anglicisms_fr.txt"):
        words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", line.split("|", 1)[0]))
    return frozenset(words)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\u00a0\u202f\"“«(-–—•")
    return not before or before[-1] in ".!?…\n:"


def known_words(text: str, brand, keywords=()) -> set[str]:
    """The words of the brand's name and hashtag, the keywords, and the hashtags and mentions
    of ``text`` (whole and split at their capitals), case folded."""
    known: set[str] = set()
    sources = [getattr(brand, "name", "") or "", *[str(k) for k in keywords or ()]] if brand is not None \
        else [str(k) for k in keywords or ()]
    tags = [m.group()[1:] for m in HASHTAG.finditer(text)] + [m.group()[1:] for m in MENTION.finditer(text)]
    if brand is not None and getattr(brand, "brand_hashtag", ""):
        tags.append(brand.brand_hashtag.lstrip("#"))
    for source in sources:
        for part in _NAME_PART.findall(source):
            known.add(part.casefold())
            known.update(p.casefold() for p in re.split(r"['’-]", part) if p)
    for tag in tags:
        known.add(tag.casefold())
        known.update(p.casefold() for p in _CAMEL.findall(tag))
    return known


def _overlaps(start: int, end: int, spans) -> bool:
    """True when [start, end) touches a span (adjacent counts: Grammalecte marks the space,
    Calame the space and the sign)."""
    return any(start <= e and s <= end for s, e in spans)


def check(f: Findings, p: Parsed, result: gc.GrammarCheck | None, known: set[str], typo_spans):
    """Spelling and grammar mistakes with Grammalecte's corrections (the first one is the
    one-click fix); its typography findings only where Calame's typography rule has none.
    Reference: Grammalecte (grammalecte.net), the French grammar checker of LibreOffice."""
    if result is None or not result.checked:
        return
    text = p.text
    urls = link_spans(text) + [m.span() for m in EMAIL.finditer(text)]
    asked = 0
    for issue in result.issues:
        excerpt = text[issue.start:issue.end]
        if any(s <= issue.start < e for s, e in urls) or issue.rule.startswith(_STYLE_RULES):
            continue
        kind = "typography" if issue.rule.startswith(_TYPOGRAPHY_RULES) else issue.kind
        if kind == "spelling":
            if excerpt.casefold() in known or excerpt.strip("#@").casefold() in known:
                continue
            if text[max(0, issue.start - 1):issue.start] in ("#", "@"):
                continue
            if (excerpt.isupper() and len(excerpt) <= 5) or any(c.isdigit() for c in excerpt):
                continue  # an acronym (ERP, WMS) or a code (bilan2024): a name, not a word
            if excerpt[:1].isupper() and not _sentence_start(text, issue.start):
                continue  # a capital inside a sentence: a name (Kerangal, Balmont), not a word
            if len(excerpt) <= 2 or excerpt.casefold() in _anglicisms():
                continue
            suggestions: tuple[str, ...] = ()
            if asked < MAX_SPELLING_SUGGESTIONS:
                asked += 1
                suggestions = gc.suggest(excerpt)
            _add(f, "grammar.spelling", issue, excerpt, suggestions)
        elif kind == "grammar":
            _add(f, "grammar.grammar", issue, excerpt, issue.suggestions)
        elif not _overlaps(issue.start, issue.end, typo_spans) and issue.rule != "apostrophe_typographique":
            _add(f, "typo.other", issue, excerpt, issue.suggestions)


def _add(f: Findings, code: str, issue: gc.GrammarIssue, excerpt: str, suggestions):
    suggestions = [s for s in suggestions if isinstance(s, str)]
    severity = "info" if code == "typo.other" else "warning"
    key = code if suggestions else code + "_no_fix"
    f.add(code, severity, issue.start, issue.end, suggestions[0] if suggestions else None,
          message_key=key, extra={"suggestions": suggestions, "rule": issue.rule}, word=excerpt,
          detail=issue.message.rstrip("."), correction=suggestions[0] if suggestions else "")
