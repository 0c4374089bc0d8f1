"""Sense: the faults a CM sees on reading a draft that every other rule passes.

A link announced and not there, « lien en bio » where there is no bio to send to, a call
to answer in the comments with nothing asked, several calls to action pulling apart, an
offer defined by its own name (« le brunch du samedi : un brunch servi le samedi »), a
noun made its own complement (« une démo de la démo »), a fact of one offer glued to
another (« le soin hydratant : des colorations végétales »), a teaser that announces
nothing, a promotion without the price the brief gives. Each is a pattern a professional
names, never a sentence of a review set; the phrases are in data/scoring_sense.toml with
their reasons, and docs/scoring.md ("Sense") says why each weighs what it weighs. Rules on
offers need the brief's offers and stay silent without them.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from core import families
from core.planning.drafts import offer_actions
from core.refdata import load
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.cta import cta_table
from core.scoring.words import content_words, fold, folded_map, link_spans, phrase_regex, sentence_spans

# Networks whose post carries its own destination link outside the text: a pin's link is
# the pin (Pinterest Business Help), so "lien ci-dessous" there points at a real link.
_OWN_LINK_NETWORKS = frozenset({"pinterest"})
# Idioms where a noun is its own complement on purpose.
_IDIOMS = frozenset({"creme", "fin", "meilleur", "meilleure", "roi", "reine", "star", "best", "jour", "fois", "mot"})
_SELF_COMPLEMENT = re.compile(r"(?<![\w])(?:une?|le|la|l'|les|des|votre|notre|vos|nos|ta|ton|tes|sa|son|ses|a|an|the|your|our)"
                              r"\s+([^\W\d_]{3,})\s+(?:de\s+la|de\s+l'|du|des|de|d'|of\s+the|of)\s*"
                              r"(?:(?:la|le|l'|les|votre|notre|vos|nos|ta|ton|tes|the|your|our)\s*)?\1s?(?![\w])")
# A price, a percentage or a date: what makes a promotion an offer.
_OFFER_DETAIL = re.compile(r"\d\s*(?:[€$£%]|eur\b|euros?\b|dollars?\b)|[€$£]\s*\d|\d\s*(?:er)?\s+(?:janvier|fevrier|mars|avril"
                           r"|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april"
                           r"|may|june|july|august|september|october|november|december)|\d{1,2}/\d{1,2}")
# French subject inversion in a question: « À qui s'adresse les entretiens ? ». A verb in the
# third person singular (not an infinitive) before a plural determiner, after a question word.
_INVERTED = re.compile(r"(?<![\w])(?:a qui|pour qui|ou|comment|pourquoi|quand|que|qu'|a quoi)\s+(?:se\s+|s')?"
                       r"([^\W\d_]{3,}(?<!re)(?<!er)(?<!ir)(?<!n)(?:e|t))\s+(les|des|nos|vos|ces|leurs|mes|tes|ses)\s+"
                       r"([^\W\d_]+s)(?![\w])")
_GLUE = re.compile(r"\s*[:\u00a0\u202f]\s*:?\s*|,\s*c'est\s+")
# A gap left for the writer: a bracket opening on what is to be written (Calame's own
# « [À compléter : …] », "[To write: …]", « [insérer le prix] », "[TBD]"), a template field
# ("{{prénom}}"), dummy text ("lorem ipsum") or the press's "TK" and "XXX" marks for copy to come.
_PLACEHOLDER = re.compile(
    r"\[\s*(?:a\s+completer|a\s+ecrire|a\s+remplir|a\s+rediger|a\s+inserer|a\s+definir|a\s+preciser|a\s+confirmer"
    r"|inserer|ajouter|to\s+write|to\s+complete|to\s+be\s+completed|to\s+fill|to\s+confirm|insert|add|todo|tbd|tbc"
    r"|tk|x{2,}|placeholder)(?![\w])[^\]\n]*\]?"
    r"|\{\{[^{}\n]{1,40}\}\}|(?<![\w])lorem\s+ipsum(?![\w])|(?<![\w])x{3,}(?![\w])")
# A call whose object is a bare generic noun: « Découvrez l'offre sur notre site », "see our
# offers here" (what offer?). The noun is followed by a place or the sentence's end, not by
# what names it (« l'offre Duo à 49 € », « nos offres de stage »).
_CALL_NO_OBJECT = re.compile(
    r"(?<![\w])(?:decouvr\w*|profit\w*|voir|voyez|vois|consult\w*|retrouv\w*|toutes"
    r"|discover|check\s+out|see|explore|find)\s+"
    r"(?:l'offre|l'offre\s+du\s+moment|notre\s+offre|nos\s+offres|les\s+offres|cette\s+offre|nos\s+nouveautes|la\s+nouveaute"
    r"|the\s+offer|our\s+offers?|the\s+offers|this\s+offer|our\s+new\s+arrivals)"
    r"(?:\s+(?:sont|est|are|is))?"
    r"(?=\s*(?:$|[.,;:!?)\n]|(?:sur|ici|en\s+ligne|en\s+bio|dans|via|au|a\s+la|par|on|here|at|in|via|online|below|ci-dessous)(?![\w])))")


@lru_cache(maxsize=1)
def table() -> dict:
    return load("scoring_sense.toml")


@lru_cache(maxsize=None)
def _rx(section: str, lang: str) -> re.Pattern | None:
    return phrase_regex(table()[section].get(lang, []))


@lru_cache(maxsize=None)
def _rx_key(section: str, key: str) -> re.Pattern | None:
    return phrase_regex(table()[section].get(key, []))


def check(f: Findings, p: Parsed, rules, lang: str, brand, fmt: str | None):
    """The draft says what it announces and means what it says. Reference: each list's
    source in data/scoring_sense.toml; links: data/network_rules.toml (links_clickable);
    calls to action: data/wordlists/scoring_cta_*.txt; a price for an offer on sale: Code de
    la consommation L112-1; inverted agreement: Grevisse, Le Bon Usage § 927 (the verb agrees
    with its subject, wherever it stands); a gap left in the text: the press's "TK" (to come)
    and "XXX" marks, which a copy desk never lets through (The Chicago Manual of Style, 17th
    ed., 2.94 on marking missing material), and Calame's own « [À compléter : …] » rubric gap
    (data/i18n/brief.toml, drafts.rubric_note: to be written before the post goes to the
    client); a call without its object: a call to action says what it leads to (W3C, WCAG
    2.2, 2.4.4 "Link Purpose (In Context)"; Nielsen Norman Group, "Better Link Labels: 4Ss
    for Encouraging Clicks", 2019: specific, not "see the offer")."""
    text = p.text
    if not text.strip() or p.kind == "reply":
        return
    lang = "en" if lang == "en" else "fr"
    mapped = folded_map(text)
    folded = mapped.text
    links = link_spans(text)
    network = rules.key if rules is not None else None

    def add(code, severity, start, end, **params):
        s, e = mapped.span(start, end)
        f.add(code, severity, s, e, **params)

    # A link announced where links work, and none in the text.
    if rules is not None and rules.links_clickable and network not in _OWN_LINK_NETWORKS and not links:
        rx = _rx("link_announced", lang)
        m = rx.search(folded) if rx else None
        if m:
            add("coherence.link_missing", "warning", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
        rx = _rx("bio_link", lang)
        m = rx.search(folded) if rx else None
        if m:
            add("coherence.bio_link_no_bio", "warning", m.start(), m.end(), network=rules.label)
    sentences = sentence_spans(folded)
    # A call to answer in the comments, and nothing asked.
    if "?" not in text:
        rx = _rx("comment_ask", lang)
        obj = _rx_key("comment_ask", lang + "_object")
        for s, e in sentences:
            m = rx.search(folded, s, e) if rx else None
            if m and not (obj and obj.search(folded[s:e])) and not re.search(r"lien\s+en\s+commentaire", folded[s:e]):
                add("coherence.comment_no_question", "warning", s + len(folded[s:e]) - len(folded[s:e].lstrip()), e)
                break
    # Several calls to action of different kinds, each in its own sentence.
    kinds_at: dict[int, set] = {}
    starts = [st for st, _ in sentences]
    for kind, rx in cta_table(lang).items():
        if rx is None or kind == "link_in_bio":
            continue
        for m in rx.finditer(folded):
            index = bisect.bisect_right(starts, m.start()) - 1
            if index >= 0 and m.start() < sentences[index][1]:
                kinds_at.setdefault(index, set()).add(kind)
    kinds_by_sentence = []
    for index in sorted(kinds_at):
        s, e = sentences[index]
        kinds = kinds_at[index]
        if "?" in folded[s:e]:
            kinds.discard("comment")  # a question is the post's subject, not one more request
        if kinds:
            kinds_by_sentence.append((s, e, kinds))
    if len(kinds_by_sentence) >= 3 and len(set.union(*(k for _, _, k in kinds_by_sentence))) >= 2:
        s, e, _ = kinds_by_sentence[1]
        add("coherence.cta_many", "info", s + len(folded[s:e]) - len(folded[s:e].lstrip()), e,
            count=len(kinds_by_sentence))
    # A noun made its own complement: « une démo de la démo personnalisée ».
    for m in _SELF_COMPLEMENT.finditer(folded):
        if m.group(1) not in _IDIOMS:
            add("coherence.self_complement", "error", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
            break
    # A teaser that announces nothing.
    rx = _rx("teaser", lang)
    m = rx.search(folded) if rx else None
    if m:
        add("coherence.empty_teaser", "warning", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
    rx = _rx("engagement_bait", lang)
    m = rx.search(folded) if rx else None
    if m:
        add("coherence.engagement_bait", "warning", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
    rx = _rx("production_note", lang)
    m = rx.search(folded) if rx else None
    if m:
        add("coherence.production_note", "error", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
    # An unfinished post: a gap left for the writer is not something a client can approve.
    m = _PLACEHOLDER.search(folded)
    if m:
        add("coherence.placeholder", "error", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
    m = _CALL_NO_OBJECT.search(folded)
    if m:
        add("coherence.cta_no_object", "warning", m.start(), m.end(), phrase=text[slice(*mapped.span(*m.span()))])
    if lang == "fr":
        for m in _INVERTED.finditer(folded):
            add("grammar.inverted_agreement", "error", m.start(1), m.end(3),
                phrase=text[slice(*mapped.span(m.start(1), m.end(3)))])
    offers = list(getattr(brand, "offer_items", None) or []) if brand is not None else []
    if offers:
        _offers(f, text, folded, mapped, sentences, offers, lang, fmt, add, getattr(brand, "facts", None) or [])
        _cta_fit(folded, sentences, offers, lang, add, families.family_of(getattr(brand, "sector", None)) or "")
        _promise(folded, offers, lang, add)
        _proof(text, mapped, folded, sentences, offers, lang, add)


def _kind(offer: dict) -> str:
    return fold(str(offer.get("kind") or "")).strip()


def _priced(offer: dict) -> bool:
    """A published price: a figure (« 25 € », « à partir de 70 € »), not « gratuit »."""
    return bool(re.search(r"[1-9]", str(offer.get("price") or "")))


def _lead(segment: str) -> int:
    """How many spaces open ``segment``."""
    return len(segment) - len(segment.lstrip())


# The planner's actions (core.planning.drafts.offer_actions) a booking call asks for.
_BOOKING = frozenset({"reservation", "rendez_vous", "inscription"})


def _cta_fit(folded, sentences, offers, lang, add, family: str = ""):
    """A call to action whose act does not fit the offer its sentence names, or the post's first
    line when it names none: buying a service or a cause, a quote for an offer with a published
    price, supporting or "liking" a product or a service, booking what the brief's offer cannot
    be booked as (a cause, a gift card, an annual closure: ``core.planning.drafts.offer_actions``,
    the same judgement the drafts are written with; a hotel's room is booked), booking
    what is an extra included in an offer, applying for a job under a product, a service or an
    event (data/scoring_sense.toml [cta_fit])."""
    fit = table()["cta_fit"]
    free = phrase_regex(fit["free"])
    # a call in a sentence of its own asks about the post's subject: the offer its first line names
    subject = _named(folded[sentences[0][0]:sentences[0][1]], offers, lang) if sentences else set()
    for n, (s, e) in enumerate(sentences):
        sentence = folded[s:e]
        named = _named(sentence, offers, lang) or (subject if n else set())
        for act in ("purchase", "quote", "support", "book", "apply"):
            rx = _rx_key_nested("cta_fit", act, lang)
            m = rx.search(sentence) if rx else None
            if m is None:
                continue
            rule = fit[act]
            unfit = set(rule.get("unfit", []))
            if named:
                if act == "book":  # what the planner lets a post about the offer ask (a room is booked)
                    wrong = [i for i in sorted(named) if not _BOOKING & offer_actions(offers[i], family)]
                else:
                    wrong = [i for i in sorted(named) if _kind(offers[i]) in unfit
                             or (rule.get("unfit_priced") and _priced(offers[i]))]
                if len(wrong) == len(named):
                    add("coherence.cta_offer_misfit", "warning", s + m.start(), s + m.end(), act=act,
                        name=offers[wrong[0]]["name"], kind=offers[wrong[0]].get("kind") or "")
                    return
            elif act == "book" and free is not None:
                # What is booked is an extra one of the offers includes (a proof of it, free).
                after = sentence[m.end():]
                obj = [w for w in content_words(after, lang) if len(w) >= 4][:3]
                for offer in offers:
                    extras = [fold(x) for x in offer.get("proofs") or []]
                    if obj and free.search(after) and any(re.search(r"(?<![\w])" + re.escape(obj[0][:5]), x)
                                                          for x in extras):
                        add("coherence.cta_offer_misfit", "warning", s + m.start(), s + m.end(), act="book_extra",
                            name=offer["name"], kind=offer.get("kind") or "")
                        return


@lru_cache(maxsize=None)
def _rx_key_nested(section: str, sub: str, key: str) -> re.Pattern | None:
    return phrase_regex(table()[section][sub].get(key, []))


PROMISE_FILLER_WORDS = 4  # « du mardi, épisode du jour » around the offer's name


def _promise(folded, offers, lang, add):
    """A first line promising a tip, a story or a question, filled with an offer's name, and a
    body that gives no advice, no person's words, no question ([promise])."""
    line_end = folded.find("\n")
    line = folded if line_end < 0 else folded[:line_end]
    rest = "" if line_end < 0 else folded[line_end:]
    names = " ".join(fold(o["name"]) for o in offers)
    for kind in ("tip", "story", "question"):
        rx = _rx_key("promise", f"{kind}_{lang}")
        m = rx.search(line) if rx else None
        if m is None or re.search(r"(?<![\w])" + re.escape(m.group()) + r"(?![\w])", names):
            continue
        named = _named(line[m.end():], offers, lang)
        if not named:
            continue
        # Filled with the offer: besides its name, the line says at most a day and a label.
        own = {w for i in named for w in content_words(offers[i]["name"], lang)}
        if len([w for w in content_words(line[m.end():], lang) if w not in own]) > PROMISE_FILLER_WORDS:
            continue
        if kind == "question":
            kept = "?" in folded
        elif kind == "tip":
            advice = _rx_key("promise", f"advice_{lang}")
            kept = bool(advice and advice.search(rest)) or bool(re.search(r"\n\s*(?:\d+[.)]|[-•])\s", rest))
        else:
            kept = bool(re.search(r"[«\"“]|(?<![\w])(?:je|j'|i|i'm|i've)(?![\w])", rest))
        if not kept:
            add("coherence.promise_unkept", "warning", m.start(), len(line), promise=kind)
            return


def _proof(text, mapped, folded, sentences, offers, lang, add):
    """A claim joined by « : » to what does not support it: the offer itself (circular), a
    freebie, or one proof of an offer given as the whole offer (« du café torréfié : voilà le
    brunch ») ([proof_frame])."""
    frame = _rx("proof_frame", lang)
    free = phrase_regex(table()["cta_fit"]["free"])
    for s, e in sentences:
        sentence = folded[s:e]
        glue = _GLUE.search(sentence)
        if not glue or glue.start() == 0:
            continue
        left, right = sentence[:glue.start()], sentence[glue.end():]
        at = s + _lead(sentence)
        m = frame.search(left) if frame else None
        if m:
            opening = " ".join(right.split()[:4])
            named = _named(opening, offers, lang)
            left_words = set(content_words(left, lang))
            circular = any(set(content_words(offers[i]["name"], lang)) & left_words or i in _named(left, offers, lang)
                           for i in named)
            if circular or (free is not None and free.search(" ".join(right.split()[:5]))):
                add("coherence.proof_mismatch", "warning", at, e, claim=_original(text, mapped, at, s + glue.start()))
                return
        if re.match(r"\s*(?:voila|c'est|that's|this is)\s+(?:les?\s|la\s|l'|the\s|notre\s|nos\s|our\s)", right):
            for i in _named(right, offers, lang):
                for proof in offers[i].get("proofs") or []:
                    words = [w for w in content_words(proof, lang) if len(w) >= 4]
                    hits = [w for w in words if re.search(r"(?<![\w])" + re.escape(w[:5]), left)]
                    if len(words) >= 2 and len(hits) * 3 >= 2 * len(words):
                        add("coherence.proof_mismatch", "warning", at, e,
                            claim=_original(text, mapped, at, s + glue.start()))
                        return


def _original(text, mapped, start, end) -> str:
    """The text as written for a span of its folded form."""
    return text[slice(*mapped.span(start, end))].strip()


@lru_cache(maxsize=1024)
def _head(name: str, lang: str) -> re.Pattern | None:
    """What names an offer in a sentence: the first content word of its name (its head noun,
    « coupe » of « coupe bouclée »), folded, cut to five letters for plurals."""
    words = [w for w in content_words(name, lang) if len(w) >= 3 and not w.isdigit()]
    return re.compile(r"(?<![\w])" + re.escape(words[0][:5])) if words else None


def _named(segment: str, offers: list[dict], lang: str) -> set[int]:
    out = set()
    for i, offer in enumerate(offers):
        rx = _head(offer["name"], lang)
        if rx is not None and rx.search(segment):
            out.add(i)
    return out


def _offers(f, text, folded, mapped, sentences, offers, lang, fmt, add, brand_facts=()):
    for s, e in sentences:
        sentence = folded[s:e]
        # Quoted titles (« Congés 2027 : ce qui change ») hold colons that glue nothing.
        masked = re.sub(r"«[^»]*»|\"[^\"]*\"", lambda m: "_" * len(m.group()), sentence)
        glue = _GLUE.search(masked)
        if not glue or glue.start() == 0:
            continue
        left, right = sentence[:glue.start()], sentence[glue.end():]
        on_left, on_right = _named(left, offers, lang), _named(right, offers, lang)
        # One offer's fact glued to another: neither side names the other side's offer.
        if on_left and on_right and not (on_left & on_right):
            add("coherence.offer_mixup", "error", s + len(sentence) - len(sentence.lstrip()), e,
                first=offers[min(on_left)]["name"], second=offers[min(on_right)]["name"])
            continue
        # An offer defined by its own name: every content word of the name again in the
        # first clause of its definition.
        for i in on_left:
            words = content_words(offers[i]["name"], lang)
            clause = right.split(",")[0]
            if len(words) >= 2 and re.match(r"(?:une?|des|le|la|les)\s", clause) and \
                    all(re.search(r"(?<![\w])" + re.escape(w), clause) for w in words):
                add("coherence.self_definition", "warning", s + glue.end(), s + glue.end() + len(clause),
                    name=offers[i]["name"])
                break
        # The brand's promise or one of its differentiators glued to one offer as if it were
        # that offer's own fact (« la bûche de Noël : des farines moulues sur pierre »).
        if (on_left or on_right) and not (on_left and on_right):
            side = right if on_left else left
            offer = offers[min(on_left or on_right)]
            own = fold(" ".join([offer.get("description") or ""] + list(offer.get("proofs") or [])))
            for fact in brand_facts:
                words = [w for w in content_words(fact, lang) if len(w) >= 4]
                hits = [w for w in words if re.search(r"(?<![\w])" + re.escape(w[:5]), side)]
                if len(words) >= 2 and len(hits) >= max(2, (2 * len(words) + 2) // 3) and \
                        not all(re.search(r"(?<![\w])" + re.escape(w[:5]), own) for w in hits):
                    add("coherence.brand_fact_glued", "warning", s + len(sentence) - len(sentence.lstrip()), e,
                        name=offer["name"])
                    break
    # An offer named and nothing said about it: none of the words of its description or its
    # proofs, no figure (a post that names a product and asks to share it).
    named = _named(folded, offers, lang)
    if named and not re.search(r"\d", folded):
        said = " ".join(str(x) for i in named for x in [offers[i].get("description") or ""]
                        + list(offers[i].get("proofs") or []))
        names = {w for i in named for w in content_words(offers[i]["name"], lang)}
        words = {w for w in content_words(said, lang) if len(w) >= 5 and w not in names}
        if words and not any(re.search(r"(?<![\w])" + re.escape(w[:5]), folded) for w in words):
            f.add("coherence.offer_no_detail", "warning", 0, 0, name=offers[min(named)]["name"])
    # A promotion without the price the brief gives.
    promo_rx = _rx("promotion", lang)
    is_promo = (fmt or "").strip().lower() in table()["promotion"]["formats"] or bool(promo_rx and promo_rx.search(folded))
    if is_promo and not _OFFER_DETAIL.search(folded):
        priced = [offers[i] for i in sorted(named) if str(offers[i].get("price") or "").strip()]
        if priced:
            f.add("coherence.promo_no_price", "warning", 0, 0, name=priced[0]["name"], price=priced[0]["price"])
