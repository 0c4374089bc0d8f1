"""Readability of a French or English text: the checks Yoast SEO runs, and more.

Definitions (docs/readability.md explains each choice and where Calame differs from Yoast
and textstat):

- **Paragraph**: a line of the text; a line without final punctuation followed by a line
  starting in lower case is a hard wrap and joins it. Headings (HTML ``<h1>``–``<h6>``,
  Markdown ``#``) are paragraphs of their own.
- **Sentence**: ends at ``.``, ``!``, ``?`` or ``…`` followed by a capital, a digit or an
  opening quote, and at every paragraph end (as Yoast does).
- **Word**: a written word between spaces, elision included ("l'entreprise" is one word of
  three syllables, as in Kandel & Moles' and Yoast's counts); numbers alone are not words.
- **Flesch**: French, Kandel & Moles (1958): 206.835 rounded to 207 − 1.015 × words/sentence
  − 73.6 × syllables/word; English: textstat's Flesch reading ease and syllable counts
  (``readability_en``).
- **Passive** (French): a form of "être" followed by a past participle (spaCy's
  morphologizer, ``VerbForm=Part``), not a compound tense of a verb conjugated with "être"
  ("il est allé") nor a pronominal verb ("elle s'est lancée"). English: a form of "be"
  followed by a word in -ed or an irregular participle (the blank English pipeline has no
  morphology).
- **Shares** are percentages of sentences (long sentences: over 20 words, Yoast's limit).

Counting runs on a regular-expression tokenizer; only the sentences that contain a form of
"être" go through spaCy (tok2vec + morphologizer), batched with ``nlp.pipe``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from core.language import readability_en
from core.language import syllables as syl
from core.language.clean import clean
from core.language.detect import detect
from core.language.text import LETTER, WORD, split_elision
from core.language.text import sentences as sentence_spans
from core.refdata import load_words

LONG_SENTENCE_WORDS = 20  # Yoast SEO's limit for French and English sentences
SUBHEADING_EVERY_WORDS = 300  # Yoast SEO: a subheading at least every 300 words
LONG_PARAGRAPH_WORDS = 150  # Yoast SEO: paragraphs over 150 words are too long
LONG_WORD_SYLLABLES = 4  # "words over 3 syllables"
SAME_START_RUN = 3  # Yoast: three or more consecutive sentences starting with one word
# Silent reading speed, words per minute: IReST (Trauzettel-Klosinski & Dietz, "Standardized
# Assessment of Reading Performance: The New International Reading Speed Texts IReST",
# Investigative Ophthalmology & Visual Science 53(9), 2012): French 195, English 228.
WORDS_PER_MINUTE = {"fr": 195, "en": 228}
# Flesch interpretation bands (Flesch 1948, table 5; the same cut-offs serve Kandel & Moles).
BANDS = ((90, "very_easy"), (80, "easy"), (70, "fairly_easy"), (60, "standard"),
         (50, "fairly_difficult"), (30, "difficult"), (float("-inf"), "very_difficult"))

_FINAL_PUNCT = re.compile(r"[.!?…:;,»”\"')\]]\s*$")
_SENTENCE_FINAL = re.compile(r"[.!?…][\"'»”’)\]]*\s*$")
_ETRE = frozenset(
    """suis es est sommes êtes sont étais était étions étiez étaient serai seras sera serons
    serez seront serais serait serions seriez seraient sois soit soyons soyez soient fus fut
    fûmes fûtes furent fût été être étant""".split()
)
_BE = frozenset("am is are was were be been being 's 're".split())
_SKIP_FR = frozenset(
    """ne n' pas plus jamais très bien déjà souvent toujours aussi tout toute désormais
    également encore rarement parfois enfin ainsi alors même peu mieux vite""".split()
)
_REFLEXIVE = frozenset("se s' me m' te t'".split())
_DETERMINERS_FR = frozenset("le la les l' un une des du de d' ce cet cette ces".split())
_DETERMINERS_EN = frozenset("the a an this that these those".split())
_INCLUSIVE = re.compile(
    r"\b[^\W\d_]+(?:[·•.](?:e|es|ne|nes|trice|trices|euse|euses|ère|ères|le|les|s)\b(?:[·•.]s\b)?"
    r"|\((?:e|es|ne|nes)\)s?|-(?:e|es)-s\b)"
    r"|\b(?:iels?|celleux|ceuxes|toustes|illes|auteurices|lecteurices)\b",
    re.I,
)


@dataclass
class Readability:
    lang: str
    detected_lang: str = "unknown"
    mixed: bool = False
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    paragraphs: int = 0
    flesch: float = 0.0
    flesch_band: str = "none"
    avg_words_per_sentence: float = 0.0
    avg_syllables_per_word: float = 0.0
    long_sentence_share: float = 0.0
    long_sentences: int = 0
    passive_share: float = 0.0
    passive_sentences: int = 0
    transition_share: float = 0.0
    transition_sentences: int = 0
    longest_paragraph_words: int = 0
    long_paragraphs: int = 0
    subheadings: int = 0
    sections_over_limit: int = 0
    same_start_runs: int = 0
    reading_time_seconds: int = 0
    lexical_variety: float = 0.0
    long_words: int = 0
    long_word_share: float = 0.0
    anglicisms: list = field(default_factory=list)
    inclusive_forms: list = field(default_factory=list)
    sentences_to_fix: list = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Sentence:
    start: int
    end: int
    words: list  # (start, end, text) of each word
    paragraph: int
    passive: bool = False


# --- Word lists ------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _transitions(lang: str) -> tuple[frozenset, int, frozenset]:
    """The phrases, the most words in one, and the tokens a phrase can start with."""
    words = load_words(f"wordlists/transition_words_{lang}.txt")
    phrases = frozenset(w.lower().replace("’", "'") for w in words)
    firsts = frozenset(split_elision(p.split()[0])[0] if lang == "fr" else p.split()[0] for p in phrases)
    return phrases, max(len(p.split()) for p in phrases), firsts


@lru_cache(maxsize=1)
def _anglicisms() -> dict[str, str]:
    out = {}
    for line in load_words("wordlists/anglicisms_fr.txt"):
        term, _, suggestion = line.partition("|")
        out[term.strip().lower()] = suggestion.strip()
    return out


@lru_cache(maxsize=1)
def _etre_verbs() -> frozenset:
    return load_words("wordlists/passive_exceptions_fr.txt")


@lru_cache(maxsize=1)
def _irregular_en() -> frozenset:
    return load_words("wordlists/participles_irregular_en.txt")


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").replace("\xad", "")


# --- Segmentation ------------------------------------------------------------------------


def _paragraphs(text: str, headings: list) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) of each paragraph of the cleaned text."""
    heading_starts = {h[0] for h in headings}
    lines = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + (len(line) - len(line.lstrip()))
            lines.append([s, s + len(stripped), stripped])
        else:
            lines.append(None)
        pos += len(line) + 1
    paras: list[tuple[int, int, bool]] = []
    prev = None
    for item in lines:
        if item is None:
            prev = None
            continue
        s, e, stripped = item
        is_heading = any(h <= s + 2 and h >= s - 8 for h in heading_starts) if heading_starts else False
        if (
            prev is not None
            and not prev[2]
            and not is_heading
            and not _SENTENCE_FINAL.search(text, max(prev[0], prev[1] - 12), prev[1])
            and stripped[:1].islower()
        ):
            paras[-1] = (prev[0], e, False)
            prev = paras[-1]
            continue
        paras.append((s, e, is_heading))
        prev = paras[-1]
    return paras


