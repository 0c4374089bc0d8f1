"""core.language.keywords.saved: a brand's saved keywords."""

import pytest
from sqlmodel import select

from core.language import keywords as kw
from core.models import Keyword, KeywordSet


def test_save_keywords_merges_variants_under_one_lemma_key(session, demo_brand):
    kw.save_keywords(demo_brand, [{"phrase": "réseaux sociaux", "priority": 1, "variants": ["Réseaux sociaux"]}],
                     session=session)
    kw.save_keywords(demo_brand, [{"phrase": "réseau social", "priority": 3, "variants": []}], session=session)
    rows = session.exec(select(Keyword).where(Keyword.brand_id == demo_brand, Keyword.key == "reseau social")).all()
    assert [(r.phrase, r.priority, r.variants) for r in rows] == [
        ("réseaux sociaux", 3, ["réseaux sociaux", "Réseaux sociaux", "réseau social"])
    ]
    assert len(session.exec(select(KeywordSet).where(KeywordSet.brand_id == demo_brand)).all()) == 2


def test_saved_keywords_come_high_priority_first(session, demo_brand):
    before = {r.key for r in kw.saved_keywords(demo_brand, session=session)}
    kw.save_keywords(demo_brand, [{"phrase": "linge de lit", "priority": 3}, {"phrase": "housse de couette", "priority": 1}],
                     session=session)
    rows = [(r.phrase, r.priority) for r in kw.saved_keywords(demo_brand, session=session) if r.key not in before]
    assert rows == [("housse de couette", 1), ("linge de lit", 3)]


def mine(session, brand, before):
    return [(r.phrase, r.priority, r.variants) for r in kw.saved_keywords(brand, session=session) if r.key not in before]


def test_a_keyword_typed_by_hand_is_saved_and_a_second_form_of_it_is_refused_with_the_saved_one(session, demo_brand):
    before = {r.key for r in kw.saved_keywords(demo_brand, session=session)}
    kw.add_keyword(demo_brand, "  robe d'été\u0007 en lin ", priority=1, session=session)
    assert mine(session, demo_brand, before) == [("robe d'été en lin", 1, ["robe d'été en lin"])]
    with pytest.raises(kw.KeywordError) as refused:
        kw.add_keyword(demo_brand, "Robes d'été en lin", session=session)
    assert refused.value.message("fr") == (
        "«\u202fRobes d'été en lin\u202f» est déjà enregistré sous la forme «\u202frobe d'été en lin\u202f»\u202f; "
        "modifiez-le plutôt que de l'ajouter une seconde fois.")


@pytest.mark.parametrize("phrase, key", [("", "kws.err_empty"), ("\n\t ", "kws.err_empty"), ("🌸🌸", "kws.err_no_word"),
                                         ("lin " * 60, "kws.err_long")])
def test_an_empty_emoji_only_or_huge_keyword_is_refused_with_a_message(session, demo_brand, phrase, key):
    with pytest.raises(kw.KeywordError) as refused:
        kw.add_keyword(demo_brand, phrase, session=session)
    assert refused.value.key == key


def test_editing_a_keyword_keeps_its_old_form_as_a_variant_and_sets_its_priority(session, demo_brand):
    before = {r.key for r in kw.saved_keywords(demo_brand, session=session)}
    row = kw.add_keyword(demo_brand, "robe lin", session=session)
    kw.edit_keyword(demo_brand, row.id, phrase="robe en lin", priority=3, session=session)
    assert mine(session, demo_brand, before) == [("robe en lin", 3, ["robe en lin", "robe lin"])]
    with pytest.raises(kw.KeywordError) as refused:
        kw.edit_keyword(demo_brand, row.id, priority=7, session=session)
    assert refused.value.message("en") == "Unknown priority: 7. Valid values: 1 (high), 2 (normal), 3 (low)."


def test_renaming_a_keyword_to_another_saved_one_asks_for_a_merge(session, demo_brand):
    a = kw.add_keyword(demo_brand, "housse de couette en lin", session=session)
    kw.add_keyword(demo_brand, "housse de couette", session=session)
    with pytest.raises(kw.KeywordError) as refused:
        kw.edit_keyword(demo_brand, a.id, phrase="housses de couette", session=session)
    assert refused.value.key == "kws.err_exists_merge"


def test_merging_two_variants_keeps_one_keyword_with_both_forms_and_the_higher_priority(session, demo_brand):
    before = {r.key for r in kw.saved_keywords(demo_brand, session=session)}
    keep = kw.add_keyword(demo_brand, "robe d'été en lin", priority=2, session=session)
    other = kw.add_keyword(demo_brand, "robe en lin d'été", priority=1, session=session)
    kw.merge_keywords(demo_brand, keep.id, other.id, session=session)
    assert mine(session, demo_brand, before) == [("robe d'été en lin", 1, ["robe d'été en lin", "robe en lin d'été"])]
    with pytest.raises(kw.KeywordError):
        kw.merge_keywords(demo_brand, keep.id, keep.id, session=session)


def test_a_deleted_keyword_is_gone_and_deleting_it_again_says_so(session, demo_brand):
    before = {r.key for r in kw.saved_keywords(demo_brand, session=session)}
    row = kw.add_keyword(demo_brand, "linge de lit", session=session)
    assert kw.delete_keyword(demo_brand, row.id, session=session) == "linge de lit"
    assert mine(session, demo_brand, before) == []
    with pytest.raises(kw.KeywordError) as refused:
        kw.delete_keyword(demo_brand, row.id, session=session)
    assert refused.value.key == "kws.err_missing"
