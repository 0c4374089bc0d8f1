"""Post and article scoring: 0 to 100, sub-scores, and suggestions with the span they are about.

Every rule below names its reference; the figures come from ``data/network_rules.toml``
(what each network accepts and shows) and ``data/scoring_weights.toml`` (penalties, weights,
thresholds), and docs/scoring.md gives the reason for each rule. A finding takes its
penalty off its sub-score (at most three times per rule, so one habit does not sink a
post); the score is the weighted mean of the sub-scores that apply to the text, capped
when the post cannot be published as is (over the limit, empty). There is no randomness
and no clock: the same text always gets the same score.

The text is analysed by spaCy once (``core.language.readability.analyse``; ``score_many`` batches
with ``nlp.pipe``); every other rule is a regular expression or a word list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from core import networks as net
from core.language import typography
from core.i18n import t
from core.refdata import OBJECTIVES, load, load_words

SUBSCORES = ("length", "hook", "keywords", "readability", "cta", "hashtags", "engagement",
             "typography", "accessibility")
SEVERITIES = ("error", "warning", "info")
_PREFIX_TO_SUBSCORE = {
    "length": "length", "cut": "length", "hook": "hook", "keywords": "keywords", "seo": "keywords",
    "readability": "readability", "cta": "cta", "hashtags": "hashtags", "engagement": "engagement",
    "tone": "engagement", "typo": "typography", "a11y": "accessibility",
}
MAX_REPEAT = 3          # a rule's penalty counts at most this many times
MAX_SPAN_SUGGESTIONS = 10  # per rule, so a 100,000-character paste stays readable
VISUAL_FORMATS = {"image", "photo", "carrousel", "carousel", "video", "reel", "story", "pin",
                  "infographie", "infographic", "short", "document"}


def subscore_of(code: str) -> str | None:
    """The sub-score a suggestion code belongs to (None for notices such as ``lang.*``)."""
    return _PREFIX_TO_SUBSCORE.get(code.split(".", 1)[0])


@dataclass
class ScoreResult:
    score: int
    subscores: dict
    suggestions: list
    stats: dict = field(default_factory=dict)
    id: object = None

    def to_dict(self) -> dict:
        return {"score": self.score, "subscores": dict(self.subscores),
                "suggestions": [dict(s) for s in self.suggestions], "stats": self.stats}


# --- reference data ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def weights() -> dict:
    return load("scoring_weights.toml")


def _weights_for(kind: str, network: str | None) -> dict:
    w = dict(weights()["kinds"].get(kind, weights()["kinds"]["caption"])["weights"])
    w.update(weights().get("networks", {}).get(network or "", {}).get("weights", {}))
    return w


def _thresholds(kind: str) -> dict:
    return weights()["thresholds"].get(kind, weights()["thresholds"]["caption"])


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes made straight: for matching."""
    text = text.replace("’", "'").casefold()
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _phrase_regex(phrases) -> re.Pattern | None:
    items = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in items) + r")(?![\w])")


@lru_cache(maxsize=None)
def _cta_table(lang: str) -> dict[str, re.Pattern]:
    kinds: dict[str, list[str]] = {}
    for line in load_words(f"wordlists/scoring_cta_{lang}.txt"):
        kind, _, phrase = line.partition(":")
        kinds.setdefault(kind.strip(), []).append(phrase.strip())
    return {kind: _phrase_regex(phrases) for kind, phrases in kinds.items()}


@lru_cache(maxsize=None)
def _words_regex(name: str) -> re.Pattern | None:
    return _phrase_regex(load_words(f"wordlists/{name}"))


@lru_cache(maxsize=None)
def _folded_set(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in load_words(f"wordlists/{name}"))


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    if lang == "en":
        from spacy.lang.en.stop_words import STOP_WORDS
    else:
        from spacy.lang.fr.stop_words import STOP_WORDS
    return frozenset(fold(w) for w in STOP_WORDS)


# --- text structure ---------------------------------------------------------------------

_HASHTAG = re.compile(r"(?<![\w&#/])#([^\W_][\w]*)")
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"»”)]|$)|\n")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)?")
_META = re.compile(r"^\s*(titre seo|seo title|title|titre|m[ée]ta[- ]?description|meta description"
                   r"|description|slug|objet|subject|pr[ée][- ]?en[- ]?t[êe]te|preheader|preview)"
                   r"\s*:\s*(.*)$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$", re.M)
_TU = re.compile(r"(?<![\w])(tu|te|toi|ton|ta|tes|t['’](?=[^\W\d_]))(?![\w-])", re.IGNORECASE)
_VOUS = re.compile(r"(?<![\w])(vous|votre|vos|vôtre|vôtres)(?![\w])", re.IGNORECASE)
_EMOJI_PRONOUNS = {"je", "j", "on", "nous", "vous", "tu", "il", "elle", "ils", "elles", "le", "la",
                   "les", "un", "une", "des", "mon", "ma", "mes", "notre", "votre", "nos", "vos",
                   "i", "we", "you", "they", "the", "a", "my", "our", "your"}


