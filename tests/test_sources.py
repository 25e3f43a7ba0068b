"""Notebook 05's helpers: reuse, attribution chains, voices, coverage, framing, the report.

Most tests use made-up articles in the shapes outlets write (wire copy, reposts, agency citations),
with names the corpus's tables know; a few read the seed articles, whose shared background the
issue names ("two Reuters pieces share a whole sentence of background").
"""
import pandas as pd
import pytest
from conftest import add_article, read_catalog, write_catalog

import helpers
from workbook.files import CorpusError
from workbook.sources import reuse as R
from workbook.sources.voices import _role_named


def corpus(*articles) -> tuple[pd.DataFrame, pd.DataFrame]:
    """docs and sentences of made-up articles: (doc_id, outlet, published, text) each."""
    docs = pd.DataFrame(articles, columns=["doc_id", "outlet", "published", "text"])
    docs["published"] = pd.to_datetime(docs["published"])
    docs = docs.assign(outlet_kind="", language="en", translated_from="")
    return docs, helpers.sentences(docs)


WIRE = ("ANKARA (Wire) - Turkey will take delivery of the first S-400 batteries in July, a senior official said.\n"
        "Ankara's decision to buy the Russian system has been seen in some Western capitals as a snub to the "
        "alliance, given tensions with Moscow over Ukraine and Syria.\n"
        "The weather in the capital was mild on Monday.")

# --- reuse ----------------------------------------------------------------------------------------

def test_words_ignore_lost_and_curly_apostrophes_and_case():
    assert R.words("Ankara’s decision HASN'T changed") == R.words("Ankara s decision hasn t changed") \
        == ["ankara", "decision", "hasn", "changed"]


def test_passages_are_clause_long_and_short_sentences_have_none():
    assert R.passages("He said so.") == []
    parts = R.passages("The deal was signed in Moscow on Friday, officials said, and the first batteries "
                       "will be delivered to Turkey before the end of next year.")
    assert all(len(p) >= R.MIN_WORDS for p in parts) and len(parts) == 2
    assert sum(parts, []) == R.words("The deal was signed in Moscow on Friday, officials said, and the first "
                                     "batteries will be delivered to Turkey before the end of next year.")


def test_signatures_are_datasketchs_own():
    from datasketch import MinHash

    sets = [{"snub", "alliance", "western"}, {"ukraine"}, {"syria", "moscow", "tensions", "given"}]
    ours = R.minhashes(sets)
    theirs = MinHash.bulk([[w.encode("utf-8") for w in s] for s in sets], num_perm=R.NUM_PERM)
    assert [list(m.hashvalues) for m in ours] == [list(m.hashvalues) for m in theirs]


def test_a_repost_with_small_edits_is_found_earlier_first():
    repost = WIRE.replace("Ankara's", "Ankara s").replace("in July", "in August").replace("mild", "cold and wet")
    docs, sents = corpus(("b_repost", "Site", "2019-03-02", repost), ("z_wire", "Wire", "2019-03-01", WIRE))
    pairs = helpers.reuse(docs, sents)
    # the doc_ids sort the other way: earlier means earlier published
    assert set(pairs["earlier_doc"]) == {"z_wire"} and set(pairs["later_doc"]) == {"b_repost"}
    same = pairs.set_index("later_sent")
    assert same.loc[2, "kind"] == "same sentence" and same.loc[2, "similarity"] == 1.0   # lost apostrophe only
    assert same.loc[1, "kind"] == "same sentence" and same.loc[1, "similarity"] < 1.0    # one word changed
    assert 3 not in same.index                                                              # a short sentence
    arts = helpers.reused_articles(pairs, sents)
    assert arts[["earlier_doc", "later_doc", "later_sentences", "reads_as"]].values.tolist() == \
        [["z_wire", "b_repost", 2, "repost"]]


def test_a_shared_clause_inside_different_sentences_is_a_shared_passage():
    later = ("NATO member Turkey says it plans to buy Russian missiles, a decision which has been seen in some "
             "Western capitals as a snub to the alliance, given tensions with Moscow over Ukraine and Syria.")
    docs, sents = corpus(("a", "Wire", "2019-03-01", WIRE), ("b", "Wire", "2019-04-01", later))
    row = helpers.reuse(docs, sents).iloc[0]
    assert (row["earlier_doc"], row["earlier_sent"], row["later_doc"], row["kind"]) == ("a", 2, "b", "shared passage")
    assert "seen in some western capitals as snub to the alliance" in row["shared"]
    assert row["earlier_sentence"].startswith("Ankara's decision") and row["later_sentence"] == later


