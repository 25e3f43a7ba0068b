"""Adding an article: `make add` and `add_article` on saved pages, pasted text and URLs (served locally)."""
import hashlib
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import read_catalog, write_catalog

import helpers
from workbook.ingest import AddError, add_article, make_doc_id

DATA = Path(__file__).parent / "data"
PAGE = DATA / "pages" / "news_site.html"
WIRE = DATA / "pasted" / "wire_dateline.txt"


def added_row(folder, doc_id):
    return next(r for r in read_catalog(folder) if r["doc_id"] == doc_id)


def test_a_saved_page_adds_text_page_and_catalog_row(corpus_copy, capsys):
    row = add_article(PAGE, path=corpus_copy)
    doc_id = "2019-07-17_the-harbour-times_us-removes-turkey-from-f-35-programme-over"
    assert row["doc_id"] == doc_id
    text_file = corpus_copy / "articles" / f"{doc_id}.txt"
    assert (corpus_copy / "pages" / f"{doc_id}.html").read_bytes() == PAGE.read_bytes()     # kept to rerun extraction
    rec = added_row(corpus_copy, doc_id)
    assert rec["title"] == "US removes Turkey from F-35 programme over S-400 purchase"
    assert rec["outlet"] == "The Harbour Times" and rec["published"] == "2019-07-17" and rec["author"] == "Nadia Ferreira"
    assert rec["url"] == "https://www.harbourtimes.example/world/2019/07/17/us-removes-turkey-from-f-35-programme"
    assert rec["sha256"] == hashlib.sha256(text_file.read_bytes()).hexdigest()
    assert "saved page news_site.html" in rec["evidence"] and "htmldate" in rec["evidence"]
    out = capsys.readouterr().out
    assert out.startswith(f"added {doc_id}") and str(text_file) in out
    docs = helpers.load_corpus(corpus_copy).set_index("doc_id")                  # loads with no sha256 step
    assert docs.loc[doc_id, "published"].isoformat()[:10] == "2019-07-17"
    assert "Trending" not in docs.loc[doc_id, "raw"] and "Sponsored" not in docs.loc[doc_id, "raw"]


def test_pasted_text_keeps_its_bytes_and_takes_what_is_passed(corpus_copy):
    row = add_article(WIRE, outlet="Reuters", published="2019-07-12", reference_date="2019-07-12",
                      url="https://www.example.com/turkey-s400", path=corpus_copy, echo=None)
    assert (corpus_copy / "articles" / f"{row['doc_id']}.txt").read_bytes() == WIRE.read_bytes()
    assert not (corpus_copy / "pages").exists()
    rec = added_row(corpus_copy, row["doc_id"])
    assert rec["title"] == "Turkey says first parts of Russian S-400 system delivered to Ankara air base"
    assert "title from the first line of the text" in rec["evidence"] and "published given by hand" in rec["evidence"]
    assert rec["reference_date"] == "2019-07-12" and rec["url"] == "https://www.example.com/turkey-s400"
    assert ("byline", "By Selin Aydemir, Mark Hollis") in row["removed"]


def test_a_date_stamp_in_pasted_text_is_the_publication_date(corpus_copy):
    row = add_article(DATA / "pasted" / "agency_stamp.txt", outlet="Al Jazeera", path=corpus_copy, echo=None)
    rec = added_row(corpus_copy, row["doc_id"])
    assert rec["published"] == "2021-06-14"
    assert "the stamp 'Published On 14 Jun 2021'" in rec["evidence"]


def test_a_section_label_above_the_headline_is_not_the_title(corpus_copy):
    row = add_article(DATA / "pasted" / "broadsheet.txt", outlet="The Broadsheet", path=corpus_copy, echo=None)
    rec = added_row(corpus_copy, row["doc_id"])
    assert rec["title"] == "Turkey begins receiving Russian missile system in defiance of US"   # not "Turkey"
    assert rec["published"] == "2019-07-12"                                # "Fri 12 Jul 2019 11.10 BST"
    assert "title from line 2 of the cleaned text" in rec["evidence"]


def test_a_caption_date_is_not_taken_for_the_publication_date(corpus_copy):
    """The wire copy's only full date is in a photo caption ("May 4, 2018"): published must be passed."""
    with pytest.raises(AddError) as err:
        add_article(WIRE, outlet="Reuters", path=corpus_copy, echo=None)
    assert err.value.problems == [f"published not found in {WIRE}; pass PUBLISHED=YYYY-MM-DD (make add), "
                                  "or published=... (add_article)"]


