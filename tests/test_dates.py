"""Month arithmetic of core.dates on the dates a plan or an export meets."""

from datetime import date

from core.dates import add_months, month_starts


def test_a_month_after_the_31st_of_january_is_the_last_day_of_february():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_months_carry_over_the_end_of_the_year_both_ways():
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert add_months(date(2027, 1, 1), -12) == date(2026, 1, 1)


def test_twenty_four_months_from_a_leap_day_lands_on_the_28th():
    assert add_months(date(2028, 2, 29), 24) == date(2030, 2, 28)


def test_month_starts_lists_every_month_the_period_touches():
    assert month_starts(date(2027, 11, 15), date(2028, 2, 3)) == [
        date(2027, 11, 1), date(2027, 12, 1), date(2028, 1, 1), date(2028, 2, 1)]


def test_a_period_ending_before_it_starts_has_no_month():
    assert month_starts(date(2027, 3, 1), date(2027, 2, 28)) == []
