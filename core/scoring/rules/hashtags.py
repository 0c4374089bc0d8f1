"""Hashtags: how many, well formed, not banned nor worn out, the brand's own."""

from __future__ import annotations

import re

from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import fold, folded_set, hashtags


def check(f: Findings, p: Parsed, rules, brand, stats: dict):
    """Count in the recommended range, no space or punctuation inside, CamelCase, no
    banned or overused tag, the brand's own among the post's hashtags (a post without
    hashtags made that choice: a senior CM graded such posts strong, issue 12). Reference:
    data/network_rules.toml (Instagram's cap of 5 since December 2025), Instagram
    Community Guidelines."""
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
    # A hashtag written with spaces in a line of hashtags (« #code de la route #autoecole »):
    # the network keeps « #code » and the rest is loose words.
    for line in re.finditer(r"^#[^\n]*$", text, re.M):
        for m in re.finditer(r"#([^\W_][\w]*)((?:[ \t]+[^\W\d_#][\w'’]*)+)(?=[ \t]+#|[ \t]*$)", line.group()):
            fixed = "#" + "".join(w[:1].upper() + w[1:] for w in re.split(r"[\s'’]+", m.group()[1:]) if w)
            f.add("hashtags.malformed", "warning", line.start() + m.start(), line.start() + m.end(), fixed,
                  tag=m.group())
    banned, overused = folded_set("scoring_banned_hashtags.txt"), folded_set("scoring_overused_hashtags.txt")
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
    if brand_tag and tags and fold(brand_tag) not in seen and rules.hashtag_max > 0:
        f.add("hashtags.brand_missing", "info", tag="#" + brand_tag)

