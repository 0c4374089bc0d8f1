"""Sector families: which copy a brand gets (``data/templates/families.toml``).

A sector of the list has its family; a sector outside it ("autre", or a free-text sector as
the score's ``--jsonl`` lines give it) gets the family whose words its description says
(``data/scoring_sector_families.toml``: "domaine viticole" is food, "IT managed services"
is B2B). The drafts and the score read the same answer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.text import fold
from core.refdata import load


@lru_cache(maxsize=1)
def _words() -> list[tuple[str, re.Pattern]]:
    tables = load("scoring_sector_families.toml")["words"]
    return [(family, re.compile(r"(?<![\w])(?:" + "|".join(re.escape(fold(w)) for w in table["words"]) + r")"))
            for family, table in tables.items()]


def family_of(sector: str | None, description: str = "") -> str | None:
    """The family of a sector key, else of the words of its description (or of the sector
    itself when it is free text); None when nothing says."""
    key = str(sector or "").strip().lower()
    known = load("templates/families.toml")["sectors"]
    if key in known and key not in ("", "autre"):
        return known[key]
    for text in (description, sector or ""):
        folded = fold(str(text))
        for family, rx in _words():
            if folded.strip() and rx.search(folded):
                return family
    return None
