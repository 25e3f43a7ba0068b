"""Claims (workbook.claims): transfers, offers, sanctions, tests, withdrawals and removals suggested as
rows of relations.csv, marked as machine-suggested; a curated row always wins; one call accepts one."""
import csv
import io

import pandas as pd
import pytest
from conftest import add_article

import helpers
from workbook.claims import RELATIONS_FIELDS


def claims(text):
    return helpers.claims(pd.DataFrame({"doc_id": ["t"], "text": [text]}))


def fields(text, *cols):
    return [tuple(r) for r in claims(text)[list(cols or ("subject", "relation", "object", "system", "status"))].values]


@pytest.mark.parametrize("text, expected", [
    # who buys from whom; the supplier not named is the system's origin in systems.csv
    ("Turkey bought the S-400 from Russia.", [("Turkey", "buys", "Russia", "S-400", "bought")]),
    ("Turkey received the first S-400 components.", [("Turkey", "buys", "Russia", "S-400", "delivered")]),
    ("Ankara's purchase of the S-400 angered its allies.", [("Turkey", "buys", "Russia", "S-400", "bought")]),
    # passive: the recipient after 'to', the supplier from the system's origin
    ("The first S-400 batteries were delivered to Turkey.", [("Russia", "supplies", "Turkey", "S-400", "delivered")]),
    # plans, agreements and denials
    ("Turkey plans to buy more S-400 systems.", [("Turkey", "buys", "Russia", "S-400", "planned")]),
    ("Russia signed a deal to supply Turkey with four S-400 battalions.", [("Russia", "supplies", "Turkey", "S-400", "agreed")]),
    ("Washington refused to sell Patriot missiles to Turkey.",
     [("United States", "supplies", "Turkey", "Patriot", "not sold")]),
    ("Raytheon offered the Patriot to Turkey.", [("Raytheon", "offered_to", "Turkey", "Patriot", "offered")]),
    # sanctions, tests, withdrawals, removals
    ("The United States imposed sanctions on Turkey.", [("United States", "sanctions", "Turkey", "", "imposed")]),
    ("Washington threatened sanctions against Turkey.", [("United States", "sanctions", "Turkey", "", "threatened")]),
    ("Turkey tested the S-400 near the Black Sea.", [("Turkey", "operates", "S-400", "S-400", "tested")]),
    ("Germany withdrew its Patriot batteries from Turkey.", [("Germany", "withdrew_from", "Turkey", "Patriot", "withdrawn")]),
    ("The U.S. removed Turkey from the F-35 program.", [("United States", "removed_from", "Turkey", "F-35", "removed")]),
    ("Turkey was removed from the F-35 program.", [("United States", "removed_from", "Turkey", "F-35", "removed")]),
    # "is sanctioning" is the progressive, not a passive
    ("The United States today is sanctioning the Republic of Turkey.", [("United States", "sanctions", "Turkey", "", "imposed")]),
    # the object of an earlier verb is not the subject of the verb coordinated after it
    ("Washington expelled Turkey from the F-35 program and later sanctioned Ankara.",
     [("United States", "removed_from", "Turkey", "F-35", "expelled"), ("United States", "sanctions", "Turkey", "", "imposed")]),
    # "the S-400 batteries it bought": the system before the relative clause, "it" the actor the sentence opens with
    ("Turkey weighs an American offer, but will keep the S-400 batteries it bought from Russia.",
     [("Turkey", "buys", "Russia", "S-400", "bought")]),
    # a pronoun or 'a second batch' points back to the system named before
    ("Turkey took delivery of the S-400 and tested it.",
     [("Turkey", "buys", "Russia", "S-400", "delivered"), ("Turkey", "operates", "S-400", "S-400", "tested")]),
])
def test_each_kind_of_claim(text, expected):
    assert fields(text) == expected


def test_a_second_batch_is_the_system_the_article_named_before():
    text = "Turkey received the S-400 in 2019. Critics were loud. Erdogan said Turkey would buy a second batch."
    rows = claims(text)
    assert rows[["subject", "relation", "system", "status"]].values.tolist()[-1] == ["Turkey", "buys", "S-400", "planned"]
    assert "named earlier in the article" in rows["notes"].iloc[-1]
    assert claims("Erdogan said Turkey would buy a second batch.").empty       # nothing named before: no claim


