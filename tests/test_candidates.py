"""Candidates (workbook.candidates, workbook.names): unknown names, one row per name, noise kept out,
names split and trimmed, weapon designations, hints only where the entity is likely the same."""
import csv
import io

import pandas as pd
import pytest
from conftest import add_article, edit_table

import helpers

NEW_ARTICLE = ("ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar said on Monday that the S-400 batteries "
               "would be active by April. Akar told Anadolu Agency that Ankara had no plans to return them.\n"
               "Meanwhile, Ibrahim Kalin, the presidential spokesman, said talks with Washington continued. "
               "Kalin said Turkey would not step back.")


def cands(text, path=None):
    """The candidates of one made-up article, by surface."""
    return helpers.candidates(pd.DataFrame({"doc_id": ["t"], "text": [text]}), path).set_index("surface")


def test_one_row_per_name_with_its_surname_and_sentences(corpus_copy):
    add_article(corpus_copy, "new_minister", NEW_ARTICLE, published="2019-12-02")
    docs = helpers.load_corpus(corpus_copy)
    table = helpers.candidates(docs, corpus_copy)
    assert table["surface"].is_unique
    new = table[table["doc_ids"].str.contains("new_minister")].set_index("surface")
    assert {"Hulusi Akar", "Anadolu Agency", "Ibrahim Kalin"} <= set(new.index)
    akar = new.loc["Hulusi Akar"]
    assert (akar["count"], akar["articles"], akar["also_written"], akar["kind"]) == (2, 1, "Akar", "person")
    assert akar["role"] == "Defence Minister" and akar["affiliation"] == "Turkey"
    assert new.loc["Ibrahim Kalin", "role"] == "presidential spokesman"
    for noise in ["Meanwhile", "Monday", "April", "Defence Minister", "Turkish", "Ankara", "ANKARA", "Akar", "Kalin"]:
        assert noise not in set(table["surface"]), noise
    occ = helpers.candidate_sentences(docs, corpus_copy)
    akar_rows = occ[occ["surface"] == "Hulusi Akar"]
    assert akar_rows["written"].tolist() == ["Hulusi Akar", "Akar"]
    for r in akar_rows.itertuples():                         # every sentence behind the count, one click away
        assert r.written in r.sentence and f"{r.doc_id}:{r.sent_id}" in akar["where"]


@pytest.mark.parametrize("text, noise", [
    ("ISTANBUL, Nov 8 (Reuters) - Turkey signed. Last Update: Oct 3, 2023 11:42 GMT", ["Nov", "Oct", "GMT", "Last Update"]),
    ("Unfortunately, the deal stalled. Meanwhile, talks went on. Asked about it, he smiled.",
     ["Unfortunately", "Meanwhile", "Asked"]),
    ("MOST POPULAR\nSponsored Content\nRead More\nTurkey bought the S-400 from Russia this year.",
     ["MOST POPULAR", "Most Popular", "Sponsored Content", "Read More"]),
    ("Turkey Buys Advanced Missile Shield Despite Warnings\nTurkey bought it.", ["Buys Advanced Missile Shield Despite Warnings"]),
    ("Unit T06 was moved. Tags: defence, Turkey", ["T06", "Tags"]),
    ("Why not? What now? The Secretary-General spoke.", ["Why", "What", "Secretary-General"]),
])
def test_noise_is_not_a_candidate(text, noise):
    found = set(cands(text).index)
    assert not found & set(noise), found & set(noise)


@pytest.mark.parametrize("text, names", [
    ("Aselsan and Roketsan are developing the system.", {"Aselsan", "Roketsan"}),
    ("The Ministry of Trade and Industry said so.", {"Ministry of Trade and Industry"}),
    ("The sanctions hit SSB Ismail Demir and three officials.", {"SSB", "Ismail Demir"}),
    ("Rostec CEO Sergei Chemezov told reporters the deal stood.", {"Rostec", "Sergei Chemezov"}),
    ("Secretary of State Antony Blinken met Hakan Fidan.", {"Antony Blinken", "Hakan Fidan"}),
    ("Jim Risch and Bob Menendez wrote to the administration.", {"Jim Risch", "Bob Menendez"}),
    ("The Senate Foreign Relations Committee held a hearing.", {"Senate Foreign Relations Committee"}),
    ("Transport planes of the Russian Air Force landed.", {"Russian Air Force"}),
    # a modal that is also a first name opens a name inside a sentence, never at its start
    ("Defence analyst Can Kasapoglu argued that Ankara had no choice.", {"Can Kasapoglu"}),
    ("Can Erdogan afford it? Analysts doubt it.", set()),
    ("Analyst Can Kasapoglu argued that Ankara had no choice.", {"Can Kasapoglu"}),     # after a title at the start
])
def test_runs_are_split_into_names(text, names):
    assert set(cands(text).index) == names


