"""Tone: the brand's voice as its brief sets it (emoji, tu or vous, words it avoids)."""

from __future__ import annotations

import re

from core.language.text import emoji_spans, find_urls
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import count_words, fold, folded_map, phrase_regex

_TU = re.compile(r"(?<![\w])(tu|te|toi|ton|ta|tes|t['’](?=[^\W\d_]))(?![\w-])", re.IGNORECASE)
_VOUS = re.compile(r"(?<![\w-])(vous|votre|vos|vôtre|vôtres)(?![\w])", re.IGNORECASE)
# A verb in the imperative "vous" form where an order is given: at the start of a sentence or
# a line, or after "et"/"ou" ("Venez", "Passez nous voir", "Découvrez-les").
_VOUS_IMPERATIVE = re.compile(r"(?:^|(?<=[.!?…:\n•\-–—]\s)|(?<=[.!?…:\n]\u202f)|(?<=^\s)|(?<=\bet\s)|(?<=\bou\s))"
                              r"([^\W\d_]{2,}ez)(?![\w])", re.IGNORECASE | re.MULTILINE)
_NOT_VERBS = frozenset({"chez", "nez", "assez", "rez", "ez"})


# Claims of being the best that a post cannot back ("la meilleure solution du marché", "n°1").
_SUPERLATIVE = re.compile(r"(?<![\w])(?:(?:le|la|les) meilleure?s?(?: \w+){0,3} (?:du marche|de france|au monde|du monde)"
                          r"|n°\s?1|numero 1|numero un|leader du marche|imbattables?|revolutionnaires?"
                          r"|the best(?: \w+){0,3} (?:on the market|in the world)|number one|#1)(?![\w])")


# A form letter's salutation (« Chère cliente, cher client, », "Dear Member,"), its anonymous
# signature on a line of its own (« La direction », "The Management"), and, in a feed post, a
# letter's closing (« Cordialement »): the sender writes to a file, not to a person.
_FORM_SALUTATION = re.compile(r"(?:^|\n)\s*(?:(?:cher|chere|chers|cheres)\s+(?:client|cliente|clients|clientes|membre"
                              r"|membres|adherent|adherente|adherents|abonne|abonnee|abonnes|usager|usagers|utilisateur"
                              r"|utilisateurs)\b|madame,?\s+monsieur|dear\s+(?:member|members|customer|customers|client"
                              r"|clients|user|users|subscriber|subscribers|sir|madam|valued)\b)")
_FORM_SIGNATURE = re.compile(r"(?:^|\n)\s*(?:cordialement,?\s*)?(?:la direction|the management|la gerance"
                             r"|le service client|le service clientele|customer services?|the team)\s*\.?\s*(?:$|\n)")
_LETTER_CLOSING = re.compile(r"(?:^|\n)\s*(?:cordialement|bien cordialement|sinceres salutations|kind regards|best regards"
                             r"|yours sincerely|yours faithfully)\b")


def _form_letter(f: Findings, p: Parsed):
    """A form letter's salutation or anonymous signature, or a letter's closing in a feed post.
    Reference: personalised salutations and a named sender (Mailchimp, « Personalization »
    and « From name best practices »: a person's name, not a department); a feed post is
    not a letter (Meta's and LinkedIn's advice to write as a person speaks)."""
    folded = folded_map(p.text).text.lower()
    for rx in (_FORM_SALUTATION, _FORM_SIGNATURE) + ((_LETTER_CLOSING,) if p.kind == "caption" else ()):
        m = rx.search(folded)
        if m:
            start, end = folded_map(p.text).span(m.start(), m.end())
            f.add("tone.form_letter", "warning", start + len(p.text[start:end]) - len(p.text[start:end].lstrip()),
                  start + len(p.text[start:end].rstrip()))
            return


def check(f: Findings, p: Parsed, lang: str, brand, thresholds: dict, stats: dict):
    """Emoji consistent with the brand's tone; one form of address (tu/vous) matching the
    brand; no word the brand avoids; no claim of being the best that the post cannot back.
    Reference: the brand brief (tone), issue 4; Code de la consommation, art. L121-2
    (misleading commercial practice) for unsupported superlatives; a form letter: ``_form_letter``."""
    text = p.text
    if not text.strip():
        return
    if p.kind != "reply":
        _form_letter(f, p)
    emojis = emoji_spans(text)
    stats["emojis"] = len(emojis)
    if brand is not None and getattr(brand, "emojis", True) is False:
        for s, e in emojis:
            f.add("tone.emoji_forbidden", "warning", s, e, "")
    else:
        words = max(count_words(text), 1)
        per100 = 100 * len(emojis) / words
        if len(emojis) >= 4 and per100 > thresholds["emoji_max_per_100_words"]:
            f.add("tone.emoji_excess", "info", count=len(emojis), words=words)
    if lang == "fr":
        urls = find_urls(text)
        tu = [m for m in _TU.finditer(text) if not _in_hashtag_or_url(text, m.start(), urls)]
        vous = [m for m in _VOUS.finditer(text) if not _in_hashtag_or_url(text, m.start(), urls)]
        vous += [m for m in _VOUS_IMPERATIVE.finditer(text) if fold(m.group(1)) not in _NOT_VERBS
                 and not (fold(m.group(1)) == "rendez" and fold(text[m.end():m.end() + 5]) == "-vous")
                 and not _in_hashtag_or_url(text, m.start(), urls)
                 and not any(v.start() <= m.start() < v.end() for v in vous)]
        vous.sort(key=lambda m: m.start())
        address = getattr(brand, "address", None) if brand is not None else None
        if address == "vous" and tu:
            for m in tu:
                f.add("tone.address_mismatch", "warning", m.start(), m.end(), expected="vous",
                      found=m.group())
        elif address == "tu" and vous:
            for m in vous:
                f.add("tone.address_mismatch", "warning", m.start(), m.end(), expected="tu",
                      found=m.group())
        elif address not in ("tu", "vous") and tu and vous:
            minority = tu if len(tu) <= len(vous) else vous
            for m in minority:
                f.add("tone.address_mixed", "warning", m.start(), m.end(), found=m.group())
    folded_claims = folded_map(text)
    for m in _SUPERLATIVE.finditer(folded_claims.text):
        start, end = folded_claims.span(m.start(), m.end())
        f.add("tone.superlative", "warning", start, end, claim=text[start:end])
    avoid = [w for w in (getattr(brand, "words_to_avoid", None) or []) if str(w).strip()] if brand is not None else []
    if avoid:
        rx = phrase_regex([str(w) for w in avoid])
        if rx:
            folded = folded_map(text)
            for m in rx.finditer(folded.text):
                start, end = folded.span(m.start(), m.end())
                f.add("tone.word_to_avoid", "warning", start, end, word=text[start:end])


def _in_hashtag_or_url(text: str, pos: int, urls) -> bool:
    if any(s <= pos < e for s, e in urls):
        return True
    m = re.search(r"#[\w]*$", text[max(0, pos - 60):pos])
    return bool(m)

