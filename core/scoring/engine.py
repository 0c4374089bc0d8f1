"""Post and article scoring: 0 to 100, sub-scores, and suggestions with the span they are about.

``score``, ``score_many`` and ``apply_fix`` run the rules (``core.scoring.rules``, one module
a family, each naming its reference) on the draft as its network shows it
(``core.scoring.draft``) and weigh their findings into the score. The figures come from
``data/network_rules.toml`` (what each network accepts and shows) and
``data/scoring_weights.toml`` (penalties, weights, thresholds), and docs/scoring.md gives
the reason for each rule. A finding takes its penalty off its sub-score (at most three
times per rule, so one habit does not sink a post); the score is the weighted mean of the
sub-scores that apply to the text, capped when the post cannot be published as is (over
the limit, empty). There is no randomness and no clock: the same text always gets the same
score.

The text is analysed by spaCy once (``core.language.readability.analyse``; ``score_many`` batches
with ``nlp.pipe``) and, in French, checked by Grammalecte once (``core.language.grammar``;
``score_many`` sends every text in one ``check_many``); every other rule is a regular
expression or a word list. When Grammalecte cannot answer, the result says grammar went
unchecked (``ScoreResult.grammar``) and the grammar sub-score is left out, never shown full.
"""

from __future__ import annotations

import math
from functools import lru_cache

from core import networks as net
from core.language.text import find_urls
from core.i18n import t
from core.language import grammar as gc
from core.language import typography
from core.language.detect import detect
from core.language.readability import analyse, analyse_many
from core.refdata import load
from core.scoring import rules
from core.scoring.draft import parse, reply_body
from core.scoring.result import MAX_REPEAT, SEVERITIES, SUBSCORES, Findings, ScoreResult, subscore_of
from core.scoring.words import count_words


@lru_cache(maxsize=1)
def weights() -> dict:
    """data/scoring_weights.toml: weights, penalties, caps and thresholds."""
    return load("scoring_weights.toml")


def _thresholds(kind: str) -> dict:
    return weights()["thresholds"].get(kind, weights()["thresholds"]["caption"])


def _resolve_lang(text: str, lang: str | None) -> tuple[str, dict]:
    info: dict = {}
    if lang in ("fr", "en"):
        return lang, info
    detection = detect(text)
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
        self.sector = _brand_get(info, "sector", None) or None
        self.country = _brand_get(info, "country", None) or None
        self.offers = _names(_brand_get(brand, "offers", None))
        self.offer_items = _offer_items(_brand_get(brand, "offers", None))
        message = _brand_get(brand, "message", None) or {}
        facts = [_brand_get(message, "promise", "")] + list(_brand_get(message, "differentiators", []) or [])
        self.facts = [x for x in facts if isinstance(x, str) and x.strip()]
        self.pillars = _names(_brand_get(brand, "pillars", None))


def _offer_items(items) -> list[dict]:
    """A brief's offers as tables (name, kind, price, description, proofs), for the rules that
    read what an offer is; plain names give a table with its name only."""
    out = []
    for item in items or ():
        if isinstance(item, str):
            item = {"name": item}
        elif not isinstance(item, dict):
            item = {k: getattr(item, k, None) for k in ("name", "kind", "price", "description", "proofs")}
        if isinstance(item.get("name"), str) and item["name"].strip():
            out.append(item)
    return out


def _names(items) -> list[str]:
    """The names of a brief's offers or pillars (tables with a ``name``, or plain strings)."""
    out = []
    for item in items or ():
        name = item.get("name") if isinstance(item, dict) else getattr(item, "name", item)
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    return out


# Calame's choice: Grammalecte takes about 2 s on 20,000 characters; a longer paste (a
# whole document) would hold the batch and the live editor past Grammalecte's timeout.
MAX_GRAMMAR_CHARS = 20_000


def _grammar_state(check, lang: str, ui_lang: str) -> dict:
    """What the result says about grammar: checked, or the message key saying why not."""
    if check is not None and check.checked:
        return {"checked": True, "reason": None, "message": ""}
    reason = "score.grammar_unchecked_lang" if lang != "fr" else (
        (check.reason if check is not None else None) or "score.grammar_unchecked_off")
    return {"checked": False, "reason": reason, "message": t(reason, ui_lang, limit=MAX_GRAMMAR_CHARS)}


