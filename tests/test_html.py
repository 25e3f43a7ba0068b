"""The exported HTML as a colleague opens it: offline, without a kernel, in Chromium.

Pages come from two builds: build/html/ (what `make` made from corpus/, the pages people mail)
and a build against a copy of the corpus with a hostile article added (see `hostile_site`).
Browser tests need Debian's Chromium at /usr/bin/chromium: without it they skip, unless CI=true.
"""
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from conftest import add_article

import helpers

sys.path.insert(0, str(helpers.ROOT / "tools"))
import build  # noqa: E402

NOTEBOOKS = sorted((helpers.ROOT / "notebooks").glob("*.ipynb"))
SITE = helpers.ROOT / "build" / "html"
MAX_PAGE_BYTES = 3_000_000
NO_SUCH_TEXT = "zqxj no such text"

HOSTILE_ID = "999_hostile"
HOSTILE_TITLE = ('S-400 <script>alert(1)</script> <img src=x onerror=alert(2)> '
                 '<a href="javascript:alert(3)">click</a>')
HOSTILE_TEXT = ("Turkey receives S-400 <script>alert(1)</script>\n\n"
                "ANKARA (Test) - Turkey said on Monday that the first S-400 batteries from Russia "
                "<img src=x onerror=alert(2)> would arrive in July 2019, NATO officials said.\n\n"
                'Erdogan told reporters <a href="javascript:alert(3)">read more</a> that the deal with Moscow '
                "was done. See [the statement](javascript:alert(4)) for details.\n")


def page_ids(paths):
    return [p.stem for p in paths]


# --- the builds --------------------------------------------------------------------

@pytest.fixture(scope="session")
def site():
    """build/html/, made by `make` from corpus/; fails if it is missing or out of date."""
    make = shutil.which("make")
    if make:
        stale = subprocess.run([make, "-q", "pages", "SETUP=", f"PY={sys.executable}"], cwd=helpers.ROOT,
                               capture_output=True).returncode
        assert stale == 0, "build/html is out of date: run `make` first (`make test` does)"
    missing = [p.stem for p in NOTEBOOKS if not (SITE / f"{p.stem}.html").is_file()]
    assert not missing, f"no page in build/html for {missing}: run `make` first (`make test` does)"
    return SITE


def build_hostile(out: Path) -> Path:
    """Copy corpus/, add the hostile article, execute and export every notebook against it."""
    corpus = out / "corpus"
    shutil.copytree(helpers.CORPUS, corpus)
    add_article(corpus, HOSTILE_ID, HOSTILE_TEXT, title=HOSTILE_TITLE, outlet="Test Outlet",
                published="2019-07-15", evidence="test article with markup", confidence="low")
    return build.site(NOTEBOOKS, out, corpus)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile"))


# --- the browser ---------------------------------------------------------------------

class Visit:
    """One page opened offline: every request that is not file:// is aborted and recorded."""

    def __init__(self, browser, path: Path):
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.requests.append(f"failed: {r.url}"))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri(), wait_until="load")
        # itables draws each table when its script has run; wait until none is left undrawn
        try:
            self.page.wait_for_function(
                "() => [...document.querySelectorAll('table[id^=itables_]')].every(t => t.classList.contains('dataTable'))",
                timeout=20_000)
        except PlaywrightTimeout:
            self.errors.append("an interactive table was not drawn within 20 s")

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(f"network: {route.request.url}")
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def tables(self):
        return self.page.locator("div.dt-container")

    def rows(self, table):
        return table.locator("tbody tr:not(:has(td.dt-empty))")

    def search(self, table, text: str) -> list[str]:
        """Type in a table's search box; the text of the rows left on its first page."""
        table.locator("input[type=search]").fill(text)
        self.page.wait_for_timeout(50)
        return self.rows(table).all_inner_texts()

    def close(self):
        self.page.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(path):
        opened.append(Visit(browser, path))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def executed(page: Path) -> nbformat.NotebookNode:
    return nbformat.read(page.parent.parent / "notebooks" / f"{page.stem}.ipynb", as_version=4)


# --- every page, without a browser -------------------------------------------------------

