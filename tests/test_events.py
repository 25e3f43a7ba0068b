"""Time expressions resolved against the reference date, and the chronology built on them.

Every expected interval below was worked out by hand from the calendar, not copied from output.
Weekday anchors used: 2017-07-17 is a Monday, 2017-10-10 a Tuesday, 2017-11-08 a Wednesday,
2019-03-15 a Friday, 2019-11-26 a Tuesday, 2018-01-01 a Monday, 2020-01-12 a Sunday.
"""
import re

import pandas as pd
import pytest
from conftest import add_article

import helpers

# (sentence, reference date, the expression as it should be found, start, end, precision)
CASES = [
    # full dates, month and year, years
    ("The deal was signed on July 24, 2017.", "2017-11-08", "on July 24, 2017", "2017-07-24", "2017-07-24", "day"),
    ("The deal was signed on 23 July 2017.", "2017-11-08", "on 23 July 2017", "2017-07-23", "2017-07-23", "day"),
    ("Russia's Crimea annexation in March 2014 damaged ties.", "2017-10-10", "in March 2014", "2014-03-01", "2014-03-31", "month"),
    ("It joined during the first enlargement in 1952.", "2017-07-17", "in 1952", "1952-01-01", "1952-12-31", "year"),
    ("After Washington's 2015 decision to withdraw its Patriots.", "2019-03-15", "2015", "2015-01-01", "2015-12-31", "year"),
    ("The summit in Berlin 2015 failed.", "2017-07-17", "2015", "2015-01-01", "2015-12-31", "year"),
    ("It hopes to see the system delivered in 2019.", "2017-10-10", "in 2019", "2019-01-01", "2019-12-31", "year"),
    ("The attempted coup in July 2016 failed.", "2017-07-17", "in July 2016", "2016-07-01", "2016-07-31", "month"),
    ("Such systems were common in the 1990s.", "2017-07-17", "in the 1990s", "1990-01-01", "1999-12-31", "decade"),
    # bare months: past or future from the clause
    ("Moscow said it will install the system in October.", "2019-03-15", "in October", "2019-10-01", "2019-10-31", "month"),
    ("I spoke with him when I met him in September.", "2017-10-10", "in September", "2017-09-01", "2017-09-30", "month"),
    ("The talks will resume in February.", "2017-11-08", "in February", "2018-02-01", "2018-02-28", "month"),
    ("He visited Ankara in December.", "2017-11-08", "in December", "2016-12-01", "2016-12-31", "month"),
    ("Deliveries are set to begin in May.", "2019-03-15", "in May", "2019-05-01", "2019-05-31", "month"),
    ("The purge followed last July's failed coup bid.", "2017-10-10", "last July", "2017-07-01", "2017-07-31", "month"),
    ("The purge followed last July's failed coup bid.", "2017-07-17", "last July", "2016-07-01", "2016-07-31", "month"),
    # weekdays
    ("Turkey signed a letter of intent on Wednesday.", "2017-11-08", "on Wednesday", "2017-11-08", "2017-11-08", "day"),
    ("He spoke on a plane late on Monday.", "2017-10-10", "late on Monday", "2017-10-09", "2017-10-09", "day"),
    ("Mattis told reporters on Friday.", "2017-07-17", "on Friday", "2017-07-14", "2017-07-14", "day"),
    ("On Sunday, Erdogan accused the EU.", "2017-07-17", "On Sunday", "2017-07-16", "2017-07-16", "day"),
    ("Officials spoke on Thursday.", "2017-11-01", "on Thursday", "2017-10-26", "2017-10-26", "day"),
    ("The ministers will meet on Friday.", "2017-11-08", "on Friday", "2017-11-10", "2017-11-10", "day"),
    ("Parliament will vote on Monday.", "2019-11-29", "on Monday", "2019-12-02", "2019-12-02", "day"),
    # relative periods
    ("Zapad was held last month.", "2017-10-10", "last month", "2017-09-01", "2017-09-30", "month"),
    ("The report came out last month.", "2018-01-15", "last month", "2017-12-01", "2017-12-31", "month"),
    ("Russia hopes to sign a contract next year.", "2019-12-20", "next year", "2020-01-01", "2020-12-31", "year"),
    ("Talks resume next month.", "2019-12-20", "next month", "2020-01-01", "2020-01-31", "month"),
    ("An official told Bloomberg last week.", "2017-07-17", "last week", "2017-07-10", "2017-07-16", "week"),
    ("An official said so last week.", "2018-03-01", "last week", "2018-02-19", "2018-02-25", "week"),
    ("The ministers meet next week.", "2017-12-29", "next week", "2018-01-01", "2018-01-07", "week"),
    ("Oktay said earlier this month that it will go ahead.", "2019-03-15", "earlier this month", "2019-03-01", "2019-03-15", "month"),
    ("He took up the post three years ago.", "2017-10-10", "three years ago", "2014-01-01", "2014-12-31", "year"),
    ("The letter was drafted two weeks ago.", "2017-11-08", "two weeks ago", "2017-10-23", "2017-10-29", "week"),
    ("Ankara would receive two batteries within the coming year.", "2017-07-17", "within the coming year",
     "2017-07-17", "2018-07-17", "year"),
    ("Sales rose this year.", "2019-03-15", "this year", "2019-01-01", "2019-12-31", "year"),
    ("The contract was signed yesterday.", "2016-03-01", "yesterday", "2016-02-29", "2016-02-29", "day"),
    # parts of periods
    ("We hope to sign documents in the first half of 2020.", "2019-11-26", "in the first half of 2020",
     "2020-01-01", "2020-06-30", "half"),
    ("Russia hopes to sign in the first half of next year.", "2019-11-26", "in the first half of next year",
     "2020-01-01", "2020-06-30", "half"),
    ("Deliveries are due in the second half of this year.", "2019-03-15", "in the second half of this year",
     "2019-07-01", "2019-12-31", "half"),
    ("Orders rose in the first quarter of 2019.", "2019-11-26", "in the first quarter of 2019", "2019-01-01", "2019-03-31", "quarter"),
    ("They decided at the end of 2015 not to renew.", "2017-07-17", "at the end of 2015", "2015-10-01", "2015-12-31", "quarter"),
    ("Talks were scrapped in late 2016.", "2017-07-17", "in late 2016", "2016-10-01", "2016-12-31", "quarter"),
    ("Deliveries start in early 2018.", "2017-07-17", "in early 2018", "2018-01-01", "2018-03-31", "quarter"),
    ("The exercise took place in mid-2016.", "2017-07-17", "in mid-2016", "2016-04-01", "2016-09-30", "half"),
    ("An agreement was reached in mid-June.", "2017-07-17", "in mid-June", "2017-06-11", "2017-06-20", "week"),
    ("At the beginning of June, Putin said Moscow was ready.", "2017-07-17", "At the beginning of June",
     "2017-06-01", "2017-06-10", "week"),
    ("The deal was agreed at the end of February.", "2016-03-10", "at the end of February", "2016-02-21", "2016-02-29", "week"),
    ("The deal was agreed at the end of February.", "2017-03-10", "at the end of February", "2017-02-21", "2017-02-28", "week"),
    ("Troops left in the summer of 2016.", "2017-10-10", "in the summer of 2016", "2016-06-01", "2016-08-31", "season"),
    ("Troops left last summer.", "2017-07-17", "last summer", "2016-06-01", "2016-08-31", "season"),
    ("The leap-day talks were held on February 29.", "2017-03-10", "on February 29", "2016-02-29", "2016-02-29", "day"),
    # a future cue only governs what follows it (2019-11-26: June and July are behind, in 2019)
    ("He resigned in June and later joined the board.", "2019-11-26", "in June", "2019-06-01", "2019-06-30", "month"),
    ("Sanctions were imposed in July due to the purchase.", "2019-11-26", "in July", "2019-07-01", "2019-07-31", "month"),
    # day and month without a year, read like a bare month
    ("The deal was signed on 14 July.", "2019-11-26", "on 14 July", "2019-07-14", "2019-07-14", "day"),
    ("The deal was signed on 1 March.", "2019-11-26", "on 1 March", "2019-03-01", "2019-03-01", "day"),
    ("Deliveries will start on 1 March.", "2019-11-26", "on 1 March", "2020-03-01", "2020-03-01", "day"),
    # year ranges: every year from the first to the last; an ISO date
    ("The 2016-2017 talks failed.", "2019-11-26", "2016-2017", "2016-01-01", "2017-12-31", "year"),
    ("The 2016–17 talks failed.", "2019-11-26", "2016–17", "2016-01-01", "2017-12-31", "year"),
    ("The filing is dated 2019-11-26.", "2019-12-10", "2019-11-26", "2019-11-26", "2019-11-26", "day"),
]


