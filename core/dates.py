"""Calendar arithmetic shared by the planner, the exports and the screens.

Month steps go through ``dateutil.relativedelta``, which clamps to the last day of a
shorter month (31 January + 1 month = 28 or 29 February) instead of failing.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` (negative goes back), clamped to the end of a shorter month."""
    return day + relativedelta(months=months)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    month = first.replace(day=1)
    out = []
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out
