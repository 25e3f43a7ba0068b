"""Annotate once: every stage's table computed a part of the corpus at a time, kept in the cache, read back.

Takes: the loaded corpus and the public calls of the stages (`sentences`, `mentions`, `statements`,
`time/` events and unresolved times, `relations`, `candidates`), and `workbook.cache` to keep them.
Gives: the same calls, cached (``load_corpus``, ``sentences``, ``mentions``, ``kind_mentions``,
``with_kind_mentions``, ``statements``, ``claims``, ``candidate_sentences``, ``events``, ``unresolved_times``,
``relations``, ``candidates``, ``sources_report``, ``suspicious``, ``open_workbook``): `helpers`
exports these, so a notebook reads what `make annotate` (``annotate``) stored and computes only what
is missing. ``COMPUTED`` counts, per stage, the articles computed in this process.
Comes after every annotation stage and `workbook.cache`; `helpers` comes after it.

Which stage is cached how (read from the code; `tests/test_cache.py` checks each against the
uncached call, on the seeds and with an article added):

- per article (an article's rows depend only on that article, its catalog row and the tables):
  sentences; mentions (all of them, the ambiguous ones too); the kind phrases of `workbook.anaphora` ("the
  missile system", read for the articles' own linked mentions); time expressions and unresolved times
  (counted from the article's reference date); the co-occurrence edges of relations. Stored per
  article, so adding an article computes that article; each stage runs over parts of `PART` articles.
- per article, with what it reads of the corpus (`INPUTS`, given to the part with its articles, so a
  Dask worker needs nothing else): name occurrences (keyed also by the words of the article that the
  corpus writes in lower case) and statements (keyed also by a digest of the article's rows of the
  corpus's `candidate_sentences`: "Kalovit said" counts toward the "Ahmet Kalovit" of another article,
  so that article's statements are made again when such a full name arrives). The pronoun rule looks
  back within the article only.
- corpus-wide, recomputed from the stored parts when the set of articles changes: the grouping of
  happenings (`workbook.time.happenings.group_happenings` over every expression), the typed edges of
  relations (from the tables and the articles they cite) and each edge's count; the merging of
  surnames over the name occurrences (`candidate_sentences`), and the candidates counted from it; the
  suspicious lines of `workbook.review` (a line other articles share is flagged) and the sources report.
- load_corpus: the whole table, keyed by the corpus hash (every file of the corpus folder); the
  cleaning inside it per article, keyed by the raw text, the title and the cleaning rules, so a changed
  corpus is loaded again but only its new or edited articles are cleaned.

A key names everything that made a result: the article's catalog row and cleaned text, the
knowledge tables, the code of workbook/ and the package versions (`workbook.cache`). A change of any
of them gives new keys; what the old keys hold is never read for the new corpus.
"""
from __future__ import annotations

import collections
import os
import sys
import weakref

import numpy as np
import pandas as pd

from . import cache as store
from .candidates import candidate_sentences as _uncached_candidate_sentences
from .candidates import candidates as _candidates, candidates_of, merged_occurrences, name_words, occurrences
from .anaphora import KIND_COLUMNS, kind_mentions as _kind_mentions, with_kind_mentions as _with_kind_mentions
from .candidates import OCCURRENCE_COLUMNS
from .claims import claims as _claims
from .corpus import corpus_hash, load_corpus as _load_corpus
from .files import corpus_path
from .knowledge import RELATION_COLUMNS
from .mentions import all_mentions, linked
from .relations import relations as _relations
from .review import suspicious as _suspicious
from .sentences import sentences as _sentences
from .statements import statements as _statements
from .time.events import events as _events
from .time.happenings import group_happenings
from .time.tagger import unresolved_times as _unresolved_times

PART = int(os.environ.get("WORKBOOK_PART", "250"))      # articles computed together (one cache file per stage)
COMPUTED: collections.Counter = collections.Counter()   # stage -> articles (or corpora) computed in this process


# ---- the stages -----------------------------------------------------------------------------------------------

