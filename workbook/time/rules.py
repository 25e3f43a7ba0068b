"""The time rules: one record per rule, and the resolvers that put a match on the calendar.

Time expressions are found by a small rule-based tagger (compiled regexes over the cleaned text) and
resolved against the article's *reference date*. Every rule is one `Rule` in RULES: its name, its
pattern, its resolver, the anchor words that trigger it, whether its year depends on the tense of
the sentence, and its rejections (contexts where the match is not a date, each with its reason).
VAGUE_RULES lists what is found but not placed, with the reason.

A resolver gets the match's groups and a `Context` (reference date, tense, the last date the text
named, the period under discussion) and returns (start, end, precision, other reading); it raises
ValueError for a day not on the calendar ("February 30") and `Unplaced` when the text gives no date
to count from ("that year" with no year named before it). Both are listed by `unresolved_times`.

Readings that need a rule of their own (all documented in the README's chronology section):

- Named without a year (a month, a day of a month, a season, a holiday): by the tense of the
  sentence (see `workbook.time.tagger`); with no cue, the one holding the reference date, else the
  next if it is less than half as far away as the latest before, else that one. A quarter or a half without a
  year: the latest that has begun, unless the sentence speaks of the future.
- Anchored ("that year", "the following week", "the next day", "later that month", "two years
  later"): counted from the *anchor*, the last date the text named before it, in its sentence or
  the two before; never from the reference date. Without an anchor the expression is not placed.
- Comparisons of reported periods ("a year earlier", "the year-earlier quarter", "the year-ago
  period", "last year's quarter", and "a year ago" after "from", "than", "compared with"): the
  *period under discussion* (the last quarter, half, month or season named in the sentence or the
  two before; for quarters, anywhere before in the article) one year back: "the third quarter ...
  a year earlier" is the third quarter of the year before. A sentence that reports a span the
  tagger does not place ("the nine months") compares whole years: a year earlier is the year
  before the reference year. "a year ago" with no period under discussion is the year before the
  reference date, and "last year" is always the calendar year.
- "the quarter", "the latest quarter": the quarter under discussion, else the latest quarter
  ended by the reference date; "this quarter", "the current quarter": the one holding it.

Takes: `workbook.time.lexicon` and `workbook.time.spans`.
Gives: RULES, VAGUE_RULES, DATE_LIKE and the ANCHOR prefilter that `workbook.time.tagger` runs.
Comes after `workbook.time.spans`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from .lexicon import (NAME_BEFORE_YEAR, COUNTED, DAY_PARTS, DECADE_WORDS, GENERIC_NOW, HOLIDAYS, MONTH_ABBR, MONTHS,
                      NUMBER_WORDS, ORDINAL_WORDS, ORDINALS, PART, REL_STEP, SEASONS, TEEN_WORDS, TENS_WORDS,
                      UNIT_WORDS, WEEKDAYS)
from .spans import (DAY, century_span, cyclic, decade_part, decade_span, holiday_span, month_number, month_part,
                    month_span, months_span, offset_by, parse_number, quarter_span, relative_year, shift_span,
                    unit_name, unit_span, wider_unit, years_span)


class Unplaced(Exception):
    """The expression counts from a date the text does not give; the message says why."""


class Skip(Exception):
    """Not a time expression here after all (dropped without a word: nothing in it looks like a date)."""


@dataclass
class Context:
    """What a resolver knows besides its match."""
    ref: pd.Timestamp
    tense: str = ""                 # 'past', 'future' or '' (no cue)
    anchor: dict | None = None      # the last placed expression before, within two sentences
    topic: dict | None = None       # the last placed period finer than a year (quarter, half, month, season)
    comparison: bool = False        # the sentence compares with an earlier period ("from", "compared with")
    backref: bool = False           # set by a resolver that read the period under discussion a year back
    topic_far: dict | None = None   # the last such period anywhere before in the article (a report's quarter)
    own_span: bool = False          # the sentence names a span of its own the tagger does not place ("nine months")


@dataclass(frozen=True)
class Rule:
    """One time rule. `reject` holds (test, reason) pairs: test(text, match) true means the match
    is not a date there; with a reason it is listed by `unresolved_times`, without one skipped."""
    name: str
    pattern: re.Pattern
    resolve: Callable
    triggers: frozenset
    needs_tense: bool = False
    reject: tuple = field(default=())


def _rx(p: str) -> re.Pattern:
    return re.compile(p)


def _opt(*words: str) -> str:
    """An optional leading word (a preposition), in any case at the start ("In", "in")."""
    return r"(?:\b(?i:" + "|".join(words) + r") )?"


def _ci(*words: str) -> str:
    return "(?i:" + "|".join(words) + ")"


# --------------------------------------------------------------------------- pattern pieces

_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_MONTH_DAY = ("(?P<month>" + "|".join(MONTHS) + "|(?:" + "|".join(sorted(MONTH_ABBR, key=len, reverse=True))
              + r")\.?)")
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_NUM = "(?P<n>" + _ci(*NUMBER_WORDS) + r"|\d{1,3})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
_COUNTED = "|".join(COUNTED)
# A year is four digits 1800-2099 standing alone: not inside a longer number ("6058530408001",
# "13,000", "2.5"), not a model or price ("S-400", "$2015"), not a count of something ("2000 troops").
_YEAR_AT = r"(?<![\w$€£#.,/-]){g}(?![\w%]|[.,/-]\d|-\w|\s+(?:" + _COUNTED + r")\b)"
_YEAR = _YEAR_AT.format(g=r"(?P<year>1[89]\d\d|20\d\d)")
_YEAR2 = _YEAR_AT.format(g=r"(?P<year2>1[89]\d\d|20\d\d)")
_MYEAR = _YEAR_AT.format(g=r"(?P<myear>1[89]\d\d|20\d\d)")
_PREP = _opt("in", "during", "on", "at", "by", "from", "until", "before", "after", "through")
_REL = r"(?P<rel>" + _ci("last", "next", "this", "coming", "current") + ")"
_ORD_Q = r"(?P<ord>" + _ci("first", "second", "third", "fourth", "final", "last", "1st", "2nd", "3rd", "4th") + ")"
_ORD_H = r"(?P<ord>" + _ci("first", "second", "last", "1st", "2nd") + ")"
_THE = r"(?:\b(?i:in|during|by|for|of|from|over) )?(?:\b(?i:the) )?\b"
_FISCAL = r"(?:(?i:fiscal)[- ])?"
_CLOCK = (r"(?P<clock>(?:[01]?\d|2[0-3])(?::[0-5]\d)? ?(?i:a\.m\.|p\.m\.|am\b|pm\b)|(?i:noon|midnight))"
          r"(?: (?:[ECMP][SD]T|GMT|UTC|local time))?")
_DAYPART = r"(?P<daypart>" + _ci(*DAY_PARTS) + ")"
_WORD_YEAR = (r"(?P<wy>(?i:(?:eighteen|nineteen|twenty) (?:hundred(?: and)? )?(?:(?:"
              + "|".join(TENS_WORDS) + r")(?:[- ](?:" + "|".join(UNIT_WORDS) + r"))?|" + "|".join(TEEN_WORDS)
              + r"|oh[- ](?:" + "|".join(UNIT_WORDS) + r"))|two thousand(?: and)?(?: (?:" + "|".join(TEEN_WORDS)
              + "|" + "|".join(UNIT_WORDS) + r"))?))")

# --------------------------------------------------------------------------- rejections

_DATELINE_BEFORE = re.compile(r"^[ \t]*[A-Z][A-Z.'\- ]{2,}(?:,[ \t]*[A-Z][\w.'\- ]*)*,[ \t]*$", re.M)
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([A-Za-z][\w .&-]{0,30}\))?[ \t]*(?:[-–—_:]|\n|$)")


def _dateline(text: str, m) -> bool:
    """'WASHINGTON, Aug. 11 (AP) -': a place in capitals at the start of a line, the date, an agency,
    a dash. The date is the publication's, not a happening."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return bool(_DATELINE_BEFORE.search(text, line_start, m.start()) and _DATELINE_AFTER.match(text, m.end()))