@pytest.mark.parametrize("text, ref, surface, start, end, precision", CASES, ids=[f"{c[2]}@{c[1]}" for c in CASES])
def test_expression_resolves(text, ref, surface, start, end, precision):
    found = helpers.tag_times(text, ref)
    assert [f["surface"] for f in found] == [surface]
    f = found[0]
    assert (f["start"], f["end"], f["precision"]) == (pd.Timestamp(start), pd.Timestamp(end), precision)
    assert text[f["char_start"]:f["char_end"]] == surface


@pytest.mark.parametrize("text", [
    "Russia said Zapad involved some 13,000 troops.",
    "Ankara was ready to brief its allies in the U.S.-led 29-member bloc.",
    "Under the $2.5 billion agreement Ankara would receive two batteries.",
    "The system can hit targets up to 250 miles away.",
    "Turkey bought the S-400 and was removed from the F-35 programme; it may look at the S-500.",
    "6058530408001 82e6bcd8-1e1d-4f0f-8f3c-6f8e9a2b1c3d",
    "The deal may also serve political purposes.",
    "May the talks succeed, he said.",
    "Veterans March Against the Deal",
    "Some 2000 troops and 1500 km of border.",
    "new decade",
])
def test_numbers_that_are_not_dates(text):
    assert helpers.tag_times(text, "2019-11-26") == []


