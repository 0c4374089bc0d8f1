"""First drafts for calendar slots, from the templates in ``data/templates/``.

A draft is an opening line (by intent, or by phase when the slot serves a moment), a
middle paragraph (by format) and a call to action (by the objective's ``cta``), in the
brand's language, address (tu / vous) and emoji habit. Templates mark the tu/vous forms
as ``{v:vous form|tu form}`` and emojis as ``{e:…}``. Within one month no two slots get
the same text: a writer remembers what it wrote and moves to the next combination.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date

from core import refdata
from core.language.typography import fix_all
from core.networks import rules
from core.planning.editorial import FORMATS

_VARIANT = re.compile(r"\{v:([^|{}]*)\|([^{}]*)\}")
_EMOJI = re.compile(r"\{e:([^{}]*)\}")
_FIELD = re.compile(r"\{(\w+)\}")


def templates(name: str) -> dict[str, dict]:
    return refdata.entries(f"templates/{name}.toml")


_ARTICLES = refdata.load("french_articles.toml")
_VOWEL = set("aeiouyàâäéèêëîïôöùûüœæh")


def with_article(phrase: str, lang: str = "fr") -> str:
    """``phrase`` with a French definite article when Calame is sure of it (data/french_articles.toml).

    "voyages" -> "les voyages", "atelier" -> "l'atelier", "mode éthique" -> "la mode éthique";
    names (capitalised), phrases that already have a determiner and nouns of uncertain gender
    stay as they are. English phrases never change.
    """
    if lang != "fr" or not phrase or not phrase[:1].islower():
        return phrase
    words = phrase.split()
    first = words[0].lower()
    if first in _ARTICLES["determiners"] or re.match(r"^(l|d)['’]", first):
        return phrase
    if not first[:1].isalpha():
        return phrase
    whole = phrase.lower()
    if first[-1] in "sx" and first not in _ARTICLES["singular_s"] and whole not in _ARTICLES["masculine"]:
        return f"les {phrase}"
    if first[0] in _VOWEL and not (first[0] == "h" and first in _ARTICLES["aspirated_h"]):
        return f"l'{phrase}"
    if whole in _ARTICLES["feminine"] or first in _ARTICLES["feminine"]:
        return f"la {phrase}"
    if whole in _ARTICLES["masculine"] or first in _ARTICLES["masculine"]:
        return f"le {phrase}"
    if first.endswith(tuple(_ARTICLES["feminine_endings"])):
        return f"la {phrase}"
    if first.endswith(tuple(_ARTICLES["masculine_endings"])):
        return f"le {phrase}"
    return phrase


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


def contract(text: str, *phrases: str) -> str:
    """French contractions where an article was added: "de le lin" -> "du lin", "à les" -> "aux"."""
    for phrase in phrases:
        for article, de, a in (("le ", "du ", "au "), ("les ", "des ", "aux ")):
            if phrase.startswith(article):
                rest = phrase[len(article):]
                text = re.sub(rf"\b([dD])e {re.escape(phrase)}", lambda m: ("D" if m[1] == "D" else "d") + de[1:] + rest, text)
                text = re.sub(rf"(?<!\w)([àÀ]) {re.escape(phrase)}", lambda m: ("A" if m[1] == "À" else "a") + a[1:] + rest, text)
    return text


def render(template: str, values: dict, *, address: str = "vous", emojis: bool = True,
           lang: str = "fr") -> str:
    """Fill one template: tu/vous forms, emojis, then ``{field}`` values (unknown ones dropped)."""
    text = _VARIANT.sub(lambda m: m.group(2) if address == "tu" else m.group(1), template)
    text = _EMOJI.sub(lambda m: m.group(1) if emojis else "", text)
    text = _FIELD.sub(lambda m: str(values.get(m.group(1), "")), text)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    text = re.sub(r"([.?!…]\s+)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), text)
    if lang == "fr":
        text = french_typography(text)
    first = re.search(r"[^\W\d_]", text)
    if first:
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

    English drops apostrophes (``New Year's`` → ``#NewYears``); French elision starts a
    new word (``robe d'été`` → ``#RobeDÉté``).
    """
    phrase = phrase or ""
    if lang == "en":
        phrase = re.sub(r"['’]", "", phrase)
    words = re.findall(r"[^\W_]+", phrase)
    tag = "".join(w[:1].upper() + w[1:] for w in words)
    return f"#{tag}" if tag else ""


