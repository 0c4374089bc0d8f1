"""Target keywords in posts (core.scoring.rules.keywords)."""

from __future__ import annotations

from tests.scoring.helpers import found, run


def test_keywords_match_other_forms_and_missing_ones_are_errors_where_people_search():
    text = "Nos robes d’été sont arrivées : lin, coton bio, coupes amples."
    r = run(text, "pinterest", keywords=["robe d'été", "mode éthique"])
    assert found(r, "keywords.missing") == [("keywords.missing", "")]
    assert r.stats["keywords"]["robe d'été"]["count"] == 1
    assert any("mode éthique" in s["message"] for s in r.suggestions if s["code"] == "keywords.missing")


def test_in_a_feed_only_the_main_keyword_is_asked_for_and_one_of_its_words_is_enough():
    text = "Nos robes d’été sont arrivées : lin, coton bio, coupes amples."
    assert found(run(text, keywords=["robe d'été", "mode éthique"]), "keywords.") == []
    r = run("Merci aux 40 bénévoles de samedi : 2 tonnes triées en une matinée.", "facebook",
            keywords=["bénévolat Angers"])
    assert found(r, "keywords.") == []
    assert found(run("Merci à tous pour samedi.", "facebook", keywords=["bénévolat Angers"]),
                 "keywords.") == [("keywords.missing", "")]


def test_a_stop_word_keyword_gets_a_clear_message_not_a_match():
    r = run("Le lin est la matière de l’été.", keywords=["le"])
    assert found(r, "keywords.") == [("keywords.stop_word", "")]
    assert r.stats["keywords"] == {"le": None}


def test_keyword_stuffing_is_reported_from_the_fourth_occurrence():
    text = "Robe en lin, robe légère, robe fluide, robe d’été : la robe qu’il vous faut."
    r = run(text, keywords=["robe"])
    assert [c for c, _ in found(r, "keywords.")] == ["keywords.stuffing"]



def test_in_a_feed_a_post_that_says_another_of_the_slots_keywords_is_on_its_subject():
    text = ("Bulletin de 8\u00a0h, samedi 18 janvier\n35 cm de fraîche cette nuit\n"
            "41 pistes ouvertes sur 52, dont la noire des Crêtes")
    assert found(run(text, "x", keywords=["enneigement", "pistes ouvertes"]), "keywords.") == []
    assert found(run("Bulletin de 8\u00a0h : bonne journée à tous.", "x", keywords=["enneigement", "pistes ouvertes"]),
                 "keywords.") == [("keywords.missing", "")]
    assert found(run(text, "pinterest", keywords=["enneigement", "pistes ouvertes"]), "keywords.missing") == [
        ("keywords.missing", "")]


def test_a_title_stacking_keyword_variants_between_pipes_is_stuffing_and_a_title_with_its_brand_is_not():
    text = ("Titre : Liste camping | Check-list camping | Liste affaires camping famille\n\n"
            "Tout ce qu’il faut emporter pour camper en famille dans le Jura : 42 objets, lien ci-dessous.")
    r = run(text, "pinterest", keywords=["liste camping"])
    assert found(r, "keywords.") == [
        ("keywords.title_stuffing", "Liste camping | Check-list camping | Liste affaires camping famille")]
    text = "Titre : Robe Lila en lin | Mode éthique | Maison Lila\n\nNotre robe Lila en lin lavé, 89\u00a0€."
    assert found(run(text, "pinterest", keywords=["robe lin"]), "keywords.") == []


def test_one_loose_word_of_another_keyword_does_not_stand_in_for_the_main_one():
    text = "Big game Saturday! Come down and support the lads. #grassroots #weekend"
    assert found(run(text, "x", lang="en", keywords=["home match", "grassroots rugby"]), "keywords.") == [
        ("keywords.missing", "")]
