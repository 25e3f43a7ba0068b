"""The build (tools/build.py, the Makefile): a page is written only from one state of the corpus,
whole, from corpus/ unless --corpus says otherwise, and never with a failed figure in it."""
import csv
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

import helpers
from conftest import add_article, read_catalog, write_catalog

sys.path.insert(0, str(helpers.ROOT / "tools"))
import build  # noqa: E402  (tools/build.py: how `make` executes a notebook)


def notebook(tmp_path, *cells) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.trust("freshness")
def test_an_article_edited_while_a_notebook_runs_leaves_no_page(tmp_path, corpus_copy):
    article = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    original = article.read_bytes()
    src = notebook(tmp_path, "import helpers\ndocs = helpers.load_corpus()",
                   f"open({str(article)!r}, 'a').write('An edit made while the build runs.')")   # the researcher saves
    dst = tmp_path / "out" / "probe.ipynb"
    with pytest.raises(build.BuildError, match=rf"probe.ipynb: articles/{article.name} changed while the notebook ran"):
        build.execute(src, dst, corpus_copy)
    assert not dst.exists()                                  # nothing that make could take for fresh
    article.write_bytes(original)                            # (the catalog's sha256 checks the bytes)
    again = notebook(tmp_path, "import helpers\ndocs = helpers.load_corpus()\nprint(len(docs))")
    build.execute(again, dst, corpus_copy)                   # the next run, with nothing edited meanwhile, writes it
    assert dst.exists()


@pytest.mark.trust("figures")
def test_a_figure_that_fails_to_draw_fails_the_build_naming_notebook_and_cell(tmp_path):
    src = notebook(tmp_path, "%matplotlib inline\nimport matplotlib.pyplot as plt",
                   "plt.rcParams['text.parse_math'] = True\nfig, ax = plt.subplots()\nax.set_title('$x^$')")
    dst = tmp_path / "out.ipynb"
    with pytest.raises(build.BuildError, match=r"probe.ipynb: an output failed.*cell 1: "):
        build.execute(src, dst)
    assert not dst.exists()


@pytest.mark.trust("figures")
def test_labels_with_dollars_are_text_after_setup(tmp_path):
    src = notebook(tmp_path, "import helpers\nimport pandas as pd\nhelpers.setup_notebook()",
                   "counts = pd.DataFrame({'$x^$ Daily': [1, 2]}, index=['Al-$ada TV $frac{', 'B'])\n"
                   "ax = helpers.heatmap(counts)\nax.set_title('Cost $x^$ and ' + 'a very long outlet name ' * 40)")
    dst = tmp_path / "out.ipynb"
    build.execute(src, dst)                                  # raises if the figure failed
    outputs = [o for c in nbformat.read(dst, as_version=4).cells for o in c.get("outputs", [])]
    assert any("image/png" in o.get("data", {}) for o in outputs)


