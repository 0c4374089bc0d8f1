"""The grammar and spelling family: Grammalecte's findings with their fix, the brand's words
known, typography said once, and an honest "grammar unchecked" when Grammalecte cannot answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core import scoring
from core.language import grammar as gc
from tests.scoring.helpers import found, run

ROOT = Path(__file__).resolve().parents[2]
needs_server = pytest.mark.skipif(
    shutil.which(gc.EXECUTABLE) is None and os.environ.get("CI") != "true",
    reason="grammalecte-server is not installed (Debian package grammalecte-cli; make test installs it)")


@pytest.fixture
def grammalecte_down(monkeypatch):
    """A checker whose server address answers nothing, as when Grammalecte has crashed."""
    monkeypatch.setattr(gc, "_default", gc.GrammarChecker(gc.GrammalecteService(url="http://127.0.0.1:9")))


def _fixes(result, prefix):
    text = result.stats["_text"]
    return [(s["code"], text[s["start"]:s["end"]], s["fix"]) for s in result.suggestions
            if s["code"].startswith(prefix)]


@needs_server
def test_an_agreement_mistake_and_a_missing_accent_come_with_grammalectes_fix():
    text = "Nos nouvelle robe en lin sont arrivées. Venez decouvrir la collection en boutique."
    r = run(text)
    assert _fixes(r, "grammar.") == [("grammar.grammar", "nouvelle", "nouvelles"),
                                      ("grammar.spelling", "decouvrir", "découvrir")]
    assert r.grammar_checked and r.subscores["grammar"] == 50
    spelling = next(s for s in r.suggestions if s["code"] == "grammar.spelling")
    assert scoring.apply_fix(text, spelling) == text.replace("decouvrir", "découvrir")
    assert spelling["suggestions"][0] == "découvrir"


@needs_server
def test_a_correct_post_keeps_a_full_grammar_subscore():
    r = run("Nos robes d’été en lin lavé arrivent lundi en boutique. Laquelle préférez-vous\u202f?")
    assert found(r, "grammar.") == [] and r.subscores["grammar"] == 100


@needs_server
def test_names_the_brand_its_hashtag_and_the_keywords_are_not_spelling_mistakes():
    text = "Le coffret Lilaroma revient pour la fête des mères. lilaroma, c’est la bougie brumelin. #Ambrelune"
    assert found(run(text), "grammar.spelling") == [("grammar.spelling", "lilaroma"),
                                                    ("grammar.spelling", "brumelin")]
    brand = {"name": "Atelier Lilaroma", "address": "vous", "emojis": True, "words_to_avoid": [],
             "brand_hashtag": "#Ambrelune"}
    assert found(run(text, brand=brand, keywords=["bougie Brumelin"]), "grammar.") == []


@needs_server
def test_grammalectes_typography_findings_do_not_repeat_calames_own():
    r = run("Les soldes commencent demain ! Merci à tous.Rendez-vous en boutique.")
    assert _fixes(r, "typo.") == [("typo.space_after_punct", ".", ". "),
                                  ("typo.space_before_punct", " !", "\u202f!")]
    r = run("Soldes d’hiver\u00a0: jusqu’à 50 pour cent sur les manteaux - venez vite.")
    assert _fixes(r, "typo.") == [("typo.other", " - ", " – ")]


def test_when_grammalecte_does_not_answer_the_result_says_grammar_went_unchecked(grammalecte_down):
    r = run("Nos nouvelle robe en lin sont arrivées. Venez decouvrir la collection en boutique.")
    assert r.grammar == {"checked": False, "reason": "grammar.down", "message": r.grammar["message"]}
    assert "Grammalecte" in r.grammar["message"]
    assert "grammar" not in r.subscores and found(r, "grammar.") == []
    data = r.to_dict()
    assert data["grammar_checked"] is False and data["grammar"]["reason"] == "grammar.down"


def test_an_english_post_has_its_spelling_checked_and_says_grammar_was_not():
    r = run("Our linen dresses are back in store on Monday. Which one would you wear?", lang="en")
    assert r.grammar == {"checked": True, "reason": None, "message": "", "scope": "spelling"}
    assert r.subscores["grammar"] == 100


def test_english_misspellings_get_a_correction_and_the_uk_or_us_form_follows_the_country():
    text = "Your going to definately love our new color range, Ellie Marsh says."
    r = run(text, lang="en", locale="en-GB")
    assert found(r, "grammar.") == [("grammar.spelling", "definately"), ("grammar.spelling_variant", "color")]
    assert [s["fix"] for s in r.suggestions if s["code"].startswith("grammar.")] == ["definitely", "colour"]
    assert found(run(text, lang="en", locale="en-US"), "grammar.") == [("grammar.spelling", "definately")]
    assert found(run(text.replace("color", "colour"), lang="en", locale="en-US"), "grammar.") == [
        ("grammar.spelling", "definately"), ("grammar.spelling_variant", "colour")]


@needs_server
def test_score_many_checks_every_french_text_in_one_grammalecte_call(monkeypatch):
    calls = []
    original = gc.check_many

    def counting(texts, known_words=()):
        calls.append(list(texts))
        return original(texts, known_words)

    monkeypatch.setattr(gc, "check_many", counting)
    items = [{"id": 1, "text": "Nos nouvelle robe sont là.", "lang": "fr"},
             {"id": 2, "text": "Our new dresses are here.", "lang": "en"},
             {"id": 3, "text": "Venez decouvrir la boutique.", "lang": "fr"}]
    results = scoring.score_many(items)
    assert calls == [["Nos nouvelle robe sont là.", "Venez decouvrir la boutique."]]
    assert [r.grammar_checked for r in results] == [True, True, True]
    assert [r.grammar.get("scope") for r in results] == [None, "spelling", None]


def test_the_cli_says_grammar_went_unchecked(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("Nos robes d’été arrivent lundi en boutique.", encoding="utf-8")
    env = {**os.environ, gc.URL_ENV: "http://127.0.0.1:9"}
    out = subprocess.run([sys.executable, "-m", "core", "score", "--lang", "fr", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1].startswith("Attention\u00a0: grammaire et orthographe NON vérifiées")
    out = subprocess.run([sys.executable, "-m", "core", "score", "--lang", "fr", str(path), "--json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=env)
    assert json.loads(out.stdout)["grammar_checked"] is False


@needs_server
def test_a_post_with_several_spelling_mistakes_cannot_score_as_publishable():
    r = run("Venez decouvrir nos nouvelle robe d’hiver, tout est disponnible en boutique, les taille partent "
            "vite. Dépéchez vous\u202f!")
    assert r.subscores["grammar"] < 50
    assert r.score <= 55
