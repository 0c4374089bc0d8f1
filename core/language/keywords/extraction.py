"""Keyword extraction from a brand's texts: French through the tagger and the ranking,
English through YAKE (``english.py``: there is no English tagger here)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core.language import nlp as core_nlp
from core.language.clean import clean, looks_like_html
from core.language.detect import resolve
from core.language.keywords.context import BrandContext, as_context
from core.language.keywords.english import keywords as english_keywords
from core.language.keywords.filters import worth_saving
from core.language.keywords.furniture import page_parts, strip_furniture
from core.language.keywords.ranking import WEIGHTS, Keyword, Stats, collect, rank
from core.language.keywords.tagger import TaggedDoc
from core.language.keywords.wordlists import stopwords
from core.language.lexicon import lexicon

_DETECT_CHARS = 20000
# A reviewer's signature ("Sophie M.", "Jean-Marc L.") and a titled name ("Dr Hélène
# Marchal", "Me Durand"): people, whatever the recogniser says of them.
_SIGNED = re.compile(r"\b([A-ZÉÈ][a-zéèëïç]+(?:-[A-ZÉÈ][a-zéèëïç]+)?) [A-Z]\.(?=\s|$)")
_TITLED = re.compile(r"\b(?:Dr|Pr|Me|Mme|Mlle|Docteur|Maître)\.? ([A-ZÉÈ][\w-]+(?: [A-ZÉÈ][\w-]+)?)")
# A reference to a paper: the authors in "(Haiman, Thompson, 1988)", before "(2002)" or
# "et al.": people, cited, not what the text is about.
_CITATION = re.compile(r"\(([^()]*?\b(?:19|20)\d\d[a-z]?)\)")
_CITED = re.compile(r"\b([A-ZÉÈ][\w'-]+)(?=(?: et al\.?| \((?:19|20)\d\d[a-z]?\)))")
_AUTHOR = re.compile(r"\b[A-ZÉÈ][a-zéèëïç'-]+\b")


@dataclass
class Extraction:
    lang: str
    keywords: list[Keyword]

    def to_dict(self) -> dict:
        return {"lang": self.lang, "keywords": [k.to_dict() for k in self.keywords]}


def _prep(text: str, frame: set) -> str:
    """Cleaned text for extraction: an HTML page's content blocks only (its frame blocks
    added to ``frame``), markup gone, soft hyphens and typographic quotes folded."""
    if looks_like_html(text):
        text, found = page_parts(text)
        frame.update(found)
    text = clean(text).text.replace("\xad", "").replace("’", "'")
    # A paragraph repeated right after itself (a page title above its own heading, a
    # menu printed twice) is furniture: keep it once, so it does not double its words.
    out, prev = [], None
    for line in text.split("\n"):
        norm = " ".join(line.split())
        if norm and norm == prev:
            continue
        if norm:
            prev = norm
        out.append(line)
    return "\n".join(out)


def _inputs(texts) -> list[str]:
    if isinstance(texts, str):
        texts = [texts]
    frame: set = set()
    prepared = [_prep(t, frame) if isinstance(t, str) else "" for t in (texts or [])]
    return strip_furniture(prepared, frame)


def _mask(text: str, ctx: BrandContext | None, lang: str) -> str:
    """The brand's own name and the people it names out of the text, replaced by a
    pronoun: no phrase runs across it ("Patte Douce formule" gives no "Douce formule") and
    the verb after it stays a verb ("Camille aime" gives no "aime"). A reviewer signing
    "Sophie M." and a "Dr Hélène Marchal" are people whatever the brand, and so are the
    authors a scientific text cites."""
    pronoun = " it " if lang == "en" else " il "
    people = {m.group(1) for m in _SIGNED.finditer(text)}
    people.update(w for m in _TITLED.finditer(text) for w in m.group(1).split())
    people.update(m.group(1) for m in _CITED.finditer(text))
    people.update(w for m in _CITATION.finditer(text) for w in _AUTHOR.findall(m.group(1)))
    text = _TITLED.sub(pronoun, _SIGNED.sub(pronoun, text))
    if people:  # "merci Marc" after "Marc L." has signed
        text = re.sub(r"\b(?:" + "|".join(map(re.escape, sorted(people))) + r")\b", pronoun, text)
    if ctx is None:
        return text
    if ctx.name:
        text = re.sub(rf"(?<!\w){re.escape(ctx.name)}(?!\w)", pronoun, text, flags=re.I)
    for person in ctx.people:
        text = re.sub(rf"(?<!\w){re.escape(person)}(?!\w)", pronoun, text)
    return text


def extract(texts, lang: str | None = None, top: int = 20, brand=None) -> Extraction:
    """The ``top`` keywords of ``texts`` taken together (a list of strings, or one string).

    ``brand``: what is known of the brand (a ``BrandContext``, a brief dict or the brand's
    name): its name and its people are never keywords, phrases naming its offers rank
    higher, and single words make at most ``max_single`` of the list (search phrases)."""
    ctx = as_context(brand)
    prepared = _inputs(texts)
    lang = resolve("\n".join(p[:_DETECT_CHARS] for p in prepared), lang)
    if not any(p.strip() for p in prepared):
        return Extraction(lang=lang, keywords=[])
    return Extraction(lang=lang, keywords=_extract(prepared, lang, top, ctx))


def extract_each(texts, lang: str | None = None, top: int = 20, brand=None) -> list[Extraction]:
    """One extraction per text (``--per-file``); the pipeline is loaded once for all, and
    lines repeated across the texts (a site's menu and footer) are furniture."""
    ctx = as_context(brand)
    out = []
    for p in _inputs(texts):
        this_lang = resolve(p[:_DETECT_CHARS], lang) if p.strip() else (lang or "fr")
        out.append(Extraction(lang=this_lang, keywords=_extract([p], this_lang, top, ctx) if p.strip() else []))
    return out


def _extract(prepared: list[str], lang: str, top: int, ctx: BrandContext | None = None) -> list[Keyword]:
    # More candidates than asked, so that the filters leave ``top``.
    pool = 2 * top + 10
    name = ctx.name if ctx else None
    prepared = [_mask(t, ctx, lang) for t in prepared]
    if lang == "en":
        found = worth_saving(english_keywords(prepared, pool if ctx else top), prepared, name, people=False)
        return few_single_words(found, top) if ctx else found
    tokenizer = core_nlp.get_nlp("fr").tokenizer
    stop = stopwords("fr")
    lex = lexicon()
    stats = Stats()
    cands: dict[str, dict] = {}
    sent_offset = 0
    for index, text in enumerate(prepared):
        if not text.strip():
            continue
        d = TaggedDoc(tokenizer(text), stop, lex)
        collect(d, index, stats, cands, sent_offset, lex)
        sent_offset += d.n_sents
    ranked = rank(cands, stats, sent_offset, pool, *((ctx.offer_keys, ctx.offer_words) if ctx else ()))
    if ctx:  # the single words beyond their share wait behind the phrases: all are read
        return few_single_words(worth_saving(ranked, prepared, name), top)
    return worth_saving(ranked, prepared, name, top=top)


def few_single_words(found: list[Keyword], top: int) -> list[Keyword]:
    """The ``top`` best of ``found`` with at most ``max_single`` of them single words: a
    search phrase says what a page offers better than its head noun alone ("robe en lin",
    not "robe"); the single words beyond the share come after the phrases, when
    there are not enough phrases to fill ``top``."""
    room = math.floor(WEIGHTS["max_single"] * top + 1e-9)
    kept, later = [], []
    for k in found:
        if k.words == 1 and len(k.phrase.split()) == 1:
            if room <= 0:
                later.append(k)
                continue
            room -= 1
        kept.append(k)
    return (kept + later)[:top]
