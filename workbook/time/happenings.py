"""Happenings: the same happening reported by several articles, grouped.

Takes: the resolved time expressions of `workbook.time.tagger` and the sentences.
Gives: ``group_happenings`` (per expression: happening, reported_by, n_articles, linked_by, conflict).
Comes after `workbook.time.tagger`.

The rule, in three parts:

1. *A specific shared term.* The content words within ten words either side of each expression
   (stemmed; not stopwords, time words or the fixed list of generic news words in
   `workbook.time.lexicon`, four letters or more). The lists are fixed, so what counts as specific
   never depends on the rest of the corpus: adding an article cannot change it. A shared name
   alone (a word only ever capitalised, "Erdogan") is not enough, since every report on a story
   names its actors: it takes a shared lower-case word ("coup", "referendum") or two shared terms.
2. *Compatible intervals, at the finer precision.* Two expressions of different articles are
   candidates when they share a term, their intervals overlap (or overlap under the other calendar
   reading of a cyclic expression, "last July" read a year earlier: then both rows get a
   `conflict` note), and their precisions are at most two steps apart in day < week < month <
   quarter < half, season < year < decade < century: "2015" may meet "the end of 2015" and "July
   2016" may meet "July 15, 2016", but a year never meets a day, which it cannot pin down.
3. *No chaining.* A happening keeps the intersection of its members' intervals; two groups merge
   only when their intersections overlap, so a year-long expression cannot join March to
   November. Candidates are taken finest first (the narrower of the two intervals), ties by
   (doc_id, position), so the result does not depend on the order of the rows.

Candidate pairs come from blocks of (term, year), never from all pairs. A block whose expressions
come from more than 50 articles is a story's running theme ("pipeline" in a year of pipeline news),
not one happening, and gives no pairs; an unrelated article never enters it.
"""
from __future__ import annotations

import re
from itertools import combinations

import pandas as pd

from .lexicon import GENERIC_TERMS, STOPWORDS, TIME_WORDS
from .spans import span_text

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_SKIP = STOPWORDS | TIME_WORDS | GENERIC_TERMS
_MAX_YEARS = 3          # an expression wider than this many calendar years groups nothing
_STEP = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "season": 4, "year": 5, "decade": 6, "century": 7}
_MAX_STEPS = 2
_MAX_BLOCK_ARTICLES = 50


