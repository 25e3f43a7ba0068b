"""statements(): who said what, on made-up sentences that use the corpus's known names."""
import pandas as pd
import pytest

import helpers


def said(text: str) -> pd.DataFrame:
    """The statements of one made-up article."""
    return helpers.statements(pd.DataFrame({"doc_id": ["t"], "text": [text]}))


def one(text: str) -> dict:
    found = said(text)
    assert len(found) == 1, found[["speaker_surface", "content"]]
    return found.iloc[0].to_dict()


@pytest.mark.parametrize("text, speaker, verb, content, medium, pattern", [
    ("Mike Pompeo said that the talks would resume in spring.",
     "Mike Pompeo", "said", "the talks would resume in spring", "", "speaker first"),
    ("Vladimir Putin told Reuters on Monday that a second contract was close.",
     "Vladimir Putin", "told", "a second contract was close", "Reuters", "speaker first"),
    ("“We have nothing to add,” Fuat Oktay said.",
     "Fuat Oktay", "said", "We have nothing to add", "", "content first"),
    ("The batteries will arrive before winter, Jens Stoltenberg told reporters.",
     "Jens Stoltenberg", "told", "The batteries will arrive before winter", "reporters", "content first"),
    ("The price is far too high, Konstantin Makienko, a long-time critic of the deal, said.",
     "Konstantin Makienko", "said", "The price is far too high", "", "content first"),
    ("Erdogan warned the allies not to interfere in the purchase.",
     "Recep Tayyip Erdogan", "warned", "the allies not to interfere in the purchase", "", "speaker first"),
    ("Mikheev said in an interview with RIA that deliveries were on schedule.",
     "Alexander Mikheev", "said", "deliveries were on schedule", "RIA Novosti", "speaker first"),
    ("Pompeo told a news conference that the sanctions were still on the table.",
     "Mike Pompeo", "told", "the sanctions were still on the table", "a news conference", "speaker first"),
    ("Russia said the first shipment had left port.",
     "Russia", "said", "the first shipment had left port", "", "speaker first"),
    ("Moscow announced that the talks had ended.",
     "Russia", "announced", "the talks had ended", "", "speaker first"),
    ("Reuters news agency said the meeting was postponed.",
     "Reuters", "said", "the meeting was postponed", "", "speaker first"),
])
def test_named_speakers(text, speaker, verb, content, medium, pattern):
    row = one(text)
    assert (row["speaker"], row["verb"], row["content"], row["medium"], row["pattern"], row["resolved"]) == \
        (speaker, verb, content, medium, pattern, "named")


@pytest.mark.parametrize("text, surface, affiliation", [
    ("US officials said the offer expires in March.", "US officials", "United States"),
    ("Turkish officials have said that the purchase is final.", "Turkish officials", "Turkey"),
    ("Integration with NATO radars is impossible, experts say.", "experts", ""),
    ("The defense ministry sources said a decision was near.", "The defense ministry sources", ""),
    ("A senior State Department official said the door remained open.", "A senior State Department official",
     "U.S. Department of State"),
    ("Anonymous German officials, who asked not to be named, said the plan was dropped.",
     "Anonymous German officials", "Germany"),
])
def test_unnamed_groups_keep_their_words_and_affiliation(text, surface, affiliation):
    row = one(text)
    assert row["speaker"] == ""
    assert row["speaker_surface"] == surface
    assert row["resolved"] == f"unnamed: {surface}"
    assert row["speaker_affiliation"] == affiliation


def test_two_coordinated_statements_split_the_content():
    found = said("Vladimir Putin said the system was ready, and a Russian official said payment had arrived.")
    assert found["speaker_surface"].tolist() == ["Vladimir Putin", "a Russian official"]
    assert found["content"].tolist() == ["the system was ready", "payment had arrived"]


def test_reported_speech_inside_a_statement_is_not_a_second_statement():
    found = said("Jens Stoltenberg said Erdogan had told him the order stood.")
    assert found["speaker"].tolist() == ["Jens Stoltenberg"]


def test_words_before_the_verb_that_are_not_a_speaker():
    assert said("The talks went on for hours, and nothing was said about prices.").empty     # passive: nobody
    assert said("The talks continued for hours.").empty                  # 'continued' reports only after its words
    assert said("Reporters asked about Erdogan.").empty
    assert said("Moscow responded by expelling two diplomats.").empty    # 'responded by doing': an act
    assert said("NATO reacted by suspending the talks, and Ankara answered by recalling its envoy.").empty


def test_a_new_name_after_a_role_speaks_past_a_relative_clause():
    row = one("Rostec's export director Viktor Kladov, who led the talks in 2017, told journalists the deal was safe.")
    assert (row["speaker"], row["speaker_known"], row["speaker_role"]) == ("Viktor Kladov", False, "director")
    assert (row["medium"], row["content"]) == ("journalists", "the deal was safe")


