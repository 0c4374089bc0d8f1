"""What a senior CM found wrong in the rules (issue 12), each on a French post written for the test:
grouped typography, "!!!", "-50%", glued sentences, acronyms, arrows, hashtags that spell a
keyword, hooks that open on a number in words or a quotation, generic hashtags, superlatives."""

from __future__ import annotations

from core import scoring
from tests.scoring.helpers import found, run


def test_twenty_straight_apostrophes_are_one_suggestion_with_one_fix_for_all():
    text = ("L’équipe d'Atelier Brume t'attend samedi : c'est l'occasion d'essayer l'huile d'argan, "
            "d'en parler et d'apprendre l'art d'un massage qu'on n'oublie pas.")
    r = run(text, "linkedin")
    apostrophes = [s for s in r.suggestions if s["code"] == "typo.apostrophe"]
    assert len(apostrophes) == 1 and apostrophes[0]["count"] == 13
    assert "13 fois" in apostrophes[0]["message"]
    assert "'" not in scoring.apply_fix(text, apostrophes[0])
    assert r.subscores["typography"] >= 90


def test_repeated_exclamation_marks_a_glued_sentence_and_a_percentage_are_fixed():
    text = "Dernier jour des soldes\u202f!!! Jusqu’à -50% sur les manteaux.Venez tôt."
    r = run(text, "facebook")
    fixes = {s["code"]: (text[s["start"]:s["end"]], s["fix"]) for s in r.suggestions if s["code"].startswith("typo.")}
    assert fixes == {"typo.repeated_punct": ("!!!", "!"), "typo.percent": ("-50%", "−50\u202f%"),
                     "typo.space_after_punct": (".", ". ")}


def test_acronyms_in_capitals_are_not_shouting_but_a_shouted_claim_is_both_shouting_and_unsupported():
    text = "Notre intégration ERP WMS TMS réduit vos erreurs de stock de 30\u202f%."
    assert found(run(text, "linkedin"), "typo.all_caps") == []
    r = run("LA MEILLEURE SOLUTION DU MARCHÉ pour vos stocks, testée par 40 entrepôts.", "linkedin")
    assert [c for c, _ in found(r) if c in ("typo.all_caps", "tone.superlative")] == ["tone.superlative",
                                                                                      "typo.all_caps"]


def test_an_arrow_is_not_an_emoji_in_a_brand_without_emoji():
    brand = {"name": "Atelier Brume", "address": "vous", "emojis": False, "words_to_avoid": [], "brand_hashtag": ""}
    r = run("Nos ateliers de janvier sont en ligne → réservez votre place sur le site.", "facebook", brand=brand)
    assert found(r, "tone.emoji") == []


def test_a_keyword_spelt_by_a_hashtag_is_present():
    r = run("Nos coups de cœur de la semaine sont à la cave. Venez les goûter\u202f! #VinsDeBordeaux #CaveSaintRoch",
            keywords=["vins de Bordeaux"])
    assert found(r, "keywords.missing") == []


def test_a_hook_opening_on_a_number_in_words_or_a_quotation_has_its_trigger():
    assert found(run("Trois erreurs qui abîment vos pulls en laine, et comment les éviter.", "facebook"), "hook.") == []
    assert found(run("«\u00a0Le lin se froisse, et c’est tant mieux.\u00a0» Notre couturière a raison.", "facebook"),
                 "hook.") == []


def test_generic_hashtags_are_worn_out():
    r = run("Notre tarte aux figues du dimanche est prête. Venez la goûter\u202f! #foodporn #fashion #TarteAuxFigues")
    assert [c for c, _ in found(r, "hashtags.overused")] == ["hashtags.overused", "hashtags.overused"]


def test_a_keyword_whose_words_are_all_there_in_another_order_is_present():
    r = run("Entretien annuel\u00a0: trois questions que les managers de PME oublient de poser.", "linkedin",
            keywords=["managers PME"])
    assert found(r, "keywords.missing") == []


def test_a_unit_after_a_number_with_an_ordinary_space_is_not_a_grammar_mistake():
    r = run("Notre fromagerie fête ses 50 ans\u202f: une meule de 35 kg vous attend samedi en boutique.", "facebook")
    assert found(r, "grammar.") == [] and found(r, "typo.other") == []


def test_a_post_shouting_in_capitals_is_capped_and_acronyms_are_not_shouting():
    r = run("BLACK FRIDAY : TOUTE LA BOUTIQUE À −30 % CE WEEK-END, VENEZ VITE.")
    assert r.score <= 60
    assert run("Notre WMS parle à votre ERP en temps réel : 2 000 commandes par jour sans erreur.",
               "linkedin").score > 60
