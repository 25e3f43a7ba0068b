"""Build the workbook: execute notebooks, export HTML, write the index.

Used by the Makefile; each step is one sub-command so make can skip what is up to date.

    python tools/build.py execute notebooks/00_corpus.ipynb build/notebooks/00_corpus.ipynb
    python tools/build.py html build/notebooks/00_corpus.ipynb build/html/00_corpus.html
    python tools/build.py articles build/html                    (one page per article + workbook-site.js)
    python tools/build.py index build/html/index.html notebooks/*.ipynb   (then warns, in one line, of
                                                                           suspicious lines left in articles)
    python tools/build.py zip build/html build/s400-workbook.zip
    python tools/build.py annotate [--corpus DIR] [--workers N]   (workbook.annotate; a broken corpus is
                                                                   its list of problems, not a traceback)
    python tools/build.py locked [--folder build] make pages      (one build of a folder at a time)
    python tools/build.py check-corpus DIR                        (is DIR a corpus folder make can build?)

Another corpus folder (a copy with extra articles, say) is built by `make CORPUS=DIR` into
build/corpora/<name>-<hash>/: each step gets ``--corpus DIR`` (``execute``, ``articles``, ``index``,
``annotate``). It reaches the kernel as the environment variable WORKBOOK_CORPUS (read in
workbook/files.py); an exported WORKBOOK_CORPUS is never used by itself.

The HTML is made to be mailed and read as a report: it uses the `offline` template
(tools/templates/offline), which loads nothing from the network and hides the code; it replaces every
live-kernel control with a line saying what it lets you filter in JupyterLab (see `ForSharing`).
A table too long for a page (workbook/show/tables.py, ON_PAGE_ROWS and ON_PAGE_BYTES) writes all its rows
to a CSV file: `execute` gives the kernel the folder (WORKBOOK_TABLES, kept beside the executed notebook
as <stem>.tables/) and `html` copies it beside the page as tables/<stem>/, which the page links.
Each page gets its notebook's title, links to the previous and next page, and findings on top
(computed in the notebook by helpers.findings); the index gathers every page's findings. `articles`
writes one page per article (workbook/show/articles.py), where every doc_id/sent_id of a table leads,
and `workbook-site.js`, which tells a page that the rest of the folder is beside it.
"""
from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from clean_notebook import canonical  # noqa: E402

from workbook.corpus import corpus_files  # noqa: E402

from workbook.show import site as shared  # noqa: E402  (the pieces every shared page has in common)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
HIDE_IN_HTML = "remove-in-html"   # cell tag: live-kernel controls that would be dead in a shared page
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WORKBOOK = shared.WORKBOOK
ZIP_FOLDER = "s400-workbook"                      # the folder a reader gets when unzipping the mail attachment
TABLES = "tables"                                 # html/tables/<page>/: all rows of tables too long for a page


class BuildError(Exception):
    """A page that must not be written: its message says which notebook and what to do."""


