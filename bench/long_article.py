"""Does anything inside ONE article grow with the square of its length? Seconds per stage on one long article.

    python bench/long_article.py MB [MB ...] [--profile]

Takes: the seed articles of ``corpus/``, joined and repeated to MB megabytes, as one article (its
catalog row is the first seed's).
Gives: per size, the seconds of `sentences`, `all_mentions`, `candidate_sentences`, `candidates` and
`statements` (uncached, each on the same article; `statements` finds its mentions and candidates
again). Ten times the size should take about ten times as long. Figures depend on the machine; they
belong in bench/RESULTS-scale.md, never in tests. Comes after every stage; nothing comes after it.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mb", type=float, nargs="+", help="sizes of the article in megabytes")
    parser.add_argument("--profile", action="store_true", help="print the 20 costliest functions")
    args = parser.parse_args(argv)

    from workbook.candidates import candidate_sentences, candidates
    from workbook.corpus import load_corpus
    from workbook.mentions import all_mentions
    from workbook.sentences import sentences
    from workbook.statements import statements

    seeds = load_corpus(ROOT / "corpus")
    base = "\n".join(seeds["text"]) + "\n"
    for mb in args.mb:
        text = base * max(1, int(mb * 1e6 / len(base.encode())))
        docs = seeds.iloc[:1].copy().assign(text=text, doc_id="long")
        prof = cProfile.Profile() if args.profile else None
        print(f"one article of {len(text.encode()) / 1e6:.1f} MB", flush=True)

        def timed(name, call):
            if prof:
                prof.enable()
            t0 = time.perf_counter()
            out = call()
            seconds = time.perf_counter() - t0
            if prof:
                prof.disable()
            print(f"  {name}: {seconds:.2f} s ({len(out)} rows)", flush=True)
            return out

        sents = timed("sentences", lambda: sentences(docs))
        found = timed("all_mentions", lambda: all_mentions(docs, None, sents))
        timed("candidate_sentences", lambda: candidate_sentences(docs, None, sents, found))
        timed("candidates", lambda: candidates(docs, None, sents))
        timed("statements", lambda: statements(docs, None, sents))
        if prof:
            pstats.Stats(prof).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