def test_same_topic_without_shared_words_is_not_reuse():
    other = ("Russia began delivering the S-400 system to Turkey in July, and Washington answered by "
             "removing Ankara from the F-35 programme.\n"
             "Moscow and Ankara say a second contract for more S-400 batteries is close.")
    docs, sents = corpus(("a", "Wire", "2019-03-01", WIRE), ("b", "Other", "2019-08-01", other))
    assert helpers.reuse(docs, sents).empty


def test_one_article_or_none_gives_no_pairs():
    docs, sents = corpus(("a", "Wire", "2019-03-01", WIRE + "\n" + WIRE))        # repeats itself: not reuse
    assert helpers.reuse(docs, sents).empty and helpers.reused_articles(helpers.reuse(docs, sents), sents).empty
    assert list(helpers.reuse(docs.iloc[:0], sents.iloc[:0]).columns) == helpers.REUSE_COLUMNS


def test_a_stock_sentence_in_many_articles_lists_at_most_max_matches_each():
    arts = [(f"d{i:02d}", f"Outlet {i}", f"2019-03-{i + 1:02d}", WIRE) for i in range(8)]
    docs, sents = corpus(*arts)
    pairs = helpers.reuse(docs, sents, max_matches=3)
    per_later = pairs.groupby(["later_doc", "later_sent"]).size()
    assert per_later.max() == 3 and per_later.loc[("d01", 2)] == 1                 # d01 has only d00 before it
    assert (pairs["earlier_published"] < pairs["later_published"]).all()


def test_the_two_reuters_reports_share_their_background(docs, sents):
    pairs = helpers.reuse(docs, sents)
    reuters = pairs[(pairs["earlier_doc"] == "001_31effb363b0d78ed") & (pairs["later_doc"] == "000_84b025bfe7532d12")]
    assert "seen in some western capitals as snub to the alliance given tensions with moscow" in " ".join(reuters["shared"])
    assert "weapons cannot be integrated into nato defense" in " ".join(reuters["shared"])
    assert (reuters["earlier_published"] < reuters["later_published"]).all()


# --- attribution chains --------------------------------------------------------------------------

def chains(text: str, outlet: str = "Test Outlet") -> pd.DataFrame:
    docs, sents = corpus(("t", outlet, "2019-03-01", text))
    return helpers.attributions(docs, sents, helpers.mentions(docs, sents=sents))


@pytest.mark.parametrize("text, teller, source, kind", [
    ("A senior Turkish military official told Bloomberg last week that the deal was done.",
     "Test Outlet", "Bloomberg", "told"),
    ("The first batteries will arrive in July, according to Russian state-owned outlet Sputnik.",
     "Test Outlet", "Sputnik", "according to"),
    ("Mikheev said in an interview with RIA that deliveries were on schedule.", "Test Outlet", "RIA Novosti", "interview"),
    ("The contract is worth $2.5 billion, Bloomberg reported on Thursday.", "Test Outlet", "Bloomberg", "reported"),
    ("Reuters news agency said the unnamed officials had warned Turkey.", "Test Outlet", "Reuters", "reported"),
    ("The talks will resume next month, the minister was quoted by RIA Novosti as saying.",
     "Test Outlet", "RIA Novosti", "quoted by"),
    ("Ankara has paid an advance, citing Anadolu, a state news agency.", "Test Outlet", "Anadolu", "citing"),
])
def test_one_cue_one_edge(text, teller, source, kind):
    found = chains(text)
    assert found[["teller", "source", "kind"]].values.tolist() == [[teller, source, kind]]


def test_a_name_the_tables_do_not_know_is_kept_as_written():
    row = chains("Ankara has paid an advance, citing Anadolu, a state news agency.").iloc[0]
    assert (row["source"], row["source_entity"]) == ("Anadolu", "")


@pytest.mark.parametrize("text", [
    "Erdogan told reporters the deal was done.",                        # names no medium
    "Erdogan had told him that Ankara was discussing other systems.",   # a person, not a medium
    "Stoltenberg said the decision was sovereign.",                     # a statement, not a citation
    "US officials said the offer expires in March.",
    "The deal was signed, according to the statement.",                 # no name
])
def test_no_edge_where_no_medium_is_named(text):
    assert chains(text).empty


def test_a_channel_hangs_off_the_relay_in_its_sentence():
    found = chains("The S-400 would close Turkish skies, Makienko told Russian news site Vzglyad, "
                   "according to Russian state-owned outlet Sputnik.")
    assert sorted(found[["teller", "source", "kind"]].values.tolist()) == \
        [["Sputnik", "Vzglyad", "told"], ["Test Outlet", "Sputnik", "according to"]]