def _sentences(text: str, start: int, end: int, paragraph: int) -> list[_Sentence]:
    out = []
    for s2, e2 in sentence_spans(text, start, end):
        words = [
            (s2 + m.start(), s2 + m.end(), m.group(0))
            for m in WORD.finditer(text, s2, e2)
            if LETTER.search(m.group(0))
        ]
        words = [(ws, we, w.rstrip(".")) if not w.endswith(".") else (ws, we - 1, w.rstrip("."))
                 for ws, we, w in words]
        if words:
            out.append(_Sentence(s2, e2, words, paragraph))
    return out


def _looks_like_heading(text: str, start: int, end: int, nwords: int) -> bool:
    """Plain text has no markup: a short line without final punctuation reads as a title."""
    return 0 < nwords <= 12 and not _FINAL_PUNCT.search(text[start:end]) and text[start:start + 1].isupper()


# --- Checks --------------------------------------------------------------------------


def _has_transition(words: list[str], lang: str) -> bool:
    phrases, longest, firsts = _transitions(lang)
    tokens: list[str] = []
    for w in words:
        tokens.extend(split_elision(_norm(w)) if lang == "fr" else [_norm(w)])
    n = len(tokens)
    for i in range(n):
        if tokens[i] not in firsts:
            continue  # no phrase starts here: skip building the candidates
        for k in range(1, min(longest, n - i) + 1):
            cand = tokens[i] if k == 1 else _join(tokens[i:i + k])
            if cand in phrases:
                return True
    return False


