"""core.keywords: lemma keys, occurrences, extraction, themes, questions, saving."""

import json

import pytest
from sqlmodel import select

from core import keywords as kw
from core.models import Keyword, KeywordSet


def test_plural_and_singular_share_one_lemma_key():
    assert kw.lemma_key("réseaux sociaux") == kw.lemma_key("réseau social") == "reseau social"
    assert kw.lemma_key("Community Managers") == kw.lemma_key("community manager") == "community manager"
    assert kw.lemma_key("la gestion des crises") == kw.lemma_key("gestion de crise") == "gestion de crise"
    assert kw.lemma_key("Stratégie digitale") == kw.lemma_key("stratégies digitales")


def test_lemma_key_of_nothing_is_empty():
    assert [kw.lemma_key(x) for x in ("", "   ", "l'", None)] == ["", "", "", ""]


def test_find_occurrences_gives_spans_in_the_original_text_across_inflection_and_case():
    text = "Les <b>Réseaux Sociaux</b> changent tout. Un réseau social bien géré, c'est rare."
    spans = kw.find_occurrences(text, "réseau social")
    assert [text[s:e] for s, e in spans] == ["Réseaux Sociaux", "réseau social"]


def test_find_occurrences_sees_a_word_behind_an_elided_article():
    text = "L'entreprise grandit ; chaque entreprise a son rythme."
    assert [text[s:e] for s, e in kw.find_occurrences(text, "entreprises")] == ["entreprise", "entreprise"]


def test_questions_agree_in_gender_and_number():
    assert kw.questions("gestion de crise")[:2] == [
        "Qu'est-ce que la gestion de crise ?",
        "Comment fonctionne la gestion de crise ?",
    ]
    assert kw.questions("réseaux sociaux")[0] == "Que sont les réseaux sociaux ?"
    assert kw.questions("community manager")[3] == "Combien coûte un community manager ?"
    assert kw.questions("e-réputation")[0] == "Qu'est-ce que l'e-réputation ?"


def test_themes_group_keywords_sharing_words_and_are_named_by_the_best_one():
    keywords = [
        {"phrase": "community manager", "score": 5},
        {"phrase": "social media manager", "score": 3},
        {"phrase": "réseaux sociaux", "score": 4},
        {"phrase": "réseau social professionnel", "score": 1},
        {"phrase": "gestion de crise", "score": 2},
        {"phrase": "crise", "score": 1},
    ]
    themes = kw.group_themes(keywords, n=3)
    assert sorted(sorted(t["keywords"]) for t in themes) == [
        ["community manager", "social media manager"],
        ["crise", "gestion de crise"],
        ["réseau social professionnel", "réseaux sociaux"],
    ]
    assert {t["name"] for t in themes} == {"community manager", "réseaux sociaux", "gestion de crise"}


def test_save_keywords_merges_variants_under_one_lemma_key(session, demo_brand):
    kw.save_keywords(demo_brand, [{"phrase": "réseaux sociaux", "priority": 1, "variants": ["Réseaux sociaux"]}],
                     session=session)
    kw.save_keywords(demo_brand, [{"phrase": "réseau social", "priority": 3, "variants": []}], session=session)
    rows = session.exec(select(Keyword).where(Keyword.brand_id == demo_brand, Keyword.key == "reseau social")).all()
    assert [(r.phrase, r.priority, r.variants) for r in rows] == [
        ("réseaux sociaux", 3, ["réseaux sociaux", "Réseaux sociaux", "réseau social"])
    ]
    assert len(session.exec(select(KeywordSet).where(KeywordSet.brand_id == demo_brand)).all()) == 2