def _stem(word: str) -> str:
    """A light stem so 'attempted' meets 'attempt' and 'withdrawals' meets 'withdrawal'."""
    word = word.lower().removesuffix("'s").strip("'-")
    for suffix in ("ing", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _window_terms(text: str, a: int, b: int, words: int = 10) -> dict[str, bool]:
    """Specific content words (stemmed) within `words` words either side of text[a:b], the expression
    excluded, each with whether it is a name (only ever capitalised there)."""
    before = _WORD.findall(text[:a])[-words:]
    after = _WORD.findall(text[b:])[:words]
    out: dict[str, bool] = {}
    for w in before + after:
        low = w.lower().strip("'-")
        if low in _SKIP or low.removesuffix("'s") in _SKIP:
            continue
        stem = _stem(w)
        if len(stem) >= 4 and stem not in _SKIP:
            out[stem] = out.get(stem, True) and w[0].isupper()
    return out


def _specific(shared: set, a: dict, b: dict) -> bool:
    return len(shared) >= 2 or any(not (a[t] and b[t]) for t in shared)


def group_happenings(ev: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Group expressions of different articles that report the same happening (see the module docstring).

    Returns, per row of `ev`: happening (H01, H02, ... in order of the earliest start), reported_by,
    n_articles, linked_by (the shared terms), conflict.
    """
    n = len(ev)
    if ev["doc_id"].nunique() < 2:                   # one article: nothing to group across
        order = sorted(zip(ev["start"], ev["doc_id"], ev["char_start"], ev.index))
        label = {i: f"H{k:02d}" for k, (*_, i) in enumerate(order, 1)}
        return pd.DataFrame({"happening": [label[i] for i in ev.index], "reported_by": ev["doc_id"].astype(str),
                             "n_articles": 1, "linked_by": "", "conflict": ""}, index=ev.index)
    rows = list(ev.itertuples(index=False))
    texts = {(r.doc_id, r.sent_id): (r.text, r.start) for r in sents[["doc_id", "sent_id", "text", "start"]].itertuples(index=False)}
    keys = []
    blocks: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        text, s0 = texts.get((r.doc_id, r.sent_id), ("", 0))
        terms = _window_terms(text, r.char_start - s0, r.char_end - s0) if text else {}
        keys.append(terms)
        years = set()
        for a, b in ((r.start, r.end), (r.other_start, r.other_end)):
            if pd.notna(a) and b.year - a.year < _MAX_YEARS:
                years.update(range(a.year, b.year + 1))
        for t in terms:
            for y in years:
                blocks.setdefault((t, y), []).append(i)

    def days(ts):
        return None if pd.isna(ts) else ts.value // 86_400_000_000_000

    start = [days(r.start) for r in rows]
    end = [days(r.end) for r in rows]
    ostart = [days(r.other_start) for r in rows]
    oend = [days(r.other_end) for r in rows]
    step = [_STEP.get(r.precision, 9) for r in rows]

    def meets(a0, a1, b0, b1):
        return a0 is not None and b0 is not None and a0 <= b1 and b0 <= a1

    candidates = {}
    for members in blocks.values():
        if len({rows[i].doc_id for i in members}) > _MAX_BLOCK_ARTICLES:
            continue
        for i, j in combinations(members, 2):
            if i > j:
                i, j = j, i
            if (i, j) in candidates or rows[i].doc_id == rows[j].doc_id or abs(step[i] - step[j]) > _MAX_STEPS:
                continue
            same = meets(start[i], end[i], start[j], end[j])
            a_other = meets(ostart[i], oend[i], start[j], end[j])
            b_other = meets(start[i], end[i], ostart[j], oend[j])
            if not (same or a_other or b_other):
                continue
            shared = keys[i].keys() & keys[j].keys()
            if not _specific(shared, keys[i], keys[j]):
                continue
            wi, wj = end[i] - start[i], end[j] - start[j]
            candidates[(i, j)] = ((min(wi, wj), max(wi, wj), rows[i].doc_id, rows[i].char_start, rows[j].doc_id,
                                   rows[j].char_start), same, a_other, shared)

    parent = list(range(n))
    span = list(zip(start, end))                     # per group root: the intersection of its members
    size = [1] * n

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked_by = [set() for _ in range(n)]
    conflict = [[] for _ in range(n)]
    for (i, j), (_, same, a_other, shared) in sorted(candidates.items(), key=lambda kv: kv[1][0]):
        a, b = rows[i], rows[j]
        ri, rj = root(i), root(j)
        if ri != rj:
            if same:
                (lo_i, hi_i), (lo_j, hi_j) = span[ri], span[rj]
            else:                   # under the other reading, only an expression still on its own may join
                cyc, fix = (i, j) if a_other else (j, i)
                if size[root(cyc)] > 1:
                    continue
                (lo_i, hi_i), (lo_j, hi_j) = (ostart[cyc], oend[cyc]), span[root(fix)]
            lo, hi = max(lo_i, lo_j), min(hi_i, hi_j)
            if lo > hi:
                continue                               # would chain incompatible happenings
            parent[ri] = rj
            span[rj] = (lo, hi)
            size[rj] += size[ri]
        linked_by[i] |= shared
        linked_by[j] |= shared
        if not same:
            cyc, fix = (i, j) if a_other else (j, i)
            c, f = rows[cyc], rows[fix]
            conflict[cyc].append(f"{f.doc_id} sentence {f.sent_id} dates this happening {span_text(f)} "
                                 f"('{f.surface}'); the calendar reading here is {span_text(c)}")
            conflict[fix].append(f"{c.doc_id} sentence {c.sent_id} ('{c.surface}') reads, by the calendar, "
                                 f"{span_text(c)}, not {span_text(f)}")
    groups = [root(i) for i in range(n)]
    first = {}
    for g, start, doc, char in sorted(zip(groups, ev["start"], ev["doc_id"], ev["char_start"]), key=lambda x: x[1:]):
        first.setdefault(g, len(first) + 1)
    docs_in = {}
    for g, d in zip(groups, ev["doc_id"]):
        docs_in.setdefault(g, set()).add(d)
    return pd.DataFrame({
        "happening": [f"H{first[g]:02d}" for g in groups],
        "reported_by": ["; ".join(sorted(docs_in[g])) for g in groups],
        "n_articles": [len(docs_in[g]) for g in groups],
        "linked_by": ["; ".join(sorted(t)) for t in linked_by],
        "conflict": [" | ".join(c) for c in conflict],
    }, index=ev.index)
