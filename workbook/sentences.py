"""Sentences: the unit every count is cited by.

Takes: the loaded corpus (`workbook.corpus.load_corpus`).
Gives: ``sentences`` (doc_id, sent_id, start, end, text; offsets into the cleaned text), ``sentence_at``
(the sentence holding an offset), and the
array helpers later stages share (`sentence_spans`, `code_points`, `char_test`, `rank_within`).
Comes after `workbook.corpus`.
"""
from __future__ import annotations

import pandas as pd


def sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """Split each article into sentences with sentencex (Wikimedia's rule-based segmenter).

    A line break always ends a sentence, so headlines stand on their own.
    Returns doc_id, sent_id (1-based within the article), start, end, text;
    ``text == docs.text[start:end]``.
    """
    doc, start, end = sentence_spans(docs["text"].tolist())
    texts = docs["text"].to_numpy()
    sent_id = rank_within(doc)
    return pd.DataFrame({"doc_id": docs["doc_id"].to_numpy()[doc], "sent_id": sent_id, "start": start, "end": end,
                         "text": [texts[d][a:b] for d, a, b in zip(doc, start, end)]})


def sentence_at(sents: pd.DataFrame, doc_ids, offsets):
    """The sentence holding each character offset: positions into `sents` (-1 where none does).

    `doc_ids` and `offsets` are parallel sequences (an offset into that article's cleaned text).
    One binary search over all sentences at once: the one way the workbook finds a sentence.
    """
    import numpy as np

    doc_ids, offsets = np.asarray(doc_ids, dtype=object), np.asarray(offsets, dtype=np.int64)
    if not len(offsets):
        return np.array([], dtype=np.int64)
    codes, names = pd.factorize(pd.concat([sents["doc_id"], pd.Series(doc_ids, dtype=object)], ignore_index=True))
    sent_doc, query_doc = codes[:len(sents)], codes[len(sents):]
    width = int(max(sents["end"].max() if len(sents) else 0, offsets.max())) + 1
    keys = sent_doc.astype(np.int64) * width + sents["start"].to_numpy(np.int64)
    order = np.argsort(keys, kind="stable")
    at = np.searchsorted(keys[order], query_doc.astype(np.int64) * width + offsets, side="right") - 1
    found = order[np.maximum(at, 0)]
    inside = (at >= 0) & (sent_doc[found] == query_doc) & (offsets < sents["end"].to_numpy()[found])
    return np.where(inside, found, -1)


def sentence_spans(texts: list[str]):
    """(article index, start, end) arrays of every sentence, whitespace trimmed.

    Cuts fall where sentencex ends a sentence and around every line break.
    """
    import numpy as np
    import sentencex

    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])   # each text's start in the joined text
    joined = "\n".join(texts)
    codes = code_points(joined)
    newlines = np.flatnonzero(codes == 10)
    cuts = [off + _piece_ends(t, sentencex.segment("en", t)) for t, off in zip(texts, offsets)]
    bounds = np.sort(np.concatenate([[0, len(joined)], newlines, newlines + 1, *cuts]))
    bounds = bounds[np.r_[True, bounds[1:] != bounds[:-1]]]
    first, last = bounds[:-1].copy(), bounds[1:].copy()
    while True:                                   # trim whitespace, one character a round on each side
        lead = first < last
        lead[lead] = char_test(codes[first[lead]], str.isspace)
        trail = first < last
        trail[trail] = char_test(codes[last[trail] - 1], str.isspace)
        if not (lead.any() or trail.any()):
            break
        first += lead
        last -= trail & (first < last)
    keep = first < last
    first, last = first[keep], last[keep]
    doc = np.searchsorted(offsets, first, side="right") - 1
    return doc, first - offsets[doc], last - offsets[doc]


def _piece_ends(text: str, pieces: list[str]):
    """Where each segmenter piece ends in `text`; located one by one when the pieces skip characters."""
    import numpy as np

    if "".join(pieces) == text:                                   # the usual case: pieces tile the text
        return np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64))
    ends, pos = [], 0
    for piece in pieces:
        body = piece.strip()
        if body:
            pos = text.index(body, pos) + len(body)
            ends.append(pos)
    return np.array(ends, dtype=np.int64)


def rank_within(groups):
    """1, 2, 3 ... within each run of equal values of a sorted integer array."""
    import numpy as np

    n = np.arange(len(groups))
    run_start = np.r_[0, np.flatnonzero(np.diff(groups)) + 1] if len(groups) else np.array([], dtype=int)
    return n - np.repeat(run_start, np.diff(np.r_[run_start, len(groups)])) + 1


def code_points(text: str):
    """The text as a numpy array of Unicode code points (index i is text[i])."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_CHAR_TABLES: dict = {}


def char_test(codes, test):
    """Apply a str predicate (e.g. str.isspace) to every code point, through a lookup table."""
    import numpy as np

    if test not in _CHAR_TABLES:
        _CHAR_TABLES[test] = np.array([test(chr(c)) for c in range(65536)])
    if not len(codes) or codes.max() < 65536:
        return _CHAR_TABLES[test][codes]
    small = codes < 65536
    out = _CHAR_TABLES[test][np.where(small, codes, 0)]
    out[~small] = [test(chr(c)) for c in codes[~small]]
    return out