@pytest.mark.parametrize("text, medium, content", [
    ("Erdogan told reporters the purchase was a done deal.", "reporters", "the purchase was a done deal"),
    ("Putin told the Financial Times it was a sovereign choice.", "Financial Times", "it was a sovereign choice"),
    ("Cavusoglu told a news conference in Ankara that talks would go on.", "a news conference", "talks would go on"),
])
def test_whom_it_was_told_stops_where_the_content_starts(text, medium, content):
    row = one(text)
    assert (row["medium"], row["content"]) == (medium, content)


def test_a_coordinated_pronoun_clause_is_its_own_statement_not_the_content_first():
    rows = said("The alliance's chief, Jens Stoltenberg, said at the time that the choice was Turkey's, "
                "but he warned of consequences.")
    assert rows[["speaker", "verb", "content"]].values.tolist() == [
        ["Jens Stoltenberg", "said", "the choice was Turkey's"], ["Jens Stoltenberg", "warned", "of consequences"]]


@pytest.mark.parametrize("text, speaker", [
    ("Stoltenberg gave no details but said the talks continue.", "Jens Stoltenberg"),
    ("Erdogan smiled and said: “Why not?”", "Recep Tayyip Erdogan"),
])
def test_the_subject_of_a_coordinated_verb_is_the_speaker(text, speaker):
    assert one(text)["speaker"] == speaker


def test_the_noun_say_is_not_a_reporting_verb():
    row = one("Erdogan said he would buy more, adding that Washington had no say.")
    assert (row["speaker"], row["verb"]) == ("Recep Tayyip Erdogan", "said")
    assert row["content"] == "he would buy more, adding that Washington had no say"   # speaker first: to the end
    assert said("Washington had no say in the decision.").empty
    assert said("Ankara wants a say in the production.").empty
    assert one("Turkey wants the final say on the batteries, Cavusoglu said.")["speaker"] == "Mevlut Cavusoglu"


@pytest.mark.parametrize("text, speaker, surface, content", [
    ("“We will not back down,” said Erdogan.", "Recep Tayyip Erdogan", "Erdogan", "We will not back down"),
    ("Russia is ready, said Vladimir Putin.", "Vladimir Putin", "Vladimir Putin", "Russia is ready"),
    ("The batteries stay, said Jens Stoltenberg, adding that talks go on.", "Jens Stoltenberg", "Jens Stoltenberg",
     "The batteries stay"),
    ("The offer stands, said a senior US official.", "", "a senior US official", "The offer stands"),
])
def test_said_x_after_the_content(text, speaker, surface, content):
    row = one(text)
    assert (row["speaker"], row["speaker_surface"], row["content"], row["pattern"]) == \
        (speaker, surface, content, "content first")


def test_a_name_after_the_verb_that_is_not_the_speaker():
    row = one("Putin, in Sochi, said Erdogan would not back down.")    # more than a name follows "said"
    assert (row["speaker"], row["content"]) == ("Vladimir Putin", "Erdogan would not back down")
    row = one("The deal is done, Konstantin Makienko told Bloomberg.")
    assert (row["speaker"], row["medium"]) == ("Konstantin Makienko", "Bloomberg")


@pytest.mark.parametrize("text, speaker, resolved", [
    ("Mike Pompeo arrived in Brussels. He said the allies were united.",
     "Mike Pompeo", "pronoun: nearest preceding person"),
    ("Fuat Oktay spoke to parliament. Then the session closed. “It is decided,” he said.",
     "", "unresolved: no person named since the previous statement or in the previous sentence"),
    ("Vladimir Putin met Recep Tayyip Erdogan in Sochi. He said the talks went well.",
     "", "unresolved: 2 persons named since the previous statement: Vladimir Putin, Recep Tayyip Erdogan"),
    ("Mike Pompeo said the deal was a mistake. Reporters asked about Erdogan. He said more sanctions would follow.",
     "", "unresolved: 2 persons named since the previous statement: Mike Pompeo, Recep Tayyip Erdogan"),
    ("Fuat Oktay said the order was placed. US officials said they regretted it. He said nothing would change.",
     "", "unresolved: no person named since the previous statement or in the previous sentence"),
    ("Mevlut Cavusoglu said the tests were complete. He said the system works. He added that no pledge was given.",
     "Mevlut Cavusoglu", "pronoun: nearest preceding person"),
])
def test_he_said_resolves_only_where_one_person_fits(text, speaker, resolved):
    last = said(text).iloc[-1]
    assert last["speaker_surface"].lower() == "he"
    assert (last["speaker"], last["resolved"]) == (speaker, resolved)


