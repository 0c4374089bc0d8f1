"""Lemma keys: one key for the inflected variants of a phrase, and where a phrase occurs.

Inflected variants share a *lemma key* (number, case and accents folded, French function
words folded to one form) and count as one keyword: "réseaux sociaux" and "réseau
social", "la gestion des crises" and "gestion de crise". Saved keywords are stored under
their key, and the scoring finds a keyword in a draft through it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.clean import clean
from core.language.text import fold

# Not text.WORD: a phrase's elided article must stay a token of its own ("l'", "écoute").
_TOKEN = re.compile(r"[^\W_](?:[\w\-]*[^\W_])?'?|'")
_TEXT_WORD = re.compile(r"[^\W_](?:[\w\-\xad]*[^\W_])?(?:['’](?=\w))?")
# French function words folded to one form, so "gestion des crises" meets "gestion de crise".
_FOLD_FR = {
    "du": "de", "des": "de", "d'": "de", "de": "de",
    "le": "le", "la": "le", "les": "le", "l'": "le",
    "au": "a", "aux": "a", "à": "a", "a": "a",
}
_FOLD_EN = {"the": "", "a": "", "an": ""}
_PLURAL_EXCEPTIONS = {
    "travaux": "travail", "vitraux": "vitrail", "coraux": "corail", "baux": "bail",
    "emaux": "email", "soupiraux": "soupirail", "yeux": "oeil", "cieux": "ciel",
    "aieux": "aieul",
}
_ARTICLES_FR = frozenset("le la les l' un une des du de d' ce cet cette ces".split())


@lru_cache(maxsize=65536)
def word_key(word: str, lang: str = "fr") -> str:
    """One word, case, accents and number folded: "Réseaux" -> "reseau", "sociaux" -> "social"."""
    w = fold(word)
    if lang == "en":
        if w in _FOLD_EN:
            return _FOLD_EN[w]
        if len(w) > 4 and w.endswith("ies"):
            return w[:-3] + "y"
        if len(w) > 4 and re.search(r"(?:ss|x|ch|sh)es$", w):
            return w[:-2]
        if len(w) > 3 and w.endswith("s") and not re.search(r"(?:ss|us|is)$", w):
            return w[:-1]
        return w
    if w in _FOLD_FR:
        return _FOLD_FR[w]
    if w in _PLURAL_EXCEPTIONS:
        return _PLURAL_EXCEPTIONS[w]
    if len(w) > 4 and w.endswith("eaux"):
        return w[:-1]
    if len(w) > 3 and w.endswith("aux"):
        return w[:-3] + "al"
    if len(w) > 3 and w.endswith(("eux", "oux")):
        return w[:-1]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def phrase_tokens(phrase: str) -> list[str]:
    """The words of a phrase, an elided article kept on its word's left ("l'", "écoute")."""
    text = phrase.replace("’", "'").replace("\xad", "")
    return [m.group(0) for m in _TOKEN.finditer(text) if m.group(0) != "'"]


def lemma_key(phrase: str, lang: str = "fr") -> str:
    """A phrase's lemma key: variants in number, case and accents share it.

    lemma_key("réseaux sociaux") == lemma_key("réseau social") == "reseau social";
    lemma_key("Community Managers") == lemma_key("community manager"). A leading article
    is dropped ("la gestion de crise" -> "gestion de crise").
    """
    if not isinstance(phrase, str):
        return ""
    toks = phrase_tokens(phrase)
    while toks and toks[0].lower().replace("’", "'") in (_ARTICLES_FR if lang != "en" else _FOLD_EN):
        toks = toks[1:]
    keys = [word_key(t, lang) for t in toks]
    out = ""
    for k in keys:
        if not k:
            continue
        out += k if (not out or out.endswith("'")) else " " + k
    return out.replace("' ", "'")


def find_occurrences(text: str, phrase: str, lang: str = "fr") -> list[tuple[int, int]]:
    """Character spans of ``phrase`` in ``text``, up to number, case and accents
    ("réseau social" finds "Réseaux Sociaux"); elided articles do not hide a word
    ("entreprise" is found in "l'entreprise"). Offsets are into ``text`` as given."""
    if not isinstance(text, str) or not isinstance(phrase, str):
        return []
    return WordIndex(text, lang).find(phrase)


class WordIndex:
    """The words of a text with their keys, to find many phrases in it."""

    def __init__(self, text: str, lang: str = "fr"):
        self.lang = lang
        self.tokens = []
        self.at: dict[str, list[int]] = {}
        for m in _TEXT_WORD.finditer(clean(text).text):
            k = word_key(m.group(0), lang)
            if k:
                self.at.setdefault(k, []).append(len(self.tokens))
                self.tokens.append((m.start(), m.end(), k))

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """Spans of ``phrase``, left to right, not overlapping."""
        target = [t for t in (word_key(t, self.lang) for t in phrase_tokens(phrase)) if t]
        if not target:
            return []
        n, tokens = len(target), self.tokens
        spans, next_free = [], 0
        for i in self.at.get(target[0], ()):
            if i >= next_free and i + n <= len(tokens) and all(tokens[i + j][2] == target[j] for j in range(1, n)):
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
                next_free = i + n
        return spans
