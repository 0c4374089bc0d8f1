"""French keyword candidates and their ranking.

Candidates are well-formed phrases (noun phrases such as "gestion de crise", "réseaux
sociaux", proper names such as "Cape Canaveral", kept whole): they never start or end
with an article or a preposition. Ranking combines YAKE's statistical features (Campos et
al., "YAKE! Keyword extraction from single documents using multiple local features",
Information Sciences 509, 2020: term frequency, position, casing, spread over sentences,
and the number of different words around a word, which demotes generic words), computed
on the tagger's tokens, with the phrase's frequency, its presence in the title and how
common its words are in general French (``wordlists.word_frequency``: "pays" or
"gouvernement" alone are weak keywords). YAKE's features are computed here rather than by
calling the yake package, so that extraction stays faster than plain YAKE alone
(bench/keywords.py measures both).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.language.keywords.lemmas import word_key
from core.language.keywords.tagger import HEADS, TaggedDoc
from core.language.keywords.wordlists import word_frequency
from core.language.lexicon import NOUN, VERB, Lexicon

MAX_CONTENT_WORDS = 4
_LINKS = frozenset(["de", "d'", "du", "des", "au", "aux"])
# Links of a search phrase's complement: material, place, purpose, what it is free of
# ("robe en lin", "kinésithérapeute à Nantes", "cours d'anglais pour adultes", "pain sans gluten"); never followed by an article
# but after "à" ("à la maison").
_SEARCH_LINKS = frozenset(["en", "à", "pour", "sans"])
_LINK_ARTICLES = frozenset(["la", "l'", "le", "les"])
_CONTENT = frozenset(["NOUN", "NA", "ADJ", "PROPN", "NUM"])


@dataclass
class Keyword:
    phrase: str
    key: str
    score: float
    count: int
    docs: int
    variants: list[str] = field(default_factory=list)
    words: int = 1
    proper: bool = False  # holds a proper name ("Grenoble", "vélos Bosch")
    sentences: frozenset = field(default_factory=frozenset, repr=False)

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "score": round(self.score, 4), "count": self.count,
                "docs": self.docs, "variants": self.variants}


class Stats:
    """Per-word YAKE features over all inputs (word = word_key of a content token)."""

    def __init__(self):
        self.tf = Counter()
        self.tf_upper = Counter()  # capitalised, not at a sentence start, or an acronym
        self.sent_ids: dict[str, set] = defaultdict(set)
        self.positions: dict[str, list] = defaultdict(list)
        self.left: dict[str, set] = defaultdict(set)
        self.right: dict[str, set] = defaultdict(set)
        self.n_left = Counter()
        self.n_right = Counter()


def collect(d: TaggedDoc, doc_index: int, stats: Stats, cands: dict, sent_offset: int, lex: Lexicon) -> None:
    """Add the words of ``d`` to ``stats`` and its candidate phrases to ``cands``."""
    toks = d.toks
    n = len(toks)
    keys = [word_key(t[0]) for t in toks]
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
        _emit(d, words, keys, doc_index, cands, sent_offset, lex)
        w_links = WEIGHTS["search_links"] > 0
        while len(words) < MAX_CONTENT_WORDS:
            nxt = j + 1
            if nxt < n and content[nxt] and toks[nxt][3] == sent:
                j = name_end[nxt]
                words.extend(range(nxt, j + 1))
                if len(words) > MAX_CONTENT_WORDS:
                    break
                _emit(d, words, keys, doc_index, cands, sent_offset, lex)
                continue
            elif (nxt + 1 < n and (toks[nxt][1] in _LINKS or (toks[nxt][1] in _SEARCH_LINKS and w_links)) and (toks[j][2] in HEADS or toks[i][2] in ("NOUN", "PROPN"))
                  and toks[nxt][3] == sent):
                k2 = nxt + 1
                if k2 < n and toks[k2][1] in _LINK_ARTICLES and toks[nxt][1] in ("de", "à"):
                    k2 += 1
                if not (k2 < n and content[k2] and toks[k2][2] in HEADS and toks[k2][3] == sent):
                    break
                j = name_end[k2]
                words.extend(range(k2, j + 1))
                if len(words) > MAX_CONTENT_WORDS:
                    break
                _emit(d, words, keys, doc_index, cands, sent_offset, lex)
            else:
                break


def _emit(d: TaggedDoc, words: list, keys: list, doc_index: int, cands: dict, sent_offset: int, lex: Lexicon,
          skip: range = range(0)) -> None:
    toks = d.toks
    first, last = toks[words[0]], toks[words[-1]]
    if first[2] == "ADJ" and (len(words) == 1 or last[2] == "ADJ"):
        return  # a lone adjective, or adjectives only, is not a keyword
    if first[2] == "ADJ" and lex.mask(first[1]) & VERB:
        return  # a participle opens a clause, not a search phrase ("coupées en France")
    if (len(words) > 1 and last[2] == "ADJ" and first[2] == "PROPN" and toks[words[-2]][2] == "PROPN"
            and not lex.mask(toks[words[-2]][1]) & NOUN):
        return  # a name and the word after it ("Le Pen décrit"), unless the name is a noun ("Cour constitutionnelle")
    span = [x for x in range(words[0], words[-1] + 1) if x not in skip]
    key = " ".join(keys[x] for x in span if keys[x] not in ("le",) or x == words[0])
    key = key.replace("' ", "'")
    if not key:
        return
    if skip:
        before, after = toks[skip[0] - 1], toks[skip[-1] + 1]
        surface = (d.text[first[4]:before[4] + len(before[0])] + " "
                   + d.text[after[4]:last[4] + len(last[0])])
    else:
        surface = d.text[first[4]:last[4] + len(last[0])]
    if "\n" in surface:
        return
    rec = cands.get(key)
    if rec is None:
        rec = cands[key] = {
            "surfaces": Counter(), "count": 0, "docs": set(), "first": 10 ** 9, "sents": set(),
            "title": 0, "heading": 0, "proper": 0, "words": [keys[w] for w in words if w not in skip],
        }
    rec["surfaces"][surface] += 1
    rec["count"] += 1
    rec["docs"].add(doc_index)
    rec["sents"].add(sent_offset + first[3])
    rec["first"] = min(rec["first"], first[3])
    if first[4] < d.title_end:
        rec["title"] += 1
    at = bisect.bisect_right(d.heading_starts, first[4]) - 1
    if at >= 0 and first[4] < d.headings[at][1]:
        rec["heading"] += 1
    if first[2] == "PROPN" or last[2] == "PROPN":
        rec["proper"] += 1
    if skip or first[2] == "PROPN":
        return
    # A model's name inside a product phrase ("robe longue Capucine en lin", "stock Shopify
    # en temps réel"): the phrase without it is what people search, counted too.
    for n in range(1, len(words) - 1):
        i = words[n]
        if toks[i][2] == "PROPN" and toks[i - 1][2] in ("NOUN", "NA", "ADJ") and i - 1 == words[n - 1]:
            j = i
            while j + 1 <= words[-1] and toks[j + 1][2] in ("PROPN", "NUM"):
                j += 1
            if j < words[-1]:
                _emit(d, words, keys, doc_index, cands, sent_offset, lex, skip=range(i, j + 1))
            return


def _word_score(k: str, stats: Stats, max_tf: float, mean_tf: float, std_tf: float, n_sents: int) -> float:
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


#: Ranking weights, chosen on the WikiNews documents at odd positions (sorted by id) and
#: checked on the even ones (bench/keywords.py --split); tried and left at zero: position of first occurrence,
#: a proper-name bonus, a length bonus, spread over the text, first sentences, PositionRank
#: centrality. ``common`` demotes phrases made of everyday words (general French word
#: frequencies, ``data/wordlists/frequency_fr.tsv``); the maximum or the minimum over the
#: phrase's words instead of the mean did worse on the held-out half. ``inside``: see the
#: end of ``rank``. ``search_links``: complements after "en", "à", "pour"; ``single`` and
#: ``single_inside`` weigh down common-noun single words, chosen on the tuning brand pages
#: (bench/keywords_brand.py) with WikiNews kept at 40 % F1@10 at least (docs/keywords.md).
WEIGHTS = {"title": 1.0, "heading": 1.0, "offer": 0.5, "max_single": 0.2, "position": 0.0, "yake": 0.5, "proper": 0.0, "length": 0.0,
           "common": 0.3, "common_from": 4.0, "inside": 1.5, "inside_fr": 1.0, "search_links": 1.0, "single": 0.85, "single_inside": 0.2}


def _offer_match(words: list, offer_keys: frozenset, offer_words: frozenset) -> float:
    """1 when the phrase is an offer's name or holds one, the share of its words that are
    offer words otherwise ("robe en lin" for the offer "robe Lila": 0.5)."""
    if not offer_words:
        return 0.0
    key = f" {' '.join(words)} "
    if any(f" {k} " in key for k in offer_keys):
        return 1.0
    content = [x for x in words if len(x) > 2]
    return sum(x in offer_words for x in content) / len(content) if content else 0.0


def rank(cands: dict, stats: Stats, n_sents: int, top: int, offer_keys: frozenset = frozenset(),
         offer_words: frozenset = frozenset()) -> list[Keyword]:
    """The ``top`` candidates, best first, each shown in its most frequent surface form;
    ``offer_keys`` and ``offer_words``: the lemma keys of the brand's offers and their words."""
    if not cands or not stats.tf:
        return []
    tfs = list(stats.tf.values())
    mean_tf = sum(tfs) / len(tfs)
    std_tf = math.sqrt(sum((x - mean_tf) ** 2 for x in tfs) / len(tfs))
    max_tf = max(tfs)
    wscore: dict[str, float] = {}
    w = WEIGHTS
    freq = word_frequency("fr") if w["common"] else {}
    # How often each word occurs inside longer candidates: a word that mostly heads or ends
    # phrases ("lin" in "lin lavé", "robe en lin") is said better by them.
    inside = Counter()
    for rec in cands.values():
        if len(rec["words"]) > 1:
            for x in set(rec["words"]):
                inside[x] += rec["count"]
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
            * (1 + w["heading"] * math.log(1 + rec["heading"]))
            * (1 + w["offer"] * _offer_match(rec["words"], offer_keys, offer_words))
            / (1 + rec["first"]) ** w["position"]
            / (1 + yake) ** w["yake"]
            * (1 + w["proper"] * (rec["proper"] > 0))
            * (1 + w["length"] * (len(rec["words"]) - 1))
            * (w["single"] if len(rec["words"]) == 1 and not rec["proper"] else 1.0)
            * (1 - w["single_inside"] * min(1.0, inside[rec["words"][0]] / rec["count"])
               if len(rec["words"]) == 1 and not rec["proper"] else 1.0)
            # everyday words ("pays", "gouvernement") make weak keywords: mean Zipf value
            # of the phrase's words above ``common_from``
            / (1 + w["common"] * max(0.0, sum(freq.get(x, 0.0) for x in rec["words"]) / len(rec["words"])
                                     - w["common_from"]))
        )
        scored.append((score, key, rec))
    return keywords(scored, top, inside=w["inside_fr"])