def test_a_heading_stops_the_pronoun_window():
    text = "Mike Pompeo said the deal was off.\nThe reaction\nHe said it again."
    last = said(text).iloc[-1]
    assert last["speaker"] == "" and last["resolved"].startswith("unresolved")


def test_columns_and_evidence(docs):
    table = helpers.statements(docs)
    assert list(table.columns) == helpers.STATEMENT_COLUMNS
    sents = helpers.sentences(docs).set_index(["doc_id", "sent_id"])["text"]
    for row in table.itertuples():
        assert sents[(row.doc_id, row.sent_id)] == row.sentence
        assert row.content and row.content in row.sentence
        assert row.speaker or row.resolved.startswith(("unnamed", "unresolved"))


def test_a_speaker_not_yet_in_the_tables_is_the_speaker_by_name_and_takes_the_pronoun():
    """A new person (not yet promoted from the candidates) is the speaker by name; "he" goes to them,
    never slides back to the person before."""
    text = ("Erdogan said the deal was done. Defence Minister Hulusi Akar told reporters that the batteries "
            "would arrive in July. He said the purchase would not be cancelled.")
    rows = helpers.statements(pd.DataFrame({"doc_id": ["t"], "text": [text]}))
    assert rows["speaker"].tolist() == ["Recep Tayyip Erdogan", "Hulusi Akar", "Hulusi Akar"]
    assert rows["speaker_known"].tolist() == [True, False, False]
    assert rows["resolved"].iloc[1] == "new name: not in entities.csv yet"
    assert rows["speaker_role"].iloc[1] == "Defence Minister"
    assert rows["resolved"].iloc[2] == "pronoun: nearest preceding person (not in entities.csv yet)"


def test_a_new_person_still_blocks_the_pronoun_when_two_are_named():
    text = ("Erdogan said the deal was done. Hulusi Akar met Vladimir Putin in Sochi. He said the deal stood.")
    last = said(text).iloc[-1]
    assert (last["speaker"], last["resolved"]) == ("", "unresolved: 3 persons named since the previous statement: "
                                                       "Recep Tayyip Erdogan, Hulusi Akar, Vladimir Putin")


def test_a_dateline_is_not_part_of_the_speaker():
    text = "ANKARA (Reuters) - Turkish President Tayyip Erdogan said the talks went well."
    rows = helpers.statements(pd.DataFrame({"doc_id": ["t"], "text": [text]}))
    assert rows[["speaker", "speaker_surface"]].values.tolist() == [
        ["Recep Tayyip Erdogan", "Turkish President Tayyip Erdogan"]]


@pytest.mark.parametrize("text, surface, affiliation", [
    ("The minister said the batteries would stay.", "The minister", ""),
    ("The Turkish foreign minister said the talks would go on.", "The Turkish foreign minister", "Turkey"),
    ("A senior official said a decision was near.", "A senior official", ""),
    ("The report said the sanctions were narrow.", "The report", ""),
    ("The Russian defence ministry said the tests were over.", "The Russian defence ministry", "Russia"),
    ("The offer is generous, a Western diplomat said.", "a Western diplomat", ""),
])
def test_role_named_speakers_are_kept_with_their_words(text, surface, affiliation):
    row = one(text)
    assert (row["speaker"], row["speaker_surface"], row["speaker_affiliation"]) == ("", surface, affiliation)
    assert row["resolved"] == f"unnamed: {surface}"


def test_the_role_refers_back_to_the_one_person_named_with_it():
    rows = said("Russian President Vladimir Putin met Erdogan in Sochi. The Russian president said the talks were useful. "
                "The minister said nothing.")
    assert rows["speaker"].tolist() == ["Vladimir Putin", ""]
    assert rows["resolved"].iloc[0].startswith("role: 'The Russian president' is Vladimir Putin")
    assert rows["resolved"].iloc[1] == "unnamed: The minister"            # no minister was named


def test_the_body_takes_the_affiliation_of_the_body_named_before():
    rows = said("Turkey's Foreign Ministry condemned the decision. The ministry said Ankara would respond.")
    assert rows[["speaker_surface", "speaker_affiliation"]].values.tolist() == [["The ministry", "Foreign Ministry"]]
    rows = said("A report by the Congressional Research Service said the sanctions were narrow. "
                "The report said a deal was possible.")
    assert rows["speaker"].tolist() == ["", ""]
    assert rows["speaker_affiliation"].tolist() == ["Congressional Research Service"] * 2