def test_a_page_without_a_date_in_its_metadata_falls_back_to_its_stamp(corpus_copy, tmp_path):
    """A bare page (no meta tags, no <time>): the date comes from the stamp line in its text."""
    lines = [ln for ln in (DATA / "pasted" / "agency_stamp.txt").read_text(encoding="utf-8").split("\n") if ln]
    page = tmp_path / "bare.html"
    page.write_text(f"<html><head><title>{lines[0]}</title></head><body><article><h1>{lines[0]}</h1>"
                    + "".join(f"<p>{ln}</p>" for ln in lines[1:]) + "</article></body></html>", encoding="utf-8")
    row = add_article(page, outlet="Al Jazeera", path=corpus_copy, echo=None)
    rec = added_row(corpus_copy, row["doc_id"])
    assert rec["published"] == "2021-06-14" and rec["title"] == lines[0]
    assert "published from the stamp 'Published On 14 Jun 2021' in the text" in rec["evidence"]


def test_every_missing_field_in_one_message(corpus_copy, tmp_path):
    bare = tmp_path / "pasted.txt"
    bare.write_text("Turkey said on Friday that it had received the first parts of the S-400 system.\n"
                    "The ministry said deliveries would continue.\n", encoding="utf-8")
    with pytest.raises(AddError) as err:
        add_article(bare, path=corpus_copy, echo=None)
    assert len(err.value.problems) == 1
    msg = str(err.value)
    assert str(bare) in msg and "title, outlet, published not found" in msg
    assert "TITLE='the headline' OUTLET='the publisher' PUBLISHED=YYYY-MM-DD" in msg
    assert read_catalog(corpus_copy) == read_catalog(helpers.CORPUS)                 # nothing written
    assert sorted(p.name for p in (corpus_copy / "articles").iterdir()) == \
        sorted(p.name for p in (helpers.CORPUS / "articles").iterdir())


@pytest.mark.parametrize("fields, words", [
    (dict(published="12/07/2019"), "published '12/07/2019' is not a date; write it as YYYY-MM-DD"),
    (dict(published="2999-01-01"), "published 2999-01-01 lies in the future"),
    (dict(published="2019-07-12", reference_date="2019-08-01"), "reference_date 2019-08-01 is after published"),
    (dict(published="2019-07-12", url="example.com/x"), "url 'example.com/x' is not a web address"),
])
@pytest.mark.trust("catalog")
def test_bad_fields_are_named(corpus_copy, fields, words):
    with pytest.raises(AddError) as err:
        add_article(WIRE, outlet="Reuters", path=corpus_copy, echo=None, **fields)
    assert words in str(err.value)


def test_the_same_article_twice_is_refused_naming_it(corpus_copy):
    first = add_article(PAGE, path=corpus_copy, echo=None)
    with pytest.raises(AddError) as err:
        add_article(PAGE, path=corpus_copy, echo=None)
    assert f"already in the corpus as {first['doc_id']}" in str(err.value)
    # the same text pasted rather than saved, with a share line and under another address
    pasted = corpus_copy.parent / "pasted.txt"
    pasted.write_text("Share\n" + (corpus_copy / "articles" / f"{first['doc_id']}.txt").read_text(encoding="utf-8"),
                      encoding="utf-8")
    with pytest.raises(AddError) as err:
        add_article(pasted, outlet="Harbour Times", published="2019-07-17", url="https://other.example/a",
                    path=corpus_copy, echo=None)
    assert f"the text is already in the corpus as {first['doc_id']}" in str(err.value)
    assert sum(1 for r in read_catalog(corpus_copy) if r["outlet"] == "The Harbour Times") == 1


def test_a_seed_pasted_again_is_refused(corpus_copy):
    seed = helpers.CORPUS / "articles" / "000_84b025bfe7532d12.txt"
    with pytest.raises(AddError) as err:
        add_article(seed, title="Again", outlet="Reuters", published="2017-11-08", path=corpus_copy, echo=None)
    assert "the same text is already in the corpus as 000_84b025bfe7532d12" in str(err.value)


def test_an_existing_file_is_never_overwritten(corpus_copy):
    doc_id = make_doc_id("2019-07-12", "Reuters", "Turkey says first parts of Russian S-400 system delivered")
    squatter = corpus_copy / "articles" / f"{doc_id}.txt"
    squatter.write_text("Someone else's text.", encoding="utf-8")
    row = add_article(WIRE, outlet="Reuters", published="2019-07-12", path=corpus_copy, echo=None)
    assert row["doc_id"] == f"{doc_id}-2"
    assert squatter.read_text(encoding="utf-8") == "Someone else's text."


@pytest.mark.trust("doc_id")
def test_doc_id_is_a_plain_name_from_date_outlet_and_title():
    assert make_doc_id("2023-09-14", "TRT World", "Türkiye will not hand its S-400s to a third country, says") == \
        "2023-09-14_trt-world_turkiye-will-not-hand-its-s-400s-to"
    assert make_doc_id("2019-07-12", "Reuters/AP ../..", "«¿?»") == "2019-07-12_reuters-ap_article"


