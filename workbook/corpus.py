"""The corpus folder and loading it: the first stage of the workbook.

Takes: a corpus folder (``corpus/`` beside helpers.py, or ``WORKBOOK_CORPUS``) holding ``articles.csv``
and ``articles/<doc_id>.txt``.
Gives: ``load_corpus`` (one validated row per article, text cleaned by `workbook.cleaning`),
``corpus_hash``.
Comes after `workbook.files`; everything else comes after it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

import pandas as pd

from .cleaning import MOST, clean, cleaning_rules
from .files import CorpusError, corpus_path, read_csv, where

REQUIRED_COLUMNS = ("doc_id", "title", "outlet", "published")
# Optional catalog columns, added empty when a catalog leaves them out (sha256 is checked only when present).
OPTIONAL_COLUMNS = ("reference_date", "outlet_kind", "dateline", "language", "translated_from", "evidence", "confidence",
                    "url", "author")
DATE_COLUMNS = ("published", "reference_date")
EARLIEST = dt.date(1677, 9, 22)            # pandas' datetime64[ns] starts on 1677-09-21
# ASCII letters, digits, "_" and "-": a file name on every system and in a URL ("ü" may be one letter in the
# catalog and two, u + a combining mark, in a file name saved on a Mac: the two would never meet)
DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,120}")


def load_corpus(path=None, cleaned=None) -> pd.DataFrame:
    """Load and validate the corpus: one row per article.

    Parameters
    ----------
    path : folder holding ``articles.csv`` and ``articles/<doc_id>.txt``
        (default: ``corpus/`` beside this file).
    cleaned : how the articles are cleaned: a function of the (raw, title) pairs and the cleaning
        rules (`cleaning_rules`) giving (text, removed) per pair, in their order. Default: `clean` on
        each; `workbook.annotate` passes one that keeps each article's result in the cache, so adding
        an article cleans that article only.

    Returns
    -------
    DataFrame with the catalog columns, ``published`` and ``reference_date``
    as datetime64, the untouched ``raw`` text, the cleaned ``text``, and
    ``removed`` (what cleaning took out, as (rule, text) pairs).

    Raises
    ------
    CorpusError listing every problem found, each naming its file or row.
    """
    folder = corpus_path(path)
    catalog_file = folder / "articles.csv"
    if not folder.is_dir():
        raise CorpusError([f"{folder}: corpus folder not found; create it with an articles.csv and an articles/ folder"])
    if not catalog_file.is_file():
        raise CorpusError([f"{catalog_file}: catalog not found; create it with the columns {', '.join(REQUIRED_COLUMNS)}"])
    catalog = read_csv(catalog_file, known=(*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, "sha256"))   # names normalised
    missing = [c for c in REQUIRED_COLUMNS if c not in catalog.columns]
    if missing:
        raise CorpusError([f"{catalog_file}: missing required column(s) {', '.join(missing)}; the header needs {', '.join(REQUIRED_COLUMNS)}"])
    if catalog.empty:
        raise CorpusError([f"{catalog_file}: the catalog has no rows; add one row per article"])
    for col in OPTIONAL_COLUMNS:
        if col not in catalog.columns:
            catalog[col] = ""

    problems: list[str] = []
    rows = []
    for i, rec in zip(catalog.index, catalog.to_dict("records")):       # the index counts blank lines too
        at = where(catalog_file, i + 2, rec["doc_id"] or "no doc_id")       # row 1 is the header
        rows.append(_check_row(rec, at, folder, problems))
    problems += _check_ids(catalog, catalog_file, folder)
    if problems:
        raise CorpusError(problems)

    docs = pd.DataFrame(rows)
    rules = cleaning_rules(folder)
    pairs = list(zip(docs["raw"], docs["title"]))
    docs["text"], docs["removed"] = zip(*(cleaned or clean_each)(pairs, rules))
    problems = [p for row in docs.itertuples() if (p := _cleaned_away(row, catalog_file))]
    if problems:
        raise CorpusError(problems)
    for col in DATE_COLUMNS:
        docs[col] = pd.to_datetime(docs[col]).astype("datetime64[ns]")
    docs["chars_raw"] = docs["raw"].str.len()
    docs["chars_clean"] = docs["text"].str.len()
    return docs.sort_values(["published", "doc_id"], ignore_index=True)


def clean_each(pairs: list[tuple[str, str]], rules: pd.DataFrame) -> list[tuple[str, tuple]]:
    """(text, removed) of `clean` for each (raw, title) pair."""
    return [clean(raw, rules, title) for raw, title in pairs]


def _check_row(rec: dict, at: str, folder: Path, problems: list[str]) -> dict:
    """Validate one catalog row and its file; append problems; return the row with text."""
    rec = {k: v.strip() for k, v in rec.items()}
    for col in REQUIRED_COLUMNS:
        if not rec[col]:
            problems.append(f"{at}: '{col}' is empty; fill it in")
    rec["reference_date"] = rec["reference_date"] or rec["published"]
    for col in DATE_COLUMNS:
        if rec[col]:
            if wrong := date_problem(rec[col], col):
                problems.append(f"{at}: {wrong}")
    if not _problems_about(at, problems) and rec["reference_date"] > rec["published"]:
        problems.append(f"{at}: reference_date {rec['reference_date']} is after published {rec['published']}; "
                        "an article can only count 'last week' from a day up to its publication")
    doc_id = rec["doc_id"]
    rec["raw"] = ""
    if not doc_id or not _plain_name(doc_id):
        return rec
    file = folder / "articles" / f"{doc_id}.txt"
    try:
        st = os.lstat(file)          # the name itself: a file that is not a link lies inside articles/ (its name does)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        problems.append(f"{at}: {file} is a link to {file.resolve()}; the corpus reads only files inside "
                        f"{folder / 'articles'}: copy the article's text into the file itself")
        return rec
    if st is not None and not stat.S_ISREG(st.st_mode):
        problems.append(f"{at}: {file} is not a plain file (a folder, a pipe or a device); put the article's text "
                        "in a text file of that name")
        return rec
    if st is None:
        problems.append(f"{at}: no text file {file}; add it or remove the row")
        return rec
    if (links := st.st_nlink) > 1:
        problems.append(f"{at}: {file} is a hard link ({links} names for one file on disk), so its text may "
                        "come from outside the corpus; copy the text into a file of its own (cp FILE NEW; mv NEW FILE)")
        return rec
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if "sha256" in rec and rec["sha256"].lower() != digest:       # a hash in capitals is the same hash
        problems.append(f"{at}: sha256 does not match {file.name}; if the change is intended, "
                        f"set sha256 to {digest}")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{file}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                        "re-save the file as UTF-8")
        return rec
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw = unicodedata.normalize("NFC", raw)      # "ş" typed as s + combining cedilla is the same letter
    if not raw.strip():
        problems.append(f"{file}: the text is empty; paste the article or remove the row")
        return rec
    rec["raw"] = raw
    return rec


def _cleaned_away(row, catalog_file: Path) -> str:
    """A problem when cleaning emptied an article or one rule took most of its words, else ''."""
    total = max(len(row.raw.split()), 1)
    taken: dict[str, int] = {}
    for rule, text in row.removed:
        taken[rule] = taken.get(rule, 0) + len(text.split())
    rule, n = max(taken.items(), key=lambda kv: kv[1], default=("", 0))
    if row.text.strip() and n <= MOST * total:
        return ""
    return (f"{catalog_file.parent / 'articles' / (row.doc_id + '.txt')}: cleaning rule '{rule}' removes {n} of its "
            f"{total} words{' and leaves nothing' if not row.text.strip() else ''}; a rule should take furniture, "
            "not reporting: narrow its pattern (or its max_words) in boilerplate.csv or furniture.csv")


def _problems_about(at: str, problems: list[str]) -> bool:
    """True when a problem has already been reported for this row."""
    return any(p.startswith(at) for p in problems)


def date_problem(value: str, col: str) -> str:
    """What is wrong with a catalog date (not YYYY-MM-DD, in the future, before pandas' calendar), or ''."""
    try:
        day = dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        day = None
    if day is None:
        return f"{col} '{value}' is not a date; write it as YYYY-MM-DD"
    if day > dt.date.today():
        return f"{col} {value} lies in the future"
    if day < EARLIEST:
        return (f"{col} {value} lies before {EARLIEST}, the first day the workbook's calendar "
                "(pandas timestamps) holds; check the year")
    return ""


def _plain_name(doc_id: str) -> bool:
    return DOC_ID.fullmatch(doc_id) is not None


def _check_ids(catalog: pd.DataFrame, catalog_file: Path, folder: Path) -> list[str]:
    """Catalog-wide checks: bad or duplicate ids, text files without a row."""
    problems = []
    ids = catalog["doc_id"].str.strip()
    for i, doc_id in ids.items():
        if doc_id and not _plain_name(doc_id):
            problems.append(f"{where(catalog_file, i + 2)}: doc_id {doc_id!r} must be a plain name of at most 120 "
                            "letters, digits, '_' and '-' (ASCII: no accents, spaces, dots, '/', '%'); rename the text file and the row")
    for doc_id, n in ids[ids.duplicated(keep=False)].value_counts().items():
        rows = ", ".join(str(i + 2) for i in ids.index[ids == doc_id])
        problems.append(f"{catalog_file} rows {rows}: doc_id '{doc_id}' appears {n} times; keep one row per article")
    articles = folder / "articles"
    if not articles.is_dir():
        problems.append(f"{articles}: folder not found; put each article there as <doc_id>.txt")
        return problems
    known = set(ids)                       # once: a set per file made loading grow with the square of the corpus
    for file in sorted(articles.glob("*.txt")):
        if file.stem in known:
            continue                           # its row's check says what is wrong with it, if anything
        if not file.is_file() and not file.is_symlink():
            problems.append(f"{file}: not a plain file (a folder, a pipe or a device); remove it from {articles}")
        elif not _plain_name(file.stem):
            problems.append(f"{file}: the name is no doc_id (ASCII letters, digits, '_' and '-', at most 120); "
                            "rename the file, and give its row the same doc_id")
        else:
            problems.append(f"{file}: no row in {catalog_file.name}; add a row with doc_id '{file.stem}'")
    return problems


def corpus_files(path=None) -> list[Path]:
    """Every input a result depends on: the tables of the corpus folder and the article files."""
    folder = corpus_path(path)
    files = [*sorted(folder.glob("*.csv")), *sorted((folder / "articles").glob("*.txt"))]
    return [f for f in files if f.is_file() and not f.is_symlink()]   # never a pipe (reading one waits for ever)


def corpus_hash(path=None) -> str:
    """sha256 over every table in the corpus folder (catalog, knowledge tables, cleaning rules)
    and every article file: names the state of the inputs a result came from."""
    h = hashlib.sha256()
    for file in corpus_files(path):
        h.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()
