"""core.language.keywords.questions: question ideas about a keyword."""

from core.language import keywords as kw


def test_questions_agree_in_gender_and_number():
    assert kw.questions("gestion de crise")[:2] == [
        "Qu'est-ce que la gestion de crise ?",
        "Comment fonctionne la gestion de crise ?",
    ]
    assert kw.questions("réseaux sociaux")[0] == "Que sont les réseaux sociaux ?"
    assert kw.questions("community manager")[3] == "Combien coûte un community manager ?"
    assert kw.questions("e-réputation")[0] == "Qu'est-ce que l'e-réputation ?"
