"""English for drafts: UK or US spelling by the brand's country, and how an offer's name reads.

The templates are written in British spelling (colour, favourite, organise); a brand in the
United States (or the Philippines, which follows US usage) gets the American forms. The pairs
are in ``data/templates/spelling_en.toml`` with their source; Canada keeps -our and takes -ize
(the Canadian Oxford Dictionary), so only the -ise/-ize pairs change there.

An English noun phrase has its head last: a name that ends in a common noun ("coffee
subscription", "Christmas gift box", "Red Brick espresso blend") takes "our" in a noun slot
even when the brief declared it without article; a name ending in a proper word, a figure or
an acronym ("Netflix", "Ribble Gravel AL") stays bare. A name that opens with a verb ("Become
a mentor", listed in ``data/templates/offer_names.toml``) is a verb phrase and only heads a line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata
from core.planning.french import Noun

_TABLE = refdata.load("templates/spelling_en.toml")
_NAMES = refdata.load("templates/offer_names.toml")["en"]
_VERBS = frozenset(_NAMES["verbs"])
_AFTER_VERB = frozenset(_NAMES["after_verb"])


@lru_cache(maxsize=8)
def _pattern(country: str) -> tuple[re.Pattern | None, dict[str, str]]:
    pairs: dict[str, str] = {}
    for group, countries in _TABLE["countries"].items():
        if group != "source" and country in countries:
            pairs.update(_TABLE[group])
    pairs.pop("source", None)
    if not pairs:
        return None, {}
    words = sorted(pairs, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I), pairs


def spell(text: str, country: str) -> str:
    """``text`` with the spelling of ``country`` (ISO code); British spelling elsewhere."""
    pattern, pairs = _pattern((country or "").upper())
    if pattern is None:
        return text

    def sub(m: re.Match) -> str:
        word = m[0]
        us = pairs[word.lower()]
        return us[:1].upper() + us[1:] if word[:1].isupper() else us

    return pattern.sub(sub, text)


def verbal(name: str) -> bool:
    """"Become a mentor", "Donate monthly", "Volunteer with us": a listed verb followed by what
    a verb takes (a determiner, a pronoun, "to", a preposition or an adverb of time), not by a
    noun ("support plan", "train tickets" are noun phrases)."""
    words = re.findall(r"[A-Za-z]+", name.lower())
    if not words or words[0] not in _VERBS:
        return False
    return len(words) == 1 or words[1] in _AFTER_VERB or words[1].endswith("ly")


def common_head(name: str) -> bool:
    """Whether the name ends in a common noun: "coffee subscription" yes, "Netflix", "Ribble Gravel AL" no."""
    last = re.findall(r"[\w'-]+", name)
    return bool(last) and last[-1].isalpha() and last[-1].islower()


def offer_noun(offer: dict) -> Noun:
    """An English offer as a noun: "our …" where its head is a common noun, the brief's
    "aucun" notwithstanding; bare for a proper name; a verb phrase flagged as such."""
    name = offer["name"].strip()
    number = offer.get("number") or "s"
    if verbal(name):
        return Noun(name, gender="m", number="s", article=False, verbal=True)
    article = offer.get("article") != "aucun" or common_head(name)
    return Noun(name, number=number, article=article)
