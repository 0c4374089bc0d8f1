"""Keyword extraction from a brand's texts, themes (content pillars) and question ideas.

Candidates are well-formed phrases read from spaCy's French part-of-speech tags (noun
phrases such as "gestion de crise", "réseaux sociaux", proper names such as "Cape
Canaveral"): they never start or end with an article or a preposition. Inflected variants
share a *lemma key* (``lemma_key``: number, case and accents folded) and count as one
keyword, shown in its most frequent surface form. Ranking combines YAKE's statistical
features (Campos et al., "YAKE! Keyword extraction from single documents using multiple
local features", Information Sciences 509, 2020: term frequency, position of first
occurrence, casing, spread over sentences, and the number of different words around a
word, which demotes generic words) computed on spaCy's tokens, with what the tagger says
(part of speech, proper names). YAKE's features are computed here rather than by calling
the yake package, so that one spaCy pass serves both and extraction stays faster than
plain YAKE alone (bench/keywords.py measures it).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.language import resolve
from core.textclean import clean

# --- Lemma keys ---------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_](?:[\w\-]*[^\W_])?'?|'")
# French function words folded to one form, so "gestion des crises" meets "gestion de crise".
_FOLD_FR = {
    "du": "de", "des": "de", "d'": "de", "de": "de",
    "le": "le", "la": "le", "les": "le", "l'": "le",
    "au": "a", "aux": "a", "à": "a", "a": "a",
}
_FOLD_EN = {"the": "", "a": "", "an": ""}
_PLURAL_EXCEPTIONS = {
    "travaux": "travail", "vitraux": "vitrail", "coraux": "corail", "baux": "bail",
    "emaux": "email", "soupiraux": "soupirail", "yeux": "oeil", "cieux": "ciel",
    "aieux": "aieul",
}
_ARTICLES_FR = frozenset("le la les l' un une des du de d' ce cet cette ces".split())


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


def word_key(word: str, lang: str = "fr") -> str:
    """One word, case, accents and number folded: "Réseaux" -> "reseau", "sociaux" -> "social"."""
    w = _strip_accents(word.lower().replace("’", "'").replace("\xad", ""))
    if lang == "en":
        if w in _FOLD_EN:
            return _FOLD_EN[w]
        if len(w) > 4 and w.endswith("ies"):
            return w[:-3] + "y"
        if len(w) > 4 and re.search(r"(?:ss|x|ch|sh)es$", w):
            return w[:-2]
        if len(w) > 3 and w.endswith("s") and not re.search(r"(?:ss|us|is)$", w):
            return w[:-1]
        return w
    if w in _FOLD_FR:
        return _FOLD_FR[w]
    if w in _PLURAL_EXCEPTIONS:
        return _PLURAL_EXCEPTIONS[w]
    if len(w) > 4 and w.endswith("eaux"):
        return w[:-1]
    if len(w) > 3 and w.endswith("aux"):
        return w[:-3] + "al"
    if len(w) > 3 and w.endswith(("eux", "oux")):
        return w[:-1]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _phrase_tokens(phrase: str) -> list[str]:
    text = phrase.replace("’", "'").replace("\xad", "")
    return [m.group(0) for m in _TOKEN.finditer(text) if m.group(0) != "'"]


def lemma_key(phrase: str, lang: str = "fr") -> str:
    """A phrase's lemma key: variants in number, case and accents share it.

    lemma_key("réseaux sociaux") == lemma_key("réseau social") == "reseau social";
    lemma_key("Community Managers") == lemma_key("community manager"). A leading article
    is dropped ("la gestion de crise" -> "gestion de crise").
    """
    if not isinstance(phrase, str):
        return ""
    toks = _phrase_tokens(phrase)
    while toks and toks[0].lower().replace("’", "'") in (_ARTICLES_FR if lang != "en" else _FOLD_EN):
        toks = toks[1:]
    keys = [word_key(t, lang) for t in toks]
    out = ""
    for k in keys:
        if not k:
            continue
        out += k if (not out or out.endswith("'")) else " " + k
    return out.replace("' ", "'")


def find_occurrences(text: str, phrase: str, lang: str = "fr") -> list[tuple[int, int]]:
    """Character spans of ``phrase`` in ``text``, up to number, case and accents
    ("réseau social" finds "Réseaux Sociaux"); elided articles do not hide a word
    ("entreprise" is found in "l'entreprise"). Offsets are into ``text`` as given."""
    if not isinstance(text, str) or not isinstance(phrase, str):
        return []
    target = [word_key(t, lang) for t in _phrase_tokens(phrase)]
    target = [t for t in target if t]
    if not target:
        return []
    cleaned = clean(text).text
    tokens = []
    for m in re.finditer(r"[^\W_](?:[\w\-\xad]*[^\W_])?(?:['’](?=\w))?", cleaned):
        k = word_key(m.group(0), lang)
        if k:
            tokens.append((m.start(), m.end(), k))
    spans = []
    n = len(target)
    i = 0
    while i + n <= len(tokens):
        if all(tokens[i + j][2] == target[j] for j in range(n)):
            spans.append((tokens[i][0], tokens[i + n - 1][1]))
            i += n
        else:
            i += 1
    return spans


# --- Extraction -----------------------------------------------------------------------------


@dataclass
class Keyword:
    phrase: str
    key: str
    score: float
    count: int
    docs: int
    variants: list[str] = field(default_factory=list)
    words: int = 1
    sentences: frozenset = field(default_factory=frozenset, repr=False)

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "score": round(self.score, 4), "count": self.count,
                "docs": self.docs, "variants": self.variants}


@dataclass
class Extraction:
    lang: str
    keywords: list[Keyword]
    words: int = 0

    def to_dict(self) -> dict:
        return {"lang": self.lang, "keywords": [k.to_dict() for k in self.keywords]}


_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "X"}
_NOUNISH = {"NOUN", "PROPN", "X"}
_LINK_FR = frozenset(["de", "d'", "du", "des", "à", "au", "aux", "en"])
_LINK_ART_FR = frozenset(["la", "l'", "le", "les"])
MAX_CONTENT_WORDS = 4


def _stopwords(lang: str) -> frozenset:
    from core.refdata import load_words

    return load_words(f"wordlists/stopwords_{lang}.txt")


def _prep(text: str) -> str:
    """Cleaned text for extraction: markup gone, soft hyphens and typographic quotes folded."""
    t = clean(text).text.replace("\xad", "").replace("’", "'")
    return t


class _Stats:
    """Per-word YAKE features over all inputs (word = word_key of a content token)."""

    def __init__(self):
        self.tf = Counter()
        self.tf_upper = Counter()  # capitalised, not at a sentence start, or an acronym
        self.sent_ids: dict[str, set] = defaultdict(set)
        self.positions: dict[str, list] = defaultdict(list)  # sentence index in its document
        self.left: dict[str, Counter] = defaultdict(Counter)
        self.right: dict[str, Counter] = defaultdict(Counter)


def _is_content(tok, stop: frozenset) -> bool:
    low = tok.lower_
    if not tok.is_alpha and not re.fullmatch(r"[^\W_][\w\-]*", tok.text):
        return False
    if low in stop or len(low) < 2 and not tok.text.isupper():
        return False
    if tok.pos_ in _CONTENT_POS:
        return True
    # Proper names and acronyms the small model mis-tags ("SpaceX/PRON", "NASA/NOUN").
    if tok.text[:1].isupper() and not tok.is_sent_start:
        return True
    if tok.pos_ in ("VERB", "ADV") and tok.morph.get("VerbForm") in ([], ["Inf"]) and not low.endswith(("er", "ir", "re", "ment")):
        return True
    return False


def _candidates_fr(doc, doc_index, stop, stats, sent_offset, cands, title_end):
    """Fill ``cands`` (key -> record) with the well-formed phrases of one document."""
    tokens = [t for t in doc if not t.is_space]
    sent_index = 0
    prev_sent = None
    flags = []
    for t in tokens:
        if t.is_sent_start and prev_sent is not None:
            sent_index += 1
        prev_sent = t
        flags.append((t, _is_content(t, stop), sent_index))
    n = len(flags)
    # word statistics
    for i, (t, content, si) in enumerate(flags):
        if not content:
            continue
        k = word_key(t.text)
        stats.tf[k] += 1
        if (t.text[:1].isupper() and i > 0 and not t.is_sent_start) or (t.text.isupper() and len(t.text) > 1):
            stats.tf_upper[k] += 1
        stats.sent_ids[k].add(sent_offset + si)
        stats.positions[k].append(si)
        if i > 0:
            stats.left[k][flags[i - 1][0].lower_] += 1
        if i + 1 < n:
            stats.right[k][flags[i + 1][0].lower_] += 1
    # phrases: runs of content words, with "de (la)" links between nouns
    for i in range(n):
        t, content, si = flags[i]
        if not content:
            continue
        words = [i]
        _emit(flags, words, doc_index, cands, sent_offset, title_end)
        j = i
        while len(words) < MAX_CONTENT_WORDS:
            nxt = j + 1
            if nxt < n and flags[nxt][1] and flags[nxt][2] == si:
                j = nxt
            elif (nxt + 1 < n and flags[nxt][0].lower_ in _LINK_FR and flags[nxt][2] == si
                  and flags[j][0].pos_ in _NOUNISH):
                k2 = nxt + 1
                if k2 < n and flags[k2][0].lower_ in _LINK_ART_FR and flags[nxt][0].lower_ in ("de", "à"):
                    k2 += 1
                if not (k2 < n and flags[k2][1] and flags[k2][0].pos_ in _NOUNISH and flags[k2][2] == si):
                    break
                j = k2
            else:
                break
            words.append(j)
            _emit(flags, words, doc_index, cands, sent_offset, title_end)


def _emit(flags, words, doc_index, cands, sent_offset, title_end):
    first, last = flags[words[0]][0], flags[words[-1]][0]
    if len(words) == 1 and first.pos_ == "ADJ" and not first.text[:1].isupper():
        return  # a lone adjective is not a keyword
    if len(words) > 1 and last.pos_ == "ADJ" and first.pos_ == "ADJ" and not first.text[:1].isupper():
        return
    span = first.doc[first.i:last.i + 1]
    surface = span.text.replace("\n", " ")
    surface = re.sub(r"\s+", " ", surface)
    key = lemma_key(surface)
    if not key:
        return
    rec = cands.get(key)
    if rec is None:
        rec = cands[key] = {
            "surfaces": Counter(), "count": 0, "docs": set(), "first": [], "words": [],
            "sents": set(), "title": 0, "upper": 0, "pos": Counter(),
        }
        rec["words"] = [word_key(flags[w][0].text) for w in words]
    rec["surfaces"][surface] += 1
    rec["count"] += 1
    rec["docs"].add(doc_index)
    rec["sents"].add(sent_offset + flags[words[0]][2])
    rec["first"].append((doc_index, flags[words[0]][2]))
    if first.idx < title_end:
        rec["title"] += 1
    if first.text[:1].isupper() and not first.is_sent_start:
        rec["upper"] += 1
    rec["pos"][flags[words[-1]][0].pos_] += 1


def _word_score(k: str, stats: _Stats, max_tf: float, mean_tf: float, std_tf: float, n_sents: int) -> float:
    """YAKE's S(w): low is important (Campos et al. 2020, eq. 1-6)."""
    tf = stats.tf[k]
    t_case = max(stats.tf_upper[k], 0) / (1 + math.log(tf))
    pos = sorted(stats.positions[k])
    median = pos[len(pos) // 2] if pos else 0
    t_pos = math.log(math.log(3 + median))
    t_freq = tf / (mean_tf + std_tf) if (mean_tf + std_tf) else 0
    left, right = stats.left[k], stats.right[k]
    wl = len(left) / max(sum(left.values()), 1)
    wr = len(right) / max(sum(right.values()), 1)
    t_rel = 1 + (wl + wr) * tf / max_tf
    t_diff = len(stats.sent_ids[k]) / max(n_sents, 1)
    return (t_rel * t_pos) / (t_case + t_freq / t_rel + t_diff / t_rel)


def _inputs(texts) -> list[str]:
    if isinstance(texts, str):
        texts = [texts]
    return [_prep(t) if isinstance(t, str) else "" for t in (texts or [])]


def extract(texts, lang: str | None = None, top: int = 20) -> Extraction:
    """The ``top`` keywords of ``texts`` taken together (a list of strings, or one string)."""
    prepared = _inputs(texts)
    lang = resolve("\n".join(p[:20000] for p in prepared), lang)
    if not any(p.strip() for p in prepared):
        return Extraction(lang=lang, keywords=[])
    if lang == "en":
        return _extract_en(prepared, top)
    from core import nlp as core_nlp

    docs = core_nlp.pipe("fr", prepared, task="tags", batch_size=32)
    return _extract_fr(list(zip(range(len(prepared)), docs)), top)


def extract_each(texts, lang: str | None = None, top: int = 20) -> list[Extraction]:
    """One extraction per text (``--per-file``), with one batched spaCy pass for all."""
    prepared = _inputs(texts)
    langs = [resolve(p[:20000], lang) if p.strip() else (lang or "fr") for p in prepared]
    results: list[Extraction | None] = [None] * len(prepared)
    fr_index = [i for i, p in enumerate(prepared) if p.strip() and langs[i] == "fr"]
    for i, p in enumerate(prepared):
        if not p.strip():
            results[i] = Extraction(lang=langs[i], keywords=[])
        elif langs[i] == "en":
            results[i] = _extract_en([p], top)
    if fr_index:
        from core import nlp as core_nlp

        docs = core_nlp.pipe("fr", (prepared[i] for i in fr_index), task="tags", batch_size=32)
        for i, doc in zip(fr_index, docs):
            results[i] = _extract_fr([(0, doc)], top)
    return results


def _extract_fr(docs, top: int) -> Extraction:
    stop = _stopwords("fr")
    stats = _Stats()
    cands: dict[str, dict] = {}
    sent_offset = 0
    n_words = 0
    n_docs = 0
    for index, doc in docs:
        n_docs += 1
        text = doc.text
        first_line = re.search(r"\S[^\n]*", text)
        title_end = first_line.end() if first_line else 0
        _sentencize(doc)
        _candidates_fr(doc, index, stop, stats, sent_offset, cands, title_end)
        sent_offset += sum(1 for t in doc if t.is_sent_start) + 1
        n_words += len(doc)
    return Extraction(lang="fr", keywords=_rank(cands, stats, sent_offset, n_docs, top), words=n_words)


def _sentencize(doc) -> None:
    """Sentence starts from punctuation and line breaks (the parser is not run)."""
    start = True
    for t in doc:
        t.is_sent_start = start
        if t.is_space and "\n" in t.text:
            start = True
        elif t.text in (".", "!", "?", "…", "...") or (t.is_punct and t.text.endswith((".", "!", "?"))):
            start = True
        elif not t.is_space:
            start = False


def _rank(cands: dict, stats: _Stats, n_sents: int, n_docs: int, top: int) -> list[Keyword]:
    if not cands:
        return []
    tfs = list(stats.tf.values())
    mean_tf = sum(tfs) / len(tfs)
    std_tf = math.sqrt(sum((x - mean_tf) ** 2 for x in tfs) / len(tfs))
    max_tf = max(tfs)
    wscore: dict[str, float] = {}
    out = []
    for key, rec in cands.items():
        ws = [wscore.setdefault(w, _word_score(w, stats, max_tf, mean_tf, std_tf, n_sents))
              for w in rec["words"] if w in stats.tf]
        if not ws:
            continue
        prod = math.prod(ws)
        yake = prod / (rec["count"] * (1 + sum(ws)))  # YAKE's S(kw): low is good
        first_sent = min(s for _, s in rec["first"])
        score = (
            math.log(1 + rec["count"])
            * (1 + 0.5 * math.log(1 + rec["title"]))
            / (1 + 0.1 * first_sent) ** 0.3
            / (1 + yake) ** 0.5
        )
        if len(rec["words"]) > 1:
            score *= 1.0
        surface = max(rec["surfaces"].items(), key=lambda kv: (kv[1], kv[0][:1].islower()))[0]
        out.append(Keyword(
            phrase=surface, key=key, score=score, count=rec["count"], docs=len(rec["docs"]),
            variants=[s for s, _ in rec["surfaces"].most_common()], words=len(rec["words"]),
            sentences=frozenset(rec["sents"]),
        ))
    out.sort(key=lambda k: (-k.score, k.key))
    return out[:top]


def _extract_en(prepared: list[str], top: int) -> Extraction:
    """English: the blank pipeline has no tagger, so candidates are runs of non-stop words."""
    from core import nlp as core_nlp

    stop = _stopwords("en")
    stats = _Stats()
    cands: dict[str, dict] = {}
    sent_offset = 0
    n_words = 0
    nlp = core_nlp.get_nlp("en")
    for index, text in enumerate(prepared):
        doc = nlp.make_doc(text)
        _sentencize(doc)
        first_line = re.search(r"\S[^\n]*", text)
        title_end = first_line.end() if first_line else 0
        toks = [t for t in doc if not t.is_space]
        si = 0
        flags = []
        for t in toks:
            if t.is_sent_start and flags:
                si += 1
            content = t.is_alpha and t.lower_ not in stop and len(t.text) > 1
            flags.append((t, content, si))
        for i, (t, content, s) in enumerate(flags):
            if not content:
                continue
            k = word_key(t.text, "en")
            stats.tf[k] += 1
            if t.text[:1].isupper() and not t.is_sent_start:
                stats.tf_upper[k] += 1
            stats.sent_ids[k].add(sent_offset + s)
            stats.positions[k].append(s)
            if i > 0:
                stats.left[k][flags[i - 1][0].lower_] += 1
            if i + 1 < len(flags):
                stats.right[k][flags[i + 1][0].lower_] += 1
        for i in range(len(flags)):
            if not flags[i][1]:
                continue
            j = i
            while j < len(flags) and flags[j][1] and flags[j][2] == flags[i][2] and j - i < 3:
                span = doc[flags[i][0].i:flags[j][0].i + 1]
                surface = re.sub(r"\s+", " ", span.text)
                key = lemma_key(surface, "en")
                rec = cands.setdefault(key, {
                    "surfaces": Counter(), "count": 0, "docs": set(), "first": [], "sents": set(),
                    "title": 0, "upper": 0, "pos": Counter(),
                    "words": [word_key(flags[x][0].text, "en") for x in range(i, j + 1)],
                })
                rec["surfaces"][surface] += 1
                rec["count"] += 1
                rec["docs"].add(index)
                rec["sents"].add(sent_offset + flags[i][2])
                rec["first"].append((index, flags[i][2]))
                if flags[i][0].idx < title_end:
                    rec["title"] += 1
                j += 1
        sent_offset += si + 2
        n_words += len(doc)
    return Extraction(lang="en", keywords=_rank(cands, stats, sent_offset, len(prepared), top), words=n_words)


# --- Themes -----------------------------------------------------------------------------


def _as_keyword(item, lang: str = "fr") -> Keyword:
    if isinstance(item, Keyword):
        return item
    if isinstance(item, str):
        return Keyword(phrase=item, key=lemma_key(item, lang), score=1.0, count=1, docs=1)
    phrase = item.get("phrase", "")
    return Keyword(phrase=phrase, key=item.get("key") or lemma_key(phrase, lang),
                   score=float(item.get("score", 1.0) or 1.0), count=int(item.get("count", 1) or 1),
                   docs=int(item.get("docs", 1) or 1), variants=list(item.get("variants", [])))


def group_themes(keywords, n: int | None = None, lang: str = "fr") -> list[dict]:
    """Group keywords into ``n`` themes (default: 3 to 7, by the number of keywords).

    Two keywords are close when they share a content word ("community manager",
    "social media manager") or occur in the same sentences; themes are merged
    agglomeratively (average link) and each is named by its best-scored keyword.
    """
    kws = [_as_keyword(k, lang) for k in (keywords or [])]
    kws = [k for k in kws if k.phrase.strip()]
    if not kws:
        return []
    if n is None:
        n = max(3, min(7, round(math.sqrt(len(kws)))))
    n = max(1, min(n, len(kws)))
    stop = _stopwords("en" if lang == "en" else "fr")
    words = [set(w for w in k.key.split() if w not in stop and len(w) > 2) for k in kws]

    def sim(a: int, b: int) -> float:
        s = 0.0
        if words[a] and words[b]:
            s += len(words[a] & words[b]) / len(words[a] | words[b])
        sa, sb = kws[a].sentences, kws[b].sentences
        if sa and sb:
            s += 0.7 * len(sa & sb) / min(len(sa), len(sb))
        return s

    size = len(kws)
    matrix = [[sim(a, b) if a != b else 0.0 for b in range(size)] for a in range(size)]
    clusters = [[i] for i in range(size)]
    while len(clusters) > n:
        best = (-1.0, 0, 1)
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                total = sum(matrix[a][b] for a in clusters[x] for b in clusters[y])
                avg = total / (len(clusters[x]) * len(clusters[y]))
                # prefer merging small clusters when nothing is related
                avg -= 0.001 * (len(clusters[x]) + len(clusters[y]))
                if avg > best[0]:
                    best = (avg, x, y)
        _, x, y = best
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]
    themes = []
    for members in clusters:
        members.sort(key=lambda i: (-kws[i].score, i))
        # the most representative: best score weighted by closeness to the others
        def centrality(i):
            return kws[i].score * (1 + sum(matrix[i][j] for j in members if j != i))
        head = max(members, key=lambda i: (centrality(i), -i))
        themes.append({"name": kws[head].phrase, "keywords": [kws[i].phrase for i in members]})
    themes.sort(key=lambda t: -max(kws[i].score for i in range(size) if kws[i].phrase in t["keywords"]))
    return themes


