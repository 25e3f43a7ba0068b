"""Resolvers for periods: times of day, seasons, parts of periods, quarters, halves, fiscal
years, comparisons with an earlier period ("a year earlier"), weekends and holidays.

Takes: `workbook.time.records`, `workbook.time.spans`, `workbook.time.lexicon` and the day
resolvers of `workbook.time.resolvers`. Gives: the `r_*` resolvers of periods.
Comes after `workbook.time.resolvers`.
"""
from __future__ import annotations

import re

import pandas as pd

from .lexicon import HOLIDAYS, ORDINALS, PART, REL_STEP, SEASONS
from .records import Skip, Unplaced
from .resolvers import (
    need_anchor,
    r_anchored,
    r_month_day,
    year_back,
    year_or_rel,
)
from .spans import (
    DAY,
    cyclic,
    holiday_span,
    month_number,
    month_part,
    month_span,
    months_span,
    offset_by,
    quarter_span,
    relative_year,
    shift_span,
    unit_span,
    years_span,
)


def r_clock(g, c):
    """10:35 a.m., 5 p.m. EST, noon: on the day last named in this sentence or the two before, else on
    the reference date."""
    if c.anchor is not None and c.anchor["precision"] == "day":
        return c.anchor["start"], c.anchor["start"], "day", None
    return c.ref, c.ref, "day", None


def r_clock_date(g, c):
    return r_month_day(g, c)


def r_season(g, c):
    """Meteorological seasons (northern hemisphere): spring Mar-May, summer Jun-Aug,
    autumn/fall Sep-Nov, winter Dec-Feb (winter 2016 = Dec 2016 - Feb 2017). 'last summer' is the
    latest summer that has ended by the reference date, 'next summer' the first not yet begun,
    'this summer' the one of the reference year; 'the summer' the nearest, or by the tense."""
    first = SEASONS[g["season"].lower()]
    ref = c.ref
    spans = {y: months_span(y, first, 3) for y in range(ref.year - 2, ref.year + 2)}
    rel = (g.get("rel") or "").lower()
    step = REL_STEP.get(rel, 0)
    if g.get("year"):
        year = int(g["year"])
    elif step < 0:
        year = max(y for y, (a, b) in spans.items() if b < ref)
    elif step > 0:
        year = min(y for y, (a, b) in spans.items() if a > ref)
    elif rel == "this":
        year = ref.year if first != 12 or ref.month > 2 else ref.year - 1
    else:
        (a, b), other = cyclic(lambda y: months_span(y, first, 3), ref, c.tense)
        part = (g.get("part") or "").lower()
        if part:
            return *_part_of(a, b, PART[part]), "month", None
        return a, b, "season", other
    a, b = months_span(year, first, 3)
    part = (g.get("part") or "").lower()
    if part:                                    # "late summer 2019", "the end of last winter": that third of it
        return *_part_of(a, b, PART[part]), "month", None
    return a, b, "season", None


def _part_of(a, b, part: int):
    """The first, middle or last third of a span, in whole months when it is three months long."""
    months = [a + pd.DateOffset(months=i) for i in range(3)]
    m = months[part]
    return m, m + pd.offsets.MonthEnd(0)


