"""The brand's tone: emoji, tu or vous, words to avoid (core.scoring.rules.tone)."""

from __future__ import annotations

from tests.scoring.helpers import BRAND, found, run


def test_tutoiement_in_a_vouvoiement_brand_and_mixed_address_are_reported():
    r = run("Tu cherches une robe ? Découvrez notre collection.", brand=BRAND)
    assert found(r, "tone.") == [("tone.address_mismatch", "Tu")]
    r = run("Tu cherches une robe ? Découvrez votre taille en boutique.")
    assert found(r, "tone.") == [("tone.address_mixed", "Tu")]
    assert found(run("Vous cherchez une robe ? Découvrez votre taille."), "tone.") == []


def test_emoji_against_the_brand_tone_and_words_to_avoid():
    brand = dict(BRAND, emojis=False)
    r = run("Les robes d’été sont là 🌸 et pas cher du tout !", brand=brand)
    assert found(r, "tone.") == [("tone.emoji_forbidden", "🌸"), ("tone.word_to_avoid", "pas cher")]
    assert found(run("Les robes d’été sont là 🌸", brand=BRAND), "tone.") == []


def test_brief_dicts_as_the_planner_passes_them_are_read_as_brands():
    brief = {"brand": {"name": "Maison Lila", "brand_hashtag": "#MaisonLila"},
             "tone": {"address": "vous", "emojis": False, "words_to_avoid": ["low cost"]}}
    r = run("Tu veux une robe low cost ? 🌸", brand=brief)
    assert [c for c, _ in found(r, "tone.")] == ["tone.address_mismatch", "tone.word_to_avoid",
                                                 "tone.emoji_forbidden"]



def test_four_emoji_in_five_words_are_too_many_even_for_a_brand_that_likes_them():
    r = run("Nos robes d’été sont là 🌸🌸 ☀️ 🌊 !", brand=BRAND)
    assert found(r, "tone.") == [("tone.emoji_excess", "")]
    assert [s["message"] for s in r.suggestions if s["code"] == "tone.emoji_excess"] == [
        "4 emojis pour 5 mots : c'est beaucoup, gardez ceux qui portent du sens."]
    assert found(run("Nos robes d’été sont là 🌸 !", brand=BRAND), "tone.") == []


TU_BRAND = {"name": "Cave Saint-Roch", "address": "tu", "emojis": True, "words_to_avoid": [],
            "brand_hashtag": "#CaveSaintRoch"}


def test_an_imperative_in_vous_is_a_mismatch_in_a_brand_that_says_tu():
    r = run("Tu cherches un cadeau pour la fête des pères\u202f? Venez goûter nos vins, et passez nous voir.",
            network="facebook", brand=TU_BRAND)
    assert found(r, "tone.") == [("tone.address_mismatch", "Venez"), ("tone.address_mismatch", "passez")]


def test_rendez_vous_is_a_noun_not_a_vous():
    r = run("Rendez-vous samedi au marché des Capucins, tu passes nous voir\u202f?", network="facebook",
            brand=TU_BRAND)
    assert found(r, "tone.") == []
    assert found(run("Rendez-vous samedi au marché, tu viens\u202f?", network="facebook"), "tone.") == []


def test_a_word_to_avoid_is_highlighted_where_it_is_even_after_a_ligature():
    brand = dict(TU_BRAND, words_to_avoid=["pas cher"])
    text = "Un cœur de bœuf à la braise, et pas cher avec ça."
    assert found(run(text, network="facebook", brand=brand), "tone.word") == [("tone.word_to_avoid", "pas cher")]
