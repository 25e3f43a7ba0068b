"""The exported HTML as a colleague opens it: offline, without a kernel, in Chromium.

Pages come from two builds: build/html/ (what `make` made from corpus/, the pages people mail)
and a build against a copy of the corpus with a hostile article added (see `hostile_site`).
Browser tests need Debian's Chromium at /usr/bin/chromium: without it they skip, unless CI=true.

What a reader notices is checked where a reader sees it, in the browser: the page opens with its
findings and hides its code; every page has its own title and links to its neighbours; a finding
links to the section behind it; an evidence link opens the article page at the sentence; a click on
a column name sorts; no cell shows NaN or a literal \\n; every table downloads as CSV; one weapon
system keeps one colour on every figure; every figure has alt text; a phone-sized window needs no
sideways scrolling but inside tables, which say so; a page opened alone has no dead link.
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

try:
    from playwright.sync_api import expect
except ImportError:                  # the browser tests skip without playwright (see `browser`)
    expect = None

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

    def __init__(self, browser, path: Path, viewport: dict | None = None, fragment: str = ""):
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900}, accept_downloads=True)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.requests.append(f"failed: {r.url}"))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri() + fragment, wait_until="load")
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

    def open_page(path, **options):
        opened.append(Visit(browser, path, **options))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def executed(page: Path) -> nbformat.NotebookNode:
    return nbformat.read(page.parent.parent / "notebooks" / f"{page.stem}.ipynb", as_version=4)


# --- reading a page ----------------------------------------------------------------------

def dead_links(page: Path, hrefs) -> list[str]:
    """The links of `page` that lead nowhere: a missing file, or a #fragment no element of it carries."""
    dead = []
    for href in hrefs:
        if re.match(r"(https?:|mailto:|data:)", href or ""):
            continue
        name, _, fragment = (href or "").partition("#")
        target = (page.parent / name).resolve() if name else page
        if not target.is_file():
            dead.append(href)
        elif fragment and f'id="{fragment}"' not in target.read_text(encoding="utf-8"):
            dead.append(href)
    return dead


CELLS_JS = """() => [...document.querySelectorAll('table[id^=itables_]')].map(t => {
    const api = $(t).DataTable();
    return {headers: api.columns().header().toArray().map(h => h.textContent.trim()),
            rows: api.rows().count(),
            display: api.cells().render('display').toArray().map(String)};
})"""


def table_column(v: "Visit", table: int, column: int) -> list:
    """The data of one column of the page's table number `table`, all rows."""
    return v.page.evaluate("([t, c]) => $(document.querySelectorAll('table[id^=itables_]')[t]).DataTable()"
                           ".column(c).data().toArray()", [table, column])


def all_cells(v: "Visit") -> list[dict]:
    """Every table of the page with every cell as the table draws it (all pages of rows, not only the first)."""
    return v.page.evaluate(CELLS_JS)


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


@pytest.mark.trust("shared page")
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


@pytest.mark.trust("figures")
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
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS} <= set(links)
    assert "articles/index.html" in links
    assert not dead_links(site / "index.html", links)
    assert not v.requests and not v.errors


# --- a page reads as a report -------------------------------------------------------------

PAGES = page_ids(NOTEBOOKS)


@pytest.fixture(scope="session")
def corpus():
    return helpers.load_corpus()


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_opens_with_findings_and_hides_its_code(site, visit, nb):
    """The first things a reader sees are the title, what the page answers, findings and limits; no code,
    no In [ ] prompt. The header's box brings the code back."""
    v = visit(site / f"{nb.stem}.html")
    shown = v.page.evaluate("""() => {
        const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
        const order = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
        const findings = document.querySelector('.wb-findings'), limits = document.querySelector('.wb-limits');
        const firstSection = [...document.querySelectorAll('h2')].find(h => /^\\d+\\./.test(h.textContent));
        return {code: [...document.querySelectorAll('.jp-CodeCell .jp-InputArea')].filter(visible).length,
                prompts: /In\\s*\\[\\d*\\]:/.test(document.body.innerText),
                findings: findings && visible(findings), limits: limits && visible(limits),
                before: !!(findings && firstSection && order(findings, firstSection)),
                items: findings ? findings.querySelectorAll('li').length : 0};
    }""")
    assert shown["code"] == 0 and not shown["prompts"], shown
    assert shown["findings"] and shown["limits"] and shown["before"], shown
    assert 3 <= shown["items"] <= 5, shown
    v.page.check("#wb-show-code")
    assert v.page.locator(".jp-CodeCell .jp-InputArea").first.is_visible(), "the box in the header shows the code again"


