"""Resolvers for days, months, years, weekdays and relative or anchored expressions.

Each `r_*` function takes a match's groups and a `Context` and returns (start, end, precision,
other reading) on the calendar; how each reading is chosen is written in `workbook.time.rules`.

Takes: `workbook.time.records`, `workbook.time.spans`, `workbook.time.lexicon`.
Gives: the resolvers of dates, months, years, decades, centuries, weekdays, "ago", "within",
"the past N", today, and anchored expressions ("that year", "the next day", "September of that year").
Comes after `workbook.time.patterns`; `workbook.time.periods` builds on it.
"""
from __future__ import annotations

import re

import pandas as pd

from .lexicon import (
    DAY_PARTS,
    DECADE_WORDS,
    ORDINAL_WORDS,
    PART,
    REL_STEP,
    SEASONS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    WEEKDAYS,
)
from .records import Context, Unplaced
from .spans import (
    century_span,
    cyclic,
    decade_part,
    decade_span,
    month_number,
    month_span,
    months_span,
    offset_by,
    parse_number,
    relative_year,
    shift_span,
    unit_name,
    unit_span,
    wider_unit,
    years_span,
)


def year_or_rel(g, ref) -> int:
    if g.get("year"):
        return int(g["year"])
    return relative_year(g.get("rel"), ref)


def r_full_date(g, c):
    day = pd.Timestamp(int(g["year"]), int(g["mm"]) if g.get("mm") else month_number(g["month"]), int(g["d"]))
    return day, day, "day", None


def r_numeric_date(g, c):
    """29.12.2017 is day first (dots are the European, Turkish and Russian order); 12/29/2017 or 29/12/2017
    by the number above 12, and 05/07/2019 not placed, as the order of day and month is unknown."""
    n1, n2, year = int(g["n1"] or g["s1"]), int(g["n2"] or g["s2"]), int(g["year"])
    if g["dot"] or n1 > 12:
        d, m = n1, n2
    elif n2 > 12 or n1 == n2:
        d, m = n2, n1
    else:
        raise ValueError(f"{n1}/{n2} can be day/month or month/day")
    day = pd.Timestamp(year, m, d)
    return day, day, "day", None


def _day_of(month: int, d: int):
    def span(year):
        day = pd.Timestamp(year, month, d)
        return day, day
    return span


def r_month_day(g, c):
    """July 24 or 24 July without a year: by the tense (the latest up to the reference date in the past,
    the first from it on in the future), else the default of `spans.cyclic` (February 29 goes to a leap year)."""
    month, d = month_number(g["month"]), int(g["d"])
    if not 1 <= d <= 31:
        raise ValueError(f"{g['month']} {d} is not a day on the calendar")
    span, other = cyclic(_day_of(month, d), c.ref, c.tense)
    return *span, "day", other


def r_weekday_date(g, c):
    """Saturday, April 25 (no year): the year near the reference date in which that day is that weekday."""
    month, d, wd = month_number(g["month"]), int(g["d"]), WEEKDAYS.index(g["weekday"])
    fits = []
    for year in range(c.ref.year - 3, c.ref.year + 4):
        try:
            day = pd.Timestamp(year, month, d)
        except ValueError:
            continue
        if day.weekday() == wd:
            fits.append(day)
    if not fits:
        return r_month_day(g, c)
    day = min(fits, key=lambda x: abs((x - c.ref).days))
    return day, day, "day", None


def r_day_range(g, c):
    """between October 16 and 17, March 3-5, from May 1 to June 3, 7-8 November (2023): from the first
    day to the last."""
    if g.get("year"):
        start = pd.Timestamp(int(g["year"]), month_number(g["month"]), int(g["d"]))
    else:
        start, _, _, _ = r_month_day(g, c)
    m2 = month_number(g["month2"]) if g.get("month2") else start.month
    end = pd.Timestamp(start.year, m2, int(g["d2"]))
    if end < start:
        end = pd.Timestamp(start.year + 1, m2, int(g["d2"])) if m2 < start.month else None
        if end is None:
            raise ValueError(f"the range ends before it starts ({g['d2']} before {g['d']})")
    return start, end, "day", None