def test_a_system_named_by_its_kind_is_the_claims_system():
    text = "Russia delivered the S-400 to Turkey in July. A year later, Ankara test-fired the missile system near Sinop."
    assert fields(text)[-1] == ("Turkey", "operates", "S-400", "S-400", "tested")
    assert claims("A year later, Ankara test-fired the missile system near Sinop.").empty   # no system named before


def test_by_x_after_a_comma_is_not_the_agent_of_a_noun():
    text = "Moscow is ready to discuss deliveries of S-400 systems to Ankara, Sergei Ryabkov was quoted by RIA Novosti as saying."
    assert fields(text) == [("Russia", "supplies", "Turkey", "S-400", "delivered")]


def test_a_relative_clause_is_read_before_the_system_after_the_verb_and_a_speaker_is_no_buyer():
    rows = fields("Turkey bought the S-400. The United States warned that the S-400 it bought would compromise the F-35.")
    assert rows[-1][1:4] == ("buys", "Russia", "S-400") and rows[-1][0] != "United States"
    assert fields("NATO says the S-400 it bought from Russia cannot be integrated.")[0][0] != "NATO"


def test_sanctions_on_its_industry_over_a_purchase_name_the_country_and_the_system():
    text = "Ankara said Washington had imposed sanctions on its defence agency over the purchase of Russian S-400s."
    rows = [r for r in fields(text) if r[1] == "sanctions"]
    assert rows == [("United States", "sanctions", "Turkey", "S-400", "imposed")]


@pytest.mark.parametrize("text", [
    "Turkey is in talks with France and Italy to buy similar weapons.",      # no system named: no transfer
    "The talks on buying weapons went on for hours.",
    "Ankara was discussing buying air defense systems from France in addition to the S-400s.",
])
def test_no_claim_without_its_system(text):
    assert claims(text).empty


def test_new_names_and_designations_are_kept_and_flagged():
    row = claims("Greece will receive up to 40 F-35 stealth jets.").iloc[0]
    assert (row["subject"], row["subject_known"], row["object"], row["system"], row["status"], row["quantity"]) == (
        "Greece", False, "United States", "F-35", "planned", "up to 40 F-35 stealth jets")
    row = claims("Turkey wants to buy 40 F-16 jets for $6 billion.").iloc[0]
    assert (row["system"], row["system_known"], row["quantity"], row["value"]) == ("F-16", False, "40 F-16 jets", "$6 billion")


def test_a_supplier_taken_from_systems_csv_says_so():
    row = claims("Turkey received the first S-400 components.").iloc[0]
    assert "Russia, the origin of S-400 in systems.csv" in row["notes"]


def test_the_date_comes_from_the_chronology(corpus_copy):
    add_article(corpus_copy, "claim_date", "Turkey received the first S-400 components last July, officials said.",
                published="2019-09-20")
    docs = helpers.load_corpus(corpus_copy)
    row = helpers.claims(docs, corpus_copy).set_index("doc_id").loc["claim_date"]
    assert (row["date"], row["date_start"], row["date_end"]) == ("last July", pd.Timestamp("2019-07-01"),
                                                                 pd.Timestamp("2019-07-31"))
    assert (row["outlet"], row["published"]) == ("Test Outlet", pd.Timestamp("2019-09-20"))


def test_every_suggestion_is_marked_cites_its_sentence_and_is_a_relations_row(docs, sents):
    table = helpers.claims(docs, sents=sents)
    assert len(table) and (table["suggested_by"] == "machine (claims)").all()
    text_of = sents.set_index(["doc_id", "sent_id"])["text"]
    for r in table.itertuples():
        assert r.quote in text_of[(r.doc_id, r.sent_id)] == r.sentence
        row = dict(zip(RELATIONS_FIELDS, next(csv.reader(io.StringIO(r.relations_row)))))
        assert (row["subject"], row["relation"], row["doc_id"], row["quote"]) == (r.subject, r.relation, r.doc_id, r.quote)
        assert row["notes"].startswith("machine-suggested")


