"""How a draft is read: the parts each network shows (title, pre-header, body, hook)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core import networks as net
from core.scoring.words import first_sentence_end, fold

_META = re.compile(r"^\s*(titre seo|seo title|title|titre|m[ée]ta[- ]?description|meta description"
                   r"|description|slug|objet|subject|pr[ée][- ]?en[- ]?t[êe]te|preheader|preview)"
                   r"\s*:\s*(.*)$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$", re.M)


@dataclass
class Parsed:
    text: str
    kind: str
    lines: list           # (start, end, stripped text) of non-empty lines
    title: tuple | None = None       # (start, end) of the title/subject line
    preheader: tuple | None = None
    meta: dict = field(default_factory=dict)   # name -> (start, end, value)
    headings: list = field(default_factory=list)  # (start, end) of subheadings (## …)
    body_start: int = 0
    hook: tuple | None = None       # (start, end) of the hook


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end(), m.group().strip()))
    return out


def _meta_name(name: str) -> str:
    n = fold(name).replace("-", " ").replace("  ", " ")
    if n in ("titre seo", "seo title", "title", "titre", "objet", "subject"):
        return "title"
    if "description" in n:
        return "meta"
    if n == "slug":
        return "slug"
    return "preheader"


def parse(text: str, rules: net.NetworkRules | None) -> Parsed:
    """Split a draft into what each network shows: title, pre-header, body, hook.

    Articles: ``# Title`` or a ``Titre SEO :`` line, ``Méta-description :``, ``Slug :``
    lines at the top, ``## Subheadings``. E-mails: first line = subject (``Objet :``
    optional), a ``Pré-en-tête :`` line. Pinterest and YouTube: with several lines, the
    first one is the title.
    """
    kind = rules.text_kind if rules else "caption"
    lines = _lines(text)
    p = Parsed(text=text, kind=kind, lines=lines)
    if kind in ("article", "email"):
        index = 0
        while index < len(lines):
            start, end, stripped = lines[index]
            m = _META.match(text[start:end])
            if not m:
                break
            name = _meta_name(m.group(1))
            value_start = start + m.start(2)
            p.meta[name] = (value_start, end, m.group(2).strip())
            index += 1
        if kind == "article":
            p.headings = [(m.start(2), m.end(2)) for m in HEADING.finditer(text) if len(m.group(1)) >= 2]
            h1 = next((m for m in HEADING.finditer(text) if len(m.group(1)) == 1), None)
            if "title" in p.meta:
                p.title = p.meta["title"][:2]
            elif h1:
                p.title = (h1.start(2), h1.end(2))
        else:
            if "title" in p.meta:
                p.title = p.meta["title"][:2]
            elif index < len(lines):
                p.title = lines[index][:2]
                index += 1
            if "preheader" in p.meta:
                p.preheader = p.meta["preheader"][:2]
            p.hook = p.title
        p.body_start = lines[index][0] if index < len(lines) else len(text)
        return p
    if rules is not None and rules.get("title_max") and len(lines) > 1:
        p.title = lines[0][:2]
    if lines:
        start = lines[0][0]
        end = min(lines[0][1], first_sentence_end(text, start))
        p.hook = (start, end)
    return p
