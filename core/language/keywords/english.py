"""English keywords with YAKE's own extractor (Campos et al., "YAKE! Keyword extraction
from single documents using multiple local features", Information Sciences 509, 2020).

English has no tagger here (``spacy.blank("en")``), so the French noun-phrase candidates
cannot be built; YAKE needs none. It gets the same cleaned text as French (``_prep``) and
Calame's English stop words; its phrases are then filtered as French candidates are (no
function word inside but "of", as French ones hold only "de"; a phrase inside a better one
is dropped, ``ranking.keywords``) and merged by lemma key ("community managers" and
"community manager" are one keyword, counted over all inputs).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache

from core.language.keywords.lemmas import WordIndex, lemma_key
from core.language.keywords.ranking import WEIGHTS, Keyword
from core.language.keywords.ranking import keywords as ranked
from core.language.keywords.wordlists import stopwords

# YAKE reads a line break as a space: a line without final punctuation (a title, a menu
# item) would run into the next sentence and make phrases across the two.
_UNPUNCTUATED_LINE_END = re.compile(r"(?<![.!?…:;,])[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)|\n")
_CANDIDATES_PER_KEYWORD = 5
# The one function word a keyword may hold inside, as French ones hold "de" ("cost of living").
_LINKS = frozenset(["of"])
_MAX_WORDS = 3  # YAKE's default n-gram length


@lru_cache(maxsize=1)
def _yake():
    import yake

    return yake


def keywords(prepared: list[str], top: int) -> list[Keyword]:
    """The ``top`` keywords of the prepared English texts taken together."""
    texts = [t for t in prepared if t.strip()]
    extractor = _yake().KeywordExtractor(lan="en", n=_MAX_WORDS, top=_CANDIDATES_PER_KEYWORD * top,
                                         stopwords=stopwords("en"))
    found = extractor.extract_keywords(_UNPUNCTUATED_LINE_END.sub(".\n", "\n\n".join(texts)))
    indexes = [WordIndex(t, "en") for t in texts]
    ends = [[m.start() for m in _SENTENCE_END.finditer(t)] for t in texts]
    offsets = [0]
    for e in ends:
        offsets.append(offsets[-1] + len(e) + 1)
    stop = stopwords("en")
    scored, seen = [], set()
    for phrase, h in found:
        key = lemma_key(phrase, "en")
        if not key or key in seen or not re.search(r"[^\W\d_]", key):
            continue
        if any(w in stop and w not in _LINKS for w in key.split()[1:-1]):
            continue
        seen.add(key)
        rec = {"surfaces": Counter(), "count": 0, "docs": set(), "sents": set(), "words": key.split()}
        for index, (text, words) in enumerate(zip(texts, indexes)):
            for start, end in words.find(phrase):
                rec["surfaces"][text[start:end]] += 1
                rec["count"] += 1
                rec["docs"].add(index)
                rec["sents"].add(offsets[index] + bisect.bisect_left(ends[index], start))
        if rec["count"]:
            scored.append((1 / (1 + float(h)), key, rec))
    return ranked(_without_cuts(scored), top)


def _without_cuts(scored: list) -> list:
    """YAKE favours long phrases in short texts and cuts across the repeated ones ("community
    manager runs", "manager runs" beside "community manager"): a phrase is dropped when a
    phrase of two words or more inside it or straddling one of its ends occurs more than
    ``inside`` times as often."""
    counts = {key: rec["count"] for _, key, rec in scored}
    ending, starting = defaultdict(list), defaultdict(list)
    for other in counts:
        w = other.split()
        for n in range(1, len(w)):
            ending[" ".join(w[-n:])].append(other)
            starting[" ".join(w[:n])].append(other)

    def cut(key: str, count: int) -> bool:
        w, limit = key.split(), WEIGHTS["inside"] * count
        inside = (" ".join(w[i:j]) for i in range(len(w)) for j in range(i + 2, len(w) + 1) if j - i < len(w))
        if any(counts.get(x, 0) > limit for x in inside):
            return True
        return any(counts[o] > limit for n in range(1, len(w))
                   for o in (*ending.get(" ".join(w[:n]), ()), *starting.get(" ".join(w[-n:]), ())))

    return [(score, key, rec) for score, key, rec in scored if not cut(key, rec["count"])]