_DATELINE = (_dateline, "a dateline: the date of publication, not a happening")
_NAME_YEAR_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in NAME_BEFORE_YEAR) + r") $")
_PRODUCT = (lambda text, m: bool(_NAME_YEAR_BEFORE.search(text, max(0, m.start() - 14), m.start())),
            "part of a name or product (\"Model 2020\"), not a date")
_MAY_MARCH = (lambda text, m: m.group(0) in ("May", "March"), None)          # verbs, not months
_GENERIC_AFTER = re.compile(r"'s(?: [a-z]+)?? (?:" + "|".join(GENERIC_NOW) + r")\b")


def _generic_now(text: str, m) -> bool:
    """'today's world', 'the people of tomorrow': an era, not a day."""
    word = m.group(0).lower()
    if word not in ("today", "tomorrow"):
        return False
    return bool(_GENERIC_AFTER.match(text, m.end()) or text[max(0, m.start() - 3):m.start()] == "of ")


_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z.]*[A-Za-z] $")


def _title_word(text: str, m) -> bool:
    """'VOA Today', 'USA Today': a capitalised 'Today' right after a capitalised word is a name."""
    return m.group(0)[0].isupper() and bool(_NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()))


def _not_after_preposition(text: str, m) -> bool:
    """'the year' alone is a date only after 'for', 'in', 'of', 'during', 'through', 'over', 'at', 'by'."""
    if m.group("yword"):
        return False
    return not re.search(r"\b(?i:for|in|of|during|through|over|at|by|throughout)\s$", text[max(0, m.start() - 12):m.start()])


def _two_thousand(text: str, m) -> bool:
    """'two thousand troops' is a count; 'the year two thousand', 'by two thousand.' are years."""
    if not m.group("wy").lower().startswith("two thousand"):
        return False
    surface = m.group(0).lower()
    if "the year" in surface:
        return False
    after = text[m.end():m.end() + 2]
    return not (surface.startswith(("in ", "by ", "since ", "of ")) and (after[:1] in ("", ".", ",", ";", ")")))


def _fall_of(text: str, m) -> bool:
    """'the fall of the Berlin Wall', 'the spring offensive': not a season."""
    return bool(re.match(r" (?:of (?!(?:1[89]|20)\d\d)|offensive)", text[m.end():m.end() + 14]))


