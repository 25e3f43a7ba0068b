"""The annotation cache (workbook.cache, workbook.annotate): cached results equal the uncached calls row for
row; adding an article computes that article only; an edited article, table or module invalidates what
it made; a corrupt or partial file is ignored and made again."""
import collections

import numpy as np
import pandas as pd
import pytest

import helpers
from conftest import SEED_IDS, add_article, edit_table
from workbook import annotate, cache as store
from workbook import anaphora, candidates, claims, corpus, mentions, relations, sentences, statements
from workbook.show.tables import with_articles
from workbook.time import events, tagger

# Each cached call beside the uncached one it must equal (docs, path, sents -> table).
PAIRS = {
    "sentences": (lambda d, p, s: annotate.sentences(d), lambda d, p, s: sentences.sentences(d)),
    "mentions": (lambda d, p, s: annotate.mentions(d, p, sents=s), lambda d, p, s: mentions.mentions(d, p)),
    "unresolved mentions": (lambda d, p, s: annotate.mentions(d, p, unresolved=True),
                            lambda d, p, s: mentions.mentions(d, p, unresolved=True)),
    "statements": (lambda d, p, s: annotate.statements(d, p, sents=s), lambda d, p, s: statements.statements(d, p)),
    "events": (lambda d, p, s: annotate.events(d, p, sents=s), lambda d, p, s: events.events(d, p)),
    "unresolved_times": (lambda d, p, s: annotate.unresolved_times(d, s), lambda d, p, s: tagger.unresolved_times(d)),
    "relations": (lambda d, p, s: annotate.relations(d, p, sents=s), lambda d, p, s: relations.relations(d, p)),
    "candidates": (lambda d, p, s: annotate.candidates(d, p), lambda d, p, s: candidates.candidates(d, p)),
    "claims": (lambda d, p, s: annotate.claims(d, p, sents=s), lambda d, p, s: claims.claims(d, p)),
    "candidate_sentences": (lambda d, p, s: annotate.candidate_sentences(d, p, sents=s),
                            lambda d, p, s: candidates.candidate_sentences(d, p)),
    "kind_mentions": (lambda d, p, s: annotate.kind_mentions(d, annotate.mentions(d, p, sents=s), s, p),
                      lambda d, p, s: anaphora.kind_mentions(d, mentions.mentions(d, p), sentences.sentences(d), p)),
    "with_kind_mentions": (
        lambda d, p, s: annotate.with_kind_mentions(with_articles(annotate.mentions(d, p, sents=s), d), d, s, p),
        lambda d, p, s: anaphora.with_kind_mentions(with_articles(mentions.mentions(d, p), d), d,
                                                    sentences.sentences(d), p)),
}

