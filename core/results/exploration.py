"""Test slots: a share of the next plan's slots (default 15 %) kept for trying what the
brand's figures cannot yet tell, chosen by Thompson sampling.

Thompson sampling (Thompson 1933, "On the likelihood that one unknown probability exceeds
another", Biometrika 25; Russo et al. 2018, "A tutorial on Thompson sampling"): for each test
slot, draw one plausible lift from each arm's posterior and test the arm whose draw is
highest. An arm's posterior is the report's shrunk estimate (``core.results.report``): its
centre ``ln(1 + value)``, its spread from its 90 % interval; an arm with too few posts for an
interval gets the prior's spread ``PRIOR_SD``, so what has not been tried is tried. Arms are the
formats and the daypart × weekday/weekend cells, drawn separately. Each chosen slot is
labelled as a test; nothing is planned until the planner reads them.
"""

from __future__ import annotations

import math
import random

from core.results.report import Z90, Report

DEFAULT_SHARE = 0.15
PRIOR_SD = 0.5


def _posterior(row: dict) -> tuple[float, float]:
    centre = math.log1p(row["value"] or 0.0)
    if not row["interval"]:
        return centre, PRIOR_SD
    low, high = (math.log1p(x) for x in row["interval"])
    return centre, max((high - low) / (2 * Z90), 1e-6)


def _draw(arms: list[dict], rng: random.Random) -> dict:
    return max(arms, key=lambda row: rng.gauss(*_posterior(row)))


def choose_test_slots(report: Report, slots: int, *, share: float = DEFAULT_SHARE, seed: int = 0) -> list[dict]:
    """``round(share × slots)`` tests, each ``{"format", "cell", "test": True}`` (a key of
    the report's formats and of its best-time cells; None when the report has none)."""
    data = report.to_dict()
    formats = [row for row in data["by"]["format"] if row["key"] not in ("", "-")]
    cells = data["best_times"]["cells"]
    rng = random.Random(seed)
    return [{"format": _draw(formats, rng)["key"] if formats else None,
             "cell": _draw(cells, rng)["key"] if cells else None, "test": True}
            for _ in range(round(max(0.0, min(1.0, share)) * slots))]
