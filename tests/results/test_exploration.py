from collections import Counter

from core import db
from core.results.exploration import choose_test_slots
from core.results.report import build_report
from tests.results.test_report import YEAR, year_db  # noqa: F401  (the module's year of data)


def year_report(year_db):  # noqa: F811
    engine, brand_id = year_db
    with db.transaction(engine) as s:
        return build_report(brand_id, *YEAR, session=s)


def test_fifteen_percent_of_the_slots_are_tests_labelled_as_such(year_db):  # noqa: F811
    chosen = choose_test_slots(year_report(year_db), 40, seed=3)
    assert len(chosen) == 6 and all(c["test"] for c in chosen)
    assert len(choose_test_slots(year_report(year_db), 40, share=0.0)) == 0


def test_thompson_sampling_tries_the_promising_cells_most_and_the_clearly_worse_one_least(year_db):  # noqa: F811
    report = year_report(year_db)
    cells = Counter(c["cell"] for c in choose_test_slots(report, 2000, seed=1))
    ranked = [c["key"] for c in report.best_times["cells"]]
    assert cells.most_common(1)[0][0] == ranked[0] == "midi|semaine"
    assert cells[ranked[-1]] == min(cells.get(k, 0) for k in ranked) and ranked[-1] == "matin|semaine"
    assert choose_test_slots(report, 20, seed=7) == choose_test_slots(report, 20, seed=7)
