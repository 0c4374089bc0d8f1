"""Each channel's publishing rules (``data/network_rules.toml``) and how it counts length.

Networks do not count characters the same way: X weighs every link as 23 and CJK
characters or emoji as 2 (twitter-text 3.0), Bluesky counts graphemes (an emoji with a
skin tone is one), the others count characters. ``length`` applies the network's way, so
that "fits" means what the network will accept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from core.refdata import NETWORKS, entries

RULES_FILE = "network_rules.toml"

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?)]}’'…"

X_URL_WEIGHT = 23
# twitter-text 3.0 configuration: code points in these ranges weigh 1, all others 2.
_X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


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


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs in ``text``, without trailing punctuation."""
    spans = []
    for match in URL_RE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAIL:
            end -= 1
        spans.append((start, end))
    return spans


def _is_extender(cp: int) -> bool:
    return (
        0xFE00 <= cp <= 0xFE0F          # variation selectors
        or 0x1F3FB <= cp <= 0x1F3FF     # skin tones
        or 0xE0020 <= cp <= 0xE007F     # tag sequences (flags of regions)
        or cp == 0x20E3                 # keycap
        or cp == 0x200D                 # zero-width joiner (joins with the next one too)
    )


def graphemes(text: str) -> list[tuple[int, int]]:
    """Spans of user-perceived characters, close to Unicode extended grapheme clusters.

    Groups a base with its combining marks, variation selectors, skin tones, keycaps and
    ZWJ sequences, regional-indicator pairs (flags) and CRLF. Standard library only.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        start = i
        cp = ord(text[i])
        i += 1
        if cp == 0x0D and i < n and text[i] == "\n":
            i += 1
        elif 0x1F1E6 <= cp <= 0x1F1FF and i < n and 0x1F1E6 <= ord(text[i]) <= 0x1F1FF:
            i += 1
        else:
            while i < n:
                nxt = ord(text[i])
                if unicodedata.combining(text[i]) or _is_extender(nxt):
                    i += 1
                    if nxt == 0x200D and i < n:
                        i += 1
                    continue
                break
        spans.append((start, i))
    return spans


def is_emoji_char(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2B00 <= cp <= 0x2BFF
        or 0x1F1E6 <= cp <= 0x1F1FF
        or cp in (0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299, 0x00A9, 0x00AE)
        or 0x2190 <= cp <= 0x21FF
        or 0x2300 <= cp <= 0x23FF
        or 0x25A0 <= cp <= 0x25FF
    )


_EMOJI_BASE = ("[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff"
               "\u2600-\u27bf\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001F000-\U0001FAFF]")
_EMOJI_EXT = "[\ufe00-\ufe0f\U0001F3FB-\U0001F3FF\u20e3\U000E0020-\U000E007F]"
_EMOJI_CLUSTER = re.compile(
    f"(?:[\U0001F1E6-\U0001F1FF]{{2}}|{_EMOJI_BASE})(?:{_EMOJI_EXT}|\u200d.)*", re.S)


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Spans of emoji (a whole ZWJ sequence, skin tone or flag is one)."""
    return [m.span() for m in _EMOJI_CLUSTER.finditer(text)]


def _x_weight(text: str) -> int:
    total = 0
    for s, e in graphemes(text):
        if is_emoji_char(text[s]):
            total += 2
            continue
        for ch in text[s:e]:
            cp = ord(ch)
            total += 1 if any(lo <= cp <= hi for lo, hi in _X_LIGHT_RANGES) else 2
    return total


def length(text: str, network: str | NetworkRules | None) -> int:
    """Length of ``text`` as ``network`` counts it (characters when the network is unknown)."""
    r = network if isinstance(network, NetworkRules) else rules(network)
    text = unicodedata.normalize("NFC", text or "")
    method = r.count if r else "chars"
    if method == "graphemes":
        return len(graphemes(text))
    if method == "x_weighted":
        total, last = 0, 0
        for start, end in find_urls(text):
            total += _x_weight(text[last:start]) + X_URL_WEIGHT
            last = end
        return total + _x_weight(text[last:])
    return len(text)


def offset_at_length(text: str, network: str | NetworkRules | None, limit: int) -> int:
    """The character offset where ``text`` reaches ``limit`` as the network counts it.

    Used to highlight what is over the limit and to place the "voir plus" cut.
    """
    if limit <= 0 or length(text, network) <= limit:
        return len(text)
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