def _co_occurrence(docs, path, sents):
    rows = _relations(docs, path, sents=sents)
    return rows[rows["kind"] == "co-occurrence"].drop(columns="count")


def _name_occurrences(docs, path, sents):
    """An article's candidate name occurrences (`candidates.occurrences`), given in the column `_input`
    the words its names look up that the corpus writes in lower case (its share of `common_words`)."""
    common = set().union(*docs["_input"]) if len(docs) else set()
    return occurrences(docs, path, sents, all_mentions(docs, path, sents), common)


def _with_candidates(stage):
    """`stage` (statements or claims) over a part of the corpus, given in the column `_input` each
    article's rows of the corpus-wide `candidate_sentences` (as tuples of OCCURRENCE_COLUMNS), so a
    part gives the rows the whole corpus gives (a lone surname counts toward a full name another
    article names)."""
    def of_part(docs, path, sents):
        if "_input" not in docs:
            return stage(docs, path, sents=sents)
        occ = pd.DataFrame([row for rows in docs["_input"] for row in rows], columns=OCCURRENCE_COLUMNS)
        return stage(docs.drop(columns="_input"), path, sents=sents, occ=occ)
    return of_part


# Per-article stages: name -> function(docs, path, sents) giving rows with a doc_id column, in the order they
# are computed. The last three read something of the whole corpus, given per article (`INPUTS`).
PER_ARTICLE = {
    "sentences": lambda docs, path, sents: sents,
    "mentions": lambda docs, path, sents: all_mentions(docs, path, sents),
    "kind_mentions": lambda docs, path, sents: _kind_mentions(docs, linked(all_mentions(docs, path, sents)), sents,
                                                              path),
    "events": lambda docs, path, sents: _events(docs, path, sents=sents),   # happenings regrouped corpus-wide
    "unresolved_times": lambda docs, path, sents: _unresolved_times(docs, sents),
    "co_occurrence": _co_occurrence,
    "name_words": lambda docs, path, sents: name_words(docs, path, sents),      # for candidates
    "name_occurrences": _name_occurrences,                                     # after name_words
    "statements": _with_candidates(_statements),                               # after name_occurrences
    "claims": _with_candidates(_claims),
}


def _context(path=None) -> str:
    return f"{store.code_key()[:20]}-{store.knowledge_key(path)[:20]}"


def _cache() -> store.Cache:
    return store.Cache(os.environ.get("WORKBOOK_CACHE") or store.CACHE)


def _parts(n: int, size: int):
    return [slice(a, min(a + size, n)) for a in range(0, n, size)]


def _part_files(docs: pd.DataFrame, path, stages: list[str]) -> list[tuple[str, bytes]]:
    """(stage, file bytes) of `stages` computed for the articles `docs` (nothing written: a Dask
    worker on another machine returns them to be stored). A stage of `INPUTS` comes alone, its
    articles' keys in the column `_key` and what it reads of the corpus in `_input`."""
    given = "_key" in docs
    plain = docs.drop(columns=["_key", "_input"]) if given else docs
    keys, ids = docs["_key"].tolist() if given else store.article_keys(plain), docs["doc_id"].tolist()
    sents = _sentences(plain)
    return [(stage, store.part_bytes(stage, keys, ids, PER_ARTICLE[stage](docs.drop(columns="_key") if given else docs,
                                                                          path, sents)))
            for stage in stages]


def _compute_part(docs: pd.DataFrame, path, stages: list[str], root, context: str) -> dict:
    """Compute `stages` for the articles `docs` and store one file per stage; return articles per stage."""
    cache = store.Cache(root)
    for stage, data in _part_files(docs, path, stages):
        cache.store_part(context, stage, data)
    return {stage: len(docs) for stage in stages}