@dataclass
class Parsed:
    text: str
    kind: str
    lines: list           # (start, end, stripped text) of non-empty lines
    title: tuple | None = None       # (start, end) of the title/subject line
    preheader: tuple | None = None
    meta: dict = field(default_factory=dict)   # name -> (start, end, value)
    headings: list = field(default_factory=list)  # (start, end) of subheadings (## …)
    body_start: int = 0
    hook: tuple | None = None       # (start, end) of the hook


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end(), m.group().strip()))
    return out


def _first_sentence_end(text: str, start: int) -> int:
    m = _SENTENCE_END.search(text, start)
    return m.end() if m else len(text)


def _meta_name(name: str) -> str:
    n = fold(name).replace("-", " ").replace("  ", " ")
    if n in ("titre seo", "seo title", "title", "titre", "objet", "subject"):
        return "title"
    if "description" in n:
        return "meta"
    if n == "slug":
        return "slug"
    return "preheader"


def parse(text: str, rules: net.NetworkRules | None) -> Parsed:
    """Split a draft into what each network shows: title, pre-header, body, hook.

    Articles: ``# Title`` or a ``Titre SEO :`` line, ``Méta-description :``, ``Slug :``
    lines at the top, ``## Subheadings``. E-mails: first line = subject (``Objet :``
    optional), a ``Pré-en-tête :`` line. Pinterest and YouTube: with several lines, the
    first one is the title.
    """
    kind = rules.text_kind if rules else "caption"
    lines = _lines(text)
    p = Parsed(text=text, kind=kind, lines=lines)
    if kind in ("article", "email"):
        index = 0
        while index < len(lines):
            start, end, stripped = lines[index]
            m = _META.match(text[start:end])
            if not m:
                break
            name = _meta_name(m.group(1))
            value_start = start + m.start(2)
            p.meta[name] = (value_start, end, m.group(2).strip())
            index += 1
        if kind == "article":
            p.headings = [(m.start(2), m.end(2)) for m in _HEADING.finditer(text) if len(m.group(1)) >= 2]
            h1 = next((m for m in _HEADING.finditer(text) if len(m.group(1)) == 1), None)
            if "title" in p.meta:
                p.title = p.meta["title"][:2]
            elif h1:
                p.title = (h1.start(2), h1.end(2))
        else:
            if "title" in p.meta:
                p.title = p.meta["title"][:2]
            elif index < len(lines):
                p.title = lines[index][:2]
                index += 1
            if "preheader" in p.meta:
                p.preheader = p.meta["preheader"][:2]
            p.hook = p.title
        p.body_start = lines[index][0] if index < len(lines) else len(text)
        return p
    if rules is not None and rules.get("title_max") and len(lines) > 1:
        p.title = lines[0][:2]
    if lines:
        start = lines[0][0]
        end = min(lines[0][1], _first_sentence_end(text, start))
        p.hook = (start, end)
    return p


def hashtags(text: str) -> list[tuple[int, int, str]]:
    """(start, end, tag without '#') of each hashtag, URLs excluded."""
    urls = net.find_urls(text)
    return [(m.start(), m.end(), m.group(1)) for m in _HASHTAG.finditer(text)
            if not any(s <= m.start() < e for s, e in urls)]


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


# --- the rules ---------------------------------------------------------------------------

class _Findings:
    def __init__(self, ui_lang: str):
        self.items: list[dict] = []
        self.ui_lang = ui_lang
        self.per_code: dict[str, int] = {}

    def add(self, code: str, severity: str, start: int = 0, end: int = 0, fix=None,
            message_key: str | None = None, **params):
        n = self.per_code.get(code, 0)
        self.per_code[code] = n + 1
        if n >= MAX_SPAN_SUGGESTIONS:
            return
        self.items.append({
            "code": code, "severity": severity,
            "message": t("score." + (message_key or code), self.ui_lang, **params),
            "start": int(start), "end": int(end), "fix": fix,
        })


