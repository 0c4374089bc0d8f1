"""core.readability: Flesch against hand counts, Yoast's checks, offsets, bad input."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import readability as rd
from core.syllables import count_en, count_fr


def test_french_syllables_match_hand_counts():
    words = "été idée réseau réseaux sociaux réalité créer poème entreprise l'entreprise aiment rapidement moment stratégie marque famille présentée payer"
    hand = [2, 2, 2, 2, 2, 4, 2, 2, 3, 3, 1, 4, 2, 3, 1, 2, 3, 2]
    assert [count_fr(w) for w in words.split()] == hand


def test_english_syllables_match_hand_counts():
    words = "the table make played wanted going people strategy community social media readability"
    assert [count_en(w) for w in words.split()] == [1, 2, 1, 1, 2, 2, 2, 3, 4, 2, 3, 5]


def test_passive_is_found_on_la_robe_a_ete_presentee(nlp_fr):
    r = rd.analyse("La robe a été présentée hier soir.", "fr")
    assert (r.passive_sentences, r.passive_share) == (1, 100.0)
    assert r.sentences_to_fix == [{"start": 0, "end": 34, "reason": "passive"}]


def test_compound_tenses_with_etre_and_pronominal_verbs_are_not_passive(nlp_fr):
    r = rd.analyse("Elle est allée au marché. Il s'est lancé dans le commerce. Nous sommes partis tôt.", "fr")
    assert (r.sentences, r.passive_sentences) == (3, 0)


def test_flesch_of_a_short_french_text_matches_the_hand_count():
    # "Le chat dort." 3 words, 3 syllables; "Il fait beau dans le jardin." 6 words, 7 syllables.
    r = rd.analyse("Le chat dort. Il fait beau dans le jardin.", "fr")
    assert (r.words, r.sentences, r.syllables) == (9, 2, 10)
    assert r.flesch == round(207 - 1.015 * 9 / 2 - 73.6 * 10 / 9, 1)
    assert r.flesch_band == "very_easy"


def test_empty_and_emoji_only_texts_give_zeros():
    for text in ("", "   \n ", "🎉🔥✨", "12 000 € !"):
        r = rd.analyse(text)
        assert (r.words, r.sentences, r.flesch, r.sentences_to_fix) == (0, 0, 0.0, [])
