"""Network-native drafts: what a newsletter, a blog article, a Pinterest pin and an X post need
beyond a caption, and the visual brief of a post.

A newsletter gets a subject line, a preheader and two or three short titled sections; a blog
article a title, an SEO title, a meta description, its target phrase and an outline of H2
titles; a pin a title. The parts are written with ``core.language.parts.join`` (labels in
``data/text_parts.toml``) so the score and the Word calendar read them as what they are; their
wording is in ``data/templates/network_copy.toml``. An X post fits 280 characters counted the X
way (``core.networks.length``: links 23, emoji 2) with its hashtags.

Every function takes ``fill``, the writer's renderer bound to the post's subject and values:
it returns a template's text, or None when the subject cannot fill it.
"""

from __future__ import annotations

import re
from typing import Callable

from core import refdata
from functools import lru_cache

from core.language import parts
from core.networks import length as _length, rules

Fill = Callable[..., "str | None"]
COPY = refdata.load("templates/network_copy.toml")
VISUALS = refdata.load("templates/visuals.toml")
PART_NETWORKS = ("newsletter", "blog", "pinterest")


@lru_cache(maxsize=50_000)
def _weighted(text: str, network: str) -> int:
    return _length(text, network)


def length(text: str, network: str) -> int:
    """The network's length of ``text``; X weighs a character 2 at most (links 23 for 23+ characters),
    so a text of at most half the limit needs no counting."""
    net = rules(network)
    if net is not None and net.max_length and 2 * len(text) <= net.max_length:
        return len(text)
    return _weighted(text, network)


def _table(section: str, key: str, lang: str) -> list[str]:
    entry = COPY[section]
    return list(entry.get(f"{key}_en") or entry[key]) if lang == "en" else list(entry[key])


def _first(fill: Fill, templates: list[str], limit: int, start: int = 0, avoid: str = "") -> str:
    """The first line (from ``start``, in turn) that fills, fits ``limit`` and is not ``avoid``."""
    n = len(templates)
    for k in range(n):
        line = fill(templates[(start + k) % n])
        if line and len(line) <= limit and line.rstrip(".") != avoid.rstrip("."):
            return line
    return ""


def newsletter(fill: Fill, hook: str, cta: str, lang: str, start: int) -> str:
    """Subject, preheader, the opening line, two or three titled sections, the call to action."""
    subject = _first(fill, _table("newsletter", "subject", lang), parts.max_chars("subject"), start)
    preheader = _first(fill, _table("newsletter", "preheader", lang), parts.max_chars("preheader"),
                       start // 2, avoid=subject)
    sections = []
    for template in _table("newsletter", "sections", lang):
        line = fill(template)
        if not line or "|" not in line:
            continue
        title, text = (x.strip() for x in line.split("|", 1))
        said = (hook + " " + preheader + " " + cta).lower()
        if text.lower().rstrip(".") in said or any(u in said for u in re.findall(r"https?://\S+", text)):
            continue  # never the same sentence twice in a letter
        sections.append(f"{title}\n{text[:1].upper()}{text[1:]}")
        if len(sections) == 3:
            break
    body = "\n\n".join([hook, *sections, cta])
    return parts.join({"subject": subject, "preheader": preheader}, body, lang)


def blog(fill: Fill, hook: str, body: str, cta: str, lang: str, start: int) -> str:
    """Title, SEO title, meta description, target phrase and H2 outline above the introduction."""
    title = _first(fill, _table("blog", "title", lang), parts.max_chars("title"), start)
    seo = _first(fill, _table("blog", "seo_title", lang), parts.max_chars("seo_title"), start)
    meta = _first(fill, _table("blog", "meta_description", lang), parts.max_chars("meta_description"), start)
    keyphrase = fill("{keyphrase}", capitalize=False) or ""
    outline = []
    for template in _table("blog", "outline", lang):
        line = fill(template)
        if line and line not in outline:
            outline.append(line.rstrip("."))
    head = {"title": title, "seo_title": seo, "meta_description": meta, "keyphrase": keyphrase,
            "outline": " / ".join(outline[:5]) if len(outline) >= 3 else ""}
    text = "\n\n".join(p for p in dict.fromkeys((hook, body, cta)) if p)
    return parts.join(head, text, lang)


def pin(fill: Fill, caption: str, lang: str, start: int) -> str:
    """A pin's title above its description (the caption)."""
    return parts.join({"title": _pin_title(fill, lang, start, caption.split("\n\n")[0])}, caption, lang)


@lru_cache(maxsize=256)
def _pin_title(fill: Fill, lang: str, start: int, opening: str) -> str:
    """A pin's title depends on its opening line, not on the body or the call below it: the
    writer tries dozens of those under one opening, with the same ``fill`` (one a post)."""
    return _first(fill, _table("pinterest", "title", lang), parts.max_chars("title"), start, avoid=opening)


def fit_x(paragraphs: list[str], hashtags: list[str], network: str = "x",
          keep_body: bool = False) -> tuple[str, list[str]]:
    """The post and its hashtags within the network's limit, counted its way (X: links 23, emoji 2):
    hashtags go first (the last ones), then the middle paragraph; the opening and the call to
    action stay (and the middle too with ``keep_body``: a poll's answers)."""
    net = rules(network)
    limit = (net.max_length if net else 0) or 280
    paras, tags = list(paragraphs), list(hashtags)

    def size() -> int:
        text = "\n\n".join(paras)
        return length(text + ("\n\n" + " ".join(tags) if tags else ""), network)

    while size() > limit and len(tags) > 1:
        tags.pop()
    while size() > limit and len(paras) > 2 and not keep_body:
        paras.pop(len(paras) // 2)
    while size() > limit and tags:
        tags.pop()
    return "\n\n".join(paras), tags


def fits(text: str, hashtags: list[str], network: str) -> bool:
    """Whether the post with its hashtags is within the network's length limit (counted its way)."""
    net = rules(network)
    if net is None or not net.max_length:
        return True
    return length(text + ("\n\n" + " ".join(hashtags) if hashtags else ""), network) <= net.max_length


def visual(fill: Fill, fmt: dict, family: str, kind: str, network: str, lang: str, priced: bool = False) -> str:
    """The visual brief: the format's layout with what to show for this subject and the network's ratio."""
    suffix = "_en" if lang == "en" else ""
    entry = VISUALS["subject"].get(kind) or VISUALS["subject"]["marque"]
    subject = None
    for key in (family + suffix, "any" + suffix):
        if entry.get(key):
            subject = fill(entry[key], capitalize=False)
            if subject:
                break
    if not subject:
        subject = fill(VISUALS["subject"]["marque"]["any" + suffix], capitalize=False) or ""
    if not subject:  # a line the post's checks refuse (a word to avoid, a repeat): the subject by name
        subject = fill("{topic.nu}", capitalize=False) or ""
    ratios = VISUALS["ratio"]
    ratio = ratios.get(network + suffix) or ratios.get(network) or ratios["instagram"]
    template = fmt.get(f"visual_{lang}") or fmt["visual_fr"]
    terms = VISUALS["terms"][lang if lang == "en" else "fr"] if priced else ""
    return template.replace("{subject}", subject).replace("{ratio}", ratio).replace("{terms}", terms)
