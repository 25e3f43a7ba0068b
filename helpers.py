"""Helpers for the S-400 research workbook: the one module the notebooks import.

The code lives in the package ``workbook/``, one module per stage; this file only gathers the
public calls, so a notebook writes ``helpers.load_corpus()``. Data flows one way:

    corpus/  ->  files, corpus, cleaning     load_corpus*, corpus_hash, clean, removals, CorpusError
             ->  review                      suspicious, cleaning_summary (what cleaning kept but may be furniture)
    pages, ingest                            add_article (make add: a saved page, pasted text or URL into corpus/)
             ->  sentences                   sentences*
             ->  knowledge                   entities, aliases, cited_table (the tables of corpus/)
             ->  mentions, candidates        mentions*, candidates*
             ->  statements, relations       statements*, relations*, transfers
             ->  time/                       events*, time_expressions, unresolved_times*, tag_times
             ->  show/                       open_workbook*, show_table, filter_panel, charts

The calls marked * come from `workbook.annotate`: the stage's own call, with the same signature and
result, read from the annotation cache (build/cache/) that `make annotate` fills, and computed and
stored there when missing; so a notebook never computes again what the cache holds. `annotate`
fills the cache for a corpus.

Every table a function returns is a pandas DataFrame whose rows can be traced back to a
(doc_id, sent_id) pair: the sentence behind the number.
"""
from workbook.cleaning import boilerplate_rules, clean, cleaning_rules, removals
from workbook.review import cleaning_summary, suspicious
from workbook.ingest import AddError, add_article
from workbook.corpus import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, corpus_hash
from workbook.files import CORPUS, ROOT, CorpusError
from workbook.knowledge import ACTOR_KINDS, KINDS, aliases, cited_table, entities, relation_types
from workbook.statements import STATEMENT_COLUMNS
from workbook.relations import transfers
from workbook.time.lexicon import PRECISIONS
from workbook.time.tagger import tag_times, time_expressions
from workbook.show.tables import (describe_corpus, describe_events, setup_notebook, show_table,
                                  stamp, with_articles, with_sentences)
# (cached) the annotation calls, each the stage's own call read from build/cache/ (workbook.annotate)
from workbook.annotate import (annotate, candidates, events, load_corpus, mentions, open_workbook, relations,
                               sentences, statements, unresolved_times)
from workbook.show.charts import (event_timeline, event_timelines_by_outlet, heatmap, lag_chart, length_chart,
                                  per_outlet, relation_graph, timeline)
from workbook.show.filters import filter_panel

__all__ = [
    # loading and cleaning
    "ROOT", "CORPUS", "CorpusError", "REQUIRED_COLUMNS", "OPTIONAL_COLUMNS", "load_corpus", "corpus_hash",
    "boilerplate_rules", "cleaning_rules", "clean", "removals", "suspicious", "cleaning_summary",
    "add_article", "AddError",
    # sentences, knowledge, mentions
    "sentences", "KINDS", "ACTOR_KINDS", "entities", "aliases", "mentions", "candidates",
    # statements and relations
    "STATEMENT_COLUMNS", "statements", "relation_types", "cited_table", "relations",
    "transfers",
    # chronology
    "PRECISIONS", "tag_times", "time_expressions", "unresolved_times", "events",
    # the annotation cache
    "annotate",
    # showing results
    "open_workbook", "setup_notebook", "stamp", "show_table", "with_articles", "with_sentences", "describe_corpus",
    "describe_events", "filter_panel", "timeline", "length_chart", "event_timeline", "event_timelines_by_outlet",
    "heatmap", "per_outlet", "lag_chart", "relation_graph",
]
