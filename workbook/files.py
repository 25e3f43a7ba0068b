"""Where the corpus is, how its tables are read, and how a problem is reported.

Takes: nothing but the environment (``WORKBOOK_CORPUS`` names another corpus folder).
Gives: ``ROOT`` (the repository), ``CORPUS`` (the default corpus folder), ``CorpusError`` (every problem
at once, each naming its file and row), ``corpus_path``, ``table_file`` and ``read_table`` for the
tables of ``corpus/``, and ``where`` (file and row, the same in every message). Every other module of the workbook comes after it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent        # the repository: helpers.py, corpus/, notebooks/
# The corpus folder: corpus/ at the repository root, unless a build points elsewhere
# (tools/build.py execute --corpus DIR sets WORKBOOK_CORPUS, e.g. for a test copy).
CORPUS = Path(os.environ.get("WORKBOOK_CORPUS") or ROOT / "corpus")


class CorpusError(ValueError):
    """The corpus cannot be loaded; `problems` lists every reason at once."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the corpus:\n{lines}")


def where(file: Path, line: int | None = None, label: str = "") -> str:
    """How every problem names its place: "<file> row <line> (<label>)". `line` is the row's line in
    the CSV file as a spreadsheet shows it (the header is row 1)."""
    return f"{file}" + (f" row {line}" if line is not None else "") + (f" ({label})" if label else "")


def corpus_path(path=None) -> Path:
    return Path(path) if path is not None else CORPUS


def table_file(name: str, path=None) -> Path:
    """A table of the corpus folder (knowledge or cleaning rules); CorpusError when it is missing."""
    file = corpus_path(path) / name
    if not file.is_file():
        raise CorpusError([f"{file}: table not found; copy it from the workbook's corpus/ folder"])
    return file


def read_table(name: str, path=None, required=()) -> pd.DataFrame:
    """Read a knowledge table as strings; CorpusError if it is missing columns."""
    file = table_file(name, path)
    table = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise CorpusError([f"{file}: missing column(s) {', '.join(missing)}"])
    return table.apply(lambda col: col.str.strip())