def test_a_curated_row_wins_over_the_suggestion(docs):
    """000 sentence 3 ("Turkey says it plans to buy Russian S-400 ...") is cited by relations.csv."""
    table = helpers.claims(docs).set_index("claim_id")
    assert table.loc["000_84b025bfe7532d12:3:1", "curated"]
    assert not table.loc["004_151e28b02c3019a7:5:1", "curated"]          # "Ankara’s purchase of the S-400": not curated


ARTICLE = ("MOSCOW (Reuters) - Russia delivered a second S-400 regiment to Turkey on Tuesday, the defence ministry "
           "said. Greece will receive F-35 jets next year.")


def test_accepting_a_suggestion_puts_it_in_the_register(corpus_copy):
    add_article(corpus_copy, "claim_new", ARTICLE, published="2020-09-02")
    docs = helpers.load_corpus(corpus_copy)
    table = helpers.claims(docs, corpus_copy)
    new = table[table["doc_id"] == "claim_new"].set_index("claim_id")
    assert new.loc["claim_new:1:1", ["subject", "relation", "object", "system", "status", "date"]].tolist() == [
        "Russia", "supplies", "Turkey", "S-400", "delivered", "on Tuesday"]
    line = helpers.accept_claim("claim_new:1:1", docs, corpus_copy)
    assert line in (corpus_copy / "relations.csv").read_text(encoding="utf-8")
    register = helpers.transfers(docs, corpus_copy)
    assert ((register["doc_id"] == "claim_new") & (register["status"] == "delivered")).sum() == 1
    assert helpers.claims(docs, corpus_copy).set_index("claim_id").loc["claim_new:1:1", "curated"]


def test_a_suggestion_naming_an_unknown_entity_is_refused_and_the_table_kept(corpus_copy):
    add_article(corpus_copy, "claim_new", ARTICLE, published="2020-09-02")
    docs = helpers.load_corpus(corpus_copy)
    before = (corpus_copy / "relations.csv").read_bytes()
    with pytest.raises(helpers.CorpusError, match=r"claim_new:2:1: not accepted, relations.csv is unchanged: .*"
                                                  r"subject 'Greece' is not an entity of entities.csv"):
        helpers.accept_claim("claim_new:2:1", docs, corpus_copy)
    assert (corpus_copy / "relations.csv").read_bytes() == before


def test_booted_out_of_a_programme_is_a_removal_and_its_object_is_not_the_next_subject():
    # claim_verbs.csv: 'booted' (object before 'out of'); the country booted is not who sanctions after 'and'
    assert fields("Washington booted Ankara out of the F-35 programme in 2019 after the S-400 arrived.") == [
        ("United States", "removed_from", "Turkey", "F-35", "expelled")]
    rows = fields("The U.S. had booted Turkey out of the F-35 consortium, and later it sanctioned Turkey's agency.")
    assert [r[:3] for r in rows] == [("United States", "removed_from", "Turkey"), ("United States", "sanctions", "Turkey")]


def test_the_other_end_may_stand_after_a_long_name_of_the_system():
    assert fields("Russia will deliver a new regiment of S-400 Triumf long-range air defense systems to India next year.") == [
        ("Russia", "supplies", "India", "S-400", "planned")]


@pytest.mark.parametrize("text", ["She sells-out; he sells out of stock, selling it", "SELL OUT OF sell-outs",
                                  "sold sells sellingly sell out of", "the sale of sales to buy-outs"])
def test_the_verb_tree_finds_what_the_longest_form_first_finds(text):
    import re

    from workbook.places import alternation as _alternation

    forms = ["sell", "sells", "selling", "sell out of", "sold", "sale", "sales", "buy", "out"]
    plain = re.compile(r"(?<![\w\-])(" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?![\w\-])", re.I)
    tree = re.compile(rf"(?<![\w\-])({_alternation(forms)})(?![\w\-])", re.I)
    assert [m.span(1) for m in tree.finditer(text)] == [m.span(1) for m in plain.finditer(text)]


