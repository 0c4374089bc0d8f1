"""Tone: the brand's voice as its brief sets it (emoji, tu or vous, words it avoids)."""

from __future__ import annotations

import re

from core import networks as net
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import count_words, fold, phrase_regex

_TU = re.compile(r"(?<![\w])(tu|te|toi|ton|ta|tes|t['’](?=[^\W\d_]))(?![\w-])", re.IGNORECASE)
_VOUS = re.compile(r"(?<![\w])(vous|votre|vos|vôtre|vôtres)(?![\w])", re.IGNORECASE)


def check(f: Findings, p: Parsed, lang: str, brand, thresholds: dict, stats: dict):
    """Emoji consistent with the brand's tone; one form of address (tu/vous) matching the
    brand; no word the brand avoids. Reference: the brand brief (tone), issue 4."""
    text = p.text
    if not text.strip():
        return
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
        rx = phrase_regex([str(w) for w in avoid])
        folded = fold(text)
        if rx and len(folded) == len(text):
            for m in rx.finditer(folded):
                f.add("tone.word_to_avoid", "warning", m.start(), m.end(), word=text[m.start():m.end()])


def _in_hashtag_or_url(text: str, pos: int, urls) -> bool:
    if any(s <= pos < e for s, e in urls):
        return True
    m = re.search(r"#[\w]*$", text[max(0, pos - 60):pos])
    return bool(m)

