"""Asking for conversation when that is the objective (core.scoring.rules.engagement)."""

from __future__ import annotations

from tests.scoring.helpers import found, run


def test_engagement_objective_wants_a_question_or_an_invitation():
    r = run("Notre robe Capucine revient cet été.", objective="engagement")
    assert [c for c, _ in found(r, "engagement.")] == ["engagement.no_question"]
    assert found(run("Notre robe Capucine revient. Vous la préférez en bleu ou en rose ?",
                     objective="engagement"), "engagement.") == []