def _title_case(text: str, m) -> bool:
    """'ABC's "This Week"', 'Person of the Year': capitalised time words inside a sentence are a title."""
    words = m.group(0).split()
    return len(words) >= 2 and all(w[0].isupper() for w in words[-2:]) and m.start() > 0 and \
        text[:m.start()].rstrip(" ")[-1:] not in ("", ".", "!", "?", "\n", ":")


_NAME2 = (_title_case, "part of a title (\"This Week\"), not a date")
_GENERIC = (_generic_now, "'today'/'tomorrow' as an era (\"today's world\"), not a day")
_YEAR_ALONE = (_not_after_preposition, None)
_COUNT = (_two_thousand, None)
_FALL_OF = (_fall_of, None)
_NAME = (_title_word, "part of a name (\"USA Today\"), not a day")

# --------------------------------------------------------------------------- resolvers

def _year_or_rel(g, ref) -> int:
    if g.get("year"):
        return int(g["year"])
    return relative_year(g.get("rel"), ref)


def _r_full_date(g, c):
    day = pd.Timestamp(int(g["year"]), int(g["mm"]) if g.get("mm") else month_number(g["month"]), int(g["d"]))
    return day, day, "day", None


def _day_of(month: int, d: int):
    def span(year):
        day = pd.Timestamp(year, month, d)
        return day, day
    return span


def _r_month_day(g, c):
    """July 24 or 24 July without a year: by the tense (the latest up to the reference date in the past,
    the first from it on in the future), else the default of `spans.cyclic` (February 29 goes to a leap year)."""
    month, d = month_number(g["month"]), int(g["d"])
    if not 1 <= d <= 31:
        raise ValueError(f"{g['month']} {d} is not a day on the calendar")
    span, other = cyclic(_day_of(month, d), c.ref, c.tense)
    return *span, "day", other


def _r_weekday_date(g, c):
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
        return _r_month_day(g, c)
    day = min(fits, key=lambda x: abs((x - c.ref).days))
    return day, day, "day", None


def _r_day_range(g, c):
    """between October 16 and 17, March 3-5, from May 1 to June 3: from the first day to the last."""
    start, _, _, _ = _r_month_day(g, c)
    m2 = month_number(g["month2"]) if g.get("month2") else start.month
    end = pd.Timestamp(start.year, m2, int(g["d2"]))
    if end < start:
        end = pd.Timestamp(start.year + 1, m2, int(g["d2"])) if m2 < start.month else None
        if end is None:
            raise ValueError(f"the range ends before it starts ({g['d2']} before {g['d']})")
    return start, end, "day", None


def _r_month_range(g, c):
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


def _r_month_year(g, c):
    return (*month_span(int(g["year"]), month_number(g["month"])), "month", None)


def _r_year(g, c):
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


def _r_word_year(g, c):
    year = _word_year(g["wy"])
    if g.get("month"):
        return (*month_span(year, month_number(g["month"])), "month", None)
    if g.get("season"):
        return _season_in(g["season"], year)
    return (*years_span(year, year), "year", None)


def _r_year_range(g, c):
    """2016-2017, 2016–17, from 2016 to 2018, between 2016 and 2018: the years from the first to the last."""
    first, last = int(g["year"]), g["year2"]
    last = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if last <= first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    return (*years_span(first, last), "year", None)


def _r_since(g, c):
    """since 2017, since March 2014, since July 24: from the start of that date to the reference date."""
    if g.get("d"):
        start = (_r_full_date(g, c) if g.get("year") else _r_month_day({**g}, Context(c.ref, "past")))[0]
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


def _r_decade(g, c):
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


def _r_century(g, c):
    n = int(g["cn"]) if g.get("cn") else ORDINAL_WORDS[g["cword"].lower()]
    return (*century_span(n), "century", None)


def _r_bare_month(g, c):
    """A month without a year: the nearest to the reference date, or by the tense."""
    month = month_number(g["month"])
    span, other = cyclic(lambda y: month_span(y, month), c.ref, c.tense)
    return *span, "month", other


def _r_month_rel_year(g, c):
    """in July last year, in May next year, July of this year."""
    return (*month_span(relative_year(g["rel"].lower(), c.ref), month_number(g["month"])), "month", None)


def _r_rel_month(g, c):
    """last July: the latest July before the reference month; next July: the first after it;
    this July: July of the reference year."""
    month, step = month_number(g["month"]), REL_STEP.get(g["rel"].lower(), 0)
    year = c.ref.year
    if step < 0 and month >= c.ref.month or step > 0 and month <= c.ref.month:
        year += step
    return (*month_span(year, month), "month", month_span(year + step, month) if step else None)


def _r_weekday(g, c):
    """The latest such weekday on or before the reference date (strictly before for 'last'),
    or on or after it in the future (strictly after for 'next'). 'Saturday night' is that day."""
    target, rel = WEEKDAYS.index(g["weekday"]), (g.get("rel") or "").lower()
    step = 1 if rel == "next" or (rel != "last" and c.tense == "future") else -1
    gap = (step * (target - c.ref.weekday())) % 7 or (7 if rel in ("next", "last") else 0)
    day = c.ref + pd.Timedelta(days=step * gap)
    other = day + pd.Timedelta(weeks=step)
    return day, day, "day", (other, other)


