"""Scoring of posts and articles against their network's rules (docs/scoring.md).

``score``, ``score_many`` and ``apply_fix`` are the public API; the rules live in
``core.scoring.rules``, one module a family.
"""

from core.scoring.engine import apply_fix, score, score_many
from core.scoring.result import SUBSCORES, ScoreResult, subscore_of

__all__ = ["SUBSCORES", "ScoreResult", "apply_fix", "score", "score_many", "subscore_of"]