def _lower_first(name: str) -> str:
    """``Conseils de style`` → ``conseils de style`` (not ``ONG`` or ``Maison Lila``-like names)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower() and " " in name:
        return name[0].lower() + name[1:]
    return name


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


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
    event_tag: str = ""
    phase: str = ""  # teasing, launch, reminder
    days_left: int = 0


@dataclass
class Draft:
    text: str
    hashtags: list[str]
    visual_brief: str


class DraftWriter:
    """Writes drafts for one brand, never repeating a text within a month."""

    def __init__(self, *, brand_name: str, lang: str = "fr", address: str = "vous",
                 emojis: bool = True, brand_hashtag: str = "", words_to_avoid=()):
        self.brand = brand_name
        self.lang = "en" if lang == "en" else "fr"
        self.address = address
        self.emojis = emojis
        self.brand_tag = brand_hashtag if not brand_hashtag or brand_hashtag.startswith("#") else f"#{brand_hashtag}"
        self.avoid = [_plain(w) for w in words_to_avoid if w]
        self.hooks = templates("hooks")
        self.bodies = templates("bodies")
        self.ctas = templates("ctas")
        self.events = templates("events")
        self.times = refdata.entries("posting_times.toml")
        self.used: dict[str, set[str]] = {}
        self.counter = 0

    def _choices(self, table: dict, key: str, fallback: str) -> list[str]:
        entry = table.get(key) or table[fallback]
        return entry.get(self.lang) or entry["fr"]

    def write(self, slot: Slot, seed: int = 0) -> Draft:
        interests = list(slot.persona_interests)
        interest = interests[self.counter % len(interests)] if interests else ""
        topic = slot.keyword or interest or _lower_first(slot.pillar) or self.brand
        if interest == topic:  # "{interest}" must not repeat the topic
            others = [x for x in interests if x != topic]
            interest = others[self.counter % len(others)] if others else (_lower_first(slot.pillar) or topic)
        pain = slot.persona_pains[self.counter % len(slot.persona_pains)] if slot.persona_pains else (
            "les mauvaises surprises" if self.lang == "fr" else "bad surprises")
        topic_np, interest_np = with_article(topic, self.lang), with_article(interest, self.lang)
        values = {"topic": topic_np, "pillar": slot.pillar, "interest": interest_np, "pain": pain,
                  "brand": self.brand, "brand_tag": self.brand_tag or self.brand,
                  "pillar_desc": slot.pillar_desc or topic, "event": slot.event,
                  "days": slot.days_left}
        if slot.event and slot.phase:
            hooks = self._choices(self.events, slot.phase, "launch")
            if slot.days_left == 1:  # the templates count days in the plural: not "dans 1 jours"
                hooks = [h for h in hooks if "{days}" not in h] or hooks
        else:
            hooks = self._choices(self.hooks, slot.intent, "inform")
        bodies = self._choices(self.bodies, slot.format, "image_texte")
        cta_key = refdata.OBJECTIVES.get(slot.objective, {}).get("cta", "comment")
        ctas = self._choices(self.ctas, cta_key, "comment")
        month = slot.day.strftime("%Y-%m")
        used = self.used.setdefault(month, set())
        total = len(hooks) * len(bodies) * len(ctas)
        start = (seed + self.counter * 7) % total
        self.counter += 1
        text = ""
        for step in range(total):
            n = (start + step) % total
            h, b, c = n % len(hooks), (n // len(hooks)) % len(bodies), n // (len(hooks) * len(bodies))
            parts = [contract(render(t, values, address=self.address, emojis=self.emojis, lang=self.lang),
                              topic_np, interest_np)
                     for t in (hooks[h], bodies[b], ctas[c])]
            text = link_wording("\n\n".join(p for p in dict.fromkeys(parts) if p), slot.network, self.lang)
            if text not in used and not self._avoided(text):
                break
        if text in used:
            text = f"{text}\n\n({slot.day.isoformat()}, {slot.network})"
        used.add(text)
        return Draft(text, self.hashtags(slot), self.visual(slot, topic))

    def _avoided(self, text: str) -> bool:
        plain = _plain(text)
        return any(w in plain for w in self.avoid)

    def hashtags(self, slot: Slot) -> list[str]:
        limit = int(self.times.get(slot.network, {}).get("hashtags", 2))
        if limit <= 0:
            return []
        tags = [self.brand_tag, hashtag(slot.event_tag or slot.event, self.lang) if slot.event else "",
                hashtag(slot.keyword, self.lang), hashtag(slot.pillar, self.lang)]
        out = []
        for tag in tags:
            if tag and tag.lower() not in {t.lower() for t in out}:
                out.append(tag)
        return out[:limit]

    def visual(self, slot: Slot, topic: str) -> str:
        fmt = FORMATS.get(slot.format) or FORMATS["image_texte"]
        template = fmt[f"visual_{self.lang}"]
        quoted = "« {topic} »" in template  # a title in guillemets keeps its bare words
        brief = contract(template.format(topic=topic if quoted else with_article(topic, self.lang)),
                         with_article(topic, self.lang))
        if slot.event:
            brief += f" ; {slot.event}" if self.lang == "fr" else f"; {slot.event}"
        if self.lang == "fr":
            return french_typography("visuel : " + brief)
        return "visual: " + brief