def keywords(scored: list, top: int, inside: float | None = None) -> list[Keyword]:
    """``top`` Keywords from (score, key, record) triples: ``record`` holds the phrase's
    ``surfaces`` (a Counter), ``count``, ``docs`` and ``sents`` (sets) and ``words``."""
    scored = sorted(scored, key=lambda x: (-x[0], x[1]))
    # A phrase that mostly occurs inside a longer well-ranked keyword adds nothing
    # ("community" beside "community manager"): dropped unless it occurs more than
    # ``inside`` times as often as the longer one (French: ``inside_fr``, 1.0: a phrase
    # said more often than the longer one stands alone, "analyse syntaxique" three times
    # beside "évaluation d'analyse syntaxique" twice; TALN Archives dev F1@10 16.6
    # against 15.6 at 1.5, brand tuning pages unchanged; English keeps 1.5).
    inside = WEIGHTS["inside"] if inside is None else inside
    pool = scored[: max(3 * top, 30)]
    kept = []
    for score, key, rec in scored:
        if len(kept) >= top:
            break
        words = f" {key} "
        if any(other_key != key and f" {other_key} ".find(words) >= 0 and rec["count"] <= inside * other["count"]
               for _, other_key, other in pool):
            continue
        kept.append((score, key, rec))
    out = []
    for score, key, rec in kept:
        surface = max(rec["surfaces"].items(), key=lambda kv: (kv[1], kv[0][:1].islower()))[0]
        out.append(Keyword(
            phrase=surface, key=key, score=score, count=rec["count"], docs=len(rec["docs"]),
            variants=[s for s, _ in rec["surfaces"].most_common()], words=len(rec["words"]),
            proper=bool(rec.get("proper")), sentences=frozenset(rec["sents"]),
        ))
    return out
