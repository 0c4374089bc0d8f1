"""Coherence: what a post says fits who publishes it, for what, and may be published at all.

A call to action in the words of the brand's trade (no shop wording for a charity, a B2B
firm or a theatre), a contest that names its prize and its end, a subject that is one of the
brand's offers or pillars, no internal pillar name, no claim the law forbids (health,
alcohol, discrimination, a subject line posing as a transaction), clickbait, and for a reply
to a customer: heard, not blamed. Rules that need the brand's context stay silent without it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core import families
from core.refdata import load, load_words
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.keywords import stem
from core.scoring.words import content_words, fold, folded_map, hashtags, phrase_regex

# A contest, a giveaway: the words that make a post one.
_CONTEST = re.compile(r"(?<![\w])(?:concours|jeu[- ]concours|giveaway|tirage au sort|a gagner|tente ta chance"
                      r"|tentez votre chance|contest|competition|prize draw|to win|enter to win)(?![\w])")
# What names a prize: "à gagner : un soin", "gagnez deux places", "(valeur 95 €)", "win a £50 voucher".
_PRIZE = re.compile(r"(?:a gagner\s*:?\s*|gagnez\s+|gagner\s+|remportez?\s+|remporter\s+|to win\s*:?\s*|win\s+)"
                    r"(?:un|une|des|deux|trois|quatre|cinq|dix|\d+|a|an|one|two|three|the|votre|ton|ta|your)\s+"
                    r"(?!chances?\b|gagnante?s?\b|winners?\b|heureuse?\b)[^\W\d_]{3,}"
                    r"|valeur\s*(?:de\s*)?:?\s*\d|worth\s*[£$€]?\s*\d|\bprize\s*:|\blots?\s*:")
# An end date: "avant dimanche 14 décembre", "jusqu'au 20", "ends 31 May", "closes on Friday".
_MONTHS = (r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january"
           r"|february|march|april|may|june|july|august|september|october|november|december")
_END = re.compile(r"(?:avant|jusqu['’]?au|jusqu['’]?a|fin|termine|cloture|clos|until|ends?|closes?|before|by)\b"
                  r".{0,25}?(?:\d{1,2}|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday"
                  r"|wednesday|thursday|friday|saturday|sunday|minuit|midnight)"
                  r"|\d{1,2}(?:er)?\s+(?:" + _MONTHS + r")")
_RECRUITING = re.compile(r"(?<![\w])(?:recrut\w*|on cherche|nous cherchons|recherchons|embauch\w*|hiring|we're hiring"
                         r"|job|poste|cdi|cdd|candidat\w*|apply|vacancy)(?![\w])")
_LABEL_AT_LINE_START = r"(?:^|\n)\s*{name}\s*[\u00a0\u202f ]?:"


@lru_cache(maxsize=None)
def _lists(name: str) -> dict[str, list[re.Pattern]]:
    """``data/wordlists/<name>``: kind -> patterns ("kind: phrase"; "~" starts a regular expression)."""
    kinds: dict[str, list[str]] = {}
    patterns: dict[str, list[re.Pattern]] = {}
    for line in load_words(f"wordlists/{name}"):
        kind, _, phrase = line.partition(":")
        phrase = phrase.strip()
        if phrase.startswith("~"):
            patterns.setdefault(kind.strip(), []).append(re.compile(r"(?<![\w])(?:" + phrase[1:] + r")(?![\w])"))
        elif phrase:
            kinds.setdefault(kind.strip(), []).append(phrase)
    for kind, phrases in kinds.items():
        rx = phrase_regex(phrases)
        if rx is not None:
            patterns.setdefault(kind, []).append(rx)
    return patterns


def _find(folded: str, name: str, kind: str) -> list[re.Match]:
    return sorted((m for rx in _lists(name).get(kind, []) for m in rx.finditer(folded)), key=lambda m: m.start())


def family_of(sector: str | None) -> str | None:
    """The sector family of a sector key or of a free-text sector (``core.families``)."""
    return families.family_of(sector)


@lru_cache(maxsize=2)
def _retail_wording(lang: str) -> re.Pattern | None:
    phrases = set(load_words(f"wordlists/scoring_retail_wording_{lang}.txt"))
    phrases.update(load("templates/families.toml")["retail_only"].get(lang, []))
    return phrase_regex(sorted(phrases))


# What a restaurant may say that a shop says too: it takes orders.
_FAMILY_ALLOWS = {"food": {"commandez", "commande en ligne", "commandez maintenant"}}
_SELLING_FAMILIES = {"retail", "beauty"}


def _brand_terms(brand, keywords) -> tuple[list[str], list[str]]:
    """(what the brand talks about: offers, pillars and keywords; its pillar names)."""
    offers = [str(o) for o in (getattr(brand, "offers", None) or [])] if brand is not None else []
    pillars = [str(p) for p in (getattr(brand, "pillars", None) or [])] if brand is not None else []
    return offers + pillars + [str(k) for k in keywords or ()], pillars


def check(f: Findings, p: Parsed, lang: str, brand, objective: str | None, sector: str | None,
          keywords, cta_kinds: set[str], comment: str = ""):
    """The post fits its brand, its objective and the law. Reference: each finding's code
    in docs/scoring.md; data/templates/families.toml (sector families, shop-only phrases),
    data/wordlists/scoring_claims_*.txt (health: Règlement (CE) 1924/2006; alcohol: Code de
    la santé publique L3322-9 and L3323-4; discrimination: Code du travail L1132-1; deceptive
    subject: Code de la consommation L121-2), scoring_reply_*.txt (the HEARD model of service
    recovery), contests: Code de la consommation L121-20 and Meta's promotion guidelines."""
    text = p.text
    if not text.strip():
        return
    lang = "en" if lang == "en" else "fr"
    mapped = folded_map(text)
    folded = mapped.text

    def add(code, severity, m=None, **params):
        start, end = mapped.span(m.start(), m.end()) if m is not None else (0, 0)
        f.add(code, severity, start, end, **params)

    claims = f"scoring_claims_{lang}.txt"
    for kind, code in (("health", "coherence.health_claim"), ("alcohol", "coherence.alcohol_incitement"),
                       ("clickbait", "coherence.clickbait")):
        for m in _find(folded, claims, kind):
            add(code, "error" if kind != "clickbait" else "warning", m, claim=text[slice(*mapped.span(m.start(), m.end()))])
    if str(objective or "").lower() == "recrutement" or _RECRUITING.search(folded):
        for m in _find(folded, claims, "discrimination"):
            add("coherence.discrimination", "error", m, claim=text[slice(*mapped.span(m.start(), m.end()))])
    if p.kind == "email" and p.title:
        subject = fold(text[p.title[0]:p.title[1]])
        if re.match(r"\s*(?:re|tr|fwd?|fw)\s*:", subject) or any(rx.search(subject) for rx in
                                                                  _lists(claims).get("deceptive", [])):
            f.add("coherence.deceptive_subject", "error", p.title[0], p.title[1])
    if p.kind == "reply":
        _reply(f, folded, mapped, text, lang, comment)
        return
    family = family_of(sector) or family_of(getattr(brand, "sector", None) if brand is not None else None)
    if family and family not in _SELLING_FAMILIES:
        rx = _retail_wording(lang)
        allowed = _FAMILY_ALLOWS.get(family, set())
        for m in (rx.finditer(folded) if rx else ()):
            if m.group() not in allowed:
                add("coherence.retail_wording", "warning", m, phrase=text[slice(*mapped.span(m.start(), m.end()))])
    if str(objective or "").lower() in ("recrutement", "e_reputation") and cta_kinds == {"buy"}:
        f.add("coherence.cta_objective", "warning")
    if _CONTEST.search(folded):
        if not _PRIZE.search(folded):
            add("coherence.contest_no_prize", "error", _CONTEST.search(folded))
        if not _END.search(folded):
            add("coherence.contest_no_end", "warning", _CONTEST.search(folded))
    terms, pillars = _brand_terms(brand, keywords)
    if brand is not None and (getattr(brand, "offers", None) or getattr(brand, "pillars", None)):
        if not any(_mentions(folded, term, lang) for term in terms):
            f.add("coherence.off_subject", "error", brand=getattr(brand, "name", ""))
    for pillar in pillars:
        _pillar_name(f, text, folded, mapped, pillar)