@pytest.mark.trust("unicode")
def test_text_that_is_not_utf8(corpus_copy, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Turkey's S-400: Ankara confirmé the deal.\n".encode("latin-1"))
    with pytest.raises(AddError) as err:
        add_article(latin, title="T", outlet="O", published="2019-07-12", path=corpus_copy, echo=None)
    assert "latin.txt: not UTF-8 (byte 30" in str(err.value)


def test_a_page_without_article_text(corpus_copy, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
                     "</nav><footer>Contact us</footer></body></html>", encoding="utf-8")
    with pytest.raises(AddError) as err:
        add_article(empty, path=corpus_copy, echo=None)
    assert "empty.html: no article text found in the page (extraction gave only 'Home World')" in str(err.value)
    assert "published not found" in str(err.value)                              # and what else is missing


def test_a_catalog_without_url_column_gets_one(corpus_copy):
    rows = [{k: v for k, v in r.items() if k not in ("url", "author")} for r in read_catalog(corpus_copy)]
    write_catalog(corpus_copy, rows)
    row = add_article(PAGE, path=corpus_copy, echo=None)
    new = read_catalog(corpus_copy)
    assert [{k: r[k] for k in rows[0]} for r in new[:-1]] == rows and all(r["url"] == "" for r in new[:-1])
    assert new[-1]["url"].startswith("https://www.harbourtimes.example/")
    assert row["doc_id"] in set(helpers.load_corpus(corpus_copy)["doc_id"])


# --- by URL, from a server on 127.0.0.1 ------------------------------------------------

@pytest.fixture
def served():
    """tests/data/pages served on 127.0.0.1 for the length of one test."""
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(DATA / "pages"), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_and_its_page_kept(corpus_copy, served):
    row = add_article(f"{served}/agency_page.html", path=corpus_copy, echo=None)
    assert (corpus_copy / "pages" / f"{row['doc_id']}.html").read_bytes() == (DATA / "pages" / "agency_page.html").read_bytes()
    rec = added_row(corpus_copy, row["doc_id"])
    assert rec["url"] == "https://levantnews.example/en/politics/turkey-tests-s-400-radars/1654321"   # canonical
    assert rec["outlet"] == "Levant News Agency" and rec["published"] == "2019-11-25"
    assert rec["evidence"].startswith(f"added with make add from the page fetched from {served}/agency_page.html:")


def test_an_unreachable_url_says_how_to_save_the_page(corpus_copy):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]                      # closed again: nothing listens there
    with pytest.raises(AddError) as err:
        add_article(f"http://127.0.0.1:{port}/gone.html", path=corpus_copy, echo=None)
    assert "could not be fetched" in str(err.value) and "Save Page As" in str(err.value)


# --- the make target ---------------------------------------------------------------------

def make_add(corpus, *args):
    env = dict(os.environ, WORKBOOK_CORPUS=str(corpus))
    return subprocess.run(["make", "--no-print-directory", "add", f"PY={sys.executable}", *args], cwd=helpers.ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def test_make_add_without_file_prints_the_usage(corpus_copy):
    run = make_add(corpus_copy)
    assert run.returncode != 0 and "usage: make add FILE=" in run.stderr


def test_make_add_passes_quotes_and_spaces_through(corpus_copy):
    title = 'Erdogan: "We will not step back" on Turkey\'s S-400s'
    run = make_add(corpus_copy, f"FILE={WIRE}", f"TITLE={title}", "OUTLET=Reuters", "PUBLISHED=2019-07-12")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("added 2019-07-12_reuters_erdogan-we-will-not-step-back-on")
    assert read_catalog(corpus_copy)[-1]["title"] == title
    run = make_add(corpus_copy, f"FILE={WIRE}", "OUTLET=Reuters", "PUBLISHED=2019-07-12")
    assert run.returncode != 0 and "already in the corpus as 2019-07-12_reuters_erdogan" in run.stderr


@pytest.mark.trust("catalog")
def test_a_catalog_saved_with_a_bom_still_refuses_a_seed_pasted_again(corpus_copy, tmp_path):
    """A spreadsheet's BOM would make the first column '\\ufeffdoc_id': no doc_id, so no article to compare."""
    file = corpus_copy / "articles.csv"
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    seed = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    pasted = tmp_path / "again.txt"
    pasted.write_bytes(seed.read_bytes())
    with pytest.raises(AddError, match=rf"already in the corpus as {seed.stem}"):
        add_article(pasted, outlet="Reuters", published="2017-11-08", title="Again", path=corpus_copy, echo=None)