@pytest.mark.parametrize("text, expected", [
    ("Turkey took possession of the first S-400 battery on July 12.", [("Turkey", "buys", "Russia", "S-400", "delivered")]),
    ("Russia handed over the second S-400 regiment to Turkey.", [("Russia", "supplies", "Turkey", "S-400", "delivered")]),
    ("Turkish police handed over the suspect to Greek authorities.", []),      # no weapon system: no claim
])
def test_taking_possession_and_handing_over_are_deliveries(text, expected):
    # claim_verbs.csv: 'took possession of' as 'took delivery of', 'handed over' as 'delivered'
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The US imposed CAATSA sanctions on SSB over the S-400 in December 2020.",
     [("United States", "sanctions", "SSB", "S-400", "imposed")]),
    ("Congress threatened tough new sanctions against Ankara over the S-400 deal.",
     [("Congress", "sanctions", "Turkey", "S-400", "threatened")]),
    ("The US warned of possible sanctions on Turkey over the S-400.",          # a form as written: one claim
     [("United States", "sanctions", "Turkey", "S-400", "threatened")]),
    ("Turkey imposed on itself no sanctions over the S-400.", []),           # a preposition is no modifier
    ("Washington imposed no sanctions on Ankara over the S-400 in 2019.", []),  # "no" is no modifier either
])
def test_words_before_sanctions_keep_the_form(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb coordinated after an embedded clause: its subject is the one the sentence opened with, never the object
    ("Washington has long pressed Ankara to give up the S-400 and last year suspended Turkey from the F-35 programme.",
     [("United States", "removed_from", "Turkey", "F-35", "suspended")]),
    # the system of a removal stands after 'from the programme ... of'
    ("The Pentagon expelled Turkey from the consortium of nine nations building the F-35 stealth fighter.",
     [("Pentagon", "removed_from", "Turkey", "F-35", "expelled")]),
])
def test_a_coordinated_removal_has_the_sentences_subject_and_the_programmes_system(text, expected):
    assert fields(text) == expected


def test_no_one_is_its_own_other_end():
    # 'Ankara' is the object of 'suspended'; taking the nearest actor before it (Turkey) would make Turkey suspend itself
    rows = fields("Officials said Turkey kept the S-400, so the programme suspended Ankara from the F-35 work.")
    assert all(r[0] != r[2] for r in rows)


def test_a_verb_form_before_of_is_a_noun_without_a_subject_of_its_own():
    # 'the production and purchase of F-35 fighters' names no buyer: not the country the sentence speaks of
    rows = fields("Turkey was a partner in the program for the production and purchase of F-35 fighters.")
    assert [r for r in rows if r[1] == "buys"] == [("", "buys", "United States", "F-35", "bought")]


@pytest.mark.parametrize("text, expected", [
    # the system's kind after its name, then the relative clause
    ("Ankara will keep the S-400 long-range air defence systems it acquired from Moscow in storage.",
     [("Turkey", "buys", "Russia", "S-400", "acquired")]),
    ("India will field the S-400 missile batteries it ordered from Russia in 2018.",
     [("India", "buys", "Russia", "S-400", "ordered")]),
])
def test_a_relative_clause_after_the_systems_kind(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "deal with X for Y": the subject buys Y from X; when the subject is Y's origin it sells to X
    ("India signed a $5.4 billion contract with Russia in 2018 for five S-400 regiments.",
     [("India", "buys", "Russia", "S-400", "agreed")]),
    ("Russia signed an agreement with Turkey for a second batch of S-400 systems.",
     [("Russia", "supplies", "Turkey", "S-400", "agreed")]),
    ("Turkey will sign a deal with Moscow for more S-400 units next year.", [("Turkey", "buys", "Russia", "S-400", "planned")]),
    # talks are no deal, 'a deal with X on' no purchase, and 'to deal with' is a verb
    ("Turkey is in talks with Moscow on a second S-400 batch.", []),
    ("Ankara reached a deal with Washington on the F-35 dispute.", []),
    ("Ankara has yet to deal with the S-400 question.", []),
])
def test_a_deal_with_a_party_for_a_system(text, expected):
    assert fields(text)[:1] == expected[:1] and len(fields(text)) == len(expected)


