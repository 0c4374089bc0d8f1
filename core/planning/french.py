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
    verbal: bool = False  # an infinitive phrase ("devenir mentor"): heads a line, never fills a noun slot
    conj: tuple = ()  # two coordinated nouns ("examen complet" and "nettoyage"), each with its article

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
        if self.verbal:  # "un mot sur devenir mentor": a verb phrase in a noun's place (``fill``)
            return ""
        if self.conj and which != "our":  # "l'examen complet et le nettoyage"
            parts = [c.form(which) for c in self.conj]
            return " et ".join(parts) if all(parts) else ""
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
    for name, noun in nouns.items():
        if noun.verbal:  # "Devenir mentor, c'est…", "Devenir mentor : …": a verb phrase heads the line
            text = re.sub(r"^([^\w{]*)\{" + name + r"(?:\.(?:our|nu))?\}(?=\s?[,:])",
                          lambda m, n=noun.name: m[1] + n, text, count=1)
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


@lru_cache(maxsize=1024)
def _parse(phrase: str) -> tuple:
    """spaCy's reading of a name in a noun's place ("Voici notre salle Traboule 404."): for each
    word, (text, pos, dep, index of its head within the name, gender, number, verb form)."""
    from core.language.nlp import get_nlp
    doc = get_nlp("fr")(f"Voici notre {phrase}.")
    return tuple((t.text, t.pos_, t.dep_, t.head.i - 2, (t.morph.get("Gender") or [""])[0],
                  (t.morph.get("Number") or [""])[0], (t.morph.get("VerbForm") or [""])[0])
                 for t in doc[2:-1])


def verbal_phrase(phrase: str) -> bool:
    """"devenir mentor", "s'initier à la poterie": an infinitive at the head (spaCy reads a verb
    even after "notre"), so the name cannot follow "sur", "de" or a verb as a noun would."""
    words = [w for w in _parse(phrase.strip()) if w[1] != "PRON"]  # "s'" of a pronominal verb
    return bool(words) and words[0][1] == "VERB" and words[0][6] == "Inf"


def common_head(phrase: str) -> str | None:
    """The gender ("f", "m", "" unknown) of the common noun a name starts with ("salle Traboule
    404": "f", "carte cadeau": "f"); None for a proper name ("Netflix", "Lila Studio"): only a
    name written with a lower-case common noun at its head takes that noun's article."""
    phrase = phrase.strip()
    if not phrase[:1].islower():
        return None
    words = _parse(phrase)
    if not words or words[0][1] != "NOUN":
        return None
    return {"Fem": "f", "Masc": "m"}.get(words[0][4], "")


def _coordinated(phrase: str) -> tuple[str, str] | None:
    """"examen complet et nettoyage" -> ("examen complet", "nettoyage"): two nouns joined by
    "et", the second one tied by spaCy to the name's head (or its adjective), and nothing between the head and
    "et" but adjectives that agree with it. Not "ateliers CV et entretien" (the second noun
    goes with "CV") nor "module congés et absences" ("congés" is a complement: it does not
    agree with "module")."""
    words = _parse(phrase)
    if " et " not in phrase or not words or words[0][1] != "NOUN":
        return None
    i = next((k for k, w in enumerate(words) if w[0] == "et"), None)
    if i is None or i + 1 >= len(words) or i < 1:
        return None
    second = words[i + 1]
    if second[1] not in ("NOUN", "PROPN") or not second[0].islower() or second[2] != "conj" \
            or not 0 <= second[3] < i:  # spaCy ties it to the head or to its adjective
        return None
    if any(w[1] != "ADJ" or w[5] != words[0][5] for w in words[1:i]):
        return None
    first, rest = phrase.split(" et ", 1)
    return first.strip(), rest.strip()


def _with_conj(noun: Noun) -> Noun:
    """A coordinated name with an article for each noun: "l'examen complet et le nettoyage"."""
    parts = _coordinated(noun.name) if noun.article and noun.number == "s" else None
    if not parts:
        return noun
    a, b = guess(parts[0]), guess(parts[1])
    if not a.gender and noun.gender:
        a = Noun(a.name, gender=noun.gender, number=a.number)
    if not (a.article and b.article and a.known and b.known):
        return noun
    gender = "f" if a.gender == b.gender == "f" else "m"
    return Noun(noun.name, gender=gender, number="p", conj=(a, b))


def offer_noun(offer: dict) -> Noun:
    """An offer of the brief as a noun: its declared article, else gender, else spaCy's.

    A name that opens with an infinitive is a verb phrase (``verbal``); a name that starts
    with a lower-case common noun ("salle Traboule 404") takes that noun's article even when the
    brief declared none: « on te montre la salle Traboule 404 », never « on te montre salle… »."""
    name = offer["name"].strip()
    article = offer.get("article") or ""
    if verbal_phrase(name):
        return Noun(name, gender="m", number="s", article=False, verbal=True)
    if article == "aucun":
        head = common_head(name)
        if head is None:
            return Noun(name, gender=offer.get("gender") or "", number=offer.get("number") or "s", article=False)
        return _with_conj(Noun(name, gender=offer.get("gender") or head, number=offer.get("number") or "s"))
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
    elif not offer.get("number") and article != "les" and name[:1].islower():
        number = guess(name).number  # "ateliers CV et entretien", gender declared: "les ateliers…"
    return _with_conj(Noun(name, gender=gender, number=number))


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
