"""Sentence splitting (workbook.sentences): offsets into the cleaned text, headlines, abbreviations."""
import pandas as pd
import pytest

import helpers
from workbook.sentences import sentence_at


def test_sentence_offsets_point_into_the_cleaned_text(docs, sents):
    texts = docs.set_index("doc_id")["text"]
    assert list(sents.columns) == ["doc_id", "sent_id", "start", "end", "text"]
    for s in sents.itertuples():
        assert texts[s.doc_id][s.start:s.end] == s.text
    assert (sents.groupby("doc_id")["sent_id"].apply(lambda x: list(x) == list(range(1, len(x) + 1)))).all()


@pytest.mark.parametrize("text, expected", [
    ("There are no S-400s in Turkey, U.S. Air Force General Tod Walters told Reuters. He said more.",
     ["There are no S-400s in Turkey, U.S. Air Force General Tod Walters told Reuters.", "He said more."]),
    ("Gen. Tod D. Wolters spoke. Mr. Smith arrived on Jan. 5, 2018. Then he left.",
     ["Gen. Tod D. Wolters spoke.", "Mr. Smith arrived on Jan. 5, 2018.", "Then he left."]),
    ("“We will sort things out for ourselves,” he said. “There’s no other option.”",
     ["“We will sort things out for ourselves,” he said.", "“There’s no other option.”"]),
    ("Headline without a stop\nFirst sentence. Second one.",
     ["Headline without a stop", "First sentence.", "Second one."]),
])
def test_sentence_splitting(text, expected):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    assert helpers.sentences(docs)["text"].tolist() == expected


def test_sentences_of_one_long_text_match_the_articles_sentences(docs, sents):
    """Joined into one text (where the segmenter drops some blank lines), offsets still hold."""
    joined = "\n".join(docs["text"])
    one = helpers.sentences(pd.DataFrame({"doc_id": ["all"], "text": [joined]}))
    assert all(joined[a:b] == t for a, b, t in zip(one["start"], one["end"], one["text"]))
    assert one["text"].tolist() == sents.set_index("doc_id").loc[docs["doc_id"], "text"].tolist()


def test_sentence_at_finds_the_sentence_holding_each_offset():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["One two. Three four.", "Five.\n\nSix seven."]})
    sents = helpers.sentences(docs)
    text = dict(zip(docs["doc_id"], docs["text"]))
    queries = [("a", 0), ("a", 8), ("a", 9), ("a", 19), ("b", 2), ("b", 6), ("b", 9), ("c", 0)]
    found = sentence_at(sents, [d for d, _ in queries], [o for _, o in queries])
    got = [sents["text"].iat[k] if k >= 0 else None for k in found]
    # offset 8 is the space between two sentences and 6 a blank line: no sentence holds them; "c" is no article
    assert got == ["One two.", None, "Three four.", "Three four.", "Five.", None, "Six seven.", None]
    for (d, o), k in zip(queries, found):
        if k >= 0:
            assert sents["doc_id"].iat[k] == d and sents["start"].iat[k] <= o < sents["end"].iat[k]
            assert text[d][o] in sents["text"].iat[k]
