"""An article's keyphrase checks, after Yoast SEO's (introduction, density, subheadings,
SEO title, meta description, slug)."""

from __future__ import annotations

import re

from core.language import parts as text_parts
from core.scoring.draft import HEADING, Parsed
from core.scoring.result import Findings
from core.scoring.words import content_words, count_words, fold


def check(f: Findings, p: Parsed, rules, kw: str, spans: list, lang: str, stats: dict):
    """The article's main keyphrase ``kw`` (found at ``spans``): short, in the introduction,
    at a density in range, in some subheadings, in the SEO title, the slug; a meta
    description and subheadings of the right size. Reference: Yoast SEO assessments
    (yoast.com/help) and their figures in data/network_rules.toml (blog)."""
    text = p.text
    content = content_words(kw, lang)
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
    if p.intro_only:  # an article's opening: its title and meta count, its subheadings do not
        density = round(100.0 * len(spans) / words * (0.7 + len(content) / 3), 2)
        if density > rules.get("density_max", 3.0) and len(spans) > 3:  # stuffing shows in a few lines too
            f.add("seo.density_high", "warning", *spans[-1], keyword=kw, density=density,
                  high=rules.get("density_max", 3.0), count=len(spans))
        _title_and_meta(f, p, rules, kw, spans)
        return
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
            n = count_words(re.sub(HEADING, "", text[a:b]))
            if n > every:
                f.add("seo.subheading_distribution", "info", a, b, words=n, every=every)
        with_kw = sum(1 for s, e in p.headings if any(s <= x < e for x, _ in spans))
        share = 100 * with_kw / len(p.headings)
        if len(p.headings) > 1 and not 30 <= share <= 75:
            f.add("seo.keyphrase_subheadings", "info", keyword=kw, share=round(share), count=with_kw,
                  total=len(p.headings))
    _title_and_meta(f, p, rules, kw, spans)
    slug = p.meta.get("slug")
    if not slug or not slug[2]:
        f.add("seo.slug_keyphrase", "info", message_key="seo.slug_missing", keyword=kw)
    else:
        slug_words = fold(slug[2]).replace("-", " ").replace("_", " ")
        if not all(re.search(r"(?<!\w)" + re.escape(w[:5]), slug_words) for w in content):
            f.add("seo.slug_keyphrase", "info", slug[0], slug[1], keyword=kw)


def _title_and_meta(f: Findings, p: Parsed, rules, kw: str, spans: list):
    """The SEO title and the meta description: there, no longer than a results page shows
    (``max_chars`` of data/text_parts.toml: Yoast's 60 and 155), the keyphrase in the title,
    first; the lower bounds are data/network_rules.toml's (blog: title_min, meta_min)."""
    if not p.title:
        f.add("seo.title_missing", "warning")
    else:
        tlen = p.title[1] - p.title[0]
        lo_t, hi_t = rules.get("title_min", 50), text_parts.max_chars("seo_title")
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
        lo_m, hi_m = rules.get("meta_min", 120), text_parts.max_chars("meta_description")
        if not lo_m <= mlen <= hi_m:
            f.add("seo.meta_length", "info", meta[0], meta[1], low=lo_m, high=hi_m, length=mlen)
