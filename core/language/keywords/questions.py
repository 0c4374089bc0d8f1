"""Question ideas about a keyword, as people type them into search engines.

French questions need the article of the keyword's head noun: its gender and number come
from one table, ``data/wordlists/noun_gender_fr.tsv`` (Lexique 3.83 and DELA), and the
elision ("l'hôtel", but "la housse") from ``data/wordlists/h_aspire_fr.txt``. The same
phrase always gives the same questions: nothing depends on what else the process loaded.
"""

from __future__ import annotations

from functools import lru_cache

from core.language.keywords.lemmas import phrase_tokens
from core.language.text import fold
from core.refdata import DATA, load_words

# Words after which a phrase's head noun is behind: "logiciel | de gestion".
_AFTER_HEAD = frozenset("de d' du des à au aux en pour sur avec sans par".split())
_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    table = {}
    for line in (DATA / "wordlists" / "noun_gender_fr.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, gender = line.partition("\t")
            table[word] = gender
    return table


@lru_cache(maxsize=1)
def _h_aspire() -> frozenset:
    return load_words("wordlists/h_aspire_fr.txt")


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").replace("œ", "oe").replace("æ", "ae")


def _singulars(w: str) -> list[str]:
    """The singulars a plural form may come from: "réseaux" -> "réseau", "stories" -> "story"."""
    out = []
    if w.endswith("aux"):
        out += [w[:-1], w[:-3] + "al", w[:-3] + "ail"]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith(("s", "x")):
        out.append(w[:-1])
    return out


def _noun(word: str) -> tuple[str, bool] | None:
    """(gender, plural) of a noun the table knows, or None."""
    table = _genders()
    w = _norm(word)
    if w in table:
        return table[w], False
    for singular in _singulars(w):
        if singular in table:
            return table[singular], True
    if "-" in w.strip("-"):
        return _noun(w.rsplit("-", 1)[1])  # "e-réputation" is a "réputation"
    return None


def gender_number(phrase: str) -> tuple[str, bool]:
    """("f"|"m", plural) of the head noun of a French phrase: its first word the table
    knows, before any preposition ("community manager" -> "manager"); masculine, French's
    gender for new words, when it knows none, and plural when the first word ends in s or x."""
    words = phrase_tokens(phrase)
    for word in words:
        if _norm(word) in _AFTER_HEAD:
            break
        found = _noun(word)
        if found:
            return found
    first = _norm(words[0]) if words else ""
    return "m", first.endswith(("s", "x")) and not first.endswith(("ss", "us", "is", "os"))


def _elides(phrase: str) -> bool:
    """True when an article before ``phrase`` elides: "l'hôtel", "l'e-réputation", not
    "la housse" (h aspiré) nor "le yaourt" (y before a vowel is a consonant)."""
    words = phrase_tokens(phrase)
    if not words:
        return False
    first = fold(_norm(words[0]))
    if first[:1] in _VOWELS:
        return True
    if first[:1] == "y":
        return first[1:2] not in _VOWELS
    if first[:1] == "h":
        word = _norm(words[0]).split("-")[0]
        return not ({word, *_singulars(word)} & _h_aspire())
    return False


def _english(p: str) -> list[str]:
    return [f"What is {'an' if p[:1].lower() in 'aeiou' else 'a'} {p}?", f"How does {p} work?",
            f"Why is {p} important?", f"How much does {p} cost?", f"How to choose {p}?",
            f"What are the benefits of {p}?", f"{p[:1].upper() + p[1:]}: what mistakes to avoid?"]


def questions(phrase: str, lang: str = "fr") -> list[str]:
    """Questions people type about ``phrase`` into search engines, as content ideas."""
    p = " ".join(str(phrase or "").split())
    if not p:
        return []
    if lang == "en":
        return _english(p)
    gender, plural = gender_number(p)
    fem = gender == "f"
    if plural:
        the, of_the, a = "les ", "des ", "les "
    elif _elides(p):
        the, of_the, a = "l'", "de l'", "une " if fem else "un "
    else:
        the, of_the, a = ("la ", "de la ", "une ") if fem else ("le ", "du ", "un ")
    pronoun = ("elles" if fem else "ils") if plural else ("elle" if fem else "il")
    important = "important" + ("e" if fem else "") + ("s" if plural else "")
    which = ("Quelles" if fem else "Quels") if plural else ("Quelle" if fem else "Quel")
    return [
        f"Que sont les {p} ?" if plural else f"Qu'est-ce que {the}{p} ?",
        f"Comment {'fonctionnent' if plural else 'fonctionne'} {the}{p} ?",
        f"Pourquoi {the}{p} {'sont' if plural else 'est'}-{pronoun} {important} ?",
        f"Combien {'coûtent' if plural else 'coûte'} {a}{p} ?",
        f"{which} {p} choisir ?",
        f"Quels sont les avantages {of_the}{p} ?",
        f"{p[:1].upper() + p[1:]} : quelles erreurs éviter ?",
    ]
