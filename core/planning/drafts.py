"""First drafts for calendar slots, from the brief's own material and ``data/templates/``.

A draft is an opening line (by intent, by the moment's phase on the post's date, or by a
recurring rubric), a middle paragraph (by format) and a call to action (by the objective's
``cta``), written for the brand's sector family (``data/templates/families.toml``), in its
language, address (tu / vous) and emoji habit.

Its subject comes from the brief, in this order: the brand's offers (``[[offers]]``: what it
sells or stands for), then the saved keywords, then the brand itself (a pillar's name is
an internal label, and the pillar still gives the post its angle). A persona's interests
shape the angle ("pour celles et ceux qui aiment les week-ends à la mer"), never the
subject. French forms (articles, elision, agreement) come from ``core.planning.french``.

Variety: no text twice within a quarter, opening lines not yet used this year first, the
least used call to action first. French drafts are then proofread by Grammalecte
(``proofread``): a draft with a grammar error is rewritten from another combination.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache

from babel.dates import format_date

from core import families, refdata
from core.i18n import t
from core.language.text import fold
from core.language.typography import fix_all
from core.networks import rules
from core.planning import copy_formats, english, french, moment_prefs, moments, proofs as proof_kinds
from core.planning import editorial
from core.planning import rubrics as rubric_subjects
from core.planning.editorial import FORMATS
from core.planning.french import Noun

_VARIANT = re.compile(r"\{v:([^|{}]*)\|([^{}]*)\}")
_EMOJI = re.compile(r"\{e:([^{}]*)\}")
_FIELD = re.compile(r"\{(\w+)\}")
_MARKERS = re.compile(r"^((?:@\w+ )+)")
REWRITE_ROUNDS = 3
#: networks where a reader tags a friend, likes and shares among friends: "Identifiez la personne…"
#: or "un like ou un partage" only there, and never for a B2B brand
SOCIAL_NETWORKS = frozenset({"instagram", "facebook", "tiktok", "threads"})
OFFER_KINDS = frozenset({"produit", "service", "programme", "cause", "evenement"})
_NUMBERS = {"fr": {2: "deux", 3: "trois", 4: "quatre"}, "en": {2: "two", 3: "three", 4: "four"}}


def templates(name: str) -> dict[str, dict]:
    return refdata.entries(f"templates/{name}.toml")


FAMILIES = refdata.load("templates/families.toml")


def family_of(sector: str | None, description: str = "") -> str:
    """The sector family whose copy a sector gets (``core.families``: a sector outside the list
    by the words of its description); one nothing says gets the neutral "local"."""
    return families.family_of(sector, description) or "local"


def retail_phrases(lang: str = "fr") -> list[str]:
    return list(FAMILIES["retail_only"].get(lang, []))


_LINK_PHRASES = refdata.load("templates/link_phrases.toml")


def link_wording(text: str, network: str, lang: str = "fr") -> str:
    """"lien en bio" where links are dead text (Instagram, TikTok), "lien ci-dessous" where they work."""
    net = rules(network)
    if net is None:
        return text
    table = _LINK_PHRASES["clickable" if net.links_clickable else "not_clickable"].get(lang, {})
    for phrase, replacement in table.items():
        text = text.replace(phrase, replacement)
    return text


_URL = re.compile(r"https?://\S+")
_POINTS_BELOW = {"fr": re.compile(r"(?i)lien ci-dessous|par le lien|via le lien|en suivant le lien|règlement (complet )?en lien"),
                 "en": re.compile(r"(?i)link below|via the link|by following the link|rules in the link")}


def _points_below(text: str, lang: str) -> bool:
    """Whether a post points to "le lien" below it (``_POINTS_BELOW``), line by line: no such
    phrase spans a line break, and a line comes back in thousands of candidate texts."""
    for line in text.split("\n"):
        if _line_points_below(line, lang):
            return True
    return False


@lru_cache(maxsize=16384)
def _line_points_below(line: str, lang: str) -> bool:
    return bool(_POINTS_BELOW[lang].search(line))


_BIO = re.compile(r"(?i)(lien|link) (en|in) bio|(lien|link) ci-dessous|(link) below")
_LINK_STICKER = {"fr": "lien dans le sticker", "en": "link in the sticker"}
_ANSWER_BACK = re.compile(r"(?i)^\W*(répon|réponds|répondez|reply)\w* en commentaire|^\W*(reply|answer) in the comments")


_ACTION_NOUNS = {lang: frozenset(refdata.load("templates/action_nouns.toml")[lang]) for lang in ("fr", "en")}
# a whole word ("une livraison" is "livraison", not "e livraison"; "another" keeps its "a")
_ARTICLE = re.compile(r"(?i)^(?:le|la|les|l'|l’|une|un|des|du|de la|de l'|de l’|the|an|a|our)(?:\s+|(?<=['’]))")


#: adjectives French puts before the noun ("premier rendez-vous", "petit atelier"): not the head
_BEFORE_NOUN = frozenset({"premier", "première", "nouveau", "nouvel", "nouvelle", "petit", "petite",
                          "grand", "grande", "first", "new", "free"})


@lru_cache(maxsize=4096)
def _head(phrase: str, lang: str) -> str:
    """The first noun of a noun phrase, without its article: "la démo personnalisée" -> "démo",
    "premier rendez-vous" -> "rendez-vous"."""
    words = [w.lower() for w in re.findall(r"[\w-]+", _ARTICLE.sub("", (phrase or "").strip()))]
    while len(words) > 1 and words[0] in _BEFORE_NOUN:
        words = words[1:]
    return words[0] if words else ""


# An offer that costs nothing, or comes with another (a campsite's kids' club "inclus dans le
# séjour"), is not bought, booked on its own nor quoted: its calls say so (``offer_terms``).
_INCLUDED = re.compile(r"(?i)(?<!\w)(?:inclus|incluse|incluses|compris|comprise|comprises|offerte?s?) (?:dans|avec)(?!\w)"
                       r"|(?<!\w)included (?:in|with)(?!\w)")
_FREE = re.compile(r"(?i)(?<!\w)(?:offerte?s?|gratuite?s?|gratuitement|entrée (?:libre|gratuite)|sans frais"
                   r"|free of charge|complimentary|free entry)(?!\w)")
_ZERO_PRICE = re.compile(r"(?i)^\s*(?:0+(?:[.,]0+)?\s*(?:€|\$|£|chf|eur|euros?)?|gratuit\w*|free)\s*$")


def offer_terms(offer: dict | None) -> tuple[bool, bool]:
    """(free, included) for an offer: its ``included`` field when the brief gives it, else its
    price ("0", "gratuit") and the words of its name and description ("offerte", "gratuite",
    "entrée libre"; "incluses dans le séjour")."""
    if not offer:
        return False, False
    words = " ".join(str(offer.get(k) or "") for k in ("name", "description", "price"))
    given = offer.get("included")
    included = given if isinstance(given, bool) else bool(_INCLUDED.search(words))
    free = included or bool(_ZERO_PRICE.match(str(offer.get("price") or "x")) or _FREE.search(words))
    return free, included


@lru_cache(maxsize=1)
def _gift_card() -> re.Pattern:
    """The names shops give a gift card (``card_words`` of data/lead_times.toml [cadeau])."""
    words = refdata.load("lead_times.toml")["cadeau"]["card_words"]
    return re.compile("|".join(r"(?<!\w)" + re.escape(fold(w)) + r"s?(?!\w)" for w in words))


@lru_cache(maxsize=1)
def _closure() -> re.Pattern:
    """The words of a closure (``[closure]`` of data/templates/call_actions.toml)."""
    words = refdata.load("templates/call_actions.toml")["closure"]["words"]
    return re.compile("|".join(r"(?<!\w)" + re.escape(fold(w)) for w in words))


#: families whose products are booked as well as bought: a ticket, a table, a room
_BOOKED_GOODS = frozenset({"culture", "hospitality", "food"})


def offer_actions(offer: dict | None, family: str = "") -> frozenset:
    """What a post about the offer may ask (``action`` of docs/brief-format.md): the brief's own
    action, else what its kind and terms imply. A quote is asked only where the brief says so
    (an architect or a school gives a first meeting, not a quote off a post); a gift card is
    bought, never booked (« Réserve tes places » under an escape game's gift card), and so is a
    soap or a lip balm (« Prenez rendez-vous en ligne » under a balm, a reviewing CM)."""
    if not offer:
        return frozenset()
    if offer.get("action"):
        return frozenset({offer["action"]})
    free, included = offer_terms(offer)
    kind = offer.get("kind") or "produit"
    if kind == "produit" and not free and _gift_card().search(fold(str(offer.get("name") or ""))):
        return frozenset({"achat"})
    if kind == "evenement" and _closure().search(fold(str(offer.get("name") or ""))):
        return frozenset()  # an annual closure is announced, never booked
    if kind == "cause":  # a cause is given to, in money or in time
        return frozenset({"don", "benevolat"})
    if kind == "programme" and _volunteering(f"{offer.get('name') or ''} {offer.get('description') or ''}"):
        return frozenset({"benevolat", "inscription", "contact"})  # a volunteering programme: one volunteers
    if included:
        return frozenset({"visite", "contact"})
    if kind == "evenement":
        return frozenset({"visite"} if free else {"reservation", "visite"})
    if kind == "produit":  # bought; booked too where goods are seats (a pass, a table, a room)
        return frozenset({"visite", "contact"} if free else {"achat", "reservation"} if family in _BOOKED_GOODS
                         else {"achat"})
    if kind == "service":
        return frozenset({"reservation", "rendez_vous", "contact"})
    return frozenset({"inscription", "contact"} if free else {"inscription", "reservation", "contact"})


_MONTHLY = re.compile(r"(?i)\b(?:du mois|de chaque mois|mensuel(?:le)?|of the month|monthly)\b")
_NOT_IN_STORY = re.compile(r"(?i)\b(?:ce post|cette publication|this post|this one|enregistre|sous le coude|save (?:it|this)"
                           r"|en commentaire|in the comments|below\b)")
_ASKS_COMMENTS = re.compile(r"(?i)\bcommentaires?\b|\bcomments\b|\bcomment (?:below|on)\b")
_NAMES_AN_OFFER = re.compile(r"(?i)\b(?:l['’]offre|the offer|cette offre|this offer)\b")


@lru_cache(maxsize=1)
def _call_actions() -> list[tuple[str, re.Pattern]]:
    table = refdata.load("templates/call_actions.toml")["actions"]
    return [(action, re.compile("|".join(r"(?<!\w)" + re.escape(fold(w)) for w in words)))
            for action, words in table.items() if action != "source"]


@lru_cache(maxsize=1)
def _vague_calls() -> dict[str, re.Pattern]:
    """The calls that name nothing (``[vague]`` of data/templates/call_actions.toml), by language."""
    table = refdata.load("templates/call_actions.toml")["vague"]
    return {lang: re.compile("|".join(re.escape(fold(w)) for w in table[lang])) for lang in ("fr", "en")}


@lru_cache(maxsize=8192)
def vague_call(template: str, lang: str = "fr") -> bool:
    """Whether a call to action sends the reader to something it does not name (« Découvre
    l'offre sur notre site », « La billetterie est ouverte »): no offer, event nor brand in its
    placeholders, and one of the vague phrases of ``data/templates/call_actions.toml``."""
    if re.search(r"\{(?:topic|brand|event|rubric)", template):
        return False
    return bool(_vague_calls()["en" if lang == "en" else "fr"].search(fold(_fixed_words(template))))


@lru_cache(maxsize=1)
def _seated_words() -> re.Pattern:
    """The words of a place to sit (``[seated]`` of data/templates/call_actions.toml)."""
    words = refdata.load("templates/call_actions.toml")["seated"]["words"]
    return re.compile("|".join(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)" for w in words))


#: the formats whose post helps its reader (a tip, an article): « quelqu'un que ça peut aider »
HELP_FORMATS = frozenset({"conseil", "article", "video_longue"})
#: the offers a reader can make known around them (« Fais connaître le programme de mentorat »)
SPREAD_KINDS = frozenset({"cause", "programme", "evenement"})


def _volunteering(text: str) -> bool:
    """Whether an offer's words say volunteering (the ``benevolat`` verbs of call_actions.toml)."""
    rx = dict(_call_actions())["benevolat"]
    return bool(rx.search(fold(text)))


@lru_cache(maxsize=20_000)
def call_action(call: str) -> str | None:
    """What a call to action asks (an action of ``data/templates/call_actions.toml``), or None
    for a call every post can make (share, comment, follow, save)."""
    folded = fold(call)
    return next((action for action, rx in _call_actions() if rx.search(folded)), None)


#: a marker of data/templates/ctas.toml and the actions it asks for (any of them)
_ACTION_MARKERS = {"@book": {"reservation", "inscription"}, "@rdv": {"rendez_vous"}, "@devis": {"devis"},
                   "@visit": {"visite"}, "@download": {"telechargement"}, "@signup": {"inscription"}}
#: a call that sends the reader to a page: it carries the link
_ALL_ACTIONS = ("achat", "reservation", "rendez_vous", "devis", "inscription", "telechargement", "don",
                "benevolat", "visite", "contact")
_ORIGIN = re.compile(r"^https?://[^/\s]+/?")
_NEEDS_LINK = re.compile(r"(?i)lien|link|\ben bio\b|\bin bio\b|sur notre site|en ligne|on our website|online|sur le site"
                         r"|réserv|inscri|télécharg|\bun don\b|\bsign up\b|\bbook\b|download|donate")


_PERIOD_NAMED = re.compile(r"(?i)\b(?:semaine|mois|week|month)\b")
_UNELIDED_H = re.compile(r"(?<![\w'’-])(?:[dD]e|[lL][ea]|[qQ]ue|[jJ]e|[nN]e|[mM]e|[tT]e|[sS]e) ([hH]\w+)")


def _unelided_h(offers, message: dict, rubrics) -> frozenset:
    """The h-words a brief writes after « de », « le », « que »… without elision: their h is
    aspirated (« Pays de Herve », « bois de hêtre »), so a draft never elides them either."""
    texts = [str(v) for o in offers for k in ("name", "description", "price") if (v := o.get(k))]
    texts += [str(p) for o in offers for p in o.get("proofs") or []]
    texts += [str(message.get("promise") or ""), *map(str, message.get("differentiators") or [])]
    texts += [str(i) for r in rubrics if isinstance(r, dict) for i in (r.get("items") or []) + [r.get("description") or ""]]
    return frozenset(m[1].lower() for text in texts for m in _UNELIDED_H.finditer(text))


@dataclass(frozen=True)
class _Traits:
    comments: bool
    topic: bool
    stories: bool
    after_preposition: bool


@lru_cache(maxsize=8192)
def _traits(template: str) -> _Traits:
    """What the line-level checks of ``DraftWriter._lines`` ask of a template, once per template."""
    return _Traits(comments=bool(re.search(r"(?i)commentaire|comment", template)), topic="{topic" in template,
                   stories=bool(re.search(r"\bstor(y|ies)\b", template, re.I)),
                   after_preposition=bool(_AFTER_PREPOSITION.search(template)))


@lru_cache(maxsize=16384)
def _names_word(template: str, word: str) -> bool:
    """Whether the template's own words (placeholders aside) say ``word`` or its plural."""
    return bool(re.search(rf"(?i)\b{re.escape(word)}s?\b", _fixed_words(template)))


@lru_cache(maxsize=8192)
def _fixed_words(template: str) -> str:
    """A template's own words: placeholders out, both address forms kept."""
    text = re.sub(r"\{v:([^|}]*)\|([^}]*)\}", r"\1 \2", template)
    text = re.sub(r"\{e:[^}]*\}", "", text)
    return re.sub(r"\{[^}]*\}", " ", text)


_OWN_CONTENT = ("sondage", "question", "jeu_concours", "live")
_AFTER_PREPOSITION = re.compile(r"(?i)\b(?:avec|pour|with|for)\s+\{proof\}")
_DETERMINERS = {
    "fr": {"un", "une", "des", "le", "la", "les", "l", "du", "de", "d", "au", "aux", "mon", "ma", "mes", "notre",
           "nos", "votre", "vos", "leur", "leurs", "ce", "cet", "cette", "ces", "chaque", "plusieurs", "deux",
           "trois", "quatre", "cinq", "dix", "cent", "mille"},
    "en": {"a", "an", "the", "our", "your", "its", "their", "this", "these", "those", "some", "two", "three",
           "four", "five", "ten", "every", "each"},
}


def _noun_phrase(phrase: str, lang: str) -> bool:
    """Whether a proof point names a thing ("une fermentation de 24 heures", "3 cours offerts")
    rather than saying something of the subject ("livré en 48 heures", "sans ammoniaque"): only
    a thing may follow "avec" or "pour"."""
    first = re.match(r"\W*([\w’']+)", phrase or "")
    if not first:
        return False
    word = re.split(r"[’']", first[1].lower())[0]
    return word.isdigit() or word in _DETERMINERS["en" if lang == "en" else "fr"]


def _stem(word: str) -> str:
    """A noun without its plural ending: "bureaux" and "bureau", "soins" and "soin" match."""
    return re.sub(r"(?<=\w{3})[sx]$", "", word.lower())


@lru_cache(maxsize=4096)
def _circular(name: str, desc: str, lang: str = "fr") -> int:
    """How much a description says the name again: 2 when two of the name's words are among its
    own ("le brunch du samedi": "un brunch servi le samedi"), 1 when its head noun is the name's
    ("la livraison à domicile": "une livraison le jeudi soir", "le blanchiment dentaire": "un
    blanchiment professionnel…"; French only), else 0. A named product
    ("robe Lila", "salle Traboule 404": a capital or a figure after the head) told by its kind
    ("une robe portefeuille en lin") is informed, not restated."""
    words = lambda t: {w.lower() for w in re.findall(r"[\w-]{3,}", t)}  # noqa: E731
    shared = words(name) & words(desc)
    if len(shared) >= 2 or bool(shared) and shared == words(name):  # "l'adoption : l'adoption d'un chien"
        return 2
    if lang == "en" or re.search(r"\s(?:[A-ZÀ-Ý]|\d)", name.strip()):
        return 0  # English: the head-noun rule took the few desc lines of "scented candles" and left repeats
    head = _stem(_head(name, lang))  # the first noun: "livraison à domicile" -> "livraison"
    return int(len(head) >= 3 and head == _stem(_head(desc, lang)))


#: a description joined to what precedes by a colon or a comma ("{topic} : {desc}", "{topic}, {desc}"),
#: not after "c'est" ("{topic}, {topic~c'est|ce sont} {desc}")
_GLUED_DESC = re.compile(r"[:,]\s*\{desc\}")
_COLON_DESC = re.compile(r":\s*\{desc\}")
_REST_STARTS = frozenset({"en", "à", "au", "aux", "sur", "pour", "avec", "sans", "dans", "chez", "in", "on", "with",
                          "for", "at", "from", "without"})


@lru_cache(maxsize=4096)
def _desc_rest(desc: str, lang: str = "fr") -> str:
    """A circular description without its repeated head, when what follows still reads after the
    name and a colon: "une table en chêne massif, dessinée…" -> "en chêne massif, dessinée…"
    ("La table sur mesure : en chêne massif…"), "un panier de 4 à 5 légumes" -> "4 à 5 légumes";
    "" when it would not ("un blanchiment professionnel en clinique": an adjective alone; "une
    restauration de meubles…": "de meubles…"; "un pass nominatif qui ouvre…": the clause hangs
    on the noun taken out), and in English."""
    if lang == "en":  # "Our home brewing class: on V60…" does not read: English keeps to other lines
        return ""
    from core.language.nlp import get_nlp
    doc = get_nlp("fr")(desc)
    if len(doc) < 3 or doc[0].pos_ != "DET" or doc[1].pos_ != "NOUN":
        return ""
    nxt = doc[2]
    if nxt.lower_ == "de" and len(doc) > 3 and doc[3].pos_ == "NUM":  # "un panier de 4 à 5 légumes": "4 à 5 légumes"
        nxt = doc[3]
    # "un bar à cocktails": "à" before a bare noun makes a compound noun, which hangs without its
    # head ("Le bar à jeux : à cocktails…"); "à 10 minutes", "à la demande" read
    compound = nxt.lower_ == "à" and len(doc) > nxt.i + 1 and doc[nxt.i + 1].pos_ in ("NOUN", "VERB")
    # an adjective or a participle left alone reads as a fragment (« Le baume à lèvres :
    # nourrissant en tube carton », « L'adoption : responsable après une rencontre », a reviewing
    # CM): only a complement or a figure stands after the colon
    fits = nxt.pos_ == "NUM" or nxt.pos_ == "ADP" and nxt.lower_ in _REST_STARTS and not compound
    rest = desc[nxt.idx:].strip()
    # "nominatif qui ouvre…": a relative clause hangs on the noun taken out
    return rest if fits and not re.search(r"\b(?:qui|que|qu['’]|dont|où)\b", rest.split(",")[0]) else ""


@lru_cache(maxsize=4096)
def _answers_back(cta: str) -> bool:
    return bool(_ANSWER_BACK.search(cta))


def _unasked(cta: str, text: str) -> bool:
    """"Répondez en commentaire" under a post that asks nothing: a reply to what?"""
    if not _answers_back(cta):
        return False
    return "?" not in text.replace(cta, "")


@lru_cache(maxsize=8192)
def _names_in(template: str) -> frozenset:
    return frozenset(re.findall(r"\{(\w+)(?=[}.~])", template))


def render(template: str, values: dict, *, address: str = "vous", emojis: bool = True,
           lang: str = "fr", nouns: dict[str, Noun] | None = None, capitalize: bool = True,
           aspirated: frozenset = frozenset()) -> str | None:
    """Fill one template: tu/vous forms, emojis, nouns, then ``{field}`` values.

    None when the template asks for something this subject does not have (a description,
    a proof point, a form of a noun whose gender is unknown): the writer takes another line.
    Cached on what the template uses: a year's plan renders the same lines thousands of times.
    """
    nouns = nouns or {}
    fields, forms = [], []
    for k in _sorted_names(template):
        if k in nouns:
            forms.append((k, nouns[k]))
        else:
            fields.append((k, str(values.get(k) or "")))
    return _render(template, tuple(fields), address, emojis, lang, tuple(forms), capitalize, aspirated)


@lru_cache(maxsize=8192)
def _sorted_names(template: str) -> tuple[str, ...]:
    return tuple(sorted(_names_in(template)))


@lru_cache(maxsize=200_000)
def _render(template: str, values: tuple, address: str, emojis: bool, lang: str, nouns: tuple,
            capitalize: bool, aspirated: frozenset = frozenset()) -> str | None:
    values, nouns = dict(values), dict(nouns)
    text = _VARIANT.sub(lambda m: m.group(2) if address == "tu" else m.group(1), template)
    text = _EMOJI.sub(lambda m: m.group(1) if emojis else "", text)
    text = french.fill(text, nouns)
    if text is None:
        return None
    missing = [name for name in _FIELD.findall(text) if values.get(name) in (None, "")]
    if missing:
        return None
    text = _FIELD.sub(lambda m: str(values[m.group(1)]), text)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    text = re.sub(r"\b1 (jour|day)s\b", r"1 \1", text)  # {days} is 1 the day before the eve's line
    text = re.sub(r"\.\.(?!\.)", ".", text)
    text = re.sub(r"([?!])\.(?!\.)", r"\1", text)  # a subject that asks (« … au début ? ») ends the line
    text = re.sub(r"([.?!]\s+)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), text)  # not after "Chut…"
    if lang == "fr":
        text = re.sub(r"(\d) (\d{3})\b", "\\1\u202f\\2", text)  # 12 000: thin no-break space
        text = re.sub(r"(\d) (?=(€|\$|£|%|h\b|jours?\b|heures?\b|minutes?\b|ans\b|personnes\b|repas\b))",
                      "\\1\u00a0", text)
        text = french_typography(french.elide(text, aspirated))
    first = re.search(r"[^\W_]", text)  # "84 personnes" keeps its lower case
    if capitalize and first and not first[0].isdigit():
        i = first.start()
        text = text[:i] + text[i].upper() + text[i + 1:]
    return text


@lru_cache(maxsize=50_000)
def french_typography(text: str) -> str:
    """French spacing and apostrophe (Imprimerie nationale), cached: a year's plan renders the same
    template lines hundreds of times."""
    return fix_all(text, "fr")


def hashtag(phrase: str, lang: str = "fr") -> str:
    """``mode éthique`` → ``#ModeÉthique`` (accents kept: networks accept them).

    A phrase with an elision or an apostrophe ("soldes d'été") gives no hashtag: "#SoldesDÉté"
    is not a word anyone searches for.
    """
    phrase = (phrase or "").strip()
    if not phrase or re.search(r"['’]", phrase):
        return ""
    words = re.findall(r"[^\W_]+", phrase)
    if not words or len(words) > 3:
        return ""
    tag = "".join(w[:1].upper() + w[1:] for w in words)
    return f"#{tag}"


def _lower_first(name: str) -> str:
    """``Conseils de style`` → ``conseils de style`` (not ``ONG`` or ``Maison Lila``-like names)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower() and " " in name:
        return name[0].lower() + name[1:]
    return name


_BIO_LINK = re.compile(r"\b(?:lien|link|inscription|reglement complet|reglement|rules) (?:en|in) (?:bio|our bio)\b")


def _plain(text: str) -> str:
    """Lower case without accents, for matching words to avoid; œ and æ become oe and ae."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _phrase(text: str) -> str:
    """A brief's sentence as a phrase to put inside a template: no final full stop, no capital
    (the template capitalises it where a sentence starts)."""
    text = (text or "").strip().rstrip(".").strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


@dataclass
class Slot:
    """What a draft is about (the planner fills it)."""

    day: date
    network: str
    format: str
    intent: str
    objective: str = ""
    pillar: str = ""
    pillar_desc: str = ""
    persona_interests: list = field(default_factory=list)
    persona_pains: list = field(default_factory=list)
    keyword: str = ""
    event: str = ""  # the moment's label
    event_tag: str = ""  # the moment's key (data/moments.toml)
    phase: str = ""  # where the planner placed it; the wording follows the date
    days_left: int = 0
    event_start: date | None = None
    event_end: date | None = None
    time: time | None = None  # the slot's hour: a live is announced with its date and time
    audience: str = ""  # the persona's: "pro" (buys for an organisation), "private", "" (copy_formats.persona_audiences)


@dataclass
class Draft:
    text: str
    hashtags: list[str]
    visual_brief: str
    opening: str = ""  # the opening line and the call to action, for the variety counts
    cta: str = ""
    repeated: bool = False  # every combination was used this period: the least bad one, written again
    link: str = ""  # the page the post points to: its offer's link (a pin's destination, the Word calendar's link)
    note: str = ""  # for the team, never the client: what the CM must add before sending


def event_phase(slot: Slot) -> str:
    """The phase the post's date is in: teasing, eve, launch, during, last_call or thanks; before
    a gift moment, the phase the planner gave the post (``core.planning.lead_times``):
    gift_launch, selection, last_order (on the last order date; last_order_eve and
    last_order_soon one and two days before it) or last_minute (``_shop``, ``_card``).

    "last_call" ("se termine ce soir") only on the known last day of a sale period that really
    ends (``ends`` in moment_names.toml); a collection or a rentrée on its last day is "during"."""
    phase = _date_phase(slot)
    if phase == "last_call" and (slot.event_start is None or not _MOMENT_NAMES.get(slot.event_tag, {}).get("ends")):
        return "during"
    return phase


_MOMENT_NAMES = refdata.load("templates/moment_names.toml")


@lru_cache(maxsize=2)
def _familiar(lang: str) -> re.Pattern:
    """The familiar turns a formal brand does not write (``data/templates/register.toml``)."""
    words = refdata.load("templates/register.toml")["familiar"][lang]
    return re.compile("|".join(r"(?<!\w)" + re.escape(fold(w)) for w in words))


@lru_cache(maxsize=20_000)
def _fold(template: str) -> str:
    return fold(template)
_CAUSES = refdata.entries("templates/awareness_causes.toml")


def _date_phase(slot: Slot) -> str:
    start, end = slot.event_start, slot.event_end
    if start is None:
        return {"reminder": "during"}.get(slot.phase, slot.phase or "launch")
    end = end or start
    if slot.day < start:
        if slot.phase in ("gift_launch", "selection") or slot.phase.startswith("last_minute"):
            return slot.phase
        if slot.phase == "last_order":
            from core.planning.lead_times import last_order_day

            gap = (last_order_day(slot.event_tag, start) - slot.day).days
            # the date itself is written on the day; before it, "demain", "après-demain"
            found = {0: "last_order", 1: "last_order_eve", 2: "last_order_soon"}.get(gap)
            if found:
                return found
        return "eve" if (start - slot.day).days == 1 else "teasing"
    if slot.day == start:
        return "launch"
    if slot.day < end:
        return "during"
    return "last_call" if slot.day == end else "thanks"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@lru_cache(maxsize=16384)
def _sentence_key(sentence: str) -> str:
    return _NON_WORD.sub(" ", sentence.lower()).strip()


@lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.lower().replace("’", "'"))


@lru_cache(maxsize=16384)
def _line_sentences(line: str) -> tuple[str, ...]:
    """The keys of a line's sentences of three words or more. A post's lines come back in
    thousands of candidate texts (the same hook, body or call beside others): split once each.
    A line break always ends a sentence, so a text's sentences are its lines' sentences."""
    return tuple(key for sentence in _SENTENCE_END.split(line)
                 if len((key := _sentence_key(sentence)).split()) >= 3)


_OUTLINE_LABELS = ("Visuel 1", "Séquence 1", "Slide 1", "Shot 1")


@lru_cache(maxsize=16384)
def _caption(text: str) -> str:
    """The text without a carousel's slides or a reel's shots above it: a slide shows what the
    caption says (a proof point on its own visual), which is not a sentence written twice."""
    if not text.startswith(_OUTLINE_LABELS):
        return text
    from core.language import parts

    return parts.split(text).body


def _repeats(text: str, values: dict, lang: str = "fr") -> bool:
    """The same sentence twice in a post, or one proof point or the description said twice (in
    the hook and the body), the description's rest after its head included ("On vous présente
    le bureau privatif : fermé de 2 à 8 postes…" above "Le bureau privatif : un bureau fermé de
    2 à 8 postes…")."""
    seen = set()
    for line in text.split("\n"):
        for key in _line_sentences(line):
            if key in seen:
                return True
            seen.add(key)
    lower = _norm(text)
    desc = values.get("desc") or ""
    return any(len(p) > 12 and lower.count(_norm(p)) > 1
               for p in [*values.get("proofs", []), desc, _desc_rest(desc, lang) if desc else ""])


@lru_cache(maxsize=4096)
def _day(day: date, pattern: str, lang: str) -> str:
    """A date in words; in French the first of the month is "1er" ("1er février", Lexique des
    règles typographiques en usage à l'Imprimerie nationale)."""
    text = format_date(day, pattern, locale=lang)
    if lang == "fr" and day.day == 1:
        text = re.sub(r"(?<!\d)1 ", "1er ", text, count=1)
    return text


def _when(day: date, at: time | None, lang: str) -> str:
    """A live's date and time ("le mardi 11 mars à 18 h 30"); "" without an hour: no live is
    announced without both."""
    if at is None:
        return ""
    if lang == "en":
        return f"on {_day(day, 'EEEE d MMMM', 'en')} at {at.strftime('%H:%M')}"
    hour = f"{at.hour}\u00a0h" + (f"\u00a0{at.minute:02d}" if at.minute else "")
    return f"le {_day(day, 'EEEE d MMMM', 'fr')} à {hour}"


_WEEKDAYS = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
             "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}
_ORDINALS = {"premier": 1, "1er": 1, "deuxieme": 2, "second": 2, "troisieme": 3, "quatrieme": 4, "dernier": -1,
             "first": 1, "third": 3, "fourth": 4, "last": -1}
_MONTH_WORDS = re.compile(r"(?i)\b(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
                          r"|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september"
                          r"|october|november|december)\b")
_HOUR = re.compile(r"(?i)\b(?:à|a|at|dès|from) (\d{1,2}) ?(?:h ?(\d{2})?|[:.](\d{2}) ?(am|pm)|(am|pm))")


def _event_rule(text: str, lang: str) -> tuple[int | None, int, time | None] | None:
    """A recurring event's day in its brief's words: (nth weekday of the month or None for
    every week, weekday, hour): « chaque premier mardi du mois à 8 h 30 » → (1, 1, 8:30),
    « chaque mercredi à 19 h 30 » → (None, 2, 19:30), « every Saturday at 8:30am » → (None, 5, 8:30)."""
    folded = fold(text)
    days = "|".join(_WEEKDAYS[lang])
    if lang == "fr":
        monthly = re.search(rf"(?:chaque|tous les|le) (premier|1er|deuxieme|second|troisieme|quatrieme|dernier)s?"
                            rf" ({days})s? du mois", folded)
        weekly = re.search(rf"(?:chaque|tous les) ({days})s?\b", folded)
    else:
        monthly = re.search(rf"(?:every|each|on the) (first|second|third|fourth|last) ({days})"
                            rf" of (?:the|each|every) month", folded)
        weekly = re.search(rf"(?:every|each) ({days})\b", folded)
    hour = _HOUR.search(folded)
    at = None
    if hour:
        h, m = int(hour[1]), int(hour[2] or hour[3] or 0)
        if (hour[4] or hour[5] or "").lower() == "pm" and h < 12:
            h += 12
        at = time(h, m) if h < 24 and m < 60 else None
    if monthly:
        return _ORDINALS[monthly[1]], _WEEKDAYS[lang].index(monthly[2]), at
    if weekly:
        return None, _WEEKDAYS[lang].index(weekly[1]), at
    return None


def _next_on(rule: tuple[int | None, int, time | None], day: date) -> date:
    """The first day from ``day`` on that a recurring event takes place."""
    nth, weekday, _ = rule
    if nth is None:
        return day + timedelta(days=(weekday - day.weekday()) % 7)
    month = date(day.year, day.month, 1)
    for _ in range(3):
        first = month + timedelta(days=(weekday - month.weekday()) % 7)
        if nth > 0:
            found = first + timedelta(weeks=nth - 1)
        else:
            following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            last = following - timedelta(days=1)
            found = last - timedelta(days=(last.weekday() - weekday) % 7)
        if found.month == month.month and found >= day:
            return found
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found


def event_when(offer: dict | None, day: date, lang: str = "fr") -> str:
    """When an event offer next takes place, for a post of ``day`` that invites to it: the
    next date of a recurring event its brief describes (« le mardi 2 novembre à 8 h 30 »,
    « aujourd'hui à 8 h 30 »), else its month when the brief gives one run of months and no
    date in its words (« en juin »); "" when the brief says nothing of it or says the date
    already (« fin novembre », « du 5 au 25 janvier »)."""
    if not offer or offer.get("kind") != "evenement":
        return ""
    words = " ".join(str(x) for x in (offer.get("name"), offer.get("description"), *(offer.get("proofs") or [])) if x)
    rule = _event_rule(words, lang)
    if rule is not None:
        found, at = _next_on(rule, day), rule[2]
        if found == day:
            said = "today" if lang == "en" else "aujourd’hui"
        elif found == day + timedelta(days=1):
            said = "tomorrow" if lang == "en" else "demain"
        else:
            said = f"on {_day(found, 'EEEE d MMMM', 'en')}" if lang == "en" else f"le {_day(found, 'EEEE d MMMM', 'fr')}"
        if at is not None:
            if lang == "en":
                said += f" at {at.hour % 12 or 12}" + (f":{at.minute:02d}" if at.minute else "") + ("pm" if at.hour >= 12 else "am")
            else:
                said += f" à {at.hour}\u00a0h" + (f"\u00a0{at.minute:02d}" if at.minute else "")
        return said
    months = sorted({m for m in offer.get("months") or [] if isinstance(m, int) and 1 <= m <= 12})
    if len(months) != 1 or _MONTH_WORDS.search(words) or months[0] < day.month:
        return ""
    name = format_date(date(2000, months[0], 1), "MMMM", locale=lang)
    if months[0] == day.month:
        return "this month" if lang == "en" else "ce mois-ci"
    return f"in {name}" if lang == "en" else f"en {name}"


def rubric_networks(rubric: dict, channels) -> list[str]:
    """The networks a rubric runs on: those the brief names, else the brand's first social
    network. A weekly series on every network was a fifth of a year's posts, each with its
    content still to write (a reviewing CM's count); a series lives where its audience is."""
    named = [n for n in rubric.get("networks") or [] if n in channels]
    if rubric.get("networks"):
        return named
    social = [n for n in channels if n not in ("newsletter", "blog")]
    return social[:1] or list(channels)[:1]


def product_offer(offer: dict | None) -> bool:
    return bool(offer) and (offer.get("kind") or "produit") == "produit"


class DraftWriter:
    """Writes drafts for one brand, never repeating a text within a quarter."""

    def __init__(self, *, brand_name: str, lang: str = "fr", address: str = "vous",
                 emojis: bool = True, brand_hashtag: str = "", words_to_avoid=(), sector: str = "",
                 offers=(), message: dict | None = None, rubrics=(), pains=(), country: str = "",
                 channels=None, sector_other: str = "", register: str = "courant"):
        self.brand = brand_name
        self.lang = "en" if lang == "en" else "fr"
        self.address = address
        self.emojis = emojis
        # a formal brand leaves out the familiar lines (data/templates/register.toml)
        self._familiar = _familiar(self.lang) if register == "soutenu" else None
        self.family = family_of(sector, sector_other)
        self._event_when = ""
        # a brand with a place to sit (a restaurant, a taproom) is asked for a table; a farm is not
        texts = [brand_name, sector_other, *(message or {}).values(),
                 *(f"{o.get('name', '')} {o.get('description', '')}" for o in offers if isinstance(o, dict))]
        self.seated = sector in ("restauration", "tourisme") or bool(_seated_words().search(fold(" ".join(
            x if isinstance(x, str) else " ".join(map(str, x)) for x in texts if x))))
        self.brand_tag = brand_hashtag if not brand_hashtag or brand_hashtag.startswith("#") else f"#{brand_hashtag}"
        message = message or {}
        self.avoid = [_plain(w) for w in [*words_to_avoid, *(message.get("claims_to_avoid") or [])] if w]
        self._avoid_rx = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, self.avoid)) + r")(?!\w)") if self.avoid else None
        self._avoided_lines: dict[str, bool] | None = None if any("\n" in w for w in self.avoid) else {}
        self.offers = [o for o in offers if isinstance(o, dict) and str(o.get("name") or "").strip()]
        self.offer_nouns = [self._noun_of_offer(o) for o in self.offers]
        # each offer with the stem of its head noun ("don en ligne": "don"), for the calls that name it
        self._other_calls: dict[tuple, bool] = {}
        self._dead_texts: set[str] = set()
        self._offer_stems = [(o, stem) for o in self.offers
                             if len(stem := _head(o.get("name", ""), self.lang)[:6]) >= 3]
        # each offer's (free, included, actions): what its calls may ask (``_marked``)
        self._terms = {id(o): (*offer_terms(o), offer_actions(o, self.family)) for o in self.offers}
        # a post about the brand itself asks what one of its offers is asked; no quote without one
        self._brand_actions = (frozenset().union(*(a for _, _, a in self._terms.values())) if self.offers
                               else frozenset(a for a in _ALL_ACTIONS if a != "devis"))
        # the brand's site: the address most of its offers' pages are on
        origins = Counter(m[0] for o in self.offers if (m := _ORIGIN.match(o.get("link") or "")))
        self.site = origins.most_common(1)[0][0] if origins else ""
        # names the brief declared with "le"/"la" before an h, and every h-word its own texts write
        # unelided ("du Pays de Herve", "en bois de hêtre"): never elided, its author knows its names
        self.aspirated = frozenset(n.name.split()[0].lower() for n in self.offer_nouns if not n.elides) | \
            _unelided_h(self.offers, message, rubrics)
        self.promise = _phrase(message.get("promise", ""))
        self.differentiators = [_phrase(d) for d in message.get("differentiators") or [] if d]
        self.bank = [h if h.startswith("#") else f"#{h}" for h in message.get("hashtags") or [] if h]
        self.rubrics = [r for r in rubrics if isinstance(r, dict) and r.get("name")]
        self.subjects = rubric_subjects.RubricSubjects(self.rubrics)  # each episode's subject (``items``)
        self._rubric_subject: rubric_subjects.Subject | None = None
        self._rubric_post = False
        self.pains = list(dict.fromkeys(p for p in pains if isinstance(p, str) and p.strip()))
        self.country = (country or "").upper()
        # a brand without a newsletter channel is never asked to "sign up to the newsletter";
        # None (a writer built without its brief's channels) keeps every line
        self.has_letter = channels is None or "newsletter" in channels
        self.channels = None if channels is None else [c for c in channels if c]
        self.brand_noun = french.brand_noun(brand_name) if self.lang == "fr" else Noun(brand_name, article=False)
        self.hooks = templates("hooks")
        self.bodies = templates("bodies")
        self.ctas = templates("ctas")
        self.events = templates("events")
        self.times = refdata.entries("posting_times.toml")
        self.used: dict[str, set[str]] = {}  # quarter ("2027-Q2") or month ("2027-05") -> texts
        self.openings: dict[int, set[str]] = {}  # year -> first lines
        self.cta_count: Counter = Counter()
        self.offer_count: Counter = Counter()
        self.counter = 0
        self.repeats = 0  # drafts written again for want of material (_compose)
        self._stories = True
        self.log: list[tuple[Slot, int]] = []
        self.rubric_weeks: dict[tuple, int] = {}  # (network, year, week) -> the slot that has it
        self.rubric_day_of: dict[str, int] = {}  # a rubric without a weekday: the day the planner gave it
        self._offer_now: dict | None = None  # the offer of the post being written
        self._offer_now_name = ""
        self._format = ""
        self._rubric_now = ""
        self._network = ""
        self._kinds: dict[str, str] = {}  # the post's offer's declared proof kinds
        self._values_now: dict | None = None  # the post's values and nouns, for its carousel's or reel's outline
        self._nouns_now: dict | None = None
        self._slot_now: Slot | None = None

    @classmethod
    def from_brief(cls, brief: dict) -> "DraftWriter":
        info, tone = brief["brand"], brief["tone"]
        return cls(brand_name=info["name"], lang=(info.get("languages") or ["fr"])[0],
                   address=tone["address"], emojis=tone["emojis"], register=tone.get("register") or "courant",
                   brand_hashtag=info.get("brand_hashtag") or "",
                   words_to_avoid=tone.get("words_to_avoid") or [], sector=info.get("sector") or "",
                   sector_other=info.get("sector_other") or "",
                   offers=brief.get("offers") or [], message=brief.get("message") or {},
                   rubrics=brief.get("rubrics") or [], country=info.get("country") or "",
                   channels=[c.get("network") for c in brief.get("channels") or [] if isinstance(c, dict)],
                   pains=[p for x in brief.get("personas") or [] for p in x.get("pain_points") or []])

    def warnings(self, ui_lang: str = "fr") -> list[str]:
        return [] if self.offers else [t("drafts.warn_no_offer", ui_lang)]

    @property
    def excluded_formats(self) -> set[str]:
        """Formats this brand never gets: its family's, and giveaways without a product to give."""
        out = set(FAMILIES["excluded_formats"].get(self.family, []))
        if not any((o.get("kind") or "produit") == "produit" for o in self.offers):
            out.add("jeu_concours")
            out.add("coulisses")  # behind the scenes of a product's making; a service has no team to show in the brief
        if not self._poll_material()[1]:  # a poll needs two answers from the brief's own material
            out.add("sondage")
        return out

    def _poll_question(self, kind: str) -> str:
        """The poll's question, in the brand's address (``[poll_questions]`` of bodies.toml)."""
        if not kind:
            return ""
        table = self.bodies.get("poll_questions", {})
        template = table.get(kind + ("_en" if self.lang == "en" else ""), "")
        return _VARIANT.sub(lambda m: m.group(2) if self.address == "tu" else m.group(1), template)

    def _poll_material(self, offer: dict | None = None, pains=()) -> tuple[str, list[str]]:
        """The poll's question kind and its two answers: the offer's proof points, else the
        personas' pains, else the brand's differentiators, else two offers (never for a cause)."""
        proofs = [_phrase(p) for p in (offer or {}).get("proofs") or [] if p]
        if len(proofs) >= 2:
            return "matters", proofs
        if len(list(pains)) >= 2:
            return "pain", list(pains)
        if len(self.pains) >= 2:
            return "pain", self.pains
        if len(self.differentiators) >= 2:
            return "matters", self.differentiators
        if len(self.offers) >= 2 and self.family not in ("association", "b2b"):
            return "prefer", [n.form("") or n.name for n in self.offer_nouns]
        return "", []

    def _noun_of_offer(self, offer: dict) -> Noun:
        return english.offer_noun(offer) if self.lang == "en" else french.offer_noun(offer)

    def _noun(self, phrase: str) -> Noun:
        if self.lang == "en":
            return Noun(phrase, article=not phrase[:1].isupper())
        return french.guess(phrase)

    # -- choosing ------------------------------------------------------------------------
    def _choices(self, table: dict, key: str, fallback: str, network: str = "") -> list[str]:
        entry = table.get(key) or table[fallback]
        suffix = "" if self.lang == "fr" else "_en"
        for variant in (network, self.family):
            if variant and entry.get(variant + suffix):
                return entry[variant + suffix]
        return entry.get(self.lang) or entry["fr"]

    def _offer(self, slot: Slot) -> int | None:
        """The least used offer, in season first; a giveaway gives a product."""
        if not self.offers:
            return None
        pool = list(range(len(self.offers)))
        if slot.format in ("jeu_concours", "promotion"):
            pool = [i for i in pool if (self.offers[i].get("kind") or "produit") == "produit"] or pool
        season = [i for i in pool if not self.offers[i].get("months") or slot.day.month in self.offers[i]["months"]]
        if not season:  # every offer out of season (a campsite in October): the brand speaks of itself
            return None
        pool = season
        # an offer for organisations goes to their buyer, a consumer offer to a private customer
        pool = [i for i in pool if copy_formats.fits_audience(self.offers[i], slot.audience)] or pool
        if slot.format in ("carrousel", "reel"):  # an offer with slides or shots to give, unless far ahead
            fit = [i for i in pool if copy_formats.outline_fits(self.offers[i], slot.format)]
            if fit and min(self.offer_count[i] for i in fit) <= min(self.offer_count[i] for i in pool) + 1:
                pool = fit
        if slot.format == "temoignage":  # a testimonial speaks of the offer a customer's words are about
            pool = [i for i in pool if copy_formats.quotes(self.offers[i])] or pool
        if slot.event:  # a moment named after an offer speaks of it ("Dons déductibles…": the "don en ligne")
            words = re.findall(r"\w+", slot.event.casefold())
            named = [i for i in pool if len(stem := _head(self.offers[i].get("name", ""), self.lang)[:6]) >= 3
                     and any(w.startswith(stem) for w in words)]
            pool = named or pool
        return min(pool, key=lambda i: (self.offer_count[i], (i - self.counter) % len(self.offers)))

    def _subject(self, slot: Slot) -> tuple[Noun, dict | None]:
        if slot.objective == "recrutement" and self.family != "association":
            # a job post speaks of the employer, never of a heat pump with « envoyez votre candidature »
            return self.brand_noun, None
        i = self._offer(slot)
        if i is not None:
            self.offer_count[i] += 1
            return self.offer_nouns[i], self.offers[i]
        if slot.keyword:
            return self._noun(slot.keyword), None
        # a pillar's name is an internal label ("Produits et offres"): the brand speaks of itself
        return self.brand_noun, None

    def _event_noun(self, slot: Slot) -> Noun:
        return french.moment_noun(slot.event_tag or "", slot.event, self.lang)

    def _rubric(self, slot: Slot) -> dict | None:
        """The brief's rubric for this weekday and network, once a week: the first slot takes it."""
        week = (slot.network, *slot.day.isocalendar()[:2])
        if self.rubric_weeks.setdefault(week, id(slot)) != id(slot):
            return None
        for r in self.rubrics:
            networks = rubric_networks(r, self.channels) if self.channels is not None else r.get("networks")
            day = r.get("weekday") if r.get("weekday") is not None else self.rubric_day_of.get(r["name"])
            if day == slot.day.weekday() and (not networks or slot.network in networks):
                if slot.format == "story" and _ASKS_COMMENTS.search(f"{r['name']} {r.get('description') or ''}"):
                    if self.rubric_weeks.get(week) == id(slot):  # a story has no comments: an enigma
                        del self.rubric_weeks[week]  # answered in them waits for the day's post
                    return None
                # « le parcours du mois » is a monthly rubric: its first week of each month only
                if _MONTHLY.search(r["name"]) and slot.day.day > 7:
                    return None
                return r
        return None

    # -- writing -------------------------------------------------------------------------
    def write(self, slot: Slot, seed: int = 0) -> Draft:
        self.log.append((slot, seed))
        self.counter += 1
        draft = self._compose(slot, seed + self.counter * 7, avoid=set())
        draft.link = self._post_link(draft)
        if self._rubric_now:  # an episode without a subject: what to write, and how to give the next ones
            note = t("drafts.rubric_note" if self.rubric_desc else "drafts.rubric_note_bare", self.lang,
                     rubric=self._rubric_now, content=self.rubric_desc)
            draft.note = note.replace("'", "’") if self.lang == "fr" else note
        self._remember(slot, draft)
        return draft

    def _values(self, slot: Slot, offer: dict | None) -> dict:
        n = self.counter
        # an event's call gives its next date (« le mardi 2 novembre à 8 h 30 »): ``event_when``
        self._event_when = event_when(offer, slot.day, self.lang)
        # the brand's differentiators speak for the brand and for the offer named after it (the
        # "logiciel de paie Paylane" is Paylane), never for another offer ("Le guide…, en trois
        # points : des données hébergées en Belgique", "Le soin hydratant : des colorations
        # végétales sans ammoniaque")
        flagship = offer is None or self.brand.casefold() in (offer.get("name") or "").casefold()
        borrowed = self.differentiators if flagship else []
        proofs = [_phrase(p) for p in (offer or {}).get("proofs") or [] if p] or borrowed
        # a proof's kind (a practical fact, a making, a benefit…): the brief's, else inferred
        declared = [*((offer or {}).get("proof_kinds") or [])]
        self._kinds = {_phrase(p): k for p, k in zip((offer or {}).get("proofs") or [], declared) if p and k}
        pains = list(slot.persona_pains)
        end = slot.event_end or slot.event_start
        desc, price = _phrase((offer or {}).get("description", "")), (offer or {}).get("price", "")
        if price and price in desc:  # "pour 24 $, 24 $": the description already says it
            price = ""
        lang = self.lang
        points = list(dict.fromkeys([*proofs, *borrowed]))[:4]
        kind, answers = self._poll_material(offer, pains)
        k = n % len(answers) if answers else 0
        answers = answers[k:] + answers[:k]
        until = slot.day + timedelta(days=7)
        return {
            "brand": self.brand, "brand_tag": self.brand_tag or self.brand,
            # an opening that says "three points" is only written with three points to give
            "points": "".join(f"\n– {_capital(x)}" for x in points) if len(points) >= 3 else "",
            "npoints": _NUMBERS[lang].get(len(points), "") if len(points) >= 3 else "",
            "poll_q": self._poll_question(kind),
            "option_a": _capital(answers[0]) if answers else "", "option_b": _capital(answers[1]) if answers else "",
            "until": _day(until, "EEEE d MMMM", lang),
            "today": _day(slot.day, "d MMMM", lang),
            "when": _when(slot.day, slot.time, lang),
            "draw": _day(until + timedelta(days=1), "EEEE d MMMM", lang),
            "link": (offer or {}).get("link", ""),
            "keyphrase": slot.keyword or ((offer or {}).get("name") or "").strip(),
            "pillar_desc": slot.pillar_desc, "days": slot.days_left or "",
            "cause": _CAUSES.get(slot.event_tag or "", {}).get(lang, ""),
            "desc": desc,
            "proof": proofs[n % len(proofs)] if proofs else "", "proofs": proofs[n % len(proofs):] + proofs[:n % len(proofs)] if proofs else [],
            "price": re.sub(r"(\d) (?=[€$£%])", "\\1\u00a0", price),
            # the brand's promise is said of the brand, its flagship offer, or in a letter's or an
            # article's own section; glued to another offer it is a false claim ("Ce qui nous guide,
            # avec la bûche de Noël : du pain au levain cuit chaque matin")
            "promise": self.promise if flagship or slot.network in ("newsletter", "blog") else "",
            "end": _day(end, "d MMMM", self.lang) if end else "",
            # "notez la date" is written with the date ("le 13 juin"), or not at all
            "start": _day(slot.event_start, "EEEE d MMMM", self.lang) if slot.event_start else "",
            "pain_text": pains[n % len(pains)] if pains else "",
            "event_when": self._event_when,
        }

    def _nouns(self, slot: Slot, topic: Noun) -> dict[str, Noun]:
        nouns = {"topic": topic, "brand": self.brand_noun}
        interests = [x for x in slot.persona_interests if x and x != topic.name]
        if interests:
            nouns["interest"] = self._noun(interests[self.counter % len(interests)])
        if slot.persona_pains:
            nouns["pain"] = self._noun(slot.persona_pains[self.counter % len(slot.persona_pains)])
        if slot.event:
            nouns["event"] = self._event_noun(slot)
        # a poll, a question or a giveaway keeps its own content: the rubric takes the week's next post
        rubric = None if slot.event or slot.format in _OWN_CONTENT else self._rubric(slot)
        if rubric:
            nouns["rubric"] = self._noun(rubric["name"])
            self._rubric_name = rubric["name"]
            self.rubric_desc = _phrase(rubric.get("description", ""))
            self._rubric_subject = self.subjects.subject(rubric["name"], slot.day)
        return nouns

    def _lines(self, candidates: list[str], values: dict, nouns: dict, product: bool = False) -> list[str]:
        out = []
        head = _head(nouns["topic"].name, self.lang)
        circular = _circular(nouns["topic"].name, values.get("desc") or "", self.lang)
        rest = _desc_rest(values.get("desc") or "", self.lang) if circular else ""
        name_words = {w.lower() for w in re.findall(r"\w{3,}", nouns["topic"].name)}
        if len({w.lower() for w in re.findall(r"\w{3,}", rest)} - name_words) < 3:
            rest = ""  # "Le brunch du samedi : servi le samedi" says nothing more
        for template in candidates:
            traits = _traits(template)
            if self._format == "story" and traits.comments:  # a story has no comments
                continue
            # "Demandez une démo de la démo personnalisée": the line's own words name the subject again
            if head and traits.topic and _names_word(template, head):
                continue
            # "Le brunch du samedi : un brunch servi le samedi": the subject glued to a description
            # that names it again; after a colon the description may still say what it adds ("La
            # table sur mesure : en chêne massif…"); "…, c'est un brunch servi le samedi" defines it
            desc_now = values.get("desc")
            if circular and "{topic" in template and "{desc}" in template and (
                    circular == 2 or _GLUED_DESC.search(template)):
                desc_now = rest if _COLON_DESC.search(template) else ""
                if not desc_now:
                    continue
            if not self._stories and traits.stories:  # none on X or LinkedIn
                continue
            if "{brand" in template and nouns["topic"].name == self.brand:  # not "Lila chez Lila"
                continue
            claim = proof_kinds.claim_of(template)
            template = self._marked(template, product)
            if template is None:
                continue
            # a line with a proof point is written with each of them: more distinct lines
            for proof in (values["proofs"] if "{proof}" in template and values["proofs"] else [values["proof"]]):
                if proof and traits.after_preposition and not _noun_phrase(proof, self.lang):
                    continue  # "avec livré en 48 heures", "pour sans ammoniaque": a predicate, not a thing
                # a claim only with a proof that supports it: not "Réservable à l'accueil : c'est
                # pour ça qu'on aime…", not "Le saviez-vous ? … des bretelles réglables"
                if claim is not None and "{proof}" in template and not self._supports(claim, proof):
                    continue
                line = render(template, {**values, "proof": proof, "desc": desc_now}, address=self.address, emojis=self.emojis,
                              lang=self.lang, nouns=nouns, aspirated=self.aspirated)
                if line and line not in out and not (self._familiar is not None and self._familiar.search(_fold(line))):
                    if self._format == "story" and _NOT_IN_STORY.search(line):
                        continue  # a story vanishes in a day: not saved, shared or commented as a post
                    if self._offer_now is None and _NAMES_AN_OFFER.search(line):
                        continue  # « Découvrez l'offre sur notre site » with no offer in the post
                    out.append(line)
        return out

    def _supports(self, claim: frozenset, proof: str) -> bool:
        """Whether a proof of this kind can back the line's claim (data/templates/proof_kinds.toml)."""
        return (self._kinds.get(proof) or proof_kinds.kind_of(proof, self.lang)) in claim

    def _marked(self, template: str, product: bool) -> str | None:
        """A line's markers: ``@p`` only for a product, ``@np`` never for one, ``@o`` only about an
        offer, ``@brand`` only about the brand itself, ``@service``… only for an offer of that kind,
        ``@social`` only on networks of friends (SOCIAL_NETWORKS) and never in B2B, ``@letter``
        only for a brand with a newsletter channel, ``@noletter`` only for one without.
        None when the line does not fit this post."""
        m = _MARKERS.match(template)
        if not m:
            return template
        for marker in m[1].split():
            if marker == "@p" and not product:
                return None
            if marker == "@o" and self._offer_now is None:
                return None
            if marker == "@brand" and self._offer_now is not None:
                return None
            if marker == "@goods" and self._offer_now is not None and not product_offer(self._offer_now):
                return None
            if marker == "@noprice" and (self._offer_now or {}).get("price"):
                return None
            if marker in ("@paid", "@free", "@included") or marker in _ACTION_MARKERS:
                free, included, actions = (self._terms.get(id(self._offer_now)) or (*offer_terms(self._offer_now),
                                           offer_actions(self._offer_now, self.family))) if self._offer_now is not None \
                    else (False, False, self._brand_actions)
                if (marker == "@paid" and free or marker == "@free" and (not free or included)
                        or marker == "@included" and not included
                        or marker in _ACTION_MARKERS and not actions & _ACTION_MARKERS[marker]):
                    return None
            if marker == "@thing" and _head(self._offer_now_name, self.lang) in _ACTION_NOUNS[self.lang]:
                return None
            if marker == "@np" and product_offer(self._offer_now):
                return None
            if marker == "@social" and (self._network not in SOCIAL_NETWORKS or self.family == "b2b"):
                return None
            if marker == "@when" and not self._event_when or marker == "@nowhen" and self._event_when:
                return None
            if marker == "@help" and self._format not in HELP_FORMATS:
                return None
            if marker == "@spread" and (self._offer_now or {}).get("kind") not in SPREAD_KINDS:
                return None
            if marker == "@table" and not self.seated or marker == "@notable" and self.seated:
                return None
            if marker == "@letter" and not self.has_letter:
                return None
            if marker == "@noletter" and self.has_letter:
                return None
            if marker[1:] in OFFER_KINDS and (self._offer_now is None
                                              or (self._offer_now.get("kind") or "produit") != marker[1:]):
                return None
        return template[m.end():]

    def _compose(self, slot: Slot, start: int, *, avoid: set[str]) -> Draft:
        """The first combination not used this quarter; with every one used, another offer; a
        brief too thin for a quarter (one subject, ten posts a week) repeats only across months."""
        for period in (self._quarter(slot.day), slot.day.strftime("%Y-%m")):
            for attempt in range(max(1, min(len(self.offers), 4))):
                draft = self._combine(slot, start + attempt, avoid=avoid | self.used.get(period, set()))
                if not draft.repeated:
                    return draft
        # a brief too thin for its frequency (no offer, five letters a week): the least used
        # text is written again rather than tagged with a date and a number the client would
        # read; the plan says how many (``repeat_warning``)
        self.repeats += 1
        return draft

    def repeat_warning(self, ui_lang: str = "fr") -> list[str]:
        """How many drafts repeat a text of their quarter because the brief is too thin."""
        return [t("drafts.warn_repeats", ui_lang, count=self.repeats)] if self.repeats else []

    def _combine(self, slot: Slot, start: int, *, avoid: set[str]) -> Draft:
        self._stories = "story" in editorial.formats_for(slot.network)
        self._network = slot.network
        self._format = slot.format
        # a day that celebrates what the brand does (World Theatre Day for a theatre) is its own
        # moment, written like a festival's; a campaign (Octobre rose) is relayed, never sold
        awareness = (bool(slot.event) and moments.moment_table().get(slot.event_tag, {}).get("kind") == "awareness"
                     and not moment_prefs.celebrates_practice(slot.event_tag))
        topic, offer = (self._event_noun(slot), None) if awareness else self._subject(slot)
        self._offer_now = offer
        self._offer_now_name = (offer or {}).get("name", "")
        self.rubric_desc = ""
        self._rubric_now = ""
        self._rubric_subject = None
        nouns = self._nouns(slot, topic)
        self._rubric_post = "rubric" in nouns
        if self._rubric_post:
            # a rubric's content (this week's tip, book, portrait) is the team's, not an offer's:
            # its post is written from the episode's subject in the brief (``items``), else it
            # names the rubric and leaves that content to write, marked, with a note
            topic, offer = self.brand_noun, None
            nouns["topic"] = topic
            self._offer_now, self._offer_now_name = None, ""
            self._rubric_now = "" if self._rubric_subject else self._rubric_name
        values = {**self._values(slot, offer), "rubric_desc": self.rubric_desc}
        if self._rubric_post:
            values |= rubric_subjects.values(self._rubric_subject, self._rubric_name, slot.day, self.lang,
                                             monthly=bool(_MONTHLY.search(self._rubric_name)))
        product = bool(offer) and (offer.get("kind") or "produit") == "produit"
        lines = lambda table, key, fallback, network="": self._lines(  # noqa: E731
            self._choices(table, key, fallback, network), values, nouns, product)
        if awareness:
            hooks = lines(self.events, "awareness_teasing" if slot.day < (slot.event_start or slot.day)
                          else "awareness", "awareness")
        elif slot.event:
            hooks = lines(self.events, event_phase(slot), "launch")
        elif "rubric" in nouns:
            hooks = (lines(rubric_subjects.templates(), "hook", "hook") if self._rubric_subject
                     else lines(self.hooks, "rubric", "inform"))
            if _PERIOD_NAMED.search(self._rubric_name):  # not « Le savon de la semaine, cette semaine »
                hooks = [h for h in hooks if "{rubric_period}" not in h] or hooks
        elif slot.format == "question":  # a question post asks a real question
            hooks = [h for h in lines(self.hooks, "converse", "converse") if h.rstrip().endswith("?")]
        else:
            hooks = lines(self.hooks, slot.intent, "inform")
        # a thin brief widens the choice, but a rubric's week always opens with the rubric
        if len(hooks) < 4 and not slot.event and slot.format != "question" and "rubric" not in nouns:
            hooks += [h for h in lines(self.hooks, "inform", "inform") if h not in hooks]
        if not hooks:
            hooks = lines(self.hooks, "inform", "inform")
        body_key = "awareness" if awareness else slot.format  # a letter's sections replace it there
        if "rubric" in nouns:  # the subject's own line, else the gap to write
            gap = rubric_subjects.gap_template(self.bodies["rubric"], self.lang, bool(self.rubric_desc))
            body = "{rubric_more}" if self._rubric_subject else gap
            bodies = [render(body, values, address=self.address, emojis=self.emojis, lang=self.lang, nouns=nouns,
                             aspirated=self.aspirated) or ""]
        elif slot.format == "temoignage" and copy_formats.quotes(offer):
            said = copy_formats.quotes(offer)
            bodies = [copy_formats.testimonial(said[(start // 3 + k) % len(said)], self.lang) for k in range(len(said))]
        else:
            bodies = lines(self.bodies, body_key, "image_texte", slot.network) or [""]
        self._values_now, self._nouns_now, self._slot_now = values, nouns, slot
        # a series calls the reader back to its next episode, never to an offer it does not speak of
        ctas = lines(rubric_subjects.templates(), "call", "call") if "rubric" in nouns else []
        ctas = ctas or [c for key in self._cta_keys(slot, awareness, offer)
                        for c in self._ctas(key, slot.network, values, nouns, product)]
        for key in ([] if ctas or slot.format == "jeu_concours" else self._fallback_keys(offer)):
            ctas = ctas or self._ctas(key, slot.network, values, nouns, product)
        ctas = ctas or [""]
        ctas = list(dict.fromkeys(ctas))
        if slot.format in ("question", "sondage"):  # the post asks already: its call does not ask again
            ctas = [c for c in ctas if "?" not in c] or ctas
        hooks = hooks or lines(self.hooks, "fallback", "fallback") or [topic.form("") or topic.name]
        year = slot.day.year
        fresh = [h for h in hooks if h not in self.openings.get(year, set())] or hooks
        r = start % max(len(fresh), 1)
        fresh = fresh[r:] + fresh[:r]
        ctas = sorted(ctas, key=lambda c: (self.cta_count[c], (ctas.index(c) - start) % len(ctas)))
        def fill(template: str, capitalize: bool = True) -> str | None:
            if "{brand" in template and topic.name == self.brand:  # not "Lune, Lune"
                return None
            return render(template, values, address=self.address, emojis=self.emojis, lang=self.lang,
                          nouns=nouns, capitalize=capitalize, aspirated=self.aspirated)
        tags = self.hashtags(slot, offer)
        visual = self.visual(slot, topic, offer, fill)
        fallback = unoutlined = None
        # a carousel or a reel about an offer with the ideas it needs is written with its outline
        wants_outline = (slot.format in ("carrousel", "reel") and offer is not None and "rubric" not in nouns
                         and copy_formats.outline_fits(offer, slot.format))
        skipped = 0
        for h in fresh + [h for h in hooks if h not in fresh]:
            for b in range(len(bodies)):
                body = bodies[(start // 3 + b) % len(bodies)]
                for cta in ctas:
                    text, post_tags = self._assemble(slot, h, body, cta, fill, tags, start)
                    if (self._dead_link(text, slot.network) or _unasked(cta, text) or self._avoided(text)
                            or _repeats(_caption(text), values, self.lang) or not copy_formats.fits(text, post_tags, slot.network)):
                        continue
                    if text not in avoid:
                        if wants_outline and skipped < 40 and not text.startswith(_OUTLINE_LABELS):
                            # an opening that says a proof the slides needed: another one first
                            skipped += 1
                            unoutlined = unoutlined or Draft(text, post_tags, visual, h, cta)
                            continue
                        return Draft(text, post_tags, visual, h, cta)
                    fallback = fallback or Draft(text, post_tags, visual, h, cta, repeated=True)
        if unoutlined is not None:
            return unoutlined
        if fallback is None:  # nothing fits: the shortest opening, with the call to action
            options = [(h, *self._assemble(slot, h, "", ctas[0], fill, tags, start)) for h in hooks]
            h, text, post_tags = min(options, key=lambda o: (not copy_formats.fits(o[1], o[2], slot.network),
                                                             len(o[1])))
            fallback = Draft(text, post_tags, visual, h, ctas[0], repeated=True)
        return fallback

    def _cta_keys(self, slot: Slot, awareness: bool, offer: dict | None) -> list[str]:
        """What the post asks for: its format's own action where the format is one (a promotion
        sells, a question and a poll ask for a comment, a giveaway's rules are its call), the
        event's own call for a post about an event (``event`` of data/templates/ctas.toml), else its
        objective's; a loyalty post of a brand without a letter also invites people back, not only
        to follow the account."""
        if awareness:
            return ["share"]
        if slot.format == "jeu_concours":
            return []
        if slot.format in ("question", "sondage"):
            return ["comment"]
        if offer is not None and offer.get("kind") == "evenement" and offer_actions(offer, self.family):
            return ["event"]  # an event's post sends to the event (its date, its sign-up), not to the newsletter
        if slot.format == "promotion" and offer is not None:
            return ["buy"]
        key = refdata.OBJECTIVES.get(slot.objective, {}).get("cta", "comment")
        if key == "sign_up" and not self.has_letter:
            return ["sign_up", "buy"]
        return [key]

    @staticmethod
    def _fallback_keys(offer: dict | None) -> list[str]:
        """When every line of the objective's call asks for something this offer is not (a
        donation post under a volunteers' objective, an adoption under the donations' one): the
        offer's own conversion, then a share."""
        return ["buy", "share"] if offer is not None else ["share"]

    def _ctas(self, key: str, network: str, values: dict, nouns: dict, product: bool) -> list[str]:
        """The calls to action of an objective: the network's own (a letter, an article), else the
        sector family's, then the common lines every family can say; by network where a line
        needs one (``@social``)."""
        entry = self.ctas.get(key) or self.ctas["comment"]
        suffix = "" if self.lang == "fr" else "_en"
        def fit(lines: list[str]) -> tuple[list[str], list[str]]:
            """The lines that fit this post: those that name what they send to, and the vague ones."""
            lines = [c for c in lines if self._fits_action(c)]
            return tuple([c for c in self._lines([c for c in lines if vague_call(c, self.lang) == vague], values, nouns,
                                                 product) if not self._calls_for_another(c)] for vague in (False, True))

        if entry.get(network + suffix):
            named, vague = fit(entry[network + suffix])
        else:
            # a family whose lines replace the common ones does so when one of them fits this post
            # (a farm of the food family, asked for no table, still gets « Découvre le panier »)
            own, common = fit(entry.get(self.family + suffix, [])), fit(entry.get(self.lang) or entry["fr"])
            alone = (own[0] or own[1]) and self.family in entry.get("alone", [])
            named, vague = own if alone else (own[0] + common[0], own[1] + common[1])
        # a call names what it sends to: « Découvrez l'offre sur notre site » under a volunteering
        # programme gives way to the post's next call (``_fallback_keys``), never stands for one
        return named

    def _fits_action(self, template: str) -> bool:
        """A call asks what its post's subject allows: no booking under a cause, no application
        under a product (``data/templates/call_actions.toml``); about the brand itself, anything.
        A line with an action marker (``@book``, ``@included``…) has said already what it fits."""
        if self._offer_now is None:
            return True
        m = _MARKERS.match(template)
        if m and any(k in _ACTION_MARKERS or k == "@included" for k in m[1].split()):
            return True
        action = call_action(template)
        if action is None:
            return True
        if action in ("candidature", "newsletter"):
            return False
        if action == "contact":  # writing to the brand fits, unless the brief asks for another act
            return not self._offer_now.get("action") or self._offer_now["action"] == "contact"
        return action in offer_actions(self._offer_now, self.family)

    def _calls_for_another(self, call: str) -> bool:
        """A call that names another offer's action under a post about an offer ("Devenez
        bénévole" under the donation post, "Faites un don" under the volunteers' one): the
        reader is asked for something the post did not speak of."""
        if self._offer_now is None or len(self._offer_stems) < 2:
            return False
        key = (call, id(self._offer_now))
        if key not in self._other_calls:
            self._other_calls[key] = self._names_another(call)
        return self._other_calls[key]

    def _names_another(self, call: str) -> bool:
        """A free service (a first meeting, a trial lesson) is the way into every offer: a call
        for it fits under them all."""
        words = re.findall(r"\w+", call.casefold())
        mine = _head(self._offer_now.get("name", ""), self.lang)[:6]
        return any(o is not self._offer_now and stem != mine and any(w.startswith(stem) for w in words)
                   and not (o.get("kind") == "service" and self._terms[id(o)][0] and not self._terms[id(o)][1])
                   for o, stem in self._offer_stems)

    def _assemble(self, slot: Slot, hook: str, body: str, cta: str, fill, tags: list[str],
                  start: int) -> tuple[str, list[str]]:
        """The post in its network's shape: a letter, an article, a pin, or a caption that fits."""
        network = slot.network
        if network == "newsletter":
            more = self._more_sections(slot, fill)
            text = link_wording(copy_formats.newsletter(fill, hook, cta, self.lang, start, more), network, self.lang)
        elif network == "blog":
            text = link_wording(copy_formats.blog(fill, hook, body, cta, self.lang, start), network, self.lang)
        else:
            paragraphs = [p for p in dict.fromkeys((hook, body, cta)) if p]
            text = link_wording("\n\n".join(paragraphs), network, self.lang)
            if rules(network) is not None and rules(network).count == "x_weighted" or network in ("bluesky", "threads"):
                # a poll's answers and a giveaway's rules are the post: only hashtags may go
                keep = slot.format in ("sondage", "jeu_concours")
                text, tags = copy_formats.fit_x(text.split("\n\n"), tags, network, keep_body=keep)
            if network == "pinterest":
                text = copy_formats.pin(fill, text, self.lang, start)
            text = self._outlined(slot, hook, text, cta, fill, start)
        if self.lang == "en":
            text = english.spell(text, self.country)
        return self._with_link(text, network, slot.format), tags

    def _outlined(self, slot: Slot, hook: str, text: str, cta: str, fill, start: int) -> str:
        """A carousel with its slides and a reel with its shots above the caption, one line each
        (``copy_formats.carousel``, ``reel``), from the brief's material the caption does not
        say; a rubric's post keeps its own content to write (its note says what)."""
        if slot.format not in ("carrousel", "reel") or self._rubric_now or "rubric" in (self._nouns_now or {}):
            return text
        values = self._values_now or {}
        extra = [x for x in [*self.differentiators, self.promise] if x] if self._offer_now is None or values.get("promise") else []
        proofs = list(values.get("proofs") or [])
        said = text  # a slide shows a proof the caption gives in passing, never one of its sentences
        if slot.format == "carrousel":
            head = copy_formats.carousel(fill, proofs, extra, said, cta, self.lang, start)
        else:
            head = copy_formats.reel(fill, hook, proofs, extra, said, cta, self.lang)
        if not head:
            return text
        from core.language import parts

        return parts.join(head, text, self.lang)

    def _more_sections(self, slot: Slot, fill) -> list[str]:
        """Sections about the brand's other offers in season, for the same readers, for a letter
        whose own subject is thin (``copy_formats.newsletter``)."""
        key = (slot.day, slot.audience, self._offer_now_name)
        if getattr(self, "_more_key", None) == key:
            return self._more_cache
        titles = [x for x in (fill(tpl) for tpl in copy_formats._table("more", "title", self.lang)) if x]
        out = []
        if titles:
            for o, noun in zip(self.offers, self.offer_nouns):
                if o is self._offer_now or (o.get("months") and slot.day.month not in o["months"]):
                    continue
                if not copy_formats.fits_audience(o, slot.audience) or not o.get("description"):
                    continue
                name = _capital(noun.form("") or noun.name) if self.lang == "fr" else _capital(noun.form("our") or noun.name)
                sep = "\u00a0: " if self.lang == "fr" else ": "
                line = f"{name}{sep}{_phrase(o['description'])}." + (f" {o['link']}" if o.get("link") else "")
                title = titles[len(out) % len(titles)]
                out.append(f"{title}|{french_typography(line) if self.lang == 'fr' else line}")
        rot = self.counter % len(out) if out else 0
        self._more_key, self._more_cache = key, out[rot:] + out[:rot]
        return self._more_cache

    def _with_link(self, text: str, network: str, fmt: str) -> str:
        """A post that points to "le lien" carries it: where links are clickable the offer's URL
        ends the post; a story points to its link sticker. With no URL to give, the post says
        nothing of a link (``_dead_link`` refuses it)."""
        net = rules(network)
        if net is None:
            return text
        if fmt == "story":
            sticker = _LINK_STICKER[self.lang]
            return re.sub(_BIO, sticker, text)
        if not (net.links_clickable and _points_below(text, self.lang)):
            return text
        url = self._link_for(text.rsplit("\n\n", 1)[-1])
        if url and url not in text:
            return f"{text}\n\n{url}"
        if not _URL.search(text):
            self._dead_texts.add(text)  # points below to nothing: ``_dead_link`` refuses it without searching again
        return text

    def _link_for(self, call: str) -> str:
        """The URL a call to action points to: the post's offer when the call names it, else
        the offer whose name's head the call's action says ("Faites un don" → the "don en
        ligne" page, "Devenez bénévole" → the "bénévolat" page), else the post's offer's page,
        else the brand's site; never another action's page."""
        call = call.casefold()
        offer = self._offer_now or {}
        if offer.get("link") and offer.get("name") and offer["name"].casefold() in call:
            return offer["link"]
        words = re.findall(r"\w+", call)
        return next((o["link"] for o, stem in self._offer_stems
                     if o.get("link") and any(w.startswith(stem) for w in words)), "") \
            or offer.get("link") or self.site

    def _post_link(self, draft: Draft) -> str:
        """The link field of a post: its offer's page, else, when its call sends the reader to a
        page ("lien en bio", "réservez en ligne"), the page that call points to."""
        link = (self._offer_now or {}).get("link", "")
        if link or not draft.cta or not _NEEDS_LINK.search(draft.cta):
            return link
        return next(iter(_URL.findall(draft.text)), "") or self._link_for(draft.cta)

    def _dead_link(self, text: str, network: str) -> bool:
        """A post that says "lien ci-dessous" without any URL sends people looking for nothing
        (``_with_link`` found it when it shaped the post)."""
        return text in self._dead_texts

    @staticmethod
    def _quarter(day: date) -> str:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"

    def _remember(self, slot: Slot, draft: Draft) -> None:
        self.used.setdefault(self._quarter(slot.day), set()).add(draft.text)
        self.used.setdefault(slot.day.strftime("%Y-%m"), set()).add(draft.text)
        self.openings.setdefault(slot.day.year, set()).add(draft.opening or draft.text.split("\n\n")[0])
        if draft.cta:
            self.cta_count[draft.cta] += 1

    def remember_kept(self, day: date, text: str) -> None:
        """A kept post's text counts as used, so a re-plan does not write it again, nor the
        rubric subjects it speaks of."""
        self.used.setdefault(self._quarter(day), set()).add(text)
        self.used.setdefault(day.strftime("%Y-%m"), set()).add(text)
        self.subjects.keep(text)

    def rubric_warning(self, ui_lang: str = "fr") -> list[str]:
        """For each rubric, how many of its episodes have no subject in the brief (``items``)."""
        return self.subjects.warnings(ui_lang)

    def _avoided(self, text: str) -> bool:
        """A word to avoid, as a word ("bio" is not "lien en bio" nor "biologique"). Looked for
        line by line, each line once (``_avoided_lines``): no word to avoid spans a line break."""
        if not self._avoid_rx:
            return False
        if self._avoided_lines is None:  # a word to avoid written over two lines: the whole text
            return bool(self._avoid_rx.search(_BIO_LINK.sub(" ", _plain(text))))
        seen = self._avoided_lines
        for line in text.split("\n"):
            found = seen.get(line)
            if found is None:
                found = seen[line] = bool(self._avoid_rx.search(_BIO_LINK.sub(" ", _plain(line))))
            if found:
                return True
        return False

    def hashtags(self, slot: Slot, offer: dict | None = None) -> list[str]:
        """The brand's tag, the moment's, the offer's, then the hashtag bank in turn; never a pillar name."""
        limit = int(self.times.get(slot.network, {}).get("hashtags", 2))
        if limit <= 0:
            return []
        tags = [self.brand_tag]
        if slot.event:
            entry = refdata.load("templates/moment_names.toml").get(slot.event_tag or "", {})
            tags.append(entry.get("hashtag") or hashtag(self._event_noun(slot).name, self.lang))
        if offer:
            tags.append(offer.get("hashtag") or "")
        if slot.keyword and len(slot.keyword.split()) == 1:
            tags.append(hashtag(slot.keyword, self.lang))
        if self.bank:
            k = self.counter % len(self.bank)
            tags += self.bank[k:] + self.bank[:k]
        out: list[str] = []
        for tag in tags:
            tag = tag if not tag or tag.startswith("#") else f"#{tag}"
            if tag and tag.lower() not in {x.lower() for x in out}:
                out.append(tag)
        return out[:limit]

    def visual(self, slot: Slot, topic: Noun, offer: dict | None, fill) -> str:
        """What to show for this post (the product, the dish, the screen, the field), in its
        format's layout and its network's ratio (``copy_formats.visual``)."""
        fmt = FORMATS.get({"newsletter": "newsletter", "blog": "article"}.get(slot.network, slot.format)) \
            or FORMATS["image_texte"]
        if slot.format == "temoignage" and not copy_formats.quotes(offer):  # a call for reviews: no quote to show
            fmt = FORMATS["image_texte"]
        kind = (offer.get("kind") or "produit") if offer else ("marque" if topic.name == self.brand else "programme")
        if slot.event and not offer:
            kind = "marque"
        if self._rubric_post:  # the episode's subject, in a layout made for it (not a quote or a poster)
            kind = "rubrique" if self._rubric_subject else "rubrique_a_ecrire"
            fmt = FORMATS["image_texte"] if slot.format in rubric_subjects.OTHER_CONTENT else fmt
        brief = copy_formats.visual(fill, fmt, self.family, kind, slot.network, self.lang,
                                    priced=bool((offer or {}).get("price")))
        if slot.event:
            brief += f" ; {slot.event}" if self.lang == "fr" else f"; {slot.event}"
        if self.lang == "fr":
            return french_typography("visuel : " + brief)
        return "visual: " + brief

    # -- proofreading --------------------------------------------------------------------
    def _names(self) -> list[str]:
        return [self.brand, *(o["name"] for o in self.offers)]

    def _real_errors(self, text: str, check) -> list:
        """Grammar findings, without those inside the brand's or an offer's name ("Toit Partagé"
        is not "toi"). The names are looked for only in a text with a finding (a few in a plan)."""
        found = check.of_kind("grammar")
        if not found:
            return []
        spans = [(m.start(), m.end()) for name in self._names() if name
                 for m in re.finditer(re.escape(name), text)]
        return [i for i in found if not any(a <= i.start and i.end <= b for a, b in spans)]

    def proofread(self, posts: list[dict], ui_lang: str = "fr") -> list[str]:
        """Check every French draft with Grammalecte; rewrite those with a grammar error.

        ``posts`` are the drafts in the order they were written. Returns the warnings: grammar
        unchecked (and why), or drafts still flagged after ``REWRITE_ROUNDS`` rewrites.
        """
        if self.lang != "fr" or not posts:
            return []
        from core.language import grammar  # the checker process is started only for French plans
        log = self.log[-len(posts):]
        known = {self.brand, self.brand_tag, *self.bank}
        for o in self.offers:
            known.update(re.findall(r"\w+", o["name"]))
        known.update(re.findall(r"\w+", self.brand))
        rejected: dict[int, set[str]] = {}
        todo = list(range(len(posts)))
        for round_no in range(REWRITE_ROUNDS + 1):
            checks = grammar.check_many([posts[i]["text"] for i in todo], known)
            if checks and not checks[0].checked:
                return [t("drafts.warn_grammar_off", ui_lang, reason=t(checks[0].reason, ui_lang))]
            todo = [i for i, c in zip(todo, checks) if self._real_errors(posts[i]["text"], c)]
            if not todo or round_no == REWRITE_ROUNDS:
                break
            for i in todo:
                slot, seed = log[i]
                old = posts[i]["text"]
                rejected.setdefault(i, set()).add(old)
                for period in (self._quarter(slot.day), slot.day.strftime("%Y-%m")):
                    self.used.get(period, set()).discard(old)
                draft = self._compose(slot, seed + 7 * (i + 1) + 13 * (round_no + 1), avoid=rejected[i])
                self._remember(slot, draft)
                posts[i].update(text=draft.text, hashtags=draft.hashtags, visual_brief=draft.visual_brief,
                                link=self._post_link(draft))
        if todo:
            refs = ", ".join(str(posts[i].get("ref", i)) for i in todo[:10])
            return [t("drafts.warn_grammar_left", ui_lang, count=len(todo), refs=refs)]
        return []