def test_the_clause_decides_the_tense():
    """'Who met him on Monday' is past even though the sentence goes on in the future."""
    found = helpers.tag_times("Erdogan, who met Putin on Monday, will travel to Sochi.", "2017-11-08")
    assert found[0]["start"] == pd.Timestamp("2017-11-06")


def test_a_future_cue_governs_only_what_follows_it():
    """2019-11-26 is a Tuesday: 'on Monday' is the day before; 'would' makes October the next one."""
    found = helpers.tag_times("It said on Monday it would deliver in October.", "2019-11-26")
    assert [(f["surface"], f["start"], f["end"], f["tense"]) for f in found] == [
        ("on Monday", pd.Timestamp("2019-11-25"), pd.Timestamp("2019-11-25"), "past"),
        ("in October", pd.Timestamp("2020-10-01"), pd.Timestamp("2020-10-31"), "future")]


def test_unplaceable_date_is_reported_not_dropped():
    failed = []
    assert helpers.tag_times("The letter is dated February 30, 2017.", "2017-03-10", failed=failed) == []
    assert [f["surface"] for f in failed] == ["February 30, 2017"] and "cannot be placed" in failed[0]["reason"]


def _article(text, ref="2019-11-26"):
    return pd.DataFrame({"doc_id": ["x"], "text": [text], "reference_date": [pd.Timestamp(ref)]})


def test_within_months_is_listed_once():
    docs = _article("Talks resumed within months.")
    vague = helpers.unresolved_times(docs)
    assert vague["surface"].tolist() == ["within months"] and "after the reference date" in vague["reason"][0]
    assert helpers.time_expressions(docs).empty


def test_a_backwards_year_range_is_listed_with_its_reason():
    vague = helpers.unresolved_times(_article("The 2017-2016 plan failed."))
    assert vague["surface"].tolist() == ["2017-2016"] and "ends (2016) before it starts (2017)" in vague["reason"][0]


# Month names and year-like numbers, found here independently of helpers. "May" and "March"
# alone are also words; the listed strings are documented non-dates.
_MONTH_OR_YEAR = re.compile(r"\b(?:January|February|April|June|July|August|September|October|November|December)\b"
                            r"|(?<![\d.,])(?:1[89]|20)\d\d(?!\d)")
