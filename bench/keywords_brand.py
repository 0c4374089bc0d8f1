"""Keyword extraction on French brand pages: Calame against plain YAKE (n=3).

The pages are ``bench/data/brand-pages/`` (how they were made and the split: its
README). Protocol as ``bench/keywords.py``: stemmed exact match, F1@10 per page,
macro-averaged over the pages that have keyphrases. Calame reads a brand's pages together
(``extract_each``: one result per page, furniture repeated across the pages known);
plain YAKE reads each page as a user would give it, markup stripped for HTML pages
(``clean_text``), so that it is not asked to read tags.

Also printed for Calame's top 10s: the share of multi-word keywords, and the keywords
that are a person's name (the people the pages name, listed per brand), a price or a
number alone, or menu furniture (the brand's name, or a nav item, footer or banner line
sharing no word with any of the brand's keyphrases: "Mon compte", not "Robes"), plus what it proposes on the furniture-only pages.

Targets (issue 13): held-out F1@10 at least 3 times YAKE's, at least 70 % multi-word,
no person name, price or menu word; the exit status is 1 when one is missed.

    python -m bench keywords_brand [--show]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bench.keywords import dedupe, prf

DATA = Path(__file__).resolve().parent / "data" / "brand-pages"
TARGET_RATIO = 3.0
TARGET_MULTIWORD = 70.0


@dataclass
class Page:
    brand: str
    number: int  # the brand's file number: odd = tuning, even = held out
    kind: str
    text: str
    keyphrases: list[str]
    furniture: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    brand_words: set = field(default_factory=set)  # stemmed words of all the brand's keyphrases

    @property
    def held_out(self) -> bool:
        return self.number % 2 == 0


def _blocks(body: str) -> list[tuple[str, str]]:
    """(kind, text) of a body's lines: h1, h2, li or p."""
    out = []
    for line in body.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        for prefix, kind in (("## ", "h2"), ("# ", "h1"), ("- ", "li")):
            if line.startswith(prefix):
                out.append((kind, line[len(prefix):]))
                break
        else:
            out.append(("p", line))
    return out


def as_html(site: dict, page: dict) -> str:
    e = html.escape
    nav = "".join(f'<li><a href="/{i}">{e(item)}</a></li>' for i, item in enumerate(site["nav"]))
    body, in_list = [], False
    for kind, text in _blocks(page["body"]):
        if kind == "li" and not in_list:
            body.append("<ul>")
            in_list = True
        elif kind != "li" and in_list:
            body.append("</ul>")
            in_list = False
        body.append(f"<{kind}>{e(text)}</{kind}>")
    if in_list:
        body.append("</ul>")
    footer = "".join(f"<p>{e(line)}</p>" for line in site["footer"].splitlines())
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{e(page["title"])}</title>'
        '<style>body{font-family:sans-serif}.banner{background:#222;color:#fff}</style>'
        '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>'
        f'</head><body><header><div class="banner">{e(site["banner"])}</div>'
        f'<a class="logo" href="/">{e(site["brand"])}</a><nav><ul>{nav}</ul></nav></header>'
        f'<main>{"".join(body)}</main><footer>{footer}</footer>'
        f'<div id="cookie-banner"><p>{e(site["cookie"])}</p></div></body></html>'
    )


def as_text(site: dict, page: dict) -> str:
    lines = [site["banner"], site["brand"], *site["nav"]]
    lines += [text for _, text in _blocks(page["body"])]
    lines += site["footer"].splitlines() + [site["cookie"]]
    return "\n".join(lines)


def load() -> list[Page]:
    pages = []
    for path in sorted(DATA.glob("*.toml")):
        site = tomllib.loads(path.read_text(encoding="utf-8"))
        number = int(path.name.split("-", 1)[0])
        furniture = [site["banner"], *site["nav"], *site["footer"].splitlines()]
        brand_words = {w for page in site["page"] for k in dedupe(page["keyphrases"]) for w in k.split()}
        for page in site["page"]:
            render = as_html if site["format"] == "html" else as_text
            pages.append(Page(brand=site["brand"], number=number, kind=page["kind"], text=render(site, page),
                              keyphrases=page["keyphrases"], furniture=furniture,
                              people=site.get("people", []), brand_words=brand_words))
    return pages


def run_calame(pages: list[Page]) -> list[list[str]]:
    from core.language.keywords import extract_each

    out: list[list[str]] = [[] for _ in pages]
    for brand in dict.fromkeys(p.brand for p in pages):
        indexes = [i for i, p in enumerate(pages) if p.brand == brand]
        for i, result in zip(indexes, extract_each([pages[i].text for i in indexes], lang="fr", top=10,
                                                          brand=brand)):
            out[i] = [k.phrase for k in result.keywords]
    return out


