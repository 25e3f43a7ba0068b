"""The time rules: each pattern and the resolver that puts its match on the calendar.

Time expressions are found by a small rule-based tagger (compiled regexes over the cleaned text) and
resolved against the article's *reference date*. Every rule and its reading is listed in EVENT_RULES;
VAGUE_RULES lists what is found but not placed, with the reason.

Takes: `workbook.time.lexicon` and `workbook.time.spans`.
Gives: EVENT_RULES, VAGUE_RULES and the anchors and triggers that `workbook.time.tagger` runs.
Comes after `workbook.time.spans`.
"""
from __future__ import annotations

import re

import pandas as pd

from .lexicon import MONTH_ABBR, MONTHS, NUMBER_WORDS, PART, REL_STEP, SEASONS, WEEKDAYS
from .spans import (
    decade_span,
    month_number,
    month_part,
    month_span,
    month_year,
    months_span,
    offset_by,
    parse_number,
    relative_year,
    unit_name,
    unit_span,
    wider_unit,
    years_span,
)

_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_MONTH_DAY = ("(?P<month>" + "|".join(MONTHS) + "|(?:" + "|".join(sorted(MONTH_ABBR, key=len, reverse=True))
              + r")\.?)")
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_NUM = "(?P<n>" + "|".join(NUMBER_WORDS) + r"|\d{1,3})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
# A year is four digits 1800-2099 standing alone: not inside a longer number ("6058530408001",
# "13,000", "2.5"), not a model or price ("S-400", "$2015"), not a count of something ("2000 troops").
_COUNTED = r"troops|soldiers|people|personnel|miles|km|kilometers|kilometres|meters|metres|feet|tons|tonnes|" \
           r"dollars|euros|missiles|aircraft|jets|planes|units|members|times|percent|batteries"
_YEAR_AT = r"(?<![\w$€£.,/-]){g}(?![\w%]|[.,/-]\d|-\w|\s+(?:" + _COUNTED + r")\b)"
_YEAR = _YEAR_AT.format(g=r"(?P<year>1[89]\d\d|20\d\d)")
_PREP = r"(?:\b(?:[Ii]n|[Dd]uring|[Oo]n|[Aa]t|[Bb]y) )?"


def _r_full_date(g, ref, tense):
    day = pd.Timestamp(int(g["year"]), int(g["mm"]) if g.get("mm") else month_number(g["month"]), int(g["d"]))
    return day, day, "day", None


def _r_month_day(g, ref, tense):
    """July 24 or 24 July without a year: the latest such day up to the reference date, or the first
    from it on in the future (February 29 goes to the nearest leap year)."""
    month, d = month_number(g["month"]), int(g["d"])
    days = []
    for year in range(ref.year - 8, ref.year + 9):
        try:
            days.append(pd.Timestamp(year, month, d))
        except ValueError:
            continue
    if not days:
        raise ValueError(f"{g['month']} {d} is not a day on the calendar")
    if tense == "future":
        day, other = [x for x in days if x >= ref][:2]
    else:
        other, day = [x for x in days if x <= ref][-2:]
    return day, day, "day", (other, other)


def _r_month_year(g, ref, tense):
    return (*month_span(int(g["year"]), month_number(g["month"])), "month", None)


def _r_year(g, ref, tense):
    return (*years_span(int(g["year"]), int(g["year"])), "year", None)


def _r_year_range(g, ref, tense):
    """2016-2017, 2016–17: the years from the first to the last, precision 'year' (the unit the text counts in)."""
    first, last = int(g["year"]), g["year2"]
    last = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if last <= first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    return (*years_span(first, last), "year", None)


def _r_decade(g, ref, tense):
    return (*decade_span(int(g["decade"])), "decade", None)


def _r_bare_month(g, ref, tense):
    month = month_number(g["month"])
    year = month_year(month, ref, tense)
    other = month_span(year + (1 if tense == "future" else -1), month)
    return (*month_span(year, month), "month", other)


def _r_rel_month(g, ref, tense):
    """last July: the latest July before the reference month; next July: the first after it;
    this July: July of the reference year."""
    month, step = month_number(g["month"]), REL_STEP.get(g["rel"], 0)
    year = ref.year
    if step < 0 and month >= ref.month or step > 0 and month <= ref.month:
        year += step
    return (*month_span(year, month), "month", month_span(year + step, month) if step else None)


