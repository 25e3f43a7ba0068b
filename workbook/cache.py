"""The annotation cache: tables stored as Parquet files under ``build/cache/``, keyed by what made them.

Takes: the loaded corpus (`workbook.corpus.load_corpus`), the folder of its knowledge tables, and the
tables the annotation stages return (any pandas DataFrame).
Gives: the keys (``code_key``: every module of ``workbook/`` and the versions of the packages the
stages run on; ``knowledge_key``: every table of the corpus folder but the catalog; ``article_keys``:
one per article, from its catalog row and cleaned text; ``corpus_key``), and ``Cache``, a folder
that stores two kinds of file:

- *parts*: rows of one stage for a set of articles, in files that name the articles they cover
  (even those that gave no row), so adding an article writes one more small file;
- *wholes*: a table for a whole corpus (a corpus-wide step), one file per key.

Every file is named by the sha256 of its bytes and checked against it when read; a file that does
not match, does not parse or disagrees with its own record is ignored and removed, never trusted, and
whatever it held is computed again. Files are written to a temporary name and renamed, so a build
that stops half-way leaves no partial file. `workbook.annotate` decides what goes in; it comes after
every annotation stage.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from .files import ROOT, corpus_path

FORMAT = 1                                  # bump when the file layout changes
CACHE = Path(os.environ.get("WORKBOOK_CACHE") or ROOT / "build" / "cache")
# The packages whose behaviour the annotation results depend on (a new version may split or match differently).
PACKAGES = ("pandas", "numpy", "sentencex", "pyahocorasick", "pyarrow")


def _sha(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for c in chunks:
        h.update(c)
        h.update(b"\0")
    return h.hexdigest()


def _code_key(root: Path = ROOT) -> str:
    files = sorted((root / "workbook").rglob("*.py"))
    parts = [f"{f.relative_to(root)}".encode() + b"\0" + f.read_bytes() for f in files]
    for p in PACKAGES:
        try:
            parts.append(f"{p}=={version(p)}".encode())
        except PackageNotFoundError:
            parts.append(f"{p} missing".encode())
    return _sha(f"format {FORMAT}".encode(), *parts)


# Read once, when the workbook is imported: the code that is running, not a file edited since.
CODE_KEY = _code_key()


def code_key() -> str:
    """sha256 over every module of workbook/ (as imported) and the versions of `PACKAGES`."""
    return CODE_KEY


def knowledge_key(path=None) -> str:
    """sha256 over every table of the corpus folder except the catalog (entities, aliases, relation
    types, cited tables, cleaning rules, and any table added later): what the stages know."""
    folder = corpus_path(path)
    return _sha(*(f.name.encode() + b"\0" + f.read_bytes()
                  for f in sorted(folder.glob("*.csv")) if f.name != "articles.csv"))


# Columns of load_corpus that follow from the others (the raw text and what cleaning removed are in `text`).
_NOT_KEYED = ("raw", "removed", "chars_raw", "chars_clean")


def article_keys(docs: pd.DataFrame) -> list[str]:
    """One key per article: sha256 over its catalog row (doc_id, outlet, dates, reference_date, ...)
    and its cleaned text. Any edit of the row or the text gives the article a new key."""
    cols = sorted(c for c in docs.columns if c not in _NOT_KEYED)
    values = [docs[c].tolist() for c in cols]
    head = "\0".join(cols).encode()
    return [_sha(head, *(_as_bytes(v) for v in row)) for row in zip(*values)]


def _as_bytes(value) -> bytes:
    """A cell as bytes for a key: text as it is, anything else (a date, a number, a missing value) as
    its repr after a marker, so the text "nan" and a missing value differ."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return b"\x01" + repr(value).encode()


def text_key(title: str, raw: str) -> str:
    """The key of one article's cleaning: its title and raw text."""
    return _sha(_as_bytes(title), _as_bytes(raw))


def probe_key(article_key: str, common: list[str]) -> str:
    """The key of an article's name occurrences: the article's key and those of the words its names
    look up (`NameRules.probe_words`) that the corpus writes in lower case."""
    return _sha(article_key.encode(), " ".join(common).encode("utf-8", "surrogatepass"))