def annotate(docs: pd.DataFrame | None = None, path=None, stages=None, workers: int = 1, progress: bool = False,
             scheduler: str | None = None, keys: list[str] | None = None) -> dict:
    """Make sure every per-article stage is stored for every article of `docs`; compute what is missing.

    Parameters
    ----------
    docs : the corpus (default: `load_corpus(path)`, cached).
    path : the corpus folder whose knowledge tables the stages read (default: ``corpus/``).
    stages : names of `PER_ARTICLE` (default: all).
    workers : processes to compute parts in (1: in this process).
    progress : print one line per part computed.
    scheduler : compute the parts with Dask instead (`dask.dataframe.map_partitions`): "local" for a
        `LocalCluster` of `workers` processes here, or a scheduler address ("tcp://host:8786") for a
        cluster whose workers run this same code and can read `path` (both are checked). Default:
        the environment variable WORKBOOK_SCHEDULER, else no Dask.
    keys : `article_keys(docs)`, when the caller has them.

    Returns {stage: number of articles computed}. Parts of `PART` articles are computed together,
    only articles whose key a stage does not hold yet.
    """
    docs = load_corpus(path) if docs is None else docs
    unknown = sorted(set(stages or []) - set(PER_ARTICLE))
    if unknown:
        raise ValueError(f"no such stage: {', '.join(unknown)} (the stages: {', '.join(PER_ARTICLE)})")
    stages = [s for s in PER_ARTICLE if stages is None or s in stages]
    keys = store.article_keys(docs) if keys is None else keys
    scheduler = scheduler or os.environ.get("WORKBOOK_SCHEDULER") or None
    counts = collections.Counter()
    plain = [s for s in stages if s not in INPUTS]
    if plain:
        counts.update(_annotate(docs, path, plain, keys, None, workers, progress, scheduler))
    for stage in (s for s in stages if s in INPUTS):                # each after what it reads of the corpus
        stage_keys, input_of = INPUTS[stage](docs, path, keys)
        counts.update(_annotate(docs, path, [stage], stage_keys, input_of, workers, progress, scheduler))
    COMPUTED.update(counts)
    return dict(counts)


def _annotate(docs, path, stages, keys, input_of, workers, progress, scheduler) -> collections.Counter:
    """Compute the parts of `stages` whose articles' `keys` are not stored; `input_of(i)` (what the
    article at row i reads of the corpus), when given, goes with the articles of a part in the column
    `_input`, their keys in `_key`."""
    cache, context = _cache(), _context(path)
    missing = {}
    for s in stages:
        stored = cache.stored_keys(context, s)
        missing[s] = np.fromiter((k not in stored for k in keys), dtype=bool, count=len(keys))
    todo = np.flatnonzero(np.any([m for m in missing.values()], axis=0)) if stages else np.array([], dtype=int)
    jobs = []
    for part in _parts(len(todo), PART):
        rows = todo[part]
        need = [s for s in stages if missing[s][rows].any()]
        job = docs.iloc[rows].reset_index(drop=True)
        if input_of is not None:
            job["_key"] = [keys[i] for i in rows]
            job["_input"] = pd.Series([input_of(i) for i in rows], dtype=object)
        jobs.append((job, need))
    counts = collections.Counter()
    run = _run_dask if scheduler and jobs else _run_serial if workers <= 1 or len(jobs) <= 1 else _run_pool
    for i, done in enumerate(run(jobs, path, cache.root, context, workers, scheduler)):
        counts.update(done)
        if progress:
            print(f"annotated part {i + 1}/{len(jobs)}: {max(done.values(), default=0)} articles "
                  f"({', '.join(done)})", file=sys.stderr, flush=True)
    return counts


def _run_serial(jobs, path, root, context, workers, scheduler):
    for part, need in jobs:
        yield _compute_part(part, path, need, root, context)


def _run_pool(jobs, path, root, context, workers, scheduler):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_compute_part, part, path, need, root, context) for part, need in jobs]
        for f in futures:
            yield f.result()


def _dask_part(part: pd.DataFrame, path, stages: list[str], context: str) -> pd.DataFrame:
    """On a Dask worker: the part files of one partition, as rows (stage, data); the first row also
    says which code and tables made them, so the caller can refuse a worker that differs."""
    made = _part_files(part.reset_index(drop=True), path, stages) if len(part) else []
    return pd.DataFrame({"stage": pd.Series(["@context"] + [s for s, _ in made], dtype=object),
                         "data": pd.Series([_context(path).encode()] + [d for _, d in made], dtype=object),
                         "articles": [0] + [len(part)] * len(made)})


