"""core.language.keywords.lemmas: lemma keys and occurrences."""

from core.language import keywords as kw


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


def test_word_frequencies_tell_everyday_words_from_specific_ones():
    freq = kw.word_frequency("fr")
    assert [freq.get(kw.word_key(w), 0.0) > 4.0 for w in ("pays", "gouvernement", "canicule", "exoplanètes")] == [
        True, True, False, False]
