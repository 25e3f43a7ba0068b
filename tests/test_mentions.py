"""Alias matching (workbook.mentions): boundaries, case, capitals and cities, ambiguous names, offsets."""
import csv

import pandas as pd
import pytest

import helpers
import workbook.mentions


def found(text, path=None):
    """(surface, entity) pairs that mentions() links in one made-up sentence."""
    docs = pd.DataFrame({"doc_id": ["t"], "text": [text]})
    m = helpers.mentions(docs, path)
    return [(r.surface, r.entity) for r in m.itertuples()]


@pytest.mark.parametrize("text, expected", [
    # longest alias wins
    ("Russia showed the S-400 Triumph.", [("Russia", "Russia"), ("S-400 Triumph", "S-400")]),
    ("Recep Tayyip Erdogan spoke.", [("Recep Tayyip Erdogan", "Recep Tayyip Erdogan")]),
    ("Tayyip Erdogan and Erdogan.", [("Tayyip Erdogan", "Recep Tayyip Erdogan"), ("Erdogan", "Recep Tayyip Erdogan")]),
    # word boundaries
    ("It failed because of a European plan.", []),
    ("The Eurosamba band played.", []),
    # short acronyms are case-sensitive
    ("Erdogan accused them of messing us about.", [("Erdogan", "Recep Tayyip Erdogan")]),
    ("The US and the EU agreed.", [("US", "United States"), ("EU", "European Union")]),
    ("The U.S.-led alliance and US-led forces.", [("U.S.", "United States"), ("US", "United States")]),
    # possessives, including lost apostrophes, and plurals of systems
    ("Turkey's decision and Turkey’s choice.", [("Turkey", "Turkey"), ("Turkey", "Turkey")]),
    ("Turkey s decision.", [("Turkey", "Turkey")]),
    ("There are no S-400s in Turkey.", [("S-400s", "S-400"), ("Turkey", "Turkey")]),
    ("More S400 and SAMP-T units.", [("S400", "S-400"), ("SAMP-T", "SAMP/T")]),
    # variants from PROVENANCE.md
    ("Tod Walters met Wolters.", [("Tod Walters", "Tod D. Wolters"), ("Wolters", "Tod D. Wolters")]),
    ("Mikhev and Mekhev spoke.", [("Mikhev", "Alexander Mikheev"), ("Mekhev", "Alexander Mikheev")]),
    # demonyms and capitals stand for the country
    ("Turkish and Russian officials met in secret.", [("Turkish", "Turkey"), ("Russian", "Russia")]),
    ("The Franco-Italian consortium.", [("Franco", "France"), ("Italian", "Italy")]),
    ("Washington warned Ankara.", [("Washington", "United States"), ("Ankara", "Turkey")]),
    # ... except where the text speaks of the city: after in/at/near, or before -based
    ("He spoke to Reuters in Berlin.", [("Reuters", "Reuters"), ("Berlin", "Berlin")]),
    ("A Moscow-based analyst.", [("Moscow", "Moscow")]),
    ("Russia deployed the SA-21 Growler to protect Moscow.", [("Russia", "Russia"), ("SA-21 Growler", "S-400"), ("Moscow", "Moscow")]),
    ("It was tested in the capital Ankara.", [("Ankara", "Ankara")]),
    ("Berlin is redeploying its troops.", [("Berlin", "Germany")]),
    # 'Washington state' is a longer alias of another entity
    ("Farmers in Washington state.", [("Washington state", "Washington (state)")]),
    # British and American spellings (vocabulary.csv, class spelling) and names written in title case
    ("The Turkish Defence Ministry and the Turkish Ministry of National Defense agreed.",
     [("Turkish Defence Ministry", "Turkish Ministry of National Defence"),
      ("Turkish Ministry of National Defense", "Turkish Ministry of National Defence")]),
    ("A State Department spokesperson spoke.", [("State Department", "U.S. Department of State")]),
    ("Nato allies met Eurosam, but the US said no.", [("Nato", "NATO"), ("Eurosam", "EUROSAM"), ("US", "United States")]),
    # a headline capitalises the small words of a name too
    ("Republic Of Turkey Rejects US Call", [("Republic Of Turkey", "Turkey"), ("US", "United States")]),
    # all-caps datelines
    ("ISTANBUL (Reuters) - Turkey signed.", [("ISTANBUL", "Istanbul"), ("Reuters", "Reuters"), ("Turkey", "Turkey")]),
])
def test_matching_rules(text, expected):
    assert found(text) == expected


