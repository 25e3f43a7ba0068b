"""Calendar spans: inclusive first and last days of months, quarters, years, decades.

Takes: numbers and names from `workbook.time.lexicon`.
Gives: the span arithmetic the resolvers of `workbook.time.rules` use, and `span_text`, an interval in words.
Comes after `workbook.time.lexicon`.
"""
from __future__ import annotations

import pandas as pd

from .lexicon import MONTH_ABBR, MONTHS, NUMBER_WORDS, REL_STEP


def as_day(d) -> pd.Timestamp:
    return pd.Timestamp(d).normalize()


def month_span(year: int, month: int) -> tuple:
    start = pd.Timestamp(year, month, 1)
    return start, start + pd.offsets.MonthEnd(0)


def months_span(year: int, first: int, n: int) -> tuple:
    """n calendar months from (year, first); they may run into the next year."""
    start = pd.Timestamp(year, 1, 1) + pd.DateOffset(months=first - 1)
    return start, start + pd.DateOffset(months=n) - pd.Timedelta(days=1)


def years_span(first: int, last: int) -> tuple:
    return pd.Timestamp(first, 1, 1), pd.Timestamp(last, 12, 31)


def decade_span(year: int) -> tuple:
    return years_span(year // 10 * 10, year // 10 * 10 + 9)


def unit_span(day, unit: str) -> tuple:
    """The calendar day, week (Monday to Sunday), month, year or decade containing `day`."""
    if unit == "week":
        monday = day - pd.Timedelta(days=day.weekday())
        return monday, monday + pd.Timedelta(days=6)
    return {"day": lambda: (day, day), "month": lambda: month_span(day.year, day.month),
            "year": lambda: years_span(day.year, day.year), "decade": lambda: decade_span(day.year)}[unit]()


def offset_by(n: int, unit: str):
    return pd.DateOffset(years=10 * n) if unit == "decade" else pd.DateOffset(**{unit + "s": n})


def wider_unit(unit: str) -> str:
    """The precision one step wider than a unit (two weeks are vaguer than a week)."""
    order = ("day", "week", "month", "year", "decade")
    return order[min(order.index(unit) + 1, len(order) - 1)]


def parse_number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def unit_name(g) -> str:
    return g["unit"].lower().rstrip("s")


def month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBR[name]


def month_year(month: int, ref, tense: str) -> int:
    """The year of a month named without one: the latest such month up to the reference
    month, or, in the future, the first from the reference month on."""
    if tense == "future":
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def relative_year(rel: str | None, ref) -> int:
    return ref.year + REL_STEP.get(rel or "", 0)


def month_part(year: int, month: int, part: int) -> tuple:
    """Days 1-10, 11-20 or 21-end of a month."""
    first, last = month_span(year, month)
    lo = first + pd.Timedelta(days=10 * part)
    return lo, (lo + pd.Timedelta(days=9) if part < 2 else last)


def span_text(row) -> str:
    """A resolved interval in words: 2016-07-15, 2016-07, 2016, or start to end."""
    start, end, precision = row.start, row.end, row.precision
    if start == end:
        return f"{start:%Y-%m-%d}"
    if precision == "month" and start.day == 1 and end == start + pd.offsets.MonthEnd(0):
        return f"{start:%Y-%m}"
    if precision == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start:%Y}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