def _join(tokens: list[str]) -> str:
    out = tokens[0]
    for t in tokens[1:]:
        out += t if out.endswith("'") else " " + t
    return out


def _passive_fr(doc) -> bool:
    toks = [t for t in doc if not t.is_space and not t.is_punct]
    exceptions = _etre_verbs()
    for i, t in enumerate(toks):
        low = t.lower_
        if low not in _ETRE:
            continue
        if i > 0 and (toks[i - 1].lower_ in _REFLEXIVE or (i > 1 and toks[i - 1].lower_ in ("pas", "ne", "n'") and toks[i - 2].lower_ in _REFLEXIVE)):
            continue
        if i > 1 and toks[i - 1].lower_ in ("nous", "vous") and toks[i - 2].lower_ == toks[i - 1].lower_:
            continue
        j = i + 1
        while j < len(toks) and j <= i + 4 and (toks[j].lower_ in _SKIP_FR or toks[j].pos_ == "ADV"):
            j += 1
        if j >= len(toks):
            continue
        u = toks[j]
        if u.lower_ == "été":
            continue  # "a été présentée": the participle after "été" decides
        if "Part" not in u.morph.get("VerbForm") or u.pos_ not in ("VERB", "ADJ", "AUX"):
            continue
        if u.morph.get("Tense") and "Past" not in u.morph.get("Tense"):
            continue
        base = re.sub(r"(e|s|es)$", "", u.lower_)
        if low != "été" and (u.lower_ in exceptions or base in exceptions):
            continue
        return True
    return False


def _passive_en(words: list[str]) -> bool:
    low = [_norm(w) for w in words]
    irregular = _irregular_en()
    for i, w in enumerate(low):
        if w not in _BE:
            continue
        j = i + 1
        while j < len(low) and j <= i + 3 and (low[j].endswith("ly") or low[j] in ("not", "also", "often", "never", "always", "just", "being")):
            j += 1
        if j < len(low) and (low[j] in irregular or (low[j].endswith("ed") and len(low[j]) > 4)):
            return True
    return False


def _lexical_variety(words: list[str], window: int = 100) -> float:
    """Mean type/token ratio over windows of 100 words (MSTTR), in %: independent of the
    text's length, unlike the plain ratio (Johnson 1944)."""
    low = [_norm(w) for w in words]
    if not low:
        return 0.0
    if len(low) < window:
        return round(100 * len(set(low)) / len(low), 1)
    ratios = [len(set(low[i:i + window])) / window for i in range(0, len(low) - window + 1, window)]
    return round(100 * sum(ratios) / len(ratios), 1)


def band(flesch: float, words: int = 1) -> str:
    if words == 0:
        return "none"
    for floor, key in BANDS:
        if flesch >= floor:
            return key
    return "very_difficult"


# --- Analysis --------------------------------------------------------------------------


def _prepare(text, lang, furniture):
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    detection = detect(text)
    if lang not in ("fr", "en"):
        lang = detection.lang if detection.lang in ("fr", "en") else "fr"
    cleaned = clean(text, furniture=furniture)
    paras = _paragraphs(cleaned.text, cleaned.headings)
    sentences: list[_Sentence] = []
    for index, (ps, pe, _heading) in enumerate(paras):
        sentences.extend(_sentences(cleaned.text, ps, pe, index))
    return text, lang, detection, cleaned, paras, sentences


def _candidates(text: str, sentences: list[_Sentence], lang: str) -> list[int]:
    if lang != "fr":
        return []
    return [i for i, s in enumerate(sentences) if any(_norm(w) in _ETRE for _, _, w in s.words)]