def test_the_body_is_the_speaker_when_the_tables_know_the_body_named_before():
    rows = said("Photos from the Turkish Ministry of National Defence showed the landing. "
                "The ministry said a second plane would follow.")
    assert rows[["speaker", "speaker_surface", "speaker_known"]].values.tolist() == [
        ["Turkish Ministry of National Defence", "The ministry", True]]
    assert rows["resolved"].str.contains("named earlier").all()


@pytest.mark.parametrize("text, speaker, verb", [
    ("Erdogan says Turkey will buy more.", "Recep Tayyip Erdogan", "says"),                      # present
    ("Mevlut Cavusoglu has confirmed that the second batch arrived.", "Mevlut Cavusoglu", "confirmed"),  # perfect
    ("Dmitry Shugayev, the head of the FSVTS, has confirmed that the contract stands.", "Dmitry Shugayev", "confirmed"),
    ("Sinan Ulgen, chairman of the EDAM think tank, argues that the S-400 is a bargaining chip.", "Sinan Ulgen", "argues"),
    ("According to Dmitry Shugayev, the deliveries will end in the summer.", "Dmitry Shugayev", "according to"),
    ("Putin has linked the deal to the loan, saying the two go together.", "Vladimir Putin", "saying"),
    ("Kremlin spokesman Dmitry Peskov told reporters that the deal stood.", "Dmitry Peskov", "told"),
])
def test_tenses_appositions_and_attributions(text, speaker, verb):
    row = one(text)
    assert (row["speaker"], row["verb"]) == (speaker, verb)


def test_an_apposition_gives_role_and_affiliation():
    row = one("Dmitry Shugayev, the head of the FSVTS, has confirmed that the contract stands.")
    assert (row["speaker_role"], row["speaker_affiliation"], row["speaker_known"]) == ("head of the FSVTS", "FSVTS", False)
    row = one("Kremlin spokesman Dmitry Peskov told reporters that the deal stood.")
    assert (row["speaker_role"], row["speaker_affiliation"]) == ("spokesman", "Kremlin")


def test_an_organisation_the_tables_do_not_know_speaks_by_name():
    row = one("The first batch has been delivered, the Federal Service for Military-Technical Cooperation (FSVTS) said.")
    assert (row["speaker"], row["speaker_known"]) == ("Federal Service for Military-Technical Cooperation", False)
    assert row["pattern"] == "content first" and row["content"] == "The first batch has been delivered"


def test_a_pronoun_after_an_unnamed_speaker_keeps_that_speaker():
    last = said("A senior U.S. official said the door remained open. He said talks would resume.").iloc[-1]
    assert (last["speaker"], last["resolved"], last["speaker_affiliation"]) == (
        "", "pronoun: the previous speaker, 'A senior U.S. official'", "United States")


def test_outlet_and_published_date_come_with_every_statement(docs):
    table = helpers.statements(docs)
    catalog = docs.set_index("doc_id")
    assert (table["outlet"] == table["doc_id"].map(catalog["outlet"])).all()
    assert (table["published"] == table["doc_id"].map(catalog["published"])).all()
    assert table["published"].notna().all()


@pytest.mark.parametrize("text, surface, verb", [
    ("Critics argue that the sanctions came too late.", "Critics", "argue"),       # plural present: the base form
    ("Turkish officials say the company is developing a drone.", "Turkish officials", "say"),
    ("The missile was fired near the coast, local media reported.", "local media", "reported"),
])
def test_groups_in_the_present_and_the_press(text, surface, verb):
    row = one(text)
    assert (row["speaker"], row["speaker_surface"], row["verb"]) == ("", surface, verb)


def test_a_coordinated_clause_is_not_an_apposition():
    """"..., Poland and Azerbaijan, and Turkish officials say ...": the officials speak, not Azerbaijan."""
    row = one("The drone has been sold to Ukraine, Poland and Azerbaijan, and Turkish officials say more will follow.")
    assert (row["speaker"], row["speaker_surface"]) == ("", "Turkish officials")


def test_the_official_after_a_named_official_is_that_person():
    rows = said("Dmitry Shugayev said the talks were nearly over. According to the official, Russia is ready to supply "
                "more jets.")
    assert rows["speaker"].tolist() == ["Dmitry Shugayev", "Dmitry Shugayev"]
    assert rows["resolved"].iloc[1] == "role: 'the official' is Dmitry Shugayev, the previous speaker"


def test_footage_posted_is_not_a_statement():
    assert said("Footage posted on social media showed a missile being fired from the coast.").empty


