"""The pieces time patterns are built of, and the rejections rules share.

Pattern pieces (a month name, a day number, a year that stands alone and is no count or price, a
preposition, a clock time, a year in words ...) are regular-expression strings with named groups
the resolvers read. Rejections are (test, reason) pairs: a dateline, a publication stamp ("Published
22.09.2021"), a product year ("Windows 95"), "May"/"March" as words, "today's world", a title word
("USA Today"), a count ("two thousand").

Two helpers keep the scans fast without changing a match: `from_word_start` writes an alternation
after r"\b" so that a search skips to its first characters, and `needs` reads from a rule's pattern
the pieces (a year, a month's name) every match holds, so a stretch without them is not searched.

Takes: the vocabulary of `workbook.time.lexicon`. Gives: the pieces and rejections of
`workbook.time.rules`, `from_word_start`, `needs`. Comes after `workbook.time.records`.
"""
from __future__ import annotations

import functools
import re

from .lexicon import (
    COUNTED,
    DAY_PARTS,
    GENERIC_NOW,
    MONTH_ABBR,
    MONTHS,
    NAME_BEFORE_YEAR,
    NUMBER_WORDS,
    STAMP_WORDS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    WEEKDAYS,
)


def compiled(p: str) -> re.Pattern:
    return re.compile(p)


def opt(*words: str) -> str:
    """An optional leading word (a preposition), in any case at the start ("In", "in")."""
    return r"(?:\b(?i:" + "|".join(words) + r") )?"


def ci(*words: str) -> str:
    return "(?i:" + "|".join(words) + ")"


def from_word_start(*alternatives: str) -> str:
    r"""The alternation of r"\b" + each alternative, written so that a search skips fast to where one may
    begin (group it to use it inside a pattern). Python's `re` skips fast only to a pattern's first
    characters, never to a r"\b" or a lookbehind; so each alternative starts with its first character, a
    word character as itself or as a class of two ("[Ss]ince", taken as "Since" and "since"), and the
    lookbehind after it tests what r"\b" tested before it: no word character before. The same matches,
    tried in the same order. from_word_start("[Nn]ow", "soon") is r"N(?<!\w.)ow|n(?<!\w.)ow|s(?<!\w.)oon"."""
    out = []
    for a in alternatives:
        first, rest = (a[1:3], a[4:]) if re.match(r"\[\w\w\]", a) else (a[0], a[1:])
        assert all(re.fullmatch(r"\w", c) for c in first) and rest[:1] not in ("?", "*", "+", "{"), a
        out += [c + r"(?<!\w.)" + rest for c in first]
    return "|".join(out)



_MONTHS = "|".join(MONTHS)
_MONTHS_OR_ABBR = _MONTHS + "|(?:" + "|".join(sorted(MONTH_ABBR, key=len, reverse=True)) + r")\.?"
MONTH = "(?P<month>" + _MONTHS + ")"
MONTH_DAY = "(?P<month>" + _MONTHS_OR_ABBR + ")"
WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
NUM = "(?P<n>" + ci(*NUMBER_WORDS) + r"|\d{1,3})"
DAY_RX = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
DAY2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
COUNTED_RX = "|".join(COUNTED)
# A year is four digits 1800-2099 standing alone: not inside a longer number ("6058530408001",
# "13,000", "2.5"), not a model or price ("S-400", "$2015"), not a count of something ("2000 troops").
YEAR_AT = r"(?<![\w$€£#.,/-]){g}(?![\w%]|[.,/-]\d|-\w|\s+(?:" + COUNTED_RX + r")\b)"
YEAR_RX = YEAR_AT.format(g=r"(?P<year>1[89]\d\d|20\d\d)")
YEAR2 = YEAR_AT.format(g=r"(?P<year2>1[89]\d\d|20\d\d)")
MYEAR = YEAR_AT.format(g=r"(?P<myear>1[89]\d\d|20\d\d)")
PREP = opt("in", "during", "on", "at", "by", "from", "until", "before", "after", "through")
REL = r"(?P<rel>" + ci("last", "next", "this", "coming", "current") + ")"
ORD_Q = r"(?P<ord>" + ci("first", "second", "third", "fourth", "final", "last", "1st", "2nd", "3rd", "4th") + ")"
ORD_H = r"(?P<ord>" + ci("first", "second", "last", "1st", "2nd") + ")"
THE = r"(?:\b(?i:in|during|by|for|of|from|over) )?(?:\b(?i:the) )?\b"
FISCAL = r"(?:(?i:fiscal)[- ])?"
CLOCK = (r"(?P<clock>(?:[01]?\d|2[0-3])(?::[0-5]\d)? ?(?i:a\.m\.|p\.m\.|am\b|pm\b)|(?i:noon|midnight))"
          r"(?: (?:[ECMP][SD]T|GMT|UTC|local time))?")
DAYPART = r"(?P<daypart>" + ci(*DAY_PARTS) + ")"
WORD_YEAR = (r"(?P<wy>(?i:(?:eighteen|nineteen|twenty) (?:hundred(?: and)? )?(?:(?:"
              + "|".join(TENS_WORDS) + r")(?:[- ](?:" + "|".join(UNIT_WORDS) + r"))?|" + "|".join(TEEN_WORDS)
              + r"|oh[- ](?:" + "|".join(UNIT_WORDS) + r"))|two thousand(?: and)?(?: (?:" + "|".join(TEEN_WORDS)
              + "|" + "|".join(UNIT_WORDS) + r"))?))")


_DATELINE_BEFORE = re.compile(r"^[ \t]*[A-Z][A-Z.'\- ]{2,}(?:,[ \t]*[A-Z][\w.'\- ]*)*,[ \t]*$", re.M)
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([A-Za-z][\w .&-]{0,30}\))?[ \t]*(?:[-–—_:]|\n|$)"
                             r"|\.?[ \t]*/[A-Za-z][\w .&-]{0,30}/\.?")      # "MOSCOW, March 3. /TASS/."