def _finish(text, lang, detection, cleaned, paras, sentences) -> Readability:
    r = Readability(lang=lang, detected_lang=detection.lang, mixed=detection.mixed,
                    truncated=cleaned.truncated)
    all_words = [w for s in sentences for _, _, w in s.words]
    r.words = len(all_words)
    r.sentences = len(sentences)
    r.paragraphs = len({s.paragraph for s in sentences})
    if not r.words:
        return r
    count = readability_en.syllables if lang == "en" else syl.count_fr
    counts = [count(w.lstrip("#@")) for w in all_words]
    r.syllables = sum(counts)
    wps = r.words / r.sentences
    spw = r.syllables / r.words
    flesch = readability_en.flesch(cleaned.text) if lang == "en" else 207 - 1.015 * wps - 73.6 * spw
    r.flesch = round(flesch, 1)
    r.flesch_band = band(flesch, r.words)
    r.avg_words_per_sentence = round(wps, 1)
    r.avg_syllables_per_word = round(spw, 2)
    r.long_words = sum(1 for c in counts if c >= LONG_WORD_SYLLABLES)
    r.long_word_share = round(100 * r.long_words / r.words, 1)
    r.reading_time_seconds = round(60 * r.words / WORDS_PER_MINUTE[lang])
    r.lexical_variety = _lexical_variety(all_words)

    fixes = []
    for s in sentences:
        words = [w for _, _, w in s.words]
        if len(words) > LONG_SENTENCE_WORDS:
            r.long_sentences += 1
            fixes.append({"start": s.start, "end": s.end, "reason": "long_sentence", "words": len(words)})
        if lang == "en":
            s.passive = _passive_en(words)
        if s.passive:
            r.passive_sentences += 1
            fixes.append({"start": s.start, "end": s.end, "reason": "passive"})
        if _has_transition(words, lang):
            r.transition_sentences += 1
    r.long_sentence_share = round(100 * r.long_sentences / r.sentences, 1)
    r.passive_share = round(100 * r.passive_sentences / r.sentences, 1)
    r.transition_share = round(100 * r.transition_sentences / r.sentences, 1)

    # Consecutive sentences starting with the same word (after a determiner, the next one).
    dets = _DETERMINERS_EN if lang == "en" else _DETERMINERS_FR

    def first(s: _Sentence) -> str:
        toks = []
        for _, _, w in s.words[:3]:
            toks.extend(split_elision(_norm(w)) if lang == "fr" else [_norm(w)])
        if toks and toks[0] in dets and len(toks) > 1:
            return toks[0] + " " + toks[1]
        return toks[0] if toks else ""

    run_start = 0
    for i in range(1, len(sentences) + 1):
        if i < len(sentences) and first(sentences[i]) == first(sentences[run_start]):
            continue
        if i - run_start >= SAME_START_RUN:
            r.same_start_runs += 1
            for s in sentences[run_start:i]:
                fixes.append({"start": s.start, "end": s.end, "reason": "same_start",
                              "word": first(s)})
        run_start = i

    # Paragraphs and subheadings.
    para_words: dict[int, int] = {}
    for s in sentences:
        para_words[s.paragraph] = para_words.get(s.paragraph, 0) + len(s.words)
    r.longest_paragraph_words = max(para_words.values(), default=0)
    r.long_paragraphs = sum(1 for n in para_words.values() if n > LONG_PARAGRAPH_WORDS)
    section = 0
    for index, (ps, pe, heading) in enumerate(paras):
        n = para_words.get(index, 0)
        if heading or _looks_like_heading(cleaned.text, ps, pe, n):
            r.subheadings += 1
            if section > SUBHEADING_EVERY_WORDS:
                r.sections_over_limit += 1
            section = 0
        else:
            section += n
    if section > SUBHEADING_EVERY_WORDS and r.words > SUBHEADING_EVERY_WORDS:
        r.sections_over_limit += 1

    if lang == "fr":
        r.anglicisms = _find_anglicisms(cleaned.text)
        r.inclusive_forms = sorted({m.group(0) for m in _INCLUSIVE.finditer(cleaned.text)})
    fixes.sort(key=lambda f: (f["start"], f["reason"]))
    r.sentences_to_fix = fixes
    return r