def test_every_page_has_its_own_title(site):
    titles = {}
    for path in [site / f"{p}.html" for p in PAGES] + [site / "index.html", site / "articles" / "index.html"]:
        titles[path.name if path.parent == site else "articles/" + path.name] = \
            re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1).strip()
    for nb in NOTEBOOKS:
        assert titles[f"{nb.stem}.html"].startswith(build.title_of(nbformat.read(nb, as_version=4))), titles
    assert len(set(titles.values())) == len(titles), titles
    assert not [t for t in titles.values() if t in ("Notebook", "")], titles


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_links_its_neighbours_and_what_comes_next(site, nb):
    text = (site / f"{nb.stem}.html").read_text(encoding="utf-8")
    i = PAGES.index(nb.stem)
    header = re.search(r'<nav [^>]*class="wb-nav">(.*?)</nav>', text, re.S).group(1)
    nav = {re.search(r'rel="(\w+)"', a).group(1): re.search(r'href="([^"]+)"', a).group(1)
           for a in re.findall(r"<a [^>]*>", header)}
    assert nav["index"] == "index.html"
    assert nav.get("prev") == (f"{PAGES[i - 1]}.html" if i > 0 else None)
    assert nav.get("next") == (f"{PAGES[i + 1]}.html" if i + 1 < len(PAGES) else None)
    named = {m for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "markdown"
             for m in re.findall(r"\*(\d\d) [^*\n]+\*", c.source)}
    for number in {n for n in named if any(p.startswith(n) for p in PAGES)} - {nb.stem[:2]}:   # "*00 corpus*"
        stem = next(p for p in PAGES if p.startswith(number))
        assert f'href="{stem}.html"><em>{number} ' in text, f"*{number} ...* is a link to {stem}.html"
    assert not dead_links(site / f"{nb.stem}.html", re.findall(r'<a [^>]*href="([^"]+)"', text))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_findings_link_to_the_section_behind_them(site, visit, corpus, nb):
    """Every finding links to a heading of its page; the limits give the corpus's articles, outlets and days."""
    v = visit(site / f"{nb.stem}.html")
    links = v.page.eval_on_selector_all(".wb-findings li", """lis => lis.map(li => {
        const a = li.querySelector('a[href^="#"]');
        const target = a && document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
        return {text: li.textContent, target: target ? target.tagName : null};
    })""")
    assert links and all(link["target"] in ("H2", "H3") for link in links), links
    limits = v.page.inner_text(".wb-limits")
    days = (corpus["published"].max() - corpus["published"].min()).days + 1
    assert f"{len(corpus)} articles from {corpus['outlet'].nunique()} outlets" in limits
    assert f"over {days} days" in limits


def test_index_gathers_every_pages_findings(site, visit):
    v = visit(site / "index.html")
    per_page = v.page.evaluate("""() => [...document.querySelectorAll('section')].map(s => ({
        page: s.querySelector('h2 a').getAttribute('href'),
        links: [...s.querySelectorAll('.wb-findings a')].map(a => a.getAttribute('href'))}))""")
    pages = {p["page"]: p["links"] for p in per_page}
    for nb in NOTEBOOKS:
        links = pages[f"{nb.stem}.html"]
        assert len(links) >= 3 and all(link.startswith(f"{nb.stem}.html#") for link in links), links
        assert not dead_links(site / "index.html", links)


