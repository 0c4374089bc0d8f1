"""Meaning: what a sentence fails to say although every word of it is right.

A name glued to a description that only says its head noun again (« La livraison à domicile :
une livraison le jeudi soir »: the reader learns that a delivery is a delivery), and an offer
whose name is a common noun (« salle Traboule 404 », « chambre Lac ») written without its
article after a verb or a preposition (« on te montre salle Traboule 404 »). French only: the
head-noun comparison reads French noun phrases (the planner's own check,
``core.planning.drafts._circular``, keeps to French for the same reason).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import fold, folded_map, sentence_spans

# A name and what is said of it: « X : … », « X, c'est … », « X — … ».
_GLUE = re.compile(r"[\s\u00a0\u202f]*:\s*|,\s*c['’]est\s+|\s+[—–]\s+")
# What stands before a noun and makes it a noun phrase: articles, possessives, demonstratives,
# the articles contracted with à and de, and numerals.
_DETERMINERS = frozenset(fold(w) for w in (
    "le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette", "ces", "mon", "ma", "mes",
    "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "chaque", "quel",
    "quelle", "quels", "quelles", "tout", "toute", "tous", "toutes", "deux", "trois", "quatre", "cinq", "premier",
    "première", "nouveau", "nouvelle", "nouvelles", "nouveaux"))
# Prepositions after which French writes a noun phrase with its determiner (« avec la salle »),
# unlike « en », « de », « par », « sans » that take a bare noun (« en chambre Lac », « par salle »).
_NEEDS_ARTICLE_AFTER = frozenset(fold(w) for w in (
    "à", "a", "pour", "avec", "dans", "sur", "chez", "vers", "contre", "entre", "après", "avant", "sous", "depuis",
    "pendant", "derrière", "devant", "autour"))

# Subject and object pronouns that only ever stand before a verb.
_CLITICS = frozenset({"on", "je", "j", "tu", "il", "elle", "ils", "elles", "nous", "vous", "te", "t", "me", "m", "se",
                      "s", "lui", "leur", "y"})


def _nlp():
    from core.language.nlp import get_nlp

    return get_nlp("fr")


def _lemma(token) -> str:
    return fold(token.lemma_ or token.text).lower()


@lru_cache(maxsize=4096)
def _right_head(segment: str) -> tuple[str, str] | None:
    """(lemma, text) of the head noun of a description that opens with a determiner (« une
    livraison le jeudi soir » -> livraison), an adjective allowed between them (« un vrai
    brunch »)."""
    doc = _nlp()(segment[:120])
    toks = [t for t in doc if not t.is_space]
    if len(toks) < 2 or toks[0].pos_ != "DET" and fold(toks[0].text).lower() not in _DETERMINERS:
        return None
    for t in toks[1:3]:
        if t.pos_ in ("NOUN", "PROPN") and t.text[:1].islower():
            return _lemma(t), t.text
        if t.pos_ != "ADJ":
            return None
    return None


@lru_cache(maxsize=4096)
def _left_heads(segment: str) -> frozenset[str]:
    """The lemmas of the nouns of a short name that stand right after their determiner (« La
    livraison à domicile » -> livraison; « Un mot sur le brunch » -> mot, brunch). A noun
    followed by a proper name or a figure names one thing of its kind (« la robe Lila », « la
    veste Marius », « la salle 404 »): told by its kind (« une robe portefeuille en lin ») it is
    informed, not restated (the planner's ``_circular`` makes the same exception)."""
    doc = _nlp()(segment[-120:])
    toks = [t for t in doc if not t.is_space and not t.is_punct]
    out = set()
    for prev, t, nxt in zip(toks, toks[1:], toks[2:] + [None]):
        if nxt is not None and (nxt.text[:1].isupper() or nxt.text[:1].isdigit()):
            continue
        if t.pos_ == "NOUN" and t.text[:1].islower() and (prev.pos_ == "DET" or fold(prev.text).lower()
                                                           in _DETERMINERS):
            out.add(_lemma(t))
    return frozenset(out)


def check(f: Findings, p: Parsed, lang: str, brand):
    """A description that says its name's head noun again, and an offer's common-noun name
    without its article. Reference: a definition says what its subject is by what sets it
    apart, never by the word defined (Aristotle's genus and difference, Topics VI; « définition
    circulaire », Office québécois de la langue française, Banque de dépannage linguistique,
    « Définition »); a common noun heads a noun phrase with its determiner, a proper name
    after it (« la salle Traboule 404 ») keeping it (Grevisse, Le Bon Usage § 587 on the
    determiner a common noun takes, § 588 on the proper name in apposition)."""
    text = p.text
    if lang == "en" or not text.strip() or p.kind == "reply":
        return
    if not f.per_code.get("coherence.self_definition"):  # the brief's offer said again: said once
        _tautology(f, text)
    offers = list(getattr(brand, "offer_items", None) or []) if brand is not None else []
    if offers:
        _bare_names(f, text, offers)


def _tautology(f: Findings, text: str):
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        masked = re.sub(r"«[^»]*»|\"[^\"]*\"|https?://\S+|\d[\d\s]*[:h]\s*\d", lambda m: "_" * len(m.group()), sentence)
        glue = _GLUE.search(masked)
        if not glue or glue.start() == 0:
            continue
        left, right = sentence[:glue.start()], sentence[glue.end():]
        if len(left.split()) > 10 or not right.strip():
            continue
        # cheap pre-check before spaCy: the description's second word starts like a word of the name
        words = re.findall(r"[^\W\d_]{3,}", fold(right).lower())[:3]
        if not words or not any(re.search(r"(?<![\w])" + re.escape(w[:4]), fold(left).lower()) for w in words):
            continue
        head = _right_head(right.strip())
        if head is None or len(head[0]) < 3 or head[0] not in _left_heads(left.strip()):
            continue
        start = s + glue.end()
        f.add("coherence.tautology", "warning", start, start + len(right.rstrip()), word=head[1])
        return


@lru_cache(maxsize=1024)
def _common_noun_name(name: str) -> bool:
    """A name that opens with a lower-case common noun (« salle Traboule 404 », « chambre
    Lac », « bénévolat »), not with its article nor a capital (« La Houille »)."""
    name = name.strip()
    if not name or not name[:1].islower():
        return False
    doc = _nlp()(name)
    return len(doc) > 0 and doc[0].pos_ == "NOUN"


def _bare_names(f: Findings, text: str, offers: list[dict]):
    mapped = folded_map(text)
    folded = mapped.text.lower()
    for offer in offers:
        name = str(offer.get("name") or "")
        if not _common_noun_name(name):
            continue
        rx = re.compile(r"(?<![\w#@/.-])" + re.escape(fold(name).lower()) + r"(?![\w])")
        for m in rx.finditer(folded):
            before = folded[:m.start()]
            prev = re.search(r"([\w'’-]+)([^\w\n]*)$", before)
            if prev is None or prev.group(2).strip():  # a line's start, a label, a bullet, a quote
                continue
            word = prev.group(1).split("'")[-1].split("’")[-1]
            if not word or word in _DETERMINERS or prev.group(1).endswith(("'", "’")):
                continue
            if word not in _NEEDS_ARTICLE_AFTER and not _verb_before(text, mapped, prev.start(1), m.end()):
                continue
            start, end = mapped.span(m.start(), m.end())
            f.add("coherence.name_no_article", "warning", start, end, name=name, word=text[slice(*mapped.span(
                prev.start(1), prev.end(1)))])
            return


def _verb_before(text: str, mapped, start: int, end: int) -> bool:
    """Whether the word at ``start``, before the name that ends at ``end``, is a verb (« montre »,
    « découvrir »), read by spaCy in its line with the name after it (cut before its object,
    « on te montre » is read as a noun)."""
    s, _ = mapped.span(start, start)
    _, e = mapped.span(end, end)
    line_start = text.rfind("\n", 0, s) + 1
    doc = _nlp()(text[line_start:e])
    toks = [t for t in doc if not t.is_space]
    at = next((i for i, t in enumerate(toks) if t.idx >= s - line_start), None)
    if at is None:
        return False
    # after a clitic pronoun a word is a verb, whatever the tagger reads (« on te montre »)
    return toks[at].pos_ in ("VERB", "AUX") or at > 0 and fold(toks[at - 1].text).lower().rstrip("'’") in _CLITICS
