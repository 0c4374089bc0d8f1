"""Calame's own drafts, labelled by an independent CM (tests/data/graded/drafts_review.jsonl,
docs/scoring.md "Sense"): the score must put the drafts she calls nonsense below the ones
she would publish, on the briefs the rules were developed on and on the two held out."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from core.scoring import score_many

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "tests" / "data" / "graded" / "drafts_review.jsonl"
BRIEFS = {"demo": ROOT / "data" / "demo" / "brief.toml",
          **{p.stem.removeprefix("review_"): p for p in (ROOT / "tests" / "data" / "briefs_review").glob("review_*.toml")}}
HELD_OUT = ("boulangerie_montreal", "salon_lyon")


def _scored():
    briefs = {name: tomllib.loads(path.read_text(encoding="utf-8")) for name, path in BRIEFS.items()}
    drafts = [json.loads(line) for line in DRAFTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = score_many([{"id": d["id"], "text": d["text"], "network": d["network"], "lang": "fr",
                           "objective": d["objective"], "format": d["format"], "keywords": d["keywords"],
                           "brand": briefs[d["brief"]]} for d in drafts])
    return drafts, [r.score for r in results]


def _auc(good, bad):
    return sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad) / (len(good) * len(bad))


def test_the_review_set_holds_sixty_drafts_of_five_briefs_each_with_a_label_and_a_reason():
    drafts = [json.loads(line) for line in DRAFTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert (len(drafts), sorted({d["brief"] for d in drafts}), sorted({d["label"] for d in drafts})) == (
        60, ["banque_alimentaire", "boulangerie_montreal", "demo", "rh_belgique", "salon_lyon"],
        ["heavy", "light", "nonsense", "publishable"])
    assert [d["id"] for d in drafts if d["label"] != "publishable" and not d["reason"].strip()] == []


def test_nonsense_drafts_score_under_publishable_ones_on_the_held_out_briefs_too():
    drafts, scores = _scored()

    def figures(chosen):
        good = [s for d, s in chosen if d["label"] in ("publishable", "light")]
        bad = [s for d, s in chosen if d["label"] == "nonsense"]
        return round(_auc(good, bad), 2), sum(1 for s in bad if s < 60), len(bad)

    held = figures([(d, s) for d, s in zip(drafts, scores) if d["brief"] in HELD_OUT])
    dev = figures([(d, s) for d, s in zip(drafts, scores) if d["brief"] not in HELD_OUT])
    # Measured on 1 December 2026 (docs/scoring.md): held out AUC 0.95, 5 of 7 nonsense under
    # 60; developed on, AUC 0.86, 10 of 17. A regression of the rules shows here first.
    assert held[0] >= 0.9 and held[1] >= 5, held
    assert dev[0] >= 0.8 and dev[1] >= 9, dev
    assert min(s for d, s in zip(drafts, scores) if d["label"] == "publishable") >= 95
