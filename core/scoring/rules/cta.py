"""The call to action: one that matches the post's objective, and a link the network lets people follow."""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.text import find_urls
from core.i18n import t
from core.refdata import OBJECTIVES, load_words
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import fold, link_spans, phrase_regex


@lru_cache(maxsize=None)
def cta_table(lang: str) -> dict[str, re.Pattern]:
    """Kind of call to action (comment, click, buy…) -> the pattern of its phrases in ``lang``."""
    kinds: dict[str, list[str]] = {}
    for line in load_words(f"wordlists/scoring_cta_{lang}.txt"):
        kind, _, phrase = line.partition(":")
        kinds.setdefault(kind.strip(), []).append(phrase.strip())
    return {kind: phrase_regex(phrases) for kind, phrases in kinds.items()}


def expected_cta(objective: str | None) -> str | None:
    """The kind of call to action an objective asks for (an objective name or a kind itself)."""
    if not objective:
        return None
    objective = str(objective).strip().lower()
    if objective in OBJECTIVES:
        return OBJECTIVES[objective].get("cta")
    kinds = {v.get("cta") for v in OBJECTIVES.values()} | {"link_in_bio"}
    return objective if objective in kinds else None


# A call said as a noun or a pointer: « Réservation par téléphone », « Inscriptions sur le site »,
# « le guide complet est sur notre blog », a phone number, a line that opens with an arrow
# (an e-mail's button, a pointer to what follows), "come early". French copy often states the
# act as a noun (the « style nominal » of notices and menus: Grevisse § 407, the nominal
# sentence); it is as clear a next step as an imperative.
_NOMINAL = re.compile(r"(?<![\w])(?:reservations?|inscriptions?|commandes?|renseignements?|billets?|billetterie|bookings?"
                      r"|tickets?|orders?|sign-ups?)\s*(?::|par|au|aux|sur|en|des|via|at|on|by|online|des maintenant)"
                      r"(?![\w])|(?<![\w\d])0\d(?:[ .\u00a0]?\d{2}){4}(?![\d])|(?:est|sont|is|are)\s+(?:sur|dans|on|in)\s+"
                      r"(?:notre|le|la|our|the)\s+(?:blog|site|boutique|page|website)|^[ \t]*(?:→|👉|➡️?)[ \t]*\w"
                      r"|(?<![\w])(?:come early|come by|pop in|drop in|call us)(?![\w])", re.M)


# Networks whose post carries its destination outside the text: a pin is its link (Pinterest
# Business Help), a Google Business Profile post has its own button (« Learn more », « Call »).
_OWN_DESTINATION = frozenset({"pinterest", "google_business"})
# Where a reader is sent without a link in the text: the bio, a comment, a message, a phone
# number, an e-mail address, a street.
_ROUTE = re.compile(r"(?<![\w])(?:lien (?:en|dans (?:la|notre|ma)) (?:bio|commentaire)"
                    r"|links? in (?:our |my |the )?(?:bio|comments?)|en (?:mp|dm|message prive)|message prive"
                    r"|par message|direct message|dm us|(?:au|par) telephone|rue|avenue|boulevard|place|quai"
                    r"|street|road)(?![\w])|(?<![\w\d])0\d(?:[ .\u00a0]?\d{2}){4}(?![\d])"
                    r"|\+\d{2}[ .\u00a0]?\d|[\w.-]+@[\w-]+\.\w+")


def check(f: Findings, p: Parsed, rules, lang: str, objective: str | None, stats: dict):
    """A call to action, named after the post's objective when it has none; "lien en bio"
    where links are not clickable. Any call to action counts: a graded set showed that
    judging its kind against the objective was wrong 9 times out of 9 ("Demandez une démo"
    for awareness is right), issue 12. A link where links work is a call to click; an
    awareness post is not asked to say "share": Meta demotes posts that ask for shares
    (« Fighting engagement bait on Facebook », December 2017). Reference:
    data/objectives.toml (objective -> kind of CTA), issue 4. A call said as a noun, a phone
    number or an arrow line (_NOMINAL) is a call too: strong graded posts say « Réservation
    par téléphone ». A traffic post must also give the way there: its objective is a visit
    to a destination (Meta's « Traffic » objective: "send people to a destination, such as
    a website"), so « Plus d'infos sur notre site » or « Venez essayer » with no link, no
    bio to point to, no phone and no address is a call with nowhere to go (``cta.no_route``);
    pins and Google Business Profile posts carry their link outside the text."""
    text = p.text
    if not text.strip():
        return
    folded = fold(text)
    found = {kind for kind, rx in cta_table("en" if lang == "en" else "fr").items()
             if rx is not None and rx.search(folded)}
    if "?" in text:
        found.add("comment")
    if "link_in_bio" in found:
        found.add("click")
    clickable = rules.links_clickable if rules else True
    if clickable and link_spans(text):
        found.add("click")  # a link where it can be followed is itself the invitation to click
    stats["cta"] = sorted(found)
    expected = expected_cta(objective)
    urls = find_urls(text)
    if urls and not clickable:
        for s, e in urls:
            f.add("cta.link_not_clickable", "warning", s, e, network=rules.label)
    if expected == "click" and (found or _NOMINAL.search(folded)) and p.kind == "caption" and rules is not None \
            and rules.key not in _OWN_DESTINATION and "link_in_bio" not in found and not link_spans(text) \
            and not _ROUTE.search(folded):
        f.add("cta.no_route", "warning", network=rules.label)
    if not found and expected != "share" and not _NOMINAL.search(folded):
        if expected == "click" and not clickable:
            f.add("cta.missing", "warning", message_key="cta.missing_link_in_bio", network=rules.label)
        elif expected:
            f.add("cta.missing", "warning", message_key="cta.missing_kind",
                  kind=t("score.cta_kind." + expected, f.ui_lang))
        else:
            f.add("cta.missing", "warning")