# --- Questions ---------------------------------------------------------------------------

_FEMININE_ENDINGS = ("tion", "sion", "té", "ie", "ure", "ence", "ance", "ette", "ise", "ude",
                     "ade", "ine", "elle", "esse", "ée", "ique", "oire")
_MASCULINE_EXCEPTIONS = frozenset("magazine musée lycée trophée génie incendie parapluie "
                                  "silence dictionnaire groupe rôle".split())


def _gender_number(phrase: str) -> tuple[str, bool]:
    """("f"|"m", plural) of the head noun: from spaCy's morphology when the French
    pipeline is already loaded, else from French noun endings."""
    head = phrase.split()[0].lower() if phrase.split() else ""
    from core import nlp as core_nlp

    if core_nlp.is_loaded("fr"):
        doc = core_nlp.get_nlp("fr")(phrase, disable=core_nlp.disabled_for(core_nlp.get_nlp("fr"), "morph"))
        for t in doc:
            if t.pos_ in ("NOUN", "PROPN") or t.i == 0:
                g = t.morph.get("Gender")
                num = t.morph.get("Number")
                if g or num:
                    return ("f" if g == ["Fem"] else "m", num == ["Plur"])
    plural = head.endswith(("s", "x")) and not head.endswith(("ss", "us", "is", "os"))
    fem = head.endswith(_FEMININE_ENDINGS) and head not in _MASCULINE_EXCEPTIONS
    return ("f" if fem else "m", plural)


