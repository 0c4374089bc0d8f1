"""Speed of the moments library (issue 14), with its baseline measured in the same run.

- Listing a year's moments for a country (``core.planning.moments.year_moments``), first
  call (rules, lunar calendars and public holidays computed) and after it (target: under
  50 ms), for every supported country and three sectors.
- Baseline: the same lists with the library reduced to ``data/moments.toml`` alone (the
  commercial and cultural file the library grew from), so the ratio shows what the 130 more
  moments and the lunar calendars cost.

Run: ``.venv/bin/python -m bench.moments`` (or ``python -m bench moments``); exits 1 when
a list after the first call takes 50 ms or more.
"""

from __future__ import annotations

import time

from core import refdata
from core.planning import moments

TARGET = 0.050
YEAR = 2027
SECTORS = (None, "mode", "association")


def _clear() -> None:
    for cached in (moments._merged_table, moments._year_spans, moments._holidays, moments.moment_files):
        cached.cache_clear()


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def measure(label: str) -> tuple[float, float, int]:
    """(slowest first call, slowest call after it, moments listed for FR) over countries and sectors."""
    _clear()
    first = after = 0.0
    for country in refdata.COUNTRIES:
        for sector in SECTORS:
            first = max(first, _timed(lambda: moments.year_moments(country, YEAR, sector=sector)))
            after = max(after, min(_timed(lambda: moments.year_moments(country, YEAR, sector=sector)) for _ in range(5)))
    count = len(moments.moment_table())
    print(f"{label:<44} {count:4d} moments  first call {first * 1000:7.1f} ms  after {after * 1000:6.2f} ms", flush=True)
    return first, after, count


def main() -> int:
    whole = measure("library (data/moments*.toml)")
    only = ("moments.toml",)
    saved = moments.moment_files
    moments.moment_files = lambda: only
    moments.moment_files.cache_clear = lambda: None
    try:
        base = measure("baseline (data/moments.toml alone)")
    finally:
        moments.moment_files = saved
        _clear()
    ratio = whole[1] / base[1] if base[1] else float("inf")
    verdict = "OK" if whole[1] < TARGET else f"OVER TARGET ({TARGET * 1000:.0f} ms)"
    print(f"after the first call: {whole[1] * 1000:.2f} ms, {ratio:.1f}x the baseline  {verdict}")
    return 0 if whole[1] < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