def _check_grammar(texts: list[str], langs: list[str], enabled: bool) -> list:
    """Grammalecte's check of each French text in one ``check_many`` call (None elsewhere)."""
    out: list = [None] * len(texts)
    indexes = []
    for i, (text, lang) in enumerate(zip(texts, langs)):
        if enabled and lang == "fr" and len(text) > MAX_GRAMMAR_CHARS:
            out[i] = gc.GrammarCheck(checked=False, reason="score.grammar_unchecked_too_long")
        elif enabled and lang == "fr" and text.strip():
            indexes.append(i)
    if not indexes:
        return out
    try:
        checks = gc.check_many([texts[i] for i in indexes])
    except Exception:  # a crash mid-batch: every text of the batch goes unchecked, none wrongly checked
        checks = [gc.GrammarCheck(checked=False, reason="grammar.crashed") for _ in indexes]
    for i, check in zip(indexes, checks):
        out[i] = check
    return out


def _compute(text, network, keywords, lang, lang_info, objective, fmt, brand, ui_lang,
             analysis, grammar_check=None, sector=None, locale=None, grammar=True, comment="") -> ScoreResult:
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    text = text.replace("\r\n", "\n")
    network_rules = net.rules(network)
    p = parse(text, network_rules, fmt)
    kind = p.kind
    thresholds = _thresholds(kind)
    brand_view = _BrandView(brand) if brand is not None else None
    f = Findings(ui_lang if ui_lang in ("fr", "en") else "fr")
    stats: dict = {"lang": lang, "network": network_rules.key if network_rules else (network or None),
                   "text_kind": kind, "chars": len(text), "words": count_words(text), "length": len(text),
                   "max_length": network_rules.max_length if network_rules else None,
                   "cut": network_rules.cut if network_rules else None,
                   "links": len(find_urls(text)), "errors": [],
                   "objective": objective or None, "format": fmt or None,
                   "sector": sector or (brand_view.sector if brand_view else None) or None}
    if lang_info:
        stats["detected_lang"] = lang_info.get("detected")
        if lang_info.get("detected") not in ("fr", "en", "unknown", None):
            f.add("lang.unsupported", "info", lang=lang_info.get("detected"))
        if lang_info.get("mixed"):
            f.add("lang.mixed", "info")
    if network_rules is None:
        f.add("network.unknown", "info", network=str(network or ""),
              valid=", ".join(net.known_networks()))
    kws = [str(k) for k in (keywords or ()) if str(k).strip()]
    occurrences: dict = {}

    def guarded(name, fn, *args):
        try:
            fn(*args)
        except Exception as exc:  # a rule must never take the whole score down
            stats["errors"].append(f"{name}: {exc.__class__.__name__}: {exc}")

    if kind == "reply":
        kws = []  # a reply answers a customer; it is not written for a keyword
    loose = kind in rules.keywords.FEED_KINDS and (network_rules is None or network_rules.key not in rules.keywords.SEARCH_NETWORKS)
    guarded("keywords", lambda: occurrences.update(rules.keywords.occurrences(text, kws, lang, loose)))
    stats["keywords"] = {k: ({"count": len(v), "first": v[0][0] if v else None} if v is not None else None)
                         for k, v in occurrences.items()}
    main_first = None
    if occurrences:
        first_spans = next(iter(occurrences.values()))
        main_first = tuple(first_spans[0]) if first_spans else None
    guarded("length", rules.length.check, f, p, network_rules, stats, main_first)
    spelled = False
    if text.strip():
        if kind != "reply":  # a reply opens with the customer's name and asks for nothing
            guarded("hook", rules.hook.check, f, p, lang, brand_view, thresholds)
        guarded("keywords", rules.keywords.check, f, p, network_rules, occurrences, lang, thresholds, stats)
        guarded("readability", rules.readability.check, f, p, analysis, thresholds)
        if kind != "reply":
            guarded("cta", rules.cta.check, f, p, network_rules, lang, objective, stats)
            guarded("engagement", rules.engagement.check, f, p, lang, objective)
        guarded("hashtags", rules.hashtags.check, f, p, network_rules, brand_view, stats)
        guarded("tone", rules.tone.check, f, p, lang, brand_view, thresholds, stats)
        guarded("coherence", rules.coherence.check, f, p, lang, brand_view, objective, stats["sector"], kws,
                set(stats.get("cta") or ()), comment)
        guarded("sense", rules.sense.check, f, p, network_rules, lang, brand_view, fmt)
        guarded("meaning", rules.meaning.check, f, p, lang, brand_view)
        guarded("voice", rules.voice.check, f, p, lang)
        typo_spans: list = []
        guarded("typography", lambda: typo_spans.extend(rules.typography.check(f, p, lang)))
        if grammar_check is not None and grammar_check.checked:
            known = rules.grammar.known_words(text, brand_view, kws)
            guarded("grammar", rules.grammar.check, f, p, grammar_check, known, typo_spans)
        elif lang == "en" and grammar:
            known = rules.grammar.known_words(text, brand_view, kws)
            variety = rules.spelling_en.uk_or_us(locale, getattr(brand_view, "country", None))
            guarded("grammar", rules.spelling_en.check, f, p, known, variety)
            spelled = not any(e.startswith("grammar:") for e in stats["errors"])
        guarded("accessibility", rules.accessibility.check, f, p, network_rules, fmt)
    if analysis is not None and hasattr(analysis, "to_dict"):
        try:
            stats["readability"] = analysis.to_dict()
        except Exception:
            stats["readability"] = None
    applicable = {"length", "cta", "engagement", "coherence", "typography", "accessibility"} \
        if text.strip() else {"length"}
    if kind == "reply":
        applicable.discard("cta")
    if kind not in ("article", "reply") and text.strip():
        applicable.add("hook")
    if occurrences or f.per_code.get("keywords.repeated_phrase") or f.per_code.get("keywords.title_stuffing"):
        applicable.add("keywords")  # a phrase stuffed is stuffing, with or without a target keyword
    if analysis is not None and getattr(analysis, "words", 0) >= 10:
        applicable.add("readability")
    if (grammar_check is not None and grammar_check.checked or spelled) and text.strip():
        applicable.add("grammar")
    if kind == "caption" and network_rules is not None and (network_rules.hashtag_max or stats.get("hashtags")):
        applicable.add("hashtags")
    elif stats.get("hashtags"):
        applicable.add("hashtags")
    if not text.strip():
        applicable = {"length"}
    counts: dict[str, int] = dict(f.per_code)
    subscores = subscores_of(counts, applicable)
    overall = combine(subscores, counts, kind, network_rules.key if network_rules else None) if text.strip() else 0
    stats["findings"] = counts
    order = {s: i for i, s in enumerate(SEVERITIES)}
    suggestions = sorted(f.items, key=lambda s: (order.get(s["severity"], 9), s["start"], s["end"], s["code"]))
    stats["applicable"] = [n for n in SUBSCORES if n in subscores]
    state = _grammar_state(grammar_check, lang, f.ui_lang)
    if spelled:
        state = {"checked": True, "reason": None, "message": "", "scope": "spelling"}
    return ScoreResult(score=overall, subscores=subscores, suggestions=suggestions, stats=stats, grammar=state)


