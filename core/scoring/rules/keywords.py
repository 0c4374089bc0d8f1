"""Target keywords: present, early, not stuffed (articles add the SEO checks of ``seo``)."""

from __future__ import annotations

import re

from core.language.keywords import find_occurrences
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.seo import check as check_article
from core.scoring.words import content_words, fold, folded_map, hashtags, stop_words

_TAG_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]+(?![a-zß-öø-ÿ])|\d+")


def _in_hashtags(text: str, kw: str, lang: str) -> list[tuple[int, int]]:
    """Hashtags that spell the keyword (#VinsDeBordeaux for "vins de Bordeaux", #RobeDEte for
    "robe d'été"): the same content words, stop words and a final plural s aside."""
    wanted = [w.rstrip("s") for w in content_words(kw, lang)]
    if not wanted:
        return []
    stops = stop_words(lang)
    out = []
    for start, end, tag in hashtags(text):
        parts = [fold(w) for w in _TAG_WORD.findall(tag)] if tag != tag.lower() else [fold(tag)]
        words = [w.rstrip("s") for w in parts if w not in stops and len(w) > 1]
        if words == wanted or fold(tag).replace("s", "") == "".join(wanted).replace("s", ""):
            out.append((start, end))
    return out


def _all_words(text: str, kw: str, lang: str) -> list[tuple[int, int]]:
    """The span of the first of the keyword's content words when every one of them is in
    the text, in any order ("managers de PME" covers "managers PME"): a reader and a search
    engine both see the subject; a senior CM never asked for the words side by side."""
    folded = folded_map(text)
    first = None
    for word in content_words(kw, lang):
        m = re.search(r"(?<!\w)" + re.escape(word[:max(4, len(word) - 2)]), folded.text)
        if m is None:
            return []
        if first is None or m.start() < first[0]:
            first = (m.start(), m.end())
    return [folded.span(*first)] if first else []


# Where people find posts by searching, so every target keyword must be there in full; in a
# feed (Instagram, LinkedIn, X…) the main subject is enough, said in the post's own words.
SEARCH_NETWORKS = frozenset({"pinterest", "youtube", "google_business", "blog"})
# The kinds of text read in a feed or an inbox, never found by a search engine: a newsletter
# is not indexed (its subject line decides whether it is opened: Mailchimp, « Subject line
# best practices »), so its keywords are the subject said in its own words, as in a feed.
FEED_KINDS = frozenset({"caption", "email"})

# Derivational endings (French and English): « conservation » and « conservator », « bénévolat »
# and « bénévoles », « recrutement » and « recrute » share the stem left when they are cut
# (Porter's Snowball stemmers cut the same families: snowballstem.org, French and English).
_DERIVATION = re.compile(r"(?:issements?|issantes?|atrices?|ateurs?|ations?|ements?|ments?|ables?|ibles?|ances?"
                         r"|ences?|ites?|eurs?|euses?|ions?|ives?|ifs?|ats?|ages?|ing|ers?|ors?|ists?|ismes?|isms?"
                         r"|ees?|es|s|e)$")


def stem(word: str) -> str:
    """The stem a word shares with its derivations: its derivational ending cut, five letters
    at least (a shorter stem would match unrelated words), the word itself when short."""
    cut = _DERIVATION.sub("", word)
    return cut if len(cut) >= 5 else word[:max(5, len(cut))] if len(word) >= 6 else word


