"""How a draft is read: the parts each network shows (title, pre-header, body, hook).

The labelled lines at the top of a multi-part post ("Objet : …", "Pré-en-tête : …",
"Titre SEO : …", "Méta-description : …", "Titre : …", "En réponse à : …") are
``core.language.parts``'s; this module says where each one sits for the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core import networks as net
from core.language import parts as text_parts
from core.scoring.words import first_sentence_end

# The slug line is Calame's scoring convention only (drafts never write one): read after the parts.
_SLUG = re.compile(r"^\s*slug\s*[\u00a0\u202f ]?:\s*(.*)$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$", re.M)
# Formats that are the opening of an article, not the article: no minimum length, no density.
INTRO_FORMATS = frozenset({"article_intro", "intro", "introduction"})
REPLY_FORMATS = frozenset({"reply", "reponse", "réponse", "comment_reply"})


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
    parts: dict = field(default_factory=dict)  # part key (data/text_parts.toml) -> (start, end, value)
    intro_only: bool = False        # an article's introduction, scored as such


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end(), m.group().strip()))
    return out


def reply_body(text: str, fmt: str | None = None) -> tuple[str, int, str]:
    """(the answer, its offset in ``text``, the customer's comment) of a reply: the text after
    an "En réponse à : …" line, or all of it when the format says reply without one; ("", -1, "")
    when ``text`` is not a reply. The comment is context: a reply is scored as a reply."""
    split = text_parts.split(text)
    if "replying_to" in split.keys:
        return split.body, split.body_start, split.get("replying_to")
    if (fmt or "").strip().lower() in REPLY_FORMATS:
        return text, 0, ""
    return "", -1, ""


def parse(text: str, rules: net.NetworkRules | None, fmt: str | None = None) -> Parsed:
    """Split a draft into what each network shows: title, pre-header, body, hook.

    Articles: the ``Titre SEO :``, ``Méta-description :``, ``Requête cible :`` lines at the
    top (or a ``# Title`` line), a ``Slug :`` line, ``## Subheadings``. E-mails: the ``Objet :``
    line (else the first line) and a ``Pré-en-tête :`` line. Pinterest and YouTube: a
    ``Titre :`` line, else the first of several lines. A reply (``fmt`` "reply") has no title.
    """
    kind = rules.text_kind if rules else "caption"
    if (fmt or "").strip().lower() in REPLY_FORMATS:
        kind = "reply"
    lines = _lines(text)
    p = Parsed(text=text, kind=kind, lines=lines, intro_only=(fmt or "").strip().lower() in INTRO_FORMATS)
    split = text_parts.split(text)
    p.parts = {part.key: (part.start, part.end, part.value) for part in split.parts}
    head_end = split.body_start if split.parts else 0
    slug = _SLUG.match(text[head_end:].split("\n", 1)[0]) if kind == "article" else None
    if slug:
        start = head_end + slug.start(1)
        p.meta["slug"] = (start, start + len(slug.group(1).rstrip()), slug.group(1).strip())
        head_end += len(text[head_end:].split("\n", 1)[0]) + 1
    body_lines = [ln for ln in lines if ln[0] >= head_end]
    if kind in ("article", "email"):
        title_key = "seo_title" if "seo_title" in p.parts else ("subject" if kind == "email" else "title")
        if title_key in p.parts:
            p.meta["title"] = p.parts[title_key]
        if "meta_description" in p.parts:
            p.meta["meta"] = p.parts["meta_description"]
        if "preheader" in p.parts:
            p.meta["preheader"] = p.parts["preheader"]
        index = 0
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
            elif body_lines:
                p.title = body_lines[0][:2]
                index = 1
            if "preheader" in p.meta:
                p.preheader = p.meta["preheader"][:2]
            p.hook = p.title
        p.body_start = body_lines[index][0] if index < len(body_lines) else len(text)
        return p
    if kind == "caption" and "title" in p.parts:
        p.title = p.parts["title"][:2]
    elif kind == "caption" and rules is not None and rules.get("title_max") and len(lines) > 1:
        p.title = lines[0][:2]
    p.body_start = body_lines[0][0] if body_lines else len(text)
    if p.title and "title" in p.parts:
        p.hook = p.title  # a pin's title is what a searcher reads first
    elif lines:
        p.hook = (lines[0][0], min(lines[0][1], first_sentence_end(text, lines[0][0])))
    return p
