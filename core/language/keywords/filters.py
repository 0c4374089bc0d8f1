"""What a brand never saves as a keyword: people's names, its own name, units and
numbers alone.

People's names come from spaCy's French named entities (``PER``), read only around the
first occurrence of the candidates that hold a proper noun, so that the recogniser costs
a few short windows a text rather than a pass over all of it.
"""

from __future__ import annotations

import re

from core.language import nlp as core_nlp
from core.language.keywords.lemmas import lemma_key
from core.language.keywords.ranking import Keyword

_WINDOW = 50  # characters either side of an occurrence given to the recogniser
_PARTICLES = frozenset("de d' du des le la van von".split())
# Units and sizes: a keyword made of them and numbers only says nothing of the offer.
_UNITS = frozenset("cm mm m km m² m2 m³ kg g mg l cl ml h min s w kw wh kwh nm v mah °c % "
                   "xs s m l xl xxl go mo to ttc ht".split())
_NUMBER = re.compile(r"^[\d\s.,x×/-]+$")


def _unit_or_number(k: Keyword) -> bool:
    """Units and numbers only ("cm", "2 x 3"), or a phrase opening on a unit ("cm de bande")."""
    words = k.phrase.lower().split()

    def unit(w: str) -> bool:
        return w in _UNITS or bool(_NUMBER.match(w)) or (len(w) <= 2 and any(c.isdigit() for c in w))

    return unit(words[0]) or all(unit(w) for w in words)


def _name_like(phrase: str) -> bool:
    """Every word capitalised but name particles: the shape of a person's name."""
    words = phrase.split()
    return all(w[:1].isupper() or w in _PARTICLES for w in words) and words[0][:1].isupper()


def _person_spans(texts: list[str], keywords: list[Keyword]) -> set[str]:
    """Keys of the name-shaped keywords that the recogniser reads as a person's name,
    reading each text once over the merged windows around their first occurrences."""
    spans: dict[int, list[list[int]]] = {}
    owners: dict[int, list[Keyword]] = {}
    for k in keywords:
        if not _name_like(k.phrase):
            continue
        for index, text in enumerate(texts):
            at = text.find(k.phrase)
            if at >= 0:
                spans.setdefault(index, []).append([max(0, at - _WINDOW), at + len(k.phrase) + _WINDOW])
                owners.setdefault(index, []).append(k)
                break
    if not spans:
        return set()
    windows, who = [], []
    for index, ranges in spans.items():
        ranges.sort()
        merged = [ranges[0]]
        for start, end in ranges[1:]:
            if start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        windows.append("\n".join(texts[index][a:b] for a, b in merged))
        who.append(owners[index])
    nlp = core_nlp.get_nlp("fr")
    disable = [name for name in nlp.pipe_names if name != "ner"]
    people = set()
    for ks, doc in zip(who, nlp.pipe(windows, disable=disable, batch_size=64)):
        names = [e.text for e in doc.ents if e.label_ == "PER"]
        people.update(k.key for k in ks if any(k.phrase in n or n in k.phrase for n in names))
    return people


def worth_saving(keywords: list[Keyword], texts: list[str], brand: str | None = None,
                 people: bool = True, top: int | None = None) -> list[Keyword]:
    """``keywords`` without units or numbers alone, people's names (French texts: the
    recogniser is French) and, when ``brand`` is given, the brand's own name and the
    keywords that hold it. With ``top``, only the first ``top`` kept are wanted: the
    recogniser reads the windows of those alone, and of the next ones when names were
    dropped, rather than of every candidate."""
    brand_key = f" {lemma_key(brand)} " if brand else ""
    kept = []
    for k in keywords:
        if _unit_or_number(k):
            continue
        key = f" {k.key} "
        if brand_key.strip() and (brand_key in key or key in brand_key):
            continue
        kept.append(k)
    if not people:
        return kept[:top] if top else kept
    if not top:
        names = _person_spans(texts, kept)
        return [k for k in kept if k.key not in names]
    out, start = [], 0
    while len(out) < top and start < len(kept):
        batch = kept[start:start + top - len(out)]
        start += len(batch)
        names = _person_spans(texts, batch)
        out.extend(k for k in batch if k.key not in names)
    return out