def _tag_words(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The words hashtags are made of (#VinsDeBordeaux: vins, de, bordeaux; #recettevegan stays
    one word), with the hashtag's span."""
    out = []
    for start, end, tag in hashtags(text):
        parts = _TAG_WORD.findall(tag) if tag != tag.lower() else [tag]
        out.extend((start, end, fold(w)) for w in parts)
    return out


def _any_word(text: str, kw: str, lang: str) -> list[tuple[int, int]]:
    """The first of the keyword's content words (4 letters or more) found in the text, in any
    of its inflections or derivations (its stem), or inside a hashtag (#VinsDeBordeaux says
    « Bordeaux »; a one-word tag of 10 letters or more holds it whole, #recettevegan)."""
    folded = folded_map(text)
    tags = None
    for word in content_words(kw, lang):
        if len(word) >= 4:
            m = re.search(r"(?<!\w)" + re.escape(word[:max(4, len(word) - 2)]), folded.text)
            if m is None and len(word) >= 6:
                m = re.search(r"(?<![\w#])" + re.escape(stem(word)), folded.text)
            if m:
                return [folded.span(m.start(), m.end())]
            tags = _tag_words(text, lang) if tags is None else tags
            root = stem(word) if len(word) >= 6 else word
            for start, end, part in tags:
                if part.startswith(root) or (len(part) >= 10 and len(word) >= 5 and word in part):
                    return [(start, end)]
    return []


def _title_stuffing(f: Findings, text: str, title: tuple, lang: str):
    """A title made of three or more parts split by « | » that say the same word again in
    three of them ("Liste camping | Check-list camping | Liste affaires camping famille"):
    keyword variants stacked for a search engine, not a title for a reader. Reference: Google
    Search Central, « Influencing your title links in search results » (avoid keyword
    stuffing: "Foobar, foo bar, foobars, foo bars"); a title and its brand, two parts, is
    the usual form and is left alone."""
    start, end = title
    segments = [seg for seg in text[start:end].split("|") if seg.strip()]
    if len(segments) < 3:
        return
    seen: dict[str, int] = {}
    for seg in segments:
        for root in {stem(w) for w in content_words(seg, lang) if len(w) >= 4}:
            seen[root] = seen.get(root, 0) + 1
    repeated = [root for root, n in seen.items() if n >= 3]
    if repeated:
        f.add("keywords.title_stuffing", "warning", start, end, count=len(segments))


def occurrences_strict(text: str, kw: str, lang: str) -> list[tuple[int, int]]:
    """The keyword said whole: its forms, a hashtag spelling it, or all its words."""
    return sorted(find_occurrences(text, kw, lang)) or _in_hashtags(text, kw, lang) or _all_words(text, kw, lang)


def occurrences(text: str, keywords, lang: str, loose: bool = False) -> dict:
    """Keyword -> sorted (start, end) of its occurrences in ``text`` (other forms included;
    a hashtag spelling it when the words are nowhere else; with ``loose``, one of its words),
    or None for a keyword made only of stop words."""
    out = {}
    for kw in keywords:
        kw = str(kw).strip()
        if not kw or kw in out:
            continue
        if not content_words(kw, lang):
            out[kw] = None  # a stop word: it cannot be matched meaningfully
            continue
        out[kw] = occurrences_strict(text, kw, lang) or (_any_word(text, kw, lang) if loose else [])
    return out


def check(f: Findings, p: Parsed, rules, occurrences: dict, lang: str, thresholds: dict,
          stats: dict):
    """The slot's keywords appear (lemma match), early, without stuffing; for articles,
    Yoast's keyphrase checks. Reference: Yoast SEO assessments (yoast.com/help: keyphrase
    in introduction, density 0.5-3 %, in subheadings, in SEO title, slug, length). In a
    feed, the post must say the main keyword, or another of the slot's keywords whole, and
    one of the main keyword's words is enough: a senior CM graded strong posts that say
    "bénévoles" for "bénévolat Angers" and "pistes ouvertes" for "enneigement, pistes
    ouvertes" (issue 12), and a newsletter is read in an inbox, not found by search
    (FEED_KINDS); search-driven networks (SEARCH_NETWORKS) keep every keyword, whole; a
    title of keyword variants between pipes is stuffing (_title_stuffing)."""
    kind = p.kind
    cut = rules.cut if rules and rules.cut else 0
    early = cut or 125
    searched = kind not in FEED_KINDS or (rules is not None and rules.key in SEARCH_NETWORKS)
    # In a feed the slot's keywords together name its subject: a post that says another of
    # them whole is on it (a strong ski bulletin giving "41 pistes ouvertes" for the slot's
    # "enneigement, pistes ouvertes": issue 12); one loose word of another keyword is not.
    on_subject = not searched and any(
        spans and occurrences_strict(p.text, kw, lang) for kw, spans in list(occurrences.items())[1:])
    for index, (kw, spans) in enumerate(occurrences.items()):
        if spans is None:
            f.add("keywords.stop_word", "info", keyword=kw)
            continue
        if not spans:
            if searched or (index == 0 and not on_subject):
                f.add("keywords.missing", "error" if index == 0 else "warning", keyword=kw)
            continue
        if kind == "caption" and index == 0 and p.title and rules is not None and rules.key in SEARCH_NETWORKS \
                and not any(p.title[0] <= s < p.title[1] for s, _ in spans):
            f.add("keywords.title_missing", "warning", *p.title, keyword=kw)  # a pin is found by its title
        if kind == "caption":
            first = spans[0][0]
            if searched and first >= early and not (cut and index == 0):
                f.add("keywords.late", "info", spans[0][0], spans[0][1], keyword=kw, limit=early)
            limit = thresholds.get("keyword_max_count", 0)
            if limit and len(spans) > limit:
                extra = spans[limit]
                f.add("keywords.stuffing", "warning", extra[0], extra[1], keyword=kw,
                      count=len(spans), limit=limit)
        elif kind == "email":
            if p.title and not any(p.title[0] <= s < p.title[1] for s, _ in spans) and index == 0:
                f.add("keywords.late", "info", *p.title, keyword=kw, limit=p.title[1] - p.title[0])
    if p.title:
        _title_stuffing(f, p.text, p.title, lang)
    if kind == "article" and occurrences:
        kw, spans = next(iter(occurrences.items()))
        if spans is not None:
            check_article(f, p, rules, kw, spans, lang, stats)