def _rule_length(f: _Findings, p: Parsed, rules, stats: dict, main_kw_first: int | None):
    """Fits the network (its own way of counting) and keeps the message before the cut.

    Reference: data/network_rules.toml (max_length, count, cut, title_max, subject_max).
    """
    text = p.text
    if not text.strip():
        f.add("length.empty", "error")
        return
    if rules is None:
        return
    body_start = p.title[1] if (p.title and p.kind == "caption") else 0
    body = text[body_start:]
    counted = net.length(body, rules)
    stats["length"] = counted
    if rules.max_length and counted > rules.max_length:
        cut_at = body_start + net.offset_at_length(body, rules, rules.max_length)
        f.add("length.over_limit", "error", cut_at, len(text), network=rules.label,
              limit=rules.max_length, length=counted, over=counted - rules.max_length)
    elif rules.ideal_max and counted > rules.ideal_max:
        f.add("length.over_ideal", "info", 0, len(text), network=rules.label, ideal=rules.ideal_max,
              length=counted)
    title_max = rules.get("title_max")
    if p.kind == "caption" and title_max and p.title:
        tlen = p.title[1] - p.title[0]
        if tlen > title_max:
            f.add("length.title_over_limit", "error", p.title[0] + title_max, p.title[1],
                  limit=title_max, length=tlen)
    if p.kind == "email":
        if not p.title:
            f.add("length.subject_missing", "error")
        else:
            slen = p.title[1] - p.title[0]
            if slen > rules.get("subject_max", 60):
                f.add("length.subject_too_long", "warning", p.title[0], p.title[1],
                      limit=rules.get("subject_max", 60), length=slen)
        if p.preheader:
            plen = p.preheader[1] - p.preheader[0]
            lo, hi = rules.get("preheader_min", 40), rules.get("preheader_max", 130)
            if not lo <= plen <= hi:
                f.add("length.preheader_length", "info", *p.preheader, low=lo, high=hi, length=plen)
    if p.kind == "article":
        words = count_words(text[p.body_start:])
        stats["article_words"] = words
        minimum = rules.get("min_words", 300)
        if words < minimum * 2 // 3:
            f.add("length.too_short_article", "error", 0, 0, words=words, minimum=minimum)
        elif words < minimum:
            f.add("length.short_article", "warning", 0, 0, words=words, minimum=minimum)
    if rules.cut and len(text) > rules.cut:
        visible, _ = net.preview(text, rules)
        cut = len(visible)
        first_end = _first_sentence_end(text, p.lines[0][0]) if p.lines else 0
        if first_end > cut:
            f.add("cut.first_sentence_after_cut", "warning", cut, first_end, network=rules.label,
                  cut=rules.cut)
        if main_kw_first is not None and main_kw_first[0] >= cut:
            f.add("cut.keyword_after_cut", "warning", main_kw_first[0], main_kw_first[1],
                  network=rules.label, cut=rules.cut)


def _rule_hook(f: _Findings, p: Parsed, lang: str, brand, thresholds: dict):
    """The first line makes people read on: short, a question, a number or a benefit;
    not a greeting nor the brand's name. Reference: issue 4; Hootsuite and HubSpot
    copywriting guides (first 125 characters decide whether the caption is opened)."""
    if p.kind == "article" or not p.text.strip():
        return
    if not p.hook:
        f.add("hook.empty", "warning")
        return
    start, end = p.hook
    hook = p.text[start:end]
    folded = fold(hook).strip()
    letters = fold(re.sub(r"[^\w\s'’-]", " ", hook)).strip()
    words = count_words(hook)
    limit = thresholds.get("hook_max_words", 0)
    if limit and words > limit:
        f.add("hook.too_long", "warning", start, end, words=words, limit=limit)
    greetings = _words_regex("scoring_hook_greetings.txt")
    m = greetings.match(letters) if greetings else None
    weak_opening = bool(m)
    if m:
        f.add("hook.greeting", "warning", start, start + len(hook) - len(hook.lstrip()) + m.end(),
              word=hook.strip()[:m.end()])
    brand_name = getattr(brand, "name", "") if brand is not None else ""
    if brand_name and (letters.startswith(fold(brand_name)) or folded.lstrip("#").startswith(fold(brand_name).replace(" ", ""))):
        f.add("hook.brand_name", "info", start, end, brand=brand_name)
        weak_opening = True
    benefit = _words_regex(f"scoring_hook_benefit_{'en' if lang == 'en' else 'fr'}.txt")
    if not weak_opening and "?" not in hook and not re.search(r"\d", hook) and not (benefit and benefit.search(folded)):
        f.add("hook.no_trigger", "info", start, end)


def _keyword_occurrences(text: str, keywords, lang: str, finder) -> dict:
    out = {}
    for kw in keywords:
        kw = str(kw).strip()
        if not kw or kw in out:
            continue
        content = [w for w in re.findall(r"[^\W\d_]+|\d+", fold(kw)) if w not in _stop_words(lang)]
        if not content:
            out[kw] = None  # a stop word: it cannot be matched meaningfully
            continue
        out[kw] = sorted(finder(text, kw, lang))
    return out


def _rule_keywords(f: _Findings, p: Parsed, rules, occurrences: dict, lang: str,
                   thresholds: dict, stats: dict):
    """The slot's keywords appear (lemma match), early, without stuffing; for articles,
    Yoast's keyphrase checks. Reference: Yoast SEO assessments (yoast.com/help: keyphrase
    in introduction, density 0.5-3 %, in subheadings, in SEO title, slug, length)."""
    kind = p.kind
    cut = rules.cut if rules and rules.cut else 0
    early = cut or 125
    for index, (kw, spans) in enumerate(occurrences.items()):
        if spans is None:
            f.add("keywords.stop_word", "info", keyword=kw)
            continue
        if not spans:
            f.add("keywords.missing", "error" if index == 0 else "warning", keyword=kw)
            continue
        if kind == "caption":
            first = spans[0][0]
            if first >= early and not (cut and index == 0):
                f.add("keywords.late", "info", spans[0][0], spans[0][1], keyword=kw, limit=early)
            limit = thresholds.get("keyword_max_count", 0)
            if limit and len(spans) > limit:
                extra = spans[limit]
                f.add("keywords.stuffing", "warning", extra[0], extra[1], keyword=kw,
                      count=len(spans), limit=limit)
        elif kind == "email":
            if p.title and not any(p.title[0] <= s < p.title[1] for s, _ in spans) and index == 0:
                f.add("keywords.late", "info", *p.title, keyword=kw, limit=p.title[1] - p.title[0])
    if kind == "article" and occurrences:
        kw, spans = next(iter(occurrences.items()))
        if spans is not None:
            _article_seo(f, p, rules, kw, spans, lang, stats)