def r_part(g, c):
    """beginning/middle/end of, early/mid/late: a third of a month, a quarter of a year (mid = Apr-Sep)."""
    part = PART[g["part"].lower()]
    if g.get("month") or (g.get("unit") or "").lower() == "month":
        if g.get("month"):
            month = month_number(g["month"])
            if g.get("myear"):
                year = int(g["myear"])
                other = None
            else:
                (a, _), o = cyclic(lambda y: month_span(y, month), c.ref, c.tense)
                year, other = a.year, (month_part(o[0].year, month, part) if o else None)
        else:
            first = c.ref + pd.DateOffset(months=REL_STEP.get((g.get("rel") or "").lower(), 0))
            year, month, other = first.year, first.month, None
        return *month_part(year, month, part), "week", other
    year = int(g["year"]) if g.get("year") else relative_year((g.get("rel") or "").lower(), c.ref)
    if part == 1:
        return *months_span(year, 4, 6), "half", None
    return *months_span(year, 1 + 9 * (part // 2), 3), "quarter", None


def r_year_end(g, c):
    """year-end, by year end, since year-end: December 31, of the year the tense gives."""
    span, other = cyclic(lambda y: (pd.Timestamp(y, 12, 31),) * 2, c.ref, c.tense)
    return *span, "day", other


def _cyclic_period(span_of, c, default="past"):
    (a, b), other = cyclic(span_of, c.ref, c.tense, default=default)
    return a, b, other


def r_half(g, c):
    """first/second half (of a year): Jan-Jun or Jul-Dec; without a year the latest begun, or by the tense;
    the first two quarters are the first half."""
    h = 1 if (g.get("ord") or "").lower() in ("first", "1st") else 2
    if g.get("year") or g.get("rel"):
        return *months_span(year_or_rel(g, c.ref), 6 * h - 5, 6), "half", None
    a, b, other = _cyclic_period(lambda y: months_span(y, 6 * h - 5, 6), c)
    return a, b, "half", other


def r_quarters(g, c):
    """the first two/three quarters of a year: January to June/September."""
    n = {"two": 2, "three": 3, "2": 2, "3": 3}[g["nq"].lower()]
    year = year_or_rel(g, c.ref)
    return *months_span(year, 1, 3 * n), "half" if n == 2 else "quarter", None


def r_period_code(g, c):
    """Q3 2023, H1 2024, 1H 2024: that quarter or half of the year."""
    year = int(g["year"])
    if g.get("q"):
        return *quarter_span(year, int(g["q"])), "quarter", None
    return *months_span(year, 6 * int(g.get("h") or g["h2"]) - 5, 6), "half", None


def r_quarter(g, c):
    """first .. fourth quarter, with a year ('of 1989', 'the 1988 third quarter', 'this year's third
    quarter') or without (the latest begun by the reference date, or by the tense)."""
    q = ORDINALS[g["ord"].lower()]
    if g.get("year") or g.get("rel"):
        year = year_or_rel(g, c.ref) + (-1 if (g.get("back") or "") else 0)
        return *quarter_span(year, q), "quarter", None
    if g.get("back"):                          # "the year-ago third quarter"
        base = c.topic["start"].year if c.topic is not None else c.ref.year
        return *quarter_span(base - 1, q), "quarter", None
    a, b, other = _cyclic_period(lambda y: quarter_span(y, q), c)
    return a, b, "quarter", other


def _latest_quarter(ref):
    a, _ = unit_span(ref, "quarter")
    return unit_span(a - DAY, "quarter")


def r_the_quarter(g, c):
    """the quarter, the latest quarter, the latest period: the quarter under discussion, else the latest
    quarter ended by the reference date; the current quarter, this quarter: the one holding it;
    that quarter, the same quarter: the anchor's."""
    word = (g.get("qword") or "").lower() or (g.get("det") or "").lower()
    if word in ("current", "this"):
        return *unit_span(c.ref, "quarter"), "quarter", None
    if word in ("that", "same"):
        a = need_anchor(c, "quarter")
        return *unit_span(a["start"], "quarter"), "quarter", None
    latest = word in ("latest", "most recent", "recent", "past")
    for topic in (c.topic, c.topic_far):
        if topic is not None and topic["precision"] == "quarter" and (not latest or topic["end"] < c.ref):
            return topic["start"], topic["end"], "quarter", None
    if (g.get("unit") or "").lower() == "period" and not latest:
        raise Skip("'the period' with no quarter named before it")
    if c.tense == "future":
        return *unit_span(c.ref, "quarter"), "quarter", None
    return *_latest_quarter(c.ref), "quarter", None


def r_year_period(g, c):
    """the 1988 quarter, the 1989 period: the quarter under discussion, in that year."""
    year = int(g["year"])
    topic = c.topic or c.topic_far
    if topic is not None and topic["precision"] in ("quarter", "half", "month", "season"):
        a, b = shift_span((topic["start"], topic["end"]), year - topic["start"].year, "year")
        return a, b, topic["precision"], None
    if (g.get("unit") or "").lower() == "quarter":
        raise Unplaced("'the YEAR quarter' names no quarter, and none is named before it")
    raise Unplaced("'the YEAR period' names no period, and none is named before it")


def r_year_ago_period(g, c):
    """year-ago, year-earlier, the year-ago period, the same period last year, last year's quarter:
    the period under discussion (a quarter, half, month or season) one year back."""
    topic = c.topic or (None if c.own_span else c.topic_far)
    if topic is None and c.own_span:
        return (*years_span(c.ref.year - 1, c.ref.year - 1), "year", None)
    if topic is None:
        if (g.get("unit") or "").lower() == "quarter":
            return *unit_span(_latest_quarter(c.ref)[0] - offset_by(1, "year"), "quarter"), "quarter", None
        raise Unplaced("compares with a period a year back, and no period is named before it")
    return year_back(c, topic)


def _r_year_earlier(g, c):
    """a year earlier: the anchor one year back (a quarter stays a quarter; from a day, that year)."""
    return r_anchored({**g, "aunit": "year", "n": "1", "dir": "earlier"}, c)


def r_fiscal_year(g, c):
    """the current (fiscal) year, the full year, for the year: the reference year (or the anchor's);
    the latest fiscal year: the year before the reference year."""
    word = (g.get("yword") or "").lower()
    if word in ("latest", "last", "previous", "past", "most recent"):
        y = c.ref.year - 1
    elif word == "current" or c.topic is None:
        y = c.ref.year
    else:
        y = c.topic["start"].year
    return (*years_span(y, y), "year", None)


def r_weekend(g, c):
    """the weekend, over the weekend: the latest Saturday-Sunday begun by the reference date (the
    coming one in the future); last/next/this weekend by the calendar."""
    ref = c.ref
    this_sat = ref - pd.Timedelta(days=ref.weekday()) + pd.Timedelta(days=5)
    rel = (g.get("rel") or "").lower()
    if rel == "next" or (not rel and c.tense == "future"):
        sat = this_sat if this_sat >= ref - DAY else this_sat + pd.Timedelta(days=7)
    elif rel == "this":
        sat = this_sat
    else:
        sat = this_sat if this_sat <= ref else this_sat - pd.Timedelta(days=7)
        if rel == "last" and ref.weekday() >= 5:
            sat -= pd.Timedelta(days=7)
    return sat, sat + DAY, "week", None


_HOLIDAY_RX = [(re.compile(p), kind, args, precision) for p, kind, args, precision in HOLIDAYS]


def r_holiday(g, c):
    """A holiday of the lexicon's table, with its year, or by the tense (else the default of `spans.cyclic`);
    last/next/this Christmas by the calendar."""
    name = g["holiday"]
    for rx, kind, args, precision in _HOLIDAY_RX:
        if rx.fullmatch(name):
            break
    else:
        raise ValueError(f"{name} is not in the holiday table")
    if g.get("year"):
        return *holiday_span(kind, args, int(g["year"])), precision, None
    rel = (g.get("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel, c.tense)
    span_of = lambda y: holiday_span(kind, args, y)          # noqa: E731
    if rel in ("last", "next"):
        spans = [span_of(y) for y in range(c.ref.year - 2, c.ref.year + 3)]
        pick = [s for s in spans if s[1] < c.ref][-1] if rel == "last" else [s for s in spans if s[0] > c.ref][0]
        return *pick, precision, None
    if rel == "this":
        return *span_of(c.ref.year), precision, None
    span, other = cyclic(span_of, c.ref, tense)
    return *span, precision, other
