"""Shared fixtures: the real corpus, and a writable copy to break."""
import csv
import hashlib
import os
import shutil
from pathlib import Path

import pytest

import helpers

# The five seed articles of ../shared/seeds/PROVENANCE.md. Tests whose expected answers were worked out
# by hand on them read only these, so adding an article to corpus/ never breaks `make test`
# (the notebook and HTML tests run on the whole corpus).
SEED_IDS = ("000_84b025bfe7532d12", "001_31effb363b0d78ed", "002_32166c57b5435fa7", "003_26b75320fe44d4b2",
            "004_151e28b02c3019a7")


@pytest.fixture(scope="session", autouse=True)
def test_cache(tmp_path_factory):
    """Tests (and the notebooks they execute) keep their annotation cache apart from build/cache/."""
    folder = tmp_path_factory.mktemp("annotation-cache")
    before = os.environ.get("WORKBOOK_CACHE")
    os.environ["WORKBOOK_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("WORKBOOK_CACHE", None)
    else:
        os.environ["WORKBOOK_CACHE"] = before


@pytest.fixture(scope="session")
def docs():
    corpus = helpers.load_corpus()
    return corpus[corpus["doc_id"].isin(SEED_IDS)].reset_index(drop=True)


@pytest.fixture(scope="session")
def sents(docs):
    return helpers.sentences(docs)


@pytest.fixture
def corpus_copy(tmp_path):
    """A copy of the real corpus in a temp folder, safe to break."""
    dst = tmp_path / "corpus"
    shutil.copytree(helpers.CORPUS, dst)
    return dst


def read_catalog(folder: Path) -> list[dict]:
    with open(folder / "articles.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_catalog(folder: Path, rows: list[dict]) -> None:
    fields = list(rows[0]) if rows else ["doc_id", "title", "outlet", "published"]
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def add_article(folder: Path, doc_id: str, text: str | bytes, **row) -> None:
    """Add an article the way a researcher does: a text file and a catalog row."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    (folder / "articles" / f"{doc_id}.txt").write_bytes(data)
    rows = read_catalog(folder)
    new = {k: "" for k in rows[0]}
    new.update(doc_id=doc_id, title="Added article", outlet="Test Outlet", published="2020-01-15",
               sha256=hashlib.sha256(data).hexdigest())
    new.update(row)
    new = {k: v for k, v in new.items() if k in rows[0]}        # a minimal catalog has fewer columns
    write_catalog(folder, rows + [new])


def edit_table(folder, name, change):
    """Rewrite corpus/<name> in a temp corpus copy; `change` edits the list of row dicts in place."""
    file = folder / name
    with open(file, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    change(rows)
    with open(file, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return rows


CHROMIUM = Path("/usr/bin/chromium")     # Debian's package; playwright drives it and never downloads a browser


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.is_file():
        why = (f"Chromium not found at {CHROMIUM} (apt-get install chromium)" if sync_playwright
               else "the playwright package is not installed (pip install -r requirements.txt)")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {why}; .ci/run installs Chromium before `make test`")
        pytest.skip(f"browser tests skipped: {why}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--headless", "--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        yield browser
        browser.close()