def _run_dask(jobs, path, root, context, workers, scheduler):
    """The parts computed by Dask: one partition per part, `map_partitions`, stored as they arrive."""
    import dask
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, as_completed

    todo = pd.concat([part for part, _ in jobs], ignore_index=True)
    stages = list(dict.fromkeys(s for _, need in jobs for s in need))
    cache = store.Cache(root)
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(todo, npartitions=len(jobs), sort=False)
        meta = pd.DataFrame({"stage": pd.Series([], dtype=object), "data": pd.Series([], dtype=object),
                             "articles": pd.Series([], dtype="int64")})
        parts = ddf.map_partitions(_dask_part, path, stages, context, meta=meta).to_delayed()
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None) if scheduler == "local" else None
        try:
            with Client(cluster if cluster is not None else scheduler) as client:
                for future in as_completed(client.compute(parts)):
                    rows = future.result()
                    if rows["data"].iloc[0].decode() != context:
                        raise RuntimeError(f"a Dask worker runs other code or reads other tables ({rows['data'].iloc[0].decode()}, "
                                           f"here {context}); give the workers this checkout and corpus folder")
                    for stage, data in zip(rows["stage"].iloc[1:], rows["data"].iloc[1:]):
                        cache.store_part(context, stage, data)
                    yield dict(zip(rows["stage"].iloc[1:], rows["articles"].iloc[1:].tolist()))
        finally:
            if cluster is not None:
                cluster.close()


def _stage(stage: str, docs: pd.DataFrame, path=None, keys: list[str] | None = None) -> pd.DataFrame:
    """The rows of a per-article stage for `docs`, in the order of `docs`: stored, or computed and stored."""
    keys = store.article_keys(docs) if keys is None else keys
    annotate(docs, path, [stage], keys=keys)
    stored = INPUTS[stage](docs, path, keys)[0] if stage in INPUTS else keys      # (read from the cache again)
    table, found = _cache().read_parts(_context(path), stage, stored)
    if table is None or not all(found):            # a file removed while we read (another build): once more
        annotate(docs, path, [stage], keys=keys)
        table, found = _cache().read_parts(_context(path), stage, stored)
    if table is None or not all(found):
        raise RuntimeError(f"the cache under {_cache().root} lost {stage} rows while reading; run again")
    return table


def _whole(stage: str, docs: pd.DataFrame, path, make, keys: list[str] | None = None) -> pd.DataFrame:
    """A corpus-wide table: stored under the key of the corpus (`corpus_key`), else made (from the
    articles' keys: ``make(keys)``) and stored."""
    cache, context = _cache(), _context(path)
    keys = store.article_keys(docs) if keys is None else keys
    key = store.corpus_key(context, keys)
    table = cache.read_whole(context, stage, key)
    if table is None:
        table = make(keys)
        cache.write_whole(context, stage, key, table)
        COMPUTED[f"{stage} (corpus-wide)"] += 1
    return table


# ---- the cached calls (same signatures as the stages') ------------------------------------------------------

_ISSUED: dict[int, tuple] = {}           # id of a sentences table handed out -> (weak reference, corpus key)