def _r_weekday(g, ref, tense):
    """The latest such weekday on or before the reference date (strictly before for 'last'),
    or on or after it in the future (strictly after for 'next')."""
    target, rel = WEEKDAYS.index(g["weekday"]), g["rel"]
    step = 1 if rel == "next" or (rel != "last" and tense == "future") else -1
    gap = (step * (target - ref.weekday())) % 7 or (7 if rel in ("next", "last") else 0)
    day = ref + pd.Timedelta(days=step * gap)
    other = day + pd.Timedelta(weeks=step)
    return day, day, "day", (other, other)


def _r_rel_unit(g, ref, tense):
    """last/this/next week, month, year, decade; 'earlier this month' runs from the month's first
    day to the reference date, 'later this year' from the reference date to the year's end."""
    unit, step = g["unit"], REL_STEP.get(g["rel"], 0)
    span = unit_span(ref + offset_by(step, unit), unit)
    if g["edge"] and step == 0:
        span = (span[0], ref) if g["edge"] == "earlier" else (ref, span[1])
    return (*span, unit, None)


def _r_ago(g, ref, tense):
    """N days/weeks/months/years/decades ago: the day, week, month, year or decade that far back."""
    unit = unit_name(g)
    return (*unit_span(ref - offset_by(parse_number(g["n"]), unit), unit), unit, None)


def _r_within(g, ref, tense):
    """within (the coming/next) N units, within the next unit: from the reference date to that far ahead."""
    n, unit = (parse_number(g["n"]), unit_name(g)) if g["n"] else (1, g["unit1"])
    return ref, ref + offset_by(n, unit), unit if n == 1 else wider_unit(unit), None


def _r_past_n(g, ref, tense):
    """the past/last N units: from that far back to the reference date."""
    n, unit = (parse_number(g["n"]), unit_name(g)) if g["n"] else (1, g["unit1"])
    return ref - offset_by(n, unit), ref, unit if n == 1 else wider_unit(unit), None


def _r_today(g, ref, tense):
    day = ref + pd.Timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"]])
    return day, day, "day", None


