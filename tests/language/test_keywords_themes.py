"""core.language.keywords.themes: keyword themes, the content pillars proposed from keywords."""

from core.language import keywords as kw


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
