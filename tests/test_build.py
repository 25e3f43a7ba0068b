"""The build (tools/build.py, the Makefile): a page is written only from one state of the corpus,
whole, from corpus/ unless --corpus says otherwise, and never with a failed figure in it."""
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import helpers

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
    assert run.returncode != 0 and "WORKBOOK_CORPUS is set" in run.stderr and "--corpus" in run.stderr


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
