"""The vocabulary of time: month and weekday names, number words, seasons, parts of periods.

Takes: nothing. Gives: the word lists the rules and spans read. Comes first in `workbook.time`.
"""
from __future__ import annotations

PRECISIONS = ("day", "week", "month", "quarter", "half", "season", "year", "decade")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
               "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}   # first month (northern)
REL_STEP = {"next": 1, "coming": 1, "following": 1, "last": -1, "past": -1, "previous": -1}   # "this": 0


# Parts of a month are thirds (days 1-10, 11-20, 21-end; about a week and a half, precision
# "week"); parts of a year are quarters (early = Jan-Mar, late = Oct-Dec, precision "quarter"),
# except "mid" year = Apr-Sep (precision "half").
PART = {"beginning": 0, "start": 0, "early": 0, "middle": 1, "mid": 1, "end": 2, "late": 2}


STOPWORDS = frozenset(
    "the a an and or but nor of to in on at by for with from that this these those is are was were be been being has "
    "have had having not no its it as which who whom whose he she they them his her their there than then also would "
    "could should will shall may might can must said says say told tell over into after before about such some more "
    "most other only new very what when where while because since until just even still already ever against between "
    "during within without under upon across toward towards among through both each every many much own same so too "
    "does did done doing says".split())
TIME_WORDS = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS, *SEASONS, *NUMBER_WORDS)) | frozenset(
    "day days week weeks month months year years decade decades ago last next earlier later early late mid "
    "beginning start end middle half quarter first second coming past previous following today yesterday tomorrow "
    "within".split())
