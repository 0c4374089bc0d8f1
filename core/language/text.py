"""The text primitives every part of Calame shares, written once.

- ``fold``: the one accent and case folding for matching ("Cœur" -> "coeur").
- ``WORD``/``words``, ``split_elision``: what a written word is (docs/readability.md).
- ``sentences``: where sentences end (abbreviations and initials do not end one).
- ``URL``/``find_urls``, ``EMAIL``, ``HASHTAG``, ``MENTION``.
- ``emoji_spans``: emoji as the ``emoji`` package knows them (Unicode's emoji data), never
  arrows or geometric shapes; ``graphemes``: user-perceived characters (``regex``'s ``\\X``).
- ``decode_bytes`` and ``read_csv``: the one way Calame reads a file a user gives it.

Pure functions on ``str``; nothing here loads spaCy.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import emoji
import regex

from core.i18n import MessageError


class InputError(MessageError):
    """A file Calame cannot read; ``key`` is an i18n message key, ``params`` its values."""


# --- Folding -----------------------------------------------------------------------------

# Dropped before folding: the soft hyphen and the text/emoji variation selectors are
# invisible, and typographic apostrophes match the straight one.
_BEFORE_FOLD = str.maketrans({"’": "'", "ʼ": "'", "\u00ad": None, "\ufe0e": None, "\ufe0f": None})
# Letters that Unicode does not decompose into a base letter and a mark.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """``text`` for matching: case folded (``str.casefold``: "ß" and "ss" match), accents
    and compatibility forms removed (NFKD: "ﬁ" is "fi", the non-breaking space a space),
    "œ"/"æ" spelt out ("cœur" -> "coeur"), apostrophes straight.

    Casefolding, not ``lower()``, because every caller compares texts without case and
    casefolding is Unicode's caseless matching. The result may be longer or shorter than
    ``text`` ("œ" becomes two letters, "…" three dots): use ``fold_map`` for offsets.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text.translate(_BEFORE_FOLD)).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LIGATURES)


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the offset it comes from in the
    original: a match at ``start:end`` in ``text`` is ``span(start, end)`` in the original."""

    text: str
    origin: tuple[int, ...]
    length: int  # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.text):
            return self.length, self.length
        first = self.origin[start]
        return first, (self.origin[end - 1] + 1 if end > start else first)


_fold_char = lru_cache(maxsize=8192)(fold)


def fold_map(text: str) -> Folded:
    """``fold(text)`` and where each folded character comes from (slower than ``fold``)."""
    parts, origin = [], []
    for index, ch in enumerate(text):
        piece = _fold_char(ch)
        parts.append(piece)
        origin.extend([index] * len(piece))
    return Folded("".join(parts), tuple(origin), len(text))


# --- Words and sentences -----------------------------------------------------------------

#: A written word (docs/readability.md): letters and digits with inner apostrophes, hyphens,
#: middle dots (inclusive writing), soft hyphens and dots; a leading # or @ keeps hashtags
#: and mentions one word. ``words`` keeps those with a letter: numbers alone are not words.
WORD = re.compile(r"[#@]?[^\W_](?:[\w'’·\-\xad.]*[^\W_])?")
LETTER = re.compile(r"[^\W\d_]")


def words(text: str) -> list[str]:
    """The written words of ``text`` ("l'entreprise" and "rendez-vous" are one word each)."""
    return [w for w in WORD.findall(text) if LETTER.search(w)]


def split_elision(word: str) -> list[str]:
    """"l'entreprise" -> ["l'", "entreprise"] (straight apostrophe; for word-list lookups)."""
    if "'" not in word:
        return [word]
    *elided, last = word.split("'")
    return [p for p in [e + "'" for e in elided] + [last] if p]


# Possessive quantifiers and the look-behind keep a run of 100,000 "!" linear, not quadratic.
_SENT_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'»”’)\]]*+(?=\s+[\"'«“(\[\-–—]?\s*[A-ZÀ-ÖØ-Þ0-9¿¡«“])")
_SENT_END_ANY = re.compile(r"(?<![.!?…])[.!?…]++[\"'»”’)\]]*+(?=\s+\S)")
_ABBREV = frozenset("m mm mme mlle dr pr st ste cf ex etc p pp vol no n° av apr j.-c env art fig chap éd".split())
_LAST_WORD = re.compile(r"(\S+)$")


def sentences(text: str, start: int = 0, end: int | None = None, *,
              capital: bool = True) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[start:end]``, without their surrounding spaces.

    A sentence ends at ``. ! ? …`` (and the closing quotes or brackets after it) followed
    by a space and a capital, a digit or an opening quote (Yoast's rule, and French
    typography's), not after an abbreviation ("M.", "cf.", "etc.") or an initial
    ("J. Martin"), and at the end of the span. ``capital=False`` ends one before any word:
    posts and reviews are often written in lower case. Line breaks do not end a sentence
    (a hard-wrapped line goes on); split lines first where they do.
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    cuts, seg_start = [], start
    for m in (_SENT_END if capital else _SENT_END_ANY).finditer(chunk):
        last = _LAST_WORD.search(chunk[max(0, m.start() - 40): m.start()])
        if last and m.group(0).startswith("."):
            before = last.group(1)
            if before.lower().replace("’", "'").replace("\xad", "").strip("(") in _ABBREV:
                continue
            if m.group(0) == "." and len(before) == 1 and before.isupper():
                continue
        cuts.append((seg_start, start + m.end()))
        seg_start = start + m.end()
    cuts.append((seg_start, end))
    spans = []
    for s, e in cuts:
        piece = text[s:e]
        s2, e2 = s + len(piece) - len(piece.lstrip()), s + len(piece.rstrip())
        if e2 > s2:
            spans.append((s2, e2))
    return spans


# --- Links, addresses, hashtags, mentions -------------------------------------------------

URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>«»\"]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?)]}’'…"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MENTION = re.compile(r"(?<![\w@])@[\w.]*\w")
#: A hashtag holds at least one letter: "#2027" is not one (Instagram and X agree).
HASHTAG = re.compile(r"(?<![\w#&])#\w*[^\W\d_]\w*")


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of the links written with a scheme or "www.", without trailing punctuation.

    A bare domain ("maisonlila.fr/robes") is not one here (a sentence glued to its next
    one looks the same); X's own count recognises them (``core.networks``).
    """
    spans = []
    for match in URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAIL:
            end -= 1
        spans.append((start, end))
    return spans