def _article_seo(f: _Findings, p: Parsed, rules, kw: str, spans: list, lang: str, stats: dict):
    text = p.text
    content = [w for w in re.findall(r"[^\W\d_]+|\d+", fold(kw)) if w not in _stop_words(lang)]
    if len(content) > 4:
        f.add("seo.keyphrase_length", "warning", keyword=kw, words=len(content))
    # introduction: the first paragraph of the body that is not a heading
    body = text[p.body_start:]
    intro = None
    for m in re.finditer(r"(?:[^\n]+\n?)+", body):
        block = m.group()
        if block.strip() and not block.lstrip().startswith("#"):
            intro = (p.body_start + m.start(), p.body_start + m.end())
            break
    if intro:
        if not any(intro[0] <= s < intro[1] for s, _ in spans):
            folded = fold(text[intro[0]:intro[1]])
            if all(re.search(r"(?<!\w)" + re.escape(w[:5]), folded) for w in content):
                f.add("seo.keyphrase_intro_split", "info", *intro, keyword=kw)
            else:
                f.add("seo.keyphrase_intro_missing", "warning", *intro, keyword=kw)
    words = max(count_words(body), 1)
    # Yoast weighs density by the keyphrase's length: 0.7 + words / 3 (keyphraseLengthFactor).
    density = round(100.0 * len(spans) / words * (0.7 + len(content) / 3), 2)
    stats["keyphrase_density"] = density
    lo, hi = rules.get("density_min", 0.5), rules.get("density_max", 3.0)
    if density < lo or len(spans) == 1:
        f.add("seo.density_low", "warning", keyword=kw, density=density, low=lo, count=len(spans))
    elif density > hi:
        f.add("seo.density_high", "warning", *spans[-1], keyword=kw, density=density, high=hi,
              count=len(spans))
    every = rules.get("subheading_every", 300)
    if not p.headings:
        if words > every:
            f.add("seo.subheadings_none", "warning", words=words, every=every)
        f.add("seo.keyphrase_subheadings", "info", message_key="seo.keyphrase_subheadings_none", keyword=kw)
    else:
        bounds = [p.body_start] + [s for s, _ in p.headings] + [len(text)]
        for a, b in zip(bounds, bounds[1:]):
            n = count_words(re.sub(_HEADING, "", text[a:b]))
            if n > every:
                f.add("seo.subheading_distribution", "info", a, b, words=n, every=every)
        with_kw = sum(1 for s, e in p.headings if any(s <= x < e for x, _ in spans))
        share = 100 * with_kw / len(p.headings)
        if len(p.headings) > 1 and not 30 <= share <= 75:
            f.add("seo.keyphrase_subheadings", "info", keyword=kw, share=round(share), count=with_kw,
                  total=len(p.headings))
    if not p.title:
        f.add("seo.title_missing", "warning")
    else:
        tlen = p.title[1] - p.title[0]
        lo_t, hi_t = rules.get("title_min", 50), rules.get("title_max", 60)
        if not lo_t <= tlen <= hi_t:
            f.add("seo.title_length", "info", *p.title, low=lo_t, high=hi_t, length=tlen)
        in_title = [s for s, _ in spans if p.title[0] <= s < p.title[1]]
        if not in_title:
            f.add("seo.keyphrase_title_missing", "warning", *p.title, keyword=kw)
        elif in_title[0] - p.title[0] > 0 and p.text[p.title[0]:in_title[0]].strip():
            f.add("seo.keyphrase_title_late", "info", *p.title, keyword=kw)
    meta = p.meta.get("meta")
    if not meta or not meta[2]:
        f.add("seo.meta_missing", "warning")
    else:
        mlen = len(meta[2])
        lo_m, hi_m = rules.get("meta_min", 120), rules.get("meta_max", 156)
        if not lo_m <= mlen <= hi_m:
            f.add("seo.meta_length", "info", meta[0], meta[1], low=lo_m, high=hi_m, length=mlen)
    slug = p.meta.get("slug")
    if not slug or not slug[2]:
        f.add("seo.slug_keyphrase", "info", message_key="seo.slug_missing", keyword=kw)
    else:
        slug_words = fold(slug[2]).replace("-", " ").replace("_", " ")
        if not all(re.search(r"(?<!\w)" + re.escape(w[:5]), slug_words) for w in content):
            f.add("seo.slug_keyphrase", "info", slug[0], slug[1], keyword=kw)


