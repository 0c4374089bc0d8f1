"""The kind of a proof point (``data/templates/proof_kinds.toml``), so that an opening joins a
proof only to a claim it supports: a reason to love needs a benefit or a making, not
"réservable à l'accueil"; "Le saviez-vous ?" needs a figure or a making, not "des bretelles
réglables". A proof's kind is the brief's (``proof_kinds``) or inferred from its words and
their spaCy lemmas."""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata

_DATA = refdata.load("templates/proof_kinds.toml")
KINDS: tuple[str, ...] = tuple(_DATA["kinds"]["order"])
CLAIMS: dict[str, frozenset] = {k: frozenset(v) for k, v in _DATA["claims"].items() if k != "source"}
_STEMS = {k: tuple(v) for k, v in _DATA["stems"].items() if k != "source"}
_PATTERNS = {k: [re.compile(p, re.I) for p in v] for k, v in _DATA["patterns"].items() if k != "source"}
_CLAIM_MARK = re.compile(r"@(" + "|".join(CLAIMS) + r")\b")


@lru_cache(maxsize=4096)
def claim_of(template: str) -> frozenset | None:
    """The proof kinds a template's claim takes (its ``@why``, ``@secret``… marker), or None."""
    m = _CLAIM_MARK.match(template) or _CLAIM_MARK.search(template.split("{", 1)[0])
    return CLAIMS[m[1]] if m else None


def _words(text: str, lang: str) -> tuple[list[str], list[str]]:
    """The proof's head (its syntactic root, word and lemma) and all its words and lemmas."""
    words = [w.lower() for w in re.findall(r"[\w-]+", text)]
    if lang != "fr":
        return words[:1], words
    from core.language.nlp import get_nlp
    doc = get_nlp("fr")(text)
    head = [w for t in doc if t.dep_ == "ROOT" for w in (t.text.lower(), t.lemma_.lower())]
    return head, words + [t.lemma_.lower() for t in doc]


def _stem_kind(words: list[str]) -> str | None:
    for kind in KINDS:
        if any(w.startswith(s) for s in _STEMS.get(kind, ()) for w in words):
            return kind
    return None


@lru_cache(maxsize=4096)
def kind_of(proof: str, lang: str = "fr") -> str:
    """"réservable à l'accueil" -> service, "torréfié dans notre atelier" -> making,
    "un lin qui s'adoucit à chaque lavage" -> benefit, "1 € donné… 4 repas" -> figure,
    "des bretelles réglables" -> feature. The head word first, then any word, then patterns."""
    text = (proof or "").replace("’", "'")
    head, words = _words(text, lang)
    # the head says what the proof is: "récoltés la veille de la livraison" is a making, not a delivery
    if kind := _stem_kind(head):
        return kind
    for kind in KINDS:
        if any(w.startswith(s) for s in _STEMS.get(kind, ()) for w in words):
            return kind
        if any(p.search(text) for p in _PATTERNS.get(kind, ())):
            return kind
    return KINDS[-1]


def fits(template_claim: frozenset | None, kind: str) -> bool:
    return template_claim is None or kind in template_claim
