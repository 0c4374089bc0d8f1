"""The hook, the first line (core.scoring.rules.hook)."""

from __future__ import annotations

from tests.scoring.helpers import BRAND, found, run


def test_hook_that_opens_with_a_greeting_or_the_brand_name_is_reported():
    r = run("Bonjour à tous ! Voici notre nouvelle collection.", brand=BRAND)
    assert found(r, "hook.") == [("hook.greeting", "Bonjour à tous")]
    r = run("Maison Lila présente sa nouvelle collection de robes.", brand=BRAND)
    assert [c for c, _ in found(r, "hook.")] == ["hook.brand_name"]


def test_hook_without_question_number_or_benefit_gets_a_tip_and_a_question_silences_it():
    r = run("La collection de robes est en boutique.")
    assert found(r, "hook.") == [("hook.no_trigger", "La collection de robes est en boutique.")]
    assert found(run("Vous cherchez la robe de l’été ?"), "hook.") == []
    assert found(run("3 robes pour tout l’été."), "hook.") == []


def test_a_subject_line_over_nine_words_is_too_long_and_a_caption_is_judged_by_its_fold():
    subject = "Objet : Pourquoi nos clientes reviennent chaque printemps chercher la même robe en lin ?"
    assert [c for c, _ in found(run(subject + "\n\nBonjour Claire, voici la robe.", "newsletter"),
                                "hook.")] == ["hook.too_long"]
    text = ("Pourquoi nos clientes de Bordeaux et de Lyon reviennent chaque printemps chercher la même robe "
            "en lin que leurs mères portaient déjà ?")
    assert found(run(text), "hook.") == []