def test_an_outlets_own_interview_is_marked_own():
    found = chains("There are no S-400s in Turkey as we speak, General Tod Wolters told Reuters in Berlin.", "Reuters")
    assert found[["teller", "source", "own"]].values.tolist() == [["Reuters", "Reuters", True]]


def test_a_repost_is_told_by_its_original():
    found = chains("A Turkish official also told Bloomberg that the systems would have no friend-or-foe "
                   "identification.", "Global Research (reposting Defend Democracy Press)")
    assert sorted(found[["teller", "source", "kind"]].values.tolist()) == \
        [["Defend Democracy Press", "Bloomberg", "told"], ["Global Research", "Defend Democracy Press", "reposts"]]


def test_a_cue_is_found_whatever_its_first_word(corpus_copy):
    with open(corpus_copy / "attribution.csv", "a", encoding="utf-8") as f:     # not ASCII; after a letter
        f.write("según {source},según,relay,any,\nx-ray by {source},x-ray,relay,any,\n")
    docs, sents = corpus(("t", "Test Outlet", "2019-03-01", "The batteries will arrive in July, SEGÚN Sputnik. "
                                                            "The base was seen in an x-ray by Bloomberg."))
    found = helpers.attributions(docs, sents, helpers.mentions(docs, corpus_copy, sents=sents), corpus_copy)
    assert found[["source", "kind", "cue"]].values.tolist() == [["Sputnik", "según", "SEGÚN"],
                                                               ["Bloomberg", "x-ray", "x-ray by"]]


def test_bad_cue_rows_are_reported_by_file_and_row(corpus_copy):
    with open(corpus_copy / "attribution.csv", "a", encoding="utf-8") as f:
        f.write("told someone,told,channel,any,no placeholder\n"
                "according to {source},according to,middle,anyone,duplicate with bad role and needs\n")
    with pytest.raises(CorpusError) as err:
        helpers.attribution_cues(corpus_copy)
    text = str(err.value)
    rows = len(lines_of(corpus_copy / "attribution.csv"))
    assert f"row {rows - 1} (told someone): cue must be words with {{source}}" in text
    assert f"row {rows} (according to {{source}}): role 'middle'" in text and "needs 'anyone'" in text
    assert "cue 'according to {source}' has more than one row" in text


def lines_of(path):
    return path.read_text(encoding="utf-8").splitlines()


# --- voices ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("surface, expected", [
    ("the Kremlin spokesman", True), ("Turkey's foreign minister", True), ("the head", True),
    ("a senior official", False), ("officials", False), ("a spokesman", False), ("US officials", False),
])
def test_role_named_means_one_identifiable_office(surface, expected):
    assert _role_named(surface) is expected


def voices_of(*articles):
    docs, sents = corpus(*articles)
    return helpers.voices(helpers.statements(docs, sents=sents), docs, helpers.entities())


def test_voices_sides_and_tones():
    v = voices_of(("t", "Test Outlet", "2019-03-01",
                   "US officials said the offer expires in March.\n"
                   "A senior Turkish military official told Bloomberg that the deal was done.\n"
                   "Turkish Foreign Minister Mevlut Cavusoglu insisted that the purchase was final.\n"
                   "Jens Stoltenberg said it was a sovereign decision.\n"
                   "Moscow announced that the talks had ended."))
    got = v[["voice", "side", "tone"]].values.tolist()
    assert got == [["unnamed source", "United States", "neutral"], ["unnamed source", "Turkey", "neutral"],
                   ["named person", "Turkey", "charged"], ["named person", "NATO", "neutral"],
                   ["institution", "Russia", "neutral"]]
    assert v["anonymous"].tolist() == [True, True, False, False, False]


def test_shares_compare_outlets_of_different_size():
    v = voices_of(("a", "Big", "2019-03-01", "US officials said the offer expires.\nJens Stoltenberg said no.\n"
                   "Mike Pompeo said yes.\nFuat Oktay warned the allies."),
                  ("b", "Small", "2019-03-02", "US officials said the offer expires in March."))
    shares = helpers.voice_shares(v).set_index("outlet")
    assert shares.loc["Big", "statements"] == 4 and shares.loc["Big", "anonymous"] == 0.25
    assert shares.loc["Small", "anonymous"] == 1.0
    kinds = shares[list(helpers.VOICE_KINDS)]
    assert (kinds.sum(axis=1).round(2) == 1.0).all()
    verbs = helpers.verbs_by_side(v).set_index(["outlet", "side"])
    assert verbs.loc[("Big", "Turkey"), "share_charged"] == 1.0 and verbs.loc[("Big", "Turkey"), "verbs"] == "warned 1"