NON_DATES = ("S-400", "$2.5 billion", "13,000 troops", "6058530408001", "2000 troops")
PROBES = ["The deal was signed on 14 July.", "The 2016-2017 talks failed.", "The 2016–17 talks failed.",
          "The pre-2016 talks failed.", "Erdogan met June Smith.", "It was 31 June.", "Some 2000 troops left in 2018.",
          "Under the $2.5 billion agreement signed in 2017.", "6058530408001 video", "Talks resumed within months."]


@pytest.mark.parametrize("texts", ["corpus", "probes"])
def test_nothing_that_looks_like_a_date_is_dropped(texts, docs, sents):
    if texts == "probes":
        docs = pd.DataFrame({"doc_id": [f"p{i}" for i in range(len(PROBES))], "text": PROBES,
                             "reference_date": pd.Timestamp("2019-11-26")})
        sents = helpers.sentences(docs)
    spans = pd.concat([helpers.time_expressions(docs, sents), helpers.unresolved_times(docs, sents)])
    covered = {d: list(zip(g["char_start"], g["char_end"])) for d, g in spans.groupby("doc_id")}
    for doc in docs.itertuples():
        skip = [(m.start(), m.end()) for n in NON_DATES for m in re.finditer(re.escape(n), doc.text)]
        for m in _MONTH_OR_YEAR.finditer(doc.text):
            inside = lambda pairs: any(a <= m.start() < b for a, b in pairs)      # noqa: E731
            assert inside(covered.get(doc.doc_id, [])) or inside(skip), (doc.doc_id, doc.text[m.start() - 30:m.end() + 30])


# --- the five articles -------------------------------------------------------------

# Expressions read off the cleaned articles by hand (doc prefix, surface), with the day the
# provenance note gives for the repost's relative dates.
SEED_EXPRESSIONS = {
    ("000", "on Wednesday"), ("000", "last month"),
    ("001", "late on Monday"), ("001", "in September"), ("001", "in 2019"), ("001", "last July"),
    ("001", "three years ago"), ("001", "in March 2014"), ("001", "last month"),
    ("002", "last week"), ("002", "within the coming year"), ("002", "At the beginning of June"), ("002", "in mid-June"),
    ("002", "at the end of 2015"), ("002", "in 1952"), ("002", "on Friday"), ("002", "in July 2016"),
    ("002", "in late 2016"), ("002", "On Sunday"),
    ("003", "on Tuesday"), ("003", "in the first half of next year"), ("003", "in the first half of 2020"),
    ("003", "last week"),
    ("004", "on Thursday"), ("004", "in October"), ("004", "earlier this month"), ("004", "2015"), ("004", "July 2016"),
}


@pytest.fixture(scope="module")
def chronology(docs, sents):
    return helpers.events(docs, sents=sents)


def test_every_seed_expression_is_found_and_nothing_else(chronology):
    found = set(zip(chronology["doc_id"].str[:3], chronology["surface"]))
    assert found == SEED_EXPRESSIONS


def test_repost_counts_from_its_reference_date_not_publication(chronology):
    repost = chronology[chronology["doc_id"].str.startswith("002")].set_index("surface")
    assert repost.loc["last week", ["start", "end"]].tolist() == [pd.Timestamp("2017-07-10"), pd.Timestamp("2017-07-16")]
    assert repost.loc["on Friday", "start"] == pd.Timestamp("2017-07-14")
    assert repost.loc["On Sunday", "start"] == pd.Timestamp("2017-07-16")


def test_vague_expressions_are_listed_with_a_reason(docs, sents):
    vague = helpers.unresolved_times(docs, sents)
    listed = set(zip(vague["doc_id"].str[:3], vague["surface"]))
    assert {("002", "in the months since"), ("004", "a day after"), ("004", "Earlier")} <= listed
    assert vague["reason"].str.len().gt(0).all()
    assert not (set(zip(vague["doc_id"], vague["char_start"])) &
                set(zip(helpers.time_expressions(docs, sents)["doc_id"],
                        helpers.time_expressions(docs, sents)["char_start"])))


