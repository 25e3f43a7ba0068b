"""Text reuse: passages that two articles share, found without comparing every pair of sentences.

Takes: the loaded corpus and its sentences (`workbook.sentences`).
Gives: ``reuse`` (one row per pair of sentences sharing at least a clause, the earlier publication
first, both sentences side by side) and ``reused_articles`` (per pair of articles: how many of
the later one's sentences come from the earlier one, and whether it reads as a repost).
Comes after `workbook.sentences`; notebook 05 uses it.

How: every sentence is cut into clause-long passages (at commas, semicolons, colons, brackets,
quotes and dashes; a short piece joins its neighbour). Words are compared lower-cased, with
apostrophes and one-letter words left out, so "Ankara's", "Ankara’s" and "Ankara s" (a lost
apostrophe) are the same word. Each passage's set of telling words (not a function word such as
"the" or "said", and not in more than 1% of all passages) gets a MinHash signature, and a MinHash
LSH index (datasketch) returns, for each passage, the passages of other articles whose telling
words overlap by about half or more: the work grows with the number of passages, not with its
square. Each candidate pair of sentences is then aligned word by word (difflib); the words in
runs of at least ``RUN`` words in the same order count as shared, so a changed word or two
splits a run but does not hide the reuse.
"""
from __future__ import annotations

import difflib
import re

import pandas as pd

MIN_WORDS = 8          # a shared passage must be at least this many words long: a clause, not a phrase
RUN = 3                # words must match in runs of at least this many, in order, to count as shared
THRESHOLD = 0.5        # LSH: passages whose word sets overlap (Jaccard) by about this much are compared
NUM_PERM = 64          # MinHash permutations: enough for a threshold of 0.5 (measured in bench/reuse_speed.py)
MAX_MATCHES = 5        # per sentence, at most this many earlier sentences (the most similar) are listed
MAX_CANDIDATES = 20    # per passage, at most this many earlier passages (the closest) are aligned with it
MIN_JACCARD = 0.4      # ... and only those whose telling words overlap by this much (LSH also returns some below)
SAME_SENTENCE = 0.8    # similarity (shared words over the shorter sentence) from which it is "same sentence"
COMMON_SHARE = 0.01    # a word in more than this share of passages (and in over 50) tells nothing about reuse
MIN_TELLING = 3        # a passage with fewer telling words than this is not indexed
FUNCTION_WORDS = frozenset("""the an and or but nor of to in on at by for with from that this these those is are was
were be been being has have had having not no its it as which who whom whose he she they them his her their there
than then also would could should will shall may might can must said says say told tell over into after before about
such some more most other only very what when where while because since until just even still already against
between during within without under upon across toward towards among through both each every many much own same so
too does did done we our us you your him if all any out up""".split())
REUSE_COLUMNS = ["earlier_doc", "earlier_sent", "earlier_outlet", "earlier_published", "earlier_sentence",
                 "later_doc", "later_sent", "later_outlet", "later_published", "later_sentence",
                 "shared_words", "similarity", "kind", "shared"]
ARTICLE_COLUMNS = ["earlier_doc", "earlier_outlet", "earlier_published", "later_doc", "later_outlet",
                   "later_published", "sentences", "later_sentences", "share_of_later", "shared_words", "reads_as"]

_APOSTROPHE = re.compile(r"[’'`ʼ‘]")
_TOKEN = re.compile(r"(?P<cut>[,;:()\[\]“”\"—–]|\s-\s)|(?P<word>[^\W_]+)")


def words(text: str) -> list[str]:
    """The words reuse compares: lower case, apostrophes and one-letter words left out.

    >>> words("Ankara’s decision hasn't changed") == words("Ankara s decision hasn t changed")
    True
    """
    return split(text)[0]


def passages(text: str, min_words: int = MIN_WORDS) -> list[list[str]]:
    """A sentence cut into clause-long passages (lists of `words`); a piece shorter than `min_words`
    joins the next one (the last joins the one before). A sentence shorter than `min_words` has none."""
    return split(text, min_words)[1]


def split(text: str, min_words: int = MIN_WORDS) -> tuple[list[str], list[list[str]]]:
    """`words` and `passages` of a sentence, from one pass over its text."""
    tokens, cuts = [], [0]
    for cut, word in _TOKEN.findall(_APOSTROPHE.sub(" ", text.lower())):
        if cut:
            cuts.append(len(tokens))
        elif len(word) > 1:
            tokens.append(word)
    cuts.append(len(tokens))
    out, start = [], 0
    for end in cuts[1:]:
        if end - start >= min_words:
            out.append((start, end))
            start = end
    if out and start < len(tokens):
        out[-1] = (out[-1][0], len(tokens))
    elif not out and len(tokens) >= min_words:
        out.append((0, len(tokens)))
    return tokens, [tokens[a:b] for a, b in out]


