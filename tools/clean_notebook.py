"""The one clean form of a notebook: what `notebooks/` holds, whatever a session saved.

Outputs and execution counts go, cell metadata keeps only `tags` (`remove-in-html` matters to the
export), the notebook metadata only the kernel and language. Written as `nbformat.writes` does,
with a final newline, so the form is byte for byte the same after any number of saves.

Used by three callers: JupyterLab's save hook (`tools/jupyter_server_config.py`, so a lab session
never writes outputs into `notebooks/`), the build (`tools/build.py execute` runs the clean form,
so a notebook saved with outputs builds the same pages), and the tests (committed notebooks are clean).

    python tools/clean_notebook.py notebooks/*.ipynb            rewrite in the clean form
    python tools/clean_notebook.py --check notebooks/*.ipynb    exit 1 and name the files that are not
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

CELL_METADATA = ("tags",)
NOTEBOOK_METADATA = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}}


def canonical(nb: dict) -> dict:
    """Clean a notebook (an nbformat node or the plain dict a save sends) in place, and return it."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA and v}
    nb["metadata"] = {k: v for k, v in NOTEBOOK_METADATA.items()}
    return nb


def canonical_text(path: Path) -> str:
    """The clean form of the notebook at `path`, as its file should read."""
    return nbformat.writes(canonical(nbformat.read(path, as_version=4))) + "\n"


def main(args: list[str]) -> int:
    check = "--check" in args
    unclean = []
    for name in (a for a in args if a != "--check"):
        path = Path(name)
        text = canonical_text(path)
        if path.read_text(encoding="utf-8") != text:
            unclean.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in unclean:
        print(f"{path}: {'not in the clean form; run python tools/clean_notebook.py ' + str(path) if check else 'cleaned'}")
    return 1 if check and unclean else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