@pytest.mark.trust("freshness")
def test_an_exported_workbook_corpus_does_not_redirect_a_build(tmp_path, corpus_copy, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CORPUS", str(corpus_copy))
    src = notebook(tmp_path, "import helpers\nprint(helpers.CORPUS)")
    dst = tmp_path / "out.ipynb"
    build.execute(src, dst)                                  # no --corpus: corpus/ of this checkout
    printed = nbformat.read(dst, as_version=4).cells[0].outputs[0]["text"].strip()
    assert printed == str(helpers.ROOT / "corpus")
    build.execute(src, dst, corpus_copy)                     # --corpus: that folder
    assert nbformat.read(dst, as_version=4).cells[0].outputs[0]["text"].strip() == str(corpus_copy.resolve())


@pytest.mark.trust("freshness")
def test_make_refuses_to_build_build_folder_from_an_exported_corpus(corpus_copy):
    make = shutil.which("make")
    if not make:
        pytest.skip("make is not installed")
    env = {"PATH": "/usr/bin:/bin", "WORKBOOK_CORPUS": str(corpus_copy)}
    run = subprocess.run([make, "all", "SETUP=", f"PY={sys.executable}"], cwd=helpers.ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode != 0 and "WORKBOOK_CORPUS is set" in run.stderr
    assert f"make CORPUS={corpus_copy}" in run.stderr                # the way to build that corpus


@pytest.mark.trust("freshness")
def test_a_notebook_run_hashes_the_corpus_twice_not_once_per_file(tmp_path, corpus_copy, monkeypatch):
    """Before and after the run, one pass each: at 2,000 articles a pass per file took hours."""
    calls = []
    real = build.inputs
    monkeypatch.setattr(build, "inputs", lambda folder: calls.append(folder) or real(folder))
    build.execute(notebook(tmp_path, "print(1)"), tmp_path / "out.ipynb", corpus_copy)
    assert len(calls) == 2 and len(real(corpus_copy)) > 2


# --- make CORPUS=DIR: another corpus, its own build folder ---------------------------------------------------------

def make_run(*args, **env):
    """`make ARGS` in this checkout, with the environment a researcher's shell has (no test cache, no corpus)."""
    make = shutil.which("make")
    if not make:
        pytest.skip("make is not installed")
    base = {k: v for k, v in os.environ.items() if k not in ("WORKBOOK_CACHE", "WORKBOOK_CORPUS", "MAKEFLAGS")}
    return subprocess.run([make, *args, "SETUP=", f"PY={sys.executable}"], cwd=helpers.ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=900)


def own_folder(corpus: Path) -> Path:
    """Where the README says `make CORPUS=corpus` writes: build/corpora/<name>-<10 hex of its resolved path>."""
    resolved = str(corpus.resolve())
    return helpers.ROOT / "build" / "corpora" / f"{corpus.resolve().name}-{hashlib.sha256(resolved.encode()).hexdigest()[:10]}"


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*")} \
        if folder.exists() else {}


ADDED_ID = "900_added_wire"
ADDED_TEXT = ("Turkey tests S-400 radar near Ankara\n\n"
              "ANKARA (Test Wire) - Turkey switched on the radar of its Russian-made S-400 system near Ankara on "
              "Tuesday, two officials said, a step Washington has warned could bring new sanctions.\n\n"
              "\"The system is ours and we will use it,\" a Turkish defence official told reporters.\n")


@pytest.mark.trust("freshness")
def test_make_corpus_builds_another_corpus_into_its_own_folder(tmp_path, corpus_copy):
    """One notebook (NOTEBOOKS= keeps the test light), the article pages, the index and the zip of a copy
    of corpus/ with one article more land in build/corpora/...; build/ of corpus/ is left as it was."""
    add_article(corpus_copy, ADDED_ID, ADDED_TEXT, title="Turkey tests S-400 radar", outlet="Test Wire",
                published="2019-11-26")
    out = own_folder(corpus_copy)
    default = [helpers.ROOT / "build" / "html", helpers.ROOT / "build" / "notebooks", helpers.ROOT / "build" / "cache"]
    before = [snapshot(f) for f in default]
    try:
        run = make_run(f"CORPUS={corpus_copy}/", "NOTEBOOKS=notebooks/00_corpus.ipynb")   # a trailing / is the same folder
        assert run.returncode == 0, run.stderr[-2000:]
        assert f"into {out.relative_to(helpers.ROOT)}/" in run.stdout
        page = (out / "html" / "00_corpus.html").read_text(encoding="utf-8")
        own, ours = helpers.corpus_hash(corpus_copy)[:16], helpers.corpus_hash()[:16]
        assert own != ours and f"sha256 {own}" in page and f"sha256 {ours}" not in page
        assert "Turkey tests S-400 radar" in page                          # the added article is in its corpus table
        assert (out / "html" / "articles" / f"{ADDED_ID}.html").is_file()
        assert (out / "html" / "index.html").is_file() and (out / "html" / build.shared.SITE_JS).is_file()
        with zipfile.ZipFile(out / "s400-workbook.zip") as z:
            assert f"{build.ZIP_FOLDER}/articles/{ADDED_ID}.html" in z.namelist()
        assert list((out / "cache").rglob("*.parquet"))                    # its own annotation cache
        assert [snapshot(f) for f in default] == before                    # corpus/'s build untouched

        again = make_run(f"CORPUS={corpus_copy}", "NOTEBOOKS=notebooks/00_corpus.ipynb")
        assert again.returncode == 0 and "Nothing to be done" in again.stdout, again.stdout + again.stderr
        assert "execute" not in again.stdout and "annotate" not in again.stdout
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.mark.trust("freshness")
def test_make_corpus_names_a_missing_or_broken_folder_in_one_message(tmp_path, corpus_copy):
    missing = make_run(f"CORPUS={tmp_path / 'no-such-corpus'}")
    assert missing.returncode != 0 and "no such folder" in missing.stderr and "Traceback" not in missing.stderr
    assert not own_folder(tmp_path / "no-such-corpus").exists()

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("not a corpus")
    shape = make_run(f"CORPUS={tmp_path / 'notes'}")
    assert shape.returncode != 0 and "has no articles.csv and no articles/" in shape.stderr

    rows = read_catalog(corpus_copy)
    rows[1]["published"] = "the 3rd of May"
    write_catalog(corpus_copy, rows)
    try:
        broken = make_run("annotate", f"CORPUS={corpus_copy}")
        assert broken.returncode != 0 and "Traceback" not in broken.stderr, broken.stderr[-2000:]
        assert f"{corpus_copy / 'articles.csv'} row 3" in broken.stderr           # the loader's file and row
    finally:
        shutil.rmtree(own_folder(corpus_copy), ignore_errors=True)


@pytest.mark.trust("freshness")
def test_make_test_with_a_corpus_says_what_to_run_instead(corpus_copy):
    run = make_run("test", f"CORPUS={corpus_copy}")
    assert run.returncode != 0 and f"make CORPUS={corpus_copy}" in run.stderr


@pytest.mark.trust("freshness")
def test_two_builds_at_once_take_turns(tmp_path):
    """`make` runs its build under build/.lock: a second one waits for the first instead of interleaving."""
    log = tmp_path / "log"
    step = (f"import time; open({str(log)!r}, 'a').write('start %f\\n' % time.time()); time.sleep(1.5); "
            f"open({str(log)!r}, 'a').write('end %f\\n' % time.time())")
    runs = [subprocess.Popen([sys.executable, str(helpers.ROOT / "tools" / "build.py"), "locked", sys.executable,
                              "-c", step], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    said = [r.communicate(timeout=60)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0]
    events = [line.split() for line in log.read_text().splitlines()]
    assert [e[0] for e in events] == ["start", "end", "start", "end"]     # one after the other, never overlapping
    assert float(events[2][1]) >= float(events[1][1])
    assert any("waiting for it to finish" in s for s in said)


def test_the_readme_counts_the_trust_cases_as_the_script_does():
    """README's table of cases per class of issue #14 is tools/trust_cases.py's output, not typed."""
    run = subprocess.run([sys.executable, str(helpers.ROOT / "tools" / "trust_cases.py")], cwd=helpers.ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    sys.path.insert(0, str(helpers.ROOT / "tools"))
    import trust_cases

    assert trust_cases.readme_table() == run.stdout.strip(), "run python tools/trust_cases.py --write-readme"
    assert "| all | |" in run.stdout


# --- pages of bounded size: a long table shows its first rows and links all of them ------------------------------

@pytest.mark.trust("shared page")
def test_a_table_too_long_for_the_page_links_a_csv_of_every_row(tmp_path, monkeypatch):
    """Executed and exported as `make` does (paths relative to the checkout, the kernel in notebooks/):
    1,200 rows of a long table, a short one left whole."""
    src = notebook(tmp_path, "import helpers, pandas as pd\nhelpers.setup_notebook()",
                   "rows = pd.DataFrame({'doc_id': [f'wire_{i % 40:03d}' for i in range(1200)], 'sent_id': range(1200),\n"
                   "                     'outlet': ['Daily Wire' if i % 3 else 'Evening Post' for i in range(1200)],\n"
                   "                     'sentence': [f'Officials said batch {i} of the S-400 was delivered.' for i in range(1200)]})\n"
                   "helpers.show_table(rows, caption='Deliveries', name='deliveries')",
                   "helpers.show_table(rows.head(12), name='short')")
    (tmp_path / "notebooks").mkdir()
    src = src.rename(tmp_path / "notebooks" / "probe.ipynb")        # the kernel runs in notebooks/, make in the checkout
    monkeypatch.chdir(tmp_path)
    executed = Path("build") / "notebooks" / "probe.ipynb"
    build.execute(src, executed)
    page = Path("build") / "html" / "probe.html"
    build.export_html(executed, page)
    full = tmp_path / "build" / "html" / "tables" / "probe" / "deliveries.csv"
    with open(full, encoding="utf-8", newline="") as f:
        written = list(csv.DictReader(f))
    assert len(written) == 1200 and written[-1]["sentence"] == "Officials said batch 1199 of the S-400 was delivered."
    assert sorted(p.name for p in full.parent.iterdir()) == ["deliveries.csv"]    # the short table stays whole, no file
    text = page.read_text(encoding="utf-8")
    from workbook.show.tables import ON_PAGE_ROWS as shown
    assert 'href="tables/probe/deliveries.csv"' in text
    assert "This table has 1,200 rows, 40 articles, 2 outlets" in text and f"the first {shown:,}" in text
    assert f"Download CSV (the {shown} rows shown)" in text and "Download CSV (12 rows)" in text
    assert "batch 1199 " not in text and f"batch {shown - 1} " in text             # the page holds only the first rows


@pytest.mark.trust("shared page")
def test_a_table_of_long_cells_is_bounded_by_its_bytes_too(tmp_path):
    src = notebook(tmp_path, "import helpers, pandas as pd\nhelpers.setup_notebook()",
                   "long = pd.DataFrame({'doc_id': ['wire_001'] * 60, 'text': ['Ankara said the S-400 deal stands. ' * 70] * 60})\n"
                   "helpers.show_table(long, name='long cells')")
    executed = tmp_path / "notebooks" / "probe.ipynb"
    build.execute(src, executed)
    note = [o for c in nbformat.read(executed, as_version=4).cells for o in c.get("outputs", [])
            if o.get("metadata", {}).get("workbook", {}).get("full_table")][0]["metadata"]["workbook"]
    from workbook.show.tables import ON_PAGE_BYTES
    assert note["full_table"] == "tables/probe/long-cells.csv" and note["rows"] == 60
    assert note["shown"] * 2450 <= ON_PAGE_BYTES < (note["shown"] + 1) * 2500   # a row is 2,450 characters of text
    assert (executed.parent / "probe.tables" / "long-cells.csv").is_file()


@pytest.mark.trust("shared page")
def test_in_jupyterlab_a_table_longer_than_a_page_keeps_every_row(monkeypatch, tmp_path):
    """Without a build asking for bounded pages (WORKBOOK_TABLES), a table of up to IN_LAB_ROWS rows is
    shown whole, and no file is written."""
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    from workbook.show import tables
    monkeypatch.delenv("WORKBOOK_TABLES", raising=False)
    monkeypatch.setattr(tables, "LAB_TABLES", tmp_path / "lab-tables")
    shown = []
    monkeypatch.setattr("itables.show", lambda df, **kw: shown.append(df))
    InteractiveShell.instance()
    tables.show_table(pd.DataFrame({"doc_id": [f"a{i}" for i in range(tables.ON_PAGE_ROWS + 50)]}))
    assert len(shown[0]) == tables.ON_PAGE_ROWS + 50
    assert not (tmp_path / "lab-tables").exists()


@pytest.mark.trust("shared page")
def test_in_jupyterlab_a_very_long_table_says_so_and_saves_every_row_on_a_click(monkeypatch, tmp_path):
    """Beyond IN_LAB_ROWS the lab shows the first rows (a filter's redraw stays quick at any corpus
    size), says how many there are, and its button writes all of them, only when clicked."""
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    from workbook.show import tables
    monkeypatch.delenv("WORKBOOK_TABLES", raising=False)
    monkeypatch.setattr(tables, "LAB_TABLES", tmp_path / "lab-tables")
    shown, shown_widgets = [], []
    monkeypatch.setattr("itables.show", lambda df, **kw: shown.append(df))
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown_widgets.extend(objs))
    InteractiveShell.instance()
    n = tables.IN_LAB_ROWS + 250
    table = pd.DataFrame({"doc_id": [f"a{i % 40}" for i in range(n)], "outlet": ["Daily Wire"] * n,
                          "sentence": [f"Sentence {i}." for i in range(n)]})
    tables.show_table(table, name="long evidence")
    assert len(shown[0]) == tables.IN_LAB_ROWS
    assert shown[0]["sentence"].tolist()[-1] == f"Sentence {tables.IN_LAB_ROWS - 1}."
    box = shown_widgets[0]
    note, (button, saved) = box.children[0], box.children[1].children
    assert f"{n:,} rows, 40 articles, 1 outlets" in note.value and f"first {tables.IN_LAB_ROWS:,}" in note.value
    assert not (tmp_path / "lab-tables").exists(), "nothing is written before the click"
    button.click()
    written = pd.read_csv(tmp_path / "lab-tables" / "long-evidence.csv")
    assert written["sentence"].tolist() == table["sentence"].tolist()
    assert f"Saved {n:,} rows" in saved.value


@pytest.mark.trust("shared page")
def test_a_cell_too_long_for_the_page_is_cut_there_and_whole_in_the_csv(tmp_path):
    names = "; ".join(f"Analyst {i:05d}" for i in range(2000))              # a list that grows with the corpus
    src = notebook(tmp_path, "import helpers, pandas as pd\nhelpers.setup_notebook()",
                   "names = '; '.join(f'Analyst {i:05d}' for i in range(2000))\n"      # made here: the code is in the page
                   "helpers.show_table(pd.DataFrame({'outlet': ['Daily Wire', 'Evening Post'], 'names': [names, 'Kemal Aydin']}),"
                   " name='names only here')")
    executed = tmp_path / "build" / "notebooks" / "probe.ipynb"
    build.execute(src, executed)
    page = tmp_path / "build" / "html" / "probe.html"
    build.export_html(executed, page)
    with open(page.parent / "tables" / "probe" / "names-only-here.csv", encoding="utf-8", newline="") as f:
        assert [r["names"] for r in csv.DictReader(f)] == [names, "Kemal Aydin"]
    text = page.read_text(encoding="utf-8")
    assert "Analyst 00010" in text and "Analyst 01999" not in text and "more characters in the CSV" in text
    assert "Kemal Aydin" in text and "so the page shows every row, its longest cells cut" in text


def test_the_tables_of_one_page_share_a_budget(tmp_path):
    """Twelve long tables on one page: together they hold at most the page's share, and the later ones say so."""
    from workbook.show.tables import ON_PAGE_BYTES, PAGE_TABLES_BYTES

    src = notebook(tmp_path, "import helpers, pandas as pd\nhelpers.setup_notebook()",
                   "rows = pd.DataFrame({'doc_id': [f'wire_{i:03d}' for i in range(400)],\n"
                   "                     'sentence': [f'Officials said batch {i} of the S-400 had arrived in Ankara on time.' * 3 for i in range(400)]})\n"
                   "for k in range(12):\n    helpers.show_table(rows, name=f'batch {k}')")
    executed = tmp_path / "notebooks" / "probe.ipynb"
    build.execute(src, executed)
    notes = [o["metadata"]["workbook"] for c in nbformat.read(executed, as_version=4).cells for o in c.get("outputs", [])
             if o.get("metadata", {}).get("workbook", {}).get("full_table")]
    assert len(notes) == 12 and all(n["rows"] == 400 for n in notes)
    row = len("wire_000") + 3 + len("Officials said batch 100 of the S-400 had arrived in Ankara on time.") * 3 + 3
    assert sum(n["shown"] for n in notes) * (row - 6) <= PAGE_TABLES_BYTES + 12 * ON_PAGE_BYTES // 10
    assert notes[0]["shown"] > 5 * notes[-1]["shown"]                       # the first tables got their full share
    texts = [o["text"] for c in nbformat.read(executed, as_version=4).cells for o in c.get("outputs", [])
             if o.get("output_type") == "display_data" and "full_table" in o.get("metadata", {}).get("workbook", {})
             for o in [{"text": o["data"]["text/plain"]}]]
    assert "the tables of a page share" in texts[-1] and "the tables of a page share" not in texts[0]