def _r_weekday_from(g, c):
    """the previous Friday, the following Monday: the weekday before or after the day last named (or
    the reference date when none is named in this sentence or the two before)."""
    base = c.anchor["start"] if c.anchor is not None and c.anchor["precision"] == "day" else c.ref
    target = WEEKDAYS.index(g["weekday"])
    step = -1 if g["aword"].lower() in ("previous", "preceding") else 1
    gap = (step * (target - base.weekday())) % 7 or 7
    day = base + pd.Timedelta(days=step * gap)
    return day, day, "day", None


def _r_rel_unit(g, c):
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


def _year_back(c, period: dict):
    """The period under discussion, one year back (its own precision)."""
    c.backref = True
    a, b = shift_span((period["start"], period["end"]), -1, "year")
    return a, b, period["precision"], None


def _r_ago(g, c):
    """N days/weeks/months/years/decades ago: the day, week, month, year or decade that far back;
    'a year ago' in a comparison of reported periods is the period under discussion a year back."""
    unit, n = unit_name(g), parse_number(g["n"])
    if unit == "year" and n == 1 and c.topic is not None and (c.comparison or c.topic["precision"] in ("quarter", "half")):
        return _year_back(c, c.topic)
    return (*unit_span(c.ref - offset_by(n, unit), unit), unit, None)


def _need_anchor(c, finest: str):
    order = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
    if c.anchor is None or order.index(c.anchor["precision"]) > order.index(finest):
        raise Unplaced("counts from a date named earlier in the text, and none is named in this sentence or "
                       "the two before")
    return c.anchor


def _r_anchored(g, c):
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
        return _year_back(c, c.topic or c.topic_far)      # "the third quarter ... a year earlier"
    a = _need_anchor(c, unit if unit in ("day", "week", "month", "quarter", "year") else "day")
    if unit == "year" and g.get("n") and a["precision"] in ("quarter", "half", "month", "season"):
        s0, s1 = shift_span((a["start"], a["end"]), n, "year")     # "last spring ... a year later": that spring
        c.backref = n < 0
        return s0, s1, a["precision"], None
    if unit == "year" and a["precision"] in ("day", "week") and g.get("n"):
        y = (a["start"] + offset_by(n, "year")).year     # "a year earlier" than a day: that year
        return (*years_span(y, y), "year", None)
    span = unit_span(a["start"] + offset_by(n, unit), unit)
    edge = (g.get("edge") or "").lower()
    if edge and n == 0:
        span = (span[0], a["start"]) if edge == "earlier" else (a["end"], span[1])
    return (*span, "week" if unit == "weekend" else unit, None)


def _r_within(g, c):
    """within (the coming/next) N units, within the next unit: from the reference date to that far ahead."""
    n, unit = (parse_number(g["n"]), unit_name(g)) if g["n"] else (1, g["unit1"].lower())
    return c.ref, c.ref + offset_by(n, unit), unit if n == 1 else wider_unit(unit), None


def _r_past_n(g, c):
    """the past/last N units: from that far back to the reference date."""
    n, unit = (parse_number(g["n"]), unit_name(g)) if g["n"] else (1, g["unit1"].lower())
    return c.ref - offset_by(n, unit), c.ref, unit if n == 1 else wider_unit(unit), None


def _r_today(g, c):
    """yesterday, today, tomorrow, tonight, this morning, last night, yesterday afternoon: that day."""
    word = (g.get("word") or "").lower()
    if word == "last" or word == "yesterday":
        shift = -1
    elif word == "tomorrow":
        shift = 1
    else:
        shift = 0
    day = c.ref + pd.Timedelta(days=shift)
    return day, day, "day", None


def _r_clock(g, c):
    """10:35 a.m., 5 p.m. EST, noon: on the day last named in this sentence or the two before, else on
    the reference date."""
    if c.anchor is not None and c.anchor["precision"] == "day":
        return c.anchor["start"], c.anchor["start"], "day", None
    return c.ref, c.ref, "day", None


def _r_clock_date(g, c):
    return _r_month_day(g, c)


def _season_in(name: str, year: int):
    first = SEASONS[name.lower()]
    return (*months_span(year, first, 3), "season", None)


def _r_season(g, c):
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
    return a, b, "season", None


def _part_of(a, b, part: int):
    """The first, middle or last third of a span, in whole months when it is three months long."""
    months = [a + pd.DateOffset(months=i) for i in range(3)]
    m = months[part]
    return m, m + pd.offsets.MonthEnd(0)


def _r_part(g, c):
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


def _r_year_end(g, c):
    """year-end, by year end, since year-end: December 31, of the year the tense gives."""
    span, other = cyclic(lambda y: (pd.Timestamp(y, 12, 31),) * 2, c.ref, c.tense)
    return *span, "day", other


def _cyclic_period(span_of, c, default="past"):
    (a, b), other = cyclic(span_of, c.ref, c.tense, default=default)
    return a, b, other


def _r_half(g, c):
    """first/second half (of a year): Jan-Jun or Jul-Dec; without a year the latest begun, or by the tense;
    the first two quarters are the first half."""
    h = 1 if (g.get("ord") or "").lower() in ("first", "1st") else 2
    if g.get("year") or g.get("rel"):
        return *months_span(_year_or_rel(g, c.ref), 6 * h - 5, 6), "half", None
    a, b, other = _cyclic_period(lambda y: months_span(y, 6 * h - 5, 6), c)
    return a, b, "half", other