def _find_anglicisms(text: str) -> list[dict]:
    """Anglicisms of ``data/wordlists/anglicisms_fr.txt`` found in ``text``; a longer term
    hides the shorter ones inside it ("social media manager" is not also "social media")."""
    table = _anglicisms()
    low = text.lower().replace("’", "'")
    taken = bytearray(len(low))
    found = []
    for term in sorted(table, key=len, reverse=True):
        if term not in low:
            continue  # a substring test is cheap; the regex below tries every position
        n = 0
        for m in re.finditer(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", low):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            n += 1
        if n:
            found.append({"term": term, "count": n, "suggestion": table[term]})
    found.sort(key=lambda d: (-d["count"], d["term"]))
    return found


def _morph_jobs(prepared: list) -> list[tuple[str, list]]:
    """What the morphologizer reads: for each text with candidate sentences, those
    sentences joined into one string, and where each one sits in it."""
    jobs = []
    for text, lang, _det, cleaned, _paras, sentences in prepared:
        picked = _candidates(cleaned.text, sentences, lang)
        if not picked:
            continue
        parts, spans, pos = [], [], 0
        for i in picked:
            piece = cleaned.text[sentences[i].start:sentences[i].end].replace("\n", " ")
            parts.append(piece)
            spans.append((sentences[i], pos, pos + len(piece)))
            pos += len(piece) + 2
        jobs.append(("\n\n".join(parts), spans))
    return jobs


def _mark_passives(prepared: list) -> None:
    """Run the morphologizer on the candidate sentences of every text: one spaCy doc per
    text (its candidate sentences joined), all texts in one ``nlp.pipe`` batch."""
    jobs = _morph_jobs(prepared)
    if not jobs:
        return
    from core.language import nlp as core_nlp

    nlp = core_nlp.get_nlp("fr")
    disable = core_nlp.disabled_for(nlp, "morph")
    docs = [nlp(jobs[0][0], disable=disable)] if len(jobs) == 1 else nlp.pipe((j[0] for j in jobs), disable=disable, batch_size=32)
    for (_, spans), doc in zip(jobs, docs):
        for sentence, start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                sentence.passive = _passive_fr(span)


def analyse(text: str, lang: str | None = None, *, furniture: bool = True) -> Readability:
    """Readability of ``text`` (``lang`` None: detected). Never raises on a string."""
    return analyse_many([text], lang, furniture=furniture)[0]


def analyse_many(texts, lang: str | None = None, *, furniture: bool = True) -> list[Readability]:
    """Readability of each text, with one batched spaCy pass over all of them."""
    prepared = [_prepare(t, lang, furniture) for t in texts]
    _mark_passives(prepared)
    return [_finish(*p) for p in prepared]


def render(r: Readability, ui: str, text: str = "") -> str:
    """A readable report of ``r`` in the UI language (the CLI's text output)."""
    from core.i18n import t

    lines = [
        t("rd.summary", ui, formula=t(f"rd.formula.{r.lang}", ui), flesch=r.flesch,
          band=t(f"rd.band.{r.flesch_band}", ui), words=r.words, sentences=r.sentences,
          syllables=r.syllables, wps=r.avg_words_per_sentence, spw=r.avg_syllables_per_word),
        t("rd.checks", ui, long=r.long_sentence_share, passive=r.passive_share,
          transition=r.transition_share, para=r.longest_paragraph_words,
          minutes=r.reading_time_seconds // 60, seconds=r.reading_time_seconds % 60),
    ]
    if r.anglicisms:
        lines.append(t("rd.anglicisms", ui, items=", ".join(f"{a['term']} → {a['suggestion']}" for a in r.anglicisms)))
    if r.inclusive_forms:
        lines.append(t("rd.inclusive", ui, items=", ".join(r.inclusive_forms)))
    for fix in r.sentences_to_fix:
        lines.append(t("rd.to_fix", ui, start=fix["start"], end=fix["end"], reason=t(f"rd.reason.{fix['reason']}", ui)))
        if text:
            lines.append("    « " + " ".join(text[fix["start"]:fix["end"]].split())[:160] + " »")
    return "\n".join(lines)