@pytest.mark.parametrize("text, speaker, medium, content, pattern", [
    ("Talks on a second batch are under way, Dmitry Peskov was quoted by Interfax as saying on Tuesday.",
     "Dmitry Peskov", "Interfax", "Talks on a second batch are under way", "content first"),
    ("Mevlut Cavusoglu was quoted as saying that Ankara would not step back.",
     "Mevlut Cavusoglu", "", "Ankara would not step back", "speaker first"),
    ("Erdogan was quoted in Hurriyet as saying Turkey would buy more.",
     "Recep Tayyip Erdogan", "Hurriyet", "Turkey would buy more", "speaker first"),
])
def test_quoted_as_saying(text, speaker, medium, content, pattern):
    row = one(text)
    assert (row["speaker"], row["medium"], row["content"], row["pattern"], row["verb"]) == (
        speaker, medium, content, pattern, "quoted as saying")


def test_an_unnamed_speaker_by_head_noun_and_where_from_and_the_generic_role_after_a_named_one():
    rows = said("A source in the Russian defence industry told TASS a second contract was near. "
                "The source added that crews had trained in Russia.")
    assert rows[["speaker", "speaker_surface", "medium"]].values.tolist() == [
        ["", "A source in the Russian defence industry", "TASS"], ["", "The source", ""]]
    rows = said("Russian Deputy Foreign Minister Sergei Ryabkov said talks went on. The diplomat said a deal was near.")
    assert rows["speaker"].tolist() == ["Sergei Ryabkov", "Sergei Ryabkov"]
    assert said("The talks in the capital went on for hours.").empty


def test_a_question_is_a_statement_only_with_what_was_asked():
    row = one("Opposition deputy Ali Kaya asked in parliament last Tuesday why the system was idle.")
    assert (row["speaker"], row["verb"]) == ("Ali Kaya", "asked")
    assert said("The minister asked the parliament for more money.").empty
    assert said("Reporters asked about Erdogan.").empty


def test_a_transcript_line_is_its_speakers_statement():
    rows = said("Selin Kaya talked to Hakan Fidan.\nQ: Why did Ankara turn to Moscow?\n"
                "Fidan: For ten years we asked our allies for air defence.")
    assert rows[["speaker", "verb", "content", "pattern"]].values.tolist() == [
        ["Hakan Fidan", ":", "For ten years we asked our allies for air defence.", "transcript"]]
    assert said("Note: the figures are estimates.\nUpdate: talks went on.\nBackground: Turkey signed in 2017.").empty


def test_reports_after_according_to_is_the_source_not_a_verb():
    row = one("Turkish forces test-fired a missile near Sinop in 2020, according to local media reports at the time.")
    assert (row["verb"], row["speaker"]) == ("according to", "") and row["speaker_surface"].startswith("local media reports")
    assert one("According to Reuters reports, the batteries arrived in July.")["speaker"] == "Reuters"


def test_according_to_him_is_the_person_named_before():
    last = said("Mike Pompeo told reporters the deal was off. According to him, new sanctions were ready.").iloc[-1]
    assert (last["verb"], last["speaker_surface"], last["speaker"]) == ("according to", "him", "Mike Pompeo")


@pytest.mark.parametrize("text, surface", [
    ("“Everything is open,” a senior Turkish official who spoke on condition of anonymity told Reuters.",
     "a senior Turkish official"),
    ("A US diplomat who asked not to be named because the talks were confidential said the offer stood.",
     "A US diplomat"),
])
def test_a_relative_clause_after_an_unnamed_speaker_is_not_part_of_it(text, surface):
    row = one(text)
    assert (row["speaker"], row["speaker_surface"]) == ("", surface)


def test_demanded_that_is_a_statement_but_demands_after_a_determiner_is_not():
    row = one("The United States has repeatedly demanded that Turkey abandon the S-400.")
    assert (row["speaker"], row["verb"], row["content"]) == ("United States", "demanded", "Turkey abandon the S-400")
    assert said("Ankara used its veto to press its own demands, including new jets.").empty


@pytest.mark.parametrize("text, speaker", [
    ("Ibrahim Kalin, Erdogan's spokesman, told CNN Turk that no decision had been made.", "Ibrahim Kalin"),
    ("Mevlut Cavusoglu, Turkey's foreign minister, said the deal was done.", "Mevlut Cavusoglu"),
])
def test_a_possessive_apposition_after_a_name_is_not_the_speaker(text, speaker):
    # "X, Erdogan's spokesman, told ..." is X speaking, not Erdogan
    assert said(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker, content", [
    ('Reyes, the ranking member of the subcommittee, has called the purchase "a direct challenge to NATO."', "Reyes",
     'the purchase "a direct challenge to NATO."'),
    ('Analysts described the deal as "a turning point" for Turkey.', "", 'the deal as "a turning point" for Turkey'),
])
def test_a_naming_verb_before_a_quote_is_a_statement(text, speaker, content):
    # vocabulary.csv class naming_verb: 'called X "..."' names what X is, in the speaker's words
    rows = said(text)
    assert rows[["speaker", "content"]].values.tolist() == [[speaker, content]]


