"""Calendar spans: inclusive first and last day of days, weeks, months, quarters, seasons, years,
decades and centuries, holidays, and the choice of year for what is named without one.

Takes: `workbook.time.lexicon`. Gives: the span arithmetic the resolvers in `workbook.time.rules`
use, and ``span_text`` for writing an interval. Comes after `workbook.time.lexicon`.
"""
from __future__ import annotations

import calendar

import pandas as pd

from .lexicon import MONTH_ABBR, MONTHS, NUMBER_WORDS, REL_STEP

DAY = pd.Timedelta(days=1)


def as_day(d) -> pd.Timestamp:
    return pd.Timestamp(d).normalize()


def month_span(year: int, month: int) -> tuple:
    return pd.Timestamp(year, month, 1), pd.Timestamp(year, month, calendar.monthrange(year, month)[1])


def months_span(year: int, first: int, n: int) -> tuple:
    """n calendar months from (year, first); they may run into the next year."""
    y1, m1 = divmod(year * 12 + first - 1, 12)
    y2, m2 = divmod(year * 12 + first - 1 + n - 1, 12)
    return pd.Timestamp(y1, m1 + 1, 1), pd.Timestamp(y2, m2 + 1, calendar.monthrange(y2, m2 + 1)[1])


def quarter_span(year: int, q: int) -> tuple:
    return months_span(year, 3 * q - 2, 3)


def years_span(first: int, last: int) -> tuple:
    return pd.Timestamp(first, 1, 1), pd.Timestamp(last, 12, 31)