def execute(src: Path, dst: Path, corpus: Path | None = None) -> None:
    """Run a notebook top to bottom in a fresh kernel (cwd = notebooks/) and save the executed copy.

    The kernel imports this checkout's helpers.py and reads `corpus` (default: corpus/; an exported
    WORKBOOK_CORPUS is ignored, so nothing but --corpus points a build elsewhere). The copy is written
    only if every input stayed as it was while the notebook ran and no output is a traceback (a figure
    that failed to draw, say); it is written whole or not at all, so `make` never takes a half-built or
    stale page for a fresh one.
    """
    import tempfile

    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    folder = Path(corpus).resolve() if corpus is not None else ROOT / "corpus"
    env = {k: v for k, v in os.environ.items() if k != "WORKBOOK_CORPUS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    if corpus is not None:
        env["WORKBOOK_CORPUS"] = str(folder)
    nb = canonical(nbformat.read(src, as_version=4))        # the clean form: saved outputs change nothing
    before = inputs(folder)
    tables = Path(dst).resolve().parent / f".{dst.stem}.tables.{os.getpid()}.tmp"   # full rows of tables too long
    #                                                     for the page (resolved: the kernel runs in notebooks/)
    shutil.rmtree(tables, ignore_errors=True)
    env["WORKBOOK_TABLES"], env["WORKBOOK_TABLES_HREF"] = str(tables), f"{TABLES}/{dst.stem}/"
    with tempfile.TemporaryDirectory() as sockets:
        # Unix sockets in a private folder: kernels started side by side cannot take each other's
        # TCP ports (a lost message hangs a run until the timeout).
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        NotebookClient(nb, km=km, timeout=300, coalesce_streams=True,   # one stdout block however the kernel flushed it
                       resources={"metadata": {"path": str(src.parent)}}).execute(env=env)
    after = inputs(folder)                                  # once: hashing the corpus is one pass over its files
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        shutil.rmtree(tables, ignore_errors=True)
        raise BuildError(f"{src.name}: {', '.join(changed[:5])} changed while the notebook ran, so its results "
                         "may mix two states of the corpus; nothing was written. Run make again.")
    failed = [f"cell {i}: {failure}" for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for failure in failures(cell.outputs)]
    if failed:
        shutil.rmtree(tables, ignore_errors=True)
        raise BuildError(f"{src.name}: an output failed, so the page is not written: {'; '.join(failed[:3])}")
    replace_folder(tables_of(dst), tables)                  # the tables first: the notebook says they are there
    write_atomically(dst, nbformat.writes(nb) + "\n")


def tables_of(executed: Path) -> Path:
    """The folder of full-row CSV files beside an executed notebook (<stem>.tables/)."""
    return executed.parent / f"{executed.stem}.tables"


def replace_folder(dst: Path, new: Path) -> None:
    """Put folder `new` (possibly never made: no file) in the place of `dst`, in two renames."""
    old = dst.with_name(f".{dst.name}.{os.getpid()}.old")
    if dst.exists():
        os.replace(dst, old)
    if new.exists():
        os.replace(new, dst)
    shutil.rmtree(old, ignore_errors=True)


def inputs(folder: Path) -> dict[str, str]:
    """sha256 of every input file of the corpus folder, by its path inside the folder."""
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest() for f in corpus_files(folder)}


def failures(outputs) -> list[str]:
    """The outputs of a cell that report a failure: errors, and tracebacks printed to stderr
    (matplotlib's inline backend prints those when a figure cannot be drawn, and the cell still passes)."""
    found = [f"{o.get('ename')}: {o.get('evalue')}" for o in outputs if o.get("output_type") == "error"]
    found += ["a traceback on stderr: " + o["text"].strip().splitlines()[-1][:200] for o in outputs
              if o.get("output_type") == "stream" and o.get("name") == "stderr" and "Traceback" in o.get("text", "")]
    return found


