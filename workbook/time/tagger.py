"""The time tagger: runs the rules over an article and reads each expression's tense.

Takes: texts with their reference dates and sentences, and the rules of `workbook.time.rules`.
Gives: ``tag_times`` (one text), ``time_expressions`` (every article), ``unresolved_times`` (what
looks like a date but is not placed, each with its reason).

Tense: a month, weekday or day named without a year is read as the latest one up to the reference
date (past), unless a future cue (will, would, 'll, plans/hopes/expects/intends/aims to, going to,
is/are to, set to, scheduled, next, coming, upcoming) stands before it in its clause, or in the
expression itself ("next Friday"). The cue governs what follows it: in "It said on Monday it would
deliver in October", Monday is past and October future. A clause runs between commas, semicolons,
colons, dashes, brackets and quotes.
Comes after `workbook.time.rules`.
"""
from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from ..sentences import sentence_at, sentences
from .rules import (
    ANCHOR,
    DATE_LIKE,
    DATE_LIKE_REASON,
    EVENT_RULES,
    LOWER,
    NEEDS_TENSE,
    TRIGGERS,
    VAGUE_RULES,
)
from .spans import as_day

_FUTURE = re.compile(r"\b(?:will|won't|shall|would|going to|(?:plans?|planned|planning|hopes?|hoping|expects?|expected|"
                     r"intends?|aims?|wants?|is|are|set) to|scheduled|upcoming|coming|next)\b|'ll\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\s-\s")