def decade_span(year: int) -> tuple:
    return years_span(year // 10 * 10, year // 10 * 10 + 9)


def century_span(n: int) -> tuple:
    """The n-th century as TimeML writes it: the 20th century is 1900-1999 (value "19")."""
    if n < 18:
        raise ValueError("the tables hold days from 1678 on (pandas' datetime64[ns]); earlier centuries stay unplaced")
    return years_span((n - 1) * 100, (n - 1) * 100 + 99)


def decade_part(decade: int, part: int) -> tuple:
    """The early (first four), mid (middle three) or late (last three) years of a decade."""
    first, last = ((0, 3), (4, 6), (7, 9))[part]
    return years_span(decade + first, decade + last)


def unit_span(day, unit: str) -> tuple:
    """The calendar day, week (Monday to Sunday), month, quarter, year or decade containing `day`."""
    if unit == "week":
        monday = day - pd.Timedelta(days=day.weekday())
        return monday, monday + pd.Timedelta(days=6)
    if unit == "weekend":
        saturday = day - pd.Timedelta(days=day.weekday()) + pd.Timedelta(days=5)
        return saturday, saturday + DAY
    return {"day": lambda: (day, day), "month": lambda: month_span(day.year, day.month),
            "quarter": lambda: quarter_span(day.year, (day.month - 1) // 3 + 1),
            "year": lambda: years_span(day.year, day.year), "decade": lambda: decade_span(day.year)}[unit]()


def offset_by(n: int, unit: str):
    if unit == "decade":
        return pd.DateOffset(years=10 * n)
    if unit == "quarter":
        return pd.DateOffset(months=3 * n)
    if unit == "weekend":
        return pd.DateOffset(weeks=n)
    return pd.DateOffset(**{unit + "s": n})


def shift_span(span: tuple, n: int, unit: str) -> tuple:
    """A span moved by n units, keeping its shape (a quarter a year back is that quarter)."""
    a, b = span
    a2 = a + offset_by(n, unit)
    if b == a + pd.offsets.MonthEnd(0) or (b + DAY).day == 1:        # ends on a month's last day: keep it so
        return a2, (b + DAY + offset_by(n, unit)) - DAY
    return a2, b + offset_by(n, unit)


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
    name = name[:1].upper() + name[1:].lower()
    return MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBR[name]


def relative_year(rel: str | None, ref) -> int:
    return ref.year + REL_STEP.get(rel or "", 0)


def month_part(year: int, month: int, part: int) -> tuple:
    """Days 1-10, 11-20 or 21-end of a month."""
    first, last = month_span(year, month)
    lo = first + pd.Timedelta(days=10 * part)
    return lo, (lo + pd.Timedelta(days=9) if part < 2 else last)


# --- the year of what is named without one ("in October", "July 24", "the third quarter", "Christmas")

FUTURE_WEIGHT = 2       # "no cue": a repeat still to come wins when less than half as far as the one gone by


def cyclic(span_of, ref, tense: str, default: str = "soon"):
    """Choose among the yearly repeats of a span: ``span_of(year) -> (start, end)`` (ValueError when
    that year has none, e.g. February 29).

    - 'future': the first that has not ended by the reference date (the current one included);
    - 'past': the latest that has begun by the reference date (the current one included);
    - '' (no cue): `default`, which is 'soon' (the one holding the reference date, else the next if
      it is less than half as far from the reference date as the latest before, else that one: news
      speaks of the days around its own, and of the past more than of the future) or 'past'.
    Returns (span, other): `other` is the repeat one cycle away from the chosen one, in the
    direction of the reading (back for the past, on for the future, the runner-up for 'soon'),
    used only to flag conflicts between articles.
    """
    spans = []
    for years in (range(ref.year - 2, ref.year + 3), range(ref.year - 8, ref.year + 9)):
        for year in years:
            try:
                spans.append(span_of(year))
            except ValueError:
                continue
        if len(spans) >= 3:
            break
        spans = []
    if not spans:
        raise ValueError("no such day on the calendar")
    mode = tense or default
    if mode == "future":
        later = [s for s in spans if s[1] >= ref]
        return later[0], (later[1] if len(later) > 1 else None)
    if mode == "past":
        earlier = [s for s in spans if s[0] <= ref]
        return earlier[-1], (earlier[-2] if len(earlier) > 1 else None)

    earlier = [s for s in spans if s[0] <= ref]
    later = [s for s in spans if s[0] > ref]
    if earlier and ref <= earlier[-1][1]:
        return earlier[-1], (later[0] if later else None)
    if not earlier or later and FUTURE_WEIGHT * (later[0][0] - ref).days < (ref - earlier[-1][1]).days:
        return later[0], (earlier[-1] if earlier else None)
    return earlier[-1], (later[0] if later else None)


def weekday_in(year: int, month: int, weekday: int, n: int) -> pd.Timestamp:
    """The n-th (or, n = -1, the last) given weekday of a month."""
    first, last = month_span(year, month)
    if n > 0:
        return first + pd.Timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return last - pd.Timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> pd.Timestamp:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return pd.Timestamp(year, month, day + 1)


_HIJRI_EPOCH = 1948439.5          # Julian day of 1 Muharram AH 1 (tabular calendar, civil epoch)


def hijri_to_date(year: int, month: int, day: int) -> pd.Timestamp:
    """A day of the tabular Islamic calendar as a Gregorian day."""
    jd = day + int(29.5 * (month - 1) + 0.99) + (year - 1) * 354 + (3 + 11 * year) // 30 + _HIJRI_EPOCH - 1
    return pd.Timestamp(jd - 2440587.5, unit="D").normalize()


def hijri_spans(gregorian_year: int, month: int, first: int, last: int) -> list[tuple]:
    """The spans of an Islamic month's days (first..last) that start in a Gregorian year, widened by a
    day on each side (the tabular calendar can be a day or two off the observed one)."""
    out = []
    h_year = int((gregorian_year - 622) * 33 / 32)
    for y in (h_year - 1, h_year, h_year + 1, h_year + 2):
        a = hijri_to_date(y, month, first)
        if a.year == gregorian_year:
            b = hijri_to_date(y, month, 1) + pd.Timedelta(days=last - 1)
            out.append((a - DAY, b + DAY))
    return out


def holiday_span(kind: str, args: tuple, year: int) -> tuple:
    """The (first, last) day of a holiday of the lexicon's HOLIDAYS table in a Gregorian year."""
    if kind == "fixed":
        d = pd.Timestamp(year, *args)
        return d, d
    if kind == "easter":
        e = easter(year)
        return e + pd.Timedelta(days=args[0]), e + pd.Timedelta(days=args[1])
    if kind == "nth":
        d = weekday_in(year, *args)
        return d, d
    if kind == "hijri":
        spans = hijri_spans(year, *args)
        if not spans:
            raise ValueError(f"no such holiday begins in {year}")
        return spans[0]
    raise ValueError(f"unknown holiday kind {kind}")


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
