"""Engagement: a post whose objective is conversation asks for it."""

from __future__ import annotations

from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.cta import cta_table, expected_cta
from core.scoring.words import fold


def check(f: Findings, p: Parsed, lang: str, objective):
    """A question or an invitation to answer where the objective is engagement.
    Reference: data/objectives.toml (engagement -> comment), issue 4."""
    text = p.text
    if not text.strip():
        return
    if expected_cta(objective) == "comment":
        rx = cta_table("en" if lang == "en" else "fr").get("comment")
        if "?" not in text and not (rx and rx.search(fold(text))):
            f.add("engagement.no_question", "warning")