def questions(phrase: str, lang: str = "fr") -> list[str]:
    """Questions people type about ``phrase`` into search engines, as content ideas."""
    p = " ".join(str(phrase or "").split())
    if not p:
        return []
    if lang == "en":
        return [f"What is {'an' if p[:1].lower() in 'aeiou' else 'a'} {p}?", f"How does {p} work?",
                f"Why is {p} important?", f"How much does {p} cost?", f"How to choose {p}?",
                f"What are the benefits of {p}?", f"{p[:1].upper() + p[1:]}: what mistakes to avoid?"]
    gender, plural = _gender_number(p)
    vowel = _strip_accents(p[:1].lower()) in "aeiouyh"
    if plural:
        the, of_the, a = "les", "des", "des"
    elif vowel:
        the, of_the, a = "l'", "de l'", "une" if gender == "f" else "un"
    else:
        the, of_the, a = ("la", "de la", "une") if gender == "f" else ("le", "du", "un")
    sep = "" if the.endswith("'") else " "
    dsep = "" if of_the.endswith("'") else " "
    what = f"Que sont {the} {p} ?" if plural else (
        f"Qu'est-ce qu'{a} {p} ?" if gender == "m" and not vowel and False else f"Qu'est-ce que {the}{sep}{p} ?")
    if not plural and not vowel and the == "le":
        what = f"Qu'est-ce que le {p} ?"
    if what.startswith("Qu'est-ce que l'"):
        what = f"Qu'est-ce que l'{p} ?"
    pronoun = ("elles" if gender == "f" else "ils") if plural else ("elle" if gender == "f" else "il")
    adj = "importants" if plural and gender == "m" else "importantes" if plural else "importante" if gender == "f" else "important"
    which = ("Quelles" if gender == "f" else "Quels") if plural else ("Quelle" if gender == "f" else "Quel")
    cost = "coûtent" if plural else "coûte"
    works = "fonctionnent" if plural else "fonctionne"
    out = [
        what,
        f"Comment {works} {the}{sep}{p} ?",
        f"Pourquoi {the}{sep}{p} {'sont' if plural else 'est'}-{pronoun} {adj} ?",
        f"Combien {cost} {a if not plural else 'les'} {p} ?",
        f"{which} {p} choisir ?",
        f"Quels sont les avantages {of_the}{dsep}{p} ?",
        f"{p[:1].upper() + p[1:]} : quelles erreurs éviter ?",
    ]
    return out