@pytest.mark.trust("unicode")
def test_offsets_are_right_after_turkish_letters(corpus_copy):
    with open(corpus_copy / "aliases.csv", "a", encoding="utf-8") as f:
        f.write("İstanbul,Istanbul,variant,\nÇavuşoğlu,Mevlut Cavusoglu,variant,\n")
    text = "İSTANBUL aside, in İstanbul Çavuşoğlu met Erdoğan's aides."
    docs = pd.DataFrame({"doc_id": ["t"], "text": [text]})
    m = helpers.mentions(docs, corpus_copy)
    assert [(r.surface, r.entity) for r in m.itertuples()] == [
        ("İSTANBUL", "Istanbul"), ("İstanbul", "Istanbul"), ("Çavuşoğlu", "Mevlut Cavusoglu"), ("Erdoğan", "Recep Tayyip Erdogan")]
    assert all(text[r.start:r.end] == r.surface for r in m.itertuples())


def test_ambiguous_name_follows_the_article_or_stays_open(corpus_copy):
    with open(corpus_copy / "entities.csv", "a", encoding="utf-8") as f:
        f.write("Georgia,country,,,\nGeorgia (U.S. state),place,United States,,\n")
    with open(corpus_copy / "aliases.csv", "a", encoding="utf-8") as f:
        f.write("Georgia,Georgia (U.S. state),name,\nAtlanta,Georgia (U.S. state),capital,\n")
    assert found("Georgia and Russia talked.", corpus_copy) == [("Russia", "Russia")]
    assert found("Atlanta is in Georgia.", corpus_copy) == [("Atlanta", "Georgia (U.S. state)"),
                                                             ("Georgia", "Georgia (U.S. state)")]
    docs = pd.DataFrame({"doc_id": ["t"], "text": ["Georgia and Russia talked."]})
    open_ = helpers.mentions(docs, corpus_copy, unresolved=True)
    assert open_["entity"].tolist() == ["Georgia or Georgia (U.S. state)"]
    cands = helpers.candidates(docs, corpus_copy)
    assert cands[["surface", "possible_variant"]].values.tolist() == [
        ["Georgia", "ambiguous: Georgia or Georgia (U.S. state)"]]                 # listed once, as ambiguous


def test_mentions_carry_sentence_ids(docs, sents):
    m = helpers.mentions(docs)
    texts = docs.set_index("doc_id")["text"]
    by_sent = sents.set_index(["doc_id", "sent_id"])
    for r in m.itertuples():
        assert texts[r.doc_id][r.start:r.end] == r.surface
        s = by_sent.loc[(r.doc_id, r.sent_id)]
        assert s.start <= r.start and r.end <= s.end


NEW_ARTICLE = ("ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar said on Monday that the S-400 batteries "
               "would be active by April. Akar told Anadolu Agency that Ankara had no plans to return them.\n"
               "Meanwhile, Ibrahim Kalin, the presidential spokesman, said talks with Washington continued. "
               "Kalin said Turkey would not step back.")


def test_given_sentences_give_the_same_mentions(docs, sents):
    pd.testing.assert_frame_equal(helpers.mentions(docs), helpers.mentions(docs, sents=sents))
    reordered = sents.sort_values(["sent_id", "doc_id"])                 # any row order will do
    pd.testing.assert_frame_equal(helpers.mentions(docs), helpers.mentions(docs, sents=reordered))


def test_sentences_of_other_articles_are_refused(docs, sents):
    with pytest.raises(ValueError, match="same articles"):
        helpers.mentions(docs.iloc[:2], sents=sents)


@pytest.mark.parametrize("text, expected", [
    # a dateline always names a place, whatever the agency's style
    ("WASHINGTON (AP) — The Pentagon said nothing.", [("WASHINGTON", "Washington")]),
    ("ANKARA-Anadolu Agency\nTurkey said it would wait.", [("ANKARA", "Ankara"), ("Turkey", "Turkey")]),
    ("ROME/ISTANBUL (Reuters) -- Turkey said it would wait.",
     [("ROME", "Rome"), ("ISTANBUL", "Istanbul"), ("Reuters", "Reuters"), ("Turkey", "Turkey")]),
    ("MOSCOW, Nov. 3. /TASS/. Russia said it would wait.", [("MOSCOW", "Moscow"), ("Russia", "Russia")]),
    ("Ankara, Turkey – Moscow said it would wait.", [("Ankara", "Ankara"), ("Turkey", "Turkey"), ("Moscow", "Russia")]),
    ("BERLIN\nBerlin said it would wait.", [("BERLIN", "Berlin"), ("Berlin", "Germany")]),
    # ... but a capital that merely opens a sentence is the government
    ("Ankara – which bought the S-400 – said nothing.", [("Ankara", "Turkey"), ("S-400", "S-400")]),
    # compass words, distances and travel make the city
    ("The batteries were set up northwest of Ankara.", [("Ankara", "Ankara")]),
    ("A base 50 km south of Moscow.", [("Moscow", "Moscow")]),
    ("A test on the outskirts of Ankara.", [("Ankara", "Ankara")]),
    ("During his visit to Moscow, the talks went well.", [("Moscow", "Moscow")]),
    ("Erdogan flew to Berlin.", [("Erdogan", "Recep Tayyip Erdogan"), ("Berlin", "Berlin")]),
    # a noun of the city after it: summit, director, air show
    ("At the Rome summit, leaders met.", [("Rome", "Rome")]),
    ("The group's Ankara director disagreed.", [("Ankara", "Ankara")]),
    # a possessive is the government, even after 'in'
    ("Moscow played a role in Ankara's decision.", [("Moscow", "Russia"), ("Ankara", "Turkey")]),
    # a place inside a longer name, or naming a document, is neither city nor government
    ("A professor at Istanbul Technical University said so.", []),
    ("The Washington Post reported it first.", []),
    ("Both sides broke the Moscow agreement.", []),
    ("In Istanbul Erdogan spoke.", [("Istanbul", "Istanbul"), ("Erdogan", "Recep Tayyip Erdogan")]),
])
def test_places_and_governments(text, expected):
    assert found(text) == expected


