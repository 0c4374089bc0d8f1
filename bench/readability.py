"""Readability: agreement with Yoast SEO on the five French seed articles, and speed.

Quality: Calame's French Flesch (Kandel & Moles) against Yoast SEO 3.6.0's figures for
the seeds (given in issue 3; every line a paragraph, hard wraps joined), within ±3 points.
Speed: ``core.language.readability.analyse`` on a 45-word post and on a 1,500-word article against
a bare call of the smallest French pipeline with morphology (tok2vec, morphologizer,
attribute_ruler, lemmatizer) on the same text, in the same run; the bar is 1.3.

    python -m bench readability
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
YOAST = {"000": 68.0, "001": 71.6, "002": 67.7, "003": 66.5, "004": 51.0}
POST = (
    "Notre nouvelle robe en lin a été présentée hier au salon de Lyon. Elle est fabriquée "
    "à la main dans notre atelier, avec des tissus choisis par notre équipe. Venez la "
    "découvrir en boutique ce week-end et dites-nous ce que vous en pensez !"
)


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def article(words: int = 1500) -> str:
    """About ``words`` words of real French web copy from the seeds."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    out, count = [], 0
    for line in text.splitlines():
        out.append(line)
        count += len(line.split())
        if count >= words:
            break
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from core.language import readability as rd
    from core.language.nlp import get_nlp

    if not SEEDS.exists():
        print(f"Seeds not found at {SEEDS}", file=sys.stderr)
        return 2
    print("Flesch (French, Kandel & Moles) against Yoast SEO 3.6.0 on the seeds:")
    print(f"{'seed':<6} {'words':>6} {'sent.':>6} {'syll.':>6} {'Calame':>7} {'Yoast':>6} {'diff':>6} "
          f"{'long%':>6} {'pass.%':>6} {'trans%':>6}")
    worst = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        seed = path.name[:3]
        r = rd.analyse(path.read_text(encoding="utf-8"), "fr")
        diff = r.flesch - YOAST[seed]
        worst = max(worst, abs(diff))
        print(f"{seed:<6} {r.words:>6} {r.sentences:>6} {r.syllables:>6} {r.flesch:>7.1f} {YOAST[seed]:>6.1f} "
              f"{diff:>+6.1f} {r.long_sentence_share:>6.1f} {r.passive_share:>6.1f} {r.transition_share:>6.1f}")
    print(f"largest difference: {worst:.1f} points (bar: 3.0)")

    nlp = get_nlp("fr")
    bare_disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "morphologizer", "attribute_ruler", "lemmatizer")]
    print()
    print("Speed (median of repeated runs, pipeline loaded):")
    print(f"{'text':<22} {'words':>6} {'Calame ms':>10} {'bare ms':>9} {'ratio':>6}")
    ok = True
    for label, text, repeat in (("post", POST, 50), ("article", article(1500), 10)):
        nlp(text, disable=bare_disable)
        rd.analyse(text, "fr")
        bare = median_time(lambda: nlp(text, disable=bare_disable), repeat)
        ours = median_time(lambda: rd.analyse(text, "fr"), repeat)
        ratio = ours / bare
        ok &= ratio <= 1.3
        print(f"{label:<22} {len(text.split()):>6} {ours * 1000:>10.1f} {bare * 1000:>9.1f} {ratio:>6.2f}")
    print("bar: ratio <= 1.30")
    big = "Le community manager anime la communauté de la marque. " * 20000
    start = time.perf_counter()
    r = rd.analyse(big, "fr")
    print(f"1 MB text ({len(big):,} chars, {r.words} words): {time.perf_counter() - start:.2f} s, truncated={r.truncated}")
    return 0 if ok and worst <= 3 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
