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


def super_bowl(year: int) -> date:
    """The NFL final: the second Sunday of February since the 17-game season (2022), the
    first before it (2021 → 7 February, 2027 → 14 February)."""
    first = date(year, 2, 1) + timedelta(days=(SUNDAY - date(year, 2, 1).weekday()) % 7)
    return first + timedelta(weeks=1) if year >= 2022 else first


# -- lunar and lunisolar calendars ------------------------------------------------------
# Lunar New Year: lunar_python, which computes the Chinese calendar from astronomy for any
# year (lunardate stops at 2099). Islamic months: hijridate's Umm al-Qura tables, the
# calendar the Saudi authorities publish and the one French mosques' announcements match
# most years, until they end in November 2077; after that convertdate's tabular (arithmetic)
# calendar, a day early or late at times. The day a community keeps can still move by one
# with the sighting of the crescent, announced the evening before. Hebrew dates: convertdate,
# the Hebrew calendar being arithmetic; a feast starts at sundown the evening before.

def lunar_new_year(year: int) -> date:
    """The first day of the first month of the Chinese calendar (2027 → 6 February)."""
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _hijri_to_gregorian(hyear: int, month: int, day: int) -> date:
    from convertdate import islamic
    from hijridate import Hijri

    try:
        found = Hijri(hyear, month, day).to_gregorian()
    except (OverflowError, ValueError):  # past the Umm al-Qura tables
        return date(*islamic.to_gregorian(hyear, month, day))
    return date(found.year, found.month, found.day)


def _hijri_year_of(day: date) -> int:
    from convertdate import islamic

    return islamic.from_gregorian(day.year, day.month, day.day)[0]


def first_hijri_date_in(year: int, month: int, day: int) -> date:
    """The first Gregorian day of ``year`` that is ``day`` ``month`` of a Hijri year (the Hijri
    year is eleven days shorter, so a year like 2030 holds two Ramadans: the first is given)."""
    hyear = _hijri_year_of(date(year, 1, 1)) - 1
    found = _hijri_to_gregorian(hyear, month, day)
    while found.year < year:
        hyear += 1
        found = _hijri_to_gregorian(hyear, month, day)
    return found


def ramadan(year: int) -> tuple[date, date]:
    """The month of Ramadan, from 1 Ramadan to the eve of the Eid (2026: 18 February to 19 March)."""
    start = first_hijri_date_in(year, 9, 1)
    hyear = _hijri_year_of(start + timedelta(days=15))
    return start, _hijri_to_gregorian(hyear, 10, 1) - timedelta(days=1)


def aid_el_fitr(year: int) -> date:
    """Eid al-Fitr, 1 Shawwal, the end of Ramadan (2026 → 20 March)."""
    return first_hijri_date_in(year, 10, 1)


def aid_el_kebir(year: int) -> date:
    """Eid al-Adha, 10 Dhu al-Hijja (2026 → 27 May)."""
    return first_hijri_date_in(year, 12, 10)


def _hebrew(year: int, month: int, day: int) -> date:
    from convertdate import hebrew

    # Tishri (7) opens the Hebrew year: its months up to Adar fall in the Gregorian year
    # before Nisan (1) of the same Hebrew year
    hyear = year + 3761 if month >= 7 else year + 3760
    return date(*hebrew.to_gregorian(hyear, month, day))


def rosh_hashanah(year: int) -> date:
    """1 Tishri, the Jewish New Year (2026 → 12 September)."""
    return _hebrew(year, 7, 1)


def yom_kippur(year: int) -> date:
    """10 Tishri (2026 → 21 September)."""
    return _hebrew(year, 7, 10)


def hanukkah(year: int) -> tuple[date, date]:
    """25 Kislev for eight days (2026: 5 to 12 December)."""
    start = _hebrew(year, 9, 25)
    return start, start + timedelta(days=7)


def pessah(year: int) -> tuple[date, date]:
    """15 Nisan for eight days outside Israel (2026: 2 to 9 April)."""
    start = _hebrew(year, 1, 15)
    return start, start + timedelta(days=7)


NAMED = {f.__name__: f for f in (soldes_hiver_be, soldes_ete_be, attente_hiver_be, attente_ete_be, rentree_fwb, super_bowl,
                                  lunar_new_year, ramadan, aid_el_fitr, aid_el_kebir, rosh_hashanah, yom_kippur,
                                  hanukkah, pessah)}
