"""The time rules: one record per rule, in one table.

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
  later", "September of that year", "the autumn of the same year"): counted from the *anchor*, the
  last date the text named before it, in its sentence or the two before; never from the reference
  date. Without an anchor the expression is not placed. A count of years from a finer anchor is a
  year ("in December 2020 ... two years later": 2022), except one year, which keeps the anchor's
  month, quarter or season ("last spring ... a year later": that spring).
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

Takes: the record of `workbook.time.records`, the pieces of `workbook.time.patterns`, the resolvers of
`workbook.time.resolvers` and `workbook.time.periods`.
Gives: RULES, VAGUE_RULES, DATE_LIKE and the ANCHOR prefilter (and its kinds one by one, ANCHOR_WORD...) that `workbook.time.tagger` runs.
Comes after `workbook.time.periods`.
"""
from __future__ import annotations

import re

from .lexicon import (
    DAY_PARTS,
    DECADE_WORDS,
    HOLIDAYS,
    MONTH_ABBR,
    MONTHS,
    ORDINAL_WORDS,
    SEASONS,
    UNIT_WORDS,
    WEEKDAYS,
)
from .patterns import (
    CLOCK,
    COUNT,
    COUNTED_RX,
    DATELINE,
    DAY2,
    DAY_RX,
    DAYPART,
    FALL_OF,
    FISCAL,
    GENERIC,
    MAY_MARCH,
    MONTH,
    MONTH_DAY,
    MYEAR,
    NAME,
    NAME2,
    NUM,
    ORD_H,
    ORD_Q,
    PREP,
    PRODUCT,
    REL,
    STAMP,
    THE,
    WEEKDAY,
    WORD_YEAR,
    YEAR2,
    YEAR_ALONE,
    YEAR_AT,
    YEAR_RX,
    ci,
    compiled,
    from_word_start,
    needs,
    opt,
)
from .periods import (
    r_clock,
    r_clock_date,
    r_fiscal_year,
    r_half,
    r_holiday,
    r_part,
    r_period_code,
    r_quarter,
    r_quarters,
    r_season,
    r_the_quarter,
    r_weekend,
    r_year_ago_period,
    r_year_end,
    r_year_period,
)
from .records import Rule
from .resolvers import (
    r_ago,
    r_anchored,
    r_at_the_time,
    r_bare_month,
    r_century,
    r_day_range,
    r_decade,
    r_this_decade_part,
    r_full_date,
    r_in_anchored_year,
    r_month_day,
    r_month_range,
    r_month_rel_year,
    r_month_year,
    r_numeric_date,
    r_past_n,
    r_rel_month,
    r_rel_unit,
    r_since,
    r_today,
    r_weekday,
    r_weekday_date,
    r_weekday_from,
    r_within,
    r_word_year,
    r_year,
    r_year_range,
)

_ANCH_UNIT = r"(?P<aunit>" + ci("day", "week", "month", "quarter", "year", "weekend", *DAY_PARTS) + ")"
_HOLIDAY = "(?P<holiday>" + "|".join(p for p, *_ in HOLIDAYS) + ")"
_OF_YEAR = r"(?:,? (?:(?i:of|in) )?" + YEAR_RX + r"|(?: (?i:of))? (?:(?i:the) )?" + REL + r" (?i:year))"
_OF_ANCHOR = (r"(?:" + MONTH + r"(?:,? " + MYEAR + r")?|" + YEAR_RX
              + r"|(?:(?i:the|this) |" + REL + " )?(?P<unit>(?i:year|month)))")
# after "mid-", "early-", "late-" the year follows a hyphen, which YEAR_RX alone refuses ("F-2000")
_NAMED_ANCHOR = r"(?:" + MONTH + r"(?:,? " + MYEAR + r")?|" + YEAR_RX.replace(r"[\w$€£#.,/-]", r"[\w$€£#.,/]") + r")"
_YEAR_Q = r"(?P<year>1[89]\d\d|20\d\d)"


