"""French noun phrases for drafts: article, elision, contraction and agreement by construction.

A draft's subject (an offer, a keyword, a pillar, a moment) is a ``Noun``: its bare name, its
grammatical gender and number, and whether it takes an article. Templates ask for a form
(``{topic}`` "la robe Lila", ``{topic.de}`` "de la robe Lila" / "du lin" / "d'Halloween",
``{topic.a}`` "au Black Friday", ``{topic.notre}`` "nos retouches") and for agreed words
(``{topic~arrive|arrivent}`` by number, ``{topic~pensé|pensée|pensés|pensées}`` by gender and
number), so "le robe", "de le lin", "on te a" or "les voyages approche" cannot be written.

Gender and number come from one source: the brief's declaration (an offer's ``gender``,
``number`` or ``article``; a moment's entry in ``data/templates/moment_names.toml``), else
spaCy's morphology of the phrase's head noun. A phrase spaCy cannot place stays without
article in forms that need none, and templates needing an article are skipped for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core import refdata

_ARTICLES = refdata.load("french_articles.toml")
_DETERMINERS = set(_ARTICLES["determiners"])
_ASPIRATED = set(_ARTICLES["aspirated_h"])
_VOWELS = "aeiouàâäéèêëîïôöùûüœæ"  # not y: "le yoga", "de yaourt"
_AGREE = re.compile(r"\{(\w+)~([^{}]*)\}")
_FORM = re.compile(r"\{(\w+)\.(\w+)\}")


def starts_with_vowel_sound(word: str) -> bool:
    """"atelier", "Halloween" (mute h) elide; "hamac" (aspirated h) does not."""
    w = word.lower()
    if not w:
        return False
    if w[0] in _VOWELS:
        return True
    return w[0] == "h" and re.sub(r"\W.*", "", w) not in _ASPIRATED


@dataclass(frozen=True)
class Noun:
    """A subject a draft can name. ``article`` False: a name used bare (Noël, Maison Lila)."""

    name: str
    gender: str = ""  # "f", "m" or "" (unknown)
    number: str = "s"
    article: bool = True
    elides: bool = True  # False: the brief declared "le"/"la" before an aspirated h ("le Herve")

    @property
    def known(self) -> bool:
        return bool(self.gender) or self.number == "p" or not self.article

    def _det(self, fem: str, masc: str, elided: str, plural: str) -> str:
        if self.number == "p":
            return plural
        if self.elides and starts_with_vowel_sound(self.name) and elided:
            return elided
        return fem if self.gender == "f" else masc

    def form(self, which: str = "") -> str:
        """The phrase in one of its forms; "" for a form this noun cannot take."""
        n = self.name
        if which == "nu":
            return n
        if which == "our":  # English
            return ("our " + n) if self.article else n
        vowel = starts_with_vowel_sound(n)
        if not self.article:
            chez = n if re.match(r"(?i)chez\b", n) else "chez " + n  # "Chez Margot" is already "chez"
            return {"": n, "de": ("d'" if vowel else "de ") + n, "a": "à " + n, "chez": chez,
                    "notre": n, "ce": n, "un": n, "sur": "sur " + n}.get(which, "")
        if not self.known:
            return ""
        if which == "chez":  # a place named by a common noun: "au Bistro Chez Margot", not "chez Bistro…"
            which = "a"
        if which in ("", "sur"):
            det = self._det("la ", "le ", "l'", "les ")
            return ("sur " if which == "sur" else "") + det + n
        if which == "de":
            return self._det("de la ", "du ", "de l'", "des ") + n
        if which == "a":
            return self._det("à la ", "au ", "à l'", "aux ") + n
        if which == "notre":
            return ("nos " if self.number == "p" else "notre ") + n
        if which == "ce":
            return self._det("cette ", "ce ", "cet " if self.gender != "f" else "cette ", "ces ") + n
        if which == "un":
            if self.number == "p":
                return "des " + n
            return ("une " if self.gender == "f" else "un ") + n
        return ""

    def agree(self, forms: list[str]) -> str | None:
        """Two forms (singular|plural) or four (ms|fs|mp|fp, a form may be empty: "vu{t~|e|s|es}");
        None when the gender is unknown."""
        plural = self.number == "p"
        if len(forms) == 2:
            return forms[1 if plural else 0]
        if len(forms) == 4:
            gender = self.gender or ("m" if not self.article else "")
            if not gender:
                return None
            return forms[(2 if plural else 0) + (1 if gender == "f" else 0)]
        return None


def fill(template: str, nouns: dict[str, Noun]) -> str | None:
    """Noun forms and agreements of ``template``; None when one cannot be written correctly."""
    failed = False

    def form(m: re.Match) -> str:
        nonlocal failed
        noun = nouns.get(m[1])
        out = noun.form(m[2]) if noun else ""
        failed = failed or not out
        return out

    def agree(m: re.Match) -> str:
        nonlocal failed
        noun = nouns.get(m[1])
        out = noun.agree(m[2].split("|")) if noun else None
        failed = failed or out is None
        return out or ""

    text = _AGREE.sub(agree, template)
    text = _FORM.sub(form, text)
    for name, noun in nouns.items():
        if "{" + name + "}" in text:
            out = noun.form("")
            if not out:
                return None
            text = text.replace("{" + name + "}", out)
    return None if failed else text


def elide(text: str, aspirated: frozenset = frozenset()) -> str:
    """"de atelier" -> "d'atelier", "que il" -> "qu'il", "ne est" -> "n'est"; never after a
    hyphen ("partagez-le autour" stays), nor before a word of ``aspirated`` (the brief's own
    names declared with "le"/"la": "pays de Herve")."""
    def sub(m: re.Match) -> str:
        if m[2].lower() in aspirated:
            return m[0]
        return (m[1][:-1] + "'" + m[2]) if starts_with_vowel_sound(m[2]) else m[0]
    return re.sub(r"(?<![\w-])([dD]e|[qQ]ue|[jJ]e|[nN]e|[mM]e|[tT]e|[sS]e) (\w+)", sub, text)


@lru_cache(maxsize=4096)
def guess(phrase: str) -> Noun:
    """A phrase's gender and number from spaCy's morphology of its head noun.

    "robe en lin" -> f s; "retouches offertes" -> f p; a phrase starting with a determiner
    keeps it ("la Croix-Rousse" stays as written, article False).
    """
    phrase = phrase.strip()
    first = phrase.split()[0].lower() if phrase else ""
    if first in ("le", "la", "les") and len(phrase.split()) > 1:
        rest = phrase.split(None, 1)[1]
        return Noun(rest, gender={"le": "m", "la": "f"}.get(first, guess(rest).gender),
                    number="p" if first == "les" else "s")
    if re.match(r"^l['’]\w", first):
        rest = phrase[2:]
        return Noun(rest, gender=guess(rest).gender, number="s")
    if not phrase or first in _DETERMINERS or re.match(r"^(l|d)['’]", first):
        return Noun(phrase, article=False)
    if phrase[:1].isupper():  # a name (Maison Lila, Lyon): no article
        return Noun(phrase, article=False)
    from core.language.nlp import get_nlp  # spaCy is loaded once, only when a phrase needs it
    doc = get_nlp("fr")(f"Voici notre {phrase}.")  # "notre" says nothing of the gender
    head = next((tok for tok in doc if tok.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return Noun(phrase, gender="", number="s")
    gender = {"Fem": "f", "Masc": "m"}.get((head.morph.get("Gender") or [""])[0], "")
    number = "p" if (head.morph.get("Number") or [""])[0] == "Plur" else "s"
    return Noun(phrase, gender=gender, number=number)


def offer_noun(offer: dict) -> Noun:
    """An offer of the brief as a noun: its declared article, else gender, else spaCy's."""
    name = offer["name"].strip()
    article = offer.get("article") or ""
    if article == "aucun":
        return Noun(name, gender=offer.get("gender") or "", number=offer.get("number") or "s", article=False)
    gender, number = offer.get("gender") or "", offer.get("number") or "s"
    if article in ("le", "la"):
        gender = "m" if article == "le" else "f"
        if name[:1] in "hH":  # the declared article wins: "le Herve", h aspirated in Belgian use
            return Noun(name, gender=gender, number=number, elides=False)
    if article == "les":
        number = "p"
    if not gender and number == "s":
        guessed = guess(name)
        gender = guessed.gender
        if not guessed.article:
            return guessed
    return Noun(name, gender=gender, number=number)