def _rule_readability(f: _Findings, p: Parsed, r, thresholds: dict):
    """Readability from the language engine, with thresholds suited to the format.
    Reference: Yoast readability analysis (sentence length 25 %, passive 10 %, transition
    words 30 %, paragraphs 150 words, Flesch 60) relaxed or dropped for captions."""
    if r is None or getattr(r, "words", 0) < 10:
        return
    flesch = getattr(r, "flesch", None)
    if flesch is not None and flesch < thresholds["flesch_min"]:
        f.add("readability.flesch_low", "warning", flesch=round(flesch), minimum=thresholds["flesch_min"])
    long_share = getattr(r, "long_sentence_share", 0) or 0
    if long_share > thresholds["long_sentence_share"]:
        f.add("readability.long_sentences", "warning", share=round(long_share),
              limit=thresholds["long_sentence_share"])
    for item in (getattr(r, "sentences_to_fix", None) or []):
        reason = str(item.get("reason", ""))
        params = {"words": item.get("words", ""), "word": item.get("word", "")}
        text_reason = t("score.reason." + reason, f.ui_lang, **params) if reason else ""
        if text_reason.startswith("score.reason."):
            text_reason = reason
        f.add("readability.sentence", "info", item.get("start", 0), item.get("end", 0),
              reason=text_reason)
    if thresholds.get("passive_share") and (getattr(r, "passive_share", 0) or 0) > thresholds["passive_share"]:
        f.add("readability.passive", "warning", share=round(r.passive_share), limit=thresholds["passive_share"])
    if thresholds.get("transition_share") and getattr(r, "sentences", 0) >= 5 and \
            (getattr(r, "transition_share", 0) or 0) < thresholds["transition_share"]:
        f.add("readability.transitions", "info", share=round(r.transition_share),
              minimum=thresholds["transition_share"])
    longest = getattr(r, "longest_paragraph_words", 0) or 0
    if p.kind == "article":
        # Yoast reads paragraphs as <p>: blocks between blank lines (a single newline is <br>).
        blocks = [b for b in re.split(r"\n[ \t]*\n", p.text[p.body_start:]) if not b.lstrip().startswith("#")]
        longest = max([longest] + [count_words(b) for b in blocks])
    if longest > thresholds["paragraph_max_words"]:
        f.add("readability.paragraph_long", "warning", words=longest, limit=thresholds["paragraph_max_words"])


def _expected_cta(objective: str | None) -> str | None:
    if not objective:
        return None
    objective = str(objective).strip().lower()
    if objective in OBJECTIVES:
        return OBJECTIVES[objective].get("cta")
    kinds = {v.get("cta") for v in OBJECTIVES.values()} | {"link_in_bio"}
    return objective if objective in kinds else None


def _rule_cta(f: _Findings, p: Parsed, rules, lang: str, objective: str | None, stats: dict):
    """A call to action matching the post's objective; "lien en bio" where links are not
    clickable. Reference: data/objectives.toml (objective -> kind of CTA), issue 4."""
    text = p.text
    if not text.strip():
        return
    folded = fold(text)
    found = {kind for kind, rx in _cta_table("en" if lang == "en" else "fr").items()
             if rx is not None and rx.search(folded)}
    if "?" in text:
        found.add("comment")
    if "link_in_bio" in found:
        found.add("click")
    stats["cta"] = sorted(found)
    expected = _expected_cta(objective)
    clickable = rules.links_clickable if rules else True
    urls = net.find_urls(text)
    if urls and not clickable:
        for s, e in urls:
            f.add("cta.link_not_clickable", "warning", s, e, network=rules.label)
    if not found:
        if expected == "click" and not clickable:
            f.add("cta.missing", "warning", message_key="cta.missing_link_in_bio", network=rules.label)
        elif expected:
            f.add("cta.missing", "warning", message_key="cta.missing_kind",
                  kind=t("score.cta_kind." + expected, f.ui_lang))
        else:
            f.add("cta.missing", "warning")
    elif expected and expected not in found:
        f.add("cta.other_objective", "info", kind=t("score.cta_kind." + expected, f.ui_lang))


def _rule_hashtags(f: _Findings, p: Parsed, rules, brand, stats: dict):
    """Count in the recommended range, no space or punctuation inside, CamelCase, no
    banned or overused tag, the brand's own. Reference: data/network_rules.toml
    (Instagram's cap of 5 since December 2025), Instagram Community Guidelines."""
    text = p.text
    tags = hashtags(text)
    stats["hashtags"] = len(tags)
    if p.kind != "caption" or rules is None:
        if tags and rules is not None:
            f.add("hashtags.not_used", "info", tags[0][0], tags[-1][1], network=rules.label)
        return
    if rules.hashtag_max == 0 and rules.hashtag_min == 0:
        if tags:
            f.add("hashtags.not_used", "warning", tags[0][0], tags[-1][1], network=rules.label)
        return
    n = len(tags)
    if rules.hashtag_cap and n > rules.hashtag_cap:
        f.add("hashtags.over_cap", "error", tags[rules.hashtag_cap][0], tags[-1][1], network=rules.label,
              count=n, cap=rules.hashtag_cap)
    elif n > rules.hashtag_max:
        f.add("hashtags.too_many", "warning", tags[rules.hashtag_max][0], tags[-1][1], network=rules.label,
              count=n, high=rules.hashtag_max)
    elif n < rules.hashtag_min:
        f.add("hashtags.too_few", "info", network=rules.label, count=n, low=rules.hashtag_min,
              high=rules.hashtag_max)
    for m in re.finditer(r"(?:(?<=\s)|^)# (?=[^\W\d_]{2,})([^\W\d_]+)", text, re.M):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() == line_start:
            continue  # a Markdown heading, not a hashtag
        f.add("hashtags.malformed", "warning", m.start(), m.end(), "#" + m.group(1), tag="# " + m.group(1))
    banned, overused = _folded_set("scoring_banned_hashtags.txt"), _folded_set("scoring_overused_hashtags.txt")
    seen = set()
    for start, end, tag in tags:
        rest = re.match(r"(?:[-'’][^\W\d_]+)+", text[end:])
        if rest:
            parts = [tag] + re.split(r"[-'’]", rest.group())[1:]
            fixed = "#" + "".join(w[:1].upper() + w[1:] for w in parts if w)
            f.add("hashtags.malformed", "warning", start, end + rest.end(), fixed,
                  tag=text[start:end + rest.end()])
        key = fold(tag)
        listed = key in banned or key in overused
        if key in banned:
            f.add("hashtags.banned", "error", start, end, tag="#" + tag)
        elif key in overused:
            f.add("hashtags.overused", "info", start, end, tag="#" + tag)
        if key in seen:
            f.add("hashtags.duplicate", "warning", start, end, "", tag="#" + tag)
        seen.add(key)
        letters = re.sub(r"[\d_]", "", tag)
        if len(letters) >= 13 and letters == letters.lower() and not rest and not listed:
            f.add("hashtags.camel_case", "info", start, end, tag="#" + tag)
    brand_tag = (getattr(brand, "brand_hashtag", "") or "").strip().lstrip("#") if brand is not None else ""
    if brand_tag and fold(brand_tag) not in seen and rules.hashtag_max > 0:
        f.add("hashtags.brand_missing", "info", tag="#" + brand_tag)