@pytest.mark.parametrize("text", [
    "Erdogan called Putin on Tuesday to discuss the S-400.",                              # no quote: a phone call
    "Lavrov called Cavusoglu on Tuesday to discuss the “final stage” of deliveries.",     # the quote too far on
    "Menendez called for “swift and severe” sanctions against Ankara.",                    # a demand, not a naming
])
def test_a_naming_verb_without_a_quote_right_after_its_object_is_no_statement(text):
    assert said(text).empty


@pytest.mark.parametrize("text", [
    "A spokesman for Hulusi Akar, Turkey's defence minister, told Reuters the tests were routine.",
    "An aide to Mevlut Cavusoglu, Turkey's foreign minister, said the talks would go on.",
])
def test_a_possessive_description_after_more_than_a_name_does_not_make_the_name_speak(text):
    assert said(text)["speaker"].tolist() == [""]


# Speakers named by role, resolved to the person the article ties to that role (speakers.RoleRef, fits)

def _speaker_of(rows: pd.DataFrame, surface: str) -> str:
    row = rows[rows["speaker_surface"] == surface]
    assert len(row) == 1, rows[["speaker_surface", "speaker", "resolved"]]
    return row["speaker"].iloc[0]


@pytest.mark.parametrize("text, surface, speaker", [
    # a headline's "..., says defence minister", the minister named by title in the lead (wire)
    ("Turkey will not hand back Russian missiles, says defence minister\n\n"
     "ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar said on Tuesday the S-400 batteries were "
     "part of the national inventory.\n\nAkar said talks with Washington would go on.",
     "defence minister", "Hulusi Akar"),
    # by apposition in the lead (broadsheet)
    ("Second S-400 deal is close, says Turkish minister\n\n"
     "Hulusi Akar, Turkey's defence minister, said on Monday that a second contract was close.",
     "Turkish minister", "Hulusi Akar"),
    # "Rostec chief says": a chief is whoever heads the body, here its chief executive (agency)
    ("Moscow ready to ship more S-400s, Rostec chief says\n\n"
     "MOSCOW, March 3 (TASS) - Rostec chief executive Sergei Chemezov told reporters that a new contract "
     "could be signed this year.",
     "Rostec chief", "Sergei Chemezov"),
    # a colon headline: "Minister: ..."
    ("Minister: Turkey will keep its S-400s\n\n"
     "ISTANBUL (AA) - Defence Minister Hulusi Akar said the systems would stay in service.",
     "Minister", "Hulusi Akar"),
])
def test_a_headline_role_is_the_person_the_article_names_with_it(text, surface, speaker):
    assert _speaker_of(said(text), surface) == speaker


def test_a_headline_role_two_people_hold_stays_unnamed():
    text = ("S-400 talks will go on, says minister\n\n"
            "ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar and Energy Minister Fatih Donmez said on "
            "Friday that the talks with Moscow would continue.")
    assert _speaker_of(said(text), "minister") == ""


def test_the_portfolio_written_with_a_role_picks_one_of_two_ministers():
    text = ("Turkish Defence Minister Hulusi Akar met Energy Minister Fatih Donmez in Ankara. "
            "The defence minister said the batteries would be activated when needed. "
            "The minister said nothing about the pipeline.")
    rows = said(text)
    assert _speaker_of(rows, "The defence minister") == "Hulusi Akar"
    assert _speaker_of(rows, "The minister") == ""                    # two ministers: never a guess


def test_a_deputy_is_not_the_minister():
    text = ("Deputy Foreign Minister Yavuz Selim Kiran arrived in Moscow on Monday. "
            "The foreign minister said the visit would prepare the summit.")
    assert _speaker_of(said(text), "The foreign minister") == ""


@pytest.mark.parametrize("text, surface, speaker", [
    # "the head of the agency": the head of the body whose name holds "agency"
    ("Rosoboronexport head Alexander Mikheev and Viktor Orlov, director of the Federal Agency for Defence "
     "Procurement, met in Moscow on Tuesday. The head of the agency said the contract was ready.",
     "The head of the agency", "Viktor Orlov"),
    # "the head of the state arms exporter": entities.csv's role of Rosoboronexport holds the noun
    ("Rosoboronexport head Alexander Mikheev and Viktor Orlov, director of the Federal Agency for Defence "
     "Procurement, met in Moscow on Tuesday. The head of the state arms exporter said deliveries were on time.",
     "The head of the state arms exporter", "Alexander Mikheev"),
    # "the head of the company": the one person named with a company's heading title (CEO)
    ("Aselsan CEO Ahmet Akyol showed the new radar in Ankara. "
     "The head of the company said it would be ready next year.",
     "The head of the company", "Ahmet Akyol"),
])
def test_the_head_of_a_generic_body_is_the_person_heading_a_body_of_that_kind(text, surface, speaker):
    assert _speaker_of(said(text), surface) == speaker


