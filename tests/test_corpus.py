"""The loader (workbook.corpus, workbook.files): columns, dates, hashes and every error message."""
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED_IDS, add_article, read_catalog, write_catalog

import helpers

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


@pytest.mark.parametrize("bad_id", ["../escape", "sub/dir", "a\\b", "..", "with space", "50%_off", ".hidden",
                                    "two\nlines", "x" * 300, "dot.ted"])
def test_doc_id_must_be_a_plain_name(corpus_copy, bad_id):
    rows = read_catalog(corpus_copy)
    rows[0]["doc_id"] = bad_id
    write_catalog(corpus_copy, rows)
    msg = load_error(corpus_copy)
    assert f"row 2: doc_id {bad_id!r} must be a plain name of at most 120 letters, digits, '_' and '-'" in msg


@pytest.mark.parametrize("header", ["SHA256", "sha256 ", " Sha256"])
def test_a_catalog_header_in_other_case_or_spacing_still_checks_the_hash(corpus_copy, header):
    text = (corpus_copy / "articles.csv").read_text(encoding="utf-8")
    (corpus_copy / "articles.csv").write_text(text.replace("sha256", header, 1), encoding="utf-8")
    article = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    article.write_bytes(article.read_bytes() + b" An edit.")
    assert "sha256 does not match" in load_error(corpus_copy)


@pytest.mark.parametrize("header, near", [("refrence_date", "reference_date"), ("sha265", "sha256"),
                                          ("publshed", "published")])
def test_a_near_miss_of_a_catalog_column_is_refused_by_name(corpus_copy, header, near):
    text = (corpus_copy / "articles.csv").read_text(encoding="utf-8")
    (corpus_copy / "articles.csv").write_text(text.replace(near, header, 1), encoding="utf-8")
    assert f"column '{header}' is not a column of this table; did you mean '{near}'?" in load_error(corpus_copy)


def test_a_duplicated_catalog_column_is_refused(corpus_copy):
    lines = (corpus_copy / "articles.csv").read_text(encoding="utf-8").splitlines()
    (corpus_copy / "articles.csv").write_text("\n".join([lines[0] + ",Outlet"] + [ln + "," for ln in lines[1:]]) + "\n",
                                              encoding="utf-8")
    assert "column 'outlet' appears 2 times in the header" in load_error(corpus_copy)


def test_an_article_file_that_is_a_link_is_refused(corpus_copy, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("A private note that must never reach a shared page.", encoding="utf-8")
    article = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    article.unlink()
    article.symlink_to(outside)
    msg = load_error(corpus_copy)
    assert f"{article} is a link to {outside}" in msg and "copy the article's text into the file itself" in msg


def test_a_date_before_pandas_calendar_is_a_clear_error(corpus_copy):
    rows = read_catalog(corpus_copy)
    rows[0]["published"] = rows[0]["reference_date"] = "1648-10-24"
    write_catalog(corpus_copy, rows)
    assert "published 1648-10-24 lies before 1677-09-22" in load_error(corpus_copy)


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
