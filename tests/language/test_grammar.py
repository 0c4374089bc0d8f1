"""core.language.grammar: Grammalecte as its own process, French findings with offsets,
the brand's words known, and an honest "unchecked" when the server is missing or down."""

from __future__ import annotations

import os
import shutil

import pytest

from core.language import grammar
from core.language.grammar import GrammalecteService, GrammarChecker

HAVE_SERVER = shutil.which(grammar.EXECUTABLE) is not None
needs_server = pytest.mark.skipif(
    not HAVE_SERVER and os.environ.get("CI") != "true",
    reason="grammalecte-server is not installed (Debian package grammalecte-cli; make test installs it)")


def test_ci_has_grammalecte():
    if os.environ.get("CI") != "true":
        pytest.skip("only enforced under CI=true")
    assert HAVE_SERVER, "make test must install grammalecte-cli"


@pytest.fixture(scope="module")
def checker():
    c = GrammarChecker(GrammalecteService())
    yield c
    c.service.stop()


@needs_server
def test_agreement_and_conjugation_errors_come_with_their_fix(checker):
    text = "Les voyages approche. Nos nouvelle robe sont là."
    found = [(text[i.start:i.end], i.kind, i.suggestions) for i in checker.check(text).issues]
    assert found == [("approche", "grammar", ("approchent",)), ("nouvelle", "grammar", ("nouvelles",))]


@needs_server
def test_spelling_mistakes_are_found_in_every_paragraph_with_offsets_in_the_whole_text(checker):
    text = "Dépéchez vous !\n\nVenez decouvrir la collection."
    result = checker.check(text)
    assert result.checked
    assert [(text[i.start:i.end], i.kind) for i in result.of_kind("spelling")] == [
        ("Dépéchez", "spelling"), ("decouvrir", "spelling")]


@needs_server
def test_the_brands_own_words_are_not_spelling_mistakes(checker):
    text = "Retrouvez Lilaroma et Brumelin dans notre boutique #MaisonLila."
    assert [text[i.start:i.end] for i in checker.check(text).of_kind("spelling")] == ["Lilaroma", "Brumelin"]
    assert checker.check(text, known_words=["Lilaroma", "brumelin"]).of_kind("spelling") == []


@needs_server
def test_a_correct_post_has_no_grammar_or_spelling_finding(checker):
    text = "Nos robes d’été en lin lavé arrivent lundi en boutique. Laquelle préférez-vous ?"
    result = checker.check(text)
    assert result.checked and result.of_kind("grammar") == [] and result.of_kind("spelling") == []


@needs_server
def test_straight_apostrophes_are_typography_not_grammar(checker):
    text = "C'est parti pour les soldes d'hiver"
    result = checker.check(text)
    assert {i.kind for i in result.issues} == {"typography"}
    assert [i.suggestions for i in result.issues] == [("C’",), ("d’",)]


@needs_server
def test_each_paragraph_is_sent_once_whatever_the_number_of_texts(checker):
    calls = []
    original = checker.service.check_paragraphs

    def counting(paragraphs):
        calls.append(list(paragraphs))
        return original(paragraphs)

    checker.service.check_paragraphs = counting
    try:
        texts = ["Une phrase jamais vue pour le cache numéro un.", "Une autre phrase jamais vue, numéro deux."]
        first = checker.check_many(texts * 3)
        second = checker.check_many(texts)
    finally:
        checker.service.check_paragraphs = original
    assert calls == [texts]
    assert [r.checked for r in first + second] == [True] * 8


@needs_server
def test_control_characters_and_emoji_keep_offsets(checker):
    text = "Nos nouvelle\x07 robes 👗 sont arrivées."
    assert [(text[i.start:i.end], i.suggestions) for i in checker.check(text).of_kind("grammar")] == [
        ("nouvelle", ("nouvelles",))]


def test_a_missing_server_gives_an_unchecked_result_with_the_reason():
    c = GrammarChecker(GrammalecteService(executable="grammalecte-server-that-is-not-installed"))
    result = c.check("Les voyages approche.")
    assert (result.checked, result.issues, result.reason) == (False, [], "grammar.missing")


@needs_server
def test_a_server_that_stops_answering_gives_unchecked_results_not_a_clean_bill():
    service = GrammalecteService()
    c = GrammarChecker(service)
    assert c.check("Une première phrase correcte.").checked
    service._own = False  # an external server that went away: no restart
    service.stop()
    results = c.check_many(["Les voyages approche.", "Nos nouvelle robe."])
    assert [(r.checked, r.reason) for r in results] == [(False, "grammar.down")] * 2


def test_an_unreachable_configured_url_is_reported_as_down():
    c = GrammarChecker(GrammalecteService(url="http://127.0.0.1:9"))
    assert (c.check("Bonjour à tous.").checked, c.check("Bonjour.").reason) == (False, "grammar.down")


@needs_server
def test_a_misspelt_word_gets_the_spellers_suggestions(checker):
    assert "découvrir" in checker.suggest("decouvrir")


def test_no_server_means_no_suggestion_rather_than_an_error():
    c = GrammarChecker(GrammalecteService(executable="grammalecte-server-that-is-not-installed"))
    assert c.suggest("decouvrir") == ()