# --- Emoji and graphemes -----------------------------------------------------------------

_UNQUALIFIED = emoji.STATUS["unqualified"]
_GRAPHEME = regex.compile(r"\X")
# Grapheme clusters that may be emoji: those starting with a pictograph, a regional
# indicator (flags), a skin tone, or a keycap. The ``emoji`` package then decides.
_EMOJI_CANDIDATE = regex.compile(
    r"(?=[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}]|[#*0-9]\ufe0f?\u20e3)\X")


def emoji_spans(text: str, *, with_text_style: bool = False) -> list[tuple[int, int]]:
    """Spans of the emoji of ``text``; a ZWJ family, a flag or a skin tone is one emoji.

    Unicode's emoji data (through the ``emoji`` package) decides: arrows, squares and
    check marks ("→", "■", "✓") are never emoji. A lone symbol that Unicode draws as text
    unless the emoji variation selector follows it ("©", "™", "↔", "❤" without U+FE0F) is
    a character too, unless ``with_text_style``: X weighs those as emoji.
    """
    spans = []
    for cluster in _EMOJI_CANDIDATE.finditer(text):
        offset = cluster.start()
        for token in emoji.analyze(cluster.group(), join_emoji=True):
            match = token.value
            data = match.data or {}
            if not with_text_style and len(match.emoji) == 1 and data.get("status") == _UNQUALIFIED:
                continue
            spans.append((offset + match.start, offset + match.end))
    return spans


def graphemes(text: str) -> list[tuple[int, int]]:
    """Spans of user-perceived characters (Unicode extended grapheme clusters): "é" written
    e + accent, a flag, a family emoji and CRLF are one each."""
    return [m.span() for m in _GRAPHEME.finditer(text)]


# --- Reading files ------------------------------------------------------------------------

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte of mostly-ASCII text is zero."""
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= half * 0.6 and even <= half * 0.02:
        return "utf-16-le"
    if even >= half * 0.6 and odd <= half * 0.02:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str = "") -> str:
    """The text of a file: UTF-8 (with or without BOM), UTF-16 or UTF-32 (with a BOM, or
    UTF-16 recognised by its zero bytes), else Windows-1252 (older French Excel and Word
    exports); a binary file (zero bytes, or too many bytes Windows-1252 lacks) is refused."""
    head = data[:4096]
    candidates: tuple[str, ...]
    if data.startswith(_UTF32_BOMS):
        candidates = ("utf-32",)
    elif data.startswith(_UTF16_BOMS):
        candidates = ("utf-16",)
    elif b"\x00" in head:
        guess = _utf16_without_bom(head[: len(head) - len(head) % 2])
        if guess is None:
            raise InputError("text.err_binary", name=name)
        candidates = (guess,)
    else:
        candidates = ("utf-8-sig",)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    if candidates != ("utf-8-sig",):
        raise InputError("text.err_binary", name=name)
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise InputError("text.err_binary", name=name)
    return text


#: The longest cell Calame reads, in characters: the analysis cap of a whole text
#: (``core.language.clean.MAX_CHARS``); a longer cell is an error, never a silent cut.
MAX_CELL_CHARS = 1_000_000
CSV_DELIMITERS = ",;\t"
_SNIFF_CHARS = 8192
_field_limit_lock = threading.Lock()


def csv_delimiter(text: str) -> str:
    """The separator of a CSV text: ``csv.Sniffer`` on its first lines, else the one the
    header line holds most of (a first cell longer than the sample defeats the sniffer)."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
        return max(CSV_DELIMITERS, key=header.count) if any(d in header for d in CSV_DELIMITERS) else ","


def read_csv(text: str, *, name: str = "", max_cell: int = MAX_CELL_CHARS,
             delimiter: str | None = None) -> list[list[str]]:
    """The rows of a CSV text (``,`` ``;`` or tab, found by ``csv_delimiter`` unless the
    caller knows it), blank rows left out. Quotes are Excel's (``"`` doubled inside a quoted cell), whatever the sniffer
    guesses: French text is full of apostrophes. A cell over ``max_cell`` characters or a
    malformed file raises ``InputError`` with its line."""
    with _field_limit_lock:
        # The csv module's own limit (131,072) would fail with a bare "field larger than
        # field limit"; no cell can be longer than the text, and ours is checked below.
        if csv.field_size_limit() <= len(text):
            csv.field_size_limit(len(text) + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or csv_delimiter(text))
    rows = []
    try:
        for row in reader:
            if not row:
                continue
            for column, cell in enumerate(row, start=1):
                if len(cell) > max_cell:
                    raise InputError("text.csv_cell_too_large", name=name, line=reader.line_num,
                                     column=column, size=len(cell), limit=max_cell)
            rows.append(row)
    except csv.Error as exc:
        raise InputError("text.csv_malformed", name=name, line=reader.line_num) from exc
    return rows
