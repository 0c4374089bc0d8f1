"""What the extractor knows of the brand whose texts it reads: its own name (never a
keyword, and a phrase never runs across it), the names of its offers (the products and
services it sells: phrases holding their words rank higher), the people it must never
propose (persona first names, staff named in the brief) and its country and language.

Built from a brief (``from_brief``: the dict of ``core.brands.brief_of`` or of a brief
file) or from a brand's name alone (``from_name``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.language.keywords.lemmas import lemma_key

# "Camille, citadine active" names Camille: a persona's name is its words before a comma,
# a dash or an opening bracket.
_PERSONA_NAME = re.compile(r"^\s*([^,–—(:-]+)")


@dataclass(frozen=True)
class BrandContext:
    name: str = ""
    offers: tuple = ()
    people: tuple = ()
    country: str = "FR"
    lang: str = "fr"
    offer_keys: frozenset = field(default=frozenset(), compare=False)

    def __post_init__(self):
        keys = frozenset(k for k in (lemma_key(o, self.lang) for o in self.offers) if k)
        object.__setattr__(self, "offer_keys", keys)

    @property
    def offer_words(self) -> frozenset:
        """The content words of the offers' names ("robe", "lila" for "robe Lila")."""
        return frozenset(w for k in self.offer_keys for w in k.split() if len(w) > 2)


def from_name(name: str | None) -> BrandContext | None:
    name = " ".join(str(name or "").split())
    return BrandContext(name=name) if name else None


def from_brief(brief: dict | None) -> BrandContext | None:
    """The context of a brief: brand name, offer names, persona names, country and first language."""
    if not isinstance(brief, dict):
        return None
    brand = brief.get("brand") or {}
    name = " ".join(str(brand.get("name") or "").split())
    offers = tuple(dict.fromkeys(
        " ".join(str(o.get("name") or "").split()) for o in brief.get("offers") or []
        if isinstance(o, dict) and str(o.get("name") or "").strip()))
    people = []
    for p in brief.get("personas") or []:
        match = _PERSONA_NAME.match(str((p or {}).get("name") or "")) if isinstance(p, dict) else None
        if match and match.group(1).strip():
            people.append(match.group(1).strip())
    langs = [str(x) for x in brand.get("languages") or [] if str(x) in ("fr", "en")]
    return BrandContext(name=name, offers=offers, people=tuple(dict.fromkeys(people)),
                        country=str(brand.get("country") or "FR")[:2].upper(),
                        lang=langs[0] if langs else "fr")


def as_context(brand) -> BrandContext | None:
    """``brand`` as given to ``extract``: a BrandContext, a brief dict, a name, or None."""
    if brand is None or isinstance(brand, BrandContext):
        return brand
    if isinstance(brand, dict):
        return from_brief(brand)
    return from_name(str(brand))
