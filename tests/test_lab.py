"""JupyterLab as a researcher uses it: `make lab`, each notebook run in Chromium, every filter changed.

The server is started with the README's command (`make lab`, as root too) on 127.0.0.1 with a token,
in a temporary home. Each notebook is opened and run; no cell may end in an error and the page may log
no console error. Then every control of its filter panel is changed and the rows shown are checked
against the setting; the count a dropdown shows beside a name must be the number of rows it leaves.
Saving the notebook must leave its file as committed, so a session leaves `git status` as it was.
"""
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

import helpers

NOTEBOOKS = sorted((helpers.ROOT / "notebooks").glob("*.ipynb"))
NOTHING = "Nothing matches these filters"
APP = "window.jupyterapp"
KERNEL = f"{APP}.shell.currentWidget.sessionContext.session.kernel"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=helpers.ROOT, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    """`make lab` in a temporary home; yields the URL prefix with its token."""
    make = shutil.which("make")
    if not make:
        pytest.skip("make is not installed")
    home = tmp_path_factory.mktemp("home")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), IPYTHONDIR=str(home / ".ipython"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    args = (f"--no-browser --ServerApp.port={port} --ServerApp.port_retries=0 --IdentityProvider.token={token} "
            "--LabApp.expose_app_in_browser=True")            # lets the test call JupyterLab's own commands
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)          # draw every cell, not only those in view, so the test can reach them
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    log = home / "lab.log"
    before = git_status()
    with open(log, "w") as out:
        server = subprocess.Popen([make, "lab", f"PY={sys.executable}", "SETUP=", f"LAB_ARGS={args}"],
                                  cwd=helpers.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, f"make lab did not start:\n{log.read_text()}"
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert git_status() == before, f"the lab session changed the repository:\n{git_status()}"


def test_the_lab_refuses_a_request_without_its_token(lab):
    import urllib.error
    import urllib.request

    base, token = lab
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/api/contents/notebooks")
    assert refused.value.code == 403
    listing = urllib.request.urlopen(f"{base}/api/contents?token={token}").read().decode()
    assert '"name": "notebooks"' in listing and '"name": "corpus"' in listing      # the browser starts at the repository


class Panel:
    """The filter panel of a notebook open in the lab, and what its output area shows."""

    def __init__(self, page, root=None):
        self.page = page
        self.root = root if root is not None else self.all(page)[-1]

    @staticmethod
    def all(page):
        """The root of every filter panel of the notebook open in this tab, in page order."""
        notebook = page.locator("#" + page.evaluate(f"{APP}.shell.currentWidget.id"))    # this tab only
        return notebook.locator(".widget-vbox", has=page.locator("select[multiple]")).all()

    @classmethod
    def labelled(cls, page, label: str) -> "Panel":
        """The panel with a control labelled `label` ("Speaker", "Systems")."""
        found = [r for r in cls.all(page) if r.locator(".widget-label").filter(
            has_text=re.compile(f"^{re.escape(label)}$")).count()]
        assert found, f"no filter panel has a control labelled {label}"
        return cls(page, found[0])

    def status(self) -> str:
        return self.root.locator(".widget-html", has=self.page.locator("b")).last.inner_text()

    def settle(self, expect: int | None = None, previous: str | None = None):
        """Wait until the kernel has answered the last change and the output shows what the panel's
        status line counts: "Nothing matches" for none, else a drawn table of that many rows. With
        `expect`, until the status counts that many rows; with `previous`, until it has changed."""
        self.page.wait_for_timeout(300)
        self.page.wait_for_function(f"{KERNEL}.status === 'idle'", timeout=60_000)
        self.page.wait_for_function(
            """([root, expect, previous]) => { const status = root.querySelector('.widget-html b'); if (!status) return false;
                const n = Number(status.textContent.replace(/,/g, '')); const out = root.querySelector('.widget-output');
                if (expect !== null && n !== expect) return false;
                if (previous !== null && status.parentElement.innerText === previous) return false;
                if (n === 0) return out.innerText.includes('Nothing matches');
                const info = [...out.querySelectorAll('.dt-info')].pop();
                const m = info && info.textContent.match(/of ([\\d,]+) entr/);
                return !!m && Number(m[1].replace(/,/g, '')) === n; }""",
            arg=[self.root.element_handle(), expect, previous], timeout=60_000)

    def rows(self) -> tuple[list[str], list[list[str]], int]:
        """Column names, the rows on the first page of the output table, and how many rows it holds."""
        if NOTHING in self.root.inner_text():
            return [], [], 0
        table = self.root.locator(".widget-output table.dataTable", has=self.page.locator("tbody td")).last
        # a table that scrolls sideways draws its column names in a table of their own, before its rows
        head = [t.strip() for t in self.root.locator(".widget-output table.dataTable").first.locator("thead th").all_inner_texts()]
        body = [[c.strip() for c in r.locator("td").all_inner_texts()] for r in table.locator("tbody tr").all()]
        info = self.root.locator(".widget-output .dt-info").last.inner_text()
        total = int(re.search(r"of ([\d,]+) entr", info).group(1).replace(",", ""))
        assert body or not total, f"the table counts {total} rows but none is read off the page"
        return head, body, total

    def dropdowns(self):
        return self.root.locator(".widget-dropdown").all()

    def choose(self, label: str, name: str) -> int:
        """Choose `name` in the dropdown labelled `label`; the rows its label counts."""
        box = self.root.locator(".widget-dropdown", has=self.page.locator(".widget-label").filter(
            has_text=re.compile(f"^{re.escape(label)}$")))
        option = [t.replace("\xa0", " ") for t in box.locator("option").all_inner_texts()
                  if re.fullmatch(rf"{re.escape(name)} \(\d+\)", t.replace("\xa0", " "))]
        assert option, f"the {label} dropdown does not offer {name}"
        box.locator("select").select_option(label=option[0])
        n = int(re.search(r"\((\d+)\)$", option[0]).group(1))
        self.settle(expect=n)
        return n

    def type_words(self, words: str):
        """Type `words` into the panel's text box and press Enter (the box filters on Enter)."""
        before = self.status()
        box = self.root.locator(".widget-text input")
        box.fill(words)
        box.press("Enter")
        try:                     # the count moves unless the words keep as many rows as before
            self.page.wait_for_function("([el, text]) => el.innerText !== text", timeout=5_000,
                                        arg=[self.root.locator(".widget-html", has=self.page.locator("b")).last.element_handle(), before])
        except Exception:
            pass
        self.settle()


def run_notebook(page, base, token, name):
    page.goto(f"{base}/lab/tree/notebooks/{name}?reset&token={token}")        # reset: no tab of an earlier test
    page.wait_for_function(f"{APP} && {APP}.shell.currentWidget && {APP}.shell.currentWidget.sessionContext"
                           f" && {APP}.shell.currentWidget.sessionContext.session && {KERNEL}"
                           f" && {KERNEL}.status === 'idle'", timeout=120_000)
    page.evaluate(f"{APP}.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(1000)
    page.wait_for_function(f"{KERNEL}.status === 'idle' && ![...document.querySelectorAll('.jp-InputPrompt')]"
                           ".some(e => e.textContent.includes('*'))", timeout=300_000)
    return page.evaluate(f"""() => {{ const model = {APP}.shell.currentWidget.content.model; const errors = [];
        for (let i = 0; i < model.cells.length; i++) {{ const outs = model.cells.get(i).outputs;
          for (let j = 0; outs && j < outs.length; j++) {{ const o = outs.get(j).toJSON();
            if (o.output_type === 'error') errors.push(`cell ${{i}}: ${{o.ename}}: ${{o.evalue}}`); }} }}
        return errors; }}""")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_the_lab_and_every_filter_answers(lab, browser, notebook):
    base, token = lab
    committed = notebook.read_bytes()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    console = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(str(e)))
    try:
        errors = run_notebook(page, base, token, notebook.name)
        assert not errors, f"{notebook.name}: cells ended in errors: {errors}"
        for root in Panel.all(page):
            check_filters(Panel(page, root), notebook.name)
        if notebook.stem in QUESTIONS:
            QUESTIONS[notebook.stem](page)
        page.evaluate(f"{APP}.commands.execute('docmanager:save')")
        page.wait_for_timeout(1500)
        assert notebook.read_bytes() == committed, f"saving {notebook.name} in the lab changed the committed file"
        assert not console, f"{notebook.name}: console errors in the lab: {console}"
    finally:
        page.close()


def check_filters(panel: Panel, name: str):
    """Change each control of the panel and check the rows it shows."""
    page = panel.page
    panel.settle()
    head, _, everything = panel.rows()
    assert everything > 0, f"{name}: the filter panel shows no rows before any change"
    # outlets: one outlet keeps only its rows
    outlets = panel.root.locator("select[multiple]")
    options = outlets.locator("option").all_inner_texts()
    chosen = options[-1].replace("\xa0", " ")
    before = panel.status()
    outlets.select_option([chosen])
    panel.settle(previous=before if len(options) > 1 else None)
    head, body, total = panel.rows()
    assert total <= everything
    if "outlet" in head:
        assert all(row[head.index("outlet")] == chosen for row in body), (name, chosen, body[:3])
    outlets.select_option([o.replace("\xa0", " ") for o in options])
    panel.settle(expect=everything)
    assert panel.rows()[2] == everything, f"{name}: choosing every outlet again does not bring every row back"
    # each dropdown: the name with most rows leaves exactly the rows its label counts, each naming it
    for box in panel.dropdowns():
        select = box.locator("select")
        labels = [t.replace("\xa0", " ") for t in select.locator("option").all_inner_texts()]
        counted = [(int(m.group(2)), m.group(1), m.group(0)) for m in (re.fullmatch(r"(.+) \((\d+)\)", t) for t in labels) if m]
        assert counted, f"{name}: a dropdown has no counted choices: {labels[:5]}"
        n, value, label = max(counted)
        select.select_option(label=label)
        panel.settle(expect=n)
        head, body, total = panel.rows()
        assert total == n, f"{name}: choosing {value} ({n}) shows {total} rows"
        assert all(any(value == cell or value in cell.split("; ") for cell in row) for row in body), (name, value, body[:3])
        zero = [t for c, _, t in counted if c == 0]
        if zero:                                         # a name with no row says so, it draws no empty chart
            select.select_option(label=zero[0])
            panel.settle(expect=0)
            assert NOTHING in panel.root.inner_text(), f"{name}: choosing {zero[0]} does not say nothing matches"
        select.select_option(label="(all)")
        panel.settle(expect=everything)
        assert panel.rows()[2] == everything
    # the text box: a word of the first row's sentence keeps only rows holding it
    text = panel.root.locator(".widget-text input")
    if text.count():
        head, body, _ = panel.rows()
        column = next((c for c in ("sentence", "title", "evidence") if c in head), None)
        assert column, f"{name}: a panel with a text box shows none of its columns: {head}"
        words = [w for row in body for w in re.findall(r"[A-Za-z]{4,}", row[head.index(column)])]
        assert words, f"{name}: no word in the {column} column: {head} {body[:2]}"
        word = max(words, key=len)
        panel.type_words(word.upper())                   # in any case
        head, body, total = panel.rows()
        assert 0 < total <= everything, f"{name}: typing {word} leaves {total} rows"
        assert all(word.lower() in row[head.index(column)].lower() for row in body), (name, word, body[:3])
        panel.type_words("")
        assert panel.rows()[2] == everything, f"{name}: emptying the text box does not bring every row back"
    # each date slider: one step in from the upper end keeps rows up to the new last day, readout readable
    for slider in panel.root.locator(".widget-hbox", has=page.locator(".noUi-handle-upper")).all():
        readout = slider.locator(".widget-label").last
        first_text = readout.inner_text()
        assert re.fullmatch(r"\d\d \w{3} \d{4} to \d\d \w{3} \d{4}", first_text), first_text
        first_day, last_day = first_text.split(" to ")
        if first_day == last_day:
            continue                                     # a slider over one day has no step to take
        slider.locator(".noUi-handle-upper").focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("([el, text]) => el.innerText !== text", arg=[readout.element_handle(), first_text],
                               timeout=30_000)                    # the handle moved a step
        panel.settle()
        after = readout.inner_text()
        assert after != first_text, f"{name}: the slider's readout did not follow the handle"
        _, body, total = panel.rows()
        assert total <= everything
        slider.locator(".noUi-handle-upper").focus()
        page.keyboard.press("End")
        panel.settle(expect=everything)
        assert panel.rows()[2] == everything


# --- the two questions of issue #13, each in at most two steps -----------------------------------------------

def stoltenberg(page):
    """01: "What did Stoltenberg say, and in which outlets?" Step 1: choose him as speaker; step 2: read."""
    panel = Panel.labelled(page, "Speaker")
    panel.settle()
    n = panel.choose("Speaker", "Jens Stoltenberg")
    head, body, total = panel.rows()
    assert n > 0 and total == n, f"01: Stoltenberg's statements: the label says {n}, the table holds {total}"
    assert {"speaker", "content", "outlet", "published"} <= set(head), head
    for row in body:
        cell = dict(zip(head, row))
        assert cell["speaker"] == "Jens Stoltenberg" and cell["outlet"] and re.fullmatch(r"\d{4}-\d\d-\d\d", cell["published"]), cell


def delivery(page):
    """04: "When was delivery expected, by outlet?" Step 1: choose the S-400; step 2: type "deliver"."""
    panel = Panel.labelled(page, "Systems")
    panel.settle()
    panel.choose("Systems", "S-400")
    panel.type_words("deliver")
    head, body, total = panel.rows()
    assert total > 0, "04: no dated sentence about delivering the S-400"
    assert {"outlet", "published", "start", "systems", "systems_by_kind", "sentence"} <= set(head), head
    rows = [dict(zip(head, row)) for row in body]
    for cell in rows:
        assert "S-400" in cell["systems"].split("; ") and "deliver" in cell["sentence"].lower() and cell["outlet"], cell
    # a sentence that calls it "the missile system" after naming it is among them, and says so
    assert any("S-400" in c["systems_by_kind"] and "S-400" not in c["sentence"] for c in rows), rows
    assert panel.root.locator(".widget-output img").count(), "04: the timeline by outlet is not drawn"


QUESTIONS = {"01_actors": stoltenberg, "04_chronology": delivery}
