"""Seasonal calendar speed (issue 5), with baselines measured in the same run.

- Planning 12 months on 6 networks at their default frequencies (about 1,500 posts) with
  drafts, without scoring (target: under 1 s); the baseline is the same plan for 1 month.
- The same plan with every draft scored (target: under 10 s, spaCy already loaded); the
  NLP share is batched by ``core.scoring.engine.score_many`` (its share is printed).
- The same 12 months written to a SQLite database through ``plan_brand`` (drafts, scores,
  Post rows).
- Re-planning one month after a human edited one post (target: under 1 s, scored).
- The Calendar screen rendering a month of 150 posts (target: under 1 s); baseline: the
  same screen on an empty month.

Run: ``.venv/bin/python -m bench.plan`` (or ``python -m bench plan``).
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETWORKS = ["instagram", "facebook", "linkedin", "x", "tiktok", "pinterest"]
START = date(2027, 1, 1)


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def demo_brief(channels=None) -> dict:
    from core.planning.editorial import default_channels

    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        brief = tomllib.load(fh)
    brief["channels"] = channels or default_channels(NETWORKS)
    brief["brand"]["hours_per_week"] = 30.0
    brief["pillars"] = [
        {"name": "Conseils de style", "target_share": 35.0, "objectives": ["notoriete"]},
        {"name": "Coulisses de l'atelier", "target_share": 25.0, "objectives": ["notoriete"]},
        {"name": "Robes d'été", "target_share": 25.0, "objectives": ["conversion"]},
        {"name": "Clientes fidèles", "target_share": 15.0, "objectives": ["fidelisation"]},
    ]
    return brief


def line(label: str, seconds: float, target: float | None = None, extra: str = "") -> None:
    verdict = "" if target is None else ("  OK" if seconds < target else f"  OVER TARGET ({target} s)")
    print(f"{label:<58} {seconds:8.3f} s{verdict}{extra}", flush=True)


def main() -> int:
    from core.planning.planner import plan_brief

    brief = demo_brief()
    over = 0
    one_month, _ = _best(lambda: plan_brief(copy.deepcopy(brief), START, 1, seed=1, score=False))
    twelve, result = _best(lambda: plan_brief(copy.deepcopy(brief), START, 12, seed=1, score=False))
    n = len(result.posts)
    line("baseline: plan 1 month, drafts, no scoring", one_month)
    line(f"plan 12 months x 6 networks ({n} posts), drafts, no scoring", twelve, 1.0,
         f"  ({twelve / one_month:.1f}x the 1-month baseline)")
    over += twelve >= 1.0

    from core.language.nlp import get_nlp

    t0 = time.perf_counter()
    get_nlp("fr")
    line("(spaCy French pipeline load, once per process)", time.perf_counter() - t0)
    scored, result = _best(lambda: plan_brief(copy.deepcopy(brief), START, 12, seed=1, score=True), repeat=1)
    line(f"plan 12 months ({len(result.posts)} posts), drafts and scores", scored, 10.0)
    over += scored >= 10.0
    share = scored - twelve
    line("scoring share of that plan (batched nlp.pipe in score_many)", share, None,
         f"  ({1000 * share / len(result.posts):.2f} ms per draft)")

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        os.environ["DATABASE_URL"] = url
        from sqlmodel import Session, select

        from core import db
        from core.brands import save_brief
        from core.models import Post
        from core.planning.planner import plan_brand
        from core.posts import save_post

        engine = db.make_engine(url)
        db.upgrade(engine)
        with Session(engine) as s:
            bid = save_brief(copy.deepcopy(brief), session=s).id
            s.commit()
        t0 = time.perf_counter()
        with Session(engine) as s:
            written = plan_brand(bid, START, 12, session=s, seed=3)
            s.commit()
        into_db = time.perf_counter() - t0
        line(f"plan_brand 12 months into SQLite ({len(written.posts)} rows, scored)", into_db, 10.0)
        over += into_db >= 10.0
        with Session(engine) as s:
            post = s.exec(select(Post).where(Post.brand_id == bid).order_by(Post.publish_at)).first()
            save_post(post.id, post.version, {"text": "Texte réécrit par la CM."}, session=s)
            s.commit()
        t0 = time.perf_counter()
        with Session(engine) as s:
            again = plan_brand(bid, START, 1, session=s, seed=2)
            s.commit()
        replan = time.perf_counter() - t0
        line(f"re-plan 1 month after an edit ({len(again.posts)} posts, scored)", replan, 1.0)
        over += replan >= 1.0
        engine.dispose()
        os.environ.pop("DATABASE_URL", None)

    over += bench_screen()
    return 1 if over else 0


def bench_screen() -> int:
    """The Calendar screen on a month of 150 posts, against the same screen on an empty month."""

    from streamlit.testing.v1 import AppTest
    from sqlmodel import Session

    from core import db
    from core.brands import save_brief
    from core.planning.planner import plan_brand

    channels = [{"network": n, "posts_per_week": 7.0} for n in NETWORKS[:4]] + [
        {"network": "pinterest", "posts_per_week": 6.0}]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/screen.db"
        os.environ["DATABASE_URL"] = url
        engine = db.make_engine(url)
        db.upgrade(engine)
        with Session(engine) as s:
            brand = save_brief(demo_brief(channels) | {"brand": demo_brief()["brand"] | {"name": "Maison Lila"}},
                               session=s)
            result = plan_brand(brand.id, date(2027, 3, 1), 1, session=s, seed=1, score=False)
            s.commit()
        engine.dispose()
        from pages import frame

        frame.get_engine.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.session_state["cal_month"] = date(2027, 3, 1)
        at.switch_page("pages/calendar.py").run()
        full, _ = _best(lambda: at.run(), repeat=3)
        # the month's posts as the interactive calendar receives them (the component's arguments)
        components = at.get("component_instance")
        chips = len(json.loads(components[0].proto.json_args)["events"]) if components else 0
        at.session_state["cal_month"] = date(2027, 5, 1)
        at.run()
        empty, _ = _best(lambda: at.run(), repeat=3)
        os.environ.pop("DATABASE_URL", None)
        frame.get_engine.clear()
    line("baseline: Calendar screen, empty month", empty)
    line(f"Calendar screen, month view of {chips} posts ({len(result.posts)} planned)", full, 1.0,
         f"  ({full / empty:.2f}x the empty month)")
    return int(full >= 1.0)


if __name__ == "__main__":
    raise SystemExit(main())