def test_a_delivery_after_the_deal_goes_to_the_buyer_named_before():
    rows = fields("Ankara signed a contract with Moscow in 2017 for four S-400 batteries, and Russia shipped the initial batch in 2019.")
    assert rows == [("Turkey", "buys", "Russia", "S-400", "agreed"), ("Russia", "supplies", "Turkey", "S-400", "delivered")]
    # a buyer who bought from someone else is not the recipient
    rows = fields("Turkey bought the S-400 from Russia, and the United States delivered the S-400 to nobody.")
    assert [r for r in rows if r[1] == "supplies"] in ([], [("United States", "supplies", "", "S-400", "delivered")])


@pytest.mark.parametrize("text, status", [
    ("Ankara does not plan to sell the S-400 batteries to a third country.", "not planned"),
    ("Greece has no intention of buying the F-35 before 2028.", "not planned"),
    ("There are no plans to buy more S-400 systems, the minister said.", "not planned"),
    ("Greece intends to buy the F-35.", "planned"),
])
def test_a_denied_plan_is_not_planned(text, status):
    assert fields(text)[0][4] == status


@pytest.mark.parametrize("text, expected", [
    # an agentless passive whose subject is a part or batch of the system the article named before
    ("Russia will deliver the S-400 to Turkey. The contract was signed in 2017. Crews trained for months. "
     "The first components of the systems were unloaded at an air base outside Ankara. "
     "The first components were delivered by cargo planes in July 2019.",
     ("Russia", "supplies", "", "S-400", "delivered")),
    # a relative clause after a country: 'its first regiment' is the system named before
    ("The S-400 Triumf is Russia's most advanced air defense system. It is designed to destroy aircraft. "
     "Besides Turkey, buyers include China and India, which received its first regiment in December 2021.",
     ("India", "buys", "Russia", "S-400", "delivered")),
])
def test_a_batch_of_the_system_named_before(text, expected):
    assert fields(text)[-1] == expected


def test_a_relative_clause_without_a_system_is_no_claim():
    text = "The S-400 Triumf is Russia's most advanced air defense system. India, which received criticism, kept quiet."
    assert len(fields(text)) == 0


@pytest.mark.parametrize("text, expected", [
    # the one urged or required acts; an unnamed office belongs to the country named on the one urging
    ("The bill would require the President to impose sanctions on Turkey over its acceptance of the S-400, "
     "U.S. Senator Jane Doe said.", []),
    ("U.S. senators on Tuesday urged the administration to impose sanctions on Ankara over the S-400.",
     [("United States", "sanctions", "Turkey", "S-400", "planned")]),
    ("Erdogan asked Moscow to deliver the second S-400 regiment to Turkey by 2023.",
     [("Russia", "supplies", "Turkey", "S-400", "planned")]),
    ("Greek lawmakers pressed Washington to sell more F-35 jets to Greece.",
     [("United States", "supplies", "Greece", "F-35", "planned")]),
])
def test_the_one_urged_to_act_is_the_subject(text, expected):
    rows = fields(text)
    assert rows == expected or not expected and all(r[0] in ("", "United States") for r in rows)


def test_a_law_or_a_place_named_is_no_actor():
    # the bill is no sanctioner, the air base no recipient
    rows = fields("The Countering Turkish Aggression Act of 2019 would impose sanctions on Turkey over the S-400.")
    assert all(r[0] != "Countering Turkish Aggression Act" for r in rows)
    rows = fields("Russia delivered the S-400 batteries to the Murted air base in July 2019.")
    assert rows == [("Russia", "supplies", "", "S-400", "delivered")]


@pytest.mark.parametrize("text, expected", [
    ("On Friday, India accepted the first shipment of S-400 components at an air base in Punjab.",
     [("India", "buys", "Russia", "S-400", "delivered")]),
    ("Greece took the first delivery of F-35 jets in 2028.", [("Greece", "buys", "United States", "F-35", "delivered")]),
    ("Turkey accepted delivery of the S-400 despite US warnings.", [("Turkey", "buys", "Russia", "S-400", "delivered")]),
    # the words before the noun are no preposition: 'accepted the terms of' is no delivery, nor 'accepted an offer of'
    ("Ankara accepted the terms of the S-400 contract.", []),
])
def test_accepting_a_shipment_is_a_delivery(text, expected):
    assert [r for r in fields(text) if r[1] == "buys"] == expected


