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
with ``nlp.pipe``); every other rule is a regular expression or a word list.
"""

from __future__ import annotations

from functools import lru_cache

from core import networks as net
from core.language import typography
from core.language.detect import detect
from core.language.readability import analyse, analyse_many
from core.refdata import load
from core.scoring import rules
from core.scoring.draft import parse
from core.scoring.result import MAX_REPEAT, SEVERITIES, SUBSCORES, Findings, ScoreResult, subscore_of
from core.scoring.words import count_words


@lru_cache(maxsize=1)
def weights() -> dict:
    """data/scoring_weights.toml: weights, penalties, caps and thresholds."""
    return load("scoring_weights.toml")


def _weights_for(kind: str, network: str | None) -> dict:
    w = dict(weights()["kinds"].get(kind, weights()["kinds"]["caption"])["weights"])
    w.update(weights().get("networks", {}).get(network or "", {}).get("weights", {}))
    return w


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


def _compute(text, network, keywords, lang, lang_info, objective, fmt, brand, ui_lang,
             analysis) -> ScoreResult:
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    text = text.replace("\r\n", "\n")
    network_rules = net.rules(network)
    kind = network_rules.text_kind if network_rules else "caption"
    thresholds = _thresholds(kind)
    brand_view = _BrandView(brand) if brand is not None else None
    f = Findings(ui_lang if ui_lang in ("fr", "en") else "fr")
    stats: dict = {"lang": lang, "network": network_rules.key if network_rules else (network or None),
                   "text_kind": kind, "chars": len(text), "words": count_words(text), "length": len(text),
                   "max_length": network_rules.max_length if network_rules else None,
                   "cut": network_rules.cut if network_rules else None,
                   "links": len(net.find_urls(text)), "errors": []}
    if lang_info:
        stats["detected_lang"] = lang_info.get("detected")
        if lang_info.get("detected") not in ("fr", "en", "unknown", None):
            f.add("lang.unsupported", "info", lang=lang_info.get("detected"))
        if lang_info.get("mixed"):
            f.add("lang.mixed", "info")
    if network_rules is None:
        f.add("network.unknown", "info", network=str(network or ""),
              valid=", ".join(net.known_networks()))
    p = parse(text, network_rules)
    kws = [str(k) for k in (keywords or ()) if str(k).strip()]
    occurrences: dict = {}

    def guarded(name, fn, *args):
        try:
            fn(*args)
        except Exception as exc:  # a rule must never take the whole score down
            stats["errors"].append(f"{name}: {exc.__class__.__name__}: {exc}")

    guarded("keywords", lambda: occurrences.update(rules.keywords.occurrences(text, kws, lang)))
    stats["keywords"] = {k: ({"count": len(v), "first": v[0][0] if v else None} if v is not None else None)
                         for k, v in occurrences.items()}
    main_first = None
    if occurrences:
        first_spans = next(iter(occurrences.values()))
        main_first = tuple(first_spans[0]) if first_spans else None
    guarded("length", rules.length.check, f, p, network_rules, stats, main_first)
    if text.strip():
        guarded("hook", rules.hook.check, f, p, lang, brand_view, thresholds)
        guarded("keywords", rules.keywords.check, f, p, network_rules, occurrences, lang, thresholds, stats)
        guarded("readability", rules.readability.check, f, p, analysis, thresholds)
        guarded("cta", rules.cta.check, f, p, network_rules, lang, objective, stats)
        guarded("hashtags", rules.hashtags.check, f, p, network_rules, brand_view, stats)
        guarded("engagement", rules.engagement.check, f, p, lang, objective)
        guarded("tone", rules.tone.check, f, p, lang, brand_view, thresholds, stats)
        guarded("typography", rules.typography.check, f, p, lang)
        guarded("accessibility", rules.accessibility.check, f, p, network_rules, fmt)
    if analysis is not None and hasattr(analysis, "to_dict"):
        try:
            stats["readability"] = analysis.to_dict()
        except Exception:
            stats["readability"] = None
    applicable = {"length", "cta", "engagement", "typography", "accessibility"} if text.strip() else {"length"}
    if kind != "article" and text.strip():
        applicable.add("hook")
    if occurrences:
        applicable.add("keywords")
    if analysis is not None and getattr(analysis, "words", 0) >= 10:
        applicable.add("readability")
    if kind == "caption" and network_rules is not None and (network_rules.hashtag_max or stats.get("hashtags")):
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
    w = _weights_for(kind, network_rules.key if network_rules else None)
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


def score(text, network, *, keywords=(), lang=None, objective=None, format=None, brand=None,
          ui_lang="fr") -> ScoreResult:
    """Score one draft for ``network``. Never raises on any text; always 0..100."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    resolved, info = _resolve_lang(text, lang if lang != "auto" else None)
    errors: list[str] = []
    analysis = _safe_analyse([text], resolved, errors)[0] if text.strip() else None
    result = _compute(text, network, keywords, resolved, info, objective, format, brand, ui_lang,
                      analysis)
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
    out = []
    for (item, text, resolved, info), r in zip(prepared, analyses):
        keywords = item.get("keywords") or ()
        if isinstance(keywords, str):
            keywords = [keywords]
        result = _compute(text, item.get("network"), keywords, resolved, info, item.get("objective"),
                          item.get("format"), brand, ui_lang, r)
        result.stats["errors"] = errors + result.stats["errors"]
        result.id = item.get("id")
        out.append(result)
    return out


def apply_fix(text: str, suggestion: dict) -> str:
    """``text`` with one suggestion's fix applied (unchanged when it has none)."""
    if suggestion.get("fix") is None:
        return text
    return typography.apply(text, suggestion["start"], suggestion["end"], suggestion["fix"])
