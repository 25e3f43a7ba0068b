"""Labels for charts and tables: wrapped, never cut; a happening named by who did what.

Takes: strings, and rows of `workbook.time.events` (``sentence``, ``actors``, ``systems``,
``surface``, ``happening``, ``linked_by``).
Gives: ``wrap`` (a label on several lines, no word cut), ``short`` (kept for callers that need one
line: it now wraps too), ``action`` (the event verb of a sentence, from a general list of
verbs news uses for deals, deliveries and disputes), ``what_happened`` (a timeline row's label:
who, what, verb, then the time phrase) and ``happening_names`` (a group of reports named by the
terms that linked them, instead of "H04").
Comes before `charts.py`.
"""
from __future__ import annotations

import re
import textwrap

import pandas as pd

# Verbs of acts (not of saying): what a timeline row reports someone did. A rule of English news,
# not a fact about one article; the first one in the sentence wins.
_ACTS = ("agree", "sign", "buy", "purchase", "acquire", "order", "pay", "deliver", "receive", "ship", "deploy",
         "install", "station", "test", "activate", "offer", "propose", "seek", "request", "consider", "plan",
         "negotiate", "talk", "meet", "visit", "cancel", "scrap", "suspend", "withdraw", "remove", "expel",
         "sanction", "threaten", "warn", "block", "ban", "halt", "reject", "approve", "launch", "join", "leave",
         "decide", "announce", "complete", "finalize", "finalise", "begin", "start", "end", "produce")
_IRREGULAR = {"bought": "buy", "paid": "pay", "sought": "seek", "met": "meet", "began": "begin", "begun": "begin",
              "withdrew": "withdraw", "withdrawn": "withdraw", "left": "leave", "sold": "sell", "held": "hold",
              "took": "take", "made": "make", "struck": "strike"}
_ACT = re.compile(r"\b(" + "|".join(_ACTS) + r")(?:s|es|ed|d|ing|ment)?\b|\b(" + "|".join(_IRREGULAR) + r")\b",
                  re.IGNORECASE)


def wrap(label, width: int = 28, lines: int | None = None) -> str:
    """`label` broken between words onto lines of at most `width` characters (a longer word keeps its line).

    With `lines`, at most that many lines; the rest are joined into the last one, so nothing is cut.
    """
    parts = textwrap.wrap(" ".join(str(label).split()), width, break_long_words=False, break_on_hyphens=False) or [""]
    if lines and len(parts) > lines:
        parts = parts[:lines - 1] + [" ".join(parts[lines - 1:])]
    return "\n".join(parts)


NAMED = 20           # names a sentence of a page lists before "and N more" (a list that grows with the corpus)


def name_list(names, most: int = NAMED) -> str:
    """Names for a sentence: the first `most` in their order, then "and N more"; "none" for no name."""
    names = [str(n) for n in names]
    if not names:
        return "none"
    return ", ".join(names[:most]) + (f" and {len(names) - most:,} more" if len(names) > most else "")


def short(label, width: int) -> str:
    """A chart label within `width` characters per line: wrapped between words, never cut."""
    return wrap(label, width)


def action(sentence: str) -> str:
    """The first verb of an act in the sentence, as written ("agreed", "withdrew"), or ""."""
    m = _ACT.search(str(sentence or ""))
    return m.group(0) if m else ""


def what_happened(row, names: int = 2) -> str:
    """A timeline row's label: who, the act and the system of its sentence, then its time phrase.

    "Russia, Turkey agreed S-400 (last week)"; past `names` actors it says "+N". Rows without
    actors, act or system fall back to the time phrase in quotes.
    """
    sentence = str(row.get("sentence") or "")
    actors = in_order([a for a in str(row.get("actors") or "").split("; ") if a], sentence)
    systems = in_order([s for s in str(row.get("systems") or "").split("; ") if s], sentence)
    who = ", ".join(actors[:names]) + (f" +{len(actors) - names}" if len(actors) > names else "")
    what = " ".join(filter(None, [who, action(sentence), ", ".join(systems[:2])]))
    phrase = f"\u201c{row.get('surface', '')}\u201d"
    return f"{what} ({phrase})" if what else phrase


def in_order(names: list[str], sentence: str) -> list[str]:
    """Names in the order the sentence gives them (found by the name or its last word; others last)."""
    def place(name):
        for probe in (name, name.split()[-1]):
            at = sentence.find(probe)
            if at >= 0:
                return at
        return len(sentence)

    return sorted(names, key=place)


def happening_names(events: pd.DataFrame) -> pd.Series:
    """Each row's happening named by the terms that linked its reports (over all its rows, so one
    happening has one name): "H05: attempt, coup"; a happening of one report keeps its id."""
    terms = events["linked_by"].fillna("").astype(str).str.split("; ")
    shared = terms.groupby(events["happening"]).agg(lambda lists: sorted({t for ts in lists for t in ts if t}))
    names = {h: f"{h}: {', '.join(ts)}" if ts else str(h) for h, ts in shared.items()}
    return events["happening"].map(names)