def r_month_range(g, c):
    """from March to May (2019): the first day of the first month to the last of the second."""
    m1, m2 = month_number(g["month"]), month_number(g["month2"])
    if g.get("year"):
        y2 = int(g["year"])
        y1 = y2 if m1 <= m2 else y2 - 1
    else:
        (a, _), _ = cyclic(lambda y: month_span(y, m1), c.ref, c.tense)
        y1 = a.year
        y2 = y1 if m2 >= m1 else y1 + 1
    return month_span(y1, m1)[0], month_span(y2, m2)[1], "month", None


def r_month_year(g, c):
    return (*month_span(int(g["year"]), month_number(g["month"])), "month", None)


def r_year(g, c):
    return (*years_span(int(g["year"]), int(g["year"])), "year", None)


def _word_year(text: str) -> int:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'nineteen oh five' -> 1905."""
    words = re.sub(r"\band\b|\bhundred\b", " ", text.lower().replace("-", " ")).split()
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        return 2000 + sum(TEEN_WORDS.get(w, UNIT_WORDS.get(w, 0)) for w in rest)
    century = TEEN_WORDS[words[0]] * 100
    rest = [w for w in words[1:] if w != "oh"]
    return century + sum(TENS_WORDS.get(w, TEEN_WORDS.get(w, UNIT_WORDS.get(w, 0))) for w in rest)


def r_word_year(g, c):
    year = _word_year(g["wy"])
    if g.get("month"):
        return (*month_span(year, month_number(g["month"])), "month", None)
    if g.get("season"):
        return season_in(g["season"], year)
    return (*years_span(year, year), "year", None)


def r_year_range(g, c):
    """2016-2017, 2016–17, from 2016 to 2018, between 2016 and 2018: the years from the first to the last."""
    first, last = int(g["year"]), g["year2"]
    last = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if last <= first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    return (*years_span(first, last), "year", None)


def r_since(g, c):
    """since 2017, since March 2014, since July 24: from the start of that date to the reference date."""
    if g.get("d"):
        start = (r_full_date(g, c) if g.get("year") else r_month_day({**g}, Context(c.ref, "past")))[0]
        precision = "day"
    elif g.get("month"):
        m = month_number(g["month"])
        start = month_span(int(g["year"]), m)[0] if g.get("year") else \
            cyclic(lambda y: month_span(y, m), c.ref, "past")[0][0]
        precision = "month"
    else:
        start, precision = pd.Timestamp(int(g["year"]), 1, 1), "year"
    if start > c.ref:
        raise ValueError("'since' a date after the reference date")
    return start, c.ref, precision, None


def r_decade(g, c):
    """the 1990s, the '90s, the nineties (the latest such decade begun by the reference date), and
    with early/mid/late its first four, middle three or last three years."""
    if g.get("decade"):
        decade = int(g["decade"])
    else:
        tens = DECADE_WORDS[g["dword"].lower()] if g.get("dword") else int(g["d2dig"])
        decade = max(y for y in (1800 + tens, 1900 + tens, 2000 + tens) if y <= c.ref.year)
    if g.get("part"):
        return (*decade_part(decade, PART[g["part"].lower()]), "year", None)
    return (*decade_span(decade), "decade", None)


def r_this_decade_part(g, c):
    """the middle of the decade, mid-decade, by the end of this decade: that part of the reference date's decade."""
    part = "mid" if (g.get("part") or "mid").lower().startswith("mid") else g["part"].lower()
    return (*decade_part(c.ref.year // 10 * 10, PART[part]), "year", None)


def r_century(g, c):
    n = int(g["cn"]) if g.get("cn") else ORDINAL_WORDS[g["cword"].lower()]
    return (*century_span(n), "century", None)


def r_bare_month(g, c):
    """A month without a year: the nearest to the reference date, or by the tense."""
    month = month_number(g["month"])
    span, other = cyclic(lambda y: month_span(y, month), c.ref, c.tense)
    return *span, "month", other


def r_month_rel_year(g, c):
    """in July last year, in May next year, July of this year."""
    return (*month_span(relative_year(g["rel"].lower(), c.ref), month_number(g["month"])), "month", None)


def r_rel_month(g, c):
    """last July: the latest July before the reference month; next July: the first after it;
    this July: July of the reference year."""
    month, step = month_number(g["month"]), REL_STEP.get(g["rel"].lower(), 0)
    year = c.ref.year
    if step < 0 and month >= c.ref.month or step > 0 and month <= c.ref.month:
        year += step
    return (*month_span(year, month), "month", month_span(year + step, month) if step else None)


def r_weekday(g, c):
    """The latest such weekday on or before the reference date (strictly before for 'last'),
    or on or after it in the future (strictly after for 'next'). 'Saturday night' is that day."""
    target, rel = WEEKDAYS.index(g["weekday"]), (g.get("rel") or "").lower()
    step = 1 if rel == "next" or (rel != "last" and c.tense == "future") else -1
    gap = (step * (target - c.ref.weekday())) % 7 or (7 if rel in ("next", "last") else 0)
    day = c.ref + pd.Timedelta(days=step * gap)
    other = day + pd.Timedelta(weeks=step)
    return day, day, "day", (other, other)


def r_weekday_from(g, c):
    """the previous Friday, the following Monday: the weekday before or after the day last named (or
    the reference date when none is named in this sentence or the two before)."""
    base = c.anchor["start"] if c.anchor is not None and c.anchor["precision"] == "day" else c.ref
    target = WEEKDAYS.index(g["weekday"])
    step = -1 if g["aword"].lower() in ("previous", "preceding") else 1
    gap = (step * (target - base.weekday())) % 7 or 7
    day = base + pd.Timedelta(days=step * gap)
    return day, day, "day", None


def r_rel_unit(g, c):
    """last/this/next week, month, quarter, year, decade, weekend; 'earlier this month' runs from the
    month's first day to the reference date, 'later this year' from the reference date to its end."""
    unit, step = g["unit"].lower(), REL_STEP.get((g.get("rel") or "this").lower(), 0)
    span = unit_span(c.ref + offset_by(step, unit), unit)
    if unit == "weekend" and step == -1 and c.ref.weekday() == 6:
        span = unit_span(c.ref - pd.Timedelta(days=7), unit)
    edge = (g.get("edge") or "").lower()
    if edge and step == 0:
        span = (span[0], c.ref) if edge == "earlier" else (c.ref, span[1])
    return (*span, "week" if unit == "weekend" else unit, None)


def year_back(c, period: dict):
    """The period under discussion, one year back (its own precision)."""
    c.backref = True
    a, b = shift_span((period["start"], period["end"]), -1, "year")
    return a, b, period["precision"], None


def r_ago(g, c):
    """N days/weeks/months/years/decades ago: the day, week, month, year or decade that far back;
    'a year ago' in a comparison of reported periods is the period under discussion a year back."""
    unit, n = unit_name(g), parse_number(g["n"])
    if unit == "year" and n == 1 and c.topic is not None and (c.comparison or c.topic["precision"] in ("quarter", "half")):
        return year_back(c, c.topic)
    return (*unit_span(c.ref - offset_by(n, unit), unit), unit, None)


def need_anchor(c, finest: str):
    order = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
    if c.anchor is None or order.index(c.anchor["precision"]) > order.index(finest):
        raise Unplaced("counts from a date named earlier in the text, and none is named in this sentence or "
                       "the two before")
    return c.anchor


def r_anchored(g, c):
    """that year, the same day, the following week, the next morning, the previous month, later that
    year, two years later, a year earlier: counted from the last date the text named (its anchor)."""
    unit = (g.get("aunit") or "").lower()
    unit = unit[:-1] if unit.endswith("s") else unit
    unit = "day" if unit in DAY_PARTS else unit
    word = (g.get("aword") or "").lower().split()[-1] if g.get("aword") else ""
    if g.get("n"):
        n = parse_number(g["n"]) * (1 if (g.get("dir") or "").lower() == "later" else -1)
    else:
        n = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}.get(word, 0)
    if unit == "year" and n == -1 and g.get("n") and c.own_span and c.topic is None:
        return (*years_span(c.ref.year - 1, c.ref.year - 1), "year", None)   # "the nine months ... a year earlier"
    if unit == "year" and n == -1 and g.get("n") and (c.topic or c.topic_far) is not None:
        return year_back(c, c.topic or c.topic_far)      # "the third quarter ... a year earlier"
    a = need_anchor(c, unit if unit in ("day", "week", "month", "quarter", "year") else "day")
    if unit == "year" and abs(n) == 1 and g.get("n") and a["precision"] in ("quarter", "half", "month", "season"):
        s0, s1 = shift_span((a["start"], a["end"]), n, "year")     # "last spring ... a year later": that spring
        c.backref = n < 0
        return s0, s1, a["precision"], None
    if unit == "year" and a["precision"] != "year" and g.get("n"):
        # "a year earlier" than a day, "two years later" than a month: that year (a count of
        # years says the year; only the one-year comparison keeps a month or a season)
        y = (a["start"] + offset_by(n, "year")).year
        return (*years_span(y, y), "year", None)
    span = unit_span(a["start"] + offset_by(n, unit), unit)
    edge = (g.get("edge") or "").lower()
    if edge and n == 0:
        span = (span[0], a["start"]) if edge == "earlier" else (a["end"], span[1])
    return (*span, "week" if unit == "weekend" else unit, None)


def r_at_the_time(g, c):
    """at the time: the one date named in this sentence or the one before ("... touched down on 12 July 2019.
    Stoltenberg said at the time ..."); with two or more there, or none, which is meant is not said."""
    if c.recent != 1:
        raise Unplaced("points back to a date named before; " + ("several are named in this sentence and the one "
                       "before" if c.recent else "none is named in this sentence or the one before"))
    return c.anchor["start"], c.anchor["end"], c.anchor["precision"], None


def r_in_anchored_year(g, c):
    """September of that year, the autumn of the same year, in March the following year, on July 12 that
    year: that month, season or day of the year counted from the last date the text named."""
    a = need_anchor(c, "year")
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}.get(g["aword"].lower().split()[-1], 0)
    year = a["start"].year + step
    if g.get("season"):
        return season_in(g["season"], year)
    month, d = g.get("month") or g.get("month1"), g.get("d") or g.get("d1")
    if d:                                                       # "on July 12 that year": that day
        try:
            day = pd.Timestamp(year, month_number(month), int(d))
        except ValueError:
            raise Unplaced(f"no such day in {year}") from None
        return day, day, "day", None
    return (*month_span(year, month_number(month)), "month", None)