def test_weapon_designations_are_candidates_of_their_kind():
    table = cands("Turkey wants F-16s and may look at the Su-57, the HQ-9 and the F-16 Block 70. "
                  "The MAKS-2019 show opened. The G-20 met in the Group of 20 format.")
    assert table.loc["F-16", "kind"] == "weapon_system" and table.loc["F-16", "count"] == 2
    assert table.loc["Su-57", "kind"] == table.loc["HQ-9", "kind"] == "weapon_system"
    assert "Block" not in table.index and "MAKS-2019" not in table.index and "MAKS" in table.index
    assert table.loc["G-20", "kind"] == table.loc["Group of 20", "kind"] == "organization"


def test_a_lower_case_tag_list_or_url_does_not_hide_a_name(corpus_copy):
    """Issue 10, item 4: a word is common only if reporting sentences write it in lower case."""
    text = ("Rostec delivered the F-16 parts, the company said on Monday in a statement.\n"
            "Tags: f-16 / rostec / turkiye\nhttps://example.com/news/rostec-f-16-deal")
    add_article(corpus_copy, "tags", text)
    docs = helpers.load_corpus(corpus_copy)
    found = set(helpers.candidates(docs, corpus_copy)["surface"])
    assert {"Rostec", "F-16"} <= found
    prose = "Progress was slow. The committee said that progress on the deal was slow in the talks."
    assert "Progress" not in cands(prose).index                 # written in lower case in prose: a common word


def test_dateline_places_are_place_candidates():
    table = cands("SOCHI (Reuters) - Putin and Erdogan met.\nLATAKIA, Syria (AP) — Nothing happened.")
    assert table.loc["Sochi", "kind"] == "place"
    assert table.loc["Latakia", "kind"] == "place"


@pytest.mark.parametrize("text, surface, hint", [
    ("NATO chief Jens Stoltenburg spoke to the press in the morning.", "Jens Stoltenburg", "Jens Stoltenberg"),
    ("The agency quoted Turkiye's foreign ministry on the matter.", "Turkiye", "Turkey"),
    ("The exporter Rosoboron Export signed a contract in the spring.", "Rosoboron Export", "Rosoboronexport"),
    ("Turkish troops remain deployed in Iraq for the time being.", "Iraq", ""),                 # not Iran
    ("Turkey would not ask America's permission, he told reporters.", "America", "United States"),  # American
    ("Ukraine already operates the older S-300 in the east.", "S-300", ""),                     # not S-400
    ("Defense Minister Yasar Guler spoke to reporters at length.", "Yasar Guler", ""),          # not Fethullah Gulen
    ("He repeated the point in an interview with CNN Türk on Monday.", "CNN Türk", ""),          # not Turkey
])
def test_hints_only_where_the_entity_is_likely_the_same(text, surface, hint):
    row = cands(text).loc[surface]
    assert row["possible_variant"].split(" (alias")[0] == hint
    if hint:
        assert row["variant_row"].startswith(f"{surface},{hint},variant,")


def test_hints_for_misspelt_surnames_of_the_seeds(corpus_copy):
    edit_table(corpus_copy, "aliases.csv", lambda rows: rows.__setitem__(
        slice(None), [r for r in rows if r["alias"] not in {"Tod Walters", "Walters", "Mekhev"}]))
    docs = helpers.load_corpus(corpus_copy)
    variants = helpers.candidates(docs, corpus_copy).set_index("surface")["possible_variant"]
    assert variants["Tod Walters"].startswith("Tod D. Wolters")
    assert variants["Mekhev"].startswith("Alexander Mikheev")


def test_pasting_the_ready_rows_links_the_name(corpus_copy):
    """The entity_row and alias_rows of a candidate are valid table rows: pasted, the name is linked."""
    add_article(corpus_copy, "new_minister", NEW_ARTICLE, published="2019-12-02")
    docs = helpers.load_corpus(corpus_copy)
    row = helpers.candidates(docs, corpus_copy).set_index("surface").loc["Hulusi Akar"]
    assert next(csv.reader(io.StringIO(row["entity_row"])))[:4] == ["Hulusi Akar", "person", "Turkey", "Defence Minister"]
    with open(corpus_copy / "entities.csv", "a", encoding="utf-8") as f:
        f.write(row["entity_row"] + "\n")
    with open(corpus_copy / "aliases.csv", "a", encoding="utf-8") as f:
        f.write(row["alias_rows"] + "\n")
    linked = helpers.mentions(docs, corpus_copy)
    assert (linked["entity"] == "Hulusi Akar").sum() == 2
    assert "Hulusi Akar" not in set(helpers.candidates(docs, corpus_copy)["surface"])


