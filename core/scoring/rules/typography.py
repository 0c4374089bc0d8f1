"""Typography: French (Imprimerie nationale) or English (Chicago) rules, with their fixes."""

from __future__ import annotations

from core.language import typography
from core.scoring.draft import Parsed
from core.scoring.result import Findings


def check(f: Findings, p: Parsed, lang: str):
    """French typography (Imprimerie nationale) or English (Chicago), each finding with its fix.
    Reference: Lexique des règles typographiques en usage à l'Imprimerie nationale and The
    Chicago Manual of Style, as core.language.typography applies them."""
    for issue in typography.check(p.text, "en" if lang == "en" else "fr"):
        f.add(issue["code"], issue["severity"], issue["start"], issue["end"], issue["fix"])

