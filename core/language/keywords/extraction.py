"""Keyword extraction from a brand's texts: French through the tagger and the ranking,
English through YAKE (``english.py``: there is no English tagger here)."""

from __future__ import annotations

from dataclasses import dataclass

from core.language import nlp as core_nlp
from core.language.clean import clean, looks_like_html
from core.language.detect import resolve
from core.language.keywords.english import keywords as english_keywords
from core.language.keywords.filters import worth_saving
from core.language.keywords.furniture import main_text, strip_furniture
from core.language.keywords.ranking import Keyword, Stats, collect, rank
from core.language.keywords.tagger import TaggedDoc
from core.language.keywords.wordlists import stopwords
from core.language.lexicon import lexicon

_DETECT_CHARS = 20000


@dataclass
class Extraction:
    lang: str
    keywords: list[Keyword]

    def to_dict(self) -> dict:
        return {"lang": self.lang, "keywords": [k.to_dict() for k in self.keywords]}


def _prep(text: str) -> str:
    """Cleaned text for extraction: an HTML page's content blocks only, markup gone, soft
    hyphens and typographic quotes folded."""
    if looks_like_html(text):
        text = main_text(text)
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
    return strip_furniture([_prep(t) if isinstance(t, str) else "" for t in (texts or [])])


def extract(texts, lang: str | None = None, top: int = 20, brand: str | None = None) -> Extraction:
    """The ``top`` keywords of ``texts`` taken together (a list of strings, or one string);
    ``brand``: the brand's name, never proposed as a keyword."""
    prepared = _inputs(texts)
    lang = resolve("\n".join(p[:_DETECT_CHARS] for p in prepared), lang)
    if not any(p.strip() for p in prepared):
        return Extraction(lang=lang, keywords=[])
    return Extraction(lang=lang, keywords=_extract(prepared, lang, top, brand))


def extract_each(texts, lang: str | None = None, top: int = 20, brand: str | None = None) -> list[Extraction]:
    """One extraction per text (``--per-file``); the pipeline is loaded once for all, and
    lines repeated across the texts (a site's menu and footer) are furniture."""
    out = []
    for p in _inputs(texts):
        this_lang = resolve(p[:_DETECT_CHARS], lang) if p.strip() else (lang or "fr")
        out.append(Extraction(lang=this_lang, keywords=_extract([p], this_lang, top, brand) if p.strip() else []))
    return out


def _extract(prepared: list[str], lang: str, top: int, brand: str | None = None) -> list[Keyword]:
    # More candidates than asked, so that the filters leave ``top``.
    pool = 2 * top + 10
    if lang == "en":
        return worth_saving(english_keywords(prepared, top), prepared, brand, people=False)
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
    return worth_saving(rank(cands, stats, sent_offset, pool), prepared, brand)[:top]