def r_within(g, c):
    """within (the coming/next) N units, within the next unit: from the reference date to that far ahead."""
    n, unit = (parse_number(g["n"]), unit_name(g)) if g["n"] else (1, g["unit1"].lower())
    return c.ref, c.ref + offset_by(n, unit), unit if n == 1 else wider_unit(unit), None


def r_past_n(g, c):
    """the past/last N units: from that far back to the reference date."""
    n, unit = (parse_number(g["n"]), unit_name(g)) if g["n"] else (1, g["unit1"].lower())
    return c.ref - offset_by(n, unit), c.ref, unit if n == 1 else wider_unit(unit), None


def r_today(g, c):
    """yesterday, today, tomorrow, tonight, this morning, last night, yesterday afternoon, the day before
    yesterday, the day after tomorrow: that day."""
    word = (g.get("word") or "").lower()
    if word == "last" or word == "yesterday":
        shift = -1
    elif word == "tomorrow":
        shift = 1
    else:
        shift = 0
    if g.get("two") and shift:
        shift *= 2                               # "the day before yesterday", "the day after tomorrow"
    day = c.ref + pd.Timedelta(days=shift)
    return day, day, "day", None


def season_in(name: str, year: int):
    first = SEASONS[name.lower()]
    return (*months_span(year, first, 3), "season", None)
