"""Review (workbook.review): aliases that may be common English words are flagged with the mentions they add.

The alias rows and articles here are made up for the test, in the shapes wire copy takes (an all-caps
headline, a dateline, sentences that open with a name or with a question).
"""
import csv
import os
import subprocess
import sys

import pytest
from conftest import add_article, edit_table

import helpers
from workbook.review import alias_checks, alias_warning

trust = pytest.mark.trust

WIRE = ("TURKEY WILL BUY MORE MISSILES, SAYS ANKARA\n"
        "ANKARA (Reuters) - Turkey may buy a second batch of S-400 missiles, officials told us on Tuesday.\n"
        "May told parliament in London that the purchase was a matter for Ankara and its allies.\n"
        "Theresa May said the alliance would hold together, and Will Hurd said Congress would act on it.\n"
        "Will Turkey go ahead with the deal? Officials said it will, and that talks may resume in May.\n"
        "US officials said the sanctions would follow, and the US Congress agreed.\n")


def with_aliases(folder, *rows, entities=()):
    """Add entity rows and alias rows (alias, entity, type) to a corpus copy, and the wire article."""
    edit_table(folder, "entities.csv", lambda t: t.extend(
        {**{k: "" for k in t[0]}, "entity": e, "kind": "person"} for e in entities))
    edit_table(folder, "aliases.csv", lambda t: t.extend(
        {**{k: "" for k in t[0]}, "alias": a, "entity": e, "type": ty} for a, e, ty in rows))
    add_article(folder, "wire", WIRE, outlet="Reuters", published="2019-05-01")
    docs = helpers.load_corpus(folder)
    return docs[docs["doc_id"] == "wire"].reset_index(drop=True)


def set_case(folder, cases: dict):
    """Give aliases.csv a column `case` (a table without one is allowed) holding `cases` by alias."""
    file = folder / "aliases.csv"
    with open(file, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = [*reader.fieldnames, "case"], list(reader)
    with open(file, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows({**r, "case": cases.get(r["alias"], "")} for r in rows)


def checks(docs, folder):
    return alias_checks(docs, folder).set_index("alias")


@trust("knowledge tables")
def test_a_lower_case_alias_is_flagged_with_every_mention_it_adds(corpus_copy):
    docs = with_aliases(corpus_copy, ("the", "Turkey", "variant"))
    found = checks(docs, corpus_copy)
    the = WIRE.count(" the ") + WIRE.count("\nThe ")
    assert found.loc["the", ["mentions", "as_word"]].tolist() == [the, the]
    rows = sum(1 for _ in open(corpus_copy / "aliases.csv", encoding="utf-8"))     # its row: the last one
    assert found.loc["the", "row"] == f"{corpus_copy / 'aliases.csv'} row {rows}"
    assert "with its capitals" in found.loc["the", "fix"]


@trust("knowledge tables")
def test_a_capitalised_common_word_counts_where_case_cannot_tell(corpus_copy):
    docs = with_aliases(corpus_copy, ("Will", "Will Hurd", "name"), ("May", "Theresa May", "surname"),
                        entities=("Will Hurd", "Theresa May"))
    found = checks(docs, corpus_copy)
    # "WILL" in the headline and "Will Turkey" opening a question; "Will Hurd" is the longer alias's mention
    assert found.loc["Will", ["mentions", "as_word"]].tolist() == [2, 2]
    # "May told" opens a sentence; "in May" (the month) is a capital mid-sentence: a name, as far as case can tell
    assert found.loc["May", ["mentions", "as_word"]].tolist() == [2, 1]
    assert found.loc["May", "example"].startswith("May told parliament")
    assert "write exact in the column case of" in found.loc["Will", "fix"]
    line = alias_warning(alias_checks(docs, corpus_copy))
    assert line.startswith("warning: 2 alias(es) may be common words") and "'Will' (Will Hurd: 2 of 2)" in line


@trust("knowledge tables")
def test_case_exact_finds_the_alias_only_as_written(corpus_copy):
    docs = with_aliases(corpus_copy, ("Will", "Will Hurd", "name"), entities=("Will Hurd",))
    set_case(corpus_copy, {"Will": "exact"})
    surfaces = helpers.mentions(docs, corpus_copy)["surface"].tolist()
    assert "WILL" not in surfaces and surfaces.count("Will") == 1          # the headline's capitals are not the name
    found = checks(docs, corpus_copy)
    assert found.loc["Will", ["case", "as_word"]].tolist() == ["exact", 1]
    assert "found only as written already" in found.loc["Will", "fix"]


@trust("knowledge tables")
def test_an_acronym_and_a_name_are_not_common_words_where_case_tells(corpus_copy):
    """'us' is a common word of the article ("told us"), but "US" is never how the word is written."""
    docs = with_aliases(corpus_copy)
    assert "us" in WIRE and "US officials" in WIRE
    assert alias_checks(docs, corpus_copy).empty


@trust("knowledge tables")
def test_a_flagged_alias_is_still_matched(corpus_copy):
    docs = with_aliases(corpus_copy, ("Will", "Will Hurd", "name"), entities=("Will Hurd",))
    assert not checks(docs, corpus_copy).empty
    assert (helpers.mentions(docs, corpus_copy)["entity"] == "Will Hurd").sum() == 3   # flagged, never dropped


@trust("knowledge tables")
def test_a_case_that_is_not_exact_or_empty_names_the_row(corpus_copy):
    set_case(corpus_copy, {"Turk": "Exact!"})
    with pytest.raises(helpers.CorpusError, match=r"aliases.csv row 4 \(Turk\): case 'Exact!' must be empty"):
        helpers.aliases(corpus_copy)


@trust("knowledge tables")
def test_make_add_warns_of_an_alias_that_is_a_common_word(corpus_copy, tmp_path):
    edit_table(corpus_copy, "aliases.csv", lambda t: t.append({**{k: "" for k in t[0]}, "alias": "will",
                                                               "entity": "Turkey", "type": "variant"}))
    pasted = tmp_path / "pasted.txt"
    pasted.write_text("Turkey will take delivery of the S-400 in July, officials say\nTurkey will take "
                      "delivery of the S-400 system in July, officials said on Monday, and Ankara will not "
                      "turn back.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "workbook.ingest", str(pasted), "--outlet", "Test Outlet",
                          "--published", "2019-06-01", "--corpus", str(corpus_copy)],
                         cwd=helpers.ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "warning: 1 alias(es) may be common words" in run.stderr and "'will' (Turkey: " in run.stderr


@trust("knowledge tables")
def test_the_build_warns_of_an_alias_that_is_a_common_word(corpus_copy, tmp_path):
    with_aliases(corpus_copy, ("Will", "Will Hurd", "name"), entities=("Will Hurd",))
    index = tmp_path / "index.html"
    run = subprocess.run([sys.executable, str(helpers.ROOT / "tools" / "build.py"), "index", str(index),
                          *map(str, sorted((helpers.ROOT / "notebooks").glob("*.ipynb")))],
                         env={**os.environ, "WORKBOOK_CORPUS": str(corpus_copy)},
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    said = [ln for ln in run.stderr.strip().split("\n") if "alias" in ln]
    assert said == ["warning: 1 alias(es) may be common words, mentions where case cannot tell them from the word: "
                    "'Will' (Will Hurd: 2 of 2); read them in notebook 00, section 4, then write exact in the column "
                    "case of aliases.csv for the row, or change the alias"]
