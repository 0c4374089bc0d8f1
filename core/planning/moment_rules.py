"""Date rules that a month-and-day cannot say: Belgian sales and their waiting periods,
the Wallonia-Brussels school year, and the lunar and lunisolar calendars.

Each rule takes a year and returns the first day of the moment, or ``(first, last)`` when
its length changes with the year (the Belgian sales end on 31 January whether they start
on the 2nd or the 3rd). ``core.planning.moments`` calls them by the name that
``data/moments*.toml`` gives in ``rule``.
"""

from __future__ import annotations

from datetime import date, timedelta

SUNDAY = 6


def soldes_hiver_be(year: int) -> tuple[date, date]:
    """Belgian winter sales: 3 to 31 January, from 2 January when the 3rd is a Sunday.

    Code de droit économique, art. VI.25: 2027 → 2 January (3 January 2027 is a Sunday).
    """
    third = date(year, 1, 3)
    return (third - timedelta(days=1) if third.weekday() == SUNDAY else third), date(year, 1, 31)


def soldes_ete_be(year: int) -> tuple[date, date]:
    """Belgian summer sales: 1 to 31 July, from 30 June when 1 July is a Sunday (2029)."""
    first = date(year, 7, 1)
    return (first - timedelta(days=1) if first.weekday() == SUNDAY else first), date(year, 7, 31)


def attente_hiver_be(year: int) -> tuple[date, date]:
    """The month before the winter sales of ``year + 1`` in which clothing, leather goods and
    shoes may not announce price reductions: 3 December to 2 January, one day earlier
    when the sales start on 2 January (2 December 2026 to 1 January 2027)."""
    sales = soldes_hiver_be(year + 1)[0]
    return date(year, 12, sales.day), sales - timedelta(days=1)


def attente_ete_be(year: int) -> tuple[date, date]:
    """The month before the summer sales: 1 to 30 June, 31 May to 29 June when they start on 30 June."""
    sales = soldes_ete_be(year)[0]
    return sales - timedelta(days=30), sales - timedelta(days=1)


def rentree_fwb(year: int) -> date:
    """Back to school in the Wallonia-Brussels Federation: the last Monday of August since
    the 2022 reform of the school year (2027 → 30 August); before it, 1 September or the
    Monday after when it fell on a weekend."""
    if year >= 2022:
        last = date(year, 8, 31)
        return last - timedelta(days=last.weekday())
    first = date(year, 9, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 if first.weekday() >= 5 else 0)