def subscores_of(counts: dict[str, int], applicable: set[str]) -> dict[str, int]:
    """Each applicable sub-score: 100 less the penalty of each finding of its codes, a code
    counted at most MAX_REPEAT times (one habit does not sink a post)."""
    penalties = weights()["penalties"]
    out = {}
    for name in SUBSCORES:
        if name in applicable:
            lost = sum(penalties.get(code, 0) * min(n, MAX_REPEAT)
                       for code, n in counts.items() if subscore_of(code) == name)
            out[name] = int(max(0, min(100, 100 - lost)))
    return out


def combine(subscores: dict[str, int], counts: dict[str, int], kind: str, network: str | None,
            table: dict | None = None) -> int:
    """The score: what each sub-score lost, weighted by the points it puts at stake
    (``[kinds.*.weights]``, fitted on graded posts: docs/scoring.md), summed into the points
    lost ``L``, and the score 100·e^(−L/decay) (``[model]``): each problem takes its share of
    what is left, so a post with many problems ends low without every such post being tied
    at 0; then capped when the post cannot go out as it is (``[caps]``, and ``[caps_below]``
    for a sub-score under a floor: three spelling mistakes). ``table`` replaces
    data/scoring_weights.toml (the fit)."""
    table = table or weights()
    w = dict(table["kinds"].get(kind, table["kinds"]["caption"])["weights"])
    w.update(table.get("networks", {}).get(network or "", {}).get("weights", {}))
    lost = sum(w.get(name, 0) * (100 - s) / 100 for name, s in subscores.items())
    overall = 100 * math.exp(-lost / float(table.get("model", {}).get("decay", 100)))
    for code, cap in table.get("caps", {}).items():
        if counts.get(code):
            overall = min(overall, float(cap))
    for name, rule in table.get("caps_below", {}).items():
        if name in subscores and subscores[name] < rule["below"]:
            overall = min(overall, float(rule["cap"]))
    return int(round(max(0.0, min(100.0, overall))))


def _analyse(texts: list[str], lang: str) -> list:
    if len(texts) == 1:
        return [analyse(texts[0], lang=lang)]
    return list(analyse_many(texts, lang=lang))


def _safe_analyse(texts, lang, errors):
    try:
        return _analyse(texts, lang)
    except Exception as exc:  # the language engine failing must not lose the other rules
        errors.append(f"readability: {exc.__class__.__name__}: {exc}")
        return [None] * len(texts)


