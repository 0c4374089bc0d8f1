"""Results: importing a year of exports, the year's report and its Word document (issue 16).

Inputs: a brand's year of 2,000 planned posts on six networks (Facebook, Instagram, LinkedIn,
X, TikTok, YouTube) and the six exports of what they did, written as the networks' tools
write them (``tests/results/year.py``: Meta CSV twice, LinkedIn's workbook, X's legacy CSV,
TikTok Studio, YouTube Studio), on disk in a temporary folder.

Measured, each the median of three runs:
- **import**: reading the six files, matching every row to the plan (ids, then ±36 h and
  text similarity) and writing every figure, in one transaction on a fresh copy of the
  database. Target: under 3 s. Baseline in the same run: a bare read of the same files
  (bytes from disk, decoded and split into cells by the csv module or python-calamine);
- **report**: the year's report (figures, rates, lifts, six breakdowns with shrinkage, best
  times, objectives, mix). Target: under 1 s. Baseline: one SELECT of the same readings;
- **docx**: the Word client report of that year. Target: under 2 s. Baseline: python-docx
  saving an empty document.

    python -m bench results
"""

from __future__ import annotations

import csv
import io
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

POSTS = 2000
TARGETS = {"import": 3.0, "report": 1.0, "docx": 2.0}
YEAR = (date(2027, 1, 1), date(2027, 12, 31))


def _median(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bare_read(paths: list[Path]) -> int:
    """The cells of every file, read the plainest way: the baseline of the import."""
    from python_calamine import CalamineWorkbook

    from core.language.text import decode_bytes

    cells = 0
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
        else:
            rows = list(csv.reader(io.StringIO(decode_bytes(data, path.name))))
        cells += sum(len(r) for r in rows)
    return cells


def main() -> int:
    from docx import Document
    from sqlmodel import select

    from core import db
    from core.brands import get_brand
    from core.models import MeasuredPost, Reading
    from core.results.docx_report import report_docx
    from core.results.report import build_report
    from core.results.store import Source, import_exports
    from tests.results import year

    folder = Path(tempfile.mkdtemp(prefix="calame-bench-results-"))
    try:
        base = folder / "base.db"
        engine = db.make_engine(f"sqlite:///{base}")
        db.upgrade(engine)
        posts = year.plan(POSTS)
        with db.transaction(engine) as s:
            brand_id = year.load_brand(s, posts)
        engine.dispose()
        paths = []
        for name, data in year.exports(posts).items():
            path = folder / name
            path.write_bytes(data)
            paths.append(path)
        rows = {}

        runs = iter(range(100))

        def run_import():
            copy = folder / f"run{next(runs)}.db"
            shutil.copy(base, copy)
            run_engine = db.make_engine(f"sqlite:///{copy}")
            sources = [Source(str(p), p.read_bytes(), date(2028, 1, 10)) for p in paths]
            with db.transaction(run_engine) as s:
                result = import_exports(get_brand(brand_id, session=s), sources, session=s)
            rows["result"] = result
            rows["engine"] = run_engine

        measured = {"import": _median(run_import), "import baseline": _median(lambda: bare_read(paths))}
        result = rows["result"]
        if result.errors:
            print(f"import reported errors: {result.errors[:3]}")
            return 1
        engine = rows["engine"]

        def report():
            with db.transaction(engine) as s:
                rows["report"] = build_report(brand_id, *YEAR, session=s)

        def bare_select():
            with db.transaction(engine) as s:
                s.exec(select(Reading.measured_post_id, Reading.metric, Reading.value).join(MeasuredPost)
                       .where(MeasuredPost.brand_id == brand_id)).all()

        measured["report"] = _median(report)
        measured["report baseline"] = _median(bare_select)

        def docx():
            with db.transaction(engine) as s:
                rows["docx"] = report_docx(rows["report"], brand_id, session=s)

        def empty_docx():
            Document().save(io.BytesIO())

        measured["docx"] = _median(docx)
        measured["docx baseline"] = _median(empty_docx)
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"{result.rows} rows in {len(paths)} files: {result.matched} matched, {result.to_confirm} to confirm, "
          f"{result.unmatched} outside the plan; report of {len(rows['report'].posts)} posts; "
          f".docx of {len(rows['docx']) // 1024} KiB")
    missed = 0
    for name, target in TARGETS.items():
        took, baseline = measured[name], measured[f"{name} baseline"]
        ok = took < target
        missed += not ok
        print(f"{name:7s} {took:6.2f} s (target < {target:.0f} s: {'met' if ok else 'MISSED'}); "
              f"baseline {baseline:6.3f} s, ratio {took / baseline:6.1f}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