def test_the_head_of_the_company_with_two_chief_executives_stays_unnamed():
    text = ("Aselsan CEO Ahmet Akyol and Roketsan chief executive Murat Ikinci spoke at the fair. "
            "The head of the company said exports would double.")
    assert _speaker_of(said(text), "The head of the company") == ""


@pytest.mark.parametrize("text, speaker", [
    # the wire's lead: the role, then the full name opening the next sentence (AP)
    ("Bulgaria says it will not buy Russian missiles\n\n"
     "SOFIA, Bulgaria (AP) — Bulgaria's defense minister said Wednesday that the country would not buy "
     "Russian air defense systems.\n\nTodor Tagarev told lawmakers the decision was final.",
     "Todor Tagarev"),
    # the next sentence names someone else by a role of their own: no one
    ("ANKARA, Turkey (AP) — Turkey's defense minister said Thursday that the tests were routine.\n\n"
     "Aaron Stein, an analyst at the Foreign Policy Research Institute, said the tests sent a message.",
     ""),
])
def test_a_lead_role_is_the_full_name_that_opens_the_next_sentence(text, speaker):
    rows = said(text)
    lead = rows[rows["speaker_surface"].str.endswith("defense minister")]
    assert lead["speaker"].tolist() == [speaker]


def test_an_indefinite_role_in_the_lead_is_no_one_named_later():
    text = ("ANKARA, Turkey (AP) — A Turkish official said Thursday that the tests were routine.\n\n"
            "Todor Tagarev told reporters in Sofia that Bulgaria was watching.")
    assert _speaker_of(said(text), "A Turkish official") == ""


@pytest.mark.parametrize("text, surface", [
    ("ANKARA (Reuters) - A spokesman for Hulusi Akar, Turkey's defence minister, told Reuters the tests were routine.",
     "A spokesman for Hulusi Akar"),
    ("An aide to Erdogan said the talks would go on.", "An aide to Erdogan"),
])
def test_a_spokesman_for_a_person_speaks_unnamed_after_a_dateline_too(text, surface):
    row = one(text)
    assert (row["speaker"], row["speaker_surface"]) == ("", surface)


def test_a_name_and_a_possessive_description_after_a_dateline_is_the_name():
    row = one("ISTANBUL, Oct 3 (Reuters) - İbrahim Kalın, Erdoğan's chief adviser, told broadcaster NTV "
              "the deal was done.")
    assert row["speaker"] == "İbrahim Kalın"


def test_a_name_given_by_dubbed_is_no_person_for_he():
    text = ("Defence Minister Hulusi Akar said the new radar network, dubbed Sky Wall, would be ready in 2025. "
            "“It will protect every city,” he said.")
    assert said(text)["speaker"].tolist() == ["Hulusi Akar", "Hulusi Akar"]


def test_a_spokesman_for_a_titled_minister_speaking_anonymously_is_the_spokesman():
    row = one("A spokesman for Turkish Defence Minister Hulusi Akar, speaking on condition of anonymity, "
              "said the radars were switched off.")
    assert (row["speaker"], row["speaker_surface"]) == ("", "A spokesman for Turkish Defence Minister Hulusi Akar")


def test_a_long_name_phrase_then_a_participle_clause_is_the_name():
    row = one("The head of the Russian state arms exporter Alexander Mikheev, speaking at the Dubai Airshow, "
              "said the deal was safe.")
    assert row["speaker"] == "Alexander Mikheev"


def test_the_role_a_lead_ties_to_a_name_holds_for_the_role_later():
    # wire style: the lead's role is named in the next sentence; "the minister" then is that person
    text = ("SOFIA, Bulgaria (AP) — Bulgaria's defense minister said Wednesday that the country would not buy "
            "Russian air defense systems.\n\nTodor Tagarev told lawmakers the decision was final.\n\n"
            "The minister said talks with Washington on Patriot batteries would resume in May.")
    assert _speaker_of(said(text), "The minister") == "Todor Tagarev"


def test_a_persons_spokesman_is_the_spokesman_and_the_one_named_so():
    assert one("Erdogan's spokesman said the deal was done.")["speaker"] == ""
    text = ("Ibrahim Kalin, Erdogan's spokesman, and Fahrettin Altun, Erdogan's communications director, met "
            "reporters in Ankara. Erdogan's spokesman said no decision had been made.")
    assert _speaker_of(said(text), "Erdogan's spokesman") == "Ibrahim Kalin"


