"""Accessibility: visuals described, emoji that do not stand for words, links that say where they go."""

from __future__ import annotations

import re

from core.language.text import emoji_spans, find_urls
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import fold

VISUAL_FORMATS = {"image", "photo", "carrousel", "carousel", "video", "reel", "story", "pin",
                  "infographie", "infographic", "short", "document"}
_EMOJI_PRONOUNS = {"je", "j", "on", "nous", "vous", "tu", "il", "elle", "ils", "elles", "le", "la",
                   "les", "un", "une", "des", "mon", "ma", "mes", "notre", "votre", "nos", "vos",
                   "i", "we", "you", "they", "the", "a", "my", "our", "your"}


# Campaign tracking parameters (Google Analytics' utm_*, Meta's fbclid, Google Ads' gclid,
# Mailchimp's mc_cid and mc_eid) left in a link written out in the text.
_TRACKING = re.compile(r"[?&](?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=", re.IGNORECASE)


def check(f: Findings, p: Parsed, rules, fmt: str | None):
    """Alt text for visuals, emoji not replacing words, no emoji runs, links not bare.
    Reference: WCAG 2.2 (1.1.1 non-text content, 2.4.4 link purpose) and the
    accessibility guides of the French government's DINUM for social networks; a link
    shown with its tracking parameters (« ?utm_source=twitter ») is read out character by
    character by a screen reader and tells the reader they are tracked: the parameters
    belong behind the link, as Google's Campaign URL Builder says to shorten such links
    (support.google.com/analytics, « Collect campaign data with custom URLs »)."""
    text = p.text
    fmt_key = (fmt or "").strip().lower()
    visuals = set(rules.visual_formats) if rules else set()
    if fmt_key and (fmt_key in visuals or fmt_key in VISUAL_FORMATS):
        f.add("a11y.alt_text", "info", format=fmt)
    emojis = emoji_spans(text)
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
        for s, e in find_urls(text):
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            line_end = len(text) if line_end < 0 else line_end
            rest = text[line_start:s] + text[e:line_end]
            if not re.search(r"[^\W\d_]{2,}", rest):
                f.add("a11y.bare_link", "info", s, e)
    for s, e in find_urls(text):
        m = _TRACKING.search(text, s, e)
        if m:
            f.add("a11y.tracking_link", "warning", m.start() + 1, e)

