"""What a time rule is: the record every rule of `workbook.time.rules` is written as.

A `Rule` holds its name, its compiled pattern, its resolver, the anchor words that trigger it,
whether its year depends on the tense of the sentence, and its rejections (contexts where the match
is not a date, each with its reason). A resolver gets the match's groups and a `Context` and returns
(start, end, precision, other reading); it raises ValueError for a day not on the calendar
("February 30"), `Unplaced` when the text gives no date to count from, and `Skip` when the match is
no time expression after all.

Takes: nothing. Gives: Rule, Context, Unplaced, Skip. Comes first among the rules' modules
(after `workbook.time.lexicon` and `workbook.time.spans`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd


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
    recent: int = 0                 # expressions placed in this sentence and the one before (what "at the time" can mean)


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
    needs: tuple = ()               # patterns that find something wherever a match is (`workbook.time.patterns.needs`)
