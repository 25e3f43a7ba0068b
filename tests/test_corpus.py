"""The loader, its error messages, cleaning and sentence splitting."""
import datetime as dt
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

import helpers
from conftest import SEED_IDS, add_article, read_catalog, write_catalog
from workbook.cleaning import line_rule

SEEDS = Path(helpers.ROOT).parent / "shared" / "seeds"


def provenance_dates():
    """(doc_id, published, reference date) as PROVENANCE.md states them."""
    rows = {}
    for line in (SEEDS / "PROVENANCE.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 6 and re.fullmatch(r"\d{3}_[0-9a-f]{16}", cells[0]):
            rows[cells[0]] = (cells[5][:10], cells[6][:10])
    return rows


def load_error(folder) -> str:
    with pytest.raises(helpers.CorpusError) as err:
        helpers.load_corpus(folder)
    assert isinstance(err.value, ValueError)
    return str(err.value)


# --- the real corpus ---------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_corpus_matches_provenance_and_seed_bytes(docs):
    expected = provenance_dates()
    assert set(expected) == set(SEED_IDS) == set(docs["doc_id"])
    for row in docs.itertuples():
        published, reference = expected[row.doc_id]
        assert row.published == pd.Timestamp(published)
        assert row.reference_date == pd.Timestamp(reference)
        assert (helpers.CORPUS / "articles" / f"{row.doc_id}.txt").read_bytes() == \
            (SEEDS / f"{row.doc_id}.txt").read_bytes()


def test_loader_columns_and_types(docs):
    for col in ["doc_id", "title", "outlet", "published", "reference_date", "text", "raw", "evidence", "sha256"]:
        assert col in docs.columns
    assert str(docs["published"].dtype).startswith("datetime64")
    assert str(docs["reference_date"].dtype).startswith("datetime64")


def test_reference_date_defaults_to_published(corpus_copy):
    add_article(corpus_copy, "new_article", "Turkey said on Monday it would buy more.", reference_date="")
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")
    assert docs.loc["new_article", "reference_date"] == docs.loc["new_article", "published"]


def test_bom_and_crlf_are_tolerated_and_normalised(corpus_copy):
    add_article(corpus_copy, "windows", b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n")
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")
    assert docs.loc["windows", "raw"] == "First line.\nSecond line.\n"
    assert docs.loc["windows", "text"] == "First line.\nSecond line."


# --- every broken corpus gets one clear CorpusError ----------------------------

def test_missing_corpus_folder(tmp_path):
    msg = load_error(tmp_path / "nowhere")
    assert "nowhere" in msg and "not found" in msg


def test_missing_catalog(corpus_copy):
    (corpus_copy / "articles.csv").unlink()
    msg = load_error(corpus_copy)
    assert "articles.csv" in msg and "not found" in msg


def test_unreadable_catalog(corpus_copy):
    (corpus_copy / "articles.csv").write_bytes(b"doc_id,title,outlet,published\n\xff\xfe,x,y,2017-01-01\n")
    msg = load_error(corpus_copy)
    assert "articles.csv" in msg and "UTF-8" in msg


def test_catalog_lacking_a_required_column(corpus_copy):
    rows = read_catalog(corpus_copy)
    write_catalog(corpus_copy, [{k: v for k, v in r.items() if k != "outlet"} for r in rows])
    msg = load_error(corpus_copy)
    assert "missing required column(s) outlet" in msg


def test_row_without_file_and_file_without_row_reported_together(corpus_copy):
    rows = read_catalog(corpus_copy)
    (corpus_copy / "articles" / f"{rows[0]['doc_id']}.txt").unlink()
    (corpus_copy / "articles" / "stray.txt").write_text("Some text.", encoding="utf-8")
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 2
    assert any(rows[0]["doc_id"] in p and "no text file" in p and "row 2" in p for p in err.problems)
    assert any("stray.txt" in p and "no row" in p for p in err.problems)


def test_duplicate_doc_id(corpus_copy):
    rows = read_catalog(corpus_copy)
    write_catalog(corpus_copy, rows + [rows[1]])
    msg = load_error(corpus_copy)
    assert f"rows 3, {len(rows) + 2}" in msg and rows[1]["doc_id"] in msg and "appears 2 times" in msg


@pytest.mark.parametrize("bad_id", ["../escape", "sub/dir", "a\\b", ".."])
def test_doc_id_must_be_a_plain_file_name(corpus_copy, bad_id):
    rows = read_catalog(corpus_copy)
    rows[0]["doc_id"] = bad_id
    write_catalog(corpus_copy, rows)
    msg = load_error(corpus_copy)
    assert f"doc_id '{bad_id}' must be a plain file name" in msg


def test_empty_text(corpus_copy):
    add_article(corpus_copy, "blank", " \n\t\n")
    msg = load_error(corpus_copy)
    assert "blank.txt" in msg and "empty" in msg


def test_non_utf8_bytes_give_the_offset(corpus_copy):
    add_article(corpus_copy, "latin1", "Caf\xe9 talks".encode("latin-1"))
    msg = load_error(corpus_copy)
    assert "latin1.txt" in msg and "not UTF-8" in msg and "byte 3" in msg


@pytest.mark.parametrize("value, words", [("2017-02-30", "is not a date"), ("15/03/2019", "is not a date"),
                                          ("2017-7-1", "is not a date"), ("2999-01-01", "lies in the future")])
def test_bad_dates(corpus_copy, value, words):
    add_article(corpus_copy, "dated", "Some text.", published=value)
    msg = load_error(corpus_copy)
    assert "dated" in msg and value in msg and words in msg


def test_reference_date_after_publication(corpus_copy):
    add_article(corpus_copy, "late_ref", "Some text.", published="2019-01-01", reference_date="2019-02-01")
    msg = load_error(corpus_copy)
    assert "late_ref" in msg and "after published" in msg


def test_changed_file_prints_its_new_sha256(corpus_copy):
    doc_id = read_catalog(corpus_copy)[0]["doc_id"]
    file = corpus_copy / "articles" / f"{doc_id}.txt"
    file.write_bytes(file.read_bytes() + b"\nAn added line.")
    msg = load_error(corpus_copy)
    assert doc_id in msg and hashlib.sha256(file.read_bytes()).hexdigest() in msg


def test_every_problem_is_listed_at_once(corpus_copy):
    rows = read_catalog(corpus_copy)
    rows[0]["published"] = "not-a-date"
    rows[1]["title"] = ""
    write_catalog(corpus_copy, rows + [rows[2]])
    (corpus_copy / "articles" / "orphan.txt").write_text("Text.", encoding="utf-8")
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 4
    assert f"{len(err.problems)} problem(s)" in str(err)


# --- cleaning ------------------------------------------------------------------

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
        kept = [ln for ln in row.text.split("\n") if line_rule(ln, list(rules.itertuples()))]
        assert not kept, (row.doc_id, kept)             # no rule would remove a line that was kept


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


# --- sentences -----------------------------------------------------------------

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


def test_header_only_catalog(corpus_copy):
    write_catalog(corpus_copy, [])
    for f in (corpus_copy / "articles").glob("*.txt"):
        f.unlink()
    msg = load_error(corpus_copy)
    assert "articles.csv" in msg and "no rows" in msg


def test_minimal_catalog_gets_the_optional_columns(corpus_copy):
    rows = [{k: r[k] for k in ("doc_id", "title", "outlet", "published")} for r in read_catalog(corpus_copy)]
    write_catalog(corpus_copy, rows)
    docs = helpers.load_corpus(corpus_copy)
    for col in helpers.OPTIONAL_COLUMNS:
        assert col in docs.columns
    assert (docs["reference_date"] == docs["published"]).all()


def test_bad_cleaning_rules_are_listed_with_their_rows(corpus_copy):
    with open(corpus_copy / "boilerplate.csv", "a", encoding="utf-8") as f:
        f.write('broken,line,"^(unclosed",test\nwrong action,lines,"^x",test\n')
    rows = sum(1 for _ in open(corpus_copy / "boilerplate.csv", encoding="utf-8"))
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 2
    assert f"row {rows - 1} (broken)" in err.problems[0] and "not a regular expression" in err.problems[0]
    assert f"row {rows} (wrong action)" in err.problems[1] and "must be one of line, block, rest" in err.problems[1]


def test_missing_table_is_named(corpus_copy):
    (corpus_copy / "boilerplate.csv").unlink()
    msg = load_error(corpus_copy)
    assert "boilerplate.csv" in msg and "not found" in msg


def test_corpus_hash_follows_every_input(corpus_copy):
    before = helpers.corpus_hash(corpus_copy)
    with open(corpus_copy / "aliases.csv", "a", encoding="utf-8") as f:
        f.write("Hulusi,Turkey,name,\n")
    assert helpers.corpus_hash(corpus_copy) != before


def test_decomposed_unicode_is_normalised(corpus_copy):
    """Text pasted from a Mac or a PDF may spell "ş" as s + combining cedilla; names must still match."""
    import unicodedata

    add_article(corpus_copy, "nfd", unicodedata.normalize("NFD", "Mevlüt Çavuşoğlu met Erdoğan."))
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")
    assert docs.loc["nfd", "text"] == "Mevlüt Çavuşoğlu met Erdoğan."
