"""Keyword extraction from a brand's texts, themes (content pillars) and question ideas.

Candidates are well-formed phrases (noun phrases such as "gestion de crise", "réseaux
sociaux", proper names such as "Cape Canaveral", kept whole): they never start or end
with an article or a preposition. Parts of speech come from spaCy's French tokenizer and
the tables of spaCy's French lemmatizer (spacy-lookups-data) read as a lexicon, with
context rules for ambiguous forms (``_tag_fr``, ``_Doc``: a verb form after a determiner is
a noun, "les forces"; an infinitive after a preposition is a verb, "appelé à voter"; a word
capitalised inside sentences is a name at a sentence start too) and names the tokenizer
cuts glued back ("Royaume-Uni", "Moody's", "Jean-Marie Le Pen"). Measured on the WikiNews
benchmark when the tagger was written, the small model's morphologizer, which calls
"manager" a verb and "Lancement" an adverb, was no better for keywords and cost far more. Inflected variants share a *lemma
key* (``lemma_key``: number, case and accents folded) and count as one keyword, shown in
its most frequent surface form. Ranking combines YAKE's statistical features (Campos et
al., "YAKE! Keyword extraction from single documents using multiple local features",
Information Sciences 509, 2020: term frequency, position, casing, spread over sentences,
and the number of different words around a word, which demotes generic words), computed
on the same tokens, with the phrase's frequency, its presence in the title and how common
its words are in general French (wordfreq's Zipf values, stored in
``data/wordlists/frequency_fr.tsv``: "pays" or "gouvernement" alone are weak keywords). YAKE's
features are computed here rather than by calling the yake package, so that extraction
stays faster than plain YAKE alone (bench/keywords.py measures both).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.language.detect import resolve
from core.language.clean import clean

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


MAX_CONTENT_WORDS = 4
_LINK_FR = frozenset(["de", "d'", "du", "des", "au", "aux"])
_LINK_ART_FR = frozenset(["la", "l'", "le", "les"])
_LINK_EN = frozenset(["of"])
_CONTENT = frozenset(["NOUN", "NA", "ADJ", "PROPN", "NUM"])
_HEADS = frozenset(["NOUN", "NA", "PROPN"])
_SENT_END = frozenset([".", "!", "?", "…", "...", "?!", "!!", "!?"])
# Context words that settle a noun/verb ambiguity ("la marche" / "il marche").
_BEFORE_VERB_FR = frozenset("je j' tu il elle on nous vous ils elles qui ne n' se s' me m' te t' lui".split())
# Determiners after which a form that can be a verb is a noun ("l'attaque", "des forces").
_DET_FR = frozenset("un une des du au aux ces cette cet sa ses son ma mes mon ta tes ton leur leurs "
                    "notre nos votre vos quelques plusieurs chaque".split())
_DEF_FR = frozenset("le la les l'".split())
_BEFORE_INF_FR = frozenset("à de d' pour sans afin peut pourrait doit devrait veut faut".split())
_AUX_FR = frozenset("a ont avait avaient aura auront aurait auraient est sont était étaient sera seront serait seraient été être avoir ai as avons avez eu".split())


def _stopwords(lang: str) -> frozenset:
    from core.refdata import load_words

    return frozenset(w.lower().replace("’", "'") for w in load_words(f"wordlists/stopwords_{lang}.txt"))


_frequencies: dict[str, dict[str, float]] = {}


def word_frequency(lang: str = "fr") -> dict[str, float]:
    """General-use frequency of words as Zipf values, keyed by ``word_key``
    (``data/wordlists/frequency_<lang>.tsv``; missing words are rarer than 3.0)."""
    table = _frequencies.get(lang)
    if table is None:
        from core.refdata import DATA

        table = {}
        path = DATA / "wordlists" / f"frequency_{lang}.tsv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    word, _, value = line.partition("\t")
                    table[word] = float(value)
        _frequencies[lang] = table
    return table


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


# --- A lexical tagger from spaCy's French lemmatizer tables ---------------------------------
#
# spaCy's French rule lemmatizer ships, in spacy-lookups-data, the lemmas of each part of
# speech (``fr_lemma_index``), the irregular forms (``fr_lemma_exc``) and the suffix rules
# from forms to lemmas (``fr_lemma_rules``). Read backwards they say which parts of speech
# a word form can have; a few context rules settle the ambiguous forms. Measured on the
# WikiNews benchmark, this finds noun phrases as well as the neural morphologizer for
# keyword purposes (it does not mistake "manager" or "Lancement" for a verb and an adverb)
# and costs a dictionary look-up per word instead of a neural network pass, which is
# what keeps extraction faster than plain YAKE.

_NOUN, _ADJ, _VERB, _ADV = 1, 2, 4, 8
_EXTRA_VERB_RULES = (("e", "er"), ("es", "er"), ("ent", "er"), ("it", "ir"), ("is", "ir"),
                     ("issent", "ir"), ("issait", "ir"), ("i", "ir"), ("ie", "ir"), ("ies", "ir"),
                     ("is", "ire"), ("it", "ire"), ("u", "re"), ("ue", "re"), ("us", "re"),
                     ("ues", "re"), ("d", "dre"), ("ent", "re"))


class _Lexicon:
    def __init__(self):
        import gzip
        import json
        import os

        import spacy_lookups_data

        base = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data")

        def read(name):
            with gzip.open(os.path.join(base, name), "rt", encoding="utf-8") as fh:
                return json.load(fh)

        index, exc, rules = read("fr_lemma_index.json.gz"), read("fr_lemma_exc.json.gz"), read("fr_lemma_rules.json.gz")
        self.lemmas = {pos: frozenset(index.get(pos, ())) for pos in ("noun", "adj", "verb", "adv")}
        self.forms: dict[str, int] = {}
        for pos, bit in (("noun", _NOUN), ("adj", _ADJ), ("verb", _VERB), ("adv", _ADV)):
            for w in index.get(pos, ()):
                self.forms[w] = self.forms.get(w, 0) | bit
            for w in exc.get(pos, {}):
                self.forms[w] = self.forms.get(w, 0) | bit
        self.rules = {
            "noun": [(o, n) for o, n in rules.get("noun", []) if "(" not in o and o != n],
            "adj": [(o, n) for o, n in rules.get("adj", []) if "(" not in o and o != n] + [("es", ""), ("aux", "al")],
            "verb": [(o, n) for o, n in rules.get("verb", []) if "(" not in o] + list(_EXTRA_VERB_RULES),
        }
        self.cache: dict[str, int] = {}

    def mask(self, low: str) -> int:
        m = self.cache.get(low)
        if m is not None:
            return m
        m = self.forms.get(low, 0)
        for pos, bit in (("noun", _NOUN), ("adj", _ADJ), ("verb", _VERB)):
            if m & bit:
                continue
            lemmas = self.lemmas[pos]
            for old, new in self.rules[pos]:
                if low.endswith(old) and len(low) > len(old) + 1 and (low[: len(low) - len(old)] + new) in lemmas:
                    m |= bit
                    break
        if not m and low.endswith("ment") and len(low) > 6:
            m = _ADV
        self.cache[low] = m
        return m


_lexicon: _Lexicon | None = None


def lexicon_mask(low: str) -> int:
    return _lexicon.mask(low) if _lexicon is not None else 0


def lexicon() -> _Lexicon:
    """The tables, read once per process (about 1.5 s), with the word frequencies."""
    global _lexicon
    if _lexicon is None:
        _lexicon = _Lexicon()
        word_frequency("fr")
    return _lexicon


def _tag_fr(text: str, low: str, sent_initial: bool, prev_low: str, prev_tag: str, stop, lex) -> str:
    if low in stop:
        return "F"
    if not low[:1].isalpha():
        return "NUM" if low[:1].isdigit() else "PUNCT"
    cap = text[:1].isupper()
    if len(text) > 1 and text.isupper() and not text.isdigit():
        return "PROPN"
    m = lex.mask(low)
    if cap and not sent_initial and prev_low not in ("«", '"', ":", "(", "-"):
        return "PROPN"
    if m == 0:
        return "PROPN" if cap else "NA"
    noun, adj, verb = m & _NOUN, m & _ADJ, m & _VERB
    if verb and (noun or adj):
        if prev_low in _BEFORE_VERB_FR or prev_low in _AUX_FR:
            return "VERB"
        return "NA" if noun and adj else ("NOUN" if noun else "ADJ")
    if noun and adj:
        return "NA"
    if noun:
        return "NOUN"
    if adj:
        return "ADJ"
    if verb:
        return "VERB"
    return "ADV"


def _tag_en(text: str, low: str, sent_initial: bool, prev_low: str, prev_tag: str, stop, lex) -> str:
    if low in stop:
        return "F"
    if not low[:1].isalpha():
        return "NUM" if low[:1].isdigit() else "PUNCT"
    if text[:1].isupper() and not sent_initial:
        return "PROPN"
    if low.endswith("ly") and len(low) > 4:
        return "ADV"
    if low.endswith(("ed", "ing")) and len(low) > 5 and prev_tag not in ("ADJ", "NA", "F"):
        return "VERB"
    return "NA"


def _pieces(doc) -> list[tuple[str, int]]:
    """(text, offset) of the tokens, with names the tokenizer cuts glued back:
    "Royaume - Uni" -> "Royaume-Uni", "Moody' s" -> "Moody's"."""
    out: list[tuple[str, int]] = []
    toks = list(doc)
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if (i + 2 < n and t.text[:1].isupper() and not t.whitespace_ and toks[i + 1].text == "-"
                and not toks[i + 1].whitespace_ and toks[i + 2].text[:1].isalpha()):
            end = toks[i + 2]
            out.append((doc.text[t.idx:end.idx + len(end.text)], t.idx))
            i += 3
            continue
        if (i + 1 < n and t.text.endswith("'") and t.text[:1].isupper() and len(t.text) > 2
                and not t.whitespace_ and toks[i + 1].text == "s"):
            out.append((t.text + "s", t.idx))
            i += 2
            continue
        out.append((t.text, t.idx))
        i += 1
    return out


class _Doc:
    """A document as light token lists (text, lower, word key, tag, sentence)."""

    __slots__ = ("text", "toks", "n_sents", "title_end")

    def __init__(self, doc, lang: str, stop, lex):
        tag = _tag_en if lang == "en" else _tag_fr
        text = doc.text
        first = re.search(r"\S[^\n]*", text)
        self.title_end = first.end() if first else 0
        self.text = text
        # Words written with a capital inside sentences and never in lower case are names,
        # also at a sentence start ("France : les résultats").
        words = _pieces(doc)
        names, lower = set(), set()
        prev = "."
        for raw, _ in words:
            if raw.isspace():
                if "\n" in raw:
                    prev = "."
                continue
            if raw[:1].isupper():
                if prev not in _SENT_END and prev not in ("«", '"', ":", "(", "-", "–", "—"):
                    names.add(raw.lower())
            elif raw[:1].islower():
                lower.add(raw)
            prev = raw
        names -= lower
        toks = []
        sent = 0
        sent_initial = True
        prev2_low, prev_low, prev_tag = "", "", "F"
        for raw, idx in words:
            if raw.isspace():
                if "\n" in raw and not sent_initial:
                    sent += 1
                    sent_initial = True
                continue
            low = raw.lower()
            g = tag(raw, low, sent_initial, prev_low, prev_tag, stop, lex)
            if sent_initial and g != "F" and low in names and raw[:1].isupper():
                g = "PROPN"
            elif g in ("VERB", "ADJ") and lang != "en" and lex.mask(low) & _VERB and (
                    prev_low in _DET_FR or prev_tag == "NUM"
                    or (prev_low in _DEF_FR and prev2_low not in _BEFORE_VERB_FR
                        and not low.endswith(("er", "ir", "re")))):
                g = "NOUN"  # after a determiner, a verb form is a noun ("les forces", "39 morts")
            elif (g in ("ADJ", "NA") and lang != "en" and low.endswith("ant") and len(low) > 5
                  and lex.mask(low) & _VERB and not lex.mask(low) & _NOUN and prev_tag in _HEADS):
                g = "VERB"  # a present participle after a noun ("exoplanète possédant")
            elif (g in ("NOUN", "NA", "ADJ") and lang != "en" and prev_low in _BEFORE_INF_FR
                  and low.endswith(("er", "ir", "re")) and lex.mask(low) & _VERB):
                g = "VERB"  # an infinitive after a preposition ("appelé à voter")
            if g == "NA" and prev_tag in ("NOUN", "NA", "PROPN") and toks and toks[-1][3] == sent:
                g = "ADJ"  # a noun-or-adjective right after a noun modifies it ("banques belges")
            if len(low) == 1 and not ((g == "NUM" or low.isalpha()) and prev_tag == "PROPN"):
                g = "F"  # a lone letter ("°C") is no keyword; in a name it stays ("Centauri B")
            toks.append((raw, low, g, sent, idx, sent_initial))
            prev2_low, prev_low, prev_tag = prev_low, low, g
            if low in _SENT_END or (g == "PUNCT" and low[-1:] in ".!?…" and low != "."):
                sent += 1
                sent_initial = True
            elif g != "PUNCT" or low not in ("«", '"', "(", "-", "–", "—", "*"):
                sent_initial = False
        # A capitalised article between two names belongs to the name ("Marine Le Pen").
        for i in range(1, len(toks) - 1):
            t = toks[i]
            if (t[0] in ("Le", "La") and not t[5] and toks[i - 1][2] == "PROPN" and toks[i + 1][2] == "PROPN"
                    and toks[i - 1][3] == t[3] == toks[i + 1][3]):
                toks[i] = (t[0], t[1], "PROPN", t[3], t[4], t[5])
        self.toks = toks
        self.n_sents = sent + 1


class _Stats:
    """Per-word YAKE features over all inputs (word = word_key of a content token)."""

    def __init__(self):
        self.tf = Counter()
        self.tf_upper = Counter()  # capitalised, not at a sentence start, or an acronym
        self.sent_ids: dict[str, set] = defaultdict(set)
        self.first_sent: dict[str, int] = {}
        self.positions: dict[str, list] = defaultdict(list)
        self.left: dict[str, set] = defaultdict(set)
        self.right: dict[str, set] = defaultdict(set)
        self.n_left = Counter()
        self.n_right = Counter()


def _collect(d: _Doc, doc_index: int, lang: str, stats: _Stats, cands: dict, sent_offset: int) -> None:
    toks = d.toks
    n = len(toks)
    links = _LINK_EN if lang == "en" else _LINK_FR
    keys = [word_key(t[0], lang) for t in toks]
    content = [t[2] in _CONTENT and (t[2] != "NUM" or (i > 0 and toks[i - 1][2] == "PROPN")) for i, t in enumerate(toks)]
    for i, t in enumerate(toks):
        if not content[i] or t[2] == "NUM":
            continue
        k = keys[i]
        stats.tf[k] += 1
        if t[2] == "PROPN" and not t[5]:
            stats.tf_upper[k] += 1
        sid = sent_offset + t[3]
        stats.sent_ids[k].add(sid)
        stats.positions[k].append(t[3])
        if i > 0 and toks[i - 1][3] == t[3]:
            stats.left[k].add(toks[i - 1][1])
            stats.n_left[k] += 1
        if i + 1 < n and toks[i + 1][3] == t[3]:
            stats.right[k].add(toks[i + 1][1])
            stats.n_right[k] += 1
    # A run of proper nouns is one name: never cut inside it ("Thierry Roland").
    name_end = list(range(n))
    for i in range(n - 2, -1, -1):
        if toks[i][2] == "PROPN" and toks[i + 1][2] in ("PROPN", "NUM") and toks[i + 1][3] == toks[i][3]:
            name_end[i] = name_end[i + 1]
    for i in range(n):
        if not content[i] or toks[i][2] == "NUM":
            continue
        if i > 0 and toks[i][2] in ("PROPN", "NUM") and toks[i - 1][2] == "PROPN" and toks[i - 1][3] == toks[i][3]:
            continue
        sent = toks[i][3]
        j = name_end[i]
        words = list(range(i, j + 1))
        if len(words) > MAX_CONTENT_WORDS:
            continue
        _emit(d, words, keys, doc_index, cands, sent_offset)
        while len(words) < MAX_CONTENT_WORDS:
            nxt = j + 1
            if nxt < n and content[nxt] and toks[nxt][3] == sent:
                j = name_end[nxt]
                words.extend(range(nxt, j + 1))
                if len(words) > MAX_CONTENT_WORDS:
                    break
                _emit(d, words, keys, doc_index, cands, sent_offset)
                continue
            elif (nxt + 1 < n and toks[nxt][1] in links and (toks[j][2] in _HEADS or toks[i][2] in ("NOUN", "PROPN"))
                  and toks[nxt][3] == sent):
                k2 = nxt + 1
                if k2 < n and toks[k2][1] in _LINK_ART_FR and toks[nxt][1] in ("de", "à"):
                    k2 += 1
                if not (k2 < n and content[k2] and toks[k2][2] in _HEADS and toks[k2][3] == sent):
                    break
                j = name_end[k2]
                words.extend(range(k2, j + 1))
                if len(words) > MAX_CONTENT_WORDS:
                    break
                _emit(d, words, keys, doc_index, cands, sent_offset)
            else:
                break


def _emit(d: _Doc, words: list, keys: list, doc_index: int, cands: dict, sent_offset: int) -> None:
    toks = d.toks
    first, last = toks[words[0]], toks[words[-1]]
    if first[2] == "ADJ" and (len(words) == 1 or last[2] == "ADJ"):
        return  # a lone adjective, or adjectives only, is not a keyword
    if (len(words) > 1 and last[2] == "ADJ" and first[2] == "PROPN" and toks[words[-2]][2] == "PROPN"
            and not lexicon_mask(toks[words[-2]][1]) & _NOUN):
        return  # a name and the word after it ("Le Pen décrit"), unless the name is a noun ("Cour constitutionnelle")
    span = range(words[0], words[-1] + 1)
    key = " ".join(keys[x] for x in span if keys[x] not in ("le",) or x == words[0])
    key = key.replace("' ", "'")
    if not key:
        return
    surface = d.text[first[4]:last[4] + len(last[0])]
    if "\n" in surface:
        return
    rec = cands.get(key)
    if rec is None:
        rec = cands[key] = {
            "surfaces": Counter(), "count": 0, "docs": set(), "first": 10 ** 9, "sents": set(),
            "title": 0, "proper": 0, "words": [keys[w] for w in words], "last": 0,
            "oov": sum(1 for w in words if toks[w][2] == "NA" and lexicon_mask(toks[w][1]) == 0),
            "link": int(len(words) < words[-1] - words[0] + 1), "head": toks[words[0]][2],
        }
    rec["surfaces"][surface] += 1
    rec["count"] += 1
    rec["docs"].add(doc_index)
    rec["sents"].add(sent_offset + first[3])
    rec["first"] = min(rec["first"], first[3])
    rec["last"] = max(rec["last"], first[3])
    if first[4] < d.title_end:
        rec["title"] += 1
    if first[2] == "PROPN" or last[2] == "PROPN":
        rec["proper"] += 1


def _word_score(k: str, stats: _Stats, max_tf: float, mean_tf: float, std_tf: float, n_sents: int) -> float:
    """YAKE's S(w): low is important (Campos et al. 2020, eq. 1-6)."""
    tf = stats.tf[k]
    t_case = stats.tf_upper[k] / (1 + math.log(tf))
    pos = sorted(stats.positions[k])
    t_pos = math.log(math.log(3 + pos[len(pos) // 2])) if pos else 0.1
    t_freq = tf / (mean_tf + std_tf) if (mean_tf + std_tf) else 0
    wl = len(stats.left[k]) / max(stats.n_left[k], 1)
    wr = len(stats.right[k]) / max(stats.n_right[k], 1)
    t_rel = 1 + (wl + wr) * tf / max_tf
    t_diff = len(stats.sent_ids[k]) / max(n_sents, 1)
    return (t_rel * t_pos) / (t_case + t_freq / t_rel + t_diff / t_rel)


def _inputs(texts) -> list[str]:
    if isinstance(texts, str):
        texts = [texts]
    return [_prep(t) if isinstance(t, str) else "" for t in (texts or [])]


def _tokenizer(lang: str):
    from core.language import nlp as core_nlp

    return core_nlp.get_nlp(lang).tokenizer


def extract(texts, lang: str | None = None, top: int = 20) -> Extraction:
    """The ``top`` keywords of ``texts`` taken together (a list of strings, or one string)."""
    prepared = _inputs(texts)
    lang = resolve("\n".join(p[:20000] for p in prepared), lang)
    if not any(p.strip() for p in prepared):
        return Extraction(lang=lang, keywords=[])
    return _extract(prepared, lang, top)


def extract_each(texts, lang: str | None = None, top: int = 20) -> list[Extraction]:
    """One extraction per text (``--per-file``); the pipeline is loaded once for all."""
    prepared = _inputs(texts)
    out = []
    for p in prepared:
        this_lang = resolve(p[:20000], lang) if p.strip() else (lang or "fr")
        out.append(_extract([p], this_lang, top) if p.strip() else Extraction(lang=this_lang, keywords=[]))
    return out


def _extract(prepared: list[str], lang: str, top: int) -> Extraction:
    tokenizer = _tokenizer(lang)
    stop = _stopwords(lang)
    lex = lexicon() if lang == "fr" else None
    stats = _Stats()
    cands: dict[str, dict] = {}
    sent_offset = 0
    n_words = 0
    for index, text in enumerate(prepared):
        if not text.strip():
            continue
        d = _Doc(tokenizer(text), lang, stop, lex)
        _collect(d, index, lang, stats, cands, sent_offset)
        sent_offset += d.n_sents
        n_words += len(d.toks)
    return Extraction(lang=lang, keywords=_rank(cands, stats, sent_offset, top, lang), words=n_words)


#: Ranking weights, chosen on the WikiNews documents at odd positions (sorted by id) and
#: checked on the even ones (bench/keywords.py --split); tried and left at zero: position of first occurrence,
#: a proper-name bonus, a length bonus, spread over the text, first sentences, PositionRank
#: centrality. ``common`` demotes phrases made of everyday words (general French word
#: frequencies, ``data/wordlists/frequency_fr.tsv``); the maximum or the minimum over the
#: phrase's words instead of the mean did worse on the held-out half. ``inside``: see the
#: end of ``_rank``.
WEIGHTS = {"title": 1.0, "position": 0.0, "yake": 0.5, "proper": 0.0, "length": 0.0,
           "common": 0.3, "common_from": 4.0, "inside": 1.5}


def _rank(cands: dict, stats: _Stats, n_sents: int, top: int, lang: str = "fr") -> list[Keyword]:
    if not cands or not stats.tf:
        return []
    tfs = list(stats.tf.values())
    mean_tf = sum(tfs) / len(tfs)
    std_tf = math.sqrt(sum((x - mean_tf) ** 2 for x in tfs) / len(tfs))
    max_tf = max(tfs)
    wscore: dict[str, float] = {}
    w = WEIGHTS
    freq = word_frequency(lang) if w["common"] else {}
    scored = []
    for key, rec in cands.items():
        ws = [wscore[x] if x in wscore else wscore.setdefault(x, _word_score(x, stats, max_tf, mean_tf, std_tf, n_sents))
              for x in rec["words"] if x in stats.tf]
        if not ws:
            continue
        yake = math.prod(ws) / (rec["count"] * (1 + sum(ws)))  # YAKE's S(kw): low is good
        score = (
            math.log(1 + rec["count"])
            * (1 + w["title"] * math.log(1 + rec["title"]))
            / (1 + rec["first"]) ** w["position"]
            / (1 + yake) ** w["yake"]
            * (1 + w["proper"] * (rec["proper"] > 0))
            * (1 + w["length"] * (len(rec["words"]) - 1))
            # everyday words ("pays", "gouvernement") make weak keywords: mean Zipf value
            # of the phrase's words above ``common_from``
            / (1 + w["common"] * max(0.0, sum(freq.get(x, 0.0) for x in rec["words"]) / len(rec["words"])
                                     - w["common_from"]))
        )
        scored.append((score, key, rec))
    scored.sort(key=lambda x: (-x[0], x[1]))
    # A phrase that mostly occurs inside a longer well-ranked keyword adds nothing
    # ("community" beside "community manager"): dropped unless it occurs more than
    # ``inside`` times as often as the longer one.
    pool = scored[: max(3 * top, 30)]
    kept = []
    for score, key, rec in scored:
        if len(kept) >= top:
            break
        words = f" {key} "
        if any(other_key != key and f" {other_key} ".find(words) >= 0 and rec["count"] <= w["inside"] * other["count"]
               for _, other_key, other in pool):
            continue
        kept.append((score, key, rec))
    out = []
    for score, key, rec in kept:
        surface = max(rec["surfaces"].items(), key=lambda kv: (kv[1], kv[0][:1].islower()))[0]
        out.append(Keyword(
            phrase=surface, key=key, score=score, count=rec["count"], docs=len(rec["docs"]),
            variants=[s for s, _ in rec["surfaces"].most_common()], words=len(rec["words"]),
            sentences=frozenset(rec["sents"]),
        ))
    return out


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
    from core.language import nlp as core_nlp

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
