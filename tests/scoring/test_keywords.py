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

