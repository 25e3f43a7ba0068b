"""Build the workbook: execute notebooks, export HTML, write the index.

Used by the Makefile; each step is one sub-command so make can skip what is up to date.

    python tools/build.py execute notebooks/00_corpus.ipynb build/notebooks/00_corpus.ipynb
    python tools/build.py html build/notebooks/00_corpus.ipynb build/html/00_corpus.html
    python tools/build.py index build/html/index.html notebooks/*.ipynb
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
HIDE_IN_HTML = "remove-in-html"   # cell tag: live-kernel controls that would be dead in a shared page


def execute(src: Path, dst: Path) -> None:
    """Run a notebook top to bottom in a fresh kernel (cwd = notebooks/) and save the executed copy."""
    from nbclient import NotebookClient

    nb = nbformat.read(src, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(src.parent)}}).execute()
    dst.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dst)


def export_html(src: Path, dst: Path) -> None:
    """Export an executed notebook to HTML with the lab template, without live-kernel controls."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(src, as_version=4)
    exporter = HTMLExporter(template_name="lab")
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={HIDE_IN_HTML}, enabled=True), enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(body, encoding="utf-8")


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
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "execute":
        execute(Path(args[0]), Path(args[1]))
    elif command == "html":
        export_html(Path(args[0]), Path(args[1]))
    elif command == "index":
        index(Path(args[0]), [Path(a) for a in args[1:]])
    else:
        sys.exit(f"unknown command {command!r}; use execute, html or index")
