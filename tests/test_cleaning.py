"""Cleaning (workbook.cleaning): outlet rules, general rules, every removal listed, no reporting lost."""
import re

import pytest

import helpers


def test_boilerplate_removed_and_every_removal_listed(docs):
    text = " ".join(docs["text"])
    for boiler in ["Region:", "Theme:", "Disclaimer", "Copyright", "Comment on Global Research",
                   "alternate addresses", "SHARE THIS ARTICLE", "6058530408001", "\nvideo\n", "](#)", "\u00a0"]:
        assert boiler not in text, boiler
    gone = helpers.removals(docs)
    assert set(gone["doc_id"]) <= set(docs["doc_id"])
    assert {"byline", "repost footer", "alternate addresses footer", "video embed id"} <= set(gone["rule"])


def test_every_reporting_sentence_survives(docs):
    """Each raw line that no rule names as boilerplate is still in the cleaned text, word for word."""
    rules = helpers.boilerplate_rules()
    for row in docs.itertuples():
        removed = " ".join(text for _, text in row.removed)
        clean_words = re.findall(r"\w+", row.text)
        for line in row.raw.split("\n"):
            words = re.findall(r"\w+", re.sub(r"\]\([^)]*\)", "]", line))
            if len(words) < 4 or line.strip() in removed:
                continue
            # lost apostrophes join two tokens ("Ankara s" -> "Ankara's"): compare with them removed
            squash = lambda ws: " ".join(w for w in ws if w not in {"s", "t"})
            assert squash(words) in squash(clean_words), (row.doc_id, line)
        assert not any(r.regex.search(ln) for r in rules.itertuples() for ln in row.text.split("\n")), row.doc_id


@pytest.mark.parametrize("raw, cleaned", [
    ("Ankara s decision was final.", "Ankara's decision was final."),
    ("There hasn t been any request.", "There hasn't been any request."),
    ("NATO s collective defense.", "NATO's collective defense."),
    ("A link to [the report](http://x) here.", "A link to the report here."),
    ("Under the \\$2.5 billion deal", "Under the $2.5 billion deal"),
    ("Officials\u00a0have warned", "Officials have warned"),
    ("The S-400 is a system.", "The S-400 is a system."),
    ("Plans for 2019 s budget", "Plans for 2019 s budget"),
])
def test_cleaning_rules(raw, cleaned):
    assert helpers.clean(raw)[0] == cleaned


def test_cleaning_rules_are_general_not_per_file():
    text, removed = helpers.clean("News / World / Politics\n\nA real sentence.\n\n123456789012 video\nvideo\n"
                                  "Press TV’s website can also be accessed at\nwww.example.com")
    assert text == "A real sentence.\n\n123456789012 video"
    assert [r for r, _ in removed] == ["breadcrumb", "video heading", "alternate addresses footer"]


def test_bad_cleaning_rules_are_listed_with_their_rows(corpus_copy):
    with open(corpus_copy / "boilerplate.csv", "a", encoding="utf-8") as f:
        f.write('broken,line,"^(unclosed",test\nwrong action,lines,"^x",test\n')
    rows = sum(1 for _ in open(corpus_copy / "boilerplate.csv", encoding="utf-8"))
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 2
    assert f"row {rows - 1} (broken)" in err.problems[0] and "not a regular expression" in err.problems[0]
    assert f"row {rows} (wrong action)" in err.problems[1] and "'line' or 'rest'" in err.problems[1]