def _r_quarters(g, c):
    """the first two/three quarters of a year: January to June/September."""
    n = {"two": 2, "three": 3, "2": 2, "3": 3}[g["nq"].lower()]
    year = _year_or_rel(g, c.ref)
    return *months_span(year, 1, 3 * n), "half" if n == 2 else "quarter", None


def _r_quarter(g, c):
    """first .. fourth quarter, with a year ('of 1989', 'the 1988 third quarter', 'this year's third
    quarter') or without (the latest begun by the reference date, or by the tense)."""
    q = ORDINALS[g["ord"].lower()]
    if g.get("year") or g.get("rel"):
        year = _year_or_rel(g, c.ref) + (-1 if (g.get("back") or "") else 0)
        return *quarter_span(year, q), "quarter", None
    if g.get("back"):                          # "the year-ago third quarter"
        base = c.topic["start"].year if c.topic is not None else c.ref.year
        return *quarter_span(base - 1, q), "quarter", None
    a, b, other = _cyclic_period(lambda y: quarter_span(y, q), c)
    return a, b, "quarter", other


def _latest_quarter(ref):
    a, _ = unit_span(ref, "quarter")
    return unit_span(a - DAY, "quarter")


def _r_the_quarter(g, c):
    """the quarter, the latest quarter, the latest period: the quarter under discussion, else the latest
    quarter ended by the reference date; the current quarter, this quarter: the one holding it;
    that quarter, the same quarter: the anchor's."""
    word = (g.get("qword") or "").lower() or (g.get("det") or "").lower()
    if word in ("current", "this"):
        return *unit_span(c.ref, "quarter"), "quarter", None
    if word in ("that", "same"):
        a = _need_anchor(c, "quarter")
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


def _r_year_period(g, c):
    """the 1988 quarter, the 1989 period: the quarter under discussion, in that year."""
    year = int(g["year"])
    topic = c.topic or c.topic_far
    if topic is not None and topic["precision"] in ("quarter", "half", "month", "season"):
        a, b = shift_span((topic["start"], topic["end"]), year - topic["start"].year, "year")
        return a, b, topic["precision"], None
    if (g.get("unit") or "").lower() == "quarter":
        raise Unplaced("'the YEAR quarter' names no quarter, and none is named before it")
    raise Unplaced("'the YEAR period' names no period, and none is named before it")


def _r_year_ago_period(g, c):
    """year-ago, year-earlier, the year-ago period, the same period last year, last year's quarter:
    the period under discussion (a quarter, half, month or season) one year back."""
    topic = c.topic or (None if c.own_span else c.topic_far)
    if topic is None and c.own_span:
        return (*years_span(c.ref.year - 1, c.ref.year - 1), "year", None)
    if topic is None:
        if (g.get("unit") or "").lower() == "quarter":
            return *unit_span(_latest_quarter(c.ref)[0] - offset_by(1, "year"), "quarter"), "quarter", None
        raise Unplaced("compares with a period a year back, and no period is named before it")
    return _year_back(c, topic)


def _r_year_earlier(g, c):
    """a year earlier: the anchor one year back (a quarter stays a quarter; from a day, that year)."""
    return _r_anchored({**g, "aunit": "year", "n": "1", "dir": "earlier"}, c)


def _r_fiscal_year(g, c):
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


def _r_weekend(g, c):
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


def _r_holiday(g, c):
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


# --------------------------------------------------------------------------- the rules

_ANCH_UNIT = r"(?P<aunit>" + _ci("day", "week", "month", "quarter", "year", "weekend", *DAY_PARTS) + ")"
_HOLIDAY = "(?P<holiday>" + "|".join(p for p, *_ in HOLIDAYS) + ")"
_OF_YEAR = r"(?:,? (?:(?i:of|in) )?" + _YEAR + r"|(?: (?i:of))? (?:(?i:the) )?" + _REL + r" (?i:year))"
_OF_ANCHOR = (r"(?:" + _MONTH + r"(?:,? " + _MYEAR + r")?|" + _YEAR
              + r"|(?:(?i:the|this) |" + _REL + " )?(?P<unit>(?i:year|month)))")
# after "mid-", "early-", "late-" the year follows a hyphen, which _YEAR alone refuses ("F-2000")
_NAMED_ANCHOR = r"(?:" + _MONTH + r"(?:,? " + _MYEAR + r")?|" + _YEAR.replace(r"[\w$€£#.,/-]", r"[\w$€£#.,/]") + r")"
_YEAR_Q = r"(?P<year>1[89]\d\d|20\d\d)"


def R(name, pattern, resolve, triggers, needs_tense=False, reject=()):
    return Rule(name, _rx(pattern), resolve, frozenset(triggers.split()), needs_tense, tuple(reject))