def run_yake(pages: list[Page]) -> list[list[str]]:
    import yake

    from core.language.clean import clean_text

    return [[kw for kw, _ in yake.KeywordExtractor(lan="fr", n=3, top=10).extract_keywords(clean_text(p.text))]
            for p in pages]


def f1_at_10(pred: list[list[str]], pages: list[Page], part: list[int]) -> float:
    scored = [i for i in part if pages[i].keyphrases]
    return 100 * sum(prf(pred[i], pages[i].keyphrases, 10)[2] for i in scored) / max(len(scored), 1)


_PRICE = re.compile(r"\d")
_UNIT = re.compile(r"^[\d\s,.x×%/-]*(?:€|eur|euros?|cm|mm|m|kg|g|ml|cl|l|h|min|km|wh|nm|°c)?$", re.I)


def faults(phrase: str, page: Page) -> list[str]:
    """Why ``phrase`` is not a keyword a brand would save: person, price, menu."""
    from core.language.text import fold

    out = []
    low = fold(phrase)
    words = set(re.findall(r"\w+", low))
    if any(set(re.findall(r"\w+", fold(name))) <= words for name in page.people):
        out.append("person")
    if "€" in phrase or (_PRICE.search(phrase) and _UNIT.match(phrase.strip())):
        out.append("price")
    if low == fold(page.brand) or any(
            low == fold(line).strip(" ()0123456789") and not set((dedupe([line]) or [""])[0].split()) & page.brand_words
            for line in page.furniture):
        out.append("menu")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench keywords_brand")
    parser.add_argument("--show", action="store_true", help="print each page's gold and top 10s")
    args, _ = parser.parse_known_args(argv if argv is not None else [])
    pages = load()
    tune = [i for i, p in enumerate(pages) if not p.held_out]
    held = [i for i, p in enumerate(pages) if p.held_out]
    print(f"French brand pages: {len(pages)} pages of {len({p.brand for p in pages})} brands; "
          f"tuning {len(tune)}, held out {len(held)}")
    calame, yake_pred = run_calame(pages), run_yake(pages)
    print(f"{'F1@10':<28} {'tuning':>7} {'held out':>9}")
    scores = {}
    for name, pred in (("Calame", calame), ("plain YAKE (n=3)", yake_pred)):
        scores[name] = (f1_at_10(pred, pages, tune), f1_at_10(pred, pages, held))
        print(f"{name:<28} {scores[name][0]:7.1f} {scores[name][1]:9.1f}")
    proposed = [k for i, p in enumerate(pages) if p.keyphrases for k in dedupe_keep(calame[i])]
    multi = 100 * sum(1 for k in proposed if len(k.split()) > 1) / max(len(proposed), 1)
    bad: dict[str, list[str]] = {"person": [], "price": [], "menu": []}
    for i, page in enumerate(pages):
        for phrase in calame[i]:
            for why in faults(phrase, page):
                bad[why].append(f"{phrase} ({page.brand}, {page.kind})")
    print(f"multi-word share of Calame's top 10s: {multi:.1f} % (target {TARGET_MULTIWORD:.0f} %)")
    for why, found in bad.items():
        print(f"{why} in top 10s: {len(found)}" + (f": {'; '.join(found[:8])}" if found else ""))
    for i, page in enumerate(pages):
        if not page.keyphrases:
            print(f"furniture-only page ({page.brand}): {calame[i] or 'no keyword'}")
    if args.show:
        for i, page in enumerate(pages):
            hits = set(dedupe(calame[i][:10])) & set(dedupe(page.keyphrases))
            print(f"\n[{'held' if page.held_out else 'tune'}] {page.brand} / {page.kind}  hits={len(hits)}")
            print("  gold:  ", " | ".join(page.keyphrases))
            print("  calame:", " | ".join(calame[i]))
            print("  yake:  ", " | ".join(yake_pred[i]))
    ratio = scores["Calame"][1] / scores["plain YAKE (n=3)"][1] if scores["plain YAKE (n=3)"][1] else float("inf")
    print(f"held-out ratio Calame / YAKE: {ratio:.2f} (target {TARGET_RATIO:.1f})")
    missed = ratio < TARGET_RATIO or multi < TARGET_MULTIWORD or any(bad.values())
    print("targets: " + ("missed" if missed else "met"))
    return 1 if missed else 0


def dedupe_keep(phrases: list[str]) -> list[str]:
    """The first 10 distinct phrases, in their surface form."""
    return [p for p, _ in zip(dict.fromkeys(phrases), range(10))]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
