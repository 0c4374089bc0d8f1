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


def newsletter(fill: Fill, hook: str, cta: str, lang: str, start: int, more: list[str] = ()) -> str:
    """Subject, preheader, the opening line, two or three titled sections, the call to action;
    ``more`` ("title|text", the brand's other offers) completes a letter to ``MIN_SECTIONS``."""
    subject = _first(fill, _table("newsletter", "subject", lang), parts.max_chars("subject"), start)
    preheader = _first(fill, _table("newsletter", "preheader", lang), parts.max_chars("preheader"),
                       start // 2, avoid=subject)
    sections = []
    own = [fill(template) for template in _table("newsletter", "sections", lang)]
    for n, line in enumerate([*own, *more]):
        if not line or "|" not in line:
            continue
        if n >= len(own) and len(sections) >= MIN_SECTIONS:
            break
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


# -- what a format promises: a carousel's slides, a reel's shots, a letter's sections ---------------

AUDIENCES = refdata.load("templates/audiences.toml")
#: the parts a carousel's and a reel's outline is written in (data/text_parts.toml), one line each
SLIDE_KEYS = tuple(f"slide_{i}" for i in range(1, 9))
SHOT_KEYS = tuple(f"shot_{i}" for i in range(1, 7))
#: a carousel has 5 to 8 slides (data/formats.toml): a cover, three ideas at least, the call
MIN_SLIDES, MAX_SLIDES = 5, 8
#: a reel of 15 to 30 s: an opening shot, two shots at least, the closing one
MIN_SHOTS, MAX_SHOTS = 4, 6
#: a letter worth opening has three titled sections (data/templates/network_copy.toml)
MIN_SECTIONS = 3


def _said(text: str, said: str) -> bool:
    """Whether a phrase is a whole sentence of ``said`` (the caption): a slide may show a proof
    the caption gives inside a sentence, never repeat one of its sentences word for word."""
    key = _fold_words(text)
    return bool(key) and key in {_fold_words(x) for x in re.split(r"(?<=[.!?…])\s+|\n+", said or "")}


def _fold_words(text: str) -> str:
    from core.language.text import fold

    return " ".join(re.findall(r"\w+", fold(text or "")))


def _cap(text: str) -> str:
    text = (text or "").strip().rstrip(".")
    return text[:1].upper() + text[1:]


def _material(fill: Fill, proofs: list[str], extra: list[str], said: str, lang: str, limit: int) -> list[str]:
    """The ideas a carousel or a reel shows, one a slide or a shot, from the brief: what the
    subject is (its description), its proof points, its price, then the brand's own
    differentiators (``extra``); none the caption says already, none twice."""
    out: list[str] = []

    def add(line: str | None) -> None:
        line = _cap(fill(_cap(line or "")) or "") if line else ""
        if line and not _said(line, said) and all(_fold_words(line) != _fold_words(x) for x in out):
            out.append(line)

    for template in _table("slides", "what", lang):
        line = fill(template)
        if line:
            add(line)
            break
    for proof in proofs:
        add(proof)
    for template in _table("slides", "price", lang):
        line = fill(template)
        if line and not _FREE_PRICE.search(_fold_words(fill("{price}") or "")):  # "Le tarif : gratuit" says nothing
            add(line)
            break
    for x in extra:
        add(x)
    return out[:limit]


_FREE_PRICE = re.compile(r"^(?:gratuit\w*|free|0)$")


def ideas(offer: dict | None) -> int:
    """How many slides or shots an offer fills: its description, its proof points, its price
    (not a free one)."""
    if not offer:
        return 0
    price = _fold_words(str(offer.get("price") or ""))
    return (bool(offer.get("description")) + len([p for p in offer.get("proofs") or [] if p])
            + bool(price and not _FREE_PRICE.search(price)))


def outline_fits(offer: dict | None, fmt: str) -> bool:
    """Whether an offer gives a carousel its three ideas and a reel its two (a format with no
    outline to give is any offer's)."""
    need = {"carrousel": MIN_SLIDES - 2, "reel": MIN_SHOTS - 2}.get(fmt, 0)
    return ideas(offer) >= need


def _call_line(cta: str) -> str:
    """The call to action as the last slide or shot: without its link (the caption carries it)."""
    return _cap(re.sub(r"\s*https?://\S+", "", cta or "").strip())


def carousel(fill: Fill, proofs: list[str], extra: list[str], said: str, cta: str, lang: str,
             start: int = 0) -> dict[str, str]:
    """A carousel's slides, one line a slide (``Visuel 1 : …``): the cover, one idea a slide
    from the brief, the call to action on the last. {} when the brief gives fewer than three
    ideas: five slides cannot be filled, and the writer says so (``outline_note``)."""
    ideas = _material(fill, proofs, extra, said, lang, MAX_SLIDES - 2)
    if len(ideas) < MIN_SLIDES - 2:
        return {}
    cover = _first(fill, _table("slides", "cover", lang), 80, start)
    last = _first(fill, _table("slides", "last", lang), 120)
    lines = [cover or _cap(fill("{topic.nu}") or ""), *ideas, last or _call_line(cta)]
    return {key: line for key, line in zip(SLIDE_KEYS, lines) if line}


def reel(fill: Fill, hook: str, proofs: list[str], extra: list[str], said: str, cta: str, lang: str) -> dict[str, str]:
    """A reel's shot list, one line a shot with its seconds (``Séquence 1 : … (0–3 s)``): the
    subject on screen with the opening line, one idea a shot, the call on the last. {} when the
    brief gives fewer than two ideas."""
    ideas = _material(fill, proofs, extra, said, lang, MAX_SHOTS - 2)
    if len(ideas) < MIN_SHOTS - 2:
        return {}
    opening = re.split(r"(?<=[.!?…])\s", hook.strip(), maxsplit=1)[0].strip()
    # the opening line on screen, unless it says one of the shots' ideas (shown twice in 30 s)
    quoted = 0 < len(opening) <= 90 and not any(_fold_words(x) in _fold_words(opening) for x in ideas)
    first = fill(_table("shots", "opening", lang)[0].replace("{hook}", opening)) if quoted else None
    first = first or fill(_table("shots", "opening", lang)[1]) or _cap(fill("{topic.nu}") or "")
    shown = [first, *ideas, _first(fill, _table("shots", "last", lang), 120) or _call_line(cta)]
    shown = [s for s in shown if s]
    # 30 seconds at most: 3 for the opening, 4 for the call, the rest shared between the ideas
    middle = max(len(shown) - 2, 1)
    step = max(3, 23 // middle)
    bounds, t0 = [(0, 3)], 3
    for _ in range(len(shown) - 2):
        bounds.append((t0, t0 + step))
        t0 += step
    bounds.append((t0, t0 + 4))
    unit = "s"
    return {key: f"{_cap(line)} ({a}–{b}\u00a0{unit})" if lang == "fr" else f"{_cap(line)} ({a}–{b} {unit})"
            for key, line, (a, b) in zip(SHOT_KEYS, shown, bounds)}


@lru_cache(maxsize=2)
def _audience_rx(side: str) -> re.Pattern:
    from core.language.text import fold

    words = [*AUDIENCES[side]["fr"], *AUDIENCES[side]["en"]]
    return re.compile("|".join(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)" for w in words))


def offer_audience(offer: dict | None) -> str:
    """"pro" for an offer sold to organisations (its words: « team building », « entreprises »,
    « syndics », « workplaces », a price « HT »), else "private" (``data/templates/audiences.toml``).
    Its link is left out: a page address (/entreprises) is not what the offer says."""
    from core.language.text import fold

    if not offer:
        return ""
    words = " ".join(str(offer.get(k) or "") for k in ("name", "description", "price"))
    words += " " + " ".join(str(p) for p in offer.get("proofs") or [])
    return "pro" if _audience_rx("offer").search(fold(words)) else "private"


def persona_audience(persona: dict | None) -> str:
    """"pro" for a persona who buys for an organisation (« manager dans une ESN », « office
    manager », « syndic de copropriété », « directrice de PME »), else "private"."""
    from core.language.text import fold

    if not persona:
        return ""
    words = " ".join(str(persona.get(k) or "") for k in ("name", "description"))
    return "pro" if _audience_rx("persona").search(fold(words)) else "private"


def persona_audiences(personas) -> dict[str, str]:
    """Each persona's audience, when the brief has both a buyer for an organisation and a
    private customer; {} otherwise: a brand whose personas all buy the same way (every one a
    company, or every one a household) has no offer to keep from any of them."""
    found = {p["name"]: persona_audience(p) for p in personas or [] if isinstance(p, dict) and p.get("name")}
    return found if {"pro", "private"} <= set(found.values()) else {}


def fits_audience(offer: dict | None, audience: str) -> bool:
    """Whether a post about ``offer`` may go to a persona of ``audience``: an offer for
    organisations only to their buyer, a consumer offer only to a private customer."""
    return not audience or offer is None or offer_audience(offer) == audience


_QUOTE = re.compile(r"^\s*[«“\"]\s*(.{8,}?)\s*[»”\"]\s*(?:[—–-]\s*(\S.{0,60}))?\s*$")


def quotes(offer: dict | None) -> list[tuple[str, str]]:
    """A customer's own words the brief holds: an offer's proof point written in quotation
    marks, with its author after a dash (« Le meilleur pain du quartier » — Marie, cliente).
    A testimonial post is only written from one (docs/drafts.md)."""
    out = []
    for proof in (offer or {}).get("proofs") or []:
        m = _QUOTE.match(str(proof))
        if m:
            out.append((m[1].strip(), (m[2] or "").strip()))
    return out


def testimonial(quote: tuple[str, str], lang: str) -> str:
    """The testimonial's body: the customer's words in guillemets, with their author."""
    words, author = quote
    if lang == "en":
        return f"“{words}”" + (f" — {author}" if author else "")
    from core.language.typography import fix_all

    return fix_all(f"«\u00a0{words}\u00a0»" + (f" — {author}" if author else ""), "fr")


def more_sections(fill_other: Callable[[dict], "str | None"], others: list[dict], lang: str) -> list[str]:
    """Sections about the brand's other offers ("title|text"), for a letter whose subject gives
    fewer than ``MIN_SECTIONS``: a reader opens a letter for its news, not for four lines."""
    out = []
    for offer in others:
        line = fill_other(offer)
        if line and "|" in line:
            out.append(line)
    return out