_AGENCY_DASH = re.compile(r"[ \t]*\([A-Za-z][\w .&-]{0,30}\)[ \t]*[-–—]")


def _dateline(text: str, m) -> bool:
    """'WASHINGTON, Aug. 11 (AP) -': a place in capitals at the start of a line, the date, an agency,
    a dash. The date is the publication's, not a happening."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    if not text[line_start:m.start()].strip():              # "July 12 (Reuters) - ...": no place, the agency says it
        return bool(_AGENCY_DASH.match(text, m.end()))
    return bool(_DATELINE_BEFORE.search(text, line_start, m.start()) and _DATELINE_AFTER.match(text, m.end()))


DATELINE = (_dateline, "a dateline: the date of publication, not a happening")
_STAMP_BEFORE = re.compile(r"(?:\||\b(?:" + "|".join(STAMP_WORDS) + r")\b[ \t]*:?)[ \t]*$", re.I)
_STAMP_AFTER = re.compile(r"[ \t]*(?:[-–|,][ \t]*)?(?:\d{1,2}:\d\d(?::\d\d)?[ \t]*(?:GMT|UTC|[AaPp]\.?[Mm]\.?)?[ \t]*)?"
                          r"(?:$|[-–|][ \t]*(?:"
                          + "|".join(STAMP_WORDS) + r")\b)", re.I | re.M)


def _stamp(text: str, m) -> bool:
    """'Burak Bir |26.09.2021', 'Published 22.09.2021 12:43', '09.11.2023 - Update : ...', a date alone on
    its line: the report's publication stamp."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[line_start:m.start()]
    return bool(_STAMP_BEFORE.search(before) or not before.strip() and _STAMP_AFTER.match(text, m.end()))


STAMP = (_stamp, "a publication stamp: the date of the report, not a happening")
# The fiscal year that names a law ("the National Defense Authorization Act for Fiscal Year 2020"): part of the
# law's name. ("Act of 1989" stays a date: TimeML tags it.)
_LAW_YEAR_BEFORE = re.compile(r"\b(?:Act|Bill|Law|Resolution),? for (?:the )?(?:Fiscal Year|FY) ?$")
_NAME_YEAR_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in NAME_BEFORE_YEAR) + r") $")
PRODUCT = (lambda text, m: bool(_NAME_YEAR_BEFORE.search(text, max(0, m.start() - 14), m.start())
                               or _LAW_YEAR_BEFORE.search(text, max(0, m.start() - 24), m.start())),
            "part of a name or product (\"Model 2020\", \"... Act for Fiscal Year 2020\"), not a date")
MAY_MARCH = (lambda text, m: m.group(0) in ("May", "March"), None)          # verbs, not months
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
    if not (len(words) >= 2 and all(w[0].isupper() for w in words[-2:]) and m.start() > 0):
        return False
    i = m.start()
    while i > 0 and text[i - 1] == " ":          # the character before, spaces aside (no copy of the text before)
        i -= 1
    return text[i - 1:i] not in ("", ".", "!", "?", "\n", ":")


NAME2 = (_title_case, "part of a title (\"This Week\"), not a date")
GENERIC = (_generic_now, "'today'/'tomorrow' as an era (\"today's world\"), not a day")
YEAR_ALONE = (_not_after_preposition, None)
COUNT = (_two_thousand, None)
FALL_OF = (_fall_of, None)
NAME = (_title_word, "part of a name (\"USA Today\"), not a day")


# Pieces of patterns that hold no lookaround: a year, a decade, a month's name (or its abbreviation), the
# words "year" and "month". `needs` finds which of them every match of a rule holds.
_PIECES = (r"1[89]\d\d|20\d\d", r"1[89]\d0|20\d0", _MONTHS, _MONTHS_OR_ABBR, "(?i:year|month)")


def needs(pattern: re.Pattern) -> tuple[re.Pattern, ...]:
    """Patterns each of which finds something in every stretch of text that holds a match of `pattern`: for
    each group of it that no optional part or lookaround leaves out and that is one of `_PIECES` (or, where
    the pattern has alternatives that each hold one, all of those), that piece, in its case. A stretch where
    one of them finds nothing holds no match, and `workbook.time.tagger` does not search it ("report 1034":
    no year). Read from the parse tree of Python's re; where that is not to be had, none."""
    try:
        from re import _constants as c
        from re import _parser as parser
    except ImportError:                                       # (Python < 3.11)
        return ()
    pieces = {repr(parser.parse(p).data): p for p in _PIECES}

    def held(items, flags) -> list[frozenset]:
        """Per place, the pieces one of which every match holds there."""
        out = []
        for op, av in items:
            if op is c.SUBPATTERN:
                inner = (flags | av[1]) & ~av[2]
                piece = pieces.get(repr(av[3].data))
                out += [frozenset({f"(?i:{piece})" if inner & re.I else piece})] if piece else held(av[3].data, inner)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                out += held(av[2].data, flags)
            elif op is c.ATOMIC_GROUP:
                out += held(av.data, flags)
            elif op is c.BRANCH and all(each := [held(alternative.data, flags) for alternative in av[1]]):
                out.append(frozenset().union(*(h[0] for h in each)))
        return out
    return tuple(dict.fromkeys(_any_of(h) for h in held(parser.parse(pattern.pattern, pattern.flags).data,
                                                         pattern.flags)))


@functools.lru_cache(maxsize=None)
def _any_of(pieces: frozenset) -> re.Pattern:
    return re.compile("|".join(sorted(pieces)))