def test_a_title_case_headline_capitalises_its_verb():
    text = ("Turkey Will Keep Russian Missiles in Storage, Defence Minister Says\n\n"
            "ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar said on Monday the batteries would stay in storage.")
    rows = said(text)
    assert _speaker_of(rows, "Defence Minister") == "Hulusi Akar"
    assert rows["verb"].tolist() == ["says", "said"]


@pytest.mark.parametrize("text, surface, speaker", [
    # a role written before a name set off by commas ties the name to it (agency style)
    ("MOSCOW (TASS) - The head of the Federal Agency for Defence Procurement, Oleg Borisov, said the tender "
     "was open. The head of the agency said bids were due in May.", "The head of the agency", "Oleg Borisov"),
    ("Aselsan's chief executive, Ahmet Akyol, said exports had doubled. The head of the company said a new "
     "plant would open.", "The head of the company", "Ahmet Akyol"),
])
def test_a_role_before_a_name_between_commas_ties_the_name_to_it(text, surface, speaker):
    assert _speaker_of(said(text), surface) == speaker


@pytest.mark.parametrize("text, speaker, verb", [
    ("Rep. Dana Whitlock (D-Ore.) said in a statement on Friday that the waiver was a mistake.", "Dana Whitlock", "said"),
    ("Sen. Paul Okafor, R-Ohio, told reporters the sanctions would stay.", "Paul Okafor", "told"),
    ('"Ankara made its choice," Rep. Lena Brandt, R-Fla., a member of the House Foreign Affairs Committee, '
     "told the newspaper.", "Lena Brandt", "told"),
])
def test_a_lawmakers_party_and_state_stand_between_the_name_and_the_verb(text, speaker, verb):
    """US press style writes a lawmaker's party and state after the name, in brackets or between commas."""
    row = one(text)
    assert (row["speaker"], row["verb"]) == (speaker, verb) and "-" not in row["speaker_surface"]


def test_a_transcript_label_may_hold_a_title_before_the_name_and_a_note_after_it():
    """Presidential sites' transcripts: "President of Russia Vladimir Putin:", "... Erdogan (retranslated):";
    the question and a note in the same shape have no one speaking."""
    text = ("Press statements following talks\n\n"
            "President of Russia Vladimir Putin: Mr President, colleagues, we discussed the S-400 deliveries.\n\n"
            "President of Turkey Recep Tayyip Erdogan (retranslated): Dear friend, thank you for the welcome.\n\n"
            "Question (retranslated): Mr President, will Turkey buy more systems?\n\n"
            "Note (updated): The transcript was edited for length.")
    rows = said(text)
    assert rows["speaker"].tolist() == ["Vladimir Putin", "Recep Tayyip Erdogan"]
    for heading in ("Talks Between Putin And Erdogan: What We Know So Far",        # a heading with a colon, and
                    "Vladimir Putin and Recep Tayyip Erdogan: the talks ended without a deal."):   # two names: no one
        assert said(f"Title\n\n{heading}").empty, heading
    assert rows["content"].tolist() == ["Mr President, colleagues, we discussed the S-400 deliveries.",
                                        "Dear friend, thank you for the welcome."]


@pytest.mark.parametrize("text, speaker", [
    ("Title\n\nNATO said on Friday that the deliveries changed nothing.", "NATO"),
    ("Title\n\nTASS reported that the first batteries had been loaded.", "TASS"),
    ("Title\n\nANKARA (Wire) - NATO said on Friday that the deliveries changed nothing.", "NATO"),
])
def test_a_name_written_in_capitals_alone_before_the_verb_is_no_dateline(text, speaker):
    """A dateline is a place in capitals before the story; "NATO said" is a speaker, not a dateline."""
    assert one(text)["speaker"] == speaker


@pytest.mark.parametrize("text, speakers", [
    # the country and the words of the phrase name one organisation of entities.csv, in either spelling
    ("Title\n\nTurkey's defence ministry said on Friday that the parts had arrived. The ministry said more would "
     "come.", ["Turkish Ministry of National Defence", "Turkish Ministry of National Defence"]),
    # no such organisation of that country in the tables: the words are kept, no one is guessed
    ("Title\n\nRussia's defence ministry said the parts had arrived. The ministry said more would come.", ["", ""]),
    ("Title\n\nTurkey's foreign ministry said the talks would go on.", [""]),
    ("Title\n\nTurkey's ministry said the talks would go on.", [""]),        # the kind alone says too little
])
def test_a_body_named_by_its_country_and_kind_is_the_organisation_the_tables_know(text, speakers):
    assert said(text)["speaker"].tolist() == speakers
