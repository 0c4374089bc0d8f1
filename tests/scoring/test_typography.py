"""Typography findings and their fixes (core.scoring.rules.typography)."""

from __future__ import annotations

from core import scoring
from core.language.typography import NBSP, NNBSP
from tests.scoring.helpers import run


def test_typography_suggestions_carry_their_fix_and_apply_fix_uses_it():
    text = "Nouveau: la robe Capucine!"
    r = run(text)
    typo = [s for s in r.suggestions if s["code"].startswith("typo.")]
    assert [(s["code"], s["fix"]) for s in typo] == [("typo.space_before_colon", NBSP + ":"),
                                                     ("typo.space_before_punct", NNBSP + "!")]
    fixed = scoring.apply_fix(text, typo[1])
    assert fixed == "Nouveau: la robe Capucine\u202f!"



def test_a_run_of_short_capitalised_words_holding_a_grammar_word_is_shouting_and_acronyms_are_not():
    from tests.scoring.helpers import found
    r = run("TROP BIEN CE WEEK END à la salle, venez grimper samedi.", "tiktok")
    assert found(r, "typo.all_caps") == [("typo.all_caps", "TROP BIEN CE WEEK END")]
    assert found(run("Notre logiciel WMS et l’ERP SAP : 38\u202f% d’erreurs en moins.", "linkedin"), "typo.all_caps") == []
