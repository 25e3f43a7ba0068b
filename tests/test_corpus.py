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


@pytest.mark.trust("unicode")
def test_bom_and_crlf_are_tolerated_and_normalised(corpus_copy):
    add_article(corpus_copy, "windows", b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n")
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")
    assert docs.loc["windows", "raw"] == "First line.\nSecond line.\n"
    assert docs.loc["windows", "text"] == "First line.\nSecond line."


@pytest.mark.trust("catalog")
def test_missing_corpus_folder(tmp_path):
    msg = load_error(tmp_path / "nowhere")
    assert "nowhere" in msg and "not found" in msg


@pytest.mark.trust("catalog")
def test_missing_catalog(corpus_copy):
    (corpus_copy / "articles.csv").unlink()
    msg = load_error(corpus_copy)
    assert "articles.csv" in msg and "not found" in msg


@pytest.mark.trust("catalog")
def test_unreadable_catalog(corpus_copy):
    (corpus_copy / "articles.csv").write_bytes(b"doc_id,title,outlet,published\n\xff\xfe,x,y,2017-01-01\n")
    msg = load_error(corpus_copy)
    assert "articles.csv" in msg and "UTF-8" in msg


@pytest.mark.trust("catalog")
def test_catalog_lacking_a_required_column(corpus_copy):
    rows = read_catalog(corpus_copy)
    write_catalog(corpus_copy, [{k: v for k, v in r.items() if k != "outlet"} for r in rows])
    msg = load_error(corpus_copy)
    assert "missing required column(s) outlet" in msg


@pytest.mark.trust("catalog")
def test_row_without_file_and_file_without_row_reported_together(corpus_copy):
    rows = read_catalog(corpus_copy)
    (corpus_copy / "articles" / f"{rows[0]['doc_id']}.txt").unlink()
    (corpus_copy / "articles" / "stray.txt").write_text("Some text.", encoding="utf-8")
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 2
    assert any(rows[0]["doc_id"] in p and "no text file" in p and "row 2" in p for p in err.problems)
    assert any("stray.txt" in p and "no row" in p for p in err.problems)


@pytest.mark.trust("doc_id")
def test_duplicate_doc_id(corpus_copy):
    rows = read_catalog(corpus_copy)
    write_catalog(corpus_copy, rows + [rows[1]])
    msg = load_error(corpus_copy)
    assert f"rows 3, {len(rows) + 2}" in msg and rows[1]["doc_id"] in msg and "appears 2 times" in msg


@pytest.mark.parametrize("bad_id", ["../escape", "sub/dir", "a\\b", "..", "with space", "50%_off", ".hidden",
                                    "two\nlines", "x" * 300, "dot.ted"])
@pytest.mark.trust("doc_id")
def test_doc_id_must_be_a_plain_name(corpus_copy, bad_id):
    rows = read_catalog(corpus_copy)
    rows[0]["doc_id"] = bad_id
    write_catalog(corpus_copy, rows)
    msg = load_error(corpus_copy)
    assert f"row 2: doc_id {bad_id!r} must be a plain name of at most 120 letters, digits, '_' and '-'" in msg


@pytest.mark.trust("catalog")
@pytest.mark.parametrize("header", ["SHA256", "sha256 ", " Sha256"])
def test_a_catalog_header_in_other_case_or_spacing_still_checks_the_hash(corpus_copy, header):
    text = (corpus_copy / "articles.csv").read_text(encoding="utf-8")
    (corpus_copy / "articles.csv").write_text(text.replace("sha256", header, 1), encoding="utf-8")
    article = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    article.write_bytes(article.read_bytes() + b" An edit.")
    assert "sha256 does not match" in load_error(corpus_copy)


@pytest.mark.parametrize("header, near", [("refrence_date", "reference_date"), ("sha265", "sha256"),
                                          ("publshed", "published")])
@pytest.mark.trust("catalog")
def test_a_near_miss_of_a_catalog_column_is_refused_by_name(corpus_copy, header, near):
    text = (corpus_copy / "articles.csv").read_text(encoding="utf-8")
    (corpus_copy / "articles.csv").write_text(text.replace(near, header, 1), encoding="utf-8")
    assert f"column '{header}' is not a column of this table; did you mean '{near}'?" in load_error(corpus_copy)


@pytest.mark.trust("catalog")
def test_a_duplicated_catalog_column_is_refused(corpus_copy):
    lines = (corpus_copy / "articles.csv").read_text(encoding="utf-8").splitlines()
    (corpus_copy / "articles.csv").write_text("\n".join([lines[0] + ",Outlet"] + [ln + "," for ln in lines[1:]]) + "\n",
                                              encoding="utf-8")
    assert "column 'outlet' appears 2 times in the header" in load_error(corpus_copy)


@pytest.mark.trust("outside files")
def test_an_article_file_that_is_a_link_is_refused(corpus_copy, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("A private note that must never reach a shared page.", encoding="utf-8")
    article = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    article.unlink()
    article.symlink_to(outside)
    msg = load_error(corpus_copy)
    assert f"{article} is a link to {outside}" in msg and "copy the article's text into the file itself" in msg


@pytest.mark.trust("size")
@pytest.mark.parametrize("published, reference, words", [
    ("1648-10-24", "1648-10-24", "published 1648-10-24 lies before 1677-09-22"),
    ("1700-01-01", "1677-09-21", "reference_date 1677-09-21 lies before 1677-09-22"),
    ("2262-04-12", "", "published 2262-04-12 lies in the future")])          # past pandas' last day, too
def test_a_date_outside_pandas_calendar_is_a_clear_error(corpus_copy, published, reference, words):
    rows = read_catalog(corpus_copy)
    rows[0]["published"], rows[0]["reference_date"] = published, reference
    write_catalog(corpus_copy, rows)
    assert words in load_error(corpus_copy)


@pytest.mark.trust("catalog")
def test_empty_text(corpus_copy):
    add_article(corpus_copy, "blank", " \n\t\n")
    msg = load_error(corpus_copy)
    assert "blank.txt" in msg and "empty" in msg


@pytest.mark.trust("unicode")
def test_non_utf8_bytes_give_the_offset(corpus_copy):
    add_article(corpus_copy, "latin1", "Caf\xe9 talks".encode("latin-1"))
    msg = load_error(corpus_copy)
    assert "latin1.txt" in msg and "not UTF-8" in msg and "byte 3" in msg


@pytest.mark.parametrize("value, words", [("2017-02-30", "is not a date"), ("15/03/2019", "is not a date"),
                                          ("2017-7-1", "is not a date"), ("2999-01-01", "lies in the future")])
@pytest.mark.trust("catalog")
def test_bad_dates(corpus_copy, value, words):
    add_article(corpus_copy, "dated", "Some text.", published=value)
    msg = load_error(corpus_copy)
    assert "dated" in msg and value in msg and words in msg


@pytest.mark.trust("catalog")
def test_reference_date_after_publication(corpus_copy):
    add_article(corpus_copy, "late_ref", "Some text.", published="2019-01-01", reference_date="2019-02-01")
    msg = load_error(corpus_copy)
    assert "late_ref" in msg and "after published" in msg


@pytest.mark.trust("catalog")
def test_changed_file_prints_its_new_sha256(corpus_copy):
    doc_id = read_catalog(corpus_copy)[0]["doc_id"]
    file = corpus_copy / "articles" / f"{doc_id}.txt"
    file.write_bytes(file.read_bytes() + b"\nAn added line.")
    msg = load_error(corpus_copy)
    assert doc_id in msg and hashlib.sha256(file.read_bytes()).hexdigest() in msg


@pytest.mark.trust("catalog")
def test_every_problem_is_listed_at_once(corpus_copy):
    rows = read_catalog(corpus_copy)
    rows[0]["published"] = "not-a-date"
    rows[1]["title"] = ""
    write_catalog(corpus_copy, rows + [rows[2]])
    (corpus_copy / "articles" / "orphan.txt").write_text("Text.", encoding="utf-8")
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 4
    assert f"{len(err.problems)} problem(s)" in str(err)


@pytest.mark.trust("catalog")
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


@pytest.mark.trust("knowledge tables")
def test_missing_table_is_named(corpus_copy):
    (corpus_copy / "boilerplate.csv").unlink()
    msg = load_error(corpus_copy)
    assert "boilerplate.csv" in msg and "not found" in msg


@pytest.mark.trust("freshness")
def test_corpus_hash_follows_every_input(corpus_copy):
    before = helpers.corpus_hash(corpus_copy)
    with open(corpus_copy / "aliases.csv", "a", encoding="utf-8") as f:
        f.write("Hulusi,Turkey,name,\n")
    assert helpers.corpus_hash(corpus_copy) != before


@pytest.mark.trust("unicode")
def test_decomposed_unicode_is_normalised(corpus_copy):
    """Text pasted from a Mac or a PDF may spell "ş" as s + combining cedilla; names must still match."""
    import unicodedata

    add_article(corpus_copy, "nfd", unicodedata.normalize("NFD", "Mevlüt Çavuşoğlu met Erdoğan."))
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")
    assert docs.loc["nfd", "text"] == "Mevlüt Çavuşoğlu met Erdoğan."


# ---- more cases of issue #14's classes, each ending in a correct result or one message naming file and row ----

@pytest.mark.trust("catalog")
@pytest.mark.parametrize("change", ["a BOM (a spreadsheet's UTF-8)", "CRLF line ends", "lone CR line ends",
                                    "a blank line between rows", "a blank line at the end"])
def test_a_catalog_saved_by_another_program_loads_the_same(corpus_copy, change):
    file = corpus_copy / "articles.csv"
    data = file.read_bytes()
    lines = data.split(b"\n")
    data = {"a BOM (a spreadsheet's UTF-8)": b"\xef\xbb\xbf" + data, "CRLF line ends": data.replace(b"\n", b"\r\n"),
            "lone CR line ends": data.replace(b"\n", b"\r"),
            "a blank line between rows": b"\n".join([*lines[:2], b"", *lines[2:]]),
            "a blank line at the end": data + b"\n\n"}[change]
    file.write_bytes(data)
    assert helpers.load_corpus(corpus_copy).drop(columns=[]).equals(helpers.load_corpus())


@pytest.mark.trust("catalog")
def test_a_row_after_a_blank_line_is_named_by_its_row_in_the_spreadsheet(corpus_copy):
    rows = read_catalog(corpus_copy)
    rows[1]["published"] = "2019-02-30"                          # no such day
    write_catalog(corpus_copy, rows)
    file = corpus_copy / "articles.csv"
    lines = file.read_text(encoding="utf-8").split("\n")
    file.write_text("\n".join([lines[0], lines[1], "", *lines[2:]]), encoding="utf-8")
    assert f"row 4 ({rows[1]['doc_id']}): published '2019-02-30' is not a date" in load_error(corpus_copy)


@pytest.mark.trust("catalog")
def test_a_row_with_an_extra_cell_is_named_with_the_fix(corpus_copy):
    file = corpus_copy / "articles.csv"
    lines = file.read_text(encoding="utf-8").split("\n")
    lines[2] += ",Istanbul, Turkey"
    file.write_text("\n".join(lines), encoding="utf-8")
    n = lines[0].count(",") + 1
    assert f"articles.csv row 3: {n + 2} cells where the header has {n}; a cell holding a comma needs double quotes" \
        in load_error(corpus_copy)


@pytest.mark.trust("catalog")
def test_a_hash_in_capitals_is_the_same_hash(corpus_copy):
    rows = read_catalog(corpus_copy)
    rows[0]["sha256"] = rows[0]["sha256"].upper()
    write_catalog(corpus_copy, rows)
    assert len(helpers.load_corpus(corpus_copy)) == len(rows)


@pytest.mark.trust("catalog")
@pytest.mark.parametrize("bad", ["2019-02-30", "2019-13-01", "2017-11-08T10:00", "8 Nov 2017", ""])
def test_a_published_date_that_is_no_day_is_named(corpus_copy, bad):
    rows = read_catalog(corpus_copy)
    rows[0]["published"] = bad
    write_catalog(corpus_copy, rows)
    words = "'published' is empty; fill it in" if not bad else f"published '{bad}' is not a date; write it as YYYY-MM-DD"
    assert f"row 2 ({rows[0]['doc_id']}): {words}" in load_error(corpus_copy)


@pytest.mark.trust("outside files")
@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_an_article_that_is_a_folder_or_a_pipe_is_named_and_never_read(corpus_copy, kind):
    import os

    rows = read_catalog(corpus_copy)
    file = corpus_copy / "articles" / f"{rows[0]['doc_id']}.txt"
    stray = corpus_copy / "articles" / "stray.txt"
    file.unlink()
    for f in (file, stray):
        f.mkdir() if kind == "folder" else os.mkfifo(f)
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == 2
    assert f"row 2 ({rows[0]['doc_id']}): {file} is not a plain file (a folder, a pipe or a device)" in err.problems[0]
    assert err.problems[1].startswith(f"{stray}: not a plain file")
    assert len(helpers.corpus_hash(corpus_copy)) == 64               # the build's hash skips it (a pipe would wait)


@pytest.mark.trust("outside files")
def test_an_article_that_is_a_hard_link_is_refused(corpus_copy, tmp_path):
    import os

    outside = tmp_path / "notes.txt"
    outside.write_text("A private note that must never reach a shared page.\n", encoding="utf-8")
    rows = read_catalog(corpus_copy)
    file = corpus_copy / "articles" / f"{rows[0]['doc_id']}.txt"
    file.unlink()
    os.link(outside, file)
    rows[0]["sha256"] = hashlib.sha256(outside.read_bytes()).hexdigest()      # even with its hash pasted in
    write_catalog(corpus_copy, rows)
    assert f"{file} is a hard link (2 names for one file on disk)" in load_error(corpus_copy)


@pytest.mark.trust("unicode")
@pytest.mark.parametrize("encoding, words", [("utf-16", "not UTF-8 (byte 0"), ("cp1254", "not UTF-8 (byte 10")])
def test_an_article_in_another_encoding_is_named(corpus_copy, encoding, words):
    add_article(corpus_copy, "encoded", "Ankara'da Çavuşoğlu konuştu.".encode(encoding))
    assert "encoded.txt: " + words in load_error(corpus_copy)


@pytest.mark.trust("doc_id")
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_doc_id_with_accents_is_refused_in_catalog_and_file_name(corpus_copy, form):
    """'ü' is one letter in the catalog and may be two (u + a combining mark) in a file name saved on a Mac:
    an id outside ASCII could never be trusted to meet its file."""
    import unicodedata

    name = unicodedata.normalize(form, "türkiye_haber")
    add_article(corpus_copy, name, "Turkey said on Monday it would buy more missiles.")
    err = pytest.raises(helpers.CorpusError, helpers.load_corpus, corpus_copy).value
    assert len(err.problems) == (1 if form == "NFC" else 2)          # (NFD: the file is not the row's, to Python too)
    assert f"doc_id {unicodedata.normalize('NFC', name)!r} must be a plain name" in err.problems[0]
    assert "(ASCII: no accents" in err.problems[0]
    assert form == "NFC" or err.problems[1].endswith("the name is no doc_id (ASCII letters, digits, '_' and '-', at most 120); "
                                    "rename the file, and give its row the same doc_id")


@pytest.mark.trust("unicode")
@pytest.mark.parametrize("written", ["\u200fReuters", "Reuters\u200b", "Reu\u00adters", "Reuters\u00a0"])
def test_an_outlet_typed_with_an_invisible_mark_is_the_same_outlet(corpus_copy, written):
    """A direction mark or zero-width space copied with an outlet's name would make a second outlet in every
    chart; the catalog's cells are read as cleaned text, so it is the same outlet."""
    add_article(corpus_copy, "marked", "Turkey said on Monday it would buy more missiles.", outlet=written)
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")
    assert docs.loc["marked", "outlet"] == "Reuters"
    assert docs["outlet"].nunique() == helpers.load_corpus()["outlet"].nunique()


@pytest.mark.trust("outside files")
@pytest.mark.parametrize("target", ["another article of the corpus", "the catalog"])
def test_an_article_linked_to_a_file_inside_the_corpus_is_refused_too(corpus_copy, target):
    rows = read_catalog(corpus_copy)
    file = corpus_copy / "articles" / f"{rows[0]['doc_id']}.txt"
    aim = corpus_copy / ("articles" if target.startswith("another") else "") / (
        f"{rows[1]['doc_id']}.txt" if target.startswith("another") else "articles.csv")
    file.unlink()
    file.symlink_to(aim)
    assert f"{file} is a link to {aim}" in load_error(corpus_copy)