def _issue(sents: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    for i in [i for i, (ref, _) in _ISSUED.items() if ref() is None]:
        del _ISSUED[i]
    _ISSUED[id(sents)] = (weakref.ref(sents), store.corpus_key("", keys))
    return sents


def _ours(sents, keys: list[str]) -> bool:
    """Were `sents` handed out by `sentences(docs)` for these very articles (`keys`)? (Other sentences,
    e.g. a filtered table, are passed on to the uncached call, which uses them as given.)"""
    ref, key = _ISSUED.get(id(sents), (None, None))
    return ref is not None and ref() is sents and key == store.corpus_key("", keys)


def load_corpus(path=None, cleaned=None) -> pd.DataFrame:
    """`workbook.corpus.load_corpus`, read from the cache when no file of the corpus folder changed;
    when one did, the corpus is loaded again but each article is cleaned only once (`_cleaned`).
    Given `cleaned` (a cleaning function of your own), the corpus is loaded with it, uncached."""
    if cleaned is not None:
        return _load_corpus(path, cleaned)
    cache, context = _cache(), f"{store.code_key()[:20]}-corpus"
    key = store.corpus_key(context, [corpus_hash(path)])
    docs = cache.read_whole(context, "load_corpus", key)
    if docs is None:
        docs = _load_corpus(path, cleaned=_cleaned)   # raises CorpusError: nothing is stored then
        cache.write_whole(context, "load_corpus", key, docs)
        COMPUTED["load_corpus"] += 1
    return docs


def _cleaned(pairs: list[tuple[str, str]], rules: pd.DataFrame) -> list[tuple[str, tuple]]:
    """`workbook.corpus.clean_each`, kept per article: (text, removed) of each (raw, title) pair,
    read from the cache when this code and these cleaning rules cleaned that text under that title
    before, else cleaned now and stored (a part file per `PART` articles, as they are cleaned)."""
    from .cleaning import clean

    cache, context = _cache(), f"{store.code_key()[:20]}-clean-{store.rules_key(rules)[:20]}"
    keys = [store.text_key(title, raw) for raw, title in pairs]
    unique = list(dict.fromkeys(keys))
    table, _ = cache.read_parts(context, "cleaned", unique)
    done = {} if table is None else dict(zip(table["doc_id"], zip(table["text"], table["removed"])))
    todo = {k: pair for k, pair in zip(keys, pairs) if k not in done}
    batch = list(todo)
    for part in _parts(len(batch), PART):
        ks = batch[part]
        results = [clean(raw, rules, title) for raw, title in (todo[k] for k in ks)]
        cache.write_part(context, "cleaned", ks, ks, pd.DataFrame({"doc_id": ks, "text": [t for t, _ in results],
                                                                   "removed": [r for _, r in results]}))
        done.update(zip(ks, results))
    COMPUTED["cleaning"] += len(todo)
    return [done[k] for k in keys]


def sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """`workbook.sentences.sentences`, cached per article."""
    return _sentences_of(docs, store.article_keys(docs))


def _sentences_of(docs: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return _issue(_stage("sentences", docs, keys=keys), keys)


def mentions(docs: pd.DataFrame, path=None, unresolved: bool = False, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.mentions.mentions`, cached per article."""
    keys = store.article_keys(docs)
    if sents is not None and not _ours(sents, keys):
        from .mentions import mentions as uncached
        return uncached(docs, path, unresolved, sents)
    return linked(_stage("mentions", docs, path, keys), unresolved)


_MENTION_KEY = ["doc_id", "start", "end", "entity", "kind"]


def _same_mentions(given: pd.DataFrame, docs: pd.DataFrame, path, keys: list[str]) -> bool:
    """Are `given` the linked mentions of these articles (in any order, with any columns added, as
    `with_articles` gives them)? Then what the cache keeps for them stands for them."""
    if not set(_MENTION_KEY) <= set(given.columns):
        return False
    ours = linked(_stage("mentions", docs, path, keys))
    if len(given) != len(ours):
        return False

    def ordered(t):
        t = t[_MENTION_KEY].astype({"doc_id": str, "entity": str, "kind": str, "start": "int64", "end": "int64"})
        return t.sort_values(_MENTION_KEY, ignore_index=True)
    return ordered(given).equals(ordered(ours))


def kind_mentions(docs: pd.DataFrame, mentions: pd.DataFrame, sents: pd.DataFrame, path=None) -> pd.DataFrame:
    """`workbook.anaphora.kind_mentions`, cached per article when `mentions` are the articles' linked
    mentions and `sents` their sentences from the cache (other mentions: computed as given)."""
    keys = store.article_keys(docs)
    if not (_ours(sents, keys) and _same_mentions(mentions, docs, path, keys)):
        return _kind_mentions(docs, mentions, sents, path)
    kinds = _stage("kind_mentions", docs, path, keys)
    return kinds[KIND_COLUMNS].reset_index(drop=True) if len(kinds) else pd.DataFrame(columns=KIND_COLUMNS)


def with_kind_mentions(mentions: pd.DataFrame, docs: pd.DataFrame, sents: pd.DataFrame, path=None,
                       kinds: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.anaphora.with_kind_mentions`, its kind phrases read from the cache (`kind_mentions`)."""
    if kinds is None:
        kinds = kind_mentions(docs, mentions, sents, path)
    return _with_kind_mentions(mentions, docs, sents, path, kinds=kinds)


def suspicious(docs: pd.DataFrame, path=None) -> pd.DataFrame:
    """`workbook.review.suspicious`, kept whole per corpus (a line is flagged when other articles share it)."""
    return _whole("suspicious", docs, path, lambda keys: _suspicious(docs, path))


def statements(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
               occ: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.statements.statements`, cached per article (under the article's key and its rows of
    the corpus's candidate names: `_statement_inputs`)."""
    keys = store.article_keys(docs)
    if occ is not None or sents is not None and not _ours(sents, keys):
        return _statements(docs, path, sents=sents, occ=occ)
    return _stage("statements", docs, path, keys)


def claims(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
           occ: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.claims.claims`, cached per article, keyed as statements are (`_statement_inputs`)."""
    keys = store.article_keys(docs)
    if occ is not None or sents is not None and not _ours(sents, keys):
        return _claims(docs, path, sents=sents, occ=occ)
    return _stage("claims", docs, path, keys)


def unresolved_times(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.time.tagger.unresolved_times`, cached per article (sorted as it sorts)."""
    keys = store.article_keys(docs)
    if sents is not None and not _ours(sents, keys):
        return _unresolved_times(docs, sents)
    return _stage("unresolved_times", docs, keys=keys).sort_values(["doc_id", "char_start"], ignore_index=True)


def events(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.time.events.events`: expressions cached per article, happenings grouped over the corpus."""
    keys = store.article_keys(docs)
    if sents is not None and not _ours(sents, keys):
        return _events(docs, path, sents=sents)

    def make(keys):
        parts = _stage("events", docs, path, keys)
        position = pd.Series(np.arange(len(docs)), index=docs["doc_id"])
        # the order time_expressions gives (articles as in docs, expressions as in the text): grouping reads it
        order = np.lexsort((parts["char_start"].to_numpy(), position[parts["doc_id"]].to_numpy()))
        ev = parts.iloc[order].reset_index(drop=True)
        happenings = group_happenings(ev, _sentences_of(docs, keys))
        ev = ev.drop(columns=happenings.columns).join(happenings)[list(parts.columns)]
        return ev.sort_values(["start", "end", "doc_id", "sent_id"], ignore_index=True)

    return _whole("events", docs, path, make, keys)


def relations(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.relations.relations`: co-occurrence cached per article, typed edges and counts per corpus."""
    keys = store.article_keys(docs)
    if sents is not None and not _ours(sents, keys):
        return _relations(docs, path, sents=sents)

    def make(keys):
        cited = _cited_articles(path)
        sents_ = _sentences_of(docs, keys)
        typed = _relations(docs[docs["doc_id"].isin(cited)].reset_index(drop=True), path,
                           sents=sents_[sents_["doc_id"].isin(cited)].reset_index(drop=True))
        typed = typed[typed["kind"] != "co-occurrence"].drop(columns="count")
        co = _stage("co_occurrence", docs, path, keys)
        co = co.iloc[np.argsort(co["doc_id"].to_numpy(), kind="stable")]      # relations groups by doc_id, sent_id
        table = pd.concat([typed, co], ignore_index=True)
        table["count"] = table.groupby(["source", "relation", "target"])["kind"].transform("size")
        table["sent_id"] = table["sent_id"].astype("Int64")
        return table[RELATION_COLUMNS]

    return _whole("relations", docs, path, make, keys)


def sources_report(docs: pd.DataFrame, sents: pd.DataFrame, path=None):
    """`workbook.sources.report.sources_report`, each of its tables kept whole under the corpus's key
    (text reuse and framing compare articles across the corpus; notebook 05 and its findings read it)."""
    from dataclasses import fields

    from .sources.report import SourcesReport, sources_report as uncached

    keys = store.article_keys(docs)
    if not _ours(sents, keys):
        return uncached(docs, sents, path)
    cache, context = _cache(), _context(path)
    key = store.corpus_key(context, keys)
    names = [f.name for f in fields(SourcesReport) if f.name != "docs"]
    tables = {n: cache.read_whole(context, f"sources_report.{n}", key) for n in names}
    if any(t is None for t in tables.values()):
        report = uncached(docs, sents, path)
        for n in names:
            table = getattr(report, n)
            if not table.index.equals(pd.RangeIndex(len(table))):      # an index of its own (outlets, say): kept
                table = table.rename_axis(_ROW).reset_index()
            cache.write_whole(context, f"sources_report.{n}", key, table)
        COMPUTED["sources_report (corpus-wide)"] += 1
        return report
    tables = {n: t.set_index(_ROW).rename_axis(None) if _ROW in t.columns else t for n, t in tables.items()}
    return SourcesReport(docs=docs, **tables)


_ROW = "__row__"                 # the column a kept table's own index is stored in


def _cited_articles(path=None) -> set:
    """Every doc_id a table of the corpus folder cites (the typed edges need only these articles)."""
    from .files import read_csv

    cited = set()
    for file in sorted(corpus_path(path).glob("*.csv")):
        if file.name != "articles.csv":
            table = read_csv(file)
            if "doc_id" in table:
                cited |= set(table["doc_id"])
    return cited - {""}


def candidates(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.candidates.candidates`, cached per corpus (it counts words over the whole corpus)."""
    keys = store.article_keys(docs)
    if sents is not None and not _ours(sents, keys):
        return _candidates(docs, path, sents=sents)
    return _whole("candidates", docs, path, lambda keys: _candidates_from_parts(docs, path, keys), keys)


def _occurrence_inputs(docs: pd.DataFrame, path, keys: list[str]):
    """name_occurrences' keys and inputs: the corpus's lower-case words are the union of every
    article's (`name_words`); an article's name occurrences are stored under its key and the words
    of its `probe_words` that are lower-case somewhere in the corpus (its input), so they are computed
    again only for a new or edited article, or one whose lookups now answer otherwise (a word it
    writes capitalised is now written in lower case elsewhere)."""
    words = _stage("name_words", docs, path, keys)
    if words["doc_id"].tolist() != docs["doc_id"].tolist():
        raise RuntimeError("name_words: the cache gave rows that are not one per article; run again")
    common = set()
    for lower in words["lower"]:
        common.update(lower.split())
    looked = [[w for w in probe.split() if w in common] for probe in words["probe"]]
    return [store.probe_key(k, ws) for k, ws in zip(keys, looked)], looked.__getitem__


def _candidate_sentences(docs: pd.DataFrame, path, keys: list[str]) -> pd.DataFrame:
    """`workbook.candidates.candidate_sentences` of the corpus, from the stored name occurrences:
    the merging of surnames runs over the corpus (kept under the corpus's key)."""
    return _whole("candidate_sentences", docs, path,
                  lambda keys: merged_occurrences(_stage("name_occurrences", docs, path, keys)[OCCURRENCE_COLUMNS], docs),
                  keys)


def candidate_sentences(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
                        found: pd.DataFrame | None = None) -> pd.DataFrame:
    """`workbook.candidates.candidate_sentences`: name occurrences cached per article, surnames merged
    over the corpus (cached under the corpus's key)."""
    keys = store.article_keys(docs)
    if found is not None or sents is not None and not _ours(sents, keys):
        return _uncached_candidate_sentences(docs, path, sents, found)
    return _candidate_sentences(docs, path, keys)


def _statement_inputs(docs: pd.DataFrame, path, keys: list[str]):
    """statements' (and claims') keys and inputs: an article's statements read its rows of the
    corpus's `candidate_sentences` (a lone surname counts toward a full name of another article), so
    they are stored under the article's key and a digest of those rows, and computed again when they
    change. Its input: those rows, as tuples."""
    occ = _candidate_sentences(docs, path, keys)
    position = pd.Series(np.arange(len(docs)), index=docs["doc_id"])[occ["doc_id"]].to_numpy()
    if len(position) and (np.diff(position) < 0).any():
        raise RuntimeError("candidate_sentences: the cache gave rows out of article order; run again")
    ends = np.cumsum(np.bincount(position, minlength=len(docs)))
    starts = ends - np.bincount(position, minlength=len(docs))
    digest = pd.util.hash_pandas_object(occ[OCCURRENCE_COLUMNS], index=False).to_numpy()
    stage_keys = [store.input_key(k, digest[a:b].tobytes()) for k, a, b in zip(keys, starts, ends)]
    columns = []                                   # the rows as lists, made when a first input is asked for

    def input_of(i):
        columns.extend([] if columns else [occ[c].tolist() for c in OCCURRENCE_COLUMNS])
        return [tuple(col[j] for col in columns) for j in range(starts[i], ends[i])]
    return stage_keys, input_of


INPUTS = {"name_occurrences": _occurrence_inputs, "statements": _statement_inputs, "claims": _statement_inputs}


def _candidates_from_parts(docs: pd.DataFrame, path, keys: list[str]) -> pd.DataFrame:
    """`workbook.candidates.candidates` from what is kept per article (`_occurrence_inputs`): the
    merging of surnames and the counting run over the corpus, on those rows."""
    cache, context = _cache(), _context(path)
    occ = _candidate_sentences(docs, path, keys)
    # the hints (a known alias spelled alike) depend on the name, its kind and the tables only: kept across corpora
    key = store.corpus_key(context, ["candidate hints"])
    kept = cache.read_whole(context, "candidate_hints", key)
    hints = {} if kept is None else dict(zip(zip(kept["surface"], kept["kind"]), kept["hint"]))
    before = len(hints)
    table = candidates_of(occ, path, hints)
    if len(hints) > before:
        cache.write_whole(context, "candidate_hints", key, pd.DataFrame(
            {"surface": [s for s, _ in hints], "kind": [k for _, k in hints], "hint": list(hints.values())}))
    return table


def open_workbook(path=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`workbook.show.tables.open_workbook` from the cache: display defaults, the corpus loaded,
    its stamp shown, its sentences. Returns (docs, sents)."""
    from .show.tables import setup_notebook, stamp

    setup_notebook()
    docs = load_corpus(path)
    stamp(docs, path)
    return docs, sentences(docs)


def main(argv=None) -> int:
    """`make annotate`: python -m workbook.annotate [--corpus DIR] [--workers N]."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="corpus folder (default: corpus/, or WORKBOOK_CORPUS)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKBOOK_WORKERS", "1")),
                        help="processes that compute parts (a pool here, or the workers of --scheduler local)")
    parser.add_argument("--scheduler", default=os.environ.get("WORKBOOK_SCHEDULER") or None,
                        help="compute with Dask: 'local' (a LocalCluster) or a scheduler address tcp://host:port")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    docs = load_corpus(args.corpus)
    annotate(docs, args.corpus, workers=args.workers, progress=True, scheduler=args.scheduler)
    for name, call in (("events", events), ("relations", relations), ("candidates", candidates),
                       ("suspicious", suspicious)):
        call(docs, args.corpus)
    sources_report(docs, sentences(docs), args.corpus)
    print(f"annotated {len(docs)} articles in {time.perf_counter() - t0:.1f} s; computed now: "
          f"{dict(COMPUTED) or 'nothing (all cached)'}; cache: {_cache().root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