def R(name, pattern, resolve, triggers, needs_tense=False, reject=()):
    rx = compiled(pattern)
    return Rule(name, rx, resolve, frozenset(triggers.split()), needs_tense, tuple(reject), needs(rx))


RULES = [
    # --- dates with a year
    R("full date", PREP + r"\b" + DAY_RX + r" (?:of )?" + MONTH_DAY + r",? " + YEAR_RX, r_full_date, "month"),
    R("full date", PREP + r"\b(?:" + WEEKDAY + r",? )?" + MONTH_DAY + r" " + DAY_RX + r",? " + YEAR_RX,
      r_full_date, "month", reject=[DATELINE]),
    R("numeric date", r"(?<![\w-])(?P<year>1[89]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])",
      r_full_date, "digits"),
    R("numeric date", r"(?<![\w.,/-])(?:(?P<n1>[0-3]\d)(?P<dot>\.)(?P<n2>[01]\d)\.|(?P<s1>[0-3]?\d)/(?P<s2>[0-3]?\d)/)"
      r"(?P<year>1[89]\d\d|20\d\d)(?![\w]|[./-]\d)", r_numeric_date, "digits",
      reject=[PRODUCT, STAMP]),                            # 29.12.2017 (day first), 12/29/2017, 29/12/2017
    R("month and year", PREP + r"\b" + MONTH + r",? (?:of )?" + YEAR_RX, r_month_year, "month"),
    R("year", PREP + r"\b" + YEAR_RX, r_year, "digits", reject=[PRODUCT]),
    R("year range", PREP + r"\b" + YEAR_AT.format(
        g=r"(?P<year>1[89]\d\d|20\d\d) ?[-–] ?(?P<year2>1[89]\d\d|20\d\d|\d\d)"), r_year_range, "digits"),
    R("year range", r"\b(?i:from|between) " + YEAR_RX + r" (?:to|and|until|through) " + YEAR2, r_year_range, "digits"),
    R("decade", PREP + r"(?:\b(?i:the) )?(?:(?P<part>(?i:early|mid|late))[- ])?(?<![\w$.,])(?P<decade>1[89]\d0|20\d0)s\b",
      r_decade, "digits"),
    R("decade", r"\b(?i:the) (?:(?P<part>(?i:early|mid|late))[- ])?(?:'(?P<d2dig>\d0)s|(?P<dword>" + ci(*DECADE_WORDS)
      + r"))\b", r_decade, "words digits"),
    R("this decade", r"\b(?:(?i:the) (?P<part>(?i:beginning|start|middle|end)) of (?:(?i:the|this|the current)) decade"
      r"|(?i:mid-decade))\b", r_this_decade_part, "decade"),
    R("century", r"\b(?:(?i:the) )?(?:(?P<cn>\d{1,2})(?:st|nd|rd|th)|(?P<cword>" + ci(*ORDINAL_WORDS)
      + r"))[- ](?i:century)\b", r_century, "century"),
    R("year in words", opt("in", "during", "by", "since", "of") + r"(?:\b(?i:the year) )?(?:" + MONTH + r" )?\b"
      + WORD_YEAR + r"\b(?![- ](?:" + "|".join(UNIT_WORDS) + r"|percent|dollars|people))", r_word_year, "words",
      reject=[COUNT]),
    R("year in words", r"\b(?i:the) (?P<season>" + ci(*SEASONS) + r") of " + WORD_YEAR + r"\b", r_word_year,
      "words"),
    # --- spans and ranges
    R("since", r"\b(?i:since) " + MONTH_DAY + r" " + DAY_RX + r"(?:,? " + YEAR_RX + r")?(?![\w,.]?\d)", r_since, "month"),
    R("since", r"\b(?i:since) " + MONTH + r"(?:,? " + YEAR_RX + r")?(?!\w)", r_since, "month"),
    R("since", r"\b(?i:since) " + YEAR_RX, r_since, "digits"),
    R("day range", r"(?:\b(?i:between|from|on|during|over) )?\b" + MONTH_DAY + r" " + DAY_RX
      + r"(?:(?: (?:and|to|through|until) | ?[-–] ?)(?:(?P<month2>" + "|".join(MONTHS) + "|(?:" + "|".join(MONTH_ABBR)
      + r")\.?) )?" + DAY2 + r")\b(?![,.]?\d|:)", r_day_range, "month", needs_tense=True, reject=[DATELINE]),
    R("day range", r"(?:\b(?i:between|from|on|during|over) )?(?<![\w$.,-])" + DAY_RX + r"(?: (?:and|to|through|until) |"
      r" ?[-–] ?)" + DAY2 + r" (?:of )?" + MONTH_DAY + r"(?:,? " + YEAR_RX + r")?(?!\w)", r_day_range, "month",
      needs_tense=True, reject=[DATELINE]),          # "7-8 November", "on 7 and 8 November 2023"
    R("month range", r"\b(?i:from|between) " + MONTH + r" (?:to|and|until|through) (?P<month2>" + "|".join(MONTHS)
      + r")(?:,? " + YEAR_RX + r")?\b", r_month_range, "month", needs_tense=True),
    # --- named without a year: the tense decides
    R("month and day", PREP + r"\b" + MONTH_DAY + r" " + DAY_RX + r"\b(?![,.]?\d|:\d)", r_month_day, "month",
      needs_tense=True, reject=[DATELINE]),
    R("month and day", PREP + r"(?<![\w$.,-])" + DAY_RX + r" (?:of )?" + MONTH_DAY + r"(?!\w)", r_month_day, "month",
      needs_tense=True, reject=[DATELINE]),
    R("weekday and date", PREP + r"\b" + WEEKDAY + r",? " + MONTH_DAY + r" " + DAY_RX + r"\b(?![,.]? ?\d)",
      r_weekday_date, "weekday"),
    R("weekday and date", PREP + r"\b" + WEEKDAY + r",? (?:(?i:the) )?" + DAY_RX + r" (?:of )?" + MONTH_DAY
      + r"\b(?![,.]? ?\d)", r_weekday_date, "weekday"),
    R("time and date", r"(?:\b(?i:at|by|until|before|after|around|about) )?\b" + CLOCK + r",? (?:(?i:on) )?"
      + MONTH_DAY + r" " + DAY_RX + r"\b(?![,.]?\d)", r_clock_date, "month", needs_tense=True),
    R("month", r"\b(?:(?i:in|until|by|from|during|before|after|through) )?\b" + MONTH + r"\b(?!-)",
      r_bare_month, "month", needs_tense=True, reject=[MAY_MARCH]),
    R("month of last/next year", opt("in", "during", "by") + r"\b" + MONTH + r",? (?:(?i:of) )?" + REL + r" (?i:year)\b",
      r_month_rel_year, "month"),
    R("last/next month name", r"\b(?P<rel>(?i:last|next|this|past|coming)) " + MONTH + r"\b", r_rel_month, "month"),
    R("weekday", r"(?:\b(?:(?i:late|early|later|earlier)) )?(?:\b(?:(?i:on|at)) )?(?:\b" + CLOCK + r",? (?:(?i:on) )?)?"
      r"(?:\b(?P<rel>(?i:last|next|this)) )?\b" + WEEKDAY + r"\b(?!s\b)(?: " + DAYPART + r"\b)?",
      r_weekday, "weekday", needs_tense=True),
    R("season", opt("in", "during", "by", "over", "since", "until", "through") + r"\b(?:(?i:the)|(?P<rel>(?i:last|next|"
      r"this|coming|past)))(?: (?P<part>(?i:early|late)))? (?P<season>" + ci(*SEASONS) + r")(?:,? (?:of )?" + YEAR_RX
      + r")?\b(?!-)", r_season, "season", needs_tense=True, reject=[FALL_OF]),
    R("season", opt("in", "during", "by", "over", "since", "until", "through") + r"\b(?:(?P<part>(?i:early|late)) )?"
      r"(?P<season>" + ci(*SEASONS) + r"),? (?:of )?" + YEAR_RX, r_season, "season"),
    R("season", opt("in", "during", "by", "over", "since", "until", "through", "before", "after", "from")
      + r"\b(?:(?i:the) )?(?P<part>(?i:beginning|start|middle|end)) of (?:(?:(?i:the)|(?P<rel>(?i:last|next|this|"
      r"coming|past))) )?(?P<season>" + ci(*SEASONS) + r")(?:,? (?:of )?" + YEAR_RX + r")?\b(?!-)", r_season, "season",
      needs_tense=True, reject=[FALL_OF]),
    R("season", r"\b(?i:in|during|by|over|since|until|through|before|after|from)(?: (?P<part>(?i:early|late)))? "
      r"(?P<season>" + ci(*(w for w in SEASONS if w != "fall")) + r")\b(?!-|,? (?:of )?\d| (?i:camps?|training|"
      r"sessions?|offensives?|campaigns?|break|holidays?|schools?|games|olympics|collections?|storms?|wheat|"
      r"crops?|sets?|months|time|tyres|tires|rolls?|onions?)\b)", r_season, "season",
      needs_tense=True),      # a bare season after a preposition ("by spring"); bare "fall" is the verb too often
    R("weekend", r"(?:\b(?i:over|during|on|at|for|ahead of|before|after) )?\b(?:(?i:the)|(?P<rel>(?i:this|last|next)))"
      r" (?i:weekend)\b", r_weekend, "weekend", needs_tense=True),
    R("holiday", r"\b(?:(?i:on|at|by|for|before|after|until|over|during|in|since|ahead of)|(?P<rel>(?i:last|next|this))) "
      + _HOLIDAY + r"(?:(?:,| of)? " + YEAR_RX + r")?(?![\w'-]| (?:Island|tree|trees|card|cards|egg|eggs|shopping|"
      r"sales|market|markets|party|parties|present|presents|bonus|lights|carol|carols)\b)",
      r_holiday, "holiday", needs_tense=True),
    R("holiday", r"\b" + _HOLIDAY + r"(?:,| of)? " + YEAR_RX, r_holiday, "holiday"),
    # --- counted from the reference date
    R("relative period", r"(?:\b(?P<edge>(?i:earlier|later)) )?\b(?:(?i:the) )?(?P<rel>(?i:last|next|this|coming|current))"
      r" " + FISCAL + r"(?P<unit>(?i:week|month|quarter|year|decade))\b(?!-|s\b)", r_rel_unit, "week munit quarter year decade",
      reject=[NAME2]),
    R("relative period", r"\b(?P<edge>(?i:earlier|later)) in the (?P<unit>(?i:week|month|year))\b", r_rel_unit, "week munit year"),
    R("ago", r"\b" + NUM + r" (?P<unit>(?i:days?|weeks?|months?|years?|decades?)) (?i:ago)\b", r_ago, "ago"),
    R("within", r"\b(?i:within) (?:(?:(?i:the) (?i:coming|next|following) )?" + NUM + r" (?P<unit>(?i:days?|weeks?|"
      r"months?|years?))|(?i:the) (?i:coming|next|following) (?P<unit1>(?i:day|week|month|year)))\b", r_within, "dunit week munit year"),
    R("past N", r"\b(?:(?i:the) )?(?:(?i:past|last) " + NUM + r" (?P<unit>(?i:days|weeks|months|years))"
      r"|(?i:past) (?P<unit1>(?i:day|week|month|year)))\b", r_past_n, "dunit week munit year"),
    R("today", r"\b(?:(?P<two>(?i:the day before(?= yesterday)|the day after(?= tomorrow))) )?"
      r"(?P<word>(?i:yesterday|today|tomorrow))\b(?: " + DAYPART + r"\b)?", r_today, "day", reject=[GENERIC, NAME]),
    R("part of day", r"(?:\b(?i:late|early|later|earlier) )?\b(?:(?i:tonight)|(?i:this) " + DAYPART + r"|(?P<word>(?i:last))"
      r" (?i:night))\b", r_today, "day daypart"),
    R("time of day", r"(?:\b(?i:at|by|until|before|after|around|about|from) )?\b" + CLOCK + r"(?! (?i:on )?(?:"
      + "|".join(WEEKDAYS) + "|" + "|".join(MONTHS) + r"))", r_clock, "clock"),
    # --- counted from a date the text named (the anchor)
    R("anchored", r"(?:\b(?P<edge>(?i:earlier|later)) )?\b(?P<aword>(?i:that same|that very|the very same|that|the same|the following|the previous|"
      r"the prior|the preceding))(?: " + FISCAL + r")? " + _ANCH_UNIT + r"\b(?!-|')", r_anchored, "dunit week munit quarter year weekend daypart"),
    R("anchored", r"\b(?P<aword>(?i:the next)) (?P<aunit>(?i:day|morning|afternoon|evening|night))\b", r_anchored,
      "dunit daypart"),
    R("anchored", r"\b(?P<edge>(?i:earlier|later)) in the (?P<aunit>(?i:day|morning|afternoon|evening))\b", r_anchored,
      "dunit daypart"),
    R("anchored", r"\b" + NUM + r" (?P<aunit>(?i:days?|weeks?|months?|years?)) (?P<dir>(?i:later|earlier))\b",
      r_anchored, "dunit week munit year"),
    R("anchored", opt("in", "during", "by", "until", "since", "from") + r"\b(?:(?i:the) )?(?:" + MONTH + r"|(?P<season>"
      + ci(*SEASONS) + r"))(?: (?i:of))? (?P<aword>(?i:that same|that|the same|the following|the next|the previous|"
      r"the prior|the preceding)) (?i:year)\b", r_in_anchored_year, "month season year"),
    R("anchored", opt("on", "by", "until", "since", "from") + r"\b(?:" + MONTH_DAY + r" " + DAY_RX + r"|" + DAY_RX.replace(
      "(?P<d>", "(?P<d1>") + r" " + MONTH_DAY.replace("(?P<month>", "(?P<month1>") + r")(?:,? (?i:of))? (?P<aword>(?i:that "
      r"same|that|the same|the following|the next|the previous|the prior|the preceding)) (?i:year)\b", r_in_anchored_year,
      "month year"),                                            # "on July 12 that year", "on 12 July of the same year"
    # --- reported periods: quarters, halves, fiscal years, comparisons
    R("quarter", THE + r"(?:(?P<back>(?i:year-ago|year-earlier|comparable year-ago|comparable year-earlier)) )?"
      + FISCAL + ORD_Q + r"[- ](?:(?i:fiscal) )?(?i:quarter)(?:" + _OF_YEAR + r")?\b", r_quarter, "quarter"),
    R("quarter", THE + r"(?:" + _YEAR_Q + r"(?:'s)?|" + REL + r" year's) " + FISCAL + ORD_Q + r"[- ](?i:quarter)\b",
      r_quarter, "quarter"),
    R("year-ago period", r"\b(?i:last) year's (?P<unit>(?i:quarter|period))\b", r_year_ago_period, "quarter period"),
    R("the quarter", r"\b(?P<det>(?i:the|this|that|its)) (?:(?P<qword>(?i:current|latest|most recent|recent|past|same))"
      r" )?" + FISCAL + r"(?P<unit>(?i:quarter|period))\b(?![- ]of\b|-|s)", r_the_quarter, "quarter period", needs_tense=True),
    R("year's period", r"\b(?i:the) " + _YEAR_Q + r" (?P<unit>(?i:quarter|period))\b", r_year_period, "quarter period"),
    R("year-ago period", r"\b(?:(?i:the) )?(?:(?i:comparable|same|corresponding) )?(?i:year-ago|year-earlier)"
      r"(?: (?P<unit>(?i:quarter|period|three months|six months|nine months|results|figures)))?\b",
      r_year_ago_period, "year"),
    R("year-ago period", r"\b(?i:the) (?i:same|comparable|corresponding|year-ago) (?P<unit>(?i:quarter|period|months))"
      r" (?:(?i:of|in) )?(?:(?i:last year|the previous year|the prior year|a year (?:ago|earlier)))\b",
      r_year_ago_period, "year"),
    R("quarter code", opt("in", "during", "by", "for", "from", "until", "since") + r"\b(?:Q(?P<q>[1-4])|H(?P<h>[12])|"
      r"(?P<h2>[12])H)(?:,? (?:(?i:of) )?| )" + YEAR_RX, r_period_code, "digits"),        # "Q3 2023", "H1 2024"
    R("half year", THE + r"(?:(?P<back>(?i:year-ago|year-earlier)) )?" + ORD_H + r"[- ](?i:half)(?:" + _OF_YEAR + r")?\b",
      r_half, "half"),
    R("half year", THE + r"(?i:first) (?P<nq>(?i:two|three|2|3)) (?i:quarters)(?:" + _OF_YEAR + r")?\b", r_quarters,
      "quarter"),
    R("fiscal year", r"\b(?i:the) (?:(?P<yword>(?i:current|full|latest|last|previous|past|most recent)) )?" + FISCAL
      + r"(?i:year)\b(?!s|-|'| (?:19|20)\d\d| (?i:ago|earlier|later|before|after|since|ahead|to|that|when|in which|"
      r"two|one)\b)", r_fiscal_year, "year", reject=[YEAR_ALONE]),
    # --- parts of periods
    R("part of period", r"(?:\b(?i:at|in|by|from|until|towards?) )?(?:\b(?i:the) )?\b"
      r"(?P<part>(?i:beginning|start|middle|end)) of " + _OF_ANCHOR + r"\b", r_part, "month digits munit year"),
    R("part of period", opt("in", "by", "until", "since") + r"\b(?P<part>(?i:early|mid|late)(?=[- ])|(?i:end|start)(?=-))"
      r"[- ]" + _NAMED_ANCHOR, r_part, "month digits"),      # "early 2019", "mid-July", "by end-2023", "end-June"
    R("part of period", opt("in", "by", "until", "since") + r"\b(?P<part>(?i:early|mid|late))[- ]" + REL
      + r" (?P<unit>(?i:year|month))\b", r_part, "year munit"),
    R("year end", r"(?:\b(?i:by|at|around|before|until|since|after) )?(?:\b(?i:the) )?\b(?:(?i:year)[- ](?i:end)|"
      r"(?i:year's end))\b", r_year_end, "year", needs_tense=True),
    R("weekday", r"\b(?i:the) (?P<aword>(?i:previous|following|preceding|next)) " + WEEKDAY + r"\b", r_weekday_from,
      "weekday"),
    R("at the time", r"\b(?i:at) the time\b(?! (?:of|when|being|it|he|she|they|we)\b| [A-Z])", r_at_the_time, "time"),
]