# --- Saving ------------------------------------------------------------------------------


def save_keywords(brand_id: int, keywords, *, session, lang: str = "fr", name: str = ""):
    """Save selected keywords to the brand: a new KeywordSet, and one Keyword per lemma key
    (a keyword already saved under the same key is updated: priority replaced, variants
    merged). ``keywords``: dicts with ``phrase``, ``priority`` (1 high, 2, 3 low) and
    ``variants``. Returns the Keyword rows, in the given order."""
    from sqlmodel import select

    from core.models import Keyword as KeywordRow
    from core.models import KeywordSet, utcnow

    items = []
    for item in keywords or []:
        if isinstance(item, str):
            item = {"phrase": item}
        elif isinstance(item, Keyword):
            item = item.to_dict()
        phrase = " ".join(str(item.get("phrase", "")).split())[:200]
        key = lemma_key(phrase, lang)[:200]
        if not key:
            continue
        try:
            priority = int(item.get("priority", 2))
        except (TypeError, ValueError):
            priority = 2
        priority = min(3, max(1, priority))
        variants = [str(v)[:200] for v in (item.get("variants") or []) if str(v).strip()]
        items.append((phrase, key, priority, variants))
    if not items:
        return []
    kset = KeywordSet(brand_id=brand_id, name=name or utcnow().strftime("%Y-%m-%d %H:%M"), lang=lang)
    session.add(kset)
    session.flush()
    rows = []
    seen: dict[str, KeywordRow] = {}
    for phrase, key, priority, variants in items:
        row = seen.get(key) or session.exec(
            select(KeywordRow).where(KeywordRow.brand_id == brand_id, KeywordRow.key == key)
        ).first()
        if row is None:
            row = KeywordRow(brand_id=brand_id, keyword_set_id=kset.id, phrase=phrase, key=key,
                             priority=priority, variants=_merge([phrase], variants))
        else:
            row.priority = priority
            row.keyword_set_id = kset.id
            row.variants = _merge(list(row.variants or []), [phrase] + variants)
        session.add(row)
        seen[key] = row
        rows.append(row)
    session.flush()
    return rows


