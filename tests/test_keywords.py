"""core.language.keywords: lemma keys, occurrences, extraction, themes, questions, saving."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from core.language import keywords as kw
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


TEXT_FR = (
    "Le community manager anime les réseaux sociaux de la marque. Chaque community manager "
    "prépare un calendrier éditorial et suit la gestion de crise. Les réseaux sociaux "
    "demandent une veille constante ; la gestion de crise commence par l'écoute. "
    "Un bon community manager connaît sa communauté et le réseau social qu'elle aime."
)


def test_extraction_merges_plural_and_singular_and_shows_the_most_frequent_form(nlp_fr):
    result = kw.extract([TEXT_FR], lang="fr", top=5)
    assert result.lang == "fr"
    top = {k.phrase: (k.count, k.docs, k.variants) for k in result.keywords}
    assert top["réseaux sociaux"] == (3, 1, ["réseaux sociaux", "réseau social"])
    assert top["community manager"][0] == 3
    assert [k.phrase for k in result.keywords][:3] == ["community manager", "réseaux sociaux", "gestion de crise"]


def test_no_keyword_starts_or_ends_with_an_article_or_a_preposition(nlp_fr):
    for k in kw.extract([TEXT_FR], lang="fr", top=30).keywords:
        words = k.phrase.lower().replace("'", "' ").split()
        assert words[0] not in {"de", "d'", "du", "des", "la", "le", "les", "l'", "à", "au", "aux", "un", "une"}
        assert words[-1] not in {"de", "d'", "du", "des", "la", "le", "les", "l'", "à", "au", "aux"}


def test_counts_and_documents_are_over_all_inputs_together(nlp_fr):
    result = kw.extract(["La gestion de crise se prépare.", "Une bonne gestion de crise rassure."], lang="fr")
    k = next(k for k in result.keywords if k.key == "gestion de crise")
    assert (k.count, k.docs) == (2, 2)


def test_english_texts_get_english_keywords(nlp_en):
    text = ("Our community manager runs the social media accounts. A good community manager "
            "answers every comment on social media within the hour.")
    result = kw.extract([text], top=3)
    assert result.lang == "en"
    assert [k.phrase for k in result.keywords][:2] == ["community manager", "social media"]


def test_empty_inputs_give_no_keywords():
    for texts in ([], [""], ["   \n"], ["🎉🎉"]):
        assert kw.extract(texts).keywords == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), max_size=3))
def test_no_input_crashes_the_extraction(texts):
    result = kw.extract(texts, lang="fr", top=5)
    assert len(result.keywords) <= 5
    json.dumps(result.to_dict())


def test_the_cli_prints_one_json_object_per_file_with_per_file(tmp_path, capsys, nlp_fr):
    from core.cli.main import main

    a, b = tmp_path / "a.txt", tmp_path / "b.md"
    a.write_text(TEXT_FR, encoding="utf-8")
    b.write_text("# Lin\nLe lin de Normandie est une fibre solide. Le lin pousse en Normandie.", encoding="utf-8")
    assert main(["keywords", str(a), str(b), "--per-file", "--json", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [str(a), str(b)]
    assert [k["phrase"] for k in data[str(a)]["keywords"]] == ["community manager", "réseaux sociaux"]
    assert set(data[str(b)]["keywords"][0]) == {"phrase", "score", "count", "docs", "variants"}


def test_the_cli_refuses_a_binary_file_with_exit_code_2(tmp_path, capsys):
    from core.cli.main import main

    path = tmp_path / "logo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["keywords", str(path)]) == 2
    assert "logo.txt n'est pas un fichier texte lisible" in capsys.readouterr().err


def test_names_cut_by_the_tokenizer_stay_whole_and_a_verb_form_after_a_determiner_is_a_noun(nlp_fr):
    text = ("Le Royaume-Uni retire ses forces d'Afghanistan. Les forces britanniques quittent le pays, "
            "et l'agence Moody's salue la décision. Selon Jean-Marie Le Pen, le Royaume-Uni a raison ; "
            "Moody's approuve.")
    result = kw.extract([text], lang="fr", top=4)
    assert [(k.phrase, k.count) for k in result.keywords] == [
        ("Royaume-Uni", 2), ("Moody's", 2), ("forces", 2), ("Jean-Marie Le Pen", 1)]


def test_word_frequencies_tell_everyday_words_from_specific_ones():
    freq = kw.word_frequency("fr")
    assert [freq.get(kw.word_key(w), 0.0) > 4.0 for w in ("pays", "gouvernement", "canicule", "exoplanètes")] == [
        True, True, False, False]
