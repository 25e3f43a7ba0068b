"""Measure the cost of the time tagger per sentence and per article.

    .venv/bin/python bench/events_speed.py [repeats]

Tags and resolves every sentence of the corpus `repeats` times (default 200) with
helpers.time_expressions and prints the cost per sentence and per article, beside the
3.4 s per article measured for HeidelTime on this machine (see /work/shared/GUIDE.md).
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import helpers  # noqa: E402

HEIDELTIME_S_PER_ARTICLE = 3.4


def main(repeats: int = 200) -> None:
    docs = helpers.load_corpus()
    sents = helpers.sentences(docs)
    helpers.time_expressions(docs, sents)          # warm up (regex compilation is at import)
    t0 = time.perf_counter()
    for _ in range(repeats):
        found = helpers.time_expressions(docs, sents)
    tag = (time.perf_counter() - t0) / repeats
    t0 = time.perf_counter()
    for _ in range(max(1, repeats // 20)):
        helpers.events(docs, sents=sents)
    full = (time.perf_counter() - t0) / max(1, repeats // 20)
    per_article = tag / len(docs)
    print(f"{len(docs)} articles, {len(sents)} sentences, {len(found)} expressions, {repeats} repeats")
    print(f"time_expressions: {tag / len(sents) * 1e6:.1f} µs per sentence, {per_article * 1e3:.2f} ms per article, "
          f"{HEIDELTIME_S_PER_ARTICLE / per_article:,.0f}x faster than HeidelTime's {HEIDELTIME_S_PER_ARTICLE} s")
    print(f"events (with mentions, grouping): {full / len(sents) * 1e6:.1f} µs per sentence, "
          f"{full / len(docs) * 1e3:.2f} ms per article")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