def test_every_event_leads_back_to_its_sentence(docs, chronology):
    text = docs.set_index("doc_id")["text"]
    for row in chronology.itertuples():
        assert text[row.doc_id][row.char_start:row.char_end] == row.surface
        assert row.surface in row.sentence
    assert list(chronology.columns[:6]) == ["doc_id", "sent_id", "surface", "start", "end", "precision"]
    assert (chronology["start"] <= chronology["end"]).all()
    assert set(chronology["precision"]) <= set(helpers.PRECISIONS)


def test_actors_and_systems_come_from_the_sentence(chronology):
    row = chronology[chronology["doc_id"].str.startswith("003") & (chronology["sent_id"] == 14)].iloc[0]
    assert "Mike Pompeo" in row["actors"] and "S-400" in row["systems"]


def test_same_happening_across_articles_is_grouped_and_conflict_flagged(chronology):
    coup = chronology[chronology["sentence"].str.contains("coup") & chronology["surface"].str.contains("July")]
    assert coup["doc_id"].str[:3].tolist().count("001") == 1 and coup["happening"].nunique() == 1
    assert coup["n_articles"].eq(3).all()
    calendar = coup[coup["doc_id"].str.startswith("001")].iloc[0]
    assert calendar["start"] == pd.Timestamp("2017-07-01")            # the calendar reading is shown ...
    assert "2016-07" in calendar["conflict"]                           # ... and the other articles' dating flagged
    patriot = chronology[chronology["sentence"].str.contains("Patriot")]
    assert patriot["happening"].nunique() == 1 and patriot["n_articles"].eq(2).all()
    assert (chronology.loc[chronology["n_articles"] == 1, "conflict"] == "").all()


def test_unrelated_events_in_the_same_month_stay_apart(chronology):
    """Overlapping dates alone do not make one happening: 'last month' (Zapad) and 'in September' differ."""
    sept = chronology[chronology["start"] == pd.Timestamp("2017-09-01")]
    assert len(sept) >= 2 and sept["n_articles"].eq(1).all()


# --- an added article ---------------------------------------------------------------

def test_added_article_resolves_against_its_own_reference_date(corpus_copy):
    add_article(corpus_copy, "900_added", "Officials met on Monday.\n\nThe ministers will meet again in October.\n\n"
                "An envoy called last week.", published="2020-01-20", reference_date="2020-01-12")
    docs = helpers.load_corpus(corpus_copy)
    ev = helpers.events(docs, corpus_copy)
    added = ev[ev["doc_id"] == "900_added"].set_index("surface")
    assert added.loc["on Monday", "start"] == pd.Timestamp("2020-01-06")       # not 2020-01-20, the publication day
    assert added.loc["in October", ["start", "end"]].tolist() == [pd.Timestamp("2020-10-01"), pd.Timestamp("2020-10-31")]
    assert added.loc["last week", ["start", "end"]].tolist() == [pd.Timestamp("2019-12-30"), pd.Timestamp("2020-01-05")]
    assert (added["outlet"] == "Test Outlet").all()


def test_added_articles_reporting_one_happening_are_grouped(corpus_copy):
    add_article(corpus_copy, "901_a", "The referendum on the pipeline treaty was held in May 2018.",
                published="2019-01-10")
    add_article(corpus_copy, "902_b", "Voters backed the pipeline treaty in a referendum in spring 2018.",
                published="2019-02-10")
    ev = helpers.events(helpers.load_corpus(corpus_copy), corpus_copy)
    rows = ev[ev["doc_id"].isin(["901_a", "902_b"])]
    assert rows["happening"].nunique() == 1 and rows["reported_by"].iloc[0] == "901_a; 902_b"


def test_docs_without_reference_date_get_a_clear_message(docs):
    with pytest.raises(ValueError, match="reference_date"):
        helpers.time_expressions(docs.drop(columns="reference_date"))


def test_an_empty_chronology_is_shown_without_errors(docs):
    import matplotlib
    matplotlib.use("Agg")
    ev = helpers.events(docs.head(1).assign(text="Nothing here is dated."))
    assert ev.empty
    vague = helpers.unresolved_times(docs.head(1).assign(text="Nothing here is dated."))
    assert "No time expression" in helpers.describe_events(ev, vague)
    helpers.event_timeline(ev, docs)
    helpers.event_timelines_by_outlet(ev, docs)
    helpers.lag_chart(ev, docs)