def _rule_engagement(f: _Findings, p: Parsed, lang: str, brand, objective, thresholds: dict,
                     stats: dict):
    """A question or an invitation to answer where the objective is engagement; emoji
    consistent with the brand's tone; one form of address (tu/vous) matching the brand;
    no word the brand avoids. Reference: the brand brief (tone), issue 4."""
    text = p.text
    if not text.strip():
        return
    if _expected_cta(objective) == "comment":
        rx = _cta_table("en" if lang == "en" else "fr").get("comment")
        if "?" not in text and not (rx and rx.search(fold(text))):
            f.add("engagement.no_question", "warning")
    emojis = net.emoji_spans(text)
    stats["emojis"] = len(emojis)
    if brand is not None and getattr(brand, "emojis", True) is False:
        for s, e in emojis:
            f.add("tone.emoji_forbidden", "warning", s, e, "")
    else:
        words = max(count_words(text), 1)
        per100 = 100 * len(emojis) / words
        if len(emojis) >= 4 and per100 > thresholds["emoji_max_per_100_words"]:
            f.add("tone.emoji_excess", "info", count=len(emojis), words=words)
    if lang == "fr":
        urls = net.find_urls(text)
        tu = [m for m in _TU.finditer(text) if not _in_hashtag_or_url(text, m.start(), urls)]
        vous = [m for m in _VOUS.finditer(text) if not _in_hashtag_or_url(text, m.start(), urls)]
        address = getattr(brand, "address", None) if brand is not None else None
        if address == "vous" and tu:
            for m in tu:
                f.add("tone.address_mismatch", "warning", m.start(), m.end(), expected="vous",
                      found=m.group())
        elif address == "tu" and vous:
            for m in vous:
                f.add("tone.address_mismatch", "warning", m.start(), m.end(), expected="tu",
                      found=m.group())
        elif address not in ("tu", "vous") and tu and vous:
            minority = tu if len(tu) <= len(vous) else vous
            for m in minority:
                f.add("tone.address_mixed", "warning", m.start(), m.end(), found=m.group())
    avoid = [w for w in (getattr(brand, "words_to_avoid", None) or []) if str(w).strip()] if brand is not None else []
    if avoid:
        rx = _phrase_regex([str(w) for w in avoid])
        folded = fold(text)
        if rx and len(folded) == len(text):
            for m in rx.finditer(folded):
                f.add("tone.word_to_avoid", "warning", m.start(), m.end(), word=text[m.start():m.end()])


def _in_hashtag_or_url(text: str, pos: int, urls) -> bool:
    if any(s <= pos < e for s, e in urls):
        return True
    m = re.search(r"#[\w]*$", text[max(0, pos - 60):pos])
    return bool(m)