def input_key(article_key: str, data: bytes) -> str:
    """The key of an article's rows of a stage that also reads something of the whole corpus: the
    article's key and a digest of what it reads (`workbook.annotate.INPUTS`)."""
    return _sha(article_key.encode(), data)


def rules_key(rules: pd.DataFrame) -> str:
    """sha256 over the cleaning rules as loaded (`workbook.cleaning.cleaning_rules`): each rule's
    name, action, pattern with its definitions expanded, and max_words, in order."""
    return _sha(*(f"{r}\0{a}\0{x.compiled.pattern}\0{m}".encode("utf-8", "surrogatepass")
                  for r, a, x, m in zip(rules["rule"], rules["action"], rules["regex"], rules["max_words"])))


def corpus_key(context: str, keys: list[str]) -> str:
    """The key of a corpus-wide result: its context and the articles, in order."""
    return _sha(context.encode(), "\n".join(keys).encode())


# ---- tables as Parquet bytes, with the exact pandas dtypes restored --------------------------------------------

def _json_default(value):
    raise TypeError(f"cannot store {type(value).__name__} in the cache")


def _encode_object(values) -> list:
    """An object column for Parquet: strings and None as they are, anything else (lists of tuples,
    as `removed`) as JSON that keeps tuples apart from lists."""
    def enc(v):
        if isinstance(v, tuple):
            return {"t": [enc(x) for x in v]}
        if isinstance(v, list):
            return [enc(x) for x in v]
        return v

    return [None if v is None else json.dumps(enc(v), default=_json_default) for v in values]


def _decode_object(values) -> list:
    def dec(v):
        if isinstance(v, dict):
            return tuple(dec(x) for x in v["t"])
        if isinstance(v, list):
            return [dec(x) for x in v]
        return v

    return [None if v is None else dec(json.loads(v)) for v in values]


def to_parquet(table: pd.DataFrame, record: dict) -> bytes:
    """The table as Parquet bytes; `record` (and each column's pandas dtype) goes in the file's metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = table.reset_index(drop=True)
    dtypes, encoded = {}, {}
    for col in table.columns:
        dtype = table[col].dtype
        if dtype == object and not all(v is None or isinstance(v, str) for v in table[col]):
            encoded[col] = pa.array(_encode_object(table[col].tolist()), type=pa.string())
            dtypes[col] = "json"
        else:
            dtypes[col] = str(dtype)
    arrow = pa.Table.from_pandas(table.drop(columns=list(encoded)), preserve_index=False)
    for col, arr in encoded.items():
        arrow = arrow.append_column(col, arr)
    arrow = arrow.select(list(map(str, table.columns)))
    meta = dict(arrow.schema.metadata or {})
    meta[b"workbook"] = json.dumps({**record, "format": FORMAT, "columns": list(map(str, table.columns)),
                                    "dtypes": dtypes, "rows": len(table)}).encode()
    buf = io.BytesIO()
    pq.write_table(arrow.replace_schema_metadata(meta), buf)
    return buf.getvalue()


def read_record(data: bytes) -> tuple[dict, object]:
    """(record, arrow table) of Parquet bytes written by `to_parquet`; ValueError when they do not fit."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pq.read_table(pa.BufferReader(data))
    record = json.loads((arrow.schema.metadata or {}).get(b"workbook", b"null"))
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("rows") != arrow.num_rows \
            or record.get("columns") != arrow.column_names:
        raise ValueError("not a cache file of this format, or its record disagrees with its rows")
    return record, arrow


def to_frame(arrow, record: dict) -> pd.DataFrame:
    """The pandas table of an arrow table read by `read_record`, each column in its recorded dtype."""
    dtypes = record["dtypes"]
    columns = {}
    for col in record["columns"]:
        data = arrow.column(col)
        if dtypes[col] in ("json", "object"):
            values = data.to_numpy() if data.num_chunks else np.array([], dtype=object)
            values = _decode_object(values.tolist()) if dtypes[col] == "json" else values.astype(object)
            columns[col] = pd.Series(values, dtype=object)
        else:
            series = arrow.select([col]).to_pandas()[col]
            dtype = pd.api.types.pandas_dtype(dtypes[col])
            columns[col] = series if series.dtype == dtype else series.astype(dtype)
    return pd.DataFrame(columns, index=pd.RangeIndex(arrow.num_rows))


