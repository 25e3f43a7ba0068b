"""Where the corpus is, how its tables are read, and how a problem is reported.

Takes: nothing but the environment (``WORKBOOK_CORPUS`` names another corpus folder).
Gives: ``ROOT`` (the repository), ``CORPUS`` (the default corpus folder), ``CorpusError`` (every problem
at once, each naming its file and row), ``corpus_path``, ``table_file`` and ``read_table`` for the
tables of ``corpus/``, and ``where`` (file and row, the same in every message). Every other module of the workbook comes after it.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pandas as pd
import regex

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
    """Read a table of the corpus folder (`read_csv`); CorpusError if it is missing columns."""
    return read_csv(table_file(name, path), required)


def read_csv(file: Path, required=(), known=()) -> pd.DataFrame:
    """Read a CSV table of the corpus as stripped strings, or raise CorpusError naming the file.

    Column names are normalised (case, surrounding spaces, inner spaces as "_"), so "SHA256 " is
    sha256; a name that only nearly matches a column the table needs (`required`) or knows (`known`)
    is refused by name, and so is a name given twice. A row that does not parse, or bytes that are
    not UTF-8, are reported with the line they are on. Cells are read as the cleaned text writes them
    (`_as_text_reads`: NFC, no invisible marks, a no-break space as a space).
    """
    import csv
    import difflib

    try:
        with open(file, encoding="utf-8-sig", newline="") as f:     # "-sig": a spreadsheet's BOM is no column name
            header = next(csv.reader(f), [])
        table = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=False)
    except UnicodeDecodeError as exc:
        line = file.read_bytes()[:exc.start].count(b"\n") + 1
        raise CorpusError([f"{where(file, line)}: not UTF-8 (byte {exc.start}); re-save the file as UTF-8"]) from exc
    except pd.errors.EmptyDataError as exc:
        raise CorpusError([f"{file}: the file is empty; it needs at least its header row"]) from exc
    except (pd.errors.ParserError, csv.Error) as exc:
        fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if fields:
            want, line, saw = fields.groups()
            raise CorpusError([f"{where(file, int(line))}: {saw} cells where the header has {want}; a cell holding a "
                               "comma needs double quotes around it (\"Ankara, Turkey\"), or remove the extra "
                               "comma"]) from exc
        raise CorpusError([f"{file}: cannot be read as CSV ({' '.join(str(exc).split())}); check the quotes and "
                           "commas of that line"]) from exc
    # A blank line is no row, but it keeps its number: row N of a message is row N of the spreadsheet.
    table = table[(table != "").any(axis=1)] if len(table.columns) else table
    names = [" ".join(str(h).split()).lower().replace(" ", "_") for h in header]
    wanted = list(dict.fromkeys([*required, *known]))
    problems = [f"{file}: column '{n}' appears {names.count(n)} times in the header; keep one"
                for n in dict.fromkeys(names) if names.count(n) > 1]
    for raw, n in zip(header, names):
        near = difflib.get_close_matches(n, wanted, n=1, cutoff=0.8) if n not in wanted else []
        if near:
            problems.append(f"{file}: column '{raw}' is not a column of this table; did you mean '{near[0]}'? "
                            "Rename it in the header")
    missing = [c for c in required if c not in names]
    if missing:
        problems.append(f"{file}: missing column(s) {', '.join(missing)}")
    if problems:
        raise CorpusError(problems)
    table.columns = names
    return table.apply(lambda col: col.map(_as_text_reads).str.strip())


_INVISIBLE = regex.compile(r"\p{Cf}")         # the invisible format characters cleaning removes from the text


def _as_text_reads(cell: str) -> str:
    """A cell as the cleaned text writes it (workbook.cleaning): NFC ("ğ" typed as g + combining breve is one
    letter), without zero-width and direction marks, a no-break space as a space; so an alias or a quote
    copied from a page with them still matches the article."""
    if cell.isascii():
        return cell
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", cell)).replace("\u00a0", " ")
