"""core.language.keywords.questions: question ideas with the right article, whatever else
the process has loaded."""

import json
import subprocess
import sys
from pathlib import Path

from core.language import keywords as kw
from core.language import nlp as core_nlp

ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = {
    "robe d'été": [
        "Qu'est-ce que la robe d'été ?",
        "Comment fonctionne la robe d'été ?",
        "Pourquoi la robe d'été est-elle importante ?",
        "Combien coûte une robe d'été ?",
        "Quelle robe d'été choisir ?",
        "Quels sont les avantages de la robe d'été ?",
        "Robe d'été : quelles erreurs éviter ?",
    ],
    "maison": [
        "Qu'est-ce que la maison ?",
        "Comment fonctionne la maison ?",
        "Pourquoi la maison est-elle importante ?",
        "Combien coûte une maison ?",
        "Quelle maison choisir ?",
        "Quels sont les avantages de la maison ?",
        "Maison : quelles erreurs éviter ?",
    ],
    "housse de couette": [
        "Qu'est-ce que la housse de couette ?",
        "Comment fonctionne la housse de couette ?",
        "Pourquoi la housse de couette est-elle importante ?",
        "Combien coûte une housse de couette ?",
        "Quelle housse de couette choisir ?",
        "Quels sont les avantages de la housse de couette ?",
        "Housse de couette : quelles erreurs éviter ?",
    ],
    "logiciel de gestion": [
        "Qu'est-ce que le logiciel de gestion ?",
        "Comment fonctionne le logiciel de gestion ?",
        "Pourquoi le logiciel de gestion est-il important ?",
        "Combien coûte un logiciel de gestion ?",
        "Quel logiciel de gestion choisir ?",
        "Quels sont les avantages du logiciel de gestion ?",
        "Logiciel de gestion : quelles erreurs éviter ?",
    ],
}

_FRESH = """
import json
from core.language import nlp
from core.language.keywords import questions
phrases = json.loads(input())
print(json.dumps({"pipeline_loaded": nlp.is_loaded("fr"), "questions": {p: questions(p) for p in phrases}}))
"""


def test_questions_give_each_keyword_its_article_in_a_fresh_process():
    run = subprocess.run([sys.executable, "-c", _FRESH], cwd=ROOT, input=json.dumps(list(QUESTIONS)),
                         capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(run.stdout) == {"pipeline_loaded": False, "questions": QUESTIONS}


def test_questions_are_the_same_once_the_pipeline_is_loaded(nlp_fr):
    assert core_nlp.is_loaded("fr")
    assert {p: kw.questions(p) for p in QUESTIONS} == QUESTIONS


def test_questions_agree_in_gender_and_number():
    assert kw.questions("gestion de crise")[:2] == [
        "Qu'est-ce que la gestion de crise ?",
        "Comment fonctionne la gestion de crise ?",
    ]
    assert kw.questions("réseaux sociaux")[:3] == [
        "Que sont les réseaux sociaux ?",
        "Comment fonctionnent les réseaux sociaux ?",
        "Pourquoi les réseaux sociaux sont-ils importants ?",
    ]
    assert kw.questions("stories Instagram")[4] == "Quelles stories Instagram choisir ?"


def test_the_head_noun_is_found_behind_an_english_word_and_inside_a_compound():
    assert kw.questions("community manager")[3] == "Combien coûte un community manager ?"
    assert kw.questions("e-réputation")[:3] == [
        "Qu'est-ce que l'e-réputation ?",
        "Comment fonctionne l'e-réputation ?",
        "Pourquoi l'e-réputation est-elle importante ?",
    ]


def test_the_article_elides_before_a_vowel_and_a_mute_h_not_before_an_h_aspire_or_a_consonant_y():
    firsts = [kw.questions(p)[0] for p in ("huile d'olive", "hôtel", "haricots verts", "hamac", "yaourt")]
    assert firsts == [
        "Qu'est-ce que l'huile d'olive ?",
        "Qu'est-ce que l'hôtel ?",
        "Que sont les haricots verts ?",
        "Qu'est-ce que le hamac ?",
        "Qu'est-ce que le yaourt ?",
    ]


def test_a_noun_with_two_genders_takes_the_commoner_sense_and_an_unknown_one_is_masculine():
    assert [kw.questions(p)[3] for p in ("poêle en fonte", "livre de recettes", "élève", "podcast", "dropshipping")] == [
        "Combien coûte une poêle en fonte ?",
        "Combien coûte un livre de recettes ?",
        "Combien coûte un élève ?",
        "Combien coûte un podcast ?",
        "Combien coûte un dropshipping ?",
    ]


def test_english_questions_take_a_or_an():
    assert kw.questions("online shop", "en")[:2] == ["What is an online shop?", "How does online shop work?"]
    assert kw.questions("linen bedding", "en")[0] == "What is a linen bedding?"


def test_no_phrase_no_questions():
    assert [kw.questions(p) for p in ("", "   ", None)] == [[], [], []]
