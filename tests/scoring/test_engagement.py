"""Asking for conversation when that is the objective (core.scoring.rules.engagement)."""

from __future__ import annotations

from tests.scoring.helpers import found, run


def test_engagement_objective_wants_a_question_or_an_invitation():
    r = run("Notre robe Capucine revient cet été.", objective="engagement")
    assert [c for c, _ in found(r, "engagement.")] == ["engagement.no_question"]
    assert found(run("Notre robe Capucine revient. Vous la préférez en bleu ou en rose ?",
                     objective="engagement"), "engagement.no_question") == []


def test_a_stock_phrase_is_pointed_at_and_a_post_without_any_fact_is_told_so():
    r = run("La boutique a le plaisir de vous annoncer sa nouvelle collection. N’hésitez pas à venir "
            "la découvrir, toute l’équipe vous attend avec le sourire.")
    assert found(r, "engagement.") == [("engagement.no_detail", ""),
                                       ("engagement.filler", "a le plaisir de vous annoncer"),
                                       ("engagement.filler", "N’hésitez pas à")]
    r = run("Notre collection de robes en lin arrive samedi 14 juin : 12 modèles, du 34 au 48, à partir de 89 €.")
    assert found(r, "engagement.") == []

