"""Systems referred to by their kind (workbook.anaphora): "the missile system" after the article named one."""
import pandas as pd
import pytest

import helpers
from workbook.files import CorpusError
from workbook.sentences import sentences


def articles(*texts):
    return pd.DataFrame({"doc_id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})


def referred(*texts, path=None):
    """(doc_id, phrase, system, antecedent as written) for each phrase linked by kind."""
    docs = articles(*texts)
    sents = sentences(docs)
    found = helpers.kind_mentions(docs, helpers.mentions(docs, path, sents=sents), sents, path)
    return [(r.doc_id, r.surface, r.entity, r.antecedent) for r in found.itertuples()]


WIRE = ("ANKARA (Reuters) - Turkey will be removed from the F-35 programme if it takes delivery of "
        "Russia's S-400, a U.S. official said on Tuesday.\n\n"
        "Washington says the fighter jet cannot fly alongside the missile system, which it says could "
        "collect data on the stealth aircraft.")


def test_each_kind_goes_to_the_named_system_of_its_kind():
    found = referred(WIRE)
    assert ("a0", "the fighter jet", "F-35", "F-35") in found
    assert ("a0", "the missile system", "S-400", "S-400") in found
    assert all(system != "S-400" for _, phrase, system, _ in found if "aircraft" in phrase)


def test_the_most_recent_name_of_the_kind_wins():
    text = ("Turkey said it was still talking to Washington about the Patriot. Ankara took delivery of the S-400 "
            "on Friday. The air-defence system will be active by April.")
    assert referred(text) == [("a0", "The air-defence system", "S-400", "S-400")]


def test_an_unnamed_system_before_any_name_is_not_linked():
    text = ("Turkey wants the missile system to protect its cities, officials said. "
            "Later, Ankara signed for the S-400.")
    assert referred(text) == []


def test_another_articles_name_does_not_carry_over():
    first = "MOSCOW, July 12. /TASS/. Russia has started delivering S-400 systems to Turkey, the agency said."
    second = "Turkish officials said the anti-aircraft missile would be deployed near Ankara."
    assert referred(first, second) == []


def test_an_origin_among_the_modifiers_must_fit_the_system():
    text = ("The S-400 deal angered Washington, which had offered Patriot batteries instead. "
            "Ankara s decision to buy the Russian-made system has been seen as a snub.")
    assert referred(text) == [("a0", "the Russian-made system", "S-400", "S-400")]
    # an organisation that makes no system makes the phrase no reference to a weapon
    assert referred("Turkey bought the S-400. It will not be linked to the NATO air-defense system.") == []


def test_a_name_in_the_phrase_or_right_after_it_is_the_mention_itself():
    text = ("Turkey bought the S-400 missile system, and Greece holds the air-defence system S-300. "
            "Turkey reached a deal for the latter's most advanced missile-defense system, the S-400.")
    assert referred(text) == []


def test_an_unnamed_system_brought_in_between_keeps_the_phrase_from_the_name():
    text = ("Germany withdrew its Patriot batteries in 2015. Spanish and Italian missile batteries remain, "
            "but those systems are linked to NATO.")
    assert referred(text) == []


def test_the_reach_counts_sentences():
    filler = " ".join(f"Talks went on for day {n}." for n in range(1, 7))
    assert referred(f"Turkey bought the S-400. {filler} The missile system arrived.") == []      # 7 sentences back
    assert referred("Turkey bought the S-400. Talks went on. The missile system arrived.") == [
        ("a0", "The missile system", "S-400", "S-400")]
    assert referred("Turkey bought the S-400. Talks went on. Talks went on. The system arrived.") == []   # 'system': 2


def test_with_kind_mentions_says_how_each_row_was_linked():
    docs = articles("Turkey bought the S400 and the S-400s arrived; the missile system is active.")
    sents = sentences(docs)
    both = helpers.with_kind_mentions(helpers.mentions(docs, sents=sents), docs, sents)
    systems = both[both["kind"] == "weapon_system"]
    assert list(zip(systems["surface"], systems["linked_by"])) == [
        ("S400", "alias"), ("S-400s", "name"), ("the missile system", "kind")]
    assert set(systems["entity"]) == {"S-400"}
    assert systems["antecedent"].tolist()[-1] == "S-400s"


def test_a_system_is_of_a_kind_when_its_type_holds_a_noun_of_the_kind():
    kinds = helpers.system_kinds()
    assert "air defence" in kinds["S-400"] and "combat aircraft" in kinds["F-35"]
    assert "combat aircraft" not in kinds["S-400"]          # "anti-aircraft" is not "aircraft"


def test_the_chronology_counts_a_system_named_by_its_kind():
    from workbook.time.events import events

    docs = articles("Russia signed a deal in 2017 to sell Turkey the S-400. Moscow said it would deliver the "
                    "missile system in July 2019.")
    docs["published"] = docs["reference_date"] = pd.Timestamp("2018-01-10")
    docs["outlet"] = "Wire"
    july = events(docs).set_index("surface").loc["in July 2019"]
    assert july["systems"] == "S-400"
    assert july["systems_by_kind"] == "S-400 (the missile system)"


@pytest.mark.trust("knowledge tables")
@pytest.mark.parametrize("row, message", [
    ("Missile System,air defence,5,", "lower case"),
    ("missile system,air defence,5,", "listed twice"),
    ("warship,naval,two,", "whole number"),
])
def test_a_bad_row_of_kind_nouns_is_named(corpus_copy, row, message):
    table = corpus_copy / "kind_nouns.csv"
    table.write_text(table.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as err:
        helpers.kind_nouns(corpus_copy)
    assert "kind_nouns.csv row" in str(err.value)