def test_each_reading_says_why():
    docs = pd.DataFrame({"doc_id": ["t"], "text": ["WASHINGTON (AP) — Moscow warned Ankara, northwest of Ankara."]})
    m = helpers.mentions(docs)
    assert m["reading"].tolist() == ["city: dateline", "government: default", "government: default",
                                     "city: after 'northwest of'"]
    unlinked = workbook.mentions.all_mentions(pd.DataFrame({"doc_id": ["t"], "text": ["The Washington Post said the talks were over."]}))
    assert unlinked[["surface", "kind", "reading"]].values.tolist() == [["Washington", "unlinked", "part of a longer name"]]


def test_adding_articles_never_changes_the_seeds_linked_mentions(docs, corpus_copy):
    """Every hand-written test article (wire, agency, state media, think tank, broadcaster, newspaper) added
    at once: the seeds' mentions stay exactly as they were, row for row."""
    from conftest import SEED_IDS, add_article

    before = helpers.mentions(docs)
    data = helpers.ROOT / "tests" / "data"
    with open(data / "articles.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 8
    for row in rows:
        text = (data / "articles" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        add_article(corpus_copy, row["doc_id"], text, outlet=row["outlet"], published=row["published"],
                    title=row["title"])
    grown = helpers.load_corpus(corpus_copy)
    assert len(grown) == len(docs) + len(rows)
    after = helpers.mentions(grown, corpus_copy)
    after = after[after["doc_id"].isin(SEED_IDS)].reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)


@pytest.mark.trust("knowledge tables")
def test_a_spelling_row_must_hold_two_words(corpus_copy):
    with open(corpus_copy / "vocabulary.csv", "a", encoding="utf-8") as f:
        f.write("spelling,defence,\n")
    with pytest.raises(helpers.CorpusError, match=r"vocabulary\.csv.*two words, the British then the American"):
        found("The ministry spoke.", corpus_copy)


def test_every_name_is_matched_in_the_other_spelling_too():
    """entities.csv writes "Center for Naval Analyses"; no alias row gives the British spelling."""
    assert found("An analyst at the Centre for Naval Analyses and the CENTRE FOR NAVAL ANALYSES said.") == [
        ("Centre for Naval Analyses", "Center for Naval Analyses"), ("CENTRE FOR NAVAL ANALYSES", "Center for Naval Analyses")]


@pytest.mark.trust("size")
def test_a_long_article_gives_each_copy_of_its_text_the_same_mentions(docs):
    """The longest seed written out 300 times (datelines and all, over 1 MB) is one article: every copy keeps its mentions
    and readings, so nothing is lost or shifted at size (its speed is bench/size.py's, not a test's)."""
    from workbook.mentions import all_mentions

    one = docs.iloc[[docs["text"].str.len().argmax()]].reset_index(drop=True)
    text = one.at[0, "text"] + "\n"
    long = one.assign(text=text * 300)
    single, many = all_mentions(one), all_mentions(long)
    assert len(many) == 300 * len(single) and len(text) * 300 > 1_000_000
    copy = many[many["start"] >= 299 * len(text)]
    assert copy[["surface", "entity", "kind", "reading"]].reset_index(drop=True).equals(
        single[["surface", "entity", "kind", "reading"]])
    assert (copy["start"].to_numpy() - 299 * len(text) == single["start"].to_numpy()).all()


@pytest.mark.parametrize("text, reading", [
    ("The radars tracked F-16 fighter jets over Ankara in November.", ("Ankara", "Ankara")),
    ("Russian planes flew over Moscow during the parade.", ("Moscow", "Moscow")),
    ("Washington has pressed Ankara over the purchase.", ("Ankara", "Turkey")),     # 'over' alone is no place
])
def test_aircraft_over_a_capital_are_over_the_city(text, reading):
    assert reading in found(text)
