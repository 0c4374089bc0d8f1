"""What the scoring tests share: the demo brand, a well-written caption, and ``run``/``found``.

Examples are real French (and English) captions written by hand for Maison Lila, the demo
brand. ``found`` lists (code, highlighted text) so each test asserts the whole finding.
"""

from __future__ import annotations

from core import scoring
from core.language.typography import NNBSP

BRAND = {"name": "Maison Lila", "address": "vous", "emojis": True,
         "words_to_avoid": ["pas cher", "low cost"], "brand_hashtag": "#MaisonLila"}

GOOD_INSTAGRAM = (
    f"Robe d’été ou robe de bureau{NNBSP}? Pourquoi choisir{NNBSP}!\n"
    f"Notre robe Capucine en lin passe de la réunion à l’apéro, sans repassage.\n"
    f"Laquelle porteriez-vous{NNBSP}? Dites-nous en commentaire et commandez-la via le lien en bio.\n"
    f"#MaisonLila #RobeDEte #ModeEthique #LinFrancais"
)


def found(result, prefix=""):
    text = result.stats["_text"]
    return [(s["code"], text[s["start"]:s["end"]]) for s in result.suggestions if s["code"].startswith(prefix)]


def run(text, network="instagram", **kw):
    kw.setdefault("lang", "fr")
    result = scoring.score(text, network, **kw)
    result.stats["_text"] = text
    assert result.stats["errors"] == []
    return result