def test_voices_keep_extra_columns_of_a_newer_statements_table():
    docs, sents = corpus(("t", "Test Outlet", "2019-03-01", "US officials said the offer expires in March."))
    st = helpers.statements(docs, sents=sents).assign(outlet="stale", published=pd.NaT, speaker_kind="role-named official")
    v = helpers.voices(st, docs, helpers.entities())
    assert v["outlet"].tolist() == ["Test Outlet"] and v["voice"].tolist() == ["role-named official"]


# --- coverage and framing --------------------------------------------------------------------------

def test_only_here_and_shares():
    docs, sents = corpus(("a", "One", "2019-03-01", "Turkey bought the S-400.\nThe weather was mild."),
                         ("b", "Two", "2019-03-02", "Turkey and Germany met."))
    ments = helpers.mentions(docs, sents=sents)
    only = helpers.only_here(ments, sents, docs)
    assert sorted(zip(only["entity"], only["outlet"])) == [("Germany", "Two"), ("S-400", "One")]
    shares = helpers.mention_shares(ments, sents, docs)
    assert shares.loc["One", "Turkey"] == 0.5 and shares.loc["Two", "Turkey"] == 1.0
    assert helpers.only_here(ments[ments["doc_id"] == "a"], sents, docs.iloc[:1]).empty     # one outlet


def test_framing_sets_outlets_side_by_side():
    ev = pd.DataFrame({"happening": ["H1", "H1", "H2"], "outlet": ["B", "A", "A"], "doc_id": ["b", "a", "a"],
                       "sent_id": [1, 2, 3], "published": pd.to_datetime(["2019-02-01", "2019-01-01", "2019-01-01"]),
                       "linked_by": ["coup"] * 3, "surface": ["July 2016"] * 3, "start": pd.NaT, "end": pd.NaT,
                       "sentence": ["s1", "s2", "s3"]})
    v = pd.DataFrame({"doc_id": ["b"], "sent_id": [1], "speaker": [""], "speaker_surface": ["US officials"],
                      "verb": ["warned"]})
    att = pd.DataFrame({"doc_id": ["a"], "sent_id": pd.array([2], dtype="Int64"), "kind": ["according to"],
                        "source": ["Sputnik"]})
    frame = helpers.framing(ev, v, att)
    assert frame[["outlet", "speakers", "sources"]].values.tolist() == \
        [["A", "", "according to Sputnik"], ["B", "US officials (warned)", ""]]


# --- the report on corpora with articles added ------------------------------------------------------

def test_report_on_a_corpus_with_a_repost_and_a_translation(corpus_copy):
    original = next(r for r in read_catalog(corpus_copy) if r["doc_id"] == "001_31effb363b0d78ed")
    text = (corpus_copy / "articles" / "001_31effb363b0d78ed.txt").read_text(encoding="utf-8")
    repost = text.replace("Ankara's", "Ankara s").replace("sovereign decision", "sovereign choice")
    add_article(corpus_copy, "901_repost", repost, outlet="Echo Site (reposting Reuters)",
                published="2017-10-12", outlet_kind="aggregator")
    add_article(corpus_copy, "902_translated", "Turkish Foreign Minister Mevlut Cavusoglu said that Ankara "
                "bought the system for its needs, according to Sputnik.", outlet="Translated Daily",
                published="2019-11-27", language="en", translated_from="tr")
    docs = helpers.load_corpus(corpus_copy)
    report = helpers.sources_report(docs, helpers.sentences(docs), corpus_copy)
    arts = report.reused_articles.set_index(["earlier_doc", "later_doc"])
    assert arts.loc[(original["doc_id"], "901_repost"), "reads_as"] == "repost"
    att = report.attributions
    assert ["Echo Site", "Reuters", "reposts"] in att[["teller", "source", "kind"]].values.tolist()
    assert ["Translated Daily", "Sputnik", "according to"] in att[["teller", "source", "kind"]].values.tolist()
    assert report.coverage.set_index("outlet").loc["Translated Daily", "translated"] == 1
    assert any("repost" in line for line in report.findings())


def test_report_on_one_article_says_nothing_to_compare(corpus_copy):
    keep = read_catalog(corpus_copy)[:1]
    write_catalog(corpus_copy, keep)
    for txt in (corpus_copy / "articles").glob("*.txt"):
        if txt.stem != keep[0]["doc_id"]:
            txt.unlink()
    docs = helpers.load_corpus(corpus_copy)
    lines = helpers.sources_report(docs, helpers.sentences(docs), corpus_copy).findings()
    assert "Only one outlet: nothing to compare across outlets." in lines
    assert "One article: nothing to compare for reused passages." in lines
