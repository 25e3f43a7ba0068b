"""Measure text-reuse detection (helpers.reuse) at 1,000 and 10,000 articles, and what it finds.

    .venv/bin/python bench/reuse_speed.py [n_articles ...]      (default: 1000 10000)

The synthetic corpus is built from the seed articles' sentences, so lengths, clause shapes and
punctuation are those of real reporting: each synthetic article takes 25 seed sentences and
replaces each word, with probability 0.6, by a word drawn from a Zipf-weighted made-up
vocabulary of 50,000 words, so two synthetic sentences share no more than unrelated reporting
does. Into that, reuse is planted: each sentence, with probability 0.03, is instead a copy of a
sentence of an earlier synthetic article, edited as outlets edit: an apostrophe lost ("Turkey s"),
one word changed, or the sentence cut to one of its clauses. The run prints the time of
`reuse` (MinHash LSH candidates + alignment; wall clock and CPU time, which a busy shared
machine inflates less), how many planted pairs it found (recall), how
many pairs it reports in all, and how many sentence pairs an all-pairs comparison would align.
"""
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import helpers  # noqa: E402
from workbook.sources.reuse import MIN_WORDS, passages, shared_runs, words  # noqa: E402

SENTENCES_PER_ARTICLE = 25
MUTATE = 0.6
PLANT = 0.03
VOCABULARY = 50_000


def made_up_vocabulary(rng, n=VOCABULARY):
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return ["".join(rng.choice(letters, size=rng.integers(4, 10))) for _ in range(n)]


def edit(sentence: str, rng, vocab) -> str:
    """One edit of the kinds outlets make when they reuse a sentence."""
    kind = rng.integers(3)
    if kind == 0:                                    # a lost apostrophe, or an added one
        return re.sub(r"['’]s\b", " s", sentence) if re.search(r"['’]s\b", sentence) else sentence.replace(" s ", "'s ")
    if kind == 1:                                    # one word changed
        ws = sentence.split()
        ws[rng.integers(len(ws))] = vocab[rng.integers(len(vocab))]
        return " ".join(ws)
    clauses = [c for c in re.split(r",\s*", sentence) if len(passages(c)) > 0]
    return (clauses[rng.integers(len(clauses))].strip().rstrip(".") + ".") if clauses else sentence


def synthetic_corpus(n_articles: int, seed: int = 7):
    """Articles as (docs, sents) frames plus the planted (earlier, later) sentence positions."""
    rng = np.random.default_rng(seed)
    seeds = helpers.sentences(helpers.load_corpus())["text"].tolist()
    vocab = made_up_vocabulary(rng)
    weights = 1 / np.arange(1, len(vocab) + 1) ** 1.1
    weights /= weights.sum()
    texts, doc_ids, planted = [], [], []
    for d in range(n_articles):
        for s in range(SENTENCES_PER_ARTICLE):
            k = len(texts)
            if d and rng.random() < PLANT:
                source = int(rng.integers(k - s))            # a sentence of an earlier article
                texts.append(edit(texts[source], rng, vocab))
                planted.append((source, k))
            else:
                ws = seeds[rng.integers(len(seeds))].split()
                swap = rng.random(len(ws)) < MUTATE
                picks = rng.choice(len(vocab), size=int(swap.sum()), p=weights)
                for i, p in zip(np.flatnonzero(swap), picks):
                    ws[i] = vocab[p]
                texts.append(" ".join(ws))
            doc_ids.append(f"syn{d:05d}")
    sents = pd.DataFrame({"doc_id": doc_ids, "sent_id": [i % SENTENCES_PER_ARTICLE + 1 for i in range(len(texts))],
                          "text": texts})
    days = pd.Timestamp("2017-01-01") + pd.to_timedelta(np.arange(n_articles) // 5, unit="D")
    docs = pd.DataFrame({"doc_id": [f"syn{d:05d}" for d in range(n_articles)], "published": days,
                         "outlet": [f"outlet {d % 40}" for d in range(n_articles)]})
    return docs, sents, planted


def main(sizes) -> None:
    for n in sizes:
        docs, sents, planted = synthetic_corpus(n)
        t0, c0 = time.perf_counter(), time.process_time()
        pairs = helpers.reuse(docs, sents)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        pos = {(d, s): i for i, (d, s) in enumerate(zip(sents["doc_id"], sents["sent_id"]))}
        found = {(pos[(a, b)], pos[(c, e)]) for a, b, c, e in
                 zip(pairs["earlier_doc"], pairs["earlier_sent"], pairs["later_doc"], pairs["later_sent"])}
        # a copy cut to a short sentence shares less than a clause: reuse() is right not to list it
        texts = sents["text"].tolist()
        clause_long = [p for p in planted if sum(n for _, _, n in shared_runs(words(texts[p[0]]), words(texts[p[1]])))
                       >= MIN_WORDS]
        recall = sum(p in found for p in clause_long) / max(len(clause_long), 1)
        all_pairs = len(sents) * (len(sents) - 1) // 2
        print(f"{n:>6,} articles, {len(sents):>7,} sentences: reuse() {took:6.1f} s wall, {cpu:6.1f} s CPU "
              f"({cpu / n * 1e3:.2f} ms CPU per article); planted {len(planted):,}, {len(clause_long):,} of them "
              f"sharing at least a clause, found {recall:.1%} of those; "
              f"{len(pairs):,} pairs reported; all-pairs would align {all_pairs:,} sentence pairs")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