RULES = [
    # --- dates with a year
    R("full date", _PREP + r"\b" + _DAY + r" (?:of )?" + _MONTH_DAY + r",? " + _YEAR, _r_full_date, "month"),
    R("full date", _PREP + r"\b(?:" + _WEEKDAY + r",? )?" + _MONTH_DAY + r" " + _DAY + r",? " + _YEAR,
      _r_full_date, "month", reject=[_DATELINE]),
    R("numeric date", r"(?<![\w-])(?P<year>1[89]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])",
      _r_full_date, "digits"),
    R("month and year", _PREP + r"\b" + _MONTH + r",? (?:of )?" + _YEAR, _r_month_year, "month"),
    R("year", _PREP + r"\b" + _YEAR, _r_year, "digits", reject=[_PRODUCT]),
    R("year range", _PREP + r"\b" + _YEAR_AT.format(
        g=r"(?P<year>1[89]\d\d|20\d\d) ?[-–] ?(?P<year2>1[89]\d\d|20\d\d|\d\d)"), _r_year_range, "digits"),
    R("year range", r"\b(?i:from|between) " + _YEAR + r" (?:to|and|until|through) " + _YEAR2, _r_year_range, "digits"),
    R("decade", _PREP + r"(?:\b(?i:the) )?(?:(?P<part>(?i:early|mid|late))[- ])?(?<![\w$.,])(?P<decade>1[89]\d0|20\d0)s\b",
      _r_decade, "digits"),
    R("decade", r"\b(?i:the) (?:(?P<part>(?i:early|mid|late))[- ])?(?:'(?P<d2dig>\d0)s|(?P<dword>" + _ci(*DECADE_WORDS)
      + r"))\b", _r_decade, "words digits"),
    R("century", r"\b(?:(?i:the) )?(?:(?P<cn>\d{1,2})(?:st|nd|rd|th)|(?P<cword>" + _ci(*ORDINAL_WORDS)
      + r"))[- ](?i:century)\b", _r_century, "century"),
    R("year in words", _opt("in", "during", "by", "since", "of") + r"(?:\b(?i:the year) )?(?:" + _MONTH + r" )?\b"
      + _WORD_YEAR + r"\b(?![- ](?:" + "|".join(UNIT_WORDS) + r"|percent|dollars|people))", _r_word_year, "words",
      reject=[_COUNT]),
    R("year in words", r"\b(?i:the) (?P<season>" + _ci(*SEASONS) + r") of " + _WORD_YEAR + r"\b", _r_word_year,
      "words"),
    # --- spans and ranges
    R("since", r"\b(?i:since) " + _MONTH_DAY + r" " + _DAY + r"(?:,? " + _YEAR + r")?(?![\w,.]?\d)", _r_since, "month"),
    R("since", r"\b(?i:since) " + _MONTH + r"(?:,? " + _YEAR + r")?(?!\w)", _r_since, "month"),
    R("since", r"\b(?i:since) " + _YEAR, _r_since, "digits"),
    R("day range", r"(?:\b(?i:between|from) )?\b" + _MONTH_DAY + r" " + _DAY + r"(?:(?: (?:and|to|through|until) | ?[-–] ?)"
      + r"(?:(?P<month2>" + "|".join(MONTHS) + "|(?:" + "|".join(MONTH_ABBR) + r")\.?) )?" + _DAY2 + r")\b(?![,.]?\d|:)",
      _r_day_range, "month", needs_tense=True, reject=[_DATELINE]),
    R("month range", r"\b(?i:from|between) " + _MONTH + r" (?:to|and|until|through) (?P<month2>" + "|".join(MONTHS)
      + r")(?:,? " + _YEAR + r")?\b", _r_month_range, "month", needs_tense=True),
    # --- named without a year: the tense decides
    R("month and day", _PREP + r"\b" + _MONTH_DAY + r" " + _DAY + r"\b(?![,.]?\d|:\d)", _r_month_day, "month",
      needs_tense=True, reject=[_DATELINE]),
    R("month and day", _PREP + r"(?<![\w$.,-])" + _DAY + r" (?:of )?" + _MONTH_DAY + r"(?!\w)", _r_month_day, "month",
      needs_tense=True, reject=[_DATELINE]),
    R("weekday and date", _PREP + r"\b" + _WEEKDAY + r",? " + _MONTH_DAY + r" " + _DAY + r"\b(?![,.]? ?\d)",
      _r_weekday_date, "weekday"),
    R("weekday and date", _PREP + r"\b" + _WEEKDAY + r",? (?:(?i:the) )?" + _DAY + r" (?:of )?" + _MONTH_DAY
      + r"\b(?![,.]? ?\d)", _r_weekday_date, "weekday"),
    R("time and date", r"(?:\b(?i:at|by|until|before|after|around|about) )?\b" + _CLOCK + r",? (?:(?i:on) )?"
      + _MONTH_DAY + r" " + _DAY + r"\b(?![,.]?\d)", _r_clock_date, "month", needs_tense=True),
    R("month", r"\b(?:(?i:in|until|by|from|during|before|after|through) )?\b" + _MONTH + r"\b(?!-)",
      _r_bare_month, "month", needs_tense=True, reject=[_MAY_MARCH]),
    R("month of last/next year", _opt("in", "during", "by") + r"\b" + _MONTH + r",? (?:(?i:of) )?" + _REL + r" (?i:year)\b",
      _r_month_rel_year, "month"),
    R("last/next month name", r"\b(?P<rel>(?i:last|next|this|past|coming)) " + _MONTH + r"\b", _r_rel_month, "month"),
    R("weekday", r"(?:\b(?:(?i:late|early|later|earlier)) )?(?:\b(?:(?i:on|at)) )?(?:\b" + _CLOCK + r",? (?:(?i:on) )?)?"
      r"(?:\b(?P<rel>(?i:last|next|this)) )?\b" + _WEEKDAY + r"\b(?!s\b)(?: " + _DAYPART + r"\b)?",
      _r_weekday, "weekday", needs_tense=True),
    R("season", _opt("in", "during", "by", "over", "since", "until", "through") + r"\b(?:(?i:the)|(?P<rel>(?i:last|next|"
      r"this|coming|past)))(?: (?P<part>(?i:early|late)))? (?P<season>" + _ci(*SEASONS) + r")(?:,? (?:of )?" + _YEAR
      + r")?\b(?!-)", _r_season, "season", needs_tense=True, reject=[_FALL_OF]),
    R("season", _opt("in", "during", "by", "over", "since", "until", "through") + r"\b(?P<season>" + _ci(*SEASONS)
      + r"),? (?:of )?" + _YEAR, _r_season, "season"),
    R("weekend", r"(?:\b(?i:over|during|on|at|for|ahead of|before|after) )?\b(?:(?i:the)|(?P<rel>(?i:this|last|next)))"
      r" (?i:weekend)\b", _r_weekend, "weekend", needs_tense=True),
    R("holiday", r"\b(?:(?i:on|at|by|for|before|after|until|over|during|in|since|ahead of)|(?P<rel>(?i:last|next|this))) "
      + _HOLIDAY + r"(?:(?:,| of)? " + _YEAR + r")?(?![\w'-]| (?:Island|tree|trees|card|cards|egg|eggs|shopping|"
      r"sales|market|markets|party|parties|present|presents|bonus|lights|carol|carols)\b)",
      _r_holiday, "holiday", needs_tense=True),
    R("holiday", r"\b" + _HOLIDAY + r"(?:,| of)? " + _YEAR, _r_holiday, "holiday"),
    # --- counted from the reference date
    R("relative period", r"(?:\b(?P<edge>(?i:earlier|later)) )?\b(?:(?i:the) )?(?P<rel>(?i:last|next|this|coming|current))"
      r" " + _FISCAL + r"(?P<unit>(?i:week|month|quarter|year|decade))\b(?!-|s\b)", _r_rel_unit, "week munit quarter year decade",
      reject=[_NAME2]),
    R("relative period", r"\b(?P<edge>(?i:earlier|later)) in the (?P<unit>(?i:week|month|year))\b", _r_rel_unit, "week munit year"),
    R("ago", r"\b" + _NUM + r" (?P<unit>(?i:days?|weeks?|months?|years?|decades?)) (?i:ago)\b", _r_ago, "ago"),
    R("within", r"\b(?i:within) (?:(?:(?i:the) (?i:coming|next|following) )?" + _NUM + r" (?P<unit>(?i:days?|weeks?|"
      r"months?|years?))|(?i:the) (?i:coming|next|following) (?P<unit1>(?i:day|week|month|year)))\b", _r_within, "dunit week munit year"),
    R("past N", r"\b(?:(?i:the) )?(?:(?i:past|last) " + _NUM + r" (?P<unit>(?i:days|weeks|months|years))"
      r"|(?i:past) (?P<unit1>(?i:day|week|month|year)))\b", _r_past_n, "dunit week munit year"),
    R("today", r"\b(?P<word>(?i:yesterday|today|tomorrow))\b(?: " + _DAYPART + r"\b)?", _r_today, "day",
      reject=[_GENERIC, _NAME]),
    R("part of day", r"(?:\b(?i:late|early|later|earlier) )?\b(?:(?i:tonight)|(?i:this) " + _DAYPART + r"|(?P<word>(?i:last))"
      r" (?i:night))\b", _r_today, "day daypart"),
    R("time of day", r"(?:\b(?i:at|by|until|before|after|around|about|from) )?\b" + _CLOCK + r"(?! (?i:on )?(?:"
      + "|".join(WEEKDAYS) + "|" + "|".join(MONTHS) + r"))", _r_clock, "clock"),
    # --- counted from a date the text named (the anchor)
    R("anchored", r"(?:\b(?P<edge>(?i:earlier|later)) )?\b(?P<aword>(?i:that|the same|the following|the previous|"
      r"the prior|the preceding))(?: " + _FISCAL + r")? " + _ANCH_UNIT + r"\b(?!-|')", _r_anchored, "dunit week munit quarter year weekend daypart"),
    R("anchored", r"\b(?P<aword>(?i:the next)) (?P<aunit>(?i:day|morning|afternoon|evening|night))\b", _r_anchored,
      "dunit daypart"),
    R("anchored", r"\b" + _NUM + r" (?P<aunit>(?i:days?|weeks?|months?|years?)) (?P<dir>(?i:later|earlier))\b",
      _r_anchored, "dunit week munit year"),
    # --- reported periods: quarters, halves, fiscal years, comparisons
    R("quarter", _THE + r"(?:(?P<back>(?i:year-ago|year-earlier|comparable year-ago|comparable year-earlier)) )?"
      + _FISCAL + _ORD_Q + r"[- ](?:(?i:fiscal) )?(?i:quarter)(?:" + _OF_YEAR + r")?\b", _r_quarter, "quarter"),
    R("quarter", _THE + r"(?:" + _YEAR_Q + r"(?:'s)?|" + _REL + r" year's) " + _FISCAL + _ORD_Q + r"[- ](?i:quarter)\b",
      _r_quarter, "quarter"),
    R("year-ago period", r"\b(?i:last) year's (?P<unit>(?i:quarter|period))\b", _r_year_ago_period, "quarter period"),
    R("the quarter", r"\b(?P<det>(?i:the|this|that|its)) (?:(?P<qword>(?i:current|latest|most recent|recent|past|same))"
      r" )?" + _FISCAL + r"(?P<unit>(?i:quarter|period))\b(?![- ]of\b|-|s)", _r_the_quarter, "quarter period", needs_tense=True),
    R("year's period", r"\b(?i:the) " + _YEAR_Q + r" (?P<unit>(?i:quarter|period))\b", _r_year_period, "quarter period"),
    R("year-ago period", r"\b(?:(?i:the) )?(?:(?i:comparable|same|corresponding) )?(?i:year-ago|year-earlier)"
      r"(?: (?P<unit>(?i:quarter|period|three months|six months|nine months|results|figures)))?\b",
      _r_year_ago_period, "year"),
    R("year-ago period", r"\b(?i:the) (?i:same|comparable|corresponding|year-ago) (?P<unit>(?i:quarter|period|months))"
      r" (?:(?i:of|in) )?(?:(?i:last year|the previous year|the prior year|a year (?:ago|earlier)))\b",
      _r_year_ago_period, "year"),
    R("half year", _THE + r"(?:(?P<back>(?i:year-ago|year-earlier)) )?" + _ORD_H + r"[- ](?i:half)(?:" + _OF_YEAR + r")?\b",
      _r_half, "half"),
    R("half year", _THE + r"(?i:first) (?P<nq>(?i:two|three|2|3)) (?i:quarters)(?:" + _OF_YEAR + r")?\b", _r_quarters,
      "quarter"),
    R("fiscal year", r"\b(?i:the) (?:(?P<yword>(?i:current|full|latest|last|previous|past|most recent)) )?" + _FISCAL
      + r"(?i:year)\b(?!s|-|'| (?:19|20)\d\d| (?i:ago|earlier|later|before|after|since|ahead|to|that|when|in which|"
      r"two|one)\b)", _r_fiscal_year, "year", reject=[_YEAR_ALONE]),
    # --- parts of periods
    R("part of period", r"(?:\b(?i:at|in|by|from|until|towards?) )?(?:\b(?i:the) )?\b"
      r"(?P<part>(?i:beginning|start|middle|end)) of " + _OF_ANCHOR + r"\b", _r_part, "month digits munit year"),
    R("part of period", _opt("in", "by", "until", "since") + r"\b(?P<part>(?i:early|mid|late))[- ]" + _NAMED_ANCHOR,
      _r_part, "month digits"),
    R("year end", r"(?:\b(?i:by|at|around|before|until|since|after) )?(?:\b(?i:the) )?\b(?:(?i:year)[- ](?i:end)|"
      r"(?i:year's end))\b", _r_year_end, "year", needs_tense=True),
    R("weekday", r"\b(?i:the) (?P<aword>(?i:previous|following|preceding|next)) " + _WEEKDAY + r"\b", _r_weekday_from,
      "weekday"),
]