def _mentions(folded: str, term: str, lang: str) -> bool:
    """Every content word of ``term`` is in the text (its first five letters, so plurals and
    genders match: "galettes des rois" is found in "notre galette des rois")."""
    words = content_words(term, lang)
    return bool(words) and all(re.search(r"(?<![\w])" + re.escape(w[:5]), folded) for w in words)


def _pillar_name(f: Findings, text: str, folded: str, mapped, pillar: str):
    """A pillar is how the plan sorts posts, not something a reader sees: as a label opening a
    line ("Coulisses du fournil : …"), a hashtag (#CoulissesDuFournil, #PilierExpertise), or
    after the word "pilier"/"pillar"."""
    name = fold(pillar).strip()
    if not name:
        return
    joined = re.sub(r"[\W_]+", "", name)
    m = re.search(_LABEL_AT_LINE_START.format(name=re.escape(name)), folded) or \
        re.search(r"(?<![\w])(?:pilier|pillar)\s*:?\s*" + re.escape(name), folded)
    if m:
        start, end = mapped.span(m.start(), m.end())
        f.add("coherence.pillar_name", "warning", start + len(text[start:end]) - len(text[start:end].lstrip()), end,
              pillar=pillar)
    for start, end, tag in hashtags(text):
        tag_folded = re.sub(r"[\W_]+", "", fold(tag))
        if tag_folded == joined or tag_folded in ("pilier" + joined, "pillar" + joined):
            f.add("coherence.pillar_name", "warning", start, end, pillar=pillar)


def _reply(f: Findings, folded: str, mapped, text: str, lang: str, comment: str = ""):
    """A public reply hears the customer: no blame nor brush-off, not the template apology,
    and a word that shows the problem was heard; when the customer's comment is given, the
    reply takes up two of its words or figures at least (« 1 h 20 », the cold pizza): service
    recovery starts by saying back what went wrong (C. Hart, J. Heskett, W. E. Sasser, « The
    Profitable Art of Service Recovery », Harvard Business Review, July 1990; the « Hear » of
    the HEARD model), and a reply that names none of it is the same for every complaint."""
    name = f"scoring_reply_{lang}.txt"
    for kind, code in (("blame", "coherence.reply_blame"), ("dismiss", "coherence.reply_blame"),
                       ("template", "coherence.reply_template")):
        for m in _find(folded, name, kind):
            start, end = mapped.span(m.start(), m.end())
            f.add(code, "error" if code == "coherence.reply_blame" else "warning", start, end,
                  phrase=text[start:end])
    if not _find(folded, name, "empathy"):
        f.add("coherence.reply_no_empathy", "warning")
    if comment.strip():
        heard = {stem(w) for w in content_words(comment, lang) if len(w) >= 4 or w.isdigit()}
        said = {stem(w) for w in content_words(text, lang) if len(w) >= 4 or w.isdigit()}
        if len(heard & said) < min(2, len(heard)):
            f.add("coherence.reply_generic", "warning")
