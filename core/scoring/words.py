"""What the rules share on top of ``core.language.text``: word counts (numbers included),
the first sentence, hashtags, phrase patterns, the scoring word lists and stop words.

Folding, words, hashtags, sentences, links and emoji are ``core.language.text``'s; this
module only says how scoring uses them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.text import HASHTAG, WORD, Folded, find_urls, fold, fold_map, sentences
from core.refdata import load_words

_CONTENT_WORD = re.compile(r"[^\W\d_]+|\d+")
# A web address written without its scheme ("valblanc.fr/live", "musee-vautrin.fr"), as posts
# write them: a link to a reader, never a word to spell-check.
BARE_DOMAIN = re.compile(r"(?<![\w@./-])(?:[a-z0-9][a-z0-9-]*\.)+(?:fr|com|net|org|io|co|uk|be|ch|ca|eu|app|shop"
                         r"|info|biz|bzh|paris|us|de|it|es)(?:/[^\s]*)?(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=64)
def folded_map(text: str) -> Folded:
    """``fold_map(text)``, kept for the text being scored: five rule families read it."""
    return fold_map(text)


def link_spans(text: str) -> list[tuple[int, int]]:
    """Links with a scheme (``find_urls``) and web addresses written without one."""
    urls = list(find_urls(text))
    return urls + [m.span() for m in BARE_DOMAIN.finditer(text) if not any(s <= m.start() < e for s, e in urls)]


def count_words(text: str) -> int:
    """Written words, numbers included: "3 robes à 49 €" is four words to a reader."""
    return len(WORD.findall(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at . ! ? and line ends (a caption's lines are sentences)."""
    out, start = [], 0
    for m in re.finditer(r"[.!?…]+(?=\s|$)|\n", text):
        if text[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def first_sentence_end(text: str, start: int) -> int:
    """Offset just after the first sentence that starts at ``start`` (a line end closes it too)."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    spans = sentences(text, start, line_end, capital=False)
    return spans[0][1] if spans else line_end


def hashtags(text: str) -> list[tuple[int, int, str]]:
    """(start, end, tag without '#') of each hashtag, URLs excluded."""
    urls = find_urls(text)
    return [(m.start(), m.end(), m.group()[1:]) for m in HASHTAG.finditer(text)
            if not any(s <= m.start() < e for s, e in urls)]


def phrase_regex(phrases) -> re.Pattern | None:
    """One pattern matching any of ``phrases`` as whole words in folded text, longest first."""
    items = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in items) + r")(?![\w])")


@lru_cache(maxsize=None)
def words_regex(name: str) -> re.Pattern | None:
    """``phrase_regex`` of the word list ``data/wordlists/<name>``."""
    return phrase_regex(load_words(f"wordlists/{name}"))


@lru_cache(maxsize=None)
def folded_set(name: str) -> frozenset[str]:
    """The folded words of ``data/wordlists/<name>``."""
    return frozenset(fold(w) for w in load_words(f"wordlists/{name}"))


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words, folded. Imported on first use: importing spaCy costs about a second."""
    if lang == "en":
        from spacy.lang.en.stop_words import STOP_WORDS
    else:
        from spacy.lang.fr.stop_words import STOP_WORDS
    return frozenset(fold(w) for w in STOP_WORDS)


def content_words(phrase: str, lang: str) -> list[str]:
    """The folded words of ``phrase`` that are not stop words ("robe d'été" -> robe, ete)."""
    return [w for w in _CONTENT_WORD.findall(fold(phrase)) if w not in stop_words(lang)]
