"""Which language a text is in: French, English, another one, or too short to say.

The detector counts function words (articles, pronouns, prepositions: the words every
sentence needs and no topic changes) from ``data/wordlists/function_words_*.txt``, plus
letters only one side uses (``ç``, ``œ``… for French; ``ñ``, ``ß``… for other languages).
It runs in microseconds without spaCy, so the app can choose the pipeline before loading
it. Words are split at elisions and hyphens ("l'", "est-ce" -> "est", "ce") to meet the
word lists. Each sentence or line is judged on its own: a text is ``mixed`` when a second
language holds a fifth of the judged words or more (a French post quoting an English
slogan is not mixed; a bilingual post is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from core.language.text import LETTER, sentences, split_elision, words
from core.refdata import load_words

LANGS = ("fr", "en", "other")
MIN_WORDS = 3  # below this, "unknown"
MIXED_SHARE = 0.2

# Inside a written word, what separates the tokens of the word lists ("est-ce", "#Paris").
_INNER = re.compile(r"[-·.#@]")
_FR_LETTERS = re.compile(r"[çœæèêëîïôûù]")
_OTHER_LETTERS = re.compile(r"[ñßãõäöüáíóúì¿¡]")


@dataclass
class Detection:
    lang: str  # "fr", "en", "other" or "unknown"
    mixed: bool = False
    shares: dict[str, float] = field(default_factory=dict)
    words: int = 0

    def to_dict(self) -> dict:
        return {"lang": self.lang, "mixed": self.mixed, "shares": self.shares, "words": self.words}


@lru_cache(maxsize=1)
def _lexicons() -> dict[str, frozenset[str]]:
    return {
        "fr": load_words("wordlists/function_words_fr.txt"),
        "en": load_words("wordlists/function_words_en.txt"),
        "other": load_words("wordlists/function_words_other.txt"),
    }


def _words(text: str) -> list[str]:
    """The tokens looked up in the word lists, an elided article or pronoun ("l'", "qu'")
    on its own."""
    tokens = []
    for word in words(text.lower().replace("’", "'").replace("\xad", "")):
        if _INNER.search(word) or "'" in word:
            tokens += [piece for part in _INNER.split(word) for piece in split_elision(part) if LETTER.search(piece)]
        else:
            tokens.append(word)  # most words: nothing to split
    return tokens


def _chunks(text: str) -> list[str]:
    """Each sentence of each line (capitals or not)."""
    return [line[s:e] for line in text.split("\n") for s, e in sentences(line, capital=False)]


def _evidence(words: list[str]) -> dict[str, float]:
    lex = _lexicons()
    score = {"fr": 0.0, "en": 0.0, "other": 0.0}
    for w in words:
        for lang in LANGS:
            if w in lex[lang]:
                score[lang] += 1.0
        if _FR_LETTERS.search(w):
            score["fr"] += 0.5
        elif "é" in w or "à" in w or "â" in w:
            score["fr"] += 0.3
        if _OTHER_LETTERS.search(w):
            score["other"] += 0.5
    return score


def detect(text: str) -> Detection:
    """The language of ``text``; never raises (non-text gives "unknown")."""
    if not isinstance(text, str):
        return Detection("unknown")
    sample = text[:200_000]
    per_chunk = [tokens for tokens in map(_words, _chunks(sample)) if tokens]
    all_words = [w for tokens in per_chunk for w in tokens]  # chunks never cut a word
    if len(all_words) < MIN_WORDS:
        return Detection("unknown", words=len(all_words))
    totals = {lang: 0 for lang in LANGS}
    judged = 0
    for tokens in per_chunk:
        ev = _evidence(tokens)
        best = max(ev, key=ev.get)
        if ev[best] <= 0:
            continue
        totals[best] += len(tokens)
        judged += len(tokens)
    if judged == 0:
        return Detection("unknown" if len(all_words) < 8 else "other", words=len(all_words))
    shares = {lang: round(totals[lang] / judged, 3) for lang in LANGS if totals[lang]}
    overall = _evidence(all_words)
    lang = max(LANGS, key=lambda k: (totals[k], overall[k]))
    ranked = sorted(shares.values(), reverse=True)
    mixed = len(ranked) > 1 and ranked[1] >= MIXED_SHARE
    return Detection(lang, mixed=mixed, shares=shares, words=len(all_words))


def resolve(text: str, lang: str | None = None, default: str = "fr") -> str:
    """The pipeline language to use: ``lang`` when given ("fr"/"en"), else the detected
    one; French for anything else (Calame is French-first)."""
    if lang in ("fr", "en"):
        return lang
    found = detect(text).lang
    return found if found in ("fr", "en") else default