def _merge(a: list, b: list) -> list:
    out = []
    for v in a + b:
        if v and v not in out:
            out.append(v)
    return out


def saved_keywords(brand_id: int, *, session) -> list:
    """The brand's saved keywords, high priority first."""
    from sqlmodel import select

    from core.models import Keyword as KeywordRow

    rows = session.exec(select(KeywordRow).where(KeywordRow.brand_id == brand_id)).all()
    return sorted(rows, key=lambda r: (r.priority, r.phrase.lower()))


# --- Command line ------------------------------------------------------------------------


def add_cli(subparsers) -> None:
    p = subparsers.add_parser("keywords", help="extract keywords from texts (docs/cli.md)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt .md .html .docx .csv (one text per row), or -")
    p.add_argument("--lang", choices=("fr", "en", "auto"), default="auto")
    p.add_argument("--top", type=int, default=20, help="number of keywords (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON (docs/cli.md)")
    p.add_argument("--per-file", action="store_true", help="one result per file, keyed by path")
    p.add_argument("--questions", action="store_true", help="also print question ideas per keyword")
    p.set_defaults(func=cmd_keywords)


def cmd_keywords(args) -> int:
    import sys

    from core.cli import print_json, ui_lang
    from core.i18n import t
    from core.textclean import read_paths

    ui = ui_lang(args)
    lang = None if args.lang == "auto" else args.lang
    top = max(1, min(int(args.top), 500))
    inputs = read_paths(args.files, ui)
    if args.per_file:
        texts = ["\n\n".join(texts) for _, texts in inputs]
        results = extract_each(texts, lang=lang, top=top)
        if args.json:
            print_json({path: r.to_dict() for (path, _), r in zip(inputs, results)})
        else:
            for (path, _), r in zip(inputs, results):
                print(f"# {path} ({r.lang})")
                _print_table(r, ui, args.questions)
        return 0 if any(r.keywords for r in results) else 1
    texts = [text for _, ts in inputs for text in ts]
    result = extract(texts, lang=lang, top=top)
    if not result.keywords:
        print(t("kw.err_empty", ui), file=sys.stderr)
        if args.json:
            print_json(result.to_dict())
        return 1
    if args.json:
        data = result.to_dict()
        if args.questions:
            for k in data["keywords"]:
                k["questions"] = questions(k["phrase"], result.lang)
        print_json(data)
    else:
        _print_table(result, ui, args.questions)
    return 0


def _print_table(result: Extraction, ui: str, with_questions: bool) -> None:
    from core.i18n import t

    print(t("kw.cli_header", ui))
    for rank, k in enumerate(result.keywords, 1):
        print(f"{rank}\t{k.phrase}\t{k.score:.3f}\t{k.count}\t{k.docs}\t{', '.join(k.variants[1:])}")
        if with_questions:
            for q in questions(k.phrase, result.lang):
                print(f"\t- {q}")