_PLACE_WORDS = {k: v for k, v in refdata.load("templates/place_words.toml")["words"].items() if k != "source"}


@lru_cache(maxsize=64)
def brand_noun(name: str) -> Noun:
    """A brand's name as a noun: bare ("Paylane", "chez Maison Lila"), or with its article when it
    starts with a common noun of place ("le Bistro Chez Margot", "au Bistro…", "de l'Atelier
    Brun"): "chez Bistro Chez Margot" and "de Bistro" are not French."""
    name = name.strip()
    first = re.split(r"[\s'’-]", name, maxsplit=1)[0].lower()
    if first not in _PLACE_WORDS or " " not in name:
        return Noun(name, article=False)
    return Noun(name, gender=_PLACE_WORDS[first], number="s")


_MOMENTS = refdata.load("templates/moment_names.toml")


def moment_noun(key: str, label: str, lang: str = "fr") -> Noun:
    """A moment's name with its article: "les soldes d'été", "la fête des mères", "Noël"."""
    base = re.sub(r"^(ferie_).*", r"\1", key)
    entry = _MOMENTS.get(key) or _MOMENTS.get(base.rstrip("_")) or {}
    if lang == "en":
        return Noun(entry.get("en") or label, number=entry.get("en_number", "s"), article=False)
    if entry.get("fr"):
        return Noun(entry["fr"], gender=entry.get("gender", ""), number=entry.get("number", "s"),
                    article=entry.get("article", True))
    clean = re.sub(r"\s*\(.*\)$", "", label).strip()
    words = clean.split()
    # "Salons professionnels du printemps", "Rentrée scolaire": a common noun phrase written
    # with a capital, so it takes an article and agrees ("les salons… battent leur plein")
    if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() and all(
            w.islower() or w.isdigit() or w in ("d'", "l'")
            or words[i][:1].isupper() and words[i - 1].lower() in ("de", "du", "des", "la", "le", "d'", "l'")
            for i, w in enumerate(words[1:], start=1)):
        noun = guess(clean[0].lower() + clean[1:])
        if noun.gender and noun.article:
            return noun
    return Noun(clean, article=False)
