"""What the speed benchmarks share: timing two functions fairly on a shared machine, and
the text Calame's readability gives spaCy's morphologizer (for the same-work baselines)."""

from __future__ import annotations

import statistics
import time


def interleaved_medians(fns, repeat: int) -> list[float]:
    """Median seconds of each function in ``fns``, the calls taken in turn (a, b, c, a, b,
    c, ...) so that a load change on the shared machine hits all of them alike; timing
    one function's runs, then the other's, biases the ratio."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def morph_inputs(texts: list[str], lang: str | None = "fr") -> list[str]:
    """The strings Calame's readability runs the morphologizer on for ``texts``: each
    text's sentences with a form of "être", joined (texts without one give nothing).

    Built by the engine's own selection (``_prepare``, ``_morph_jobs``), so a baseline fed
    with them does exactly the spaCy work Calame does, and follows it if the selection changes.
    """
    from core.language import readability as rd

    return [text for text, _spans in rd._morph_jobs([rd._prepare(t, lang, True) for t in texts])]


def words(texts) -> int:
    return sum(len(t.split()) for t in texts)