def write_atomically(dst: Path, text: str) -> None:
    """Write the whole file under a temporary name beside it, then rename it into place."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, dst)


def locked(command: list[str], folder: Path | None = None) -> int:
    """Run `command` (make's real build) holding <folder>/.lock (default build/.lock), so two builds of
    one folder never interleave: a second one waits, then finds what the first built up to date."""
    import fcntl
    import subprocess

    lock = Path(folder or ROOT / "build") / ".lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Another build of {lock.parent}/ is running; waiting for it to finish.", flush=True)
            fcntl.flock(held, fcntl.LOCK_EX)
        return subprocess.call(command)


class ForSharing(Preprocessor):
    """Make an executed notebook fit for a page read without a kernel.

    - A cell tagged `remove-in-html`, or an output that is an ipywidget, would be dead or blank
      without a kernel: it is replaced by a note naming the controls JupyterLab shows there
      (their labels are read from the saved widget state).
    - The saved widget state is dropped (nothing renders it offline).
    - The provenance stamp (the output helpers.stamp marks) moves to the page header.
    - A page named in the prose by its number ("*01 actors*", "What's next: *02 weapon systems*")
      becomes a link to that page (`pages`: stem of every page).
    """

    pages: list = []

    def preprocess(self, nb, resources):
        state = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        resources["workbook_stamp"] = None
        cells = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                if cell.cell_type == "markdown":
                    cell.source = link_pages(cell.source, self.pages)
                cells.append(cell)
                continue
            views = [o.data[WIDGET_VIEW].get("model_id") for o in cell.outputs if WIDGET_VIEW in o.get("data", {})]
            cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]
            for out in list(cell.outputs):
                if out.get("metadata", {}).get("workbook", {}).get("stamp"):
                    resources["workbook_stamp"] = resources["workbook_stamp"] or out.data["text/plain"].splitlines()
                    cell.outputs.remove(out)
            hidden = HIDE_IN_HTML in cell.metadata.get("tags", [])
            if views or hidden:
                labels = [label for model_id in views for label in control_labels(state, model_id)]
                note = nbformat.v4.new_markdown_cell(kernel_note(labels))
                note.id = f"{cell.get('id', 'cell')}-note"[:64]   # a fixed id keeps rebuilt pages identical
                cells.append(note)
            if not hidden:
                cells.append(cell)
        nb.cells = cells
        return nb, resources


def control_labels(state: dict, model_id: str | None) -> list[str]:
    """The descriptions of the controls inside a saved widget (a VBox of filters, say), in order."""
    model = state.get(model_id or "", {}).get("state", {})
    labels = [model["description"]] if model.get("description") else []
    for child in model.get("children", []):
        labels += control_labels(state, str(child).removeprefix("IPY_MODEL_"))
    return labels


def kernel_note(labels: list[str]) -> str:
    """The line that stands where live-kernel controls were."""
    offers = f"offers filters here: {', '.join(html.escape(label) for label in labels)}." if labels \
        else "offers interactive controls here."
    return (f"> **In JupyterLab** this notebook {offers} They need a live Python kernel, so this shared page "
            "leaves them out: type in the search box of a table to filter it instead.")


def link_pages(markdown: str, pages: list[str]) -> str:
    """Turn "*01 actors*" (a page named by its number, in emphasis) into a link to 01_actors.html."""
    by_number = {stem[:2]: stem for stem in pages}

    def link(m):
        stem = by_number.get(m.group(1))
        return f"[{m.group(0)}]({stem}.html)" if stem else m.group(0)

    return re.sub(r"(?<![\[*])\*(\d\d) [^*\n]+\*(?!\])", link, markdown)


def navigation(stem: str, notebooks: list[Path]) -> list[tuple[str, str, str]]:
    """(rel, href, label) for the index and the pages before and after `stem`, in reading order."""
    order = sorted(notebooks, key=lambda p: p.stem)
    stems = [p.stem for p in order]
    nav = [("index", "index.html", "All pages")]
    if stem in stems:
        i = stems.index(stem)
        if i > 0:
            nav.append(("prev", f"{stems[i - 1]}.html", f"\u2190 {summary(order[i - 1])[0]}"))
        if i + 1 < len(stems):
            nav.append(("next", f"{stems[i + 1]}.html", f"{summary(order[i + 1])[0]} \u2192"))
    return nav


def export_html(src: Path, dst: Path, notebooks: list[Path] | None = None) -> None:
    """Export an executed notebook to a self-contained HTML page (the `offline` template).

    `notebooks` are the source notebooks of the whole site (default: notebooks/), for the page's
    previous/next links and for turning "*01 actors*" into a link.
    """
    from nbconvert import HTMLExporter

    notebooks = sorted(notebooks or (ROOT / "notebooks").glob("*.ipynb"))
    nb = nbformat.read(src, as_version=4)
    title = title_of(nb) or src.stem
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    ForSharing.pages = [p.stem for p in notebooks]
    exporter.register_preprocessor(ForSharing, enabled=True)
    resources = {"metadata": {"name": f"{title} \u2014 {WORKBOOK}"}, "workbook_root": "",
                 "workbook_nav": navigation(src.stem, notebooks), "workbook_folder_note": shared.FOLDER_NOTE,
                 "workbook_alone_script": shared.ALONE_SCRIPT}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    full = dst.parent / TABLES / dst.stem                    # the full rows the page links to, beside it
    tmp = full.with_name(f".{full.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    if tables_of(src).is_dir():
        shutil.copytree(tables_of(src), tmp)
    replace_folder(full, tmp)
    write_atomically(dst, body)


def title_of(nb) -> str:
    """A notebook's title: its first markdown H1, without the '#'."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    lines = [ln.strip() for ln in (first.source.splitlines() if first else []) if ln.strip()]
    return lines[0].lstrip("# ").strip() if lines else ""


def summary(path: Path) -> tuple[str, str]:
    """A notebook's title (its first H1) and the one line saying what it answers."""
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    lines = [ln.strip() for ln in first.source.splitlines() if ln.strip()]
    answers = next((ln for ln in lines[1:] if not ln.startswith("#")), "")
    return title_of(nb), answers.replace("**", "")


def findings_of(executed: Path) -> dict:
    """The findings and limits an executed notebook computed (helpers.findings marks its output)."""
    if not executed.is_file():
        return {}
    for cell in nbformat.read(executed, as_version=4).cells:
        for out in cell.get("outputs", []):
            found = out.get("metadata", {}).get("workbook", {}).get("findings")
            if found:
                return found
    return {}


def index(dst: Path, notebooks: list[Path], executed: Path | None = None) -> None:
    """Write index.html: per notebook a link, the line on what it answers and its findings, each
    finding linked to the table or chart behind it; then the limits of the corpus and the article pages.

    `executed` is the folder of executed notebooks (default: build/notebooks beside build/html).
    """
    executed = executed or dst.parent.parent / "notebooks"
    sections, limits = [], []
    for nb in sorted(notebooks):
        title, answers = summary(nb)
        found = findings_of(executed / nb.name)
        items = "".join(f'<li>{html.escape(f["text"])} <a href="{html.escape(nb.stem)}.html{html.escape(f["href"])}">'
                        f'{html.escape(f.get("link", "see"))}</a></li>' for f in found.get("findings", []))
        limits = limits or found.get("corpus", [])
        sections.append(f'<section><h2><a href="{html.escape(nb.stem)}.html">{html.escape(title)}</a></h2>'
                        f'<p>{html.escape(answers)}</p>'
                        + (f'<ul class="wb-findings">{items}</ul>' if items else "") + "</section>")
    corpus = "".join(f"<li>{html.escape(line)}</li>" for line in limits)
    body = f"""<h1>{html.escape(WORKBOOK)}</h1>
<p>News coverage of Turkey's purchase of the Russian S-400 air-defence system, read page by page. Each page
opens with what was found, every count links to the table or chart behind it, and every table row to the
sentence it rests on, in its article.</p>
{f'<div class="wb-limits"><h2>The corpus</h2><ul>{corpus}</ul></div>' if corpus else ''}
{chr(10).join(sections)}
<section><h2><a href="articles/index.html">The articles</a></h2>
<p>Every article in the corpus, as the workbook reads it: catalog facts, the cleaned text in numbered
sentences with names, dates and statements marked, and what cleaning removed.</p></section>
"""
    nav = [("index.html", "All pages")] + [(f"{nb.stem}.html", summary(nb)[0]) for nb in sorted(notebooks)]
    write_atomically(dst, shared.page(WORKBOOK, body, nav))


def articles(out: Path, notebooks: list[Path], corpus: Path | None = None) -> None:
    """Write out/articles/<doc_id>.html for every article, out/articles/index.html, and out/workbook-site.js."""
    from workbook.annotate import load_corpus            # the rows of workbook.corpus, from the cache
    from workbook.show.articles import write_article_pages

    docs = load_corpus(corpus)
    ids = write_article_pages(docs, out / "articles", nav=[("../index.html", "All pages")], path=corpus)
    write_atomically(out / shared.SITE_JS, shared.site_script([p.stem for p in notebooks], ids))


def zip_site(html_dir: Path, dst: Path) -> None:
    """One zip of the pages for mailing: a folder s400-workbook/ with index.html, the pages and the articles.

    Entries are sorted and dated 1980-01-01, so two builds of the same pages give the same zip.
    """
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in html_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.relative_to(html_dir).as_posix()}", (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())
    tmp.replace(dst)


