"""Build the workbook: execute notebooks, export HTML, write the index.

Used by the Makefile; each step is one sub-command so make can skip what is up to date.

    python tools/build.py execute notebooks/00_corpus.ipynb build/notebooks/00_corpus.ipynb
    python tools/build.py html build/notebooks/00_corpus.ipynb build/html/00_corpus.html
    python tools/build.py index build/html/index.html notebooks/*.ipynb   (then warns, in one line, of
                                                                           suspicious lines left in articles)

To run the notebooks against another corpus folder (a copy with extra articles, say), give
``execute`` the folder: ``python tools/build.py execute --corpus /path/to/corpus SRC DST``.
It reaches the kernel as the environment variable WORKBOOK_CORPUS (read in helpers.py, section 1);
write such builds outside build/, which `make` keeps for corpus/.

The HTML is made to be mailed: it uses the `offline` template (tools/templates/offline), which
loads nothing from the network, and it replaces every live-kernel control with a line saying what
it lets you filter in JupyterLab (see `ForSharing`).
"""
from __future__ import annotations

import hashlib
import html
import os
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from clean_notebook import canonical  # noqa: E402

from workbook.corpus import corpus_files  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
HIDE_IN_HTML = "remove-in-html"   # cell tag: live-kernel controls that would be dead in a shared page
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


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
    with tempfile.TemporaryDirectory() as sockets:
        # Unix sockets in a private folder: kernels started side by side cannot take each other's
        # TCP ports (a lost message hangs a run until the timeout).
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        NotebookClient(nb, km=km, timeout=300, coalesce_streams=True,   # one stdout block however the kernel flushed it
                       resources={"metadata": {"path": str(src.parent)}}).execute(env=env)
    changed = sorted(name for name in before.keys() | inputs(folder).keys() if before.get(name) != inputs(folder).get(name))
    if changed:
        raise BuildError(f"{src.name}: {', '.join(changed[:5])} changed while the notebook ran, so its results "
                         "may mix two states of the corpus; nothing was written. Run make again.")
    failed = [f"cell {i}: {failure}" for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for failure in failures(cell.outputs)]
    if failed:
        raise BuildError(f"{src.name}: an output failed, so the page is not written: {'; '.join(failed[:3])}")
    write_atomically(dst, nbformat.writes(nb) + "\n")


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


def locked(command: list[str]) -> int:
    """Run `command` (make's real build) holding build/.lock, so two builds never interleave:
    a second one waits, then finds what the first built up to date."""
    import fcntl
    import subprocess

    lock = ROOT / "build" / ".lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build of build/ is running; waiting for it to finish.", flush=True)
            fcntl.flock(held, fcntl.LOCK_EX)
        return subprocess.call(command)


class ForSharing(Preprocessor):
    """Make an executed notebook fit for a page read without a kernel.

    - A cell tagged `remove-in-html`, or an output that is an ipywidget, would be dead or blank
      without a kernel: it is replaced by a note naming the controls JupyterLab shows there
      (their labels are read from the saved widget state).
    - The saved widget state is dropped (nothing renders it offline).
    - The provenance stamp (the output helpers.stamp marks) moves to the page header.
    """

    def preprocess(self, nb, resources):
        state = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        resources["workbook_stamp"] = None
        cells = []
        for cell in nb.cells:
            if cell.cell_type != "code":
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


def export_html(src: Path, dst: Path) -> None:
    """Export an executed notebook to a self-contained HTML page (the `offline` template)."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(src, as_version=4)
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(ForSharing, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    write_atomically(dst, body)


def summary(path: Path) -> tuple[str, str]:
    """A notebook's title (its first H1) and the one line saying what it answers."""
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    lines = [ln.strip() for ln in first.source.splitlines() if ln.strip()]
    title = lines[0].lstrip("# ").strip()
    answers = next((ln for ln in lines[1:] if not ln.startswith("#")), "")
    return title, answers.replace("**", "")


def index(dst: Path, notebooks: list[Path]) -> None:
    """Write index.html: one link per notebook with the line on what it answers."""
    items = []
    for nb in sorted(notebooks):
        title, answers = summary(nb)
        items.append(f'<li><a href="{html.escape(nb.stem)}.html">{html.escape(title)}</a>'
                     f"<br><span>{html.escape(answers)}</span></li>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>S-400 research workbook</title>
<style>body{{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}}li{{margin:0 0 1em}}span{{color:#444}}</style>
</head><body>
<h1>S-400 research workbook</h1>
<p>News coverage of Turkey's purchase of the Russian S-400 air-defence system, read notebook by notebook.
Each page works offline; every count leads back to the sentences behind it.</p>
<ol>
{chr(10).join(items)}
</ol>
</body></html>
"""
    write_atomically(dst, page)


def site(notebooks: list[Path], out: Path, corpus: Path | None = None) -> Path:
    """Everything `make` builds, into another folder: out/notebooks/*.ipynb and out/html/. Returns out/html."""
    for nb in sorted(notebooks):
        execute(nb, out / "notebooks" / nb.name, corpus)
        export_html(out / "notebooks" / nb.name, out / "html" / f"{nb.stem}.html")
    index(out / "html" / "index.html", notebooks)
    if warning := corpus_warning(corpus):
        print(warning, file=sys.stderr)
    return out / "html"


def corpus_warning(corpus: Path | None = None) -> str | None:
    """The one line saying which articles still hold suspicious lines (see workbook.review), or None."""
    sys.path.insert(0, str(ROOT))
    from workbook.corpus import load_corpus
    from workbook.review import warning_line

    return warning_line(load_corpus(corpus), corpus)


def main(argv: list[str]) -> None:
    """The command line the Makefile uses (see the module docstring)."""
    command, *args = argv or ["help"]
    corpus = None
    if command == "execute" and args[:1] == ["--corpus"]:
        corpus, args = Path(args[1]), args[2:]
    if command == "locked" and args:
        sys.exit(locked(args))
    if command == "execute" and len(args) == 2:
        try:
            execute(Path(args[0]), Path(args[1]), corpus)
        except BuildError as err:
            sys.exit(f"build.py: {err}")
    elif command == "html" and len(args) == 2:
        export_html(Path(args[0]), Path(args[1]))
    elif command == "index" and args:
        index(Path(args[0]), [Path(a) for a in args[1:]])
        if warning := corpus_warning():            # once per build, after the pages
            print(warning, file=sys.stderr)
    else:
        sys.exit(f"usage: build.py execute [--corpus DIR] SRC DST | html SRC DST | index DST NOTEBOOK... | locked CMD...\n"
                 f"(got {' '.join(argv) or 'nothing'})")


if __name__ == "__main__":
    main(sys.argv[1:])