class Refs(HTMLParser):
    """Every URL a page would load by itself: script/img/iframe src, stylesheet and icon href, css url()."""

    def __init__(self, text):
        super().__init__()
        self.urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "embed", "video", "audio", "source") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") != "canonical":
            self.urls.append(a["href"])


def test_every_notebook_has_a_page_linked_from_the_index(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        assert (site / f"{nb.stem}.html").is_file()
        assert f'href="{nb.stem}.html"' in index


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_is_small_enough_to_mail(site, nb):
    size = (site / f"{nb.stem}.html").stat().st_size
    assert size <= MAX_PAGE_BYTES, f"{nb.stem}.html is {size / 1e6:.2f} MB, over {MAX_PAGE_BYTES / 1e6:.0f} MB"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_loads_nothing_from_a_network_host(site, nb):
    text = (site / f"{nb.stem}.html").read_text(encoding="utf-8")
    remote = [u for u in Refs(text).urls if re.match(r"\s*(https?:)?//", u)]
    assert not remote, f"{nb.stem}.html would load {remote}"
    assert "cdnjs" not in text and "unpkg.com/@jupyter-widgets" not in text


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_no_table_drops_rows_from_the_page(site, nb):
    """itables downsamples a table over maxBytes: rows missing from the page cannot be searched."""
    text = (site / f"{nb.stem}.html").read_text(encoding="utf-8")
    assert '"downsampling_warning"' not in text, \
        f"{nb.stem}.html: a table was downsampled; show fewer columns or rows, or raise its maxBytes"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_has_no_dead_widget(site, nb):
    """Widgets are dropped with their saved state; each live-kernel cell leaves a line saying what it offers."""
    text = (site / f"{nb.stem}.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget" not in text
    source = nbformat.read(nb, as_version=4)
    hidden = [c for c in source.cells if build.HIDE_IN_HTML in c.metadata.get("tags", [])]
    assert text.count("<strong>In JupyterLab</strong> this notebook offers") >= len(hidden)


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_header_carries_the_stamp(site, nb):
    header = re.search(r'<header class="workbook-header">(.*?)</header>', (site / f"{nb.stem}.html")
                       .read_text(encoding="utf-8"), re.S)
    assert header, f"{nb.stem}.html has no header"
    header = header.group(1)
    assert f"sha256 {helpers.corpus_hash()[:16]}" in header
    assert re.search(r"Run date: \d{4}-\d{2}-\d{2}", header)
    assert "Workbook version: " in header and "Packages: pandas " in header


def test_widgets_become_a_note_naming_their_controls():
    """The export replaces a widget output (tagged or not) with a note built from the saved widget state."""
    state = {"box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_a", "IPY_MODEL_b"]}},
             "a": {"model_name": "DropdownModel", "state": {"description": "Outlet"}},
             "b": {"model_name": "DropdownModel", "state": {"description": "Actor"}}}
    view = nbformat.v4.new_output("display_data", data={build.WIDGET_VIEW: {"model_id": "box"},
                                                        "text/plain": "VBox(...)"})
    text = nbformat.v4.new_output("stream", text="kept\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("panel", outputs=[view, text]),
                                         nbformat.v4.new_code_cell("hidden", metadata={"tags": [build.HIDE_IN_HTML]})])
    nb.metadata["widgets"] = {build.WIDGET_STATE: {"state": state}}
    nb, _ = build.ForSharing().preprocess(nb, {})
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown"]
    assert "filters here: Outlet, Actor." in nb.cells[0].source
    assert nb.cells[1].outputs == [text]
    assert "interactive controls" in nb.cells[2].source
    assert "widgets" not in nb.metadata


# --- every page in Chromium --------------------------------------------------------------

