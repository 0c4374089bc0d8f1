"""UK or US spelling for English drafts, by the brand's country.

The templates are written in British spelling (colour, favourite, organise); a brand in the
United States (or the Philippines, which follows US usage) gets the American forms. The pairs
are in ``data/templates/spelling_en.toml`` with their source; Canada keeps -our and takes -ize
(the Canadian Oxford Dictionary), so only the -ise/-ize pairs change there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import refdata

_TABLE = refdata.load("templates/spelling_en.toml")


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
