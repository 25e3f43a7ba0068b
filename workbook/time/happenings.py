"""Happenings: the same happening reported by several articles, grouped.

Takes: the resolved time expressions of `workbook.time.tagger` and the sentences.
Gives: ``group_happenings`` (per expression: happening, reported_by, n_articles, linked_by, conflict).
Comes after `workbook.time.tagger`.
"""
from __future__ import annotations

import re

import pandas as pd

from .lexicon import STOPWORDS, TIME_WORDS
from .spans import span_text

_WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")


def _stem(word: str) -> str:
    """A light stem so 'attempted' meets 'attempt' and 'withdrawals' meets 'withdrawal'."""
    word = word.lower().removesuffix("'s").strip("'-")
    for suffix in ("ing", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _window_terms(text: str, a: int, b: int, words: int = 10) -> set[str]:
    """Content words (stemmed) within `words` words either side of text[a:b], the expression excluded."""
    before = _WORD.findall(text[:a])[-words:]
    after = _WORD.findall(text[b:])[:words]
    return {_stem(w) for w in before + after if w.lower() not in STOPWORDS | TIME_WORDS and not w[0].isdigit()}


def _overlap(a0, a1, b0, b1) -> bool:
    return pd.notna(a0) and pd.notna(b0) and a0 <= b1 and b0 <= a1


def group_happenings(ev: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Group expressions of different articles that report the same happening.

    Rule: two expressions from different articles are linked when (1) the words around them
    (ten words either side) share a *rare* term, one found in at most 5% of the corpus's
    sentences (and at least two), and (2) their intervals overlap. When the intervals overlap
    only under the other calendar reading of a cyclic expression ("last July" read a year
    earlier), they are linked too and both rows get a `conflict` note. Groups are the
    connected links. Returns happening, reported_by, n_articles, linked_by, conflict per row.
    """
    texts = {(r.doc_id, r.sent_id): r.text for r in sents.itertuples()}
    df: dict[str, int] = {}
    for text in texts.values():
        for term in {_stem(w) for w in _WORD.findall(text)}:
            df[term] = df.get(term, 0) + 1
    rare_max = max(2, int(0.05 * len(texts)))
    sent_start = {(r.doc_id, r.sent_id): r.start for r in sents.itertuples()}
    keys = []
    for r in ev.itertuples():
        s0 = sent_start[(r.doc_id, r.sent_id)]
        terms = _window_terms(texts[(r.doc_id, r.sent_id)], r.char_start - s0, r.char_end - s0)
        keys.append({t for t in terms if df.get(t, 0) <= rare_max})
    n = len(ev)
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked_by = [set() for _ in range(n)]
    conflict = [[] for _ in range(n)]
    rows = list(ev.itertuples())
    for i in range(n):
        for j in range(i + 1, n):
            a, b = rows[i], rows[j]
            shared = keys[i] & keys[j]
            if a.doc_id == b.doc_id or not shared:
                continue
            same = _overlap(a.start, a.end, b.start, b.end)
            a_other = _overlap(a.other_start, a.other_end, b.start, b.end)
            b_other = _overlap(a.start, a.end, b.other_start, b.other_end)
            if not (same or a_other or b_other):
                continue
            parent[root(i)] = root(j)
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
    for g, start in sorted(zip(groups, ev["start"]), key=lambda x: x[1]):
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