NEEDS_TENSE = {r.name for r in RULES if r.needs_tense}

# Vague expressions: found and listed with the reason they are not placed on the calendar.
_N = "(?:days|weeks|months|years)"
VAGUE_RULES = [(re.compile(from_word_start(*alternatives)), reason) for alternatives, reason in [
    ((rf"[Ii]n the {_N} since\b", r"[Ss]ince then\b"),
     "counts from an earlier happening, not from a date: look for that happening's date"),
    ([rf"{w} (?:days?|weeks?|months?|years?) (?:after|before|later|earlier)\b"
      for w in ("a", "one", "two", "three", "several", "a few")],
     "counts from another happening, not from the reference date"),
    ((r"[Ee]arlier\b(?! this| last| in\b| on\b)", r"[Rr]ecently\b", r"[Ii]n the past\b", r"[Pp]reviously\b"),
     "some time before the reference date, by an amount the text does not give"),
    ((rf"[Ii]n the coming {_N}\b", rf"[Ii]n the next {_N}\b", rf"coming {_N}\b", rf"next {_N}\b", r"[Ss]oon\b",
      rf"[Ww]ithin {_N}\b"),
     "some time after the reference date, by an amount the text does not give"),
    ((r"[Cc]urrently\b", r"[Aa]s we speak\b", r"[Aa]t present\b", r"[Nn]ow\b"),
     "the present of the article (its reference date), a state rather than a happening"),
]]
# A month name or a year-like number that no rule above covers. Counts, prices and model names
# ("2000 troops", "$2015", "F-2000") and numbers inside longer ones are not date-like; nor are
# "May" and "March" alone, which are also words. (A year is written from its first two digits, which the
# lookbehinds then step back over, so that a search skips fast to a 1 or a 2: see `from_word_start`.)
_YEAR_AFTER_TWO = (r"(?<![\d.,$€£]..)(?<![A-Z]-..)\d\d(?![\d%]|,\d|\s+(?:" + COUNTED_RX + r")\b)")
DATE_LIKE = re.compile("1[89]" + _YEAR_AFTER_TWO + "|20" + _YEAR_AFTER_TWO + "|"
                       + from_word_start(*(m + r"\b" for m in MONTHS if m not in ("May", "March"))))