def _rule_accessibility(f: _Findings, p: Parsed, rules, fmt: str | None):
    """Alt text for visuals, emoji not replacing words, no emoji runs, links not bare.
    Reference: WCAG 2.2 (1.1.1 non-text content, 2.4.4 link purpose) and the
    accessibility guides of the French government's DINUM for social networks."""
    text = p.text
    fmt_key = (fmt or "").strip().lower()
    visuals = set(rules.visual_formats) if rules else set()
    if fmt_key and (fmt_key in visuals or fmt_key in VISUAL_FORMATS):
        f.add("a11y.alt_text", "info", format=fmt)
    emojis = net.emoji_spans(text)
    run_start, run_end, run_len = None, None, 0
    for s, e in emojis:
        if run_end is not None and text[run_end:s].strip() == "":
            run_len += 1
            run_end = e
        else:
            if run_len >= 3:
                f.add("a11y.emoji_run", "info", run_start, run_end, count=run_len)
            run_start, run_end, run_len = s, e, 1
        before = re.search(r"([^\W\d_]+)(['’]?)\s?$", text[max(0, s - 30):s])
        after = re.match(r"\s?[a-zà-öø-ÿ]", text[e:e + 3])
        if before and after and (before.group(2) or fold(before.group(1)) in _EMOJI_PRONOUNS):
            f.add("a11y.emoji_as_word", "warning", s, e, emoji=text[s:e])
    if run_len >= 3:
        f.add("a11y.emoji_run", "info", run_start, run_end, count=run_len)
    if rules is None or rules.links_clickable:
        for s, e in net.find_urls(text):
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            line_end = len(text) if line_end < 0 else line_end
            rest = text[line_start:s] + text[e:line_end]
            if not re.search(r"[^\W\d_]{2,}", rest):
                f.add("a11y.bare_link", "info", s, e)


def _rule_typography(f: _Findings, p: Parsed, lang: str):
    """French typography (Imprimerie nationale) or English (Chicago); see core.language.typography."""
    for issue in typography.check(p.text, "en" if lang == "en" else "fr"):
        f.add(issue["code"], issue["severity"], issue["start"], issue["end"], issue["fix"])


# --- assembling -----------------------------------------------------------------------

def _resolve_lang(text: str, lang: str | None) -> tuple[str, dict]:
    from core.language import detect as language

    info: dict = {}
    if lang in ("fr", "en"):
        return lang, info
    detection = language.detect(text)
    info = {"detected": detection.lang, "mixed": bool(detection.mixed)}
    return (detection.lang if detection.lang in ("fr", "en") else "fr"), info


def _brand_get(brand, name, default=None):
    if brand is None:
        return default
    if isinstance(brand, dict):
        return brand.get(name, default)
    return getattr(brand, name, default)


class _BrandView:
    """A Brand model, a flat dict or a brief (``{"brand": …, "tone": …}``, core.brief),
    seen through the attributes the rules read."""

    def __init__(self, brand):
        info = tone = brand
        if isinstance(brand, dict) and isinstance(brand.get("brand"), dict):
            info, tone = brand["brand"], brand.get("tone") or {}
        self.name = _brand_get(info, "name", "") or ""
        self.brand_hashtag = _brand_get(info, "brand_hashtag", "") or ""
        self.address = _brand_get(tone, "address", None)
        emojis = _brand_get(tone, "emojis", True)
        self.emojis = True if emojis is None else bool(emojis)
        self.words_to_avoid = list(_brand_get(tone, "words_to_avoid", []) or [])


def _compute(text, network, keywords, lang, lang_info, objective, fmt, brand, ui_lang,
             readability, finder) -> ScoreResult:
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    text = text.replace("\r\n", "\n")
    rules = net.rules(network)
    kind = rules.text_kind if rules else "caption"
    thresholds = _thresholds(kind)
    brand_view = _BrandView(brand) if brand is not None else None
    f = _Findings(ui_lang if ui_lang in ("fr", "en") else "fr")
    stats: dict = {"lang": lang, "network": rules.key if rules else (network or None), "text_kind": kind,
                   "chars": len(text), "words": count_words(text), "length": len(text),
                   "max_length": rules.max_length if rules else None, "cut": rules.cut if rules else None,
                   "links": len(net.find_urls(text)), "errors": []}
    if lang_info:
        stats["detected_lang"] = lang_info.get("detected")
        if lang_info.get("detected") not in ("fr", "en", "unknown", None):
            f.add("lang.unsupported", "info", lang=lang_info.get("detected"))
        if lang_info.get("mixed"):
            f.add("lang.mixed", "info")
    if rules is None:
        f.add("network.unknown", "info", network=str(network or ""),
              valid=", ".join(net.known_networks()))
    p = parse(text, rules)
    kws = [str(k) for k in (keywords or ()) if str(k).strip()]
    occurrences: dict = {}

    def guarded(name, fn, *args):
        try:
            fn(*args)
        except Exception as exc:  # a rule must never take the whole score down
            stats["errors"].append(f"{name}: {exc.__class__.__name__}: {exc}")

    guarded("keywords", lambda: occurrences.update(_keyword_occurrences(text, kws, lang, finder)))
    stats["keywords"] = {k: ({"count": len(v), "first": v[0][0] if v else None} if v is not None else None)
                         for k, v in occurrences.items()}
    main_first = None
    if occurrences:
        first_spans = next(iter(occurrences.values()))
        main_first = tuple(first_spans[0]) if first_spans else None
    guarded("length", _rule_length, f, p, rules, stats, main_first)
    if text.strip():
        guarded("hook", _rule_hook, f, p, lang, brand_view, thresholds)
        guarded("keywords", _rule_keywords, f, p, rules, occurrences, lang, thresholds, stats)
        guarded("readability", _rule_readability, f, p, readability, thresholds)
        guarded("cta", _rule_cta, f, p, rules, lang, objective, stats)
        guarded("hashtags", _rule_hashtags, f, p, rules, brand_view, stats)
        guarded("engagement", _rule_engagement, f, p, lang, brand_view, objective, thresholds, stats)
        guarded("typography", _rule_typography, f, p, lang)
        guarded("accessibility", _rule_accessibility, f, p, rules, fmt)
    if readability is not None and hasattr(readability, "to_dict"):
        try:
            stats["readability"] = readability.to_dict()
        except Exception:
            stats["readability"] = None
    applicable = {"length", "cta", "engagement", "typography", "accessibility"} if text.strip() else {"length"}
    if kind != "article" and text.strip():
        applicable.add("hook")
    if occurrences:
        applicable.add("keywords")
    if readability is not None and getattr(readability, "words", 0) >= 10:
        applicable.add("readability")
    if kind == "caption" and rules is not None and (rules.hashtag_max or stats.get("hashtags")):
        applicable.add("hashtags")
    elif stats.get("hashtags"):
        applicable.add("hashtags")
    if not text.strip():
        applicable = {"length"}
    penalties = weights()["penalties"]
    counts: dict[str, int] = dict(f.per_code)
    subscores = {}
    for name in SUBSCORES:
        if name not in applicable:
            continue
        lost = sum(penalties.get(code, 0) * min(n, MAX_REPEAT)
                   for code, n in counts.items() if subscore_of(code) == name)
        subscores[name] = int(max(0, min(100, 100 - lost)))
    w = _weights_for(kind, rules.key if rules else None)
    total_weight = sum(w.get(name, 0) for name in subscores)
    if not text.strip():
        overall = 0
    elif total_weight <= 0:
        overall = int(round(sum(subscores.values()) / max(len(subscores), 1)))
    else:
        overall = int(round(sum(w.get(name, 0) * s for name, s in subscores.items()) / total_weight))
    for code, cap in weights().get("caps", {}).items():
        if counts.get(code):
            overall = min(overall, int(cap))
    overall = max(0, min(100, overall))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    suggestions = sorted(f.items, key=lambda s: (order.get(s["severity"], 9), s["start"], s["end"], s["code"]))
    stats["applicable"] = [n for n in SUBSCORES if n in subscores]
    return ScoreResult(score=overall, subscores=subscores, suggestions=suggestions, stats=stats)