def _r_part(g, ref, tense):
    """beginning/middle/end of, early/mid/late: a third of a month or a quarter of a year."""
    part = PART[g["part"]]
    if g["month"] or g.get("unit") == "month":
        if g["month"]:
            month = month_number(g["month"])
            year = int(g["myear"]) if g["myear"] else month_year(month, ref, tense)
        else:
            first = ref + pd.DateOffset(months=REL_STEP.get(g["rel"] or "", 0))
            year, month = first.year, first.month
        cyclic = g["month"] and not g["myear"]
        other = month_part(year + (1 if tense == "future" else -1), month, part) if cyclic else None
        return *month_part(year, month, part), "week", other
    year = int(g["year"]) if g["year"] else relative_year(g.get("rel"), ref)
    if part == 1:
        return *months_span(year, 4, 6), "half", None
    return *months_span(year, 1 + 9 * (part // 2), 3), "quarter", None


def _r_half(g, ref, tense):
    """first/second half (of a year): Jan-Jun or Jul-Dec."""
    year = int(g["year"]) if g["year"] else relative_year(g["rel"], ref)
    return *months_span(year, 1 if g["ord"] in ("first", "1st") else 7, 6), "half", None


def _r_quarter(g, ref, tense):
    """first .. fourth (or last) quarter of a year."""
    year = int(g["year"]) if g["year"] else relative_year(g["rel"], ref)
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
    return *months_span(year, 3 * q[g["ord"]] - 2, 3), "quarter", None


def _r_season(g, ref, tense):
    """Meteorological seasons (northern hemisphere): spring Mar-May, summer Jun-Aug,
    autumn/fall Sep-Nov, winter Dec-Feb (winter 2016 = Dec 2016 - Feb 2017). 'last summer' is the
    latest summer that has ended by the reference date, 'next summer' the first not yet begun,
    'this summer' the one of the reference year."""
    first = SEASONS[g["season"].lower()]
    spans = {y: months_span(y, first, 3) for y in range(ref.year - 2, ref.year + 2)}
    step = REL_STEP.get(g["rel"] or "", 0)
    if g["year"]:
        year = int(g["year"])
    elif step < 0:
        year = max(y for y, (a, b) in spans.items() if b < ref)
    elif step > 0:
        year = min(y for y, (a, b) in spans.items() if a > ref)
    else:
        year = ref.year if first != 12 or ref.month > 2 else ref.year - 1
    return *months_span(year, first, 3), "season", None


_ORD_HALF = r"(?P<ord>first|second|1st|2nd)"
_ORD_Q = r"(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)"
_OF_YEAR = r" of (?:" + _YEAR + r"|(?:the )?(?P<rel>next|last|this|coming|previous) year|the year)"
_MYEAR = _YEAR_AT.format(g=r"(?P<myear>1[89]\d\d|20\d\d)")
_OF_ANCHOR = (r"(?:" + _MONTH + r"(?:,? " + _MYEAR + r")?|" + _YEAR
              + r"|(?:the |this |(?P<rel>next|last) )?(?P<unit>year|month))")
# after "mid-", "early-", "late-" the year follows a hyphen, which _YEAR alone refuses ("F-2000")
_NAMED_ANCHOR = r"(?:" + _MONTH + r"(?:,? " + _MYEAR + r")?|" + _YEAR.replace(r"[\w$€£.,/-]", r"[\w$€£.,/]") + r")"
_THE = r"(?:\b(?:[Ii]n|[Dd]uring|[Bb]y) )?(?:\b[Tt]he )?\b"

# (rule name, compiled pattern, resolver). The longest match wins where rules overlap.
EVENT_RULES = [
    ("full date", re.compile(_PREP + r"\b" + _DAY + r" (?:of )?" + _MONTH_DAY + r",? " + _YEAR), _r_full_date),
    ("full date", re.compile(_PREP + r"\b" + _MONTH_DAY + r" " + _DAY + r",? " + _YEAR), _r_full_date),
    ("numeric date", re.compile(r"(?<![\w-])(?P<year>1[89]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])"),
     _r_full_date),
    ("month and day", re.compile(_PREP + r"\b" + _MONTH_DAY + r" " + _DAY + r"\b(?![,.]?\d)"), _r_month_day),
    ("month and day", re.compile(_PREP + r"(?<![\w$.,-])" + _DAY + r" (?:of )?" + _MONTH_DAY + r"(?!\w)"), _r_month_day),
    ("month and year", re.compile(_PREP + r"\b" + _MONTH + r",? (?:of )?" + _YEAR), _r_month_year),
    ("year", re.compile(_PREP + r"\b" + _YEAR), _r_year),
    ("year range", re.compile(_PREP + r"\b" + _YEAR_AT.format(
        g=r"(?P<year>1[89]\d\d|20\d\d) ?[-–] ?(?P<year2>1[89]\d\d|20\d\d|\d\d)")), _r_year_range),
    ("decade", re.compile(_PREP + r"(?:the )?(?<![\w$.,-])(?P<decade>1[89]\d0|20\d0)s\b"), _r_decade),
    ("month", re.compile(r"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]hrough) )?\b"
                         + _MONTH + r"\b(?!-)"), _r_bare_month),
    ("last/next month name", re.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming) " + _MONTH + r"\b"),
     _r_rel_month),
    ("weekday", re.compile(r"(?:\b(?:[Ll]ate|[Ee]arly|[Ll]ater|[Ee]arlier) )?(?:\b[Oo]n )?(?:\b(?P<rel>[Ll]ast|[Nn]ext|"
                           r"[Tt]his) )?\b" + _WEEKDAY + r"\b(?!s\b)"), _r_weekday),
    ("relative period", re.compile(r"(?:\b(?P<edge>[Ee]arlier|[Ll]ater) )?\b(?:[Tt]he )?(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|"
                                   r"coming|previous|following) (?P<unit>week|month|year|decade)\b(?!s)"), _r_rel_unit),
    ("ago", re.compile(r"\b" + _NUM + r" (?P<unit>days?|weeks?|months?|years?|decades?) ago\b"), _r_ago),
    ("within", re.compile(r"\b[Ww]ithin (?:(?:the (?:coming|next|following) )?" + _NUM + r" (?P<unit>days?|weeks?|"
                          r"months?|years?)|the (?:coming|next|following) (?P<unit1>day|week|month|year))\b"), _r_within),
    ("past N", re.compile(r"\b(?:[Tt]he )?(?:(?:[Pp]ast|[Ll]ast) " + _NUM + r" (?P<unit>days|weeks|months|years)"
                          r"|[Pp]ast (?P<unit1>day|week|month|year))\b"), _r_past_n),
    ("today", re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow)\b"), _r_today),
    ("part of period", re.compile(r"(?:\b(?:[Aa]t|[Ii]n|[Bb]y|[Ff]rom|[Uu]ntil|[Tt]owards?) )?(?:\b[Tt]he )?\b"
                                  r"(?P<part>beginning|start|middle|end) of " + _OF_ANCHOR + r"\b"), _r_part),
    ("part of period", re.compile(r"(?:\b(?:[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince) )?\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ]"
                                  + _NAMED_ANCHOR), _r_part),
    ("half year", re.compile(_THE + _ORD_HALF + r" half" + _OF_YEAR), _r_half),
    ("quarter", re.compile(_THE + _ORD_Q + r" quarter" + _OF_YEAR), _r_quarter),
    ("season", re.compile(_THE + r"(?:(?P<rel>last|next|this|coming|past) )?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|"
                          r"[Ff]all|[Ww]inter)(?(rel)|(?: of)? " + _YEAR + r")\b"), _r_season),
]
NEEDS_TENSE = {"month", "weekday", "month and day"}       # and a part of a month named without a year
LOWER = ("rel", "edge", "part", "ord", "word")

# Vague expressions: found and listed with the reason they are not placed on the calendar.
VAGUE_RULES = [
    (re.compile(r"\b[Ii]n the (?:days|weeks|months|years) since\b|\b[Ss]ince then\b"),
     "counts from an earlier happening, not from a date: look for that happening's date"),
    (re.compile(r"\b(?:a|one|two|three|several|a few) (?:days?|weeks?|months?|years?) (?:after|before|later|earlier)\b"),
     "counts from another happening, not from the reference date"),
    (re.compile(r"\b[Ee]arlier\b(?! this| last| in\b| on\b)|\b[Rr]ecently\b|\b[Ii]n the past\b|\b[Pp]reviously\b"),
     "some time before the reference date, by an amount the text does not give"),
    (re.compile(r"\b(?:[Ii]n the )?(?:coming|next) (?:days|weeks|months|years)\b|\b[Ss]oon\b|"
                r"\b[Ww]ithin (?:days|weeks|months|years)\b"),
     "some time after the reference date, by an amount the text does not give"),
    (re.compile(r"\b[Cc]urrently\b|\b[Aa]s we speak\b|\b[Aa]t present\b|\b[Nn]ow\b"),
     "the present of the article (its reference date), a state rather than a happening"),
]
# A month name or a year-like number that no rule above covers. Counts, prices and model names
# ("2000 troops", "$2015", "F-2000") and numbers inside longer ones are not date-like; nor are
# "May" and "March" alone, which are also words.
DATE_LIKE = re.compile(r"(?<![\d.,$€£])(?<![A-Z]-)(?:1[89]\d\d|20\d\d)(?![\d%]|,\d|\s+(?:" + _COUNTED + r")\b)|\b(?:"
                        + "|".join(m for m in MONTHS if m not in ("May", "March")) + r")\b")
DATE_LIKE_REASON = "looks like a date, but no rule places it on the calendar"

# A cheap first pass finds anchor words; each rule runs only in the stretches around the
# anchors it needs (a weekday rule where a weekday is named, ...). Anchors only need recall.
ANCHOR = re.compile(r"(?P<month>\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
                     r"|(?P<weekday>\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
                     r"|(?P<unit>\b(?:day|week|month|year|decade)s?\b)"
                     r"|(?P<day>\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b)"
                     r"|(?P<season>\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\b)"
                     r"|(?P<digits>\d{4})")
TRIGGERS = {"full date": {"month"}, "numeric date": {"digits"}, "month and day": {"month"},
             "month and year": {"month"}, "month": {"month"}, "last/next month name": {"month"}, "year": {"digits"},
             "year range": {"digits"}, "decade": {"digits"}, "weekday": {"weekday"}, "relative period": {"unit"},
             "ago": {"unit"}, "within": {"unit"}, "past N": {"unit"}, "today": {"day"},
             "part of period": {"month", "digits", "unit"}, "half year": {"digits", "unit"},
             "quarter": {"digits", "unit"}, "season": {"season"}}
