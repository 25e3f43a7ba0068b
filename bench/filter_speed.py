"""How long a filter panel takes to redraw in JupyterLab, for every panel of every notebook.

    python bench/filter_speed.py --corpus DIR [--notebooks 01_actors 04_chronology] [--repeat 3]

Takes: a corpus folder (annotated through the cache: set WORKBOOK_CACHE to reuse one; `bench/scale.py N
--keep DIR` writes synthetic corpora of N articles), the notebooks of notebooks/.
Gives: one row per change of a control: notebook, panel (its number in the notebook), control, rows
the change keeps of the panel's rows, seconds of the redraw (the median of --repeat changes), and the
slowest redraw per notebook.

Each notebook's own cells run in an IPython shell in this process (cwd notebooks/, the corpus as
`make CORPUS=` gives it, as in the lab: no page bounds, figures drawn to PNG by matplotlib's inline
backend when shown), with `helpers.filter_panel` recording each panel
it builds. Then every control of every panel is changed the way a reader changes it (one outlet
instead of all, the middle of a date range, the first name of a dropdown, a word in the text box) and
back, and each change is timed: `filter_rows` and the panel's display of the rows it keeps, as a
reader waits for it (the widgets' drawing in the browser aside). Figures belong here, never in tests.
Comes after every stage and `workbook.show`; nothing comes after it.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def panels_of(notebook: Path, corpus: Path) -> list:
    """Run a notebook's code cells here; the filter panels it built (ipywidgets VBoxes), in order."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell

    os.environ["WORKBOOK_CORPUS"] = str(corpus)
    os.environ.pop("WORKBOOK_TABLES", None)               # the lab: no page bounds
    sys.path.insert(0, str(ROOT))
    import helpers

    built, original = [], helpers.filter_panel

    def recording(*args, **kwargs):
        box = original(*args, **kwargs)
        built.append(box)
        return box

    helpers.filter_panel = recording
    shell = InteractiveShell.instance()
    import matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    inline = "module://matplotlib_inline.backend_inline"     # figures drawn to PNG when shown, as in the lab
    matplotlib.use(inline)
    matplotlib.interactive(True)                           # as a kernel has it: each cell's figures shown, then closed
    configure_inline_support(shell, inline)
    here = os.getcwd()
    os.chdir(notebook.parent)
    try:
        for i, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
            if cell.cell_type != "code":
                continue
            with contextlib.redirect_stdout(io.StringIO()):
                result = shell.run_cell(cell.source, store_history=False)   # post-execute hooks run: figures shown and closed
            if not result.success:
                raise SystemExit(f"{notebook.name}: cell {i} failed: {result.error_in_exec or result.error_before_exec!r}")
    finally:
        os.chdir(here)
        helpers.filter_panel = original
    return built


def changes(box) -> list[tuple[str, object, object, object]]:
    """(label, control, a reader's value, the value to go back to) for each control of a panel."""
    import ipywidgets as w

    out = []
    for c in _controls(box):
        if isinstance(c, w.SelectMultiple) and len(c.options) > 1:
            out.append((f"outlets: {c.options[0]!s:.30}", c, (c.options[0],), c.value))
        elif isinstance(c, w.SelectionRangeSlider) and len(c.options) > 3:
            n = len(c.options)
            out.append((f"{c.description}: middle half", c, (c.options[n // 4][1], c.options[3 * n // 4][1]), c.value))
        elif isinstance(c, w.Dropdown) and len(c.options) > 1:
            value = max(c.options[1:], key=lambda o: _count(o[0]))[1]       # the name with the most rows
            out.append((f"{c.description}: {value!s:.30}", c, value, c.value))
        elif isinstance(c, w.Text):
            out.append((f"{c.description}: 'deliver'", c, "deliver", c.value))
    return out


def _count(label: str) -> int:
    try:
        return int(label.rsplit("(", 1)[1].rstrip(")"))
    except (IndexError, ValueError):
        return 0


def _controls(box):
    for c in getattr(box, "children", ()):
        yield from _controls(c) if getattr(c, "children", None) else [c]


def status_rows(box) -> str:
    import ipywidgets as w

    found = [c.value for c in _controls(box) if isinstance(c, w.HTML) and "rows match" in c.value]
    return found[-1].replace("<b>", "").replace("</b>", "").replace(" rows match.", "") if found else "?"


def measure(notebooks: list[Path], corpus: Path, repeat: int) -> list[dict]:
    rows = []
    for nb in notebooks:
        t0 = time.perf_counter()
        panels = panels_of(nb, corpus)
        print(f"{nb.stem}: ran in {time.perf_counter() - t0:.1f} s, {len(panels)} panel(s)", file=sys.stderr)
        for p, box in enumerate(panels, 1):
            for label, control, value, back in changes(box):
                took = []
                for _ in range(repeat):
                    with contextlib.redirect_stdout(io.StringIO()):
                        t = time.perf_counter()
                        control.value = value
                        took.append(time.perf_counter() - t)
                        kept = status_rows(box)
                        control.value = back
                rows.append({"notebook": nb.stem, "panel": p, "control": label, "rows": kept,
                             "seconds": statistics.median(took)})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--notebooks", nargs="*", help="notebook names (default: every notebook)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.notebooks:
        notebooks = [nb for nb in notebooks if nb.stem in args.notebooks]
    rows = measure(notebooks, args.corpus.resolve(), args.repeat)
    print(f"\n{' '.join(sys.argv)}   (load average {os.getloadavg()[0]:.1f} at the end)")
    print("| notebook | panel | control changed | rows kept | redraw |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['notebook']} | {r['panel']} | {r['control']} | {r['rows']} | {r['seconds'] * 1000:.0f} ms |")
    for nb in dict.fromkeys(r["notebook"] for r in rows):
        worst = max((r for r in rows if r["notebook"] == nb), key=lambda r: r["seconds"])
        print(f"slowest in {nb}: {worst['seconds'] * 1000:.0f} ms ({worst['control']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