def _finder():
    from core.language import keywords as kw_mod

    return kw_mod.find_occurrences


def _analyse(texts: list[str], lang: str) -> list:
    from core.language import readability

    if len(texts) == 1:
        return [readability.analyse(texts[0], lang=lang)]
    return list(readability.analyse_many(texts, lang=lang))


def _safe_analyse(texts, lang, errors):
    try:
        return _analyse(texts, lang)
    except Exception as exc:  # the language engine failing must not lose the other rules
        errors.append(f"readability: {exc.__class__.__name__}: {exc}")
        return [None] * len(texts)


def score(text, network, *, keywords=(), lang=None, objective=None, format=None, brand=None,
          ui_lang="fr") -> ScoreResult:
    """Score one draft for ``network``. Never raises on any text; always 0..100."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    resolved, info = _resolve_lang(text, lang if lang != "auto" else None)
    errors: list[str] = []
    readability = _safe_analyse([text], resolved, errors)[0] if text.strip() else None
    result = _compute(text, network, keywords, resolved, info, objective, format, brand, ui_lang,
                      readability, _finder())
    result.stats["errors"] = errors + result.stats["errors"]
    return result


def score_many(items: list[dict], brand=None, ui_lang: str = "fr") -> list[ScoreResult]:
    """Score many drafts, analysing each language's texts in one ``nlp.pipe`` batch.

    Each item: ``{"id", "text", "network", "keywords", "lang", "objective", "format"}``
    (all optional but ``text``); results come back in the same order, with their ``id``.
    """
    prepared = []
    for item in items:
        item = item if isinstance(item, dict) else {"text": item}
        text = item.get("text")
        text = text if isinstance(text, str) else ("" if text is None else str(text))
        lang = item.get("lang")
        resolved, info = _resolve_lang(text, lang if lang != "auto" else None)
        prepared.append((item, text, resolved, info))
    analyses: list = [None] * len(prepared)
    errors: list[str] = []
    for lang in ("fr", "en"):
        indexes = [i for i, (_, text, res, _) in enumerate(prepared) if res == lang and text.strip()]
        if not indexes:
            continue
        results = _safe_analyse([prepared[i][1] for i in indexes], lang, errors)
        for i, r in zip(indexes, results):
            analyses[i] = r
    finder = _finder()
    out = []
    for (item, text, resolved, info), r in zip(prepared, analyses):
        keywords = item.get("keywords") or ()
        if isinstance(keywords, str):
            keywords = [keywords]
        result = _compute(text, item.get("network"), keywords, resolved, info, item.get("objective"),
                          item.get("format"), brand, ui_lang, r, finder)
        result.stats["errors"] = errors + result.stats["errors"]
        result.id = item.get("id")
        out.append(result)
    return out


def apply_fix(text: str, suggestion: dict) -> str:
    """``text`` with one suggestion's fix applied (unchanged when it has none)."""
    if suggestion.get("fix") is None:
        return text
    return typography.apply(text, suggestion["start"], suggestion["end"], suggestion["fix"])