NEEDS_TENSE = {r.name for r in RULES if r.needs_tense}

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
# Matched on the text with A-Z lowered (same length), one alternation of literal words; the kind of
# each word says which rules may fire near it. Month names count only when capitalised in the text.
_ANCHOR_KINDS = {
    **{m[:3].lower(): "month" for m in MONTHS}, "sept": "month",
    **{w.lower(): "weekday" for w in WEEKDAYS},
    "yesterday": "day", "today": "day", "tomorrow": "day",
    **{w: "daypart" for w in ("tonight", "morning", "afternoon", "evening", "night", "overnight")},
    **{w: "season" for w in SEASONS},
    "noon": "clock", "midnight": "clock",
    **{w: "words" for w in ("eighteen", "nineteen", "two thousand", *DECADE_WORDS)},
    **{w: k for k, ws in {"year": ("year", "years"), "quarter": ("quarter", "quarters"), "munit": ("month", "months"),
                          "week": ("week", "weeks"), "dunit": ("day", "days"), "weekend": ("weekend",),
                          "half": ("half",), "period": ("period",), "decade": ("decade", "decades"),
                          "century": ("century",), "ago": ("ago",)}.items() for w in ws},
}
_ANCHOR_KINDS = {w: {k} for w, k in _ANCHOR_KINDS.items()}
for _p, *_ in HOLIDAYS:
    for _alt in _p.split("|"):
        _ANCHOR_KINDS.setdefault(re.match(r"[\w']+", _alt.replace("the ", "")).group(0).lower(), set()).add("holiday")
for _w, _k in _ANCHOR_KINDS.items():
    if _w[:3] in {m[:3].lower() for m in MONTHS} and _w[:3] != "dec" or _w.startswith("december"):
        _k.add("month")
ANCHOR = re.compile(r"(?P<w>\b(?:" + "|".join(re.escape(w) for w in sorted(_ANCHOR_KINDS, key=len, reverse=True))
                    + r"))|(?P<digits>(?<!\d)\d{4}(?!\d))|(?P<clock>\b\d{1,2}(?::\d\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b))"
                    r"|(?P<dec>'\d0s)")
ANCHOR_KINDS = _ANCHOR_KINDS
LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
TRIGGERS = {r.name: r.triggers for r in RULES}
EVENT_RULES = [(r.name, r.pattern, r.resolve) for r in RULES]      # (name, pattern, resolver), as before
