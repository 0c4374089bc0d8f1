"""core.language.keywords.saved: a brand's saved keywords."""

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
