"""The word lists keyword extraction reads: stop words and general word frequencies."""

from __future__ import annotations

from functools import lru_cache

from core.refdata import DATA, load_words


@lru_cache(maxsize=4)
def stopwords(lang: str) -> frozenset:
    """``data/wordlists/stopwords_<lang>.txt``, lower case, typographic apostrophes folded."""
    return frozenset(w.lower().replace("’", "'") for w in load_words(f"wordlists/stopwords_{lang}.txt"))


@lru_cache(maxsize=4)
def word_frequency(lang: str = "fr") -> dict[str, float]:
    """General-use frequency of words as Zipf values, keyed by ``word_key``
    (``data/wordlists/frequency_<lang>.tsv``; missing words are rarer than 3.0)."""
    table = {}
    path = DATA / "wordlists" / f"frequency_{lang}.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, _, value = line.partition("\t")
                table[word] = float(value)
    return table
