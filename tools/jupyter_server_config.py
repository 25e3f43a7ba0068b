"""JupyterLab's settings for `make lab`: notebooks are saved in their clean form.

Every save of a notebook under notebooks/ goes through `clean_notebook.canonical` first: outputs and
execution counts stay in the browser tab and in build/, never in the committed files, so a lab session
leaves `git status` clean. (Outputs of a session are not kept on disk; `make` writes the executed
notebooks and pages to build/.)
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clean_notebook import canonical  # noqa: E402

NOTEBOOKS = "notebooks"


def save_clean(model, path, contents_manager, **kwargs):
    """Pre-save hook: the clean form for notebooks under notebooks/; anything else as it is."""
    if model.get("type") == "notebook" and model.get("content") and Path(path).parts[:1] == (NOTEBOOKS,):
        canonical(model["content"])


c = get_config()  # noqa: F821  (provided by Jupyter when it reads this file)
c.FileContentsManager.pre_save_hook = save_clean
