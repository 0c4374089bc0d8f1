"""Readability judged per format (core.scoring.rules.readability)."""

from __future__ import annotations

from tests.scoring.helpers import found, run

LONG_FIRST = ("Notre robe Capucine, coupée dans un lin lavé que nous faisons tisser dans les Vosges par un "
              "atelier familial qui travaille avec nous depuis la création de la marque à Bordeaux, se porte "
              "aussi bien au bureau qu’en terrasse. Elle existe en trois couleurs. Elle se lave à trente degrés.")
PASSIVE = ("Le community manager a été recruté par la marque. Les messages sont lus par l’équipe. "
           "Les chiffres sont suivis chaque semaine. La page est animée par deux personnes. "
           "Les réponses sont rédigées le matin. Le planning est validé le lundi.")


def test_one_long_sentence_in_three_is_fine_in_a_caption_and_too_many_in_an_article():
    assert found(run(LONG_FIRST), "readability.") == []
    r = run(LONG_FIRST, "blog")
    assert found(r, "readability.long_sentences") + found(r, "readability.sentence") == [
        ("readability.long_sentences", ""), ("readability.sentence", LONG_FIRST[:LONG_FIRST.index(".") + 1])]
    assert [s["message"] for s in r.suggestions if s["code"] in ("readability.long_sentences",
                                                                   "readability.sentence")] == [
        "33 % des phrases sont longues : gardez-en 25 % au plus.",
        "Phrase à retravailler : phrase longue (39 mots), coupez-la en deux."]


def test_a_caption_with_more_than_half_its_sentences_long_shows_each_of_them():
    text = LONG_FIRST.replace("Elle existe en trois couleurs.", "Elle existe en trois couleurs que nous avons "
                              "choisies avec nos clientes lors d’un vote organisé sur Instagram pendant tout le "
                              "mois de mars dernier.")
    r = run(text)
    assert [c for c, _ in found(r, "readability.")] == ["readability.long_sentences", "readability.sentence",
                                                        "readability.sentence"]
    assert r.subscores["readability"] == 65


def test_passive_voice_and_missing_transitions_count_in_an_article_not_in_a_caption():
    """A caption judges neither the voice nor its sentences for it ("Vous êtes formidables")."""
    passive = [(s.strip() + ".") for s in PASSIVE.split(".") if s.strip()]
    flagged = [("readability.sentence", s) for s in passive if s != "Les messages sont lus par l’équipe."]
    article = run(PASSIVE, "blog")
    assert found(article, "readability.") == [("readability.passive", ""), ("readability.transitions", "")] + flagged
    caption = run(PASSIVE, "instagram")
    assert found(caption, "readability.") == []
    thanks = run("Vous êtes formidables ! Merci pour vos 2 000 messages depuis l’ouverture de la boutique de Nantes.")
    assert found(thanks, "readability.") == []


def test_a_bulleted_list_is_not_one_long_sentence():
    text = ("Au programme de l’atelier de samedi :\n- accueil et café dès 9 h\n"
            "- initiation à la couture d’une trousse en lin avec nos couturières\n"
            "- pause déjeuner tirée du sac dans le jardin de l’atelier\n"
            "- finitions, photos et départ avec votre trousse vers 16 h\n"
            "Inscriptions par message privé.")
    assert found(run(text, "facebook"), "readability.sentence") == []


def test_a_99_word_paragraph_is_too_long_for_a_caption():
    sentence = "Notre robe en lin se porte au bureau comme en week-end."
    r = run(" ".join([sentence] * 9))
    assert [c for c, _ in found(r, "readability.")] == ["readability.paragraph_long"] + ["readability.sentence"] * 9
    assert [s["message"] for s in r.suggestions if s["code"] == "readability.paragraph_long"] == [
        "Un paragraphe compte 99 mots : découpez au-delà de 80."]


def test_under_ten_words_readability_is_left_out_of_the_score():
    r = run("La robe Capucine a été présentée à Bordeaux.")
    assert found(r, "readability.") == []
    assert "readability" not in r.subscores
