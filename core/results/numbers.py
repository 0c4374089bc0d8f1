"""The figures and dates of a network's export, as the export writes them.

Exports write numbers for the reader's locale and the network's taste: ``1 234`` and
``1,234``, ``12,5`` and ``12.5``, ``1.2K``, ``38%``, ``0:12``. A blank cell or a dash
is an unknown value (``None``), never zero. A date whose day and month could be swapped is
read by the order of the header's language (French day-first, English month-first) and
refused when that language is unknown; a date without a year (TikTok Studio) takes the
latest year that does not put it after the export date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from core.i18n import MessageError


class ResultsError(MessageError):
    """An export Calame cannot read, or one of its cells (``data/i18n/results.toml``)."""


UNKNOWN = frozenset({"", "-", "--", "–", "—", "n/a", "na", "n.a.", "nd", "n.d.", "null", "none", "?"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_SUFFIX = {"k": 1e3, "m": 1e6, "md": 1e9, "b": 1e9, "mrd": 1e9}
_NUMBER = re.compile(r"^([+-]?)(\d[\d.,]*|[.,]\d+)\s*(k|m|md|mrd|b)?\s*(%)?$", re.IGNORECASE)
_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d+))?$")


def is_unknown(cell) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip().lower() in UNKNOWN)


def _decimal_point(digits: str, decimal: str) -> float:
    """``digits`` with ``.`` and ``,``: the last separator is the decimal point when both
    appear; one kind alone is a thousands separator when every group after it has three
    digits and the locale's decimal mark is the other one."""
    if "." in digits and "," in digits:
        point = "." if digits.rindex(".") > digits.rindex(",") else ","
    elif "." in digits or "," in digits:
        mark = "." if "." in digits else ","
        groups = digits.split(mark)
        thousands = len(groups) > 2 or (mark != decimal and all(len(g) == 3 for g in groups[1:]))
        point = None if thousands else mark
    else:
        point = None
    if point is None:
        return float(digits.replace(".", "").replace(",", ""))
    other = "," if point == "." else "."
    whole, _, frac = digits.replace(other, "").rpartition(point)
    return float(f"{whole or 0}.{frac}")


def parse_number(cell, *, decimal: str = ".") -> float | None:
    """The value of a count or a rate cell; ``38%`` is ``0.38``. ``None`` when unknown;
    ``ValueError`` when the cell is not a number."""
    if is_unknown(cell):
        return None
    if isinstance(cell, bool):
        raise ValueError(cell)
    if isinstance(cell, (int, float)):
        return float(cell)
    text = _SPACES.sub("", str(cell))
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(cell)
    sign, digits, suffix, percent = match.groups()
    value = _decimal_point(digits, decimal) * _SUFFIX.get((suffix or "").lower(), 1)
    if percent:
        value /= 100
    return -value if sign == "-" else value


def parse_duration(cell) -> float | None:
    """Seconds of ``0:12``, ``1:02:03`` or a plain number of seconds."""
    if is_unknown(cell):
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    text = str(cell).strip()
    match = _DURATION.match(text)
    if match is None:
        return parse_number(text)
    hours, minutes, seconds, frac = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + float(f"0.{frac or 0}")


MONTHS = {
    **{name: i for i, names in enumerate((
        "janvier janv jan", "février fevrier févr fevr fév fev feb february", "mars mar march",
        "avril avr apr april", "mai may", "juin jun june", "juillet juil jul july",
        "août aout aoû aug august", "septembre sept sep september", "octobre oct october",
        "novembre nov november", "décembre decembre déc dec december",
    ), start=1) for name in names.split()},
    "january": 1,
}
_WEEKDAYS = re.compile(r"^(?:lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[\s,T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$",
                      re.IGNORECASE)
_WORDS = re.compile(r"^(?:(\d{1,2})(?:er)?\s+([^\W\d]+)\.?|([^\W\d]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?)"
                    r",?(?:\s+(\d{4}))?(?:,?\s+(?:à\s+)?(\d{1,2})[:h](\d{2})\s*([ap]\.?m\.?)?)?$", re.IGNORECASE)


class When:
    """A parsed publication moment: ``at`` (aware), and whether the export gave its time."""

    __slots__ = ("at", "time_known")

    def __init__(self, at: datetime, time_known: bool):
        self.at = at
        self.time_known = time_known


def _hour(hour: str | None, ampm: str | None) -> int:
    h = int(hour or 0)
    if ampm:
        pm = ampm.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    return h


def _moment(day: date, hour, minute, second, ampm, tz: ZoneInfo, offset: str | None = None) -> When:
    if hour is None:  # a day without its time: noon, so that ±36 h covers the day on each side
        return When(datetime.combine(day, time(12), tz), False)
    naive = datetime.combine(day, time(_hour(hour, ampm), int(minute), int(second or 0)))
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return When(naive.replace(tzinfo=zone), True)
    return When(naive.replace(tzinfo=tz), True)


def parse_when(cell, *, day_first: bool | None, tz: ZoneInfo, exported_on: date) -> When:
    """The publication moment of a date cell. ``day_first`` is the order the header's
    language writes (``None``: unknown, so ``03/04/2027`` is refused as ambiguous). Raises
    ``ResultsError`` (``results.bad_date`` or ``results.ambiguous_date``)."""
    if isinstance(cell, datetime):
        return When(cell if cell.tzinfo else cell.replace(tzinfo=tz), True)
    if isinstance(cell, date):
        return _moment(cell, None, None, None, None, tz)
    text = " ".join(str(cell or "").split())
    if not text:
        raise ResultsError("results.bad_date", value=text)
    if match := _ISO.match(text):
        y, m, d, hh, mm, ss, offset = match.groups()
        day = _day(int(y), int(m), int(d), text)
        if offset == "Z":
            offset = "+0000"
        return _moment(day, hh, mm, ss, None, tz, offset)
    for stripped in dict.fromkeys((text, _WEEKDAYS.sub("", text))):  # "Mar 9" is March; "Thu, Mar 11" a Thursday
        when = _numeric_or_words(stripped, text, day_first=day_first, tz=tz, exported_on=exported_on)
        if when is not None:
            return when
    raise ResultsError("results.bad_date", value=text)


def _numeric_or_words(stripped: str, text: str, *, day_first, tz, exported_on) -> When | None:
    if match := _NUMERIC.match(stripped):
        a, b, y, hh, mm, ss, ampm = match.groups()
        a, b = int(a), int(b)
        year = int(y) + (2000 if len(y) == 2 else 0)
        if a > 12 or b > 12 or a == b:
            first = a > 12 or (a == b)
        elif day_first is None:
            raise ResultsError("results.ambiguous_date", value=text)
        else:
            first = day_first
        day = _day(year, b if first else a, a if first else b, text)
        return _moment(day, hh, mm, ss, ampm, tz)
    if match := _WORDS.match(stripped):
        d1, mon1, mon2, d2, y, hh, mm, ampm = match.groups()
        month = MONTHS.get((mon1 or mon2).lower().rstrip("."))
        if month is None:
            return None
        d = int(d1 or d2)
        if y:
            day = _day(int(y), month, d, text)
        else:  # no year: the latest one that keeps the post before the export
            day = _day(exported_on.year, month, d, text)
            if day > exported_on:
                day = _day(exported_on.year - 1, month, d, text)
        return _moment(day, hh, mm, None, ampm, tz)
    return None


def _day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ResultsError("results.bad_date", value=text) from None