def _as_scored(text: str, fmt) -> tuple[str, int, str | None, str]:
    """(the text the rules read, its offset in ``text``, the format, the customer's comment): a
    reply's answer without the comment above it ("En réponse à : …"), else the whole text."""
    body, offset, comment = reply_body(text, fmt)
    if offset < 0:
        return text, 0, fmt, ""
    return body, offset, "reply", comment or ""


def _shift(result: ScoreResult, offset: int) -> ScoreResult:
    """Spans and fixes of a reply's findings, moved back to the whole text."""
    if offset:
        for s in result.suggestions:
            if s["start"] or s["end"]:
                s["start"] += offset
                s["end"] += offset
            for fix in s.get("fixes") or ():
                fix["start"] += offset
                fix["end"] += offset
    return result


def score(text, network, *, keywords=(), lang=None, objective=None, format=None, brand=None,
          ui_lang="fr", grammar=True, sector=None, locale=None) -> ScoreResult:
    """Score one draft for ``network``. Never raises on any text; always 0..100.
    ``grammar=False`` skips Grammalecte and the English speller (the result then says
    grammar went unchecked); ``locale`` ("en-GB", "en-US") says which English spelling."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    scored, offset, fmt, comment = _as_scored(text.replace("\r\n", "\n"), format)
    resolved, info = _resolve_lang(scored, lang if lang != "auto" else None)
    errors: list[str] = []
    analysis = _safe_analyse([scored], resolved, errors)[0] if scored.strip() else None
    check = _check_grammar([scored], [resolved], grammar)[0]
    result = _compute(scored, network, keywords, resolved, info, objective, fmt, brand, ui_lang,
                      analysis, check, sector, locale, grammar, comment)
    result.stats["errors"] = errors + result.stats["errors"]
    return _shift(result, offset)


def score_many(items: list[dict], brand=None, ui_lang: str = "fr", grammar: bool = True) -> list[ScoreResult]:
    """Score many drafts, analysing each language's texts in one ``nlp.pipe`` batch and the
    French ones in one Grammalecte ``check_many``.

    Each item: ``{"id", "text", "network", "keywords", "lang", "locale", "objective", "format",
    "sector", "brand"}`` (all optional but ``text``; an item's ``brand`` overrides ``brand``); results
    come back in the same order, with their ``id``.
    """
    prepared = []
    for item in items:
        item = item if isinstance(item, dict) else {"text": item}
        text = item.get("text")
        text = text if isinstance(text, str) else ("" if text is None else str(text))
        scored, offset, fmt, comment = _as_scored(text.replace("\r\n", "\n"), item.get("format"))
        lang = item.get("lang")
        resolved, info = _resolve_lang(scored, lang if lang != "auto" else None)
        prepared.append((item, scored, resolved, info, offset, fmt, comment))
    analyses: list = [None] * len(prepared)
    errors: list[str] = []
    for lang in ("fr", "en"):
        indexes = [i for i, prep in enumerate(prepared) if prep[2] == lang and prep[1].strip()]
        if not indexes:
            continue
        results = _safe_analyse([prepared[i][1] for i in indexes], lang, errors)
        for i, r in zip(indexes, results):
            analyses[i] = r
    checks = _check_grammar([p[1] for p in prepared], [p[2] for p in prepared], grammar)
    out = []
    for (item, text, resolved, info, offset, fmt, comment), r, check in zip(prepared, analyses, checks):
        keywords = item.get("keywords") or ()
        if isinstance(keywords, str):
            keywords = [keywords]
        item_brand = item.get("brand") if item.get("brand") is not None else brand
        result = _compute(text, item.get("network"), keywords, resolved, info, item.get("objective"),
                          fmt, item_brand, ui_lang, r, check, item.get("sector"), item.get("locale"), grammar,
                          comment)
        result.stats["errors"] = errors + result.stats["errors"]
        result.id = item.get("id")
        out.append(_shift(result, offset))
    return out


def apply_fix(text: str, suggestion: dict) -> str:
    """``text`` with one suggestion's fix applied (unchanged when it has none); a grouped
    suggestion's ``fixes`` are all applied, from the end so that offsets hold."""
    fixes = suggestion.get("fixes")
    if fixes:
        for fix in sorted(fixes, key=lambda x: x["start"], reverse=True):
            text = typography.apply(text, fix["start"], fix["end"], fix["fix"])
        return text
    if suggestion.get("fix") is None:
        return text
    return typography.apply(text, suggestion["start"], suggestion["end"], suggestion["fix"])
