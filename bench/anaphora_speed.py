"""How `kind_mentions` (workbook/anaphora.py) grows: copies of the corpus at N and 10 N articles.

    PYTHONPATH=. .venv/bin/python bench/anaphora_speed.py

Prints articles, sentences, links found and CPU seconds (mentions are computed first, untimed).
"""
import time
import pandas as pd

from workbook.corpus import load_corpus
from workbook.sentences import sentences
from workbook.mentions import mentions
from workbook.anaphora import kind_mentions

base = load_corpus()
for n in (20, 200):
    docs = pd.concat([base.assign(doc_id=base["doc_id"] + f"_{i}") for i in range(n)], ignore_index=True)
    sents = sentences(docs)
    m = mentions(docs, sents=sents)
    t = time.process_time()
    k = kind_mentions(docs, m, sents)
    print(f"{len(docs)} articles, {len(sents)} sentences: {len(k)} kind links in {time.process_time() - t:.2f} s CPU")