def part_bytes(stage: str, keys: list[str], doc_ids: list[str], table: pd.DataFrame) -> bytes:
    """A part file's bytes: `table` (rows of `stage` for the articles `doc_ids`, whose keys are `keys`).

    The rows are put in article order, each article's rows kept in their order, so a reader can take
    any article's rows alone; the file records how many rows each article has (0 is recorded too).
    """
    position = {d: i for i, d in enumerate(doc_ids)}
    at = table["doc_id"].map(position)
    if at.isna().any():
        raise ValueError(f"{stage}: rows for articles outside the part: {sorted(set(table['doc_id'][at.isna()]))[:3]}")
    order = np.argsort(at.to_numpy(np.int64), kind="stable")
    rows = np.bincount(at.to_numpy(np.int64), minlength=len(doc_ids)).tolist()
    return to_parquet(table.iloc[order], {"kind": "part", "stage": stage, "keys": list(keys), "key_rows": rows})


_RECORDS: dict[tuple, dict] = {}          # (file, size, mtime) -> its record, once verified in this process


class Cache:
    """A folder of verified Parquet files: parts per article and stage, wholes per key.

    Layout: ``<root>/<context>/<stage>/<sha256 of the bytes>.parquet`` for parts, and
    ``<root>/<context>/whole/<stage>.<key>.<sha256 of the bytes>.parquet`` for wholes, where
    `context` names the code and knowledge tables that made them (`code_key`, `knowledge_key`).
    """

    def __init__(self, root=None):
        self.root = Path(root) if root is not None else CACHE

    # -- files --------------------------------------------------------------------------------------------------
    def _write(self, file: Path, data: bytes) -> None:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, file)

    def _bytes(self, file: Path) -> bytes | None:
        """The bytes of a file if they match its name (the sha256 after the last dot), else None."""
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            return None
        if hashlib.sha256(data).hexdigest() != file.stem.rsplit(".", 1)[-1]:
            file.unlink(missing_ok=True)                # corrupt or partial: never trusted, made again
            return None
        return data

    def _read(self, file: Path):
        """(record, arrow table) of a verified file; None (and the file removed) when it is not one."""
        data = self._bytes(file)
        if data is None:
            return None
        try:
            return read_record(data)
        except Exception:                          # does not parse, or its record disagrees with its rows
            file.unlink(missing_ok=True)
            return None

    def _record(self, file: Path) -> dict | None:
        """The record of a verified file, without reading its rows (remembered per file state in this process)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            st = file.stat()
        except FileNotFoundError:
            return None
        state = (str(file), st.st_size, st.st_mtime_ns)
        if state in _RECORDS:
            return _RECORDS[state]
        data = self._bytes(file)
        if data is None:
            return None
        try:
            meta = pq.read_metadata(pa.BufferReader(data))
            record = json.loads(meta.metadata[b"workbook"])
            if record.get("format") != FORMAT or record.get("rows") != meta.num_rows:
                raise ValueError("record disagrees with the file")
        except Exception:
            file.unlink(missing_ok=True)
            return None
        _RECORDS[state] = record
        return record

    # -- parts: rows per article ----------------------------------------------------------------------------------
    def write_part(self, context: str, stage: str, keys: list[str], doc_ids: list[str], table: pd.DataFrame) -> None:
        """Store `table` (rows of `stage` for the articles `doc_ids`, whose keys are `keys`) as one file."""
        self.store_part(context, stage, part_bytes(stage, keys, doc_ids, table))

    def store_part(self, context: str, stage: str, data: bytes) -> None:
        """Store the bytes of `part_bytes` (made here or on another machine)."""
        self._write(self.root / context / stage / f"{hashlib.sha256(data).hexdigest()}.parquet", data)

    def stored_keys(self, context: str, stage: str) -> set:
        """The keys of every article whose rows of `stage` are stored (in verified files)."""
        keys = set()
        for file in sorted((self.root / context / stage).glob("*.parquet")):
            record = self._record(file)
            if record and record.get("kind") == "part" and len(record["keys"]) == len(record["key_rows"]) \
                    and sum(record["key_rows"]) == record["rows"]:
                keys.update(record["keys"])
        return keys

    def read_parts(self, context: str, stage: str, keys: list[str]) -> tuple[pd.DataFrame | None, list[bool]]:
        """The stored rows of `stage` for the articles `keys`, in that order of articles, and per key
        whether it was found. Rows of articles not asked for (older versions of an article, another
        corpus) are left out; an article stored twice is taken once."""
        import pyarrow as pa

        wanted = {k: i for i, k in enumerate(keys)}
        found = np.zeros(len(keys), dtype=bool)
        tables, positions, first = [], [], None
        for file in sorted((self.root / context / stage).glob("*.parquet")):
            got = self._read(file)
            if got is None:
                continue
            record, arrow = got
            if record.get("kind") != "part" or len(record["keys"]) != len(record["key_rows"]) \
                    or sum(record["key_rows"]) != arrow.num_rows:
                file.unlink(missing_ok=True)
                continue
            pos = np.array([wanted.get(k, -1) for k in record["keys"]], dtype=np.int64)
            fresh = pos >= 0
            fresh[fresh] = ~found[pos[fresh]]             # first file wins for an article stored twice
            if not fresh.any():
                continue
            found[pos[fresh]] = True
            row_pos = np.repeat(np.where(fresh, pos, -1), record["key_rows"])
            keep = np.flatnonzero(row_pos >= 0)
            first = first or (record, arrow)
            if len(keep):
                tables.append((record, arrow.take(pa.array(keep)) if len(keep) < arrow.num_rows else arrow))
                positions.append(row_pos[keep])
        if first is None:
            return None, found.tolist()
        if not tables:                                   # no article asked for has a row: an empty table
            return to_frame(first[1].slice(0, 0), first[0]), found.tolist()
        frames = [to_frame(t, record) for record, t in _joined(tables)]
        table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        table = _agree(table, [record["dtypes"] for record, _ in tables])
        order = np.argsort(np.concatenate(positions), kind="stable")
        return table.iloc[order].reset_index(drop=True), found.tolist()

    # -- wholes: one table per key ------------------------------------------------------------------------------
    def write_whole(self, context: str, stage: str, key: str, table: pd.DataFrame) -> None:
        data = to_parquet(table, {"kind": "whole", "stage": stage, "key": key})
        folder = self.root / context / "whole"
        for old in folder.glob(f"{stage}.*.parquet"):        # one corpus-wide result per stage is kept
            old.unlink(missing_ok=True)
        self._write(folder / f"{stage}.{key}.{hashlib.sha256(data).hexdigest()}.parquet", data)

    def read_whole(self, context: str, stage: str, key: str) -> pd.DataFrame | None:
        for file in sorted((self.root / context / "whole").glob(f"{stage}.{key}.*.parquet")):
            got = self._read(file)
            if got is not None and got[0].get("kind") == "whole" and got[0].get("key") == key:
                return to_frame(got[1], got[0])
        return None

    def files(self, context: str | None = None) -> list[Path]:
        """Every cache file (of one context, or all)."""
        return sorted((self.root / context if context else self.root).rglob("*.parquet"))


def _joined(tables: list[tuple[dict, object]]) -> list[tuple[dict, object]]:
    """The arrow tables of parts, those with the same columns and dtypes next to each other joined into
    one (one conversion to pandas instead of one per part file); a run whose arrow types differ (a column
    all empty in one part) is left as it is."""
    import pyarrow as pa

    out, run = [], []

    def flush():
        if len(run) > 1:
            try:
                out.append((run[0][0], pa.concat_tables([t for _, t in run])))
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                out.extend(run)
        else:
            out.extend(run)
        run.clear()

    for record, arrow in tables:
        if run and (record["dtypes"] != run[0][0]["dtypes"] or record["columns"] != run[0][0]["columns"]):
            flush()
        run.append((record, arrow))
    flush()
    return out


def _agree(table: pd.DataFrame, dtypes: list[dict]) -> pd.DataFrame:
    """Parts computed apart can infer different dtypes for one column: pandas makes a column of text
    "str", but "object" when a part has only empty values there. Where the parts disagree only so, the
    column is text, as the stage gives it for the whole corpus."""
    for col in table.columns:
        kinds = {d[col] for d in dtypes}
        if len(kinds) > 1 and kinds <= {"object", "str"} and table[col].map(lambda v: v is None or isinstance(v, str)).all():
            table[col] = table[col].astype("str")
    return table
