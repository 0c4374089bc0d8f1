"""Keyword extraction on French scientific abstracts (TALN Archives): Calame against plain YAKE.

The abstracts (200 TALN and RECITAL articles with their authors' keywords; origin,
licence and sampling: ``bench/data/taln/SOURCE.txt``) are CC BY-NC metadata, so they are
not in this repository: the bench reads ``$CALAME_TALN_DATA``, else
``../shared/bench-data/taln/abstracts.jsonl`` beside the checkout; ``sample.py`` rebuilds
the file from a clone of the archive. Each
document is the title, a line break, then the abstract. Protocol as ``bench/keywords.py``
(../shared/bench-data/README.md): lowercase, word tokens stemmed with the French Snowball
stemmer, exact match, de-duplicated, F1@10 per abstract, macro-averaged. Baseline: plain
YAKE (``lan='fr', n=3, top=10``) on the same texts in the same run.

Split by conference year: odd years are the development part (rules may be chosen on
them), even years are held out. Target (issue 13): held-out F1@10 at least 1.3 times
plain YAKE's; the exit status is 1 when it is missed.

    python -m bench keywords_taln [--show]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bench.keywords import dedupe, prf

DATA = Path(os.environ.get("CALAME_TALN_DATA") or
            Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "taln" / "abstracts.jsonl")
TARGET_RATIO = 1.3


def load() -> list[dict]:
    docs = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    for doc in docs:
        doc["text"] = f"{doc['title']}\n{doc['abstract']}"
    return docs


def run_calame(docs: list[dict]) -> list[list[str]]:
    """Each abstract on its own (no brand), one batched spaCy pass."""
    from core.language.keywords import extract_each

    return [[k.phrase for k in r.keywords] for r in extract_each([d["text"] for d in docs], lang="fr", top=10)]


def run_yake(docs: list[dict]) -> list[list[str]]:
    import yake

    return [[kw for kw, _ in yake.KeywordExtractor(lan="fr", n=3, top=10).extract_keywords(d["text"])]
            for d in docs]


def scores(pred: list[list[str]], docs: list[dict], part: list[int]) -> dict[str, float]:
    out = {"P@10": 0.0, "R@10": 0.0, "F@10": 0.0, "F@5": 0.0}
    for i in part:
        p, r, f = prf(pred[i], docs[i]["keywords"], 10)
        out["P@10"] += p
        out["R@10"] += r
        out["F@10"] += f
        out["F@5"] += prf(pred[i], docs[i]["keywords"], 5)[2]
    return {k: 100 * v / max(len(part), 1) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench keywords_taln")
    parser.add_argument("--show", action="store_true", help="print each abstract's gold and top 10s")
    args, _ = parser.parse_known_args(argv if argv is not None else [])
    if not DATA.exists():
        print(f"Benchmark data not found at {DATA}: clone github.com/boudinfl/taln-archives, run "
              f"python bench/data/taln/sample.py CLONE > {DATA.name}, and point CALAME_TALN_DATA at it",
              file=sys.stderr)
        return 2
    docs = load()
    dev = [i for i, d in enumerate(docs) if d["split"] == "dev"]
    held = [i for i, d in enumerate(docs) if d["split"] == "held_out"]
    present = sum(1 for d in docs for k in dedupe(d["keywords"]) if k in " ".join(dedupe([d["text"]])))
    gold = sum(len(dedupe(d["keywords"])) for d in docs)
    print(f"TALN Archives abstracts: {len(docs)} (dev {len(dev)}, held out {len(held)}); "
          f"{gold} author keywords, {100 * present / max(gold, 1):.0f} % of them found in the text once stemmed")
    calame, yake_pred = run_calame(docs), run_yake(docs)
    print(f"{'':<28} {'dev F1@10':>10} {'held P@10':>10} {'held R@10':>10} {'held F1@5':>10} {'held F1@10':>11}")
    table = {}
    for name, pred in (("Calame", calame), ("plain YAKE (n=3)", yake_pred)):
        d, h = scores(pred, docs, dev), scores(pred, docs, held)
        table[name] = (d["F@10"], h["F@10"])
        print(f"{name:<28} {d['F@10']:10.1f} {h['P@10']:10.1f} {h['R@10']:10.1f} {h['F@5']:10.1f} {h['F@10']:11.1f}")
    if args.show:
        for i in dev:  # the development part only: the held-out abstracts are not to be read while tuning
            hits = set(dedupe(calame[i])) & set(dedupe(docs[i]["keywords"]))
            print(f"\n{docs[i]['id']}  hits={len(hits)}")
            print("  gold:  ", " | ".join(docs[i]["keywords"]))
            print("  calame:", " | ".join(calame[i]))
            print("  yake:  ", " | ".join(yake_pred[i]))
    yake_held = table["plain YAKE (n=3)"][1]
    ratio = table["Calame"][1] / yake_held if yake_held else float("inf")
    print(f"held-out ratio Calame / YAKE: {ratio:.2f} (target {TARGET_RATIO:.1f}): "
          f"{'met' if ratio >= TARGET_RATIO else 'MISSED'}")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