DATE_LIKE_REASON = "looks like a date, but no rule places it on the calendar"

# A cheap first pass finds anchor words; each rule runs only in the stretches around the
# anchors it needs (a weekday rule where a weekday is named, ...). Anchors only need recall.
# Matched on the text with A-Z lowered (same length), one alternation of literal words; the kind of
# each word says which rules may fire near it. Month names count only when capitalised in the text.
_ANCHOR_KINDS = {
    **{m[:3].lower(): "month" for m in MONTHS}, "sept": "month",
    **{w.lower(): "weekday" for w in WEEKDAYS},
    "yesterday": "day", "today": "day", "tomorrow": "day", "time": "time",
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
# The words in one alternation, longest first among those of one first letter (so the longest that fits
# is taken); a 4-digit number, a clock time, a decade as '90s. Each kind is written so that a search skips
# fast to where it may begin (Python's re skips fast only to a pattern's first characters, never to a
# r"\b" or a lookbehind: the lookbehinds come after the first digit). ANCHOR is all of them at once;
# `workbook.time.tagger` runs them one by one, faster (a word from the non-word character before it,
# which r"\b" looks at, or at the text's start), and takes their matches for ANCHOR's when no two overlap.
_BY_FIRST: dict[str, list[str]] = {}
for _w in sorted(_ANCHOR_KINDS, key=len, reverse=True):
    _BY_FIRST.setdefault(_w[0], []).append(re.escape(_w[1:]))
_WORDS = "|".join(re.escape(c) + "(?:" + "|".join(rest) + ")" for c, rest in _BY_FIRST.items())
ANCHOR_WORD = re.compile(r"\W(?=(?P<w>" + _WORDS + "))")
ANCHOR_WORD_AT_START = re.compile("(?P<w>" + _WORDS + ")")
ANCHOR_OTHERS = [("digits", re.compile(r"\d(?<!\d\d)\d{3}(?!\d)")),                 # (?<!\d)\d{4}(?!\d)
                 ("clock", re.compile(r"\d(?<!\w.)\d?(?::\d\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b)")),   # \b\d{1,2}...
                 ("dec", re.compile(r"'\d0s"))]
ANCHOR = re.compile(r"(?P<w>\b(?:" + _WORDS + "))|" + "|".join(f"(?P<{k}>{rx.pattern})" for k, rx in ANCHOR_OTHERS))
ANCHOR_KINDS = _ANCHOR_KINDS
LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
TRIGGERS = {r.name: r.triggers for r in RULES}
EVENT_RULES = [(r.name, r.pattern, r.resolve) for r in RULES]      # (name, pattern, resolver), as before
