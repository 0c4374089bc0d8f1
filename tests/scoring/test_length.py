"""Length and the "voir plus" cut (core.scoring.rules.length)."""

from __future__ import annotations

from core import networks as net
from tests.scoring.helpers import found, run


def test_an_empty_draft_scores_zero_with_one_clear_message():
    r = run("   ")
    assert (r.score, found(r)) == (0, [("length.empty", "")])
    assert r.suggestions[0]["message"] == "Le brouillon est vide : écrivez le texte du post."


def test_over_the_x_limit_is_an_error_highlighting_the_excess_and_capping_the_score():
    text = "Nouvelle collection Capucine : " + "des robes en lin lavé, " * 12 + "à découvrir https://maisonlila.fr/capucine"
    r = run(text, "x")
    assert r.stats["length"] == 342
    over = [s for s in r.suggestions if s["code"] == "length.over_limit"][0]
    assert (over["severity"], over["end"]) == ("error", len(text))
    assert (net.length(text[:over["start"]], "x"), net.length(text[:over["start"] + 1], "x")) == (280, 281)
    assert r.score <= 40


def test_a_long_first_sentence_crosses_the_linkedin_cut_and_a_short_one_does_not():
    long_first = ("Quand nous avons lancé Maison Lila à Bordeaux il y a dix ans, nous voulions des robes "
                  "qui tiennent une journée entière de travail, un apéro entre amis et un week-end à la mer "
                  "sans jamais sortir le fer à repasser ni renoncer au style. Voici ce que nous avons appris.")
    r = run(long_first, "linkedin")
    assert [c for c, _ in found(r, "cut.")] == ["cut.first_sentence_after_cut"]
    r = run("Dix ans de robes en lin : ce que nous avons appris. " + long_first, "linkedin")
    assert found(r, "cut.") == []


def test_the_main_keyword_after_the_instagram_cut_is_reported():
    text = ("Cet été, on vous emmène à la plage, au bureau et en terrasse avec une seule pièce, "
            "facile à glisser dans une valise. La robe Capucine en lin est notre robe d’été préférée.")
    r = run(text, keywords=["robe d'été"])
    assert found(r, "cut.") == [("cut.keyword_after_cut", "robe d’été")]
    r = run("Notre robe d’été préférée : " + text, keywords=["robe d'été"])
    assert found(r, "cut.keyword") == []


def test_a_normal_facebook_post_over_80_characters_is_not_too_long():
    r = run("Les robes Capucine sont de retour en boutique à Bordeaux, dans toutes les tailles, du 34 au 48.",
            "facebook")
    assert found(r, "length.") == []
    assert found(run("Capucine est de retour en boutique !", "facebook"), "length.") == []


def test_newsletter_subject_line_is_the_hook_and_is_checked_for_length():
    text = ("Objet : Notre nouvelle collection de robes d'été en lin est arrivée dans toutes nos boutiques\n"
            "Pré-en-tête : Capucine, Margot et Lou.\n\nBonjour Camille, …")
    r = run(text, "newsletter")
    assert [c for c, _ in found(r, "length.")] == ["length.subject_too_long", "length.preheader_length"]

