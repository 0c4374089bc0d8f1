"""Each channel's publishing rules (``data/network_rules.toml``) and how it counts length.

Networks do not count characters the same way: X weighs every link as 23 (a bare
domain such as "maisonlila.fr/robes" too) and CJK characters or emoji as 2 (twitter-text
3.0), Bluesky counts graphemes (an emoji with a skin tone is one), the others count
characters. ``length`` applies the network's way, so that "fits" means what the network
will accept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from twitter_text import extract_urls_with_indices
from twitter_text.config import config as twitter_text_config
from twitter_text.get_character_weight import get_character_weight

from core.language.text import emoji_spans, find_urls, graphemes
from core.refdata import NETWORKS, entries

RULES_FILE = "network_rules.toml"

__all__ = ["NetworkRules", "RULES", "emoji_spans", "find_urls", "known_networks", "length",
           "offset_at_length", "preview", "rules", "x_weighted_length"]

#: twitter-text 3.0, X's counting: weights in hundredths, links 23, emoji 2, code points
#: in the configured ranges (Latin, general punctuation) 1, all others 2.
X_CONFIG = twitter_text_config["defaults"]
X_URL_WEIGHT = X_CONFIG["transformed_url_length"]


@lru_cache(maxsize=4096)
def _x_char_weight(ch: str) -> int:
    return get_character_weight(ch, X_CONFIG)


@dataclass(frozen=True)
class NetworkRules:
    key: str
    label: str
    text_kind: str = "caption"
    max_length: int = 0
    count: str = "chars"
    ideal_max: int = 0
    cut: int = 0
    hashtag_min: int = 0
    hashtag_max: int = 0
    hashtag_cap: int = 0
    links_clickable: bool = True
    visual_formats: tuple = ()
    extra: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)

    def get(self, name: str, default=None):
        """A network-specific figure (``title_max``, ``meta_min``…) or ``default``."""
        return self.extra.get(name, default)


_FIELDS = {
    "text_kind", "max_length", "count", "ideal_max", "cut", "hashtag_min", "hashtag_max",
    "hashtag_cap", "links_clickable", "visual_formats",
}


def _build(key: str, table: dict) -> NetworkRules:
    known = {k: v for k, v in table.items() if k in _FIELDS}
    if "visual_formats" in known:
        known["visual_formats"] = tuple(known["visual_formats"])
    extra = {k: v for k, v in table.items() if k not in _FIELDS and k not in ("sources", "label")}
    label = table.get("label") or NETWORKS.get(key, {}).get("label") or key
    return NetworkRules(key=key, label=label, extra=extra, sources=dict(table.get("sources", {})),
                        **known)


RULES: dict[str, NetworkRules] = {key: _build(key, table) for key, table in entries(RULES_FILE).items()}


def rules(network: str | None) -> NetworkRules | None:
    """The rules of ``network`` (case-insensitive key), or None when it is not in the data."""
    if not network:
        return None
    return RULES.get(str(network).strip().lower())


def known_networks() -> list[str]:
    return sorted(RULES)


def _x_units(text: str) -> list[tuple[int, int]]:
    """(end offset, weight in hundredths) of each unit X counts in an NFC ``text``: a link
    (twitter-text's own URL extraction, bare domains included), an emoji sequence, CRLF,
    or one code point. twitter-text's ``parse_tweet`` sums the same units; its packaged
    emoji table stops at Unicode 12 (2019) and costs 18 ms per 2,600 characters, so emoji
    come from ``emoji_spans`` (every emoji X shows as one, text-style symbols included)."""
    special: dict[int, tuple[int, int]] = {}
    for url in extract_urls_with_indices(text):
        start, end = url["indices"]
        special[start] = (end, X_URL_WEIGHT * X_CONFIG["scale"])
    for start, end in emoji_spans(text, with_text_style=True):
        special.setdefault(start, (end, X_CONFIG["default_weight"]))
    units, i, n = [], 0, len(text)
    while i < n:
        if i in special:
            end, weight = special[i]
        elif text.startswith("\r\n", i):
            end, weight = i + 2, _x_char_weight("\n")
        else:
            end, weight = i + 1, _x_char_weight(text[i])
        units.append((end, weight))
        i = end
    return units


def x_weighted_length(text: str) -> int:
    """The length X gives ``text`` (twitter-text 3.0's ``weightedLength``)."""
    text = unicodedata.normalize("NFC", text or "")
    return sum(weight for _, weight in _x_units(text)) // X_CONFIG["scale"]


def _x_offset(text: str, limit: int) -> int:
    """Where an NFC ``text`` goes over ``limit`` as X counts it: a link or an emoji that
    does not fit is over from its first character, as X's composer highlights it."""
    total, offset = 0, 0
    for end, weight in _x_units(text):
        total += weight
        if total > limit * X_CONFIG["scale"]:
            break
        offset = end
    return offset


def length(text: str, network: str | NetworkRules | None) -> int:
    """Length of ``text`` as ``network`` counts it (characters when the network is unknown)."""
    r = network if isinstance(network, NetworkRules) else rules(network)
    text = unicodedata.normalize("NFC", text or "")
    method = r.count if r else "chars"
    if method == "graphemes":
        return len(graphemes(text))
    if method == "x_weighted":
        return x_weighted_length(text)
    return len(text)


def offset_at_length(text: str, network: str | NetworkRules | None, limit: int) -> int:
    """The character offset where ``text`` reaches ``limit`` as the network counts it.

    Used to highlight what is over the limit and to place the "voir plus" cut.
    """
    if limit <= 0 or length(text, network) <= limit:
        return len(text)
    r = network if isinstance(network, NetworkRules) else rules(network)
    if r is not None and r.count == "x_weighted" and unicodedata.is_normalized("NFC", text):
        return _x_offset(text, limit)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if length(text[:mid], network) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def preview(text: str, network: str | NetworkRules | None) -> tuple[str, str]:
    """(visible, hidden): the text as the network shows it before and after its cut.

    The cut falls on the last space before the cut position, as feeds do.
    """
    r = network if isinstance(network, NetworkRules) else rules(network)
    text = text or ""
    if r is None or not r.cut or len(text) <= r.cut:
        return text, ""
    cut = r.cut
    space = text.rfind(" ", 0, cut + 1)
    if space > cut * 0.6:
        cut = space
    return text[:cut].rstrip(), text[cut:].lstrip()