def test_candidates_ranked_by_frequency_with_their_sentence(docs, sents):
    table = helpers.candidates(docs)
    assert table["count"].is_monotonic_decreasing
    text_of = sents.set_index(["doc_id", "sent_id"])["text"]
    for r in table.itertuples():
        assert text_of[(r.doc_id, r.sent_id)] == r.sentence
        assert r.surface in r.sentence or any(w in r.sentence for w in r.also_written.split("; ") if w) \
            or r.surface.upper() in r.sentence


@pytest.mark.parametrize("text, names", [
    ("(Reporting by Tuvan Gumrukcu and Ece Toksabay; Editing by Dominic Evans)",
     {"Tuvan Gumrukcu", "Ece Toksabay", "Dominic Evans"}),                          # a credit line is no headline
    ("Baykar's Bayraktar TB2 has been sold to several countries.", {"Baykar", "Bayraktar TB2"}),
    ("They invoked the Countering America's Adversaries Through Sanctions Act against the agency.",
     {"Countering America's Adversaries Through Sanctions Act"}),                   # a possessive inside a name
    ("Critics argue that nothing changed. Officials disagree.", set()),             # group nouns, not names
])
def test_credit_lines_possessives_and_group_nouns(text, names):
    assert set(cands(text).index) == names


def test_a_model_code_stays_with_its_name_and_makes_a_system():
    assert cands("Baykar's Bayraktar TB2 has been sold to several countries.").loc["Bayraktar TB2", "kind"] == "weapon_system"


def test_an_acronym_in_a_headline_is_still_a_candidate():
    assert set(cands("Why CAATSA Sanctions on Turkey Have Not Changed Ankara's Mind\nTurkey waited.").index) == {"CAATSA"}


def test_find_names_looks_up_only_its_probe_words(docs, sents):
    """`probe_words` must hold every word `find_names` looks up in the corpus's lower-case words: the
    cache keys an article's names on them."""
    from workbook.knowledge import vocabulary
    from workbook.names import NameRules, common_words

    class Recording(set):
        def __contains__(self, word):
            asked.add(word)
            return set.__contains__(self, word)

    rules = NameRules(vocabulary())
    texts = list(sents["text"]) + ["MAKS-2019 opened in Moscow.", "Erdogan's aide met Rostec CEO Sergei Chemezov.",
                                   "Meanwhile Kalovit and Demir of the Institute said nothing."]
    common = Recording(common_words(sents["text"]))
    ever = set()
    for text in texts:
        asked = set()
        rules.find_names(text, [], common)
        assert asked <= rules.probe_words(text), text
        ever |= asked
    assert {"maks", "kalovit"} <= ever, "the texts reach both lookups (a lone word, an event's name)"


@pytest.mark.parametrize("text, names", [
    ("He spoke for the ruling Justice and Development Party (AKP) at the rally.", {"Justice and Development Party", "AKP"}),
    ("They met Aselsan and Roketsan Defence Industries officials in the capital.", {"Aselsan", "Roketsan Defence Industries"}),
])
def test_and_inside_a_party_name_joins_but_between_two_names_splits(text, names):
    assert names <= set(cands(text).index)


def test_a_lone_institution_without_an_article_is_a_name_though_written_in_lower_case_elsewhere():
    text = ("He spoke at a party congress in the capital on Monday. The warning came from Congress on Friday. "
            "Ankara expected the US Congress to approve the sale. The vote in the Congress was close.")
    found = cands(text)
    assert {"Congress", "US Congress"} <= set(found.index)
    assert found.loc["Congress", "count"] == 1              # "the Congress": the word after an article stays a word


@pytest.mark.parametrize("text, name", [
    ("The senator introduced the Allied Air Defense Integrity Act of 2019 on Tuesday.", "Allied Air Defense Integrity Act"),
    ("It was attached to the National Defense Authorization Act for Fiscal Year 2020 in the end.",
     "National Defense Authorization Act"),
])
def test_a_title_word_inside_a_laws_name_does_not_split_it_and_its_fiscal_year_is_trimmed(text, name):
    found = cands(text)
    assert name in set(found.index) and found.loc[name, "kind"] == "other"       # a law, not an organisation


@pytest.mark.parametrize("text, surface, role, affiliation", [
    # an apposition closed by an acronym in brackets; the body is the whole capitalised name in it
    ("Oleg Borisov, director of the Federal Agency for Defence Procurement (FADP), said the tender was open.",
     "Oleg Borisov", "director of the Federal Agency for Defence Procurement", "Federal Agency for Defence Procurement"),
    # a possessive apposition: ", Turkey's deputy defence minister,"
    ("Selim Kaya, Turkey's deputy defence minister, said the radars were ready.",
     "Selim Kaya", "Turkey's deputy defence minister", "Turkey"),
])
def test_an_apposition_gives_the_role_and_the_body(text, surface, role, affiliation):
    row = cands(text).loc[surface]
    assert (row["kind"], row["role"], row["affiliation"]) == ("person", role, affiliation)


