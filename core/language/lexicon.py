"""Which parts of speech a French word form can have, from spaCy's lemmatizer tables.

spaCy's French rule lemmatizer ships, in spacy-lookups-data, the lemmas of each part of
speech (``fr_lemma_index``), the irregular forms (``fr_lemma_exc``) and the suffix rules
from forms to lemmas (``fr_lemma_rules``). Read backwards they say which parts of speech
a word form can have. Measured on the WikiNews benchmark, the keyword tagger built on
them finds noun phrases as well as the neural morphologizer for keyword purposes (it
does not mistake "manager" or "Lancement" for a verb and an adverb) and costs a
dictionary look-up per word instead of a neural network pass. The tables take about
1.5 s to read, once per process; ``core.language.nlp.preload`` reads them in the
background with the pipeline.
"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import spacy_lookups_data

NOUN, ADJ, VERB, ADV = 1, 2, 4, 8
_BITS = (("noun", NOUN), ("adj", ADJ), ("verb", VERB), ("adv", ADV))
# Verb endings the tables' rules miss ("il finit", "elle a pris", "vendu").
_EXTRA_VERB_RULES = (("e", "er"), ("es", "er"), ("ent", "er"), ("it", "ir"), ("is", "ir"),
                     ("issent", "ir"), ("issait", "ir"), ("i", "ir"), ("ie", "ir"), ("ies", "ir"),
                     ("is", "ire"), ("it", "ire"), ("u", "re"), ("ue", "re"), ("us", "re"),
                     ("ues", "re"), ("d", "dre"), ("ent", "re"))
_TABLES = Path(spacy_lookups_data.__file__).parent / "data"


def _read(name: str):
    with gzip.open(_TABLES / name, "rt", encoding="utf-8") as fh:
        return json.load(fh)


class Lexicon:
    """Parts of speech of French word forms as a bit mask (``NOUN | ADJ``...)."""

    def __init__(self):
        index, exc, rules = _read("fr_lemma_index.json.gz"), _read("fr_lemma_exc.json.gz"), _read("fr_lemma_rules.json.gz")
        self.lemmas = {pos: frozenset(index.get(pos, ())) for pos, _ in _BITS}
        self.forms: dict[str, int] = {}
        for pos, bit in _BITS:
            for w in index.get(pos, ()):
                self.forms[w] = self.forms.get(w, 0) | bit
            for w in exc.get(pos, {}):
                self.forms[w] = self.forms.get(w, 0) | bit
        self.rules = {
            "noun": [(o, n) for o, n in rules.get("noun", []) if "(" not in o and o != n],
            "adj": [(o, n) for o, n in rules.get("adj", []) if "(" not in o and o != n] + [("es", ""), ("aux", "al")],
            "verb": [(o, n) for o, n in rules.get("verb", []) if "(" not in o] + list(_EXTRA_VERB_RULES),
        }
        self.cache: dict[str, int] = {}

    def mask(self, low: str) -> int:
        """The parts of speech ``low`` (a lower-case form) can have; 0 for an unknown word."""
        m = self.cache.get(low)
        if m is not None:
            return m
        m = self.forms.get(low, 0)
        for pos, bit in _BITS[:3]:
            if m & bit:
                continue
            lemmas = self.lemmas[pos]
            for old, new in self.rules[pos]:
                if low.endswith(old) and len(low) > len(old) + 1 and (low[: len(low) - len(old)] + new) in lemmas:
                    m |= bit
                    break
        if not m and low.endswith("ment") and len(low) > 6:
            m = ADV
        self.cache[low] = m
        return m


_lexicon: Lexicon | None = None
_lock = threading.Lock()


def lexicon() -> Lexicon:
    """The tables, read once per process (the preload thread and a request may race)."""
    global _lexicon
    with _lock:
        if _lexicon is None:
            _lexicon = Lexicon()
        return _lexicon
