"""What a score is made of: the sub-scores, the findings the rules add, the result.

A finding's code names its sub-score by its prefix (``cut.*`` counts in *length*, ``seo.*``
in *keywords*, ``tone.*`` in *engagement*, ``coherence.*`` in *coherence*); docs/scoring.md
lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import t

SUBSCORES = ("length", "hook", "keywords", "readability", "grammar", "cta", "hashtags", "engagement",
             "coherence", "typography", "accessibility")
SEVERITIES = ("error", "warning", "info")
_PREFIX_TO_SUBSCORE = {
    "length": "length", "cut": "length", "hook": "hook", "keywords": "keywords", "seo": "keywords",
    "readability": "readability", "grammar": "grammar", "cta": "cta", "hashtags": "hashtags", "engagement": "engagement",
    "tone": "engagement", "coherence": "coherence", "typo": "typography", "a11y": "accessibility",
}
MAX_REPEAT = 3          # a rule's penalty counts at most this many times
MAX_SPAN_SUGGESTIONS = 10  # per rule, so a 100,000-character paste stays readable


def subscore_of(code: str) -> str | None:
    """The sub-score a suggestion code belongs to (None for notices such as ``lang.*``)."""
    return _PREFIX_TO_SUBSCORE.get(code.split(".", 1)[0])


@dataclass
class ScoreResult:
    score: int
    subscores: dict
    suggestions: list
    stats: dict = field(default_factory=dict)
    id: object = None
    grammar: dict = field(default_factory=lambda: {"checked": False, "reason": None, "message": ""})

    @property
    def grammar_checked(self) -> bool:
        """False when grammar and spelling were not checked: the score then says nothing about them."""
        return bool(self.grammar.get("checked"))

    def to_dict(self) -> dict:
        return {"score": self.score, "grammar_checked": self.grammar_checked, "grammar": dict(self.grammar),
                "subscores": dict(self.subscores),
                "suggestions": [dict(s) for s in self.suggestions], "stats": self.stats}


class Findings:
    """The suggestions the rules add, with their message in the reader's language, and how
    many times each code fired (the penalty counts them, the list keeps the first ten)."""

    def __init__(self, ui_lang: str):
        self.items: list[dict] = []
        self.ui_lang = ui_lang
        self.per_code: dict[str, int] = {}

    def add(self, code: str, severity: str, start: int = 0, end: int = 0, fix=None,
            message_key: str | None = None, extra: dict | None = None, **params):
        n = self.per_code.get(code, 0)
        self.per_code[code] = n + 1
        if n >= MAX_SPAN_SUGGESTIONS:
            return
        self.items.append({
            "code": code, "severity": severity,
            "message": t("score." + (message_key or code), self.ui_lang, **params),
            "start": int(start), "end": int(end), "fix": fix,
            **(extra or {}),
        })