@pytest.mark.parametrize("text, names", [
    # a committee "on" a subject keeps its "and", and a place named inside it where the name goes on after it
    ("Halloran, a member of the House Armed Services Subcommittee on Strategic Forces and Missile Defense, "
     "spoke.", {"Halloran", "House Armed Services Subcommittee on Strategic Forces and Missile Defense"}),
    ("She chairs the Subcommittee on Europe and Regional Security Cooperation in the Senate.",
     {"Subcommittee on Europe and Regional Security Cooperation", "Senate"}),
    # an event's name with "and" ends in an event noun, and is of kind other
    ("Putin showed Erdogan the Su-57 at the MAKS-2021 International Aviation and Space Salon in Zhukovsky.",
     {"MAKS-2021 International Aviation and Space Salon", "Zhukovsky", "Su-57"}),
    # an organisation's head, "for/of" and an article, then its name: one name
    ("Analysts at the Center for a New American Security and the Institute for the Study of War disagreed.",
     {"Center for a New American Security", "Institute for the Study of War"}),
    # negatives: two people with "and", a ministry of a linked country cut at it, "on" after a person
    ("Jim Halloran and Dana Whitfield of the Armed Services Committee wrote on Friday.",
     {"Jim Halloran", "Dana Whitfield", "Armed Services Committee"}),
    ("Kalovit spoke on the Baltic Forum for an hour.", {"Kalovit", "Baltic Forum"}),
    ("Aselsan and Roketsan showed their radars at the fair.", {"Aselsan", "Roketsan"}),
])
def test_organisation_and_event_names_with_and_or_an_article_inside(text, names):
    assert set(cands(text).index) == names


def test_a_linked_place_inside_a_name_goes_with_it_only_where_the_name_goes_on():
    table = cands("Kalovit heads the Committee on Turkey and Greek Maritime Affairs. Halloran spoke to the Committee on "
                  "Turkey about it.")
    assert {"Committee on Turkey and Greek Maritime Affairs", "Committee"} <= set(table.index)
    assert "Committee on Turkey" not in set(table.index)


@pytest.mark.parametrize("text", [
    "U.S. Senator Dana Whitfield (D-N.H.) joined Kalovit as the lead cosponsor.",
    "\"The law is clear,\" Rep. Mark Halloran, R-Texas, told the magazine.",
    "Rep. Julia Moreno (D-Calif.) said in a statement that the deal was bad.",
    "Sen. Tom Reed (I-Vt.) voted against the bill.",
])
def test_a_lawmakers_party_and_state_is_no_name(text):
    found = set(cands(text).index)
    assert not any(s[:2] in ("D-", "R-", "I-") for s in found), found


def test_a_party_like_code_elsewhere_is_kept():
    """Only after a bracket or a comma and before one is a capital, a dash and a word a party and state."""
    assert "F-16" in set(cands("Ankara wants the F-16 and the R-Series radar, D-Day veterans said.").index)


def test_a_ministry_of_keeps_the_title_word_at_its_end():
    assert "Ministry of National Defense" in set(cands("A delegation from the Ministry of National Defense met "
                                                        "officials on Monday.").index)


@pytest.mark.parametrize("text, surface, kind", [
    # an acronym takes the kind of the words it abbreviates, over the guess from its shape, in every article
    ("The sanctions came under the Countering America's Adversaries Through Sanctions Act (CAATSA). CAATSA "
     "was used again.", "CAATSA", "other"),
    ("Washington sanctioned the Presidency of Defense Industries (SSB) on Monday.", "SSB", "organization"),
    # names listed before the noun that makes them systems are systems together
    ("Ankara will field the HISAR, SIPER and KORKUT systems by 2025.", "HISAR", "weapon_system"),
    ("Ankara will field the HISAR, SIPER and KORKUT systems by 2025.", "SIPER", "weapon_system"),
    ("Firms such as ASELSAN and Roketsan make missiles.", "ASELSAN", "organization"),
    # an event named with its year is an event, even when its word is an organisation's head
    ("Shugaev spoke on the sidelines of the Army-2022 forum outside Moscow.", "Army", "other"),
    ("Erdogan visited the MAKS-2019 air show.", "MAKS", "other"),
])
def test_kinds_from_the_words_around_a_name(text, surface, kind):
    assert cands(text).loc[surface, "kind"] == kind
