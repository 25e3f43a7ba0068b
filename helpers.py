"""Helpers for the S-400 research workbook: the one module the notebooks import.

The code lives in the package ``workbook/``, one module per stage; this file only gathers the
public calls, so a notebook writes ``helpers.load_corpus()``. Data flows one way:

    corpus/  ->  files, corpus, cleaning     load_corpus*, corpus_hash, clean, removals, CorpusError
             ->  review                      suspicious*, cleaning_summary (what cleaning kept but may be furniture),
                                             alias_checks (aliases that may be common words)
    pages, ingest                            add_article (make add: a saved page, pasted text or URL into corpus/)
             ->  sentences                   sentences*
             ->  knowledge                   entities, aliases, cited_table, vocabulary (the tables of corpus/)
             ->  places, mentions            mentions* (capitals read as city or government)
             ->  anaphora                    kind_mentions*, with_kind_mentions* ("the missile system" after a name)
             ->  names, candidates           candidates*, candidate_sentences*
             ->  speakers, statements        statements*
             ->  relations, claims           relations*, transfers, claims*, as_register, accept_claim
             ->  time/                       events*, time_expressions, unresolved_times*, tag_times
             ->  sources/                    sources_report* (coverage, voices, attributions, reuse, framing)
             ->  show/                       open_workbook*, findings, show_table, filter_panel, charts

The calls marked * come from `workbook.annotate`: the stage's own call, with the same signature and
result, read from the annotation cache (build/cache/) that `make annotate` fills, and computed and
stored there when missing; so a notebook never computes again what the cache holds. `annotate`
fills the cache for a corpus.

Every table a function returns is a pandas DataFrame whose rows can be traced back to a
(doc_id, sent_id) pair: the sentence behind the number.
"""
from workbook.cleaning import boilerplate_rules, clean, cleaning_rules, removals
from workbook.review import alias_checks, cleaning_summary
from workbook.ingest import AddError, add_article
from workbook.corpus import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, corpus_hash
from workbook.files import CORPUS, ROOT, CorpusError
from workbook.knowledge import ACTOR_KINDS, KINDS, aliases, cited_table, claim_verbs, entities, relation_types, vocabulary
from workbook.candidates import CANDIDATE_COLUMNS
from workbook.anaphora import kind_nouns, system_kinds
from workbook.statements import STATEMENT_COLUMNS
from workbook.relations import transfers
from workbook.claims import CLAIM_COLUMNS, accept_claim, as_register
from workbook.time.lexicon import PRECISIONS
from workbook.time.tagger import tag_times, time_expressions
from workbook.sources.attribution import ATTRIBUTION_COLUMNS, attribution_cues, attributions
from workbook.sources.coverage import happenings_only_here, mention_shares, only_here, outlet_coverage
from workbook.sources.framing import framing
from workbook.sources.report import SourcesReport
from workbook.sources.reuse import REUSE_COLUMNS, reuse, reused_articles
from workbook.sources.voices import VOICE_KINDS, verbs_by_side, voice_shares, voices
from workbook.show.tables import (describe_corpus, describe_events, per_sentence, setup_notebook, show_table, stamp,
                                  with_articles, with_sentences)
# (cached) the annotation calls, each the stage's own call read from build/cache/ (workbook.annotate)
from workbook.annotate import (annotate, candidate_sentences, candidates, claims, events, kind_mentions, load_corpus,
                               mentions, open_workbook, relations, sentences, sources_report, statements,
                               suspicious, unresolved_times, with_kind_mentions)
from workbook.show.charts import (event_timeline, event_timelines_by_outlet, heatmap, lag_chart, length_chart,
                                  per_outlet, system_timeline, timeline)
from workbook.show.ties import membership_chart, relation_graph, supplies, supply_chart
from workbook.show.labels import happening_names, name_list, what_happened, wrap
from workbook.show.colours import entity_colours, outlet_colours
from workbook.show.findings import findings
from workbook.show.filters import filter_panel
from workbook.show.source_charts import attribution_graph, voice_chart

__all__ = [
    # loading and cleaning
    "ROOT", "CORPUS", "CorpusError", "REQUIRED_COLUMNS", "OPTIONAL_COLUMNS", "load_corpus", "corpus_hash",
    "boilerplate_rules", "cleaning_rules", "clean", "removals", "suspicious", "cleaning_summary", "alias_checks",
    "add_article", "AddError",
    # sentences, knowledge, mentions
    "sentences", "KINDS", "ACTOR_KINDS", "entities", "aliases", "vocabulary", "claim_verbs", "mentions",
    "kind_mentions", "with_kind_mentions", "kind_nouns", "system_kinds",
    "CANDIDATE_COLUMNS", "candidates", "candidate_sentences",
    # statements, relations and claims
    "STATEMENT_COLUMNS", "statements", "relation_types", "cited_table", "relations", "transfers",
    "CLAIM_COLUMNS", "claims", "as_register", "accept_claim",
    # chronology
    "PRECISIONS", "tag_times", "time_expressions", "unresolved_times", "events",
    # sources: who tells the story, and whose words it reuses
    "sources_report", "SourcesReport", "outlet_coverage", "mention_shares", "only_here", "happenings_only_here",
    "VOICE_KINDS", "voices", "voice_shares", "verbs_by_side", "ATTRIBUTION_COLUMNS", "attribution_cues",
    "attributions", "REUSE_COLUMNS", "reuse", "reused_articles", "framing",
    # the annotation cache
    "annotate",
    # showing results
    "open_workbook", "setup_notebook", "stamp", "show_table", "with_articles", "with_sentences", "describe_corpus",
    "describe_events", "filter_panel", "timeline", "length_chart", "event_timeline", "event_timelines_by_outlet",
    "heatmap", "per_outlet", "lag_chart", "relation_graph", "system_timeline", "membership_chart", "supplies",
    "supply_chart", "per_sentence", "happening_names", "name_list", "what_happened", "wrap", "entity_colours", "outlet_colours",
    "findings", "voice_chart", "attribution_graph",
]