@pytest.mark.parametrize("text, expected", [
    ("The administration has threatened Turkey with sanctions.", [("", "sanctions", "Turkey", "", "threatened")]),
    ("Washington repeatedly threatened Ankara with sanctions over the S-400.",
     [("United States", "sanctions", "Turkey", "S-400", "threatened")]),
])
def test_threatened_x_with_sanctions_names_x(text, expected):
    assert fields(text) == expected


def test_it_is_the_one_actor_the_sentence_before_named():
    text = ("Turkey switched on the S-400's radars in November 2019, tracking Turkish fighter jets. "
            "A year later, it test-fired the system off Sinop.")
    assert fields(text)[-1] == ("Turkey", "operates", "S-400", "S-400", "tested")
    # two actors before: 'it' could be either, so it is left empty
    text = "Russia handed over the S-400 to Turkey in 2019. A year later, it test-fired the system off Sinop."
    assert fields(text)[-1][0] == ""


def test_another_batch_is_more_of_what_the_buyer_received():
    text = ("Moscow is ready to deliver more S-400 systems to Ankara, the Rostec chief said. "
            "Washington suspended Turkey from the F-35 programme in 2019. "
            "Erdogan said in September that Ankara might purchase another batch.")
    assert fields(text)[-1] == ("Turkey", "buys", "Russia", "S-400", "planned")


def test_a_buyer_never_buys_from_itself():
    # 'Russia's' names the exporter, not the one procuring: the subject is left empty, not made the supplier too
    rows = fields("The sanctions target a transaction with Rosoboronexport, Russia's main arms exporter, by procuring the S-400.")
    assert [r for r in rows if r[1] == "buys"] == [("", "buys", "Russia", "S-400", "bought")]


def test_the_one_sanctioned_for_buying_is_the_buyer_and_an_appositive_is_no_subject():
    rows = fields("The Treasury's move targets Ankara, a NATO member, which the US sanctioned in 2020 for acquiring the S-400.")
    assert all(r[0] != "NATO" for r in rows)
    rows = fields("The U.S. imposed sanctions on Turkey, a NATO member, last year for purchasing the S-400.")
    assert rows == [("United States", "sanctions", "Turkey", "S-400", "imposed"), ("Turkey", "buys", "Russia", "S-400", "bought")]


def test_a_waiver_for_a_country_names_it_and_an_appositive_after_a_comma_is_no_other_end():
    rows = fields("Lawmakers asked the White House to waive sanctions for India, a partner against China.")
    assert [r[1:3] for r in rows] == [("sanctions", "India")]


def test_the_seller_of_an_order_hands_it_over():
    rows = fields("Egypt has ordered 30 more Rafale jets from France, the first of which will be handed over in 2024.")
    assert rows == [("Egypt", "buys", "France", "Rafale", "ordered"), ("France", "supplies", "Egypt", "Rafale", "planned")]


@pytest.mark.parametrize("text, expected", [
    # the speaker is no party to the deal, a leader no seller; 'asked for payment to' names no one urged
    ("Erdogan said a deal with Putin for more S-400 systems was close.", [("", "buys", "Russia", "S-400", "agreed")]),
    ("Russia asked for payment to deliver the S-400 to Turkey.", [("Russia", "supplies", "Turkey", "S-400", "delivered")]),
])
def test_a_deals_parties_and_the_one_urged_are_never_guessed(text, expected):
    assert fields(text) == expected


def test_buying_more_is_more_of_what_the_buyer_received():
    text = "India received its first S-400 regiment in 2021. Q: Will India buy more? A: We are studying it."
    assert fields(text)[-1] == ("India", "buys", "Russia", "S-400", "planned")
    assert claims("Q: Will Turkey buy more?").empty                       # nothing received before: no claim
    assert len(fields("Turkey received the S-400. Turkey wants to buy more modern jets.")) == 1   # more of something else


