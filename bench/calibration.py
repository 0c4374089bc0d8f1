"""How far Calame's score agrees with a senior French social media manager (issue 12).

Reads the 90 graded posts of ``../shared/bench-data/graded-posts/`` (never copied into the
repository), scores each with its context (network, language, objective, format, sector,
brand, keywords) in one ``score_many`` batch, and prints, for the fit half (odd id
numbers) and the held-out half (even id numbers): Spearman's rank correlation with the
grades, the mean score of the strong, mediocre and weak tiers, how many weak posts reach
75, and, over all strong posts, the share each rule fires on (a strong post is "publish as
is": a finding on it is a false positive). Exits 1 when the held-out Spearman is under
the target of 0.85.

Posts with marker lines are scored as what they are: a reply's ``[REPLY]`` only (the
customer's ``[COMMENT]`` is context), a Pinterest ``[TITLE]`` line over its description,
a newsletter's subject and pre-header as ``Objet :`` and ``Pré-en-tête :`` lines, a blog
intro's SEO title and meta description as ``Titre SEO :`` and ``Méta-description :``.

Run: ``python -m bench calibration``.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "bench-data" / "graded-posts"
TARGET = 0.85
_MARKER = re.compile(r"^\[([A-Z_]+)\]\s*$", re.M)


def parts(text: str) -> dict[str, str]:
    """The marked parts of a post (``{"": text}`` when it has no marker line)."""
    found = list(_MARKER.finditer(text))
    if not found:
        return {"": text}
    out = {}
    for m, nxt in zip(found, found[1:] + [None]):
        out[m.group(1)] = text[m.end():nxt.start() if nxt else len(text)].strip("\n")
    return out


def as_scored(text: str, lang: str) -> str:
    """The text Calame scores for a graded post (see the module's docstring)."""
    p = parts(text)
    fr = lang != "en"
    if "REPLY" in p:
        return p["REPLY"]
    if "SUBJECT" in p:
        lines = [("Objet : " if fr else "Subject: ") + p["SUBJECT"].strip()]
        if p.get("PREHEADER"):
            lines.append(("Pré-en-tête : " if fr else "Preheader: ") + p["PREHEADER"].strip())
        return "\n".join(lines) + "\n\n" + p.get("BODY", "")
    if "SEO_TITLE" in p:
        lines = [("Titre SEO : " if fr else "SEO title: ") + p["SEO_TITLE"].strip()]
        if p.get("META_DESCRIPTION"):
            lines.append(("Méta-description : " if fr else "Meta description: ") + p["META_DESCRIPTION"].strip())
        return "\n".join(lines) + "\n\n" + p.get("INTRO", "")
    if "TITLE" in p:
        return p["TITLE"].strip() + "\n" + p.get("DESCRIPTION", "")
    return p[""]


def load() -> list[dict]:
    """Each graded post with its grade and tier."""
    grades = {}
    with open(DATA / "grades.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            grades[row["id"]] = row
    posts = []
    for line in (DATA / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            post = json.loads(line)
            post.update(grade=int(grades[post["id"]]["grade"]), tier=grades[post["id"]]["tier"])
            posts.append(post)
    return posts


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks (ties get their mean rank)."""
    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var if var else 0.0


def score_all(posts: list[dict]) -> list:
    from core.scoring import score_many

    items = [{"id": p["id"], "text": as_scored(p["text"], p["lang"]), "network": p["network"],
              "lang": p["lang"], "keywords": p.get("keywords") or [], "objective": p.get("objective"),
              "format": p.get("format"), "sector": p.get("sector"), "brand": p.get("brand")} for p in posts]
    return score_many(items)


def half(post: dict) -> str:
    """The fixed split: odd id numbers are fitted on, even ones held out."""
    return "fit" if int(re.sub(r"\D", "", post["id"])) % 2 else "held-out"


def report(posts: list[dict], results: list) -> dict[str, float]:
    rhos = {}
    for name in ("fit", "held-out", "all"):
        chosen = [(p, r) for p, r in zip(posts, results) if name == "all" or half(p) == name]
        rho = spearman([r.score for _, r in chosen], [p["grade"] for p, _ in chosen])
        rhos[name] = rho
        tiers = {t: [r.score for p, r in chosen if p["tier"] == t] for t in "SMW"}
        weak_high = sum(1 for s in tiers["W"] if s >= 75)
        print(f"{name:<9} n={len(chosen):<3} Spearman {rho:+.3f}   strong {statistics.fmean(tiers['S']):5.1f}"
              f"   mediocre {statistics.fmean(tiers['M']):5.1f}   weak {statistics.fmean(tiers['W']):5.1f}"
              f"   weak >= 75: {weak_high}", flush=True)
    strong = [r for p, r in zip(posts, results) if p["tier"] == "S"]
    fired = Counter(code for r in strong for code in {s["code"] for s in r.suggestions})
    print(f"rules firing on the {len(strong)} strong posts (false-positive rate, target <= 10 %):")
    for code, n in fired.most_common():
        share = 100 * n / len(strong)
        print(f"  {code:<34} {n:>3}  {share:5.1f} %{'  OVER' if share > 10 else ''}")
    unchecked = sum(1 for r in results if not r.grammar_checked)
    print(f"grammar unchecked on {unchecked} of {len(results)} posts (English, or Grammalecte unavailable)")
    return rhos


def main() -> int:
    if not DATA.is_dir():
        print(f"graded posts not found at {DATA}: nothing to calibrate against")
        return 1
    posts = load()
    results = score_all(posts)
    rhos = report(posts, results)
    verdict = "OK" if rhos["held-out"] >= TARGET else f"UNDER TARGET ({TARGET})"
    print(f"held-out Spearman {rhos['held-out']:.3f}: {verdict}")
    return 0 if rhos["held-out"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
