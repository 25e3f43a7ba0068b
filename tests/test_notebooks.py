"""Every notebook runs top to bottom in a fresh kernel; committed notebooks carry no outputs."""
import sys

import nbformat
import pytest

import helpers

sys.path.insert(0, str(helpers.ROOT / "tools"))
import clean_notebook  # noqa: E402  (tools/clean_notebook.py: the form notebooks are committed in)

import build  # noqa: E402  (tools/build.py: how `make` executes a notebook)

NOTEBOOKS = sorted((helpers.ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(len(NOTEBOOKS))], "numbered in reading order"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name}: clear outputs before committing"
    assert path.read_text(encoding="utf-8") == clean_notebook.canonical_text(path), \
        f"{path.name} is not in the clean form a lab save writes: run python tools/clean_notebook.py {path}"


def test_the_clean_form_drops_what_a_session_adds_and_keeps_the_cells(tmp_path):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.outputs = [nbformat.v4.new_output("stream", text="hello")]
    cell.execution_count = 7
    cell.metadata.update(scrolled=True, execution={"iopub.status.busy": "2026-12-01T10:00:00"}, tags=["remove-in-html"])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["language_info"]["version"] = "3.11.7"
    saved = tmp_path / "saved.ipynb"
    nbformat.write(nb, saved)
    clean = nbformat.reads(clean_notebook.canonical_text(saved), as_version=4)
    first = next(c for c in clean.cells if c.cell_type == "code")
    assert first.outputs == [] and first.execution_count is None and first.metadata == {"tags": ["remove-in-html"]}
    assert first.source == cell.source and len(clean.cells) == len(nb.cells)
    assert set(clean.metadata) == {"kernelspec", "language_info"} and clean.metadata.language_info == {"name": "python"}
    assert clean_notebook.main(["--check", str(saved)]) == 1 and clean_notebook.main([str(saved)]) == 0
    assert clean_notebook.main(["--check", str(saved)]) == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, tmp_path):
    """Executed the way `make` does (tools/build.py); a cell that raises fails the run."""
    executed = tmp_path / path.name
    build.execute(path, executed)
    nb = nbformat.read(executed, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_tells_a_story(path):
    """Opens with what it answers, has numbered steps, ends with a summary."""
    nb = nbformat.read(path, as_version=4)
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert md[0].startswith("# ") and "What this answers" in md[0]
    assert any(s.startswith("## 1.") for s in md)
    assert any(s.startswith("## Summary") for s in md)


@pytest.fixture(scope="module")
def minimal_corpus(tmp_path_factory):
    """The corpus with only the required catalog columns, plus a new article nobody has seen."""
    import shutil

    from conftest import add_article, read_catalog, write_catalog

    folder = tmp_path_factory.mktemp("minimal") / "corpus"
    shutil.copytree(helpers.CORPUS, folder)
    write_catalog(folder, [{k: r[k] for k in helpers.REQUIRED_COLUMNS} for r in read_catalog(folder)])
    add_article(folder, "new_article", "ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar said on Monday "
                "the S-400 batteries would be active by April.", published="2020-01-15")
    return folder


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_a_minimal_catalog_with_a_new_article(path, minimal_corpus, tmp_path):
    executed = tmp_path / path.name
    build.execute(path, executed, corpus=minimal_corpus)
    nb = nbformat.read(executed, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("name, text", [
    (path.stem, text) for path in NOTEBOOKS for text in (
        "Ankara, Turkey (Test Wire) - Mike Pompeo met Fuat Oktay in Ankara. Turkey said the talks went well.\n",
        "The weather was mild. Nobody said anything about missiles.\n")])
def test_notebook_runs_on_a_corpus_without_weapon_systems(name, text, corpus_copy, tmp_path):
    """Empty tables say "none" instead of raising: one made-up article naming actors but no system
    (or nobody at all), and knowledge tables with no rows."""
    from conftest import add_article, read_catalog, write_catalog

    add_article(corpus_copy, "900_no_systems", text)
    write_catalog(corpus_copy, read_catalog(corpus_copy)[-1:])              # the made-up article only
    for txt in (corpus_copy / "articles").glob("*.txt"):
        if txt.stem != "900_no_systems":
            txt.unlink()
    for table in ("memberships.csv", "systems.csv", "relations.csv"):
        header = (corpus_copy / table).read_text(encoding="utf-8").splitlines()[0]
        (corpus_copy / table).write_text(header + "\n", encoding="utf-8")
    executed = tmp_path / f"{name}.ipynb"
    build.execute(helpers.ROOT / "notebooks" / f"{name}.ipynb", executed, corpus_copy)
    nb = nbformat.read(executed, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[0]["evalue"] if errors else ""


@pytest.mark.parametrize("name", ["01_actors", "02_weapon_systems", "03_alliances"])
def test_notebook_shares_instead_of_retyping(name):
    """The actor kinds come from helpers.ACTOR_KINDS and dates are formatted by helpers.show_table."""
    nb = nbformat.read(helpers.ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert '"person", "organization"' not in code and ".dt.date" not in code


@pytest.fixture(scope="module")
def annotated():
    """The cache filled the way `make annotate` fills it (the tests' own cache, see conftest)."""
    from workbook import annotate

    assert annotate.main([]) == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_reads_the_cache_and_computes_nothing(path, annotated, tmp_path):
    """After `make annotate`, a notebook's helper calls read the cache: no stage runs in its kernel."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import workbook.annotate\nprint(dict(workbook.annotate.COMPUTED))"))
    probe = tmp_path / path.name
    nbformat.write(nb, probe)
    build.execute(probe, tmp_path / "executed.ipynb")
    last = nbformat.read(tmp_path / "executed.ipynb", as_version=4).cells[-1]
    assert [o.get("text", "").strip() for o in last.outputs] == ["{}"]