@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_opens_offline_without_errors(site, visit, nb):
    v = visit(site / f"{nb.stem}.html")
    assert not v.requests, v.requests
    assert not v.errors, v.errors
    assert not v.dialogs, v.dialogs


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_every_figure_is_decoded(site, visit, nb):
    figures = sum("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
                  for c in executed(site / f"{nb.stem}.html").cells if c.cell_type == "code" for o in c.outputs)
    v = visit(site / f"{nb.stem}.html")
    images = v.page.eval_on_selector_all(".jp-OutputArea img", "imgs => imgs.map(i => [i.complete, i.naturalWidth])")
    assert len(images) == figures
    assert all(done and width > 0 for done, width in images), images


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_every_table_renders_and_its_search_box_narrows_the_rows(site, visit, nb):
    page = site / f"{nb.stem}.html"
    v = visit(page)
    shown = len(re.findall(r'<table[^>]* id="itables_\w+"', page.read_text(encoding="utf-8")))
    assert v.tables().count() == shown
    for i in range(shown):
        table = v.tables().nth(i)
        rows = v.rows(table).all_inner_texts()
        if not rows:
            continue                                     # an empty result table has nothing to narrow
        assert v.search(table, NO_SUCH_TEXT) == [], f"table {i}: rows left after searching for nonsense"
        word = max(re.findall(r"[A-Za-z]{4,}", rows[-1]) or [""], key=len)
        found = v.search(table, word)
        assert found and all(word.lower() in r.lower() for r in found), f"table {i}: search for {word!r}"
        assert len(v.search(table, "")) == len(rows), f"table {i}: clearing the search brings the rows back"
    assert not v.errors, v.errors


def test_index_opens_and_links_every_page(site, visit):
    v = visit(site / "index.html")
    links = v.page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted(f"{nb.stem}.html" for nb in NOTEBOOKS)
    assert not v.requests and not v.errors


# --- untrusted article text ----------------------------------------------------------------

def hostile_pages(hostile_site):
    return [hostile_site / f"{nb.stem}.html" for nb in NOTEBOOKS]


def test_hostile_article_runs_nothing_in_any_page(hostile_site, visit):
    """Open every page of the hostile build and search every table for the article (draws its rows)."""
    shown_as_text = []
    for page in hostile_pages(hostile_site):
        v = visit(page)
        for i in range(v.tables().count()):
            shown_as_text += [r for r in v.search(v.tables().nth(i), "alert") if "<script>alert(1)</script>" in r]
        v.page.wait_for_timeout(200)
        assert not v.dialogs, f"{page.name}: a dialog fired: {v.dialogs}"
        assert not v.errors, f"{page.name}: {v.errors}"
        assert not v.requests, f"{page.name}: {v.requests}"
        live = v.page.evaluate("""() => ({
            js_links: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
            onerror: document.querySelectorAll('[onerror]').length,
            scripts: [...document.scripts].filter(s => s.textContent.includes('alert(1)') && !s.textContent.includes('&lt;script&gt;')).length })""")
        assert live == {"js_links": 0, "onerror": 0, "scripts": 0}, f"{page.name}: {live}"
    assert shown_as_text, "the hostile title should appear, as plain text, in some table (00's catalog at least)"


def test_hostile_article_is_escaped_in_jupyterlab_outputs(hostile_site):
    """The executed notebooks JupyterLab shows: no HTML output carries the article's markup as markup."""
    for page in hostile_pages(hostile_site):
        for cell in executed(page).cells:
            for out in cell.get("outputs", []):
                html_out = out.get("data", {}).get("text/html", "")
                for markup in ("<script>alert(1)", "<img src=x onerror", '<a href="javascript:'):
                    assert markup not in html_out, f"{page.stem}: {markup!r} in an HTML output"


# --- reproducible --------------------------------------------------------------------------

def test_two_builds_give_identical_pages_but_for_the_run_date(hostile_site, tmp_path):
    again = build_hostile(tmp_path)
    run_date = re.compile(r"Run date: \d{4}-\d{2}-\d{2}")
    for nb in NOTEBOOKS:
        first = (hostile_site / f"{nb.stem}.html").read_text(encoding="utf-8")
        second = (again / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert len(run_date.findall(first)) == 1, f"{nb.stem}: one run date, in the stamp"
        assert run_date.sub("Run date: (date)", first) == run_date.sub("Run date: (date)", second), \
            f"{nb.stem}.html differs between two builds of the same corpus"
    assert (hostile_site / "index.html").read_bytes() == (again / "index.html").read_bytes()