def _tense(sentence: str, start: int, end: int) -> str:
    """'future' when a future cue stands before the expression in its clause, or in it; else 'past'."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    return "future" if _FUTURE.search(sentence, breaks[-1] if breaks else 0, end) else "past"


def _windows(text: str, spans, before: int = 50, after: int = 40) -> list[tuple]:
    """Stretches worth giving to the rules, as (start, end, anchor kinds): from `before`
    characters ahead of each anchor to `after` past it, cut at spaces so no word is split,
    kept within its span, overlapping stretches merged. The longest expression
    ("At the beginning of June") fits."""
    out = []
    for s0, s1 in spans:
        for m in ANCHOR.finditer(text, s0, s1):
            a, b = m.start() - before, m.end() + after
            a = s0 if a <= s0 else text.find(" ", a, m.start()) + 1 or a
            b = s1 if b >= s1 else (text.rfind(" ", m.end(), b) if text.rfind(" ", m.end(), b) > 0 else b)
            if out and a <= out[-1][1] and out[-1][0] >= s0:
                out[-1] = (out[-1][0], max(out[-1][1], b), out[-1][2] | {m.lastgroup})
            else:
                out.append((a, b, {m.lastgroup}))
    return out


def _candidates(text: str, spans=None) -> list[tuple]:
    """Every rule match in a text as (start, end, rule, match, resolver), overlaps removed:
    the longest match wins, then the earliest. 'May' and 'March' alone need a preposition
    ("in May"), since they are also verbs. A match never crosses one of `spans`."""
    found = []
    for s0, s1, kinds in _windows(text, spans or [(0, len(text))]):
        for name, rx, resolve in EVENT_RULES:
            if kinds & TRIGGERS[name]:
                found += [(m.start(), m.end(), name, m, resolve) for m in rx.finditer(text, s0, s1)
                          if not (name == "month" and m.group(0) in ("May", "March"))]
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    kept = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f[0])


def tag_times(text: str, reference_date, sentence_bounds=None, failed: list | None = None) -> list[dict]:
    """Find and resolve the time expressions in one text.

    Parameters
    ----------
    text : the text (a sentence or a whole article).
    reference_date : the day relative expressions count from (str or date).
    sentence_bounds : optional list of (start, end) of sentences in `text`, used to
        read each expression's tense from its own sentence (default: the whole text).
    failed : optional list; matches that cannot be placed ("February 30") are appended to it
        with their reason.

    Returns
    -------
    One dict per expression: surface, char_start, char_end, start, end (inclusive
    Timestamps), precision, rule, tense ('past'/'future' where the reading depends
    on it, else ''), and other_start/other_end (the reading one cycle away, or NaT).
    """
    ref = as_day(reference_date)
    bounds = sentence_bounds or [(0, len(text))]
    starts = [b[0] for b in bounds]
    rows = []
    for a, b, name, m, resolve in _candidates(text, bounds):
        s0, s1 = bounds[max(0, bisect.bisect_right(starts, a) - 1)]
        tense = _tense(text[s0:s1], a - s0, b - s0)
        g = {k: v.lower() if v and k in LOWER else v for k, v in m.groupdict().items()}
        try:
            start, end, precision, other = resolve(g, ref, tense)
        except ValueError as exc:        # e.g. "February 30": not a day on the calendar
            if failed is not None:
                failed.append({"surface": m.group(0), "char_start": a, "char_end": b,
                               "reason": f"looks like a date but cannot be placed: {exc}"})
            continue
        needs_tense = name in NEEDS_TENSE or (name == "part of period" and g["month"] and not g["myear"])
        rows.append({"surface": m.group(0), "char_start": a, "char_end": b, "start": start, "end": end,
                     "precision": precision, "rule": name, "tense": tense if needs_tense else "",
                     "other_start": other[0] if other else pd.NaT, "other_end": other[1] if other else pd.NaT})
    return rows


def _docs_sentences(docs: pd.DataFrame, sents: pd.DataFrame):
    """(doc row, that article's sentences, their (start, end) bounds) per article."""
    by_doc = dict(tuple(sents.groupby("doc_id", sort=False)))
    for doc in docs.itertuples():
        ss = by_doc.get(doc.doc_id, sents.iloc[0:0])
        yield doc, ss, list(zip(ss["start"], ss["end"]))


def time_expressions(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every resolved time expression of every article, counted from its reference_date.

    Returns doc_id, sent_id, surface, start, end (inclusive, datetime64), precision,
    char_start, char_end (offsets into the cleaned text), rule, tense, reference_date,
    other_start, other_end. See `tag_times` for the rules.
    """
    if "reference_date" not in docs:
        raise ValueError("docs has no reference_date column; load it with helpers.load_corpus()")
    sents = sentences(docs) if sents is None else sents
    rows = []
    for doc, ss, bounds in _docs_sentences(docs, sents):
        if pd.isna(doc.reference_date):
            raise ValueError(f"{doc.doc_id}: no reference_date; set it (or published) in articles.csv")
        for row in tag_times(doc.text, doc.reference_date, bounds):
            rows.append({"doc_id": doc.doc_id, **row, "reference_date": as_day(doc.reference_date)})
    cols = ["doc_id", "sent_id", "surface", "start", "end", "precision", "char_start", "char_end", "rule",
            "tense", "reference_date", "other_start", "other_end"]
    out = pd.DataFrame(rows, columns=cols)
    out["sent_id"] = _sent_ids(sents, out)
    for c in ("start", "end", "reference_date", "other_start", "other_end"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    return out


def unresolved_times(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Everything time-like not placed on the calendar, each once with its reason: vague
    expressions ("earlier", "a day after", "currently"), dates that cannot be placed
    ("February 30") and month names or years no rule reads. Parts of a resolved expression
    are not repeated. Returns doc_id, sent_id, surface, char_start, char_end, reason, sentence."""
    sents = sentences(docs) if sents is None else sents
    rows = []
    for doc, ss, bounds in _docs_sentences(docs, sents):
        found: list[dict] = []
        covered = [(r["char_start"], r["char_end"]) for r in tag_times(doc.text, doc.reference_date, bounds, found)]
        covered += [(f["char_start"], f["char_end"]) for f in found]
        for rx, reason in VAGUE_RULES + [(DATE_LIKE, DATE_LIKE_REASON)]:
            for m in rx.finditer(doc.text):
                if not any(a <= m.start() < b for a, b in covered):
                    found.append({"surface": m.group(0), "char_start": m.start(), "char_end": m.end(), "reason": reason})
                    covered.append(m.span())
        rows += [{"doc_id": doc.doc_id, **f} for f in found]
    cols = ["doc_id", "sent_id", "surface", "char_start", "char_end", "reason", "sentence"]
    out = pd.DataFrame(rows, columns=cols)
    out["sent_id"] = _sent_ids(sents, out)
    out["sentence"] = out[["doc_id", "sent_id"]].merge(sents, how="left", on=["doc_id", "sent_id"])["text"].fillna("").to_numpy()
    return out.sort_values(["doc_id", "char_start"], ignore_index=True)


def _sent_ids(sents: pd.DataFrame, found: pd.DataFrame):
    """The sent_id of the sentence each expression starts in (0 where none holds it)."""
    at = sentence_at(sents, found["doc_id"], found["char_start"])
    return np.where(at >= 0, sents["sent_id"].to_numpy()[np.maximum(at, 0)], 0) if len(at) else []