def test_to_sanction_is_a_verb():
    # 'sanction' ends like a noun ('-ion'); after 'to' it is the verb, and the bill's call makes it planned
    assert fields("Senators introduced a bill requiring the administration to sanction Turkey over the S-400.") == [
        ("", "sanctions", "Turkey", "S-400", "planned")]


@pytest.mark.parametrize("text, expected", [
    # 'ordered <someone> to' is an order given, no purchase; 'ordered <a system> ... to replace' still one
    ("Biden ordered U.S. forces to withdraw the Patriot batteries from Saudi Arabia.",
     [("United States", "withdrew_from", "Saudi Arabia", "Patriot", "planned")]),
    ("Greece ordered 18 Rafale jets from France to replace its Mirages.", [("Greece", "buys", "France", "Rafale", "ordered")]),
    # 'direct talks to buy' names no one urged, and talks to buy are a plan
    ("Turkey held direct talks to buy the Patriot.", [("Turkey", "buys", "United States", "Patriot", "planned")]),
])
def test_an_order_to_someone_is_no_purchase(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "X will face sanctions": X undergoes them, as in a passive; who imposes them is not named there
    ("Title\n\nAnkara will face sanctions under CAATSA, the senators warned.", ("", "sanctions", "Turkey", "planned")),
    ("Title\n\nIndia, which is facing US sanctions, said it would keep the contract.", ("", "sanctions", "India", "threatened")),
    ("Title\n\nUS officials told Ankara to drop the deal or face expulsion from the F-35 programme.",
     ("United States", "removed_from", "Turkey", "threatened")),
    ("Title\n\nAnkara could face sanctions from the United States under CAATSA.",      # the one who imposes them
     ("United States", "sanctions", "Turkey", "planned")),
    ("Title\n\nTurkey faced sanctions in 2020 after the deliveries.", ("", "sanctions", "Turkey", "imposed")),  # past
])
def test_the_one_who_faces_sanctions_or_expulsion_undergoes_them(text, expected):
    got = [(s, r, o, st) for s, r, o, st in fields(text, "subject", "relation", "object", "status") if r == expected[1]]
    assert got == [expected]


@pytest.mark.parametrize("text", [
    "Title\n\nThe United States warned that any country buying the S-400 could face sanctions.",
    "Title\n\nNATO said members that buy Russian arms will face sanctions.",
])
def test_the_one_who_faces_sanctions_is_never_an_actor_named_further_back(text):
    """"any country ... could face sanctions": the one facing them is not named; no one is guessed."""
    assert [r for r in fields(text) if r[1] == "sanctions"] == []


@pytest.mark.parametrize("text, expected", [
    ("Turkey paid Russia $2.5 billion for the S-400.", [("Turkey", "buys", "Russia", "S-400", "bought")]),
    ("Turkey, which paid Russia $2.5 billion for the S-400, kept it in storage.",
     [("Turkey", "buys", "Russia", "S-400", "bought")]),
    # no system: no claim
    ("Turkey paid tribute to the soldiers who died.", []),
])
def test_the_one_paid_for_a_system_is_its_seller(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the passive stands inside the form: 'by X' imposes them, 'on X' undergoes them
    ("Title\n\nIn December 2020, sanctions were imposed on Ankara by the United States.",
     [("United States", "sanctions", "Turkey", "imposed")]),
    ("Title\n\nSanctions have been imposed on Turkey by Washington over the S-400.",
     [("United States", "sanctions", "Turkey", "imposed")]),
    ("Title\n\nWashington said sanctions had been imposed on Ankara.", [("", "sanctions", "Turkey", "imposed")]),
    ("Title\n\nNo sanctions were imposed on India.", [("", "sanctions", "India", "not imposed")]),
    # not sanctions: another measure imposed
    ("Title\n\nTariffs were imposed on Turkey by the United States.", []),
])
def test_sanctions_imposed_in_the_passive_name_who_imposes_and_who_undergoes(text, expected):
    assert fields(text, "subject", "relation", "object", "status") == expected
