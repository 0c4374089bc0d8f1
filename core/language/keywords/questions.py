"""Question ideas about a keyword, as people type them into search engines."""

from __future__ import annotations

from core.language import nlp as core_nlp
from core.language.keywords.lemmas import strip_accents

_FEMININE_ENDINGS = ("tion", "sion", "té", "ie", "ure", "ence", "ance", "ette", "ise", "ude",
                     "ade", "ine", "elle", "esse", "ée", "ique", "oire")
_MASCULINE_EXCEPTIONS = frozenset("magazine musée lycée trophée génie incendie parapluie "
                                  "silence dictionnaire groupe rôle".split())


def _gender_number(phrase: str) -> tuple[str, bool]:
    """("f"|"m", plural) of the head noun: from spaCy's morphology when the French
    pipeline is already loaded, else from French noun endings."""
    head = phrase.split()[0].lower() if phrase.split() else ""
    if core_nlp.is_loaded("fr"):
        doc = core_nlp.get_nlp("fr")(phrase, disable=core_nlp.disabled_for(core_nlp.get_nlp("fr"), "morph"))
        for t in doc:
            if t.pos_ in ("NOUN", "PROPN") or t.i == 0:
                g = t.morph.get("Gender")
                num = t.morph.get("Number")
                if g or num:
                    return ("f" if g == ["Fem"] else "m", num == ["Plur"])
    plural = head.endswith(("s", "x")) and not head.endswith(("ss", "us", "is", "os"))
    fem = head.endswith(_FEMININE_ENDINGS) and head not in _MASCULINE_EXCEPTIONS
    return ("f" if fem else "m", plural)


def questions(phrase: str, lang: str = "fr") -> list[str]:
    """Questions people type about ``phrase`` into search engines, as content ideas."""
    p = " ".join(str(phrase or "").split())
    if not p:
        return []
    if lang == "en":
        return [f"What is {'an' if p[:1].lower() in 'aeiou' else 'a'} {p}?", f"How does {p} work?",
                f"Why is {p} important?", f"How much does {p} cost?", f"How to choose {p}?",
                f"What are the benefits of {p}?", f"{p[:1].upper() + p[1:]}: what mistakes to avoid?"]
    gender, plural = _gender_number(p)
    vowel = strip_accents(p[:1].lower()) in "aeiouyh"
    if plural:
        the, of_the, a = "les", "des", "des"
    elif vowel:
        the, of_the, a = "l'", "de l'", "une" if gender == "f" else "un"
    else:
        the, of_the, a = ("la", "de la", "une") if gender == "f" else ("le", "du", "un")
    sep = "" if the.endswith("'") else " "
    dsep = "" if of_the.endswith("'") else " "
    what = f"Que sont {the} {p} ?" if plural else (
        f"Qu'est-ce qu'{a} {p} ?" if gender == "m" and not vowel and False else f"Qu'est-ce que {the}{sep}{p} ?")
    if not plural and not vowel and the == "le":
        what = f"Qu'est-ce que le {p} ?"
    if what.startswith("Qu'est-ce que l'"):
        what = f"Qu'est-ce que l'{p} ?"
    pronoun = ("elles" if gender == "f" else "ils") if plural else ("elle" if gender == "f" else "il")
    adj = "importants" if plural and gender == "m" else "importantes" if plural else "importante" if gender == "f" else "important"
    which = ("Quelles" if gender == "f" else "Quels") if plural else ("Quelle" if gender == "f" else "Quel")
    cost = "coûtent" if plural else "coûte"
    works = "fonctionnent" if plural else "fonctionne"
    out = [
        what,
        f"Comment {works} {the}{sep}{p} ?",
        f"Pourquoi {the}{sep}{p} {'sont' if plural else 'est'}-{pronoun} {adj} ?",
        f"Combien {cost} {a if not plural else 'les'} {p} ?",
        f"{which} {p} choisir ?",
        f"Quels sont les avantages {of_the}{dsep}{p} ?",
        f"{p[:1].upper() + p[1:]} : quelles erreurs éviter ?",
    ]
    return out