def site(notebooks: list[Path], out: Path, corpus: Path | None = None) -> Path:
    """Everything `make` builds, into another folder: out/notebooks/*.ipynb, out/html/ and the zip. Returns out/html."""
    for nb in sorted(notebooks):
        execute(nb, out / "notebooks" / nb.name, corpus)
        export_html(out / "notebooks" / nb.name, out / "html" / f"{nb.stem}.html", notebooks)
    articles(out / "html", notebooks, corpus)
    index(out / "html" / "index.html", notebooks, out / "notebooks")
    zip_site(out / "html", out / f"{ZIP_FOLDER}.zip")
    if warning := corpus_warning(corpus):
        print(warning, file=sys.stderr)
    return out / "html"


def check_corpus(folder: Path) -> str | None:
    """Why `folder` cannot be built with `make CORPUS=folder` (one line saying how to fix it), or None.

    Only the shape is checked here (a folder with articles.csv and articles/, outside build/, not
    corpus/ itself); what is wrong inside it is reported by the loader, file and row, when `make` annotates.
    """
    given, folder = folder, Path(folder).resolve()
    if not folder.exists():
        return f"CORPUS={given}: no such folder. Give the folder that holds articles.csv and articles/."
    if not folder.is_dir():
        return f"CORPUS={given}: {folder} is a file, not a folder. Give the folder that holds articles.csv and articles/."
    if folder == (ROOT / "corpus").resolve():
        return f"CORPUS={given} is the workbook's own corpus/: build it with plain `make` (into build/)."
    if folder.is_relative_to((ROOT / "build").resolve()):
        return (f"CORPUS={given} lies inside build/, which `make clean` removes: keep the corpus folder elsewhere.")
    missing = [name for name, ok in (("articles.csv", (folder / "articles.csv").is_file()),
                                     ("articles/", (folder / "articles").is_dir())) if not ok]
    if missing:
        return (f"CORPUS={given}: {folder} has no {' and no '.join(missing)}, so it is not a corpus folder. "
                "Copy corpus/ (its tables, articles.csv and articles/) and add or remove articles in the copy.")
    return None