def test_an_evidence_link_opens_the_article_at_its_sentence(site, visit):
    """Click a sentence number in an evidence table of 01: the article page opens with that sentence
    highlighted, and it is the sentence the row shows."""
    v = visit(site / "01_actors.html")
    table = v.tables().nth(1)                                   # one row per mention sentence
    headers = table.locator("thead th").all_inner_texts()
    row = v.rows(table).first
    sentence = row.locator("td").nth(headers.index("sentence")).inner_text()
    link = row.locator("td").nth(headers.index("sent_id")).locator("a")
    href = link.get_attribute("href")
    link.click()
    v.page.wait_for_load_state("load")
    assert re.search(r"/articles/[\w-]+\.html#s\d+$", v.page.url), v.page.url
    target = v.page.locator(":target")
    assert target.get_attribute("id") == href.split("#")[1]
    assert " ".join(target.inner_text().split()).endswith(" ".join(sentence.split())[-60:]), \
        "the highlighted sentence is the row's sentence"
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_every_doc_id_and_sent_id_is_a_link_to_an_article_page(site, visit, nb):
    v = visit(site / f"{nb.stem}.html")
    hrefs = v.page.evaluate("""() => [...document.querySelectorAll('table[id^=itables_]')].flatMap(t => {
        const api = $(t).DataTable();
        const names = api.columns().header().toArray().map(h => h.textContent.trim());
        return names.flatMap((name, i) => (name === 'doc_id' || /sent_id$/.test(name))
            ? api.column(i).nodes().toArray().filter(td => td.textContent.trim() !== '')
                 .map(td => { const a = td.querySelector('a'); return a ? a.getAttribute('href') : 'NO LINK: ' + td.textContent; })
            : []);
    })""")
    assert hrefs, "the page shows doc_id/sent_id cells"
    unlinked = [h for h in hrefs if h.startswith("NO LINK")]
    assert not unlinked, unlinked[:5]
    assert not dead_links(site / f"{nb.stem}.html", set(hrefs))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_no_cell_shows_nan_or_a_literal_newline(site, visit, nb):
    v = visit(site / f"{nb.stem}.html")
    for i, table in enumerate(all_cells(v)):
        bad = [c for c in table["display"] if re.search(r"\bNaN\b|\bNaT\b|<NA>|&lt;NA&gt;|\\n", c) or c == "None"]
        assert not bad, f"table {i} ({table['headers']}): {bad[:3]}"


def test_a_cell_keeps_its_line_breaks(site, visit):
    """The removals of 00 hold text over several lines: drawn as line breaks, not as \\n."""
    v = visit(site / "00_corpus.html")
    tables = all_cells(v)
    i = next(i for i, t in enumerate(tables) if "removed" in t["headers"])
    broken = [c for c in tables[i]["display"] if "<br>" in c]
    assert broken, "some removal spans several lines"
    word = max(re.findall(r"[A-Za-z]{5,}", broken[0].split("<br>")[0]) or [""], key=len)
    v.search(v.tables().nth(i), word)
    assert v.tables().nth(i).locator("tbody td br").count() > 0, f"no line break drawn in the rows found for {word!r}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_clicking_a_column_name_sorts(site, visit, nb):
    v = visit(site / f"{nb.stem}.html")
    for i in range(v.tables().count()):
        table = v.tables().nth(i)
        if v.rows(table).count() < 2:
            continue
        header = table.locator("thead th .dt-column-title").first
        header.click()                                            # the name itself, not the arrow
        expect(table.locator("thead th").first).to_have_attribute("aria-sort", "ascending")
        first = v.rows(table).first.locator("td").first.inner_text()
        header.click()
        expect(table.locator("thead th").first).to_have_attribute("aria-sort", "descending")
        column = [str(x) for x in table_column(v, i, 0)]
        assert v.rows(table).first.locator("td").first.inner_text() != first or len(set(column)) == 1, f"table {i}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_every_table_downloads_as_csv(site, visit, nb):
    """Each table's button saves all its rows (not only the page shown) with its column names."""
    import csv
    import io

    v = visit(site / f"{nb.stem}.html")
    tables = all_cells(v)
    for i, table in enumerate(tables):
        with v.page.expect_download() as download:
            v.tables().nth(i).locator("button.wb-csv").click()
        rows = [r for r in csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))) if r]
        assert rows[0] == table["headers"], f"table {i}"
        assert len(rows) - 1 == table["rows"], f"table {i}: {len(rows) - 1} CSV rows, {table['rows']} in the table"