def shared_runs(a: list[str], b: list[str], run: int = RUN) -> list[tuple[int, int, int]]:
    """The runs of at least `run` words that `a` and `b` share in the same order: (start in a, start in b, length)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i, j, n) for i, j, n in matcher.get_matching_blocks() if n >= run]


def reuse(docs: pd.DataFrame, sents: pd.DataFrame, min_words: int = MIN_WORDS, threshold: float = THRESHOLD,
          num_perm: int = NUM_PERM, max_matches: int = MAX_MATCHES) -> pd.DataFrame:
    """Pairs of sentences in different articles that share at least a clause.

    Parameters
    ----------
    docs, sents : the corpus (`load_corpus`) and its `sentences`.
    min_words : shortest shared passage, in words (see `words`), that counts.
    threshold, num_perm : the MinHash LSH settings that pick the pairs worth aligning.
    max_matches : per later sentence, the most similar earlier sentences kept (a stock sentence
        repeated by a thousand articles gives a thousand rows, not half a million).

    Returns
    -------
    DataFrame with REUSE_COLUMNS, one row per pair of sentences: the earlier publication first
    (same day: the lower doc_id first), both sentences, `shared_words` (words in shared runs),
    `similarity` (shared words over the shorter sentence's words), `kind` ("same sentence" from
    SAME_SENTENCE, else "shared passage") and `shared` (the shared runs, "…" between them).
    """
    texts, sent_doc = sents["text"].tolist(), sents["doc_id"].tolist()
    if len(set(sent_doc)) < 2:
        return _no_pairs()                              # one article: nothing to share with
    tokens, units = [], []
    for k, text in enumerate(texts):
        words_of, parts = split(text, min_words)
        tokens.append(words_of)
        units += [(k, p) for p in parts]
    if not units:
        return _no_pairs()
    rank = _publication_order(docs)
    candidates = _candidates(units, [rank[d] for d in sent_doc], threshold, num_perm)
    rows = []
    for a, b in sorted(candidates):                     # (earlier sentence, later sentence)
        ta, tb = tokens[a], tokens[b]
        if len(set(ta) & set(tb)) < min(min_words, len(set(ta)), len(set(tb))):
            continue                                    # too few words in common to share a clause
        runs = shared_runs(ta, tb)
        shared = sum(n for _, _, n in runs)
        if shared < min_words:
            continue
        similarity = shared / min(len(ta), len(tb))
        rows.append({"earlier": a, "later": b, "shared_words": shared, "similarity": round(similarity, 2),
                     "kind": "same sentence" if similarity >= SAME_SENTENCE else "shared passage",
                     "shared": " … ".join(" ".join(ta[i:i + n]) for i, _, n in runs)})
    if not rows:
        return _no_pairs()
    pairs = (pd.DataFrame(rows).sort_values(["later", "similarity", "earlier"], ascending=[True, False, True])
             .groupby("later", sort=False).head(max_matches))
    return _side_by_side(pairs, docs, sents)


def _candidates(units, sent_rank, threshold: float, num_perm: int) -> set[tuple[int, int]]:
    """Pairs (earlier sentence, later sentence) of positions whose passages the LSH index finds alike.

    Each passage is inserted once and queried once, and keeps at most MAX_CANDIDATES earlier
    passages, the closest by their MinHash estimate of Jaccard overlap (at least MIN_JACCARD): no
    pair of passages is compared unless the index puts them together, and a stock passage shared
    by thousands of articles costs thousands of alignments, not millions.
    """
    import numpy as np
    from datasketch import MinHashLSH

    sets = _telling_words(units)
    keep = np.array([i for i, s in enumerate(sets) if len(s) >= MIN_TELLING], dtype=np.int64)
    signatures = minhashes([sets[i] for i in keep], num_perm)
    if not signatures:
        return set()
    values = np.stack([sig.hashvalues for sig in signatures])
    sent = np.array([units[i][0] for i in keep], dtype=np.int64)
    rank = np.asarray(sent_rank, dtype=np.int64)[sent]
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with index.insertion_session() as session:
        for key, sig in enumerate(signatures):
            session.insert(key, sig, check_duplication=False)
    found = set()
    for key, sig in enumerate(signatures):
        hits = np.fromiter(index.query(sig), dtype=np.int64)
        hits = hits[rank[hits] < rank[key]]                       # earlier articles only
        if not len(hits):
            continue
        alike = (values[hits] == values[key]).mean(axis=1)        # estimated Jaccard overlap
        order = np.lexsort((hits, -alike))[:MAX_CANDIDATES]
        found.update((int(sent[o]), int(sent[key])) for o in hits[order][alike[order] >= MIN_JACCARD])
    return found


def _telling_words(units) -> list[set]:
    """Per passage, the words that can tell reuse from a shared topic: not a function word, and not in
    more than COMMON_SHARE of all passages (unless that would leave fewer than MIN_TELLING)."""
    from collections import Counter

    sets = [frozenset(p) - FUNCTION_WORDS for _, p in units]
    df = Counter(w for s in sets for w in s)
    common = {w for w, n in df.items() if n > 50 and n > COMMON_SHARE * len(sets)}
    return [s - common if len(s - common) >= MIN_TELLING else s for s in sets]


def minhashes(sets: list, num_perm: int = NUM_PERM) -> list:
    """datasketch MinHash signatures of word sets, as LeanMinHash objects for the LSH index.

    The MinHash of a set is the element-wise minimum of the MinHashes of its members, so each
    distinct word is hashed once (datasketch's `MinHash.bulk`) and each set's signature is a
    minimum over rows: the same signatures as `MinHash.bulk(sets)`, at a cost per distinct word
    rather than per passage.
    """
    import numpy as np
    from datasketch import LeanMinHash, MinHash

    if not sets:
        return []
    vocab = sorted(set().union(*sets))
    of = {w: i for i, w in enumerate(vocab)}
    singles = MinHash.bulk([[w.encode("utf-8")] for w in vocab], num_perm=num_perm)
    rows = np.stack([m.hashvalues for m in singles])
    flat = np.fromiter((of[w] for s in sets for w in sorted(s)), dtype=np.int64)
    starts = np.cumsum([0] + [len(s) for s in sets[:-1]])
    values = np.minimum.reduceat(rows[flat], starts, axis=0)
    seed, scheme = singles[0].seed, singles[0].scheme
    return [LeanMinHash(seed=seed, hashvalues=v, scheme=scheme) for v in values]


def _no_pairs() -> pd.DataFrame:
    """An empty result with the columns and types of a full one (dates as dates, ids as integers)."""
    types = {c: "datetime64[ns]" if c.endswith("published") else "int64" if c.endswith(("sent", "words"))
             else "float64" if c == "similarity" else object for c in REUSE_COLUMNS}
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in types.items()})


def _publication_order(docs: pd.DataFrame) -> dict:
    """doc_id -> rank by publication date, then doc_id (the order "earlier first" means)."""
    ranked = docs.sort_values(["published", "doc_id"])["doc_id"]
    return {d: i for i, d in enumerate(ranked)}


def _side_by_side(pairs: pd.DataFrame, docs: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """The pairs with each side's article, outlet, date and sentence (columns REUSE_COLUMNS)."""
    meta = docs.set_index("doc_id")[["outlet", "published"]]
    out = {}
    for side in ("earlier", "later"):
        at = pairs[side].to_numpy()
        doc = sents["doc_id"].to_numpy()[at]
        out |= {f"{side}_doc": doc, f"{side}_sent": sents["sent_id"].to_numpy()[at],
                f"{side}_outlet": meta["outlet"].reindex(doc).to_numpy(),
                f"{side}_published": meta["published"].reindex(doc).to_numpy(),
                f"{side}_sentence": sents["text"].to_numpy()[at]}
    table = pd.DataFrame(out).assign(**{c: pairs[c].to_numpy() for c in ("shared_words", "similarity", "kind", "shared")})
    return table.sort_values(["earlier_published", "earlier_doc", "earlier_sent", "later_doc", "later_sent"],
                             ignore_index=True)[REUSE_COLUMNS]


def reused_articles(pairs: pd.DataFrame, sents: pd.DataFrame, repost_share: float = 0.5) -> pd.DataFrame:
    """Per pair of articles: how much of the later one reuses the earlier one.

    Returns ARTICLE_COLUMNS: `sentences` (sentence pairs), `later_sentences` (distinct sentences
    of the later article that reuse the earlier one), `share_of_later` (those over all its
    sentences) and `reads_as`: "repost" when at least `repost_share` of the later article's
    sentences come from the earlier one, else "shared passages".
    """
    if pairs.empty:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    per_doc = sents.groupby("doc_id").size()
    keys = ["earlier_doc", "earlier_outlet", "earlier_published", "later_doc", "later_outlet", "later_published"]
    table = pairs.groupby(keys, as_index=False).agg(sentences=("later_sent", "size"),
                                                    later_sentences=("later_sent", "nunique"),
                                                    shared_words=("shared_words", "sum"))
    table["share_of_later"] = (table["later_sentences"] / table["later_doc"].map(per_doc)).round(2)
    table["reads_as"] = table["share_of_later"].map(lambda s: "repost" if s >= repost_share else "shared passages")
    return table.sort_values(["share_of_later", "earlier_published"], ascending=[False, True],
                             ignore_index=True)[ARTICLE_COLUMNS]