def annotate(argv: list[str]) -> int:
    """`make annotate`: workbook.annotate's command line, with a broken corpus reported as its list of
    problems (each naming file and row) instead of a traceback."""
    from workbook import annotate as cached
    from workbook.files import CorpusError

    try:
        return cached.main(argv)
    except CorpusError as err:
        print(f"build.py: the corpus cannot be annotated, so nothing was built.\n{err}", file=sys.stderr)
        return 2


def corpus_warning(corpus: Path | None = None) -> str | None:
    """The warning lines of workbook.review (suspicious lines left in articles, aliases that may be common
    words), or None."""
    sys.path.insert(0, str(ROOT))
    from workbook.annotate import load_corpus, mentions, sentences, suspicious     # from the cache
    from workbook.review import warnings

    docs = load_corpus(corpus)
    sents = sentences(docs)
    return "\n".join(warnings(docs, corpus, sents=sents, ments=mentions(docs, corpus, sents=sents),
                              flagged=suspicious(docs, corpus))) or None


def main(argv: list[str]) -> None:
    """The command line the Makefile uses (see the module docstring)."""
    command, *args = argv or ["help"]
    corpus = None
    if command in ("execute", "articles", "index") and args[:1] == ["--corpus"] and len(args) > 1:
        corpus, args = Path(args[1]), args[2:]
    if command == "locked" and args[:1] == ["--folder"] and len(args) > 2:
        sys.exit(locked(args[2:], Path(args[1])))
    if command == "locked" and args:
        sys.exit(locked(args))
    if command == "check-corpus" and len(args) == 1:
        problem = check_corpus(Path(args[0]))
        sys.exit(f"make: {problem}" if problem else 0)
    if command == "annotate":
        sys.exit(annotate(args))
    if command == "execute" and len(args) == 2:
        try:
            execute(Path(args[0]), Path(args[1]), corpus)
        except BuildError as err:
            sys.exit(f"build.py: {err}")
    elif command == "html" and len(args) == 2:
        export_html(Path(args[0]), Path(args[1]))
    elif command == "articles" and len(args) == 1:
        articles(Path(args[0]), sorted((ROOT / "notebooks").glob("*.ipynb")), corpus)
    elif command == "index" and args:
        index(Path(args[0]), [Path(a) for a in args[1:]])
        if warning := corpus_warning(corpus):      # once per build, after the pages
            print(warning, file=sys.stderr)
    elif command == "zip" and len(args) == 2:
        zip_site(Path(args[0]), Path(args[1]))
    else:
        sys.exit(f"usage: build.py execute [--corpus DIR] SRC DST | html SRC DST | articles [--corpus DIR] DIR"
                 f" | index [--corpus DIR] DST NOTEBOOK... | zip DIR DST | locked [--folder DIR] CMD..."
                 f" | check-corpus DIR | annotate [--corpus DIR] [--workers N] [--scheduler S]"
                 f"\n(got {' '.join(argv) or 'nothing'})")


if __name__ == "__main__":
    main(sys.argv[1:])
