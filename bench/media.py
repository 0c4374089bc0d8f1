"""Media planning: a month's media plan for a brand with a year of 2,000 measured posts (issue 17).

Input: a brand's 2027 of 2,000 planned posts on six networks and the six exports of what they
did (``tests/results/year.py``), imported once, and ten posts planned in January 2028, three
flagged to sponsor. Measured, the median of five runs taken in turn with the baseline:

- **plan**: ``media_plan`` for January 2028 with a 3,000 € budget: the 400 days of measured
  posts before the period read with their figures, rates and lifts, shrunk, filtered, priced,
  the budget split into lines. Target: under 1 s;
- **baseline**: the same measured posts read with their figures, rates and lifts
  (``core.results.measures.load`` on the same days): the reading every media plan needs.

    python -m bench media
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

POSTS = 2000
TARGET = 1.0
JANUARY = (date(2028, 1, 1), date(2028, 1, 31))
PARIS = ZoneInfo("Europe/Paris")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._timing import interleaved_medians
    from core import db
    from core.brands import get_brand
    from core.media.plan import media_plan, set_sponsor
    from core.posts import create_post
    from core.results import measures
    from core.results.store import Source, import_exports
    from tests.results import year

    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{Path(folder) / 'calame.db'}")
        db.upgrade(engine)
        posts = year.plan(POSTS)
        with db.transaction(engine) as s:
            brand_id = year.load_brand(s, posts)
        with db.transaction(engine) as s:
            import_exports(get_brand(brand_id, session=s),
                           [Source(n, d, date(2028, 1, 2)) for n, d in year.exports(posts).items()], session=s)
        with db.transaction(engine) as s:
            for day in range(10):
                post = create_post(brand_id, session=s, network=year.NETWORKS[day % 6], objective="notoriete",
                                   publish_at=datetime(2028, 1, 3 + day * 2, 12, 30, tzinfo=PARIS),
                                   text=f"Janvier à l’atelier, épisode {day + 1}.")
                if day % 3 == 0:
                    set_sponsor(post.id, True, session=s)

        def plan():
            with db.transaction(engine) as s:
                return media_plan(brand_id, 3000, *JANUARY, session=s)

        def baseline():
            with db.transaction(engine) as s:
                day = JANUARY[0] - timedelta(days=1)
                return measures.load(brand_id, day, day, tz=PARIS, session=s)

        lines = len(plan().allocation.lines)
        measured = len(baseline())
        t_plan, t_base = interleaved_medians([plan, baseline], repeat=5)
        engine.dispose()
    print(f"media plan, January 2028, {measured} measured posts read, {lines} lines: {t_plan:.3f} s "
          f"(target < {TARGET:.1f} s)")
    print(f"baseline, the same measured posts read with their rates and lifts: {t_base:.3f} s "
          f"({t_plan / t_base:.2f}x)")
    ok = t_plan < TARGET and lines > 0
    print("media: target met" if ok else "media: TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