ADDED = ("ANKARA (Wire) - Turkish Defence Minister Hulusi Akar said on Monday that the second S-400 battery would "
         "arrive in October, and NATO officials warned Ankara again.\n"
         "Stoltenberg told reporters in Brussels last week that Turkey remained an ally.\n"
         "He said the talks with Washington would go on in the first half of next year.\n")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Every test starts from an empty cache of its own."""
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    annotate.COMPUTED.clear()
    return tmp_path / "cache"


@pytest.fixture
def calls(monkeypatch):
    """Which articles each per-article stage is computed for: stage -> list of doc_ids, in call order."""
    seen = collections.defaultdict(list)
    for stage, fn in list(annotate.PER_ARTICLE.items()):
        def counted(docs, path, sents, fn=fn, stage=stage):
            seen[stage] += docs["doc_id"].tolist()
            return fn(docs, path, sents)
        monkeypatch.setitem(annotate.PER_ARTICLE, stage, counted)
    return seen


def assert_all_equal(docs, path):
    sents = annotate.sentences(docs)
    for name, (cached, uncached) in PAIRS.items():
        expected = uncached(docs, path, None)
        for _ in range(2):                              # computed, then read back
            got = cached(docs, path, sents)
            pd.testing.assert_frame_equal(got, expected, obj=name)
        assert len(expected) or name in ("unresolved mentions",), f"{name}: the seeds give no row to compare"


def test_cached_calls_equal_uncached_on_the_seeds(docs):
    assert_all_equal(docs, None)


def test_load_corpus_cached_equals_uncached(corpus_copy):
    first = annotate.load_corpus(corpus_copy)
    again = annotate.load_corpus(corpus_copy)
    expected = corpus.load_corpus(corpus_copy)
    pd.testing.assert_frame_equal(first, expected)
    pd.testing.assert_frame_equal(again, expected)
    assert [repr(r) for r in again["removed"]] == [repr(r) for r in expected["removed"]]     # tuples stay tuples
    assert annotate.COMPUTED["load_corpus"] == 1
    add_article(corpus_copy, "zz_added", ADDED, published="2020-03-02")
    pd.testing.assert_frame_equal(annotate.load_corpus(corpus_copy), corpus.load_corpus(corpus_copy))
    assert annotate.COMPUTED["load_corpus"] == 2


@pytest.mark.trust("freshness")
def test_adding_one_article_cleans_that_article_only(corpus_copy, monkeypatch):
    import workbook.cleaning

    cleaned = []
    real = workbook.cleaning.clean
    monkeypatch.setattr(workbook.cleaning, "clean", lambda raw, rules, title=None: cleaned.append(title) or real(raw, rules, title))
    docs = annotate.load_corpus(corpus_copy)
    assert len(cleaned) == len(docs)
    cleaned.clear()
    add_article(corpus_copy, "zz_added", ADDED, published="2020-03-02")
    got = annotate.load_corpus(corpus_copy)
    assert cleaned == ["Added article"] and annotate.COMPUTED["load_corpus"] == 2
    monkeypatch.setattr(workbook.cleaning, "clean", real)
    pd.testing.assert_frame_equal(got, corpus.load_corpus(corpus_copy))
    assert [repr(r) for r in got["removed"]] == [repr(r) for r in corpus.load_corpus(corpus_copy)["removed"]]


@pytest.mark.trust("freshness")
def test_an_edited_cleaning_rule_cleans_every_article_again(corpus_copy):
    docs = annotate.load_corpus(corpus_copy)
    assert annotate.COMPUTED["cleaning"] == len(docs)
    edit_table(corpus_copy, "furniture.csv", lambda rows: rows.append(
        {**rows[-1], "rule": "test_rule", "action": "line", "pattern": r"^Subscribe to our newsletter$", "why": "test"}))
    pd.testing.assert_frame_equal(annotate.load_corpus(corpus_copy), corpus.load_corpus(corpus_copy))
    assert annotate.COMPUTED["cleaning"] == 2 * len(docs)


def test_adding_one_article_annotates_that_article_only(corpus_copy, calls):
    docs = annotate.load_corpus(corpus_copy)
    annotate.annotate(docs, corpus_copy)
    assert sorted(calls["statements"]) == sorted(docs["doc_id"])
    calls.clear()
    annotate.annotate(docs, corpus_copy)
    assert not calls, "a second run computes nothing"
    add_article(corpus_copy, "zz_added", ADDED, published="2020-03-02")
    docs = annotate.load_corpus(corpus_copy)
    annotate.annotate(docs, corpus_copy)
    assert {stage: ids for stage, ids in calls.items()} == {stage: ["zz_added"] for stage in annotate.PER_ARTICLE}
    calls.clear()
    assert_all_equal(docs, corpus_copy)                # with the added article, against the uncached calls
    assert not calls, "the cached calls read what annotate stored"
    assert (annotate.statements(docs, corpus_copy)["doc_id"] == "zz_added").any()


def test_a_lone_surname_reads_the_full_name_of_another_article_in_any_part(corpus_copy, calls, monkeypatch):
    """Statements are computed a part at a time, but "Kalovit said" counts toward the "Ahmet Kalovit"
    another article names, whichever parts the two fall in; when that full name arrives later, the
    article that wrote only the surname is annotated again."""
    monkeypatch.setattr(annotate, "PART", 1)                    # every article in a part of its own
    add_article(corpus_copy, "zz_surname", "Kalovit said on Monday that the talks would go on in Ankara.\n")
    docs = annotate.load_corpus(corpus_copy)
    said = annotate.statements(docs, corpus_copy)
    assert said.loc[said["doc_id"] == "zz_surname", "speaker"].tolist() == ["Kalovit"]
    add_article(corpus_copy, "zz_full", "Ahmet Kalovit, an analyst in Istanbul, said the S-400 deal was final.\n",
                published="2020-02-01")
    docs = annotate.load_corpus(corpus_copy)
    calls.clear()
    said = annotate.statements(docs, corpus_copy)
    assert said.loc[said["doc_id"] == "zz_surname", "speaker"].tolist() == ["Ahmet Kalovit"]
    assert sorted(calls["statements"]) == ["zz_full", "zz_surname"]
    pd.testing.assert_frame_equal(said, statements.statements(docs, corpus_copy))


def test_the_sources_report_is_kept_whole_and_equals_the_uncached_one(corpus_copy):
    from dataclasses import fields

    from workbook.sources.report import sources_report
    docs = annotate.load_corpus(corpus_copy)
    sents = annotate.sentences(docs)
    expected = sources_report(docs, sents, corpus_copy)
    for _ in range(2):                                  # computed and stored, then read back
        got = annotate.sources_report(docs, sents, corpus_copy)
        for f in fields(got):
            pd.testing.assert_frame_equal(getattr(got, f.name), getattr(expected, f.name), obj=f.name)
        assert got.findings() == expected.findings()
    assert annotate.COMPUTED["sources_report (corpus-wide)"] == 1
    add_article(corpus_copy, "zz_added", ADDED, published="2020-03-02")
    docs = annotate.load_corpus(corpus_copy)
    assert "zz_added" in set(annotate.sources_report(docs, annotate.sentences(docs), corpus_copy).voices["doc_id"])
    assert annotate.COMPUTED["sources_report (corpus-wide)"] == 2


def test_kind_phrases_come_from_the_cache_only_for_the_articles_own_mentions(docs):
    sents = annotate.sentences(docs)
    ments = annotate.mentions(docs, sents=sents)
    annotate.kind_mentions(docs, ments, sents)
    assert annotate.COMPUTED["kind_mentions"] == len(docs)
    without_s400 = ments[ments["entity"] != "S-400"]          # other mentions: read as given, never from the cache
    got = annotate.kind_mentions(docs, without_s400, sents)
    pd.testing.assert_frame_equal(got, anaphora.kind_mentions(docs, without_s400, sents))
    assert "S-400" in set(annotate.kind_mentions(docs, ments, sents)["entity"]) and "S-400" not in set(got["entity"])
    assert annotate.COMPUTED["kind_mentions"] == len(docs)


def test_suspicious_lines_are_kept_whole_per_corpus_and_equal_the_uncached_ones(corpus_copy):
    from conftest import add_article as add_raw

    from workbook import review

    shared = "Russia said on Tuesday that the second batch would be delivered on time."
    add_raw(corpus_copy, "one", f"A headline about the S-400\nTurkey said it would buy more.\n{shared}")
    add_raw(corpus_copy, "two", f"Another headline\n{shared}")
    docs = annotate.load_corpus(corpus_copy)
    expected = review.suspicious(docs, corpus_copy)
    assert set(expected["reason"]) == {"also in one", "also in two"}
    for _ in range(2):
        pd.testing.assert_frame_equal(annotate.suspicious(docs, corpus_copy), expected)
    assert annotate.COMPUTED["suspicious (corpus-wide)"] == 1
    add_raw(corpus_copy, "three", f"A third headline\n{shared}")      # another article: flagged anew, with it
    docs = annotate.load_corpus(corpus_copy)
    got = annotate.suspicious(docs, corpus_copy)
    assert "also in one, two" in set(got["reason"]) and annotate.COMPUTED["suspicious (corpus-wide)"] == 2


def test_candidates_after_adding_articles_compute_only_what_changed(corpus_copy):
    docs = annotate.load_corpus(corpus_copy)
    annotate.candidates(docs, corpus_copy)
    assert annotate.COMPUTED["name_occurrences"] == len(docs)
    # a name no table knows, written capitalised at a sentence start: a candidate while no article writes it in lower case
    add_article(corpus_copy, "zz_name", "Kalovit said on Monday that the talks in Ankara would resume in March.\n"
                "Kalovit told reporters the second battery had arrived.\n", published="2020-03-02")
    docs = annotate.load_corpus(corpus_copy)
    annotate.COMPUTED.clear()
    got = annotate.candidates(docs, corpus_copy)
    pd.testing.assert_frame_equal(got, candidates.candidates(docs, corpus_copy))
    assert "Kalovit" in set(got["surface"]) and annotate.COMPUTED["name_occurrences"] == 1
    # another article writes the word in lower case: the first is read again, and the name is no candidate
    add_article(corpus_copy, "zz_word", "The officials said on Monday that the kalovit talks in Ankara had ended "
                "and that the next round would open in March.\n", published="2020-03-03")
    docs = annotate.load_corpus(corpus_copy)
    annotate.COMPUTED.clear()
    got = annotate.candidates(docs, corpus_copy)
    pd.testing.assert_frame_equal(got, candidates.candidates(docs, corpus_copy))
    assert "Kalovit" not in set(got["surface"]) and annotate.COMPUTED["name_occurrences"] == 2


def test_corpus_wide_steps_are_redone_when_the_articles_change(corpus_copy):
    docs = annotate.load_corpus(corpus_copy)
    for call in (annotate.events, annotate.relations, annotate.candidates):
        call(docs, corpus_copy)
        call(docs, corpus_copy)
    assert [annotate.COMPUTED[f"{s} (corpus-wide)"] for s in ("events", "relations", "candidates")] == [1, 1, 1]
    subset = docs[docs["doc_id"].isin(SEED_IDS[:3])].reset_index(drop=True)
    pd.testing.assert_frame_equal(annotate.events(subset, corpus_copy), events.events(subset, corpus_copy))
    pd.testing.assert_frame_equal(annotate.relations(subset, corpus_copy), relations.relations(subset, corpus_copy))
    assert annotate.COMPUTED["events (corpus-wide)"] == 2 and annotate.COMPUTED["events"] == len(docs)


@pytest.mark.trust("freshness")
def test_an_edited_article_is_annotated_again(corpus_copy, calls):
    docs = annotate.load_corpus(corpus_copy)
    annotate.annotate(docs, corpus_copy)
    calls.clear()
    edited = docs.copy()
    edited.loc[1, "text"] = edited.loc[1, "text"].replace("Stoltenberg", "Jens Stoltenberg", 1)
    annotate.annotate(edited, corpus_copy)
    assert dict(calls) == {stage: [edited.loc[1, "doc_id"]] for stage in annotate.PER_ARTICLE}
    calls.clear()
    moved = docs.copy()
    moved.loc[2, "reference_date"] = moved.loc[2, "reference_date"] - pd.Timedelta(days=7)   # "last week" moves
    pd.testing.assert_frame_equal(annotate.events(moved, corpus_copy), events.events(moved, corpus_copy))
    assert calls["events"] == [moved.loc[2, "doc_id"]]


@pytest.mark.trust("freshness")
def test_an_edited_table_invalidates_every_article(corpus_copy, calls):
    docs = annotate.load_corpus(corpus_copy)
    annotate.annotate(docs, corpus_copy)
    calls.clear()
    edit_table(corpus_copy, "aliases.csv", lambda rows: rows.append(
        {**{k: "" for k in rows[0]}, "alias": "Alliance", "entity": "NATO", "type": "variant"}))
    annotate.annotate(docs, corpus_copy)
    assert sorted(calls["mentions"]) == sorted(docs["doc_id"])
    pd.testing.assert_frame_equal(annotate.mentions(docs, corpus_copy), mentions.mentions(docs, corpus_copy))


def test_the_code_key_follows_every_module(tmp_path):
    import shutil

    assert store._code_key(helpers.ROOT) == store.CODE_KEY
    copy = tmp_path / "repo"
    shutil.copytree(helpers.ROOT / "workbook", copy / "workbook")
    assert store._code_key(copy) == store.CODE_KEY
    (copy / "workbook" / "time" / "rules.py").write_text("# edited\n", encoding="utf-8")
    assert store._code_key(copy) != store.CODE_KEY


def test_a_change_of_code_invalidates_every_article(docs, calls, monkeypatch):
    annotate.annotate(docs)
    calls.clear()
    monkeypatch.setattr(store, "CODE_KEY", "another version of the code")
    annotate.annotate(docs)
    assert sorted(calls["sentences"]) == sorted(docs["doc_id"])


@pytest.mark.trust("freshness")
@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "empty", "another file's bytes", "a false record"])
def test_a_damaged_file_is_ignored_and_made_again(docs, own_cache, calls, damage):
    import hashlib

    annotate.annotate(docs)
    expected = statements.statements(docs)
    files = sorted(own_cache.rglob("statements/*.parquet"))
    assert files
    file = files[0]
    data = file.read_bytes()
    if damage == "flip a byte":
        file.write_bytes(data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:])
    elif damage == "truncate":
        file.write_bytes(data[:len(data) // 3])
    elif damage == "empty":
        file.write_bytes(b"")
    elif damage == "another file's bytes":
        file.write_bytes(sorted(own_cache.rglob("sentences/*.parquet"))[0].read_bytes())
    else:                                   # bytes that match the name, but rows that disagree with the record
        record, arrow = store.read_record(data)
        forged = store.to_parquet(store.to_frame(arrow, record).iloc[1:], {k: record[k] for k in ("kind", "stage", "keys", "key_rows")})
        file.unlink()
        file = file.with_name(f"{__import__('hashlib').sha256(forged).hexdigest()}.parquet")
        file.write_bytes(forged)
    damaged = file.read_bytes()
    calls.clear()
    got = annotate.statements(docs)
    pd.testing.assert_frame_equal(got, expected)
    assert sorted(calls["statements"]) == sorted(docs["doc_id"]), "the damaged part was computed again"
    assert not file.exists() or file.read_bytes() != damaged, "the damaged file is gone (or made again, whole)"
    for stored in own_cache.rglob("*.parquet"):
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == stored.stem.rsplit(".", 1)[-1]


@pytest.mark.trust("freshness")
def test_a_partial_write_leaves_nothing_to_read(docs, own_cache, calls):
    annotate.annotate(docs)
    folder = next(own_cache.rglob("mentions"))
    (folder / ".0123.parquet.99.tmp").write_bytes(b"PAR1 half a file")      # a write that stopped half-way
    calls.clear()
    pd.testing.assert_frame_equal(annotate.mentions(docs), mentions.mentions(docs))
    assert not calls


def test_other_sentences_are_used_as_given(docs):
    sents = sentences.sentences(docs)
    few = sents[sents["sent_id"] <= 3].reset_index(drop=True)       # not what sentences(docs) gives
    pd.testing.assert_frame_equal(annotate.statements(docs, sents=few), statements.statements(docs, sents=few))
    pd.testing.assert_frame_equal(annotate.events(docs, sents=few), events.events(docs, sents=few))
    assert not annotate.COMPUTED


def test_tables_round_trip_exactly():
    table = pd.DataFrame({
        "text": pd.Series(["a", None, "ç İ"], dtype="str"), "obj": pd.Series(["x", None, "z"], dtype=object),
        "n": [1, 2, 3], "maybe": pd.array([1, None, 3], dtype="Int64"), "ok": [True, False, True],
        "day": pd.to_datetime(["2017-01-01", None, "2018-02-03"]).astype("datetime64[ns]"), "x": [0.5, np.nan, 2.0],
        "removed": [[("rule", "line")], [], [("a", "b"), ("c", "d")]]})
    record, arrow = store.read_record(store.to_parquet(table, {"kind": "test"}))
    back = store.to_frame(arrow, record)
    pd.testing.assert_frame_equal(back, table)
    assert back["obj"].iloc[1] is None and back["removed"].iloc[2][1] == ("c", "d")


def test_parallel_parts_equal_serial(corpus_copy, monkeypatch, tmp_path):
    add_article(corpus_copy, "zz_added", ADDED, published="2020-03-02")
    docs = corpus.load_corpus(corpus_copy)
    monkeypatch.setattr(annotate, "PART", 2)
    annotate.annotate(docs, corpus_copy, workers=2)
    assert annotate.COMPUTED["statements"] == len(docs)
    assert_all_equal(docs, corpus_copy)


def test_dask_local_cluster_equals_single_process(corpus_copy, monkeypatch):
    """The same parts computed by two Dask worker processes (map_partitions on a LocalCluster) give the
    same rows as one process."""
    pytest.importorskip("distributed", reason="dask and distributed are in requirements.txt")
    add_article(corpus_copy, "zz_added", ADDED, published="2020-03-02")
    docs = corpus.load_corpus(corpus_copy)
    monkeypatch.setattr(annotate, "PART", 2)
    done = annotate.annotate(docs, corpus_copy, workers=2, scheduler="local")
    assert done == {stage: len(docs) for stage in annotate.PER_ARTICLE}
    assert_all_equal(docs, corpus_copy)
    assert annotate.COMPUTED["statements"] == len(docs), "the cached calls computed nothing more"


def test_a_catalog_with_missing_cells_has_keys(docs):
    """Articles added without every catalog column (NaN, None, NaT in a column) still get keys, and a
    missing value is not the text "nan"."""
    extra = pd.DataFrame({"doc_id": ["x1", "x2"], "text": ["Turkey bought the S-400 in July 2017.", "Same."],
                          "outlet": ["nan", None], "reference_date": [pd.Timestamp("2017-07-20"), pd.NaT]})
    more = pd.concat([docs, extra], ignore_index=True)
    keys = store.article_keys(more)
    assert len(set(keys)) == len(more)
    assert store.article_keys(more.assign(outlet=more["outlet"].replace({None: "nan"}))) != keys
    pd.testing.assert_frame_equal(annotate.mentions(more), mentions.mentions(more))


def test_every_cached_call_takes_the_parameters_of_its_stage():
    """helpers' cached calls stand in for the stages' own: a parameter a stage gains must reach the cache too."""
    import inspect

    import workbook.anaphora
    import workbook.annotate
    import workbook.candidates
    import workbook.claims
    import workbook.corpus
    import workbook.mentions
    import workbook.relations
    import workbook.review
    import workbook.sentences
    import workbook.show.tables
    import workbook.sources.report
    import workbook.statements
    import workbook.time.events
    import workbook.time.tagger

    stages = {"load_corpus": workbook.corpus, "sentences": workbook.sentences, "mentions": workbook.mentions,
              "candidates": workbook.candidates, "statements": workbook.statements, "relations": workbook.relations,
              "events": workbook.time.events, "unresolved_times": workbook.time.tagger,
              "open_workbook": workbook.show.tables, "claims": workbook.claims,
              "candidate_sentences": workbook.candidates, "sources_report": workbook.sources.report,
              "kind_mentions": workbook.anaphora, "with_kind_mentions": workbook.anaphora,
              "suspicious": workbook.review}
    for name, module in stages.items():
        cached, own = getattr(workbook.annotate, name), getattr(module, name)
        assert list(inspect.signature(cached).parameters) == list(inspect.signature(own).parameters), name
