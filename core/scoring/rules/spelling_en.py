"""English spelling, the grammar family's part for English posts: pyspellchecker's word list
(Peter Norvig's method) and the UK or US spelling of the brand's country."""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.text import EMAIL, HASHTAG, MENTION, find_urls
from core.refdata import DATA
from core.scoring.draft import Parsed
from core.scoring.result import Findings

_WORD = re.compile(r"(?<![\w@#'’-])[A-Za-z]+(?:['’][A-Za-z]+)?(?![\w'’@-])")
MAX_CORRECTIONS = 10  # words a text asks the speller to correct, so a pasted document stays fast


@lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """US spelling -> UK spelling (data/wordlists/scoring_en_variants.tsv)."""
    out = {}
    for line in (DATA / "wordlists" / "scoring_en_variants.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            us, uk = line.split("\t")
            out[us.strip()] = uk.strip()
    return out


@lru_cache(maxsize=1)
def speller():
    """pyspellchecker's English dictionary, loaded once (about 0.15 s), the UK forms added."""
    from spellchecker import SpellChecker

    from core.refdata import load_words

    checker = SpellChecker(language="en", distance=1)
    checker.word_frequency.load_words(list(variants().values()))
    checker.word_frequency.load_words([w.lower() for w in load_words("wordlists/scoring_known_words_en.txt")])
    return checker


def uk_or_us(locale: str | None, country: str | None) -> str | None:
    """"uk", "us" or None (no variant is judged) from a locale ("en-GB") or a country code."""
    region = (locale or "").replace("_", "-").split("-")[-1].upper() if locale and "-" in locale else \
        (country or "").upper()
    if region in ("GB", "UK", "IE", "AU", "NZ", "ZA", "IN"):
        return "uk"
    if region in ("US", "CA", "PH"):
        return "us"
    return None


def check(f: Findings, p: Parsed, known: set[str], variety: str | None):
    """Misspelt words (a lowercase word the dictionary does not know but can correct: a name
    or a coined word it cannot correct is left alone) and, when the country says which, the
    other variety's spelling ("color" in an en-GB post). The brand's names, its hashtag, the
    keywords and the text's hashtags and mentions are known words. Reference: pyspellchecker
    (word frequency list from OpenSubtitles, MIT) and the Oxford and Merriam-Webster
    dictionaries for UK and US forms."""
    text = p.text
    skip = list(find_urls(text)) + [m.span() for m in EMAIL.finditer(text)] + \
        [m.span() for m in HASHTAG.finditer(text)] + [m.span() for m in MENTION.finditer(text)]
    checker = speller()
    us_to_uk = variants()
    uk_to_us = {uk: us for us, uk in us_to_uk.items()}
    asked = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if any(s <= m.start() < e for s, e in skip):
            continue
        lower = word.lower().replace("’", "'")
        if lower in known or len(lower) < 3:
            continue
        if variety == "uk" and lower in us_to_uk:
            f.add("grammar.spelling_variant", "warning", m.start(), m.end(), _case(word, us_to_uk[lower]),
                  word=word, correction=us_to_uk[lower], variety="UK")
            continue
        if variety == "us" and lower in uk_to_us:
            f.add("grammar.spelling_variant", "warning", m.start(), m.end(), _case(word, uk_to_us[lower]),
                  word=word, correction=uk_to_us[lower], variety="US")
            continue
        if word[0].isupper() and (not _sentence_start(text, m.start()) or _signature(text, m.start())) \
                or word.isupper() and len(word) <= 5:
            continue  # a name (Ellie Marsh, "Priya, club manager") or an acronym, not a dictionary word
        if lower in us_to_uk or lower in uk_to_us or not checker.unknown([lower]):
            continue
        if asked >= MAX_CORRECTIONS:
            continue
        asked += 1
        correction = checker.correction(lower)
        if not correction or correction == lower:
            continue  # a word it cannot correct is a name or a coinage, not a typing slip
        f.add("grammar.spelling", "warning", m.start(), m.end(), _case(word, correction),
              message_key="grammar.spelling_en", word=word, correction=_case(word, correction),
              extra={"suggestions": [_case(word, correction)], "rule": "pyspellchecker"})


def _signature(text: str, pos: int) -> bool:
    """The word opens the text's last line and that line is short: a sign-off ("Tom, general manager")."""
    line_start = text.rfind("\n", 0, pos) + 1
    return line_start == pos - len(text[line_start:pos]) and not text[line_start:pos].strip() \
        and "\n" not in text[pos:].rstrip() and len(text[pos:].split()) <= 5


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\u00a0\u202f\"“«(")
    return not before or before[-1] in ".!?…\n:"


def _case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