def figure_colours(v: "Visit") -> list[dict]:
    """Per figure: the colours it says it draws (data-colours) and whether each is found among its pixels."""
    return v.page.evaluate("""async () => {
        const found = [];
        for (const img of document.querySelectorAll('img[data-colours]')) {
            await img.decode();
            const c = document.createElement('canvas');
            c.width = img.naturalWidth; c.height = img.naturalHeight;
            const g = c.getContext('2d');
            g.drawImage(img, 0, 0);
            const px = g.getImageData(0, 0, c.width, c.height).data;
            const colours = JSON.parse(img.dataset.colours), drawn = {};
            for (const [name, hex] of Object.entries(colours)) {
                const r = parseInt(hex.slice(1, 3), 16), gr = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
                let hit = false;
                for (let i = 0; i < px.length && !hit; i += 4) {
                    hit = Math.abs(px[i] - r) + Math.abs(px[i + 1] - gr) + Math.abs(px[i + 2] - b) < 30;
                }
                drawn[name] = hit;
            }
            found.push({alt: img.alt.slice(0, 60), colours, drawn});
        }
        return found;
    }""")


def test_one_name_keeps_one_colour_on_every_figure(site, visit):
    """An outlet, a weapon system, a status keeps its colour across panels and pages, and the colour a
    figure claims for it is really among its pixels. The S-400 is drawn on several figures."""
    seen, s400 = {}, 0
    for nb in NOTEBOOKS:
        v = visit(site / f"{nb.stem}.html")
        for fig in figure_colours(v):
            missing = [n for n, hit in fig["drawn"].items() if not hit]
            assert not missing, f"{nb.stem}: {fig['alt']!r} claims colours it does not draw for {missing}"
            for name, colour in fig["colours"].items():
                seen.setdefault(name, set()).add(colour)
            s400 += "S-400" in fig["colours"]
        v.close()
    assert {n: c for n, c in seen.items() if len(c) > 1} == {}
    assert s400 >= 3, "the S-400 appears on at least three figures (02 twice, 03)"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_every_figure_says_what_it_shows(site, visit, nb):
    v = visit(site / f"{nb.stem}.html")
    alts = v.page.eval_on_selector_all(".jp-OutputArea img", "imgs => imgs.map(i => i.getAttribute('alt'))")
    assert alts
    for alt in alts:
        assert alt and len(alt) > 40 and "No description" not in alt and "without a description" not in alt, alt
        assert re.search(r"\d", alt), f"an alt text states what the figure counts: {alt!r}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=page_ids(NOTEBOOKS))
def test_page_is_usable_on_a_phone(site, visit, nb):
    """At 390 px the page does not scroll sideways (tables do, inside themselves, and say so), the
    stamp wraps, and no word is broken inside."""
    v = visit(site / f"{nb.stem}.html", viewport={"width": 390, "height": 844})
    v.page.wait_for_timeout(300)
    state = v.page.evaluate("""() => ({
        page: document.documentElement.scrollWidth,
        header: document.querySelector('.workbook-header').getBoundingClientRect().right,
        tables: [...document.querySelectorAll('div.dt-container')].map(c => {
            const body = c.querySelector('.dt-scroll-body'), hint = c.querySelector('.wb-scroll-hint');
            return {wide: body.scrollWidth > body.clientWidth + 1, hint: !!hint && !hint.hidden && hint.offsetHeight > 0};
        }),
        broken: [...document.querySelectorAll('p, li, td, span')].filter(el => {
            const s = getComputedStyle(el);
            return s.wordBreak === 'break-all' || s.overflowWrap === 'anywhere' || s.hyphens === 'auto';
        }).length})""")
    assert state["page"] <= 391 and state["header"] <= 391, state
    assert all(t["hint"] for t in state["tables"] if t["wide"]), state["tables"]
    assert any(t["wide"] for t in state["tables"]), "at 390 px some table is wider than the screen"
    assert state["broken"] == 0


def test_a_page_opened_alone_has_no_dead_link(site, visit, tmp_path):
    """Mailed alone, a page turns its links to other files into text and says why; links inside it stay."""
    alone = tmp_path / "01_actors.html"
    shutil.copy(site / "01_actors.html", alone)
    v = visit(alone)
    hrefs = v.page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and not dead_links(alone, hrefs), dead_links(alone, hrefs)
    assert v.page.locator(".wb-alone-note").is_visible()
    assert not v.page.locator(".wb-folder-note").is_visible()
    assert v.page.locator(".wb-unlinked").count() >= 3        # All pages, previous, next at least
    others = [e for e in v.errors if "ERR_FILE_NOT_FOUND" not in e]
    assert not others, others           # the one missing file is workbook-site.js, the sign of a page alone
    assert [r for r in v.requests if not r.endswith(build.shared.SITE_JS)] == []


