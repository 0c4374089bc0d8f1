"""Keyword extraction from a brand's texts: French through the tagger and the ranking,
English through YAKE (``english.py``: there is no English tagger here)."""

from __future__ import annotations

from dataclasses import dataclass

from core.language import nlp as core_nlp
from core.language.clean import clean
from core.language.detect import resolve
from core.language.keywords.english import keywords as english_keywords
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
    """Cleaned text for extraction: markup gone, soft hyphens and typographic quotes folded."""
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
    return [_prep(t) if isinstance(t, str) else "" for t in (texts or [])]


def extract(texts, lang: str | None = None, top: int = 20) -> Extraction:
    """The ``top`` keywords of ``texts`` taken together (a list of strings, or one string)."""
    prepared = _inputs(texts)
    lang = resolve("\n".join(p[:_DETECT_CHARS] for p in prepared), lang)
    if not any(p.strip() for p in prepared):
        return Extraction(lang=lang, keywords=[])
    return Extraction(lang=lang, keywords=_extract(prepared, lang, top))


def extract_each(texts, lang: str | None = None, top: int = 20) -> list[Extraction]:
    """One extraction per text (``--per-file``); the pipeline is loaded once for all."""
    out = []
    for p in _inputs(texts):
        this_lang = resolve(p[:_DETECT_CHARS], lang) if p.strip() else (lang or "fr")
        out.append(Extraction(lang=this_lang, keywords=_extract([p], this_lang, top) if p.strip() else []))
    return out


def _extract(prepared: list[str], lang: str, top: int) -> list[Keyword]:
    if lang == "en":
        return english_keywords(prepared, top)
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
    return rank(cands, stats, sent_offset, top)
