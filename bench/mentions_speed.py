"""Benchmark: helpers.mentions() against spaCy's PhraseMatcher on the same >= 50 MB corpus.

    make bench            (installs bench/requirements.txt into .venv first)
    .venv/bin/python bench/mentions_speed.py [--mb 50]

Builds a corpus by repeating the cleaned seed articles (as separate documents)
until it holds at least --mb megabytes, then times, in the same run:
  * helpers.mentions(docs): sentences, matching, boundary rules, the DataFrame;
    and again given the sentences (how notebooks call it);
  * the matching core alone (workbook.mentions._scan), which is what PhraseMatcher does;
  * spaCy 3 blank('en') + PhraseMatcher(attr="ORTH") over the same aliases
    (the same case-sensitive surface forms), through nlp.pipe.
Prints throughput in MB/s for both and the ratio. No thresholds: read the figures.
"""
import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import helpers  # noqa: E402
import workbook.mentions  # noqa: E402


def build_corpus(mb: float) -> pd.DataFrame:
    seeds = helpers.load_corpus()[["doc_id", "text"]]
    size = sum(len(t.encode()) for t in seeds["text"])
    copies = int(mb * 1e6 // size) + 1
    docs = pd.concat([seeds.assign(doc_id=seeds["doc_id"] + f"_{i}") for i in range(copies)], ignore_index=True)
    return docs


def time_it(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def spacy_matches(docs: pd.DataFrame) -> int:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.max_length = 10**8
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for entity, group in helpers.aliases().groupby("entity"):
        matcher.add(entity, list(nlp.tokenizer.pipe(group["alias"].tolist())))
    return sum(len(matcher(doc)) for doc in nlp.pipe(docs["text"], batch_size=256))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50)
    args = ap.parse_args()
    docs = build_corpus(args.mb)
    mb = sum(len(t.encode()) for t in docs["text"]) / 1e6
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB")
    found, ours = time_it(lambda: helpers.mentions(docs))
    print(f"helpers.mentions : {ours:7.2f} s  {mb / ours:7.2f} MB/s  ({len(found)} mentions; splits sentences too)")
    sents = helpers.sentences(docs)
    _, staged = time_it(lambda: helpers.mentions(docs, sents=sents))
    print(f"  given sentences  : {staged:7.2f} s  {mb / staged:7.2f} MB/s  (mentions(docs, sents=...), as notebooks call it)")
    automaton, names, *_ = workbook.mentions._matcher()
    joined = "\n".join(docs["text"])
    hits, core = time_it(lambda: workbook.mentions._scan(joined, automaton, names))
    print(f"  matching core    : {core:7.2f} s  {mb / core:7.2f} MB/s  (_scan: aliases on word boundaries, "
          f"{len(hits[0])} hits; no sentences, no table)")
    n, theirs = time_it(lambda: spacy_matches(docs))
    print(f"spaCy PhraseMatcher: {theirs:7.2f} s  {mb / theirs:7.2f} MB/s  ({n} matches, before boundary rules)")
    print(f"speed-up over spaCy: mentions() {theirs / ours:.1f}x end to end, {theirs / staged:.1f}x given sentences, "
          f"matching core {theirs / core:.1f}x")


if __name__ == "__main__":
    main()