def test_each_article_page_numbers_its_sentences(site, visit, corpus):
    sents = helpers.sentences(corpus)
    pages = sorted((site / "articles").glob("*.html"))
    assert {p.stem for p in pages} == set(corpus["doc_id"]) | {"index"}
    doc = corpus["doc_id"].iloc[0]
    v = visit(site / "articles" / f"{doc}.html", fragment="#s3")
    ids = v.page.eval_on_selector_all(".wb-sent", "els => els.map(e => e.id)")
    assert ids == [f"s{n}" for n in sents.loc[sents["doc_id"] == doc, "sent_id"]]
    assert v.page.locator(":target").get_attribute("id") == "s3"
    assert v.page.locator("mark").count() > 0, "names and dates are marked"
    assert not v.errors and not v.requests
    assert not dead_links(site / "articles" / f"{doc}.html",
                          v.page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))"))


def test_the_zip_holds_the_whole_folder_and_works_unzipped(site, visit, tmp_path):
    import zipfile

    archive = site.parent / f"{build.ZIP_FOLDER}.zip"
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        z.extractall(tmp_path)
    folder = tmp_path / build.ZIP_FOLDER
    expected = {f"{build.ZIP_FOLDER}/{p.relative_to(site).as_posix()}" for p in site.rglob("*") if p.is_file()}
    assert names == expected
    v = visit(folder / "02_weapon_systems.html")
    link = v.page.locator("a.wb-evidence").first
    link.click()
    v.page.wait_for_load_state("load")
    assert "/articles/" in v.page.url and v.page.locator(":target").count() == 1


@pytest.mark.trust("shared page")
def test_page_sizes(site):
    """Every page within 3 MB (a notebook page carries the table library, about 1 MB); article pages are small."""
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    print("page sizes:", ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in sorted(sizes.items())))
    assert max(sizes.values()) <= MAX_PAGE_BYTES, sizes


# --- untrusted article text ----------------------------------------------------------------

def hostile_pages(hostile_site, articles: bool = False):
    pages = [hostile_site / f"{nb.stem}.html" for nb in NOTEBOOKS]
    return pages + [hostile_site / "index.html", *sorted((hostile_site / "articles").glob("*.html"))] if articles else pages


def test_hostile_article_runs_nothing_in_any_page(hostile_site, visit):
    """Open every page of the hostile build and search every table for the article (draws its rows)."""
    shown_as_text = []
    for page in hostile_pages(hostile_site, articles=True):
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
    article = hostile_site / "articles" / f"{HOSTILE_ID}.html"
    v = visit(article)
    assert "<script>alert(1)</script>" in v.page.inner_text("h1"), "the article page shows the title as text"
    assert "onerror=alert(2)" in v.page.inner_text(".wb-text")


def test_hostile_text_downloads_as_the_text_it_is(hostile_site, visit):
    """The CSV of 00's catalog holds the hostile title as written, not HTML-escaped and not run."""
    v = visit(hostile_site / "00_corpus.html")
    with v.page.expect_download() as download:
        catalog = v.tables().filter(has=v.page.locator("th", has_text=re.compile(r"^\s*title\s*$"))).first
        catalog.locator("button.wb-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "<script>alert(1)</script>" in text and "&lt;script" not in text
    assert not v.dialogs


def test_hostile_article_is_escaped_in_jupyterlab_outputs(hostile_site):
    """The executed notebooks JupyterLab shows: no HTML output carries the article's markup as markup."""
    for page in hostile_pages(hostile_site):
        for cell in executed(page).cells:
            for out in cell.get("outputs", []):
                html_out = out.get("data", {}).get("text/html", "")
                for markup in ("<script>alert(1)", "<img src=x onerror", '<a href="javascript:'):
                    assert markup not in html_out, f"{page.stem}: {markup!r} in an HTML output"


# --- reproducible --------------------------------------------------------------------------

@pytest.mark.trust("freshness")
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
    for page in sorted((hostile_site / "articles").glob("*.html")) + [hostile_site / build.shared.SITE_JS]:
        assert page.read_bytes() == (again / page.relative_to(hostile_site)).read_bytes(), page.name
