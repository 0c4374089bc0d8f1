"""The labelled parts of a multi-part post: "Objet : …", "Pré-en-tête : …", then the body.

A newsletter has a subject line and a preheader, a blog article an SEO title, a meta
description and a target phrase, a Pinterest pin a title. Calame keeps them in the post's one
text, as lines "Label : value" at its top followed by a blank line, so that a CM types them in
any editor, a client reads them as they are in the Word calendar, and nothing needs a column
per network. The labels, by language, are in ``data/text_parts.toml``; drafts write them
(``join``), the score reads them (``split``) and scores each part as what it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from core import refdata

NBSP = "\u00a0"
_LABEL_LINE = re.compile(r"^\s*([^\W\d_][\w' ’.-]{0,30}?)\s*[\u00a0\u202f ]?:\s*(.*)$")


@dataclass(frozen=True)
class Part:
    key: str          # subject, preheader, seo_title… (a table of data/text_parts.toml)
    value: str
    start: int        # offset of the value in the whole text, so a finding points at it
    end: int


@dataclass(frozen=True)
class Parts:
    parts: tuple[Part, ...] = ()
    body: str = ""
    body_start: int = 0
    keys: frozenset = field(default_factory=frozenset)

    def get(self, key: str, default: str = "") -> str:
        for part in self.parts:
            if part.key == key:
                return part.value
        return default


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    data = refdata.load("text_parts.toml")
    return {k: v for k, v in data.items() if isinstance(v, dict)}


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Folded label ("objet", "pre-en-tete"…) → part key, every language together: a French
    brand that writes "Subject :" is still understood."""
    out = {}
    for key, table in _tables().items():
        for lang in ("fr", "en"):
            for label in table.get(lang, []):
                out[_fold_label(label)] = key
    return out


def _fold_label(label: str) -> str:
    text = unicodedata.normalize("NFKD", label.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def keys() -> tuple[str, ...]:
    return tuple(_tables())


def label(key: str, lang: str = "fr") -> str:
    """The label Calame writes for ``key`` in ``lang`` (English for a language without one)."""
    table = _tables()[key]
    return (table.get(lang) or table["en"])[0]


def max_chars(key: str) -> int:
    return int(_tables()[key]["max_chars"])


def networks(key: str) -> tuple[str, ...]:
    return tuple(_tables()[key].get("networks", ()))


def split(text: str) -> Parts:
    """The labelled lines at the top of ``text`` and the body after them.

    Only a run of known labels at the very top counts, ended by a blank line or the end of
    the text: "Attention : stock limité" inside a caption is not a part. A text without labels
    is all body."""
    labels = _labels()
    parts: list[Part] = []
    seen: set[str] = set()
    pos = 0
    lines = text.splitlines(keepends=True)
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if parts:
                pos += len(line)
            break
        match = _LABEL_LINE.match(line.rstrip("\r\n"))
        key = labels.get(_fold_label(match.group(1))) if match else None
        if key is None or key in seen:
            break
        value = match.group(2).strip()
        start = pos + line.index(match.group(2)) if match.group(2) else pos + len(line.rstrip("\r\n"))
        parts.append(Part(key, value, start, start + len(value)))
        seen.add(key)
        pos += len(line)
    if not parts:
        return Parts(body=text, body_start=0)
    return Parts(tuple(parts), text[pos:], pos, frozenset(seen))


def join(parts: dict[str, str], body: str, lang: str = "fr") -> str:
    """The text of a post with ``parts`` (key → value, in the order given) above ``body``.
    French labels take the espace insécable before the colon."""
    sep = f"{NBSP}: " if lang == "fr" else ": "
    head = [f"{label(key, lang)}{sep}{value.strip()}" for key, value in parts.items() if value and value.strip()]
    if not head:
        return body
    return "\n".join(head) + "\n\n" + body
