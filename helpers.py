"""Helpers for the S-400 research workbook.

The one module the notebooks import. Data flows one way, and so does this file:

1. Paths and errors                    CorpusError
2. Loading the corpus                  load_corpus, corpus_hash
3. Cleaning                            clean, boilerplate_rules, removals
4. Sentences                           sentences
5. Knowledge tables and mentions       entities, aliases, mentions
6. Candidates, statements, relations   candidates, statements, cited_table, relations, transfers
7. Events                              events, time_expressions, unresolved_times, tag_times
8. Showing results                     setup_notebook, stamp, show_table, filter_panel,
                                       with_articles, with_sentences, and the charts

Every table a function returns is a pandas DataFrame whose rows can be traced
back to a (doc_id, sent_id) pair: the sentence behind the number.
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import hashlib
import itertools
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

# ---------------------------------------------------------------------------
# 1. Paths and errors
# ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent
# The corpus folder: corpus/ beside this file, unless a build points elsewhere
# (tools/build.py execute --corpus DIR sets WORKBOOK_CORPUS, e.g. for a test copy).
CORPUS = Path(os.environ.get("WORKBOOK_CORPUS") or ROOT / "corpus")
REQUIRED_COLUMNS = ("doc_id", "title", "outlet", "published")
# Optional catalog columns, added empty when a catalog leaves them out (sha256 is checked only when present).
OPTIONAL_COLUMNS = ("reference_date", "outlet_kind", "dateline", "language", "translated_from", "evidence", "confidence")
DATE_COLUMNS = ("published", "reference_date")


class CorpusError(ValueError):
    """The corpus cannot be loaded; `problems` lists every reason at once."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the corpus:\n{lines}")


def _corpus_path(path=None) -> Path:
    return Path(path) if path is not None else CORPUS


def _table_file(name: str, path=None) -> Path:
    """A table of the corpus folder (knowledge or cleaning rules); CorpusError when it is missing."""
    file = _corpus_path(path) / name
    if not file.is_file():
        raise CorpusError([f"{file}: table not found; copy it from the workbook's corpus/ folder"])
    return file


def _read_table(name: str, path=None, required=()) -> pd.DataFrame:
    """Read a knowledge table as strings; CorpusError if it is missing columns."""
    file = _table_file(name, path)
    table = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise CorpusError([f"{file}: missing column(s) {', '.join(missing)}"])
    return table.apply(lambda col: col.str.strip())


# ---------------------------------------------------------------------------
# 2. Loading the corpus
# ---------------------------------------------------------------------------


def load_corpus(path=None) -> pd.DataFrame:
    """Load and validate the corpus: one row per article.

    Parameters
    ----------
    path : folder holding ``articles.csv`` and ``articles/<doc_id>.txt``
        (default: ``corpus/`` beside this file).

    Returns
    -------
    DataFrame with the catalog columns, ``published`` and ``reference_date``
    as datetime64, the untouched ``raw`` text, the cleaned ``text``, and
    ``removed`` (what cleaning took out, as (rule, text) pairs).

    Raises
    ------
    CorpusError listing every problem found, each naming its file or row.
    """
    folder = _corpus_path(path)
    catalog_file = folder / "articles.csv"
    if not folder.is_dir():
        raise CorpusError([f"{folder}: corpus folder not found; create it with an articles.csv and an articles/ folder"])
    if not catalog_file.is_file():
        raise CorpusError([f"{catalog_file}: catalog not found; create it with the columns {', '.join(REQUIRED_COLUMNS)}"])
    try:
        catalog = pd.read_csv(catalog_file, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError([f"{catalog_file}: cannot be read as UTF-8 CSV ({exc})"]) from exc
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
    for i, rec in enumerate(catalog.to_dict("records")):
        where = f"{catalog_file.name} row {i + 2} ({rec['doc_id'] or 'no doc_id'})"  # row 1 is the header
        rows.append(_check_row(rec, where, folder, problems))
    problems += _check_ids(catalog, catalog_file, folder)
    if problems:
        raise CorpusError(problems)

    docs = pd.DataFrame(rows)
    rules = boilerplate_rules(folder)
    docs["text"], docs["removed"] = zip(*(clean(raw, rules) for raw in docs["raw"]))
    for col in DATE_COLUMNS:
        docs[col] = pd.to_datetime(docs[col]).astype("datetime64[ns]")
    docs["chars_raw"] = docs["raw"].str.len()
    docs["chars_clean"] = docs["text"].str.len()
    return docs.sort_values(["published", "doc_id"], ignore_index=True)


def _check_row(rec: dict, where: str, folder: Path, problems: list[str]) -> dict:
    """Validate one catalog row and its file; append problems; return the row with text."""
    rec = {k: v.strip() for k, v in rec.items()}
    for col in REQUIRED_COLUMNS:
        if not rec[col]:
            problems.append(f"{where}: '{col}' is empty; fill it in")
    rec["reference_date"] = rec["reference_date"] or rec["published"]
    for col in DATE_COLUMNS:
        if rec[col]:
            _check_date(rec[col], col, where, problems)
    if not _problems_about(where, problems) and rec["reference_date"] > rec["published"]:
        problems.append(f"{where}: reference_date {rec['reference_date']} is after published {rec['published']}; "
                        "an article can only count 'last week' from a day up to its publication")
    doc_id = rec["doc_id"]
    rec["raw"] = ""
    if not doc_id or not _plain_name(doc_id):
        return rec
    file = folder / "articles" / f"{doc_id}.txt"
    if not file.is_file():
        problems.append(f"{where}: no text file {file}; add it or remove the row")
        return rec
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if "sha256" in rec and rec["sha256"] != digest:
        problems.append(f"{where}: sha256 does not match {file.name}; if the change is intended, "
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


def _problems_about(where: str, problems: list[str]) -> bool:
    """True when a problem has already been reported for this row."""
    return any(p.startswith(where) for p in problems)


def _check_date(value: str, col: str, where: str, problems: list[str]) -> None:
    try:
        day = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        problems.append(f"{where}: {col} '{value}' is not a date; write it as YYYY-MM-DD")
    elif day > dt.date.today():
        problems.append(f"{where}: {col} {value} lies in the future")


def _plain_name(doc_id: str) -> bool:
    return doc_id not in (".", "..") and re.fullmatch(r"[^/\\:\x00]+", doc_id) is not None and ".." not in doc_id


def _check_ids(catalog: pd.DataFrame, catalog_file: Path, folder: Path) -> list[str]:
    """Catalog-wide checks: bad or duplicate ids, text files without a row."""
    problems = []
    ids = catalog["doc_id"].str.strip()
    for i, doc_id in enumerate(ids):
        if doc_id and not _plain_name(doc_id):
            problems.append(f"{catalog_file.name} row {i + 2}: doc_id '{doc_id}' must be a plain file name "
                            "(no '/', '\\' or '..'); use the text file's stem")
    for doc_id, n in ids[ids.duplicated(keep=False)].value_counts().items():
        rows = ", ".join(str(i + 2) for i in ids.index[ids == doc_id])
        problems.append(f"{catalog_file.name} rows {rows}: doc_id '{doc_id}' appears {n} times; keep one row per article")
    articles = folder / "articles"
    if not articles.is_dir():
        problems.append(f"{articles}: folder not found; put each article there as <doc_id>.txt")
        return problems
    for file in sorted(articles.glob("*.txt")):
        if file.stem not in set(ids):
            problems.append(f"{file}: no row in {catalog_file.name}; add a row with doc_id '{file.stem}'")
    return problems


def corpus_hash(path=None) -> str:
    """sha256 over every table in the corpus folder (catalog, knowledge tables, cleaning rules)
    and every article file: names the state of the inputs a result came from."""
    folder = _corpus_path(path)
    h = hashlib.sha256()
    for file in [*sorted(folder.glob("*.csv")), *sorted((folder / "articles").glob("*.txt"))]:
        h.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------
# 3. Cleaning
# ---------------------------------------------------------------------------


def boilerplate_rules(path=None) -> pd.DataFrame:
    """The outlet boilerplate rules (corpus/boilerplate.csv): rule, action, pattern, why; validated."""
    file = _table_file("boilerplate.csv", path)
    rules = _read_table("boilerplate.csv", path, ("rule", "action", "pattern"))
    problems, compiled = [], []
    for i, r in enumerate(rules.itertuples(), start=2):
        if r.action not in ("line", "rest"):
            problems.append(f"{file} row {i} ({r.rule}): action '{r.action}' must be 'line' or 'rest'")
        try:
            compiled.append(re.compile(r.pattern))
        except re.error as exc:
            problems.append(f"{file} row {i} ({r.rule}): pattern is not a regular expression ({exc})")
    if problems:
        raise CorpusError(problems)
    return rules.assign(regex=compiled)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z]) s\b(?=[\s.,;:!?])|(?<=n) t\b(?=[\s.,;:!?])")


def clean(raw: str, rules: pd.DataFrame | None = None) -> tuple[str, tuple]:
    """Apply the general cleaning rules to one article's raw text.

    Returns the cleaned text and what was removed as (rule, text) pairs.
    Line rules drop a matching line; "rest" rules drop it and everything after.
    Then markdown links and emphasis become plain text, escaped dollars and
    non-breaking spaces are normalised, and lost apostrophes restored.
    """
    rules = boilerplate_rules() if rules is None else rules
    kept, removed = [], []
    lines = raw.replace("\u00a0", " ").split("\n")
    for n, line in enumerate(lines):
        hit = next((r for r in rules.itertuples() if r.regex.search(line.strip())), None)
        if hit is None:
            kept.append(line)
        elif hit.action == "rest":
            removed.append((hit.rule, "\n".join(lines[n:]).strip()))
            break
        else:
            removed.append((hit.rule, line.strip()))
    text = "\n".join(kept)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^#+\s+", "", text, flags=re.M)                     # markdown headings
    text = re.sub(r"^\*+(.+?)\*+$", r"\1", text, flags=re.M)           # a paragraph in emphasis
    text = text.replace("\\$", "$")
    text = _LOST_APOSTROPHE.sub(lambda m: "'" + m.group(0).strip(), text)
    text = re.sub(r"[ \t]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, tuple(removed)


def removals(docs: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed from each article: doc_id, rule, removed text."""
    rows = [{"doc_id": d, "rule": rule, "removed": text}
            for d, removed in zip(docs["doc_id"], docs["removed"]) for rule, text in removed]
    return pd.DataFrame(rows, columns=["doc_id", "rule", "removed"])


# ---------------------------------------------------------------------------
# 4. Sentences
# ---------------------------------------------------------------------------


def sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """Split each article into sentences with sentencex (Wikimedia's rule-based segmenter).

    A line break always ends a sentence, so headlines stand on their own.
    Returns doc_id, sent_id (1-based within the article), start, end, text;
    ``text == docs.text[start:end]``.
    """
    doc, start, end = _sentence_spans(docs["text"].tolist())
    texts = docs["text"].to_numpy()
    sent_id = _rank_within(doc)
    return pd.DataFrame({"doc_id": docs["doc_id"].to_numpy()[doc], "sent_id": sent_id, "start": start, "end": end,
                         "text": [texts[d][a:b] for d, a, b in zip(doc, start, end)]})


def _sentence_spans(texts: list[str]):
    """(article index, start, end) arrays of every sentence, whitespace trimmed.

    Cuts fall where sentencex ends a sentence and around every line break.
    """
    import numpy as np
    import sentencex

    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])   # each text's start in the joined text
    joined = "\n".join(texts)
    codes = _code_points(joined)
    newlines = np.flatnonzero(codes == 10)
    cuts = [off + _piece_ends(t, sentencex.segment("en", t)) for t, off in zip(texts, offsets)]
    bounds = np.sort(np.concatenate([[0, len(joined)], newlines, newlines + 1, *cuts]))
    bounds = bounds[np.r_[True, bounds[1:] != bounds[:-1]]]
    first, last = bounds[:-1].copy(), bounds[1:].copy()
    while True:                                   # trim whitespace, one character a round on each side
        lead = first < last
        lead[lead] = _char_test(codes[first[lead]], str.isspace)
        trail = first < last
        trail[trail] = _char_test(codes[last[trail] - 1], str.isspace)
        if not (lead.any() or trail.any()):
            break
        first += lead
        last -= trail & (first < last)
    keep = first < last
    first, last = first[keep], last[keep]
    doc = np.searchsorted(offsets, first, side="right") - 1
    return doc, first - offsets[doc], last - offsets[doc]


def _piece_ends(text: str, pieces: list[str]):
    """Where each segmenter piece ends in `text`; located one by one when the pieces skip characters."""
    import numpy as np

    if "".join(pieces) == text:                                   # the usual case: pieces tile the text
        return np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64))
    ends, pos = [], 0
    for piece in pieces:
        body = piece.strip()
        if body:
            pos = text.index(body, pos) + len(body)
            ends.append(pos)
    return np.array(ends, dtype=np.int64)


def _rank_within(groups):
    """1, 2, 3 ... within each run of equal values of a sorted integer array."""
    import numpy as np

    n = np.arange(len(groups))
    run_start = np.r_[0, np.flatnonzero(np.diff(groups)) + 1] if len(groups) else np.array([], dtype=int)
    return n - np.repeat(run_start, np.diff(np.r_[run_start, len(groups)])) + 1


def _code_points(text: str):
    """The text as a numpy array of Unicode code points (index i is text[i])."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_CHAR_TABLES: dict = {}


def _char_test(codes, test):
    """Apply a str predicate (e.g. str.isspace) to every code point, through a lookup table."""
    import numpy as np

    if test not in _CHAR_TABLES:
        _CHAR_TABLES[test] = np.array([test(chr(c)) for c in range(65536)])
    if not len(codes) or codes.max() < 65536:
        return _CHAR_TABLES[test][codes]
    small = codes < 65536
    out = _CHAR_TABLES[test][np.where(small, codes, 0)]
    out[~small] = [test(chr(c)) for c in codes[~small]]
    return out


# ---------------------------------------------------------------------------
# 5. Knowledge tables and mentions
# ---------------------------------------------------------------------------


KINDS = ("person", "organization", "country", "alliance", "weapon_system", "place")
ACTOR_KINDS = ("person", "organization", "country", "alliance")      # who can act, speak, buy, supply


def entities(path=None) -> pd.DataFrame:
    """The entity table (corpus/entities.csv): entity, kind, affiliation, role, notes; validated."""
    table = _read_table("entities.csv", path, ("entity", "kind", "affiliation", "role", "notes"))
    file, known, problems = _table_file("entities.csv", path), set(table["entity"]), []
    for i, row in enumerate(table.itertuples(), start=2):
        if row.kind not in KINDS:
            problems.append(f"{file.name} row {i} ({row.entity}): kind '{row.kind}' is not one of {', '.join(KINDS)}")
        if row.affiliation and row.affiliation not in known:
            problems.append(f"{file.name} row {i} ({row.entity}): affiliation '{row.affiliation}' has no row of its own")
    for name in table["entity"][table["entity"].duplicated()]:
        problems.append(f"{file.name}: entity '{name}' has more than one row; merge them")
    if problems:
        raise CorpusError(problems)
    return table


def aliases(path=None) -> pd.DataFrame:
    """Every surface form the matcher looks for: alias, entity, kind, type.

    From corpus/aliases.csv plus each entity's own name. Matching is exact
    (case-sensitive), with two generated variants: a first letter in upper
    case (sentence starts) and, for aliases of four or more letters, ALL CAPS
    (datelines such as "ISTANBUL (Reuters)"). To merge two identities, point
    the aliases of one at the other and delete its entity row.
    """
    ents = entities(path)
    table = _read_table("aliases.csv", path, ("alias", "entity", "type"))
    file = _table_file("aliases.csv", path)
    unknown = [f"{file.name} row {i}: alias '{a}' points to '{e}', which has no row in entities.csv"
               for i, (a, e) in enumerate(zip(table["alias"], table["entity"]), start=2) if e not in set(ents["entity"])]
    if unknown:
        raise CorpusError(unknown)
    own = pd.DataFrame({"alias": ents["entity"], "entity": ents["entity"], "type": "name"})
    table = pd.concat([own, table[["alias", "entity", "type"]]], ignore_index=True)
    variants = [table]
    first_upper = table["alias"].str[:1].str.upper() + table["alias"].str[1:]
    variants.append(table.assign(alias=first_upper))
    letters = table["alias"].str.count(r"[^\W\d_]")
    variants.append(table[letters >= 4].assign(alias=lambda t: t["alias"].str.upper()))
    table = pd.concat(variants, ignore_index=True).drop_duplicates(["alias", "entity"])
    return table.merge(ents[["entity", "kind"]], on="entity")


def _matcher(path=None):
    """An Aho-Corasick automaton over every alias, the aliases, and per alias its (entity, kind, type) options.

    Built once per state of entities.csv and aliases.csv (their size and modification time).
    """
    files = [_table_file(name, path) for name in ("entities.csv", "aliases.csv")]
    return _build_matcher(path, tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files))


@functools.lru_cache(maxsize=8)
def _build_matcher(path, _state):
    import ahocorasick

    automaton, names, options = ahocorasick.Automaton(), [], []
    for k, (alias, group) in enumerate(aliases(path).groupby("alias")):
        automaton.add_word(alias, k)
        names.append(alias)
        options.append(tuple(group[["entity", "kind", "type"]].itertuples(index=False)))
    automaton.make_automaton()
    return automaton, names, options


_LOCATIVE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+(?:capital|city)\s+(?:of\s+)?)?$")
_LOCATIVE_ENDS = ("in ", "at ", "near ", "capital ", "city ", "of ")     # a quick test before the regex


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _scan(text: str, automaton, names):
    """(start, end, alias index) arrays for every alias found on word boundaries, longest first.

    A trailing plural "s" is part of the mention ("S-400s", "Turks"); a
    possessive ("Turkey's", "Turkey s") is not.
    """
    import numpy as np

    flat = np.fromiter(itertools.chain.from_iterable(automaton.iter_long(text)), dtype=np.int64)
    end, k = flat[0::2] + 1, flat[1::2]
    start = end - np.fromiter(map(len, names), dtype=np.int64)[k]
    codes = _code_points(" " + text + "  ")                      # guard characters on both sides
    before, after, after2, last = (_char_test(codes[i], _is_word) for i in (start, end + 1, end + 2, end))
    plural = (codes[end + 1] == ord("s")) & ~after2 & last
    keep = ~before & (~after | plural)
    end = end + (plural & after)
    return start[keep], end[keep], k[keep]


def _names_the_city(text: str, start: int, end: int) -> bool:
    """Does the capital at text[start:end] name the city rather than its government?"""
    return (text.endswith(_LOCATIVE_ENDS, 0, start) and bool(_LOCATIVE.search(text, max(0, start - 30), start))) \
        or text.startswith("-based", end)


def _capital_choice(options):
    """For an alias that is a capital and its city: (government option, city option), else None."""
    government = [o for o in options if o.type == "capital"]
    city = [o for o in options if o.kind == "place" and o.type != "capital"]
    return (government[0], city[0]) if len(options) == 2 and len(government) == len(city) == 1 else None


def _resolve(options, in_doc):
    """For an alias naming several entities (capitals aside): the one entity the article names
    unambiguously elsewhere, else None (left unresolved)."""
    named = [o for o in options if o.entity in in_doc()]
    return named[0][:2] if len(named) == 1 else None


def mentions(docs: pd.DataFrame, path=None, unresolved: bool = False, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every linked mention of a known entity: doc_id, sent_id, start, end, surface, entity, kind.

    Offsets are into the cleaned text (``docs.text``). Longest alias wins;
    mentions respect word boundaries; short acronyms are case-sensitive like
    every alias. An alias naming several entities is settled by the capital
    rule or `_resolve`; with ``unresolved=True`` the result holds instead the
    mentions no rule could settle (entity lists the options, kind "ambiguous").
    Pass ``sents=sentences(docs)`` when you have them, to split the text only once.
    """
    found = _mentions(docs, path, sents)
    return found[(found["kind"] == "ambiguous") == unresolved].reset_index(drop=True)


def _mentions(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """All mentions, the unresolved ones with kind "ambiguous". All articles are scanned
    as one text, so the cost per mention stays small."""
    import numpy as np

    automaton, names, options = _matcher(path)
    texts = docs["text"].tolist()
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])       # each article starts here in `joined`
    joined = "\n".join(texts)
    start, end, k = _scan(joined, automaton, names)
    doc = np.searchsorted(offsets, start, side="right") - 1
    entity = np.array([o[0].entity for o in options], dtype=object)[k]
    kind = np.array([o[0].kind for o in options], dtype=object)[k]
    # capital or city: the city after "in", "at", "near" or before "-based", the government otherwise
    capitals = {i: c for i, o in enumerate(options) if (c := _capital_choice(o))}
    cap = np.flatnonzero(np.isin(k, list(capitals)))
    as_city = np.array([_names_the_city(joined, a, b) for a, b in zip(start[cap].tolist(), end[cap].tolist())], dtype=bool)
    government, city = ({i: c[side][:2] for i, c in capitals.items()} for side in (0, 1))
    for i, c in zip(cap, as_city):
        entity[i], kind[i] = (city if c else government)[k[i]]
    # any other alias naming several entities: the one the article names elsewhere, else left open
    ambiguous = np.flatnonzero(np.array([len(o) > 1 and i not in capitals for i, o in enumerate(options)])[k])
    settled = np.ones(len(k), dtype=bool)
    settled[ambiguous] = False
    named_in = {}                                                 # doc -> entities it names unambiguously

    def in_doc(d):
        if d not in named_in:
            named_in[d] = set(entity[(doc == d) & settled])
        return named_in[d]

    for i in ambiguous:
        pick = _resolve(options[k[i]], lambda d=doc[i]: in_doc(d))
        entity[i], kind[i] = pick or (" or ".join(o.entity for o in options[k[i]]), "ambiguous")
    surface, length = np.array(names, dtype=object)[k], np.fromiter(map(len, names), dtype=np.int64)[k]
    table = pd.DataFrame({
        "doc_id": docs["doc_id"].to_numpy()[doc],
        "start": start - offsets[doc], "end": end - offsets[doc],
        "surface": np.where(end - start > length,
                            surface + "s", surface),
        "entity": entity, "kind": kind})
    if sents is None:
        sent_doc, sent_start, _ = _sentence_spans(texts)
        sent_ids = _rank_within(sent_doc)
    else:
        sent_doc = pd.Index(docs["doc_id"]).get_indexer(sents["doc_id"]).astype(np.int64)
        if (sent_doc < 0).any() or len(np.unique(sent_doc)) != len(docs):
            strangers = sorted(set(sents["doc_id"][sent_doc < 0]))[:5]
            raise ValueError(f"sents must come from sentences(docs) of the same articles "
                             f"(doc_ids only in sents: {strangers})")
        sent_start, sent_ids = sents["start"].to_numpy(), sents["sent_id"].to_numpy()
    keys = offsets[sent_doc] + sent_start                           # sentence starts in `joined`
    order = np.arange(len(keys)) if (np.diff(keys) >= 0).all() else np.argsort(keys, kind="stable")
    at = np.searchsorted(keys[order], start, side="right") - 1
    table.insert(1, "sent_id", sent_ids[order][at])
    return table


# ---------------------------------------------------------------------------
# 6. Candidates, statements and relations
# ---------------------------------------------------------------------------

# Capitalised words that are never names on their own: titles, calendar words.
# (Sentence-initial words and words the corpus also writes in lower case are
# recognised from the text itself; see `candidates`.)
NOT_NAMES = set("""Mr Mrs Ms Dr Gen General President Vice Minister Secretary Secretary-General Foreign Defence
Defense Prime Chief Head Deputy Spokesman Spokeswoman Ambassador Senator Admiral Colonel Commander Director
Chairman King Queen Prince Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December""".split())
_TOKEN = re.compile(r"[^\W\d_][\w\-]*(?:[’']s)?")
_CONNECTORS = {"of", "for", "and", "the", "de", "van", "von", "al", "bin"}


def _name_spans(text: str):
    """Runs of capitalised words in one sentence (joined by spaces or a connector like 'of')."""
    tokens = list(_TOKEN.finditer(text))
    run = []
    for i, tok in enumerate(tokens):
        word = tok.group()
        joined = run and text[run[-1].end():tok.start()] == " "
        if word[0].isupper() and (not run or joined):
            run.append(tok)
            continue
        if word in _CONNECTORS and joined and i + 1 < len(tokens) and tokens[i + 1].group()[0].isupper() \
                and text[tok.end():tokens[i + 1].start()] == " ":
            run.append(tok)
            continue
        if run:
            yield run
        run = [tok] if word[0].isupper() else []
    if run:
        yield run


def candidates(docs: pd.DataFrame, path=None) -> pd.DataFrame:
    """Proper names in the text that no alias links, most frequent first.

    A name is a run of capitalised words outside any mention. Dropped:
    headline-style sentences (mostly capitalised), titles and calendar words
    (`NOT_NAMES`), words the corpus also writes in lower case, and a lone
    sentence-initial word never seen capitalised mid-sentence. Each row gives
    the sentence and, where a known alias is close in spelling, the entity it
    may be a variant of. Mentions whose alias names several entities that no
    rule could tell apart are listed too.

    Returns
    -------
    doc_id, sent_id, surface, count (occurrences in the corpus), possible_variant, sentence
    """
    sents = sentences(docs)
    found_all = _mentions(docs, path, sents)
    spans = {d: list(zip(g["start"], g["end"])) for d, g in found_all.groupby("doc_id")}   # ambiguous ones too
    lower_words = set(re.findall(r"\b[a-z][\w\-]*", " ".join(docs["text"])))
    found = []
    for s in sents.itertuples():
        words = s.text.split()
        if len(words) > 3 and sum(w[:1].isupper() for w in words) / len(words) > 0.6:
            continue                                            # a headline
        taken = spans.get(s.doc_id, [])
        for run in _name_spans(s.text):
            keep = [t for t in run if not any(a <= s.start + t.start() < b for a, b in taken)]
            if len(keep) < len(run):                            # split where a linked mention sits
                keep = _longest_contiguous(run, keep)
            names = [i for i, t in enumerate(keep) if len(t.group()) > 1 and t.group() not in _CONNECTORS
                     and re.sub(r"[’']s$", "", t.group()) not in NOT_NAMES and t.group().lower() not in lower_words]
            if not names:
                continue
            last = len(keep) - next(i for i, t in enumerate(reversed(keep)) if t.group() not in _CONNECTORS
                                    and re.sub(r"[’']s$", "", t.group()) not in NOT_NAMES) - 1
            first, last = keep[names[0]], keep[last]                  # trim leading titles and common words
            surface = re.sub(r"[’']s$", "", s.text[first.start():last.end()])
            at_start = not s.text[:first.start()].strip(" “\"'(")
            found.append((s.doc_id, s.sent_id, surface, at_start, s.text))
    table = pd.DataFrame(found, columns=["doc_id", "sent_id", "surface", "initial", "sentence"])
    known = aliases(path)
    known = dict(zip(known["alias"], known["entity"]))
    variant = {name: _close_alias(name, known) for name in table["surface"].unique()}
    table["possible_variant"] = table["surface"].map(variant)
    mid_words = {w for name in table.loc[~table["initial"], "surface"] for w in name.split()}
    lone_initial = table["initial"] & ~table["surface"].str.contains(" ")
    keep = ~lone_initial | table["surface"].isin(mid_words) | (table["possible_variant"] != "")
    table = table[keep].drop(columns="initial")
    unresolved = found_all[found_all["kind"] == "ambiguous"]
    if len(unresolved):
        text_of = sents.set_index(["doc_id", "sent_id"])["text"]
        table = pd.concat([table, pd.DataFrame({
            "doc_id": unresolved["doc_id"], "sent_id": unresolved["sent_id"], "surface": unresolved["surface"],
            "possible_variant": "ambiguous: " + unresolved["entity"],
            "sentence": [text_of[k] for k in zip(unresolved["doc_id"], unresolved["sent_id"])]})])
    table["count"] = table.groupby("surface")["surface"].transform("size")
    table = table.sort_values(["count", "surface", "doc_id", "sent_id"], ascending=[False, True, True, True])
    return table[["doc_id", "sent_id", "surface", "count", "possible_variant", "sentence"]].reset_index(drop=True)


def _close_alias(name: str, known: dict) -> str:
    """'Entity (alias 'X')' for the known alias spelled most like `name` (or its last word), else ''.

    Close means: same first letter, similar length, difflib ratio >= 0.75
    (Walters ~ Wolters, Mekhev ~ Mikheev).
    """
    import difflib

    best, best_ratio = "", 0.75 - 1e-9          # strictly better wins: the alias as written beats its generated variants
    for word in dict.fromkeys([name, name.split()[-1]]):
        for alias in known:
            if alias[0].lower() != word[0].lower() or alias.lower() == word.lower() or len(alias) < 4:
                continue
            if min(len(alias), len(word)) / max(len(alias), len(word)) < 0.8:
                continue
            ratio = difflib.SequenceMatcher(None, word.lower(), alias.lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = f"{known[alias]} (alias '{alias}')", ratio
    return best


def _longest_contiguous(run, keep):
    """The longest stretch of `run` whose tokens are all in `keep`."""
    best, cur = [], []
    for t in run:
        cur = cur + [t] if t in keep else []
        best = cur if len(cur) > len(best) else best
    return best


# --- Statements: who said what ------------------------------------------------

REPORTING_VERBS = ("said says say told tells warned warns insisted added adds stressed accused announced "
                   "described noted explained claimed stated argued declared confirmed denied urged").split()
GROUP_NOUNS = set("""official officials source sources expert experts analyst analysts observer observers diplomat
diplomats spokesman spokeswoman spokesperson aides critics lawmakers people journalists media""".split())
STATEMENT_COLUMNS = ["doc_id", "sent_id", "speaker", "speaker_surface", "speaker_affiliation", "verb", "content",
                     "medium", "pattern", "resolved", "sentence"]
_VERB = re.compile(r"\b(" + "|".join(REPORTING_VERBS) + r")\b")
_BEFORE_VERB = re.compile(r"(?:\s+(?:has|have|had|also|later|earlier|last|this|next|week|month|year|on|[A-Z]\w+day))*\s*$")
_LEAD = re.compile(r"^(?:and|but|while|whereas|so)\s+", re.I)
_SUBORDINATE = re.compile(r"^.*\b(?:after|before|when|because|since|although|though|that|where|if)\s+")
_TOLD = re.compile(r"\s+((?:me|him|her|us|them)\b|(?:(?!(?:that|on|in|at|last|earlier)\b)[\w.'’-]+ ?){1,5})")
_VIA = re.compile(r"\b(?:in an interview with|speaking to|according to|in a statement to)\s+"
                  r"((?:(?!(?:that|on|in|last)\b)[\w.'’-]+ ?){1,5})|\b(at an? (?:news|press) conference)")
_TRIVIAL_TAIL = re.compile(r"^(?:\s*of\b[^,]*|\s*(?:on|in|at|last|earlier|late|this|to|during)\b(?:(?!\bthat\b)[^,])*)?"
                           r"\s*(?:,\s*(?:adding|speaking|saying|citing|according|although|while)\b.*)?[\s.”\"’]*$")
_DATELINE = re.compile(r"^[A-Z][A-Z ]+(?:, [A-Z][\w ]+)? \([^)]*\) [-–—] ")
# "no say", "a say in", "the final say": after a determiner, "say" is a noun, not a reporting verb.
_DETERMINER = re.compile(r"\b(?:a|an|the|no|any|some|his|her|its|their|our|my|your|whose)"
                         r"(?:\s+(?:final|last|real|big|bigger|greater|equal|little|much|more|direct))?\s+$", re.I)
_AFTER_CONTENT = re.compile(r"[,”\"’]\s*$")       # "“...,” said X" / "..., said X": the content stands before the verb
_INVERTIBLE = set("said says added adds insisted stressed noted explained claimed stated argued declared".split())
_PHRASE_END = re.compile(r"[,;:()“”\"—]|\.?\s*$")


def statements(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who said what: one row per attributed statement, found around reporting verbs.

    Patterns: speaker first ("X said (that) ...", "X told Reuters ..."),
    content first ("“...,” X said.", "..., X, a former ..., told Y."), and
    coordinated ("..., and Y said ..."). The speaker is the last person named
    in the words before the verb; else an unnamed group ("US officials", "the
    sources": speaker "", the country or body named inside it in
    `speaker_affiliation`); else an organisation or country ("Moscow said",
    "Reuters news agency said"). He/she is resolved by `_pronoun` only where
    exactly one person fits.

    Returns
    -------
    DataFrame with STATEMENT_COLUMNS. `pattern` is "speaker first" or "content
    first"; `resolved` says how the speaker was found: "named", "unnamed:
    <words>", "pronoun: nearest preceding person" or "unresolved: <reason>".
    Pass ``sents=sentences(docs)`` when you have them, to split the text only once.
    """
    sents = sentences(docs) if sents is None else sents
    ments = mentions(docs, path, sents=sents)
    by_sent = dict(list(ments.groupby(["doc_id", "sent_id"])))
    rows = []
    for s in sents.itertuples():
        for found in _sentence_statements(s.text, by_sent.get((s.doc_id, s.sent_id), ments.iloc[:0]), s.start):
            rows.append({"doc_id": s.doc_id, "sent_id": s.sent_id, **found, "sentence": s.text})
    table = pd.DataFrame(rows, columns=STATEMENT_COLUMNS + ["_at"])
    persons = ments[ments["kind"] == "person"]
    headings = {(s.doc_id, s.sent_id) for s in sents.itertuples() if not re.search(r"[.?!”\"’)]$", s.text)}
    for i in table.index[table["resolved"] == "pronoun"]:
        table.loc[i, ["speaker", "resolved"]] = _pronoun(table, i, persons, headings)
    return table.drop(columns="_at")


def _sentence_statements(text: str, ments: pd.DataFrame, offset: int) -> list[dict]:
    """The statements of one sentence (see `statements`); `ments` are its mentions, `offset` its start."""
    spans = list(zip(ments["start"] - offset, ments["end"] - offset, ments["entity"], ments["kind"]))
    verbs = [m for m in _VERB.finditer(text) if not _DETERMINER.search(text, 0, m.start())]   # not "had no say"
    cands = [c for m in verbs if (c := _inverted(text, m, spans) or _speaker(text, m, spans))]
    content_first = next((c for c in cands if c["inverted"] and text[:c["start"]].strip(" ,“”\"’")
                          or _TRIVIAL_TAIL.match(text[c["verb_end"] + c["medium_skip"]:])
                          and len(text[:c["start"]].split()) >= 4), None)
    found = []
    for c in cands:
        last = found[-1] if found else None
        if content_first and c["start"] < content_first["start"]:
            continue                                    # a verb inside the content of "“...,” X said."
        if c is content_first:
            content = _DATELINE.sub("", text[:c["content_end"]]).strip(" ,;:“”\"—")
            c.update(pattern="content first", content=content)
        elif last and last["pattern"] == "speaker first" and not c["coordinated"]:
            continue                                    # reported speech nested in the previous statement
        else:
            if last and last["pattern"] == "speaker first":  # "X said ..., and Y said ...": X's content ends at Y
                cut = text[last["content_at"]:c["start"]]
                last["content"] = re.sub(r"[\s,;]*(?:and|but|while|whereas)?\s*$", "", cut).strip(" “”\"")
            body = text[c["verb_end"] + c["medium_skip"]:]
            lead = re.match(r"^[^,;“”\"]{0,40}?\bthat\s+", body)        # "told Reuters on Monday that"
            at = c["verb_end"] + c["medium_skip"] + (lead.end() if lead else 0)
            c.update(pattern="speaker first", content=text[at:].strip(" ,.;“”\""), content_at=at)
        found.append(c)
    return [{k: c[k] for k in STATEMENT_COLUMNS[2:-1]} | {"_at": offset + c["start"]} for c in found]


def _speaker(text: str, verb: re.Match, spans: list) -> dict | None:
    """The speaker of a reporting verb, or None when the words before it cannot be one.

    Those words run back to a comma, quote, bracket or dash; a description
    there ("X, an analyst at Y, said") is skipped when a name stands before it.
    """
    before = text[:verb.start()]
    before = before[:len(before) - len(_BEFORE_VERB.search(before).group())]      # "has also", "last week"
    pieces = [m.span() for m in re.finditer(r"[^,;:()“”\"—]+", before) if m.group().strip()]
    if not pieces:
        return None
    p = len(pieces) - 1                                 # the piece that holds the speaker
    if text[slice(*pieces[p])].strip()[:1].islower() and p and _names_someone(text, *pieces[p - 1], spans):
        p -= 1                                          # skip the appositive: "X, an analyst at Y, said"
    (a, b), content_end = pieces[p], pieces[p][0]
    raw = text[a:b].strip()
    phrase = _SUBORDINATE.sub("", _LEAD.sub("", raw)).lstrip("-–— ")         # "ISTANBUL (Reuters) - X said"
    if not phrase or len(phrase.split()) > 8:
        return None
    a = text.rindex(phrase, 0, b + 1)
    b = a + len(phrase)
    who = _who(text, a, b, spans)
    short_name = who and who["resolved"] == "named" and len(phrase.split()) <= 3     # "Russia's defence ministry"
    if not who or not (_ends_with_name(text, a, b, spans) or phrase.split()[-1].lower() in GROUP_NOUNS
                       or who["resolved"] == "pronoun" or short_name or who["resolved"].startswith("unresolved")):
        return None                                     # "X did not give details but said"
    if _names_a_person(a, b, spans) and p and re.match(r"\s*(?:the|a|an) [a-z]", text[slice(*pieces[p - 1])]) \
            and _ends_with_name(text, *pieces[p - 1], spans):
        content_end = pieces[p - 1][0]                  # "..., the head of X, Alexander Y, said": not content
    medium, skip = _medium(text, verb, spans)
    return {**who, "speaker_surface": phrase, "verb": verb.group(1), "medium": medium, "medium_skip": skip,
            "start": a, "content_end": content_end, "verb_end": verb.end(), "inverted": False,
            "coordinated": raw != phrase and bool(_LEAD.match(raw))}


def _inverted(text: str, verb: re.Match, spans: list) -> dict | None:
    """The speaker named after the verb: "“We will not back down,” said Erdogan." / "..., said US officials".

    Only where the content ends right before the verb (a comma or closing
    quote) and the words after it, up to the next comma or the sentence end,
    are a name (capitalised words, "of", "the" ...) or a group ("said a senior
    US official").
    """
    if verb.group(1) not in _INVERTIBLE or not _AFTER_CONTENT.search(text, 0, verb.start()):
        return None
    a = verb.end() + len(text[verb.end():]) - len(text[verb.end():].lstrip())
    b = _PHRASE_END.search(text, a).start()
    words = text[a:b].split()
    if not words or len(words) > 8:
        return None
    group = words[-1].lower() in GROUP_NOUNS
    name = _ends_with_name(text, a, b, spans) and all(w[:1].isupper() or w in _CONNECTORS for w in words)
    who = _who(text, a, b, spans) if group or name else None
    if not who:
        return None
    return {**who, "speaker_surface": text[a:b], "verb": verb.group(1), "medium": "", "medium_skip": 0,
            "start": verb.start(), "content_end": verb.start(), "verb_end": b, "inverted": True, "coordinated": False}


def _who(text: str, a: int, b: int, spans: list) -> dict | None:
    """Whom the words text[a:b] name as speaker: the last person named; else an unnamed group
    (with the country or body inside it); else an organisation or country; he/she -> "pronoun"."""
    phrase = text[a:b]
    inside = [(ent, kind) for s, e, ent, kind in spans if s >= a and e <= b]
    persons = [ent for ent, kind in inside if kind == "person"]
    named = [ent for ent, kind in inside if kind in ACTOR_KINDS]
    if phrase.lower() in ("he", "she"):
        return {"speaker": "", "resolved": "pronoun", "speaker_affiliation": ""}
    if persons:
        return {"speaker": persons[-1], "resolved": "named", "speaker_affiliation": ""}
    if _group(phrase):
        return {"speaker": "", "resolved": f"unnamed: {phrase}", "speaker_affiliation": named[0] if named else ""}
    unknown = _unknown_name_at_end(phrase, [(s - a, e - a) for s, e, _, _ in spans if s >= a and e <= b])
    if unknown:
        return {"speaker": "", "resolved": f"unresolved: unknown name '{unknown}' (add it to entities.csv)",
                "speaker_affiliation": named[0] if named else ""}
    if named:
        return {"speaker": named[-1], "resolved": "named", "speaker_affiliation": ""}
    return None


def _unknown_name_at_end(phrase: str, spans: list) -> str:
    """The capitalised name that ends `phrase` when no known alias covers it ("Hulusi Akar"), else ""."""
    runs = list(_name_spans(phrase))
    if not runs or runs[-1][-1].end() != len(phrase.rstrip()):
        return ""
    words = [t for t in runs[-1] if t.group() not in NOT_NAMES and t.group() not in _CONNECTORS
             and not any(s <= t.start() < e for s, e in spans)]
    return phrase[words[0].start():runs[-1][-1].end()] if words and words[-1] is runs[-1][-1] else ""


def _names_a_person(a: int, b: int, spans: list) -> bool:
    return any(s >= a and e <= b and kind == "person" for s, e, _, kind in spans)


def _group(phrase: str) -> bool:
    """True for an unnamed group of speakers: 'US officials', 'observers in Russia', 'the sources'."""
    return bool(GROUP_NOUNS & set(re.findall(r"[a-z]+", phrase.lower())))


def _names_someone(text: str, a: int, b: int, spans: list) -> bool:
    """True when text[a:b] ends with a name or a group noun ('Makienko', 'US officials')."""
    words = text[a:b].split()
    return _ends_with_name(text, a, b, spans) or bool(words) and words[-1].lower() in GROUP_NOUNS


def _ends_with_name(text: str, a: int, b: int, spans: list) -> bool:
    """True when text[a:b] ends with a mention of a person, organisation, country or alliance."""
    b = a + len(text[a:b].rstrip())
    return any(e == b and s >= a and kind in ACTOR_KINDS for s, e, _, kind in spans)


def _medium(text: str, verb: re.Match, spans: list) -> tuple[str, int]:
    """Whom or where a statement was given, and how many characters after the verb that takes.

    "told Reuters" -> the entity Reuters; "told reporters", "at a news
    conference" -> the words; "in an interview with RIA" -> RIA Novosti.
    """
    m = _TOLD.match(text, verb.end()) if verb.group(1) in ("told", "tells") else None
    m = m or _VIA.search(text, verb.end())
    if not m:
        return "", 0
    group = 1 if m.group(1) else 2
    named = [ent for s, e, ent, _ in spans if s >= m.start(group) and e <= m.end(group)]
    skip = m.end(group) - verb.end() if m.re is _TOLD else 0
    return (named[-1] if named else m.group(group).strip(" .")), skip


def _pronoun(table: pd.DataFrame, i: int, persons: pd.DataFrame, headings: set) -> tuple[str, str]:
    """Resolve a he/she speaker to one person, or say why not.

    Rule: look back from the pronoun to the sentence of the article's
    previous statement (its speaker counts) if that lies within three
    sentences, else to the previous sentence only; never past a heading.
    Exactly one distinct person named there -> that person; otherwise the
    speaker stays empty and `resolved` gives the reason (also when the
    previous statement's speaker is a name the tables do not know yet).
    """
    doc, sent, at = table.loc[i, ["doc_id", "sent_id", "_at"]]
    earlier = table[(table["doc_id"] == doc) & (table["_at"] < at)]
    recent = earlier[earlier["sent_id"] >= sent - 3].tail(1)
    if len(recent) and recent["resolved"].iloc[0].startswith("unresolved: unknown name"):
        return "", f"unresolved: the previous statement's speaker '{recent['speaker_surface'].iloc[0]}' is not known"
    first = int(recent["sent_id"].iloc[0]) if len(recent) else sent - 1
    first = max([first] + [h + 1 for d, h in headings if d == doc and first <= h < sent])
    named = persons[(persons["doc_id"] == doc) & persons["sent_id"].between(first, sent) & (persons["start"] < at)]
    speaker = recent["speaker"][recent["speaker"].isin(persons["entity"]) & (recent["sent_id"] >= first)]
    found = list(dict.fromkeys([*speaker, *named["entity"]]))
    if len(found) == 1:
        return found[0], "pronoun: nearest preceding person"
    if not found:
        return "", "unresolved: no person named since the previous statement or in the previous sentence"
    return "", f"unresolved: {len(found)} persons named since the previous statement: {', '.join(found)}"


# --- Relations: typed edges from the tables, co-occurrence from the text ------

RELATION_COLUMNS = ["source", "relation", "target", "kind", "detail", "count", "doc_id", "sent_id", "evidence",
                    "outside_source"]
TRANSFER_RELATIONS = ("supplies", "offered_to", "buys")   # "buys": the subject is the recipient
# Every relation relations.csv may state, and whether its rows must give a status (the stage reported).
RELATION_TYPES = {"supplies": True, "offered_to": True, "buys": True, "operates": True, "stationed_in": True,
                  "withdrew_from": True, "produces": False, "supports": False, "opposes": False}
# Per cited table: the columns that must name an entity of entities.csv, and those that may not be empty.
_ENTITY_COLUMNS = {"memberships.csv": ("member", "organization"), "systems.csv": ("system",),
                   "relations.csv": ("subject", "object", "system")}
_FILLED_COLUMNS = {"memberships.csv": ("member", "organization", "status"), "systems.csv": ("system", "attribute", "value"),
                   "relations.csv": ("subject", "relation", "object")}
_VALUE_ENTITIES = ("maker", "origin")     # systems.csv attributes whose value names entities ("France and Italy")


def _value_entities(value: str) -> list[str]:
    """The entities a systems.csv maker/origin value names: "EUROSAM (joint venture of ...)" -> [EUROSAM]."""
    return [x.strip() for x in re.split(r" and |, ", value.split(" (")[0]) if x.strip()]


def _check_knowledge(name: str, table: pd.DataFrame, path=None) -> list[str]:
    """Every problem of a cited table's rows besides its citations: unknown entities, an unknown
    relation, an empty cell where one is needed (see _ENTITY_COLUMNS, _FILLED_COLUMNS, RELATION_TYPES)."""
    import difflib

    file, known, problems = _table_file(name, path), set(entities(path)["entity"]), []

    def unknown(where, col, value):
        near = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{near[0]}'? Otherwise " if near else ""
        problems.append(f"{where}: {col} '{value}' is not an entity of entities.csv; {hint}add a row for it there "
                        "(entity, kind, affiliation, role, notes) or correct the name")

    for row_no, row in zip(table.index + 2, table.to_dict("records")):
        where = f"{file} row {row_no}"
        for col in _FILLED_COLUMNS.get(name, ()):
            if not row[col]:
                problems.append(f"{where}: {col} is empty; fill it in")
        for col in _ENTITY_COLUMNS.get(name, ()):
            if row[col] and row[col] not in known:
                unknown(where, col, row[col])
        if name == "systems.csv" and row["attribute"] in _VALUE_ENTITIES:
            for value in _value_entities(row["value"]):
                if value not in known:
                    unknown(where, f"{row['attribute']} value", value)
        if name == "relations.csv" and row["relation"]:
            if row["relation"] not in RELATION_TYPES:
                problems.append(f"{where}: relation '{row['relation']}' is not one of {', '.join(RELATION_TYPES)}; "
                                "use one of them (or add it to helpers.RELATION_TYPES)")
            elif RELATION_TYPES[row["relation"]] and not row["status"]:
                problems.append(f"{where}: a '{row['relation']}' row needs a status (the stage the article reports, "
                                "e.g. planned, agreed, delivered); fill it in")
    return problems


def cited_table(name: str, docs: pd.DataFrame, path=None, required=(), sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """A knowledge table whose rows cite an article quote or an outside source, each quote located.

    Parameters
    ----------
    name : the file in corpus/ (e.g. "relations.csv"); its rows give doc_id + quote,
        outside_source, or both.
    docs : the corpus from `load_corpus` (quotes are looked up in the cleaned text).
    sents : `sentences(docs)`, when you have them (to split the text only once).

    Returns
    -------
    The table with `sent_id` (the sentence holding the quote; <NA> for a row
    citing only an outside source) and `evidence` (that sentence). Rows citing
    a catalog article that `docs` leaves out (a filtered corpus) are dropped.

    Raises
    ------
    CorpusError naming the file and row of every quote that is not in its
    article, every unknown doc_id, every row that cites nothing, and (for
    memberships.csv, systems.csv, relations.csv) every name that is not in
    entities.csv, relation not in RELATION_TYPES and missing status.
    """
    file = _table_file(name, path)
    table = _read_table(name, path, ("doc_id", "quote", "outside_source", *required,
                                     *_FILLED_COLUMNS.get(name, ()), *_ENTITY_COLUMNS.get(name, ())))
    problems = _check_knowledge(name, table, path)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sents = sentences(docs) if sents is None else sents
    catalog = set(pd.read_csv(_corpus_path(path) / "articles.csv", dtype=str)["doc_id"].str.strip())
    table = table[~table["doc_id"].isin(catalog - set(texts))]
    ids, evidence = [], []
    for row_no, row in zip(table.index + 2, table.itertuples()):
        where, sid, ev = f"{file} row {row_no}", pd.NA, ""
        if row.doc_id and row.doc_id not in texts:
            problems.append(f"{where}: doc_id '{row.doc_id}' is not an article of the corpus; correct it, "
                            "or clear doc_id and quote and cite an outside_source")
        elif row.doc_id and (not row.quote or row.quote not in texts[row.doc_id]):
            problems.append(f"{where}: quote '{row.quote}' is not in the text of {row.doc_id}; copy the words "
                            "exactly from the cleaned article (helpers.load_corpus().text: curly quotes, dashes "
                            "and '$' as written there)")
        elif row.doc_id:
            at = texts[row.doc_id].index(row.quote)
            hit = sents[(sents["doc_id"] == row.doc_id) & (sents["start"] <= at)].iloc[-1]
            sid, ev = int(hit["sent_id"]), hit["text"]
            if row.quote not in ev:
                problems.append(f"{where}: quote '{row.quote}' runs past the end of sentence {sid} of {row.doc_id}; "
                                "cite words from one sentence (shorten the quote, or add a row for the next sentence)")
        elif not row.outside_source:
            problems.append(f"{where}: cites nothing; give a doc_id and the quote from that article, "
                            "or an outside_source")
        ids.append(sid)
        evidence.append(ev)
    if problems:
        raise CorpusError(problems)
    return table.assign(sent_id=pd.array(ids, dtype="Int64"), evidence=evidence)


def relations(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Edges between entities: typed ones from the knowledge tables, co-occurrence ones from the text.

    Typed: memberships.csv (member_of), systems.csv (maker -> produces;
    system -> origin), relations.csv (supplies, offered_to, stationed_in,
    withdrew_from, supports, opposes, ...), each quote located by
    `cited_table`. Co-occurrence: two distinct entities mentioned in the same
    sentence (source and target in alphabetical order).

    Pass ``sents=sentences(docs)`` when you have them, to split the text only once.

    Returns
    -------
    DataFrame with RELATION_COLUMNS, one row per piece of evidence; `count`
    is the number of rows the same (source, relation, target) has.
    """
    sents = sentences(docs) if sents is None else sents
    tables, problems = [], []
    for name, required in (("memberships.csv", ("since",)), ("systems.csv", ()), ("relations.csv", ("status",))):
        try:
            tables.append(cited_table(name, docs, path, required, sents=sents))
        except CorpusError as err:                     # report the problems of all three tables at once
            problems += err.problems
    if problems:
        raise CorpusError(problems)
    mem, sysm, rel = tables
    parts = [mem.assign(source=mem["member"], relation="member_of", target=mem["organization"],
                        detail=mem["status"] + mem["since"].map(lambda y: f" since {y}" if y else ""))]
    for attribute, relation in zip(_VALUE_ENTITIES, ("produces", "origin")):
        rows = sysm[sysm["attribute"] == attribute].copy()
        rows = rows.assign(value=rows["value"].map(_value_entities)).explode("value")
        ends = (rows["value"], rows["system"]) if relation == "produces" else (rows["system"], rows["value"])
        parts.append(rows.assign(source=ends[0], relation=relation, target=ends[1], detail=""))
    details = rel[["system", "status", "quantity", "value", "date"]].copy()
    details.loc[details["system"] == rel["object"], "system"] = ""      # "opposes S-400 (S-400)"
    parts.append(rel.assign(source=rel["subject"], target=rel["object"],
                            detail=["; ".join(v for v in r if v) for r in details.itertuples(index=False)]))
    typed = pd.concat(parts, ignore_index=True).assign(kind="typed").drop_duplicates(   # said by two tables
        ["source", "relation", "target", "detail", "doc_id", "sent_id", "outside_source"])
    ments = mentions(docs, path, sents=sents)
    text_of = sents.set_index(["doc_id", "sent_id"])["text"]
    pairs = [(a, b, d, s) for (d, s), g in ments.groupby(["doc_id", "sent_id"])
             for a, b in itertools.combinations(sorted(set(g["entity"])), 2)]
    co = pd.DataFrame(pairs, columns=["source", "target", "doc_id", "sent_id"]).assign(
        relation="co-occurs", kind="co-occurrence", detail="", outside_source="")
    co["evidence"] = [text_of[k] for k in zip(co["doc_id"], co["sent_id"])]
    table = pd.concat([typed, co], ignore_index=True)
    table["count"] = table.groupby(["source", "relation", "target"])["kind"].transform("size")
    table["sent_id"] = table["sent_id"].astype("Int64")
    return table[RELATION_COLUMNS]


def transfers(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The arms-transfer register in the manner of SIPRI: supplier -> recipient -> system -> status -> quantity/value -> date.

    From relations.csv rows whose relation is in TRANSFER_RELATIONS. Every
    row cites its article sentence (doc_id, sent_id, quote) or an outside
    source; quantity, value and date are the text's own words and each gets
    the sentence it stands in (`<cell>_sent_id`, nearest to the quote).

    Raises
    ------
    CorpusError when such a cell's words are not in the cited article.
    """
    sents = sentences(docs) if sents is None else sents
    rel = cited_table("relations.csv", docs, path, ("status", "quantity", "value", "date", "notes"), sents=sents)
    rel = rel[rel["relation"].isin(TRANSFER_RELATIONS)]
    buys = rel["relation"] == "buys"
    reg = rel.assign(supplier=rel["object"].where(buys, rel["subject"]), recipient=rel["subject"].where(buys, rel["object"]))
    problems = []
    for col in ("quantity", "value", "date"):
        ids = []
        for i, row in reg.iterrows():
            found = sents[(sents["doc_id"] == row["doc_id"]) & sents["text"].str.contains(row[col], regex=False)]
            if row[col] and row["doc_id"] and found.empty:
                problems.append(f"{_table_file('relations.csv', path)} row {i + 2}: {col} '{row[col]}' is not in "
                                f"the text of {row['doc_id']}; write it as the article does, or put it in notes")
            near = (found["sent_id"] - row["sent_id"]).abs().sort_values() if row[col] and len(found) else []
            ids.append(found.loc[near.index[0], "sent_id"] if len(near) else pd.NA)
        reg[f"{col}_sent_id"] = pd.array(ids, dtype="Int64")
    if problems:
        raise CorpusError(problems)
    return reg[["supplier", "recipient", "system", "status", "quantity", "quantity_sent_id", "value", "value_sent_id",
                "date", "date_sent_id", "doc_id", "sent_id", "quote", "outside_source", "notes"]].reset_index(drop=True)


# ---------------------------------------------------------------------------
# 7. Events
# ---------------------------------------------------------------------------

# Time expressions are found by a small rule-based tagger (compiled regexes over
# the cleaned text) and resolved against the article's *reference date*, the day
# its relative dates count from (a repost keeps its original's). Every rule and
# its reading is listed in EVENT_RULES. Nothing that looks like a date is dropped
# silently: vague expressions ("earlier", "a day after"), impossible dates
# ("February 30") and date-like words no rule reads are in `unresolved_times`.
#
# Tense: a month, weekday or day named without a year is read as the latest one up
# to the reference date (past), unless a future cue (will, would, 'll, plans/hopes/
# expects/intends/aims to, going to, is/are to, set to, scheduled, next, coming,
# upcoming) stands before it in its clause, or in the expression itself ("next
# Friday"). The cue governs what follows it: in "It said on Monday it would deliver
# in October", Monday is past and October future. A clause runs between commas,
# semicolons, colons, dashes, brackets and quotes.

PRECISIONS = ("day", "week", "month", "quarter", "half", "season", "year", "decade")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
               "Oct": 10, "Nov": 11, "Dec": 12}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}   # first month (northern)
_REL_STEP = {"next": 1, "coming": 1, "following": 1, "last": -1, "past": -1, "previous": -1}   # "this": 0

_MONTH = "(?P<month>" + "|".join(_MONTHS) + ")"
_MONTH_DAY = ("(?P<month>" + "|".join(_MONTHS) + "|(?:" + "|".join(sorted(_MONTH_ABBR, key=len, reverse=True))
              + r")\.?)")
_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
_NUM = "(?P<n>" + "|".join(_NUMBER_WORDS) + r"|\d{1,3})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
# A year is four digits 1800-2099 standing alone: not inside a longer number ("6058530408001",
# "13,000", "2.5"), not a model or price ("S-400", "$2015"), not a count of something ("2000 troops").
_COUNTED = r"troops|soldiers|people|personnel|miles|km|kilometers|kilometres|meters|metres|feet|tons|tonnes|" \
           r"dollars|euros|missiles|aircraft|jets|planes|units|members|times|percent|batteries"
_YEAR_AT = r"(?<![\w$€£.,/-]){g}(?![\w%]|[.,/-]\d|-\w|\s+(?:" + _COUNTED + r")\b)"
_YEAR = _YEAR_AT.format(g=r"(?P<year>1[89]\d\d|20\d\d)")
_PREP = r"(?:\b(?:[Ii]n|[Dd]uring|[Oo]n|[Aa]t|[Bb]y) )?"

_FUTURE = re.compile(r"\b(?:will|won't|shall|would|going to|(?:plans?|planned|planning|hopes?|hoping|expects?|expected|"
                     r"intends?|aims?|wants?|is|are|set) to|scheduled|upcoming|coming|next)\b|'ll\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\s-\s")


def _tense(sentence: str, start: int, end: int) -> str:
    """'future' when a future cue stands before the expression in its clause, or in it; else 'past'."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    return "future" if _FUTURE.search(sentence, breaks[-1] if breaks else 0, end) else "past"


# --- calendar spans (inclusive first and last day)

def _day(d) -> pd.Timestamp:
    return pd.Timestamp(d).normalize()


def _month_span(year: int, month: int) -> tuple:
    start = pd.Timestamp(year, month, 1)
    return start, start + pd.offsets.MonthEnd(0)


def _months_span(year: int, first: int, n: int) -> tuple:
    """n calendar months from (year, first); they may run into the next year."""
    start = pd.Timestamp(year, 1, 1) + pd.DateOffset(months=first - 1)
    return start, start + pd.DateOffset(months=n) - pd.Timedelta(days=1)


def _years_span(first: int, last: int) -> tuple:
    return pd.Timestamp(first, 1, 1), pd.Timestamp(last, 12, 31)


def _decade_span(year: int) -> tuple:
    return _years_span(year // 10 * 10, year // 10 * 10 + 9)


def _unit_span(day, unit: str) -> tuple:
    """The calendar day, week (Monday to Sunday), month, year or decade containing `day`."""
    if unit == "week":
        monday = day - pd.Timedelta(days=day.weekday())
        return monday, monday + pd.Timedelta(days=6)
    return {"day": lambda: (day, day), "month": lambda: _month_span(day.year, day.month),
            "year": lambda: _years_span(day.year, day.year), "decade": lambda: _decade_span(day.year)}[unit]()


def _offset(n: int, unit: str):
    return pd.DateOffset(years=10 * n) if unit == "decade" else pd.DateOffset(**{unit + "s": n})


def _wider(unit: str) -> str:
    """The precision one step wider than a unit (two weeks are vaguer than a week)."""
    order = ("day", "week", "month", "year", "decade")
    return order[min(order.index(unit) + 1, len(order) - 1)]


def _num(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


def _unit(g) -> str:
    return g["unit"].lower().rstrip("s")


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return _MONTHS.index(name) + 1 if name in _MONTHS else _MONTH_ABBR[name]


def _month_year(month: int, ref, tense: str) -> int:
    """The year of a month named without one: the latest such month up to the reference
    month, or, in the future, the first from the reference month on."""
    if tense == "future":
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _relative_year(rel: str | None, ref) -> int:
    return ref.year + _REL_STEP.get(rel or "", 0)


# --- resolvers: (groups of the match, reference date, tense) -> (start, end, precision, other reading)
# The "other reading" is where a cyclic expression lands one cycle further back (or on, for the
# future): "last July" in October is July of this year by the calendar, but a reader may mean a
# year earlier. It is used only to spot conflicts between articles, never as the answer.
# Groups `rel`, `edge`, `part`, `ord` and `word` arrive lower-cased; absent groups are None.

def _r_full_date(g, ref, tense):
    day = pd.Timestamp(int(g["year"]), int(g["mm"]) if g.get("mm") else _month_number(g["month"]), int(g["d"]))
    return day, day, "day", None


def _r_month_day(g, ref, tense):
    """July 24 or 24 July without a year: the latest such day up to the reference date, or the first
    from it on in the future (February 29 goes to the nearest leap year)."""
    month, d = _month_number(g["month"]), int(g["d"])
    days = []
    for year in range(ref.year - 8, ref.year + 9):
        try:
            days.append(pd.Timestamp(year, month, d))
        except ValueError:
            continue
    if not days:
        raise ValueError(f"{g['month']} {d} is not a day on the calendar")
    if tense == "future":
        day, other = [x for x in days if x >= ref][:2]
    else:
        other, day = [x for x in days if x <= ref][-2:]
    return day, day, "day", (other, other)


def _r_month_year(g, ref, tense):
    return (*_month_span(int(g["year"]), _month_number(g["month"])), "month", None)


def _r_year(g, ref, tense):
    return (*_years_span(int(g["year"]), int(g["year"])), "year", None)


def _r_year_range(g, ref, tense):
    """2016-2017, 2016–17: the years from the first to the last, precision 'year' (the unit the text counts in)."""
    first, last = int(g["year"]), g["year2"]
    last = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if last <= first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    return (*_years_span(first, last), "year", None)


def _r_decade(g, ref, tense):
    return (*_decade_span(int(g["decade"])), "decade", None)


def _r_bare_month(g, ref, tense):
    month = _month_number(g["month"])
    year = _month_year(month, ref, tense)
    other = _month_span(year + (1 if tense == "future" else -1), month)
    return (*_month_span(year, month), "month", other)


def _r_rel_month(g, ref, tense):
    """last July: the latest July before the reference month; next July: the first after it;
    this July: July of the reference year."""
    month, step = _month_number(g["month"]), _REL_STEP.get(g["rel"], 0)
    year = ref.year
    if step < 0 and month >= ref.month or step > 0 and month <= ref.month:
        year += step
    return (*_month_span(year, month), "month", _month_span(year + step, month) if step else None)


def _r_weekday(g, ref, tense):
    """The latest such weekday on or before the reference date (strictly before for 'last'),
    or on or after it in the future (strictly after for 'next')."""
    target, rel = _WEEKDAYS.index(g["weekday"]), g["rel"]
    step = 1 if rel == "next" or (rel != "last" and tense == "future") else -1
    gap = (step * (target - ref.weekday())) % 7 or (7 if rel in ("next", "last") else 0)
    day = ref + pd.Timedelta(days=step * gap)
    other = day + pd.Timedelta(weeks=step)
    return day, day, "day", (other, other)


def _r_rel_unit(g, ref, tense):
    """last/this/next week, month, year, decade; 'earlier this month' runs from the month's first
    day to the reference date, 'later this year' from the reference date to the year's end."""
    unit, step = g["unit"], _REL_STEP.get(g["rel"], 0)
    span = _unit_span(ref + _offset(step, unit), unit)
    if g["edge"] and step == 0:
        span = (span[0], ref) if g["edge"] == "earlier" else (ref, span[1])
    return (*span, unit, None)


def _r_ago(g, ref, tense):
    """N days/weeks/months/years/decades ago: the day, week, month, year or decade that far back."""
    unit = _unit(g)
    return (*_unit_span(ref - _offset(_num(g["n"]), unit), unit), unit, None)


def _r_within(g, ref, tense):
    """within (the coming/next) N units, within the next unit: from the reference date to that far ahead."""
    n, unit = (_num(g["n"]), _unit(g)) if g["n"] else (1, g["unit1"])
    return ref, ref + _offset(n, unit), unit if n == 1 else _wider(unit), None


def _r_past_n(g, ref, tense):
    """the past/last N units: from that far back to the reference date."""
    n, unit = (_num(g["n"]), _unit(g)) if g["n"] else (1, g["unit1"])
    return ref - _offset(n, unit), ref, unit if n == 1 else _wider(unit), None


def _r_today(g, ref, tense):
    day = ref + pd.Timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"]])
    return day, day, "day", None


# Parts of a month are thirds (days 1-10, 11-20, 21-end; about a week and a half, precision
# "week"); parts of a year are quarters (early = Jan-Mar, late = Oct-Dec, precision "quarter"),
# except "mid" year = Apr-Sep (precision "half").
_PART = {"beginning": 0, "start": 0, "early": 0, "middle": 1, "mid": 1, "end": 2, "late": 2}


def _month_part(year: int, month: int, part: int) -> tuple:
    """Days 1-10, 11-20 or 21-end of a month."""
    first, last = _month_span(year, month)
    lo = first + pd.Timedelta(days=10 * part)
    return lo, (lo + pd.Timedelta(days=9) if part < 2 else last)


def _r_part(g, ref, tense):
    """beginning/middle/end of, early/mid/late: a third of a month or a quarter of a year."""
    part = _PART[g["part"]]
    if g["month"] or g.get("unit") == "month":
        if g["month"]:
            month = _month_number(g["month"])
            year = int(g["myear"]) if g["myear"] else _month_year(month, ref, tense)
        else:
            first = ref + pd.DateOffset(months=_REL_STEP.get(g["rel"] or "", 0))
            year, month = first.year, first.month
        cyclic = g["month"] and not g["myear"]
        other = _month_part(year + (1 if tense == "future" else -1), month, part) if cyclic else None
        return *_month_part(year, month, part), "week", other
    year = int(g["year"]) if g["year"] else _relative_year(g.get("rel"), ref)
    if part == 1:
        return *_months_span(year, 4, 6), "half", None
    return *_months_span(year, 1 + 9 * (part // 2), 3), "quarter", None


def _r_half(g, ref, tense):
    """first/second half (of a year): Jan-Jun or Jul-Dec."""
    year = int(g["year"]) if g["year"] else _relative_year(g["rel"], ref)
    return *_months_span(year, 1 if g["ord"] in ("first", "1st") else 7, 6), "half", None


def _r_quarter(g, ref, tense):
    """first .. fourth (or last) quarter of a year."""
    year = int(g["year"]) if g["year"] else _relative_year(g["rel"], ref)
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
    return *_months_span(year, 3 * q[g["ord"]] - 2, 3), "quarter", None


def _r_season(g, ref, tense):
    """Meteorological seasons (northern hemisphere): spring Mar-May, summer Jun-Aug,
    autumn/fall Sep-Nov, winter Dec-Feb (winter 2016 = Dec 2016 - Feb 2017). 'last summer' is the
    latest summer that has ended by the reference date, 'next summer' the first not yet begun,
    'this summer' the one of the reference year."""
    first = _SEASONS[g["season"].lower()]
    spans = {y: _months_span(y, first, 3) for y in range(ref.year - 2, ref.year + 2)}
    step = _REL_STEP.get(g["rel"] or "", 0)
    if g["year"]:
        year = int(g["year"])
    elif step < 0:
        year = max(y for y, (a, b) in spans.items() if b < ref)
    elif step > 0:
        year = min(y for y, (a, b) in spans.items() if a > ref)
    else:
        year = ref.year if first != 12 or ref.month > 2 else ref.year - 1
    return *_months_span(year, first, 3), "season", None


_ORD_HALF = r"(?P<ord>first|second|1st|2nd)"
_ORD_Q = r"(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)"
_OF_YEAR = r" of (?:" + _YEAR + r"|(?:the )?(?P<rel>next|last|this|coming|previous) year|the year)"
_MYEAR = _YEAR_AT.format(g=r"(?P<myear>1[89]\d\d|20\d\d)")
_OF_ANCHOR = (r"(?:" + _MONTH + r"(?:,? " + _MYEAR + r")?|" + _YEAR
              + r"|(?:the |this |(?P<rel>next|last) )?(?P<unit>year|month))")
# after "mid-", "early-", "late-" the year follows a hyphen, which _YEAR alone refuses ("F-2000")
_NAMED_ANCHOR = r"(?:" + _MONTH + r"(?:,? " + _MYEAR + r")?|" + _YEAR.replace(r"[\w$€£.,/-]", r"[\w$€£.,/]") + r")"
_THE = r"(?:\b(?:[Ii]n|[Dd]uring|[Bb]y) )?(?:\b[Tt]he )?\b"

# (rule name, compiled pattern, resolver). The longest match wins where rules overlap.
EVENT_RULES = [
    ("full date", re.compile(_PREP + r"\b" + _DAY + r" (?:of )?" + _MONTH_DAY + r",? " + _YEAR), _r_full_date),
    ("full date", re.compile(_PREP + r"\b" + _MONTH_DAY + r" " + _DAY + r",? " + _YEAR), _r_full_date),
    ("numeric date", re.compile(r"(?<![\w-])(?P<year>1[89]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])"),
     _r_full_date),
    ("month and day", re.compile(_PREP + r"\b" + _MONTH_DAY + r" " + _DAY + r"\b(?![,.]?\d)"), _r_month_day),
    ("month and day", re.compile(_PREP + r"(?<![\w$.,-])" + _DAY + r" (?:of )?" + _MONTH_DAY + r"(?!\w)"), _r_month_day),
    ("month and year", re.compile(_PREP + r"\b" + _MONTH + r",? (?:of )?" + _YEAR), _r_month_year),
    ("year", re.compile(_PREP + r"\b" + _YEAR), _r_year),
    ("year range", re.compile(_PREP + r"\b" + _YEAR_AT.format(
        g=r"(?P<year>1[89]\d\d|20\d\d) ?[-–] ?(?P<year2>1[89]\d\d|20\d\d|\d\d)")), _r_year_range),
    ("decade", re.compile(_PREP + r"(?:the )?(?<![\w$.,-])(?P<decade>1[89]\d0|20\d0)s\b"), _r_decade),
    ("month", re.compile(r"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]hrough) )?\b"
                         + _MONTH + r"\b(?!-)"), _r_bare_month),
    ("last/next month name", re.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming) " + _MONTH + r"\b"),
     _r_rel_month),
    ("weekday", re.compile(r"(?:\b(?:[Ll]ate|[Ee]arly|[Ll]ater|[Ee]arlier) )?(?:\b[Oo]n )?(?:\b(?P<rel>[Ll]ast|[Nn]ext|"
                           r"[Tt]his) )?\b" + _WEEKDAY + r"\b(?!s\b)"), _r_weekday),
    ("relative period", re.compile(r"(?:\b(?P<edge>[Ee]arlier|[Ll]ater) )?\b(?:[Tt]he )?(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|"
                                   r"coming|previous|following) (?P<unit>week|month|year|decade)\b(?!s)"), _r_rel_unit),
    ("ago", re.compile(r"\b" + _NUM + r" (?P<unit>days?|weeks?|months?|years?|decades?) ago\b"), _r_ago),
    ("within", re.compile(r"\b[Ww]ithin (?:(?:the (?:coming|next|following) )?" + _NUM + r" (?P<unit>days?|weeks?|"
                          r"months?|years?)|the (?:coming|next|following) (?P<unit1>day|week|month|year))\b"), _r_within),
    ("past N", re.compile(r"\b(?:[Tt]he )?(?:(?:[Pp]ast|[Ll]ast) " + _NUM + r" (?P<unit>days|weeks|months|years)"
                          r"|[Pp]ast (?P<unit1>day|week|month|year))\b"), _r_past_n),
    ("today", re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow)\b"), _r_today),
    ("part of period", re.compile(r"(?:\b(?:[Aa]t|[Ii]n|[Bb]y|[Ff]rom|[Uu]ntil|[Tt]owards?) )?(?:\b[Tt]he )?\b"
                                  r"(?P<part>beginning|start|middle|end) of " + _OF_ANCHOR + r"\b"), _r_part),
    ("part of period", re.compile(r"(?:\b(?:[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince) )?\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ]"
                                  + _NAMED_ANCHOR), _r_part),
    ("half year", re.compile(_THE + _ORD_HALF + r" half" + _OF_YEAR), _r_half),
    ("quarter", re.compile(_THE + _ORD_Q + r" quarter" + _OF_YEAR), _r_quarter),
    ("season", re.compile(_THE + r"(?:(?P<rel>last|next|this|coming|past) )?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|"
                          r"[Ff]all|[Ww]inter)(?(rel)|(?: of)? " + _YEAR + r")\b"), _r_season),
]
_NEEDS_TENSE = {"month", "weekday", "month and day"}       # and a part of a month named without a year
_LOWER = ("rel", "edge", "part", "ord", "word")

# Vague expressions: found and listed with the reason they are not placed on the calendar.
VAGUE_RULES = [
    (re.compile(r"\b[Ii]n the (?:days|weeks|months|years) since\b|\b[Ss]ince then\b"),
     "counts from an earlier happening, not from a date: look for that happening's date"),
    (re.compile(r"\b(?:a|one|two|three|several|a few) (?:days?|weeks?|months?|years?) (?:after|before|later|earlier)\b"),
     "counts from another happening, not from the reference date"),
    (re.compile(r"\b[Ee]arlier\b(?! this| last| in\b| on\b)|\b[Rr]ecently\b|\b[Ii]n the past\b|\b[Pp]reviously\b"),
     "some time before the reference date, by an amount the text does not give"),
    (re.compile(r"\b(?:[Ii]n the )?(?:coming|next) (?:days|weeks|months|years)\b|\b[Ss]oon\b|"
                r"\b[Ww]ithin (?:days|weeks|months|years)\b"),
     "some time after the reference date, by an amount the text does not give"),
    (re.compile(r"\b[Cc]urrently\b|\b[Aa]s we speak\b|\b[Aa]t present\b|\b[Nn]ow\b"),
     "the present of the article (its reference date), a state rather than a happening"),
]
# A month name or a year-like number that no rule above covers. Counts, prices and model names
# ("2000 troops", "$2015", "F-2000") and numbers inside longer ones are not date-like; nor are
# "May" and "March" alone, which are also words.
_DATE_LIKE = re.compile(r"(?<![\d.,$€£])(?<![A-Z]-)(?:1[89]\d\d|20\d\d)(?![\d%]|,\d|\s+(?:" + _COUNTED + r")\b)|\b(?:"
                        + "|".join(m for m in _MONTHS if m not in ("May", "March")) + r")\b")
_DATE_LIKE_REASON = "looks like a date, but no rule places it on the calendar"

# A cheap first pass finds anchor words; each rule runs only in the stretches around the
# anchors it needs (a weekday rule where a weekday is named, ...). Anchors only need recall.
_ANCHOR = re.compile(r"(?P<month>\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
                     r"|(?P<weekday>\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
                     r"|(?P<unit>\b(?:day|week|month|year|decade)s?\b)"
                     r"|(?P<day>\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b)"
                     r"|(?P<season>\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\b)"
                     r"|(?P<digits>\d{4})")
_TRIGGERS = {"full date": {"month"}, "numeric date": {"digits"}, "month and day": {"month"},
             "month and year": {"month"}, "month": {"month"}, "last/next month name": {"month"}, "year": {"digits"},
             "year range": {"digits"}, "decade": {"digits"}, "weekday": {"weekday"}, "relative period": {"unit"},
             "ago": {"unit"}, "within": {"unit"}, "past N": {"unit"}, "today": {"day"},
             "part of period": {"month", "digits", "unit"}, "half year": {"digits", "unit"},
             "quarter": {"digits", "unit"}, "season": {"season"}}


def _windows(text: str, spans, before: int = 50, after: int = 40) -> list[tuple]:
    """Stretches worth giving to the rules, as (start, end, anchor kinds): from `before`
    characters ahead of each anchor to `after` past it, cut at spaces so no word is split,
    kept within its span, overlapping stretches merged. The longest expression
    ("At the beginning of June") fits."""
    out = []
    for s0, s1 in spans:
        for m in _ANCHOR.finditer(text, s0, s1):
            a, b = m.start() - before, m.end() + after
            a = s0 if a <= s0 else text.find(" ", a, m.start()) + 1 or a
            b = s1 if b >= s1 else (text.rfind(" ", m.end(), b) if text.rfind(" ", m.end(), b) > 0 else b)
            if out and a <= out[-1][1] and out[-1][0] >= s0:
                out[-1] = (out[-1][0], max(out[-1][1], b), out[-1][2] | {m.lastgroup})
            else:
                out.append((a, b, {m.lastgroup}))
    return out


def _candidates(text: str, spans=None) -> list[tuple]:
    """Every rule match in a text as (start, end, rule, match, resolver), overlaps removed:
    the longest match wins, then the earliest. 'May' and 'March' alone need a preposition
    ("in May"), since they are also verbs. A match never crosses one of `spans`."""
    found = []
    for s0, s1, kinds in _windows(text, spans or [(0, len(text))]):
        for name, rx, resolve in EVENT_RULES:
            if kinds & _TRIGGERS[name]:
                found += [(m.start(), m.end(), name, m, resolve) for m in rx.finditer(text, s0, s1)
                          if not (name == "month" and m.group(0) in ("May", "March"))]
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    kept = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f[0])


def tag_times(text: str, reference_date, sentence_bounds=None, failed: list | None = None) -> list[dict]:
    """Find and resolve the time expressions in one text.

    Parameters
    ----------
    text : the text (a sentence or a whole article).
    reference_date : the day relative expressions count from (str or date).
    sentence_bounds : optional list of (start, end) of sentences in `text`, used to
        read each expression's tense from its own sentence (default: the whole text).
    failed : optional list; matches that cannot be placed ("February 30") are appended to it
        with their reason.

    Returns
    -------
    One dict per expression: surface, char_start, char_end, start, end (inclusive
    Timestamps), precision, rule, tense ('past'/'future' where the reading depends
    on it, else ''), and other_start/other_end (the reading one cycle away, or NaT).
    """
    ref = _day(reference_date)
    bounds = sentence_bounds or [(0, len(text))]
    starts = [b[0] for b in bounds]
    rows = []
    for a, b, name, m, resolve in _candidates(text, bounds):
        s0, s1 = bounds[max(0, bisect.bisect_right(starts, a) - 1)]
        tense = _tense(text[s0:s1], a - s0, b - s0)
        g = {k: v.lower() if v and k in _LOWER else v for k, v in m.groupdict().items()}
        try:
            start, end, precision, other = resolve(g, ref, tense)
        except ValueError as exc:        # e.g. "February 30": not a day on the calendar
            if failed is not None:
                failed.append({"surface": m.group(0), "char_start": a, "char_end": b,
                               "reason": f"looks like a date but cannot be placed: {exc}"})
            continue
        needs_tense = name in _NEEDS_TENSE or (name == "part of period" and g["month"] and not g["myear"])
        rows.append({"surface": m.group(0), "char_start": a, "char_end": b, "start": start, "end": end,
                     "precision": precision, "rule": name, "tense": tense if needs_tense else "",
                     "other_start": other[0] if other else pd.NaT, "other_end": other[1] if other else pd.NaT})
    return rows


def _docs_sentences(docs: pd.DataFrame, sents: pd.DataFrame | None):
    """(doc row, that article's sentences, their (start, end) bounds) per article."""
    sents = sentences(docs) if sents is None else sents
    by_doc = dict(tuple(sents.groupby("doc_id", sort=False)))
    for doc in docs.itertuples():
        ss = by_doc.get(doc.doc_id, sents.iloc[0:0])
        yield doc, ss, list(zip(ss["start"], ss["end"]))


def _sentence_at(bounds: list, char: int):
    """The index of the sentence (start, end) in `bounds` that contains offset `char`, or None."""
    i = bisect.bisect_right(bounds, (char, float("inf"))) - 1
    return i if i >= 0 and char < bounds[i][1] else None


def time_expressions(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every resolved time expression of every article, counted from its reference_date.

    Returns doc_id, sent_id, surface, start, end (inclusive, datetime64), precision,
    char_start, char_end (offsets into the cleaned text), rule, tense, reference_date,
    other_start, other_end. See `tag_times` for the rules.
    """
    if "reference_date" not in docs:
        raise ValueError("docs has no reference_date column; load it with helpers.load_corpus()")
    rows = []
    for doc, ss, bounds in _docs_sentences(docs, sents):
        if pd.isna(doc.reference_date):
            raise ValueError(f"{doc.doc_id}: no reference_date; set it (or published) in articles.csv")
        for row in tag_times(doc.text, doc.reference_date, bounds):
            i = _sentence_at(bounds, row["char_start"])
            rows.append({"doc_id": doc.doc_id, "sent_id": 0 if i is None else ss["sent_id"].iat[i], **row,
                         "reference_date": _day(doc.reference_date)})
    cols = ["doc_id", "sent_id", "surface", "start", "end", "precision", "char_start", "char_end", "rule",
            "tense", "reference_date", "other_start", "other_end"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("start", "end", "reference_date", "other_start", "other_end"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    return out


def unresolved_times(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Everything time-like not placed on the calendar, each once with its reason: vague
    expressions ("earlier", "a day after", "currently"), dates that cannot be placed
    ("February 30") and month names or years no rule reads. Parts of a resolved expression
    are not repeated. Returns doc_id, sent_id, surface, char_start, char_end, reason, sentence."""
    rows = []
    for doc, ss, bounds in _docs_sentences(docs, sents):
        found: list[dict] = []
        covered = [(r["char_start"], r["char_end"]) for r in tag_times(doc.text, doc.reference_date, bounds, found)]
        covered += [(f["char_start"], f["char_end"]) for f in found]
        for rx, reason in VAGUE_RULES + [(_DATE_LIKE, _DATE_LIKE_REASON)]:
            for m in rx.finditer(doc.text):
                if not any(a <= m.start() < b for a, b in covered):
                    found.append({"surface": m.group(0), "char_start": m.start(), "char_end": m.end(), "reason": reason})
                    covered.append(m.span())
        for f in found:
            i = _sentence_at(bounds, f["char_start"])
            rows.append({"doc_id": doc.doc_id, "sent_id": 0 if i is None else ss["sent_id"].iat[i], **f,
                         "sentence": "" if i is None else ss["text"].iat[i]})
    cols = ["doc_id", "sent_id", "surface", "char_start", "char_end", "reason", "sentence"]
    return pd.DataFrame(rows, columns=cols).sort_values(["doc_id", "char_start"], ignore_index=True)


_STOPWORDS = frozenset(
    "the a an and or but nor of to in on at by for with from that this these those is are was were be been being has "
    "have had having not no its it as which who whom whose he she they them his her their there than then also would "
    "could should will shall may might can must said says say told tell over into after before about such some more "
    "most other only new very what when where while because since until just even still already ever against between "
    "during within without under upon across toward towards among through both each every many much own same so too "
    "does did done doing says".split())
_TIME_WORDS = frozenset(w.lower() for w in (*_MONTHS, *_WEEKDAYS, *_SEASONS, *_NUMBER_WORDS)) | frozenset(
    "day days week weeks month months year years decade decades ago last next earlier later early late mid "
    "beginning start end middle half quarter first second coming past previous following today yesterday tomorrow "
    "within".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")


def _stem(word: str) -> str:
    """A light stem so 'attempted' meets 'attempt' and 'withdrawals' meets 'withdrawal'."""
    word = word.lower().removesuffix("'s").strip("'-")
    for suffix in ("ing", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _window_terms(text: str, a: int, b: int, words: int = 10) -> set[str]:
    """Content words (stemmed) within `words` words either side of text[a:b], the expression excluded."""
    before = _WORD.findall(text[:a])[-words:]
    after = _WORD.findall(text[b:])[:words]
    return {_stem(w) for w in before + after if w.lower() not in _STOPWORDS | _TIME_WORDS and not w[0].isdigit()}


def _overlap(a0, a1, b0, b1) -> bool:
    return pd.notna(a0) and pd.notna(b0) and a0 <= b1 and b0 <= a1


def _happenings(ev: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Group expressions of different articles that report the same happening.

    Rule: two expressions from different articles are linked when (1) the words around them
    (ten words either side) share a *rare* term, one found in at most 5% of the corpus's
    sentences (and at least two), and (2) their intervals overlap. When the intervals overlap
    only under the other calendar reading of a cyclic expression ("last July" read a year
    earlier), they are linked too and both rows get a `conflict` note. Groups are the
    connected links. Returns happening, reported_by, n_articles, linked_by, conflict per row.
    """
    texts = {(r.doc_id, r.sent_id): r.text for r in sents.itertuples()}
    df: dict[str, int] = {}
    for text in texts.values():
        for term in {_stem(w) for w in _WORD.findall(text)}:
            df[term] = df.get(term, 0) + 1
    rare_max = max(2, int(0.05 * len(texts)))
    sent_start = {(r.doc_id, r.sent_id): r.start for r in sents.itertuples()}
    keys = []
    for r in ev.itertuples():
        s0 = sent_start[(r.doc_id, r.sent_id)]
        terms = _window_terms(texts[(r.doc_id, r.sent_id)], r.char_start - s0, r.char_end - s0)
        keys.append({t for t in terms if df.get(t, 0) <= rare_max})
    n = len(ev)
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked_by = [set() for _ in range(n)]
    conflict = [[] for _ in range(n)]
    rows = list(ev.itertuples())
    for i in range(n):
        for j in range(i + 1, n):
            a, b = rows[i], rows[j]
            shared = keys[i] & keys[j]
            if a.doc_id == b.doc_id or not shared:
                continue
            same = _overlap(a.start, a.end, b.start, b.end)
            a_other = _overlap(a.other_start, a.other_end, b.start, b.end)
            b_other = _overlap(a.start, a.end, b.other_start, b.other_end)
            if not (same or a_other or b_other):
                continue
            parent[root(i)] = root(j)
            linked_by[i] |= shared
            linked_by[j] |= shared
            if not same:
                cyc, fix = (i, j) if a_other else (j, i)
                c, f = rows[cyc], rows[fix]
                conflict[cyc].append(f"{f.doc_id} sentence {f.sent_id} dates this happening {_span_text(f)} "
                                     f"('{f.surface}'); the calendar reading here is {_span_text(c)}")
                conflict[fix].append(f"{c.doc_id} sentence {c.sent_id} ('{c.surface}') reads, by the calendar, "
                                     f"{_span_text(c)}, not {_span_text(f)}")
    groups = [root(i) for i in range(n)]
    first = {}
    for g, start in sorted(zip(groups, ev["start"]), key=lambda x: x[1]):
        first.setdefault(g, len(first) + 1)
    docs_in = {}
    for g, d in zip(groups, ev["doc_id"]):
        docs_in.setdefault(g, set()).add(d)
    return pd.DataFrame({
        "happening": [f"H{first[g]:02d}" for g in groups],
        "reported_by": ["; ".join(sorted(docs_in[g])) for g in groups],
        "n_articles": [len(docs_in[g]) for g in groups],
        "linked_by": ["; ".join(sorted(t)) for t in linked_by],
        "conflict": [" | ".join(c) for c in conflict],
    }, index=ev.index)


def _span_text(row) -> str:
    """A resolved interval in words: 2016-07-15, 2016-07, 2016, or start to end."""
    start, end, precision = row.start, row.end, row.precision
    if start == end:
        return f"{start:%Y-%m-%d}"
    if precision == "month" and start.day == 1 and end == start + pd.offsets.MonthEnd(0):
        return f"{start:%Y-%m}"
    if precision == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start:%Y}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def _names_by_sentence(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per (doc_id, sent_id): the actors (people, organizations, countries, alliances) and
    systems (weapon systems) named in the sentence, as '; '-joined names."""
    m = mentions(docs, path, sents=sents)
    cols = {"actors": m["kind"].isin(ACTOR_KINDS), "systems": m["kind"] == "weapon_system"}
    out = None
    for col, keep in cols.items():
        names = (m[keep].groupby(["doc_id", "sent_id"])["entity"]
                 .agg(lambda s: "; ".join(sorted(set(s)))).rename(col))
        out = names.to_frame() if out is None else out.join(names, how="outer")
    return out.reset_index().fillna("")


def events(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The chronology: every resolved time expression with its evidence and its happening.

    Parameters
    ----------
    docs : from `load_corpus`; relative dates count from each row's ``reference_date``.
    path : the corpus folder whose knowledge tables name actors and systems (default: ``corpus/``).
    sents : the sentences of `docs` when already computed.

    Returns
    -------
    One row per expression: doc_id, sent_id, surface, start, end (inclusive datetime64),
    precision, then outlet, published, reference_date, sentence, actors, systems, lag_days
    (days from the interval's end to publication; negative for what was still to come), rule,
    tense, char_start, char_end, and the grouping of `_happenings`: happening, reported_by,
    n_articles, linked_by, conflict. Vague expressions are in `unresolved_times`.
    """
    sents = sentences(docs) if sents is None else sents
    ev = time_expressions(docs, sents)
    happenings = _happenings(ev, sents)
    ev = ev.join(happenings)
    ev = ev.merge(sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}), on=["doc_id", "sent_id"], how="left")
    ev = ev.merge(_names_by_sentence(docs, path, sents), on=["doc_id", "sent_id"], how="left")
    ev = ev.merge(docs[["doc_id", "outlet", "published"]], on="doc_id", how="left")
    ev[["actors", "systems"]] = ev[["actors", "systems"]].fillna("")
    ev["lag_days"] = (ev["published"] - ev["end"]).dt.days
    cols = ["doc_id", "sent_id", "surface", "start", "end", "precision", "outlet", "published", "reference_date",
            "sentence", "actors", "systems", "lag_days", "happening", "reported_by", "n_articles", "linked_by",
            "conflict", "rule", "tense", "char_start", "char_end", "other_start", "other_end"]
    return ev[cols].sort_values(["start", "end", "doc_id", "sent_id"], ignore_index=True)


# ---------------------------------------------------------------------------
# 8. Showing results: filters, evidence tables, the provenance stamp
# ---------------------------------------------------------------------------


def setup_notebook() -> None:
    """Call once at the top of a notebook: safe defaults for showing corpus text.

    Styler escapes HTML (article text is untrusted data), itables works
    offline (its library is embedded in the page), figures have one size.
    """
    import itables
    import matplotlib.pyplot as plt

    pd.set_option("styler.format.escape", "html")
    itables.init_notebook_mode(all_interactive=False, connected=False)
    plt.rcParams.update({"figure.figsize": (9, 3.5), "figure.dpi": 96, "axes.spines.top": False,
                         "axes.spines.right": False})


def show_table(table: pd.DataFrame, caption: str | None = None, **options) -> None:
    """Show a table readers can search, sort and page, in JupyterLab and in exported HTML.

    Cell content is escaped (itables never gets ``allow_html``), so corpus
    text is shown, never run. Every table keeps its search box, even a short
    one (itables would hide it); paging controls appear past 10 rows. Date
    columns without a time of day are shown as dates (YYYY-MM-DD). A wide
    table scrolls sideways, and columns of prose get room to be read.
    """
    import itables

    days = [c for c, col in table.items() if pd.api.types.is_datetime64_any_dtype(col)
            and col.dropna().eq(col.dropna().dt.normalize()).all()]
    table = table.assign(**{c: table[c].dt.date for c in days})
    long = len(table) > 10
    layout = {"topStart": "pageLength" if long else None, "topEnd": "search",
              "bottomStart": "info", "bottomEnd": "paging" if long else None}
    prose = [i for i, (c, col) in enumerate(table.items())          # sentences, quotes, evidence: give them room
             if col.dtype != "datetime64[ns]" and col.astype(str).str.len().mean() > 60]
    options = {"showIndex": False, "classes": "display compact", "layout": layout, "scrollX": True,
               "columnDefs": [{"targets": prose, "width": "32em"}] if prose else [], **options}
    itables.show(table, caption=caption, table_id=_table_id(table, caption, options), **options)


def _table_id(table: pd.DataFrame, caption, options: dict) -> str:
    """An HTML id made from the table's content, so a rebuilt page is byte-identical.

    Two tables share an id only when they show the same rows the same way, so
    either one's script may draw either table.
    """
    key = f"{table.to_csv()}\0{table.dtypes.to_dict()}\0{caption}\0{sorted(options.items())}"
    return "itables_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def timeline(docs: pd.DataFrame, ax=None):
    """Publication dates by outlet: one row per outlet, a dot per article, a hollow
    ring at the reference date where it differs from publication."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 0.6 + 0.5 * docs["outlet"].nunique()))[1]
    outlets = sorted(docs["outlet"].unique())
    y = docs["outlet"].map({o: i for i, o in enumerate(outlets)})
    ax.scatter(docs["published"], y, zorder=3, label="published")
    moved = docs["reference_date"] != docs["published"]
    ax.scatter(docs.loc[moved, "reference_date"], y[moved], facecolors="none", edgecolors="C1", zorder=3,
               label="reference date (relative dates count from here)")
    ax.set_yticks(range(len(outlets)), [o if len(o) < 40 else o[:37] + "..." for o in outlets])
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize="small", frameon=False)
    return ax


def stamp(docs: pd.DataFrame, path=None) -> None:
    """Show where a page's results come from: corpus hash, run date, workbook version, packages.

    The output is marked (metadata ``workbook.stamp``) so the HTML export puts it in the page header.
    """
    import subprocess
    from importlib.metadata import version

    from IPython.display import display

    try:
        described = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], cwd=ROOT,
                                   capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        described = ""
    packages = ", ".join(f"{p} {version(p)}" for p in ("pandas", "matplotlib", "itables", "ipywidgets"))
    lines = [f"Corpus: {len(docs)} articles, sha256 {corpus_hash(path)[:16]}",
             f"Run date: {dt.date.today().isoformat()}",
             f"Workbook version: {described or 'unknown (not a git checkout)'}",
             f"Packages: {packages}"]
    display({"text/plain": "\n".join(lines)}, raw=True, metadata={"workbook": {"stamp": True}})


def describe_corpus(docs: pd.DataFrame) -> str:
    """One computed sentence on the corpus: articles, outlets, date span."""
    first, last = docs["published"].min(), docs["published"].max()
    return (f"{len(docs)} articles from {docs['outlet'].nunique()} outlets, "
            f"published between {first:%d %B %Y} and {last:%d %B %Y}.")


def length_chart(docs: pd.DataFrame, ax=None):
    """Horizontal bars: characters per article before and after cleaning."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.45 * len(docs)))[1]
    lengths = docs.set_index("doc_id")[["chars_raw", "chars_clean"]].rename(
        columns={"chars_raw": "raw", "chars_clean": "cleaned"})
    lengths.plot.barh(ax=ax)
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_ylabel("")
    return ax


def with_articles(table: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Add each row's outlet and publication date (joined on doc_id), for filtering."""
    return table.merge(docs[["doc_id", "outlet", "published"]], on="doc_id", how="left")


def with_sentences(table: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Add each row's sentence text as column `sentence` (joined on doc_id and sent_id), the evidence to show."""
    return table.merge(sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}),
                       on=["doc_id", "sent_id"], how="left")


def filter_panel(table: pd.DataFrame, show, entity_column: str | None = None, *,
                 list_columns: tuple = (), date_column: str | None = None):
    """One reusable set of filters: outlet, publication date range, optionally an actor/system.

    Parameters
    ----------
    table : rows with ``outlet`` and ``published`` columns (see `with_articles`).
    show : called with the filtered table whenever a control changes; what it
        displays appears under the controls.
    entity_column : a column to filter on by value (e.g. "entity"), or None.
    list_columns : columns holding "; "-joined names (e.g. "actors", "systems"); each gets a
        dropdown keeping the rows that name the chosen value.
    date_column : a second date column (e.g. an event's "start") filtered by a range slider.

    Returns
    -------
    An ipywidgets VBox: the controls and the output area. It needs a live
    kernel; exported HTML gets its filtering from the interactive tables.
    """
    import ipywidgets as w

    outlets = sorted(table["outlet"].dropna().unique())
    days = sorted(table["published"].dropna().dt.date.unique())
    outlet = w.SelectMultiple(options=outlets, value=tuple(outlets), description="Outlet", rows=min(6, len(outlets) or 1))
    dates = w.SelectionRangeSlider(options=days, index=(0, len(days) - 1), description="Published",
                                   layout=w.Layout(width="600px")) if days else None
    controls = [outlet] + ([dates] if dates else [])
    entity = None
    if entity_column:
        values = ["(all)"] + sorted(table[entity_column].dropna().unique())
        entity = w.Dropdown(options=values, description=entity_column.replace("_", " ").capitalize())
        controls.append(entity)
    named = {}
    for col in list_columns:
        names = sorted({n for v in table[col].dropna() for n in str(v).split("; ") if n})
        named[col] = w.Dropdown(options=["(all)"] + names, description=col.replace("_", " ").capitalize())
        controls.append(named[col])
    window = None
    if date_column:
        when = sorted(table[date_column].dropna().dt.date.unique())
        if when:
            window = w.SelectionRangeSlider(options=when, index=(0, len(when) - 1),
                                            description=date_column.replace("_", " ").capitalize(),
                                            layout=w.Layout(width="600px"))
            controls.append(window)
    out = w.Output()

    def refresh(_=None):
        keep = table["outlet"].isin(outlet.value)
        if dates:
            lo, hi = dates.value
            keep &= table["published"].dt.date.between(lo, hi)
        if entity is not None and entity.value != "(all)":
            keep &= table[entity_column] == entity.value
        for col, box in named.items():
            if box.value != "(all)":
                keep &= table[col].fillna("").str.split("; ").apply(lambda names, v=box.value: v in names)
        if window is not None:
            lo, hi = window.value
            keep &= table[date_column].dt.date.between(lo, hi)
        out.clear_output(wait=True)
        with out:
            show(table[keep])

    for c in controls:
        c.observe(refresh, names="value")
    refresh()
    return w.VBox([*controls, out])


def describe_events(ev: pd.DataFrame, vague: pd.DataFrame) -> str:
    """One computed sentence on the chronology: expressions, articles, span, vague ones."""
    if ev.empty:
        return f"No time expression was placed on the calendar; {len(vague)} vague one(s) are listed below."
    shared = ev.loc[ev["n_articles"] > 1, "happening"].nunique()
    return (f"{len(ev)} time expressions in {ev['doc_id'].nunique()} articles were placed on the calendar, "
            f"from {ev['start'].min():%B %Y} to {ev['end'].max():%B %Y}; {shared} happening(s) are reported by "
            f"more than one article, {(ev['conflict'] != '').sum()} row(s) carry a dating conflict, and "
            f"{len(vague)} vague expression(s) are listed unresolved.")


def _outlet_colours(outlets) -> dict:
    import matplotlib.pyplot as plt

    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return {o: cycle[i % len(cycle)] for i, o in enumerate(sorted(set(outlets)))}


def event_timeline(ev: pd.DataFrame, docs: pd.DataFrame, ax=None, since=None, colours: dict | None = None,
                   title: str = "Time expressions by start date"):
    """One row per time expression: a bar for a period, a dot for a day, in its outlet's
    colour; a grey tick at the article's publication date, joined by a dotted line (the lag).

    Events ending before `since` (default: 1 January five years before the earliest
    reference date) are left out of the drawing and counted in the title, so a 1952
    accession does not squeeze the rest; they stay in the tables.
    """
    import matplotlib.pyplot as plt

    colours = colours or _outlet_colours(docs["outlet"])
    since = pd.Timestamp(since) if since is not None else pd.Timestamp(docs["reference_date"].min().year - 5, 1, 1)
    shown = ev[ev["end"] >= since].sort_values(["start", "end"], ascending=False, ignore_index=True)
    ax = ax or plt.subplots(figsize=(9, 1 + 0.28 * max(len(shown), 1)))[1]
    for y, r in shown.iterrows():
        c = colours.get(r["outlet"], "C0")
        if r["start"] == r["end"]:
            ax.plot(r["start"], y, "o", color=c, ms=5, zorder=3)
        else:
            ax.barh(y, (r["end"] - r["start"]) + pd.Timedelta(days=1), left=r["start"], height=0.6, color=c, alpha=0.8)
        ax.plot([r["end"], r["published"]], [y, y], ":", color="grey", lw=0.8)
        ax.plot(r["published"], y, "|", color="black", ms=9)
    ax.set_yticks(range(len(shown)), [f"{d[:3]} s{s}: {t[:28]}" for d, s, t in
                                      zip(shown["doc_id"], shown["sent_id"], shown["surface"])], fontsize="small")
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    handles = [plt.Line2D([], [], color=c, marker="s", ls="", label=o) for o, c in colours.items()
               if o in set(shown["outlet"])]
    handles.append(plt.Line2D([], [], color="black", marker="|", ls="", ms=9, label="article published"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.04 - 0.6 / max(len(shown), 1)),
              ncol=2, fontsize="small", frameon=False)
    left_out = len(ev) - len(shown)
    ax.set_title(title + (f" ({left_out} before {since:%Y} not drawn)" if left_out else ""))
    return ax


def event_timelines_by_outlet(ev: pd.DataFrame, docs: pd.DataFrame, since=None):
    """Small multiples: `event_timeline` once per outlet, on one shared time axis, so a shared
    page shows every outlet's chronology without a live filter."""
    import matplotlib.pyplot as plt

    outlets = sorted(ev["outlet"].unique())
    if not outlets:                     # nothing placed on the calendar: one empty panel, not zero panels
        return event_timeline(ev, docs, since=since, title="No time expressions placed on the calendar").figure
    colours = _outlet_colours(docs["outlet"])
    rows = [max(len(ev[ev["outlet"] == o]), 1) for o in outlets]
    fig, axes = plt.subplots(len(outlets), 1, sharex=True, squeeze=False,
                             figsize=(9, 1 + 0.3 * sum(rows) + 0.6 * len(outlets)),
                             gridspec_kw={"height_ratios": rows})
    for ax, outlet in zip(axes[:, 0], outlets):
        event_timeline(ev[ev["outlet"] == outlet], docs, ax=ax, since=since, colours=colours,
                       title=outlet if len(outlet) < 70 else outlet[:67] + "...")
        ax.get_legend().remove()
    fig.tight_layout()
    return fig


def heatmap(matrix: pd.DataFrame, ax=None, cmap: str = "Blues", labels: pd.DataFrame | None = None):
    """Shade a table of counts (rows x columns) and write each non-zero count in its cell.

    Parameters
    ----------
    matrix : counts, e.g. ``table.pivot_table(index=..., columns=..., aggfunc="size", fill_value=0)``.
    labels : optional text to write instead of the counts (same shape; "" for none).

    Returns
    -------
    The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(1.6 + 0.9 * matrix.shape[1], 0.8 + 0.35 * matrix.shape[0]))[1]
    if not matrix.size:
        return _nothing_to_draw(ax)
    ax.imshow(matrix.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c)[:28] for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    top = matrix.to_numpy().max() if matrix.size else 0
    text = labels.to_numpy() if labels is not None else None
    for (r, c), v in pd.DataFrame(matrix.to_numpy()).stack().items():
        if v:
            ax.text(c, r, text[r, c] if text is not None else f"{v:g}", ha="center", va="center",
                    fontsize="small", color="white" if v > top / 2 else "black")
    ax.spines[:].set_visible(False)
    return ax


def per_outlet(table: pd.DataFrame, draw, sharex: bool = True):
    """Small multiples: call ``draw(rows, ax)`` once per outlet, one panel each.

    The shared HTML page cannot run a filter, so charts that a filter
    changes are also drawn outlet by outlet.
    """
    import matplotlib.pyplot as plt

    outlets = sorted(table["outlet"].dropna().unique())
    if not outlets:
        return _nothing_to_draw(plt.subplots(figsize=(9, 1))[1]).figure
    fig, axes = plt.subplots(len(outlets), 1, figsize=(9, 0.5 + 2.2 * len(outlets)), sharex=sharex, squeeze=False)
    for outlet, ax in zip(outlets, axes[:, 0]):
        draw(table[table["outlet"] == outlet], ax)
        ax.set_title(outlet, loc="left", fontsize="medium")
    fig.tight_layout()
    return fig


def lag_chart(ev: pd.DataFrame, docs: pd.DataFrame | None = None, ax=None):
    """Days from the end of each happening to the article's publication, one row per outlet
    (log scale; a same-day report sits at 1), coloured as in `event_timeline` when `docs` is
    given. Happenings still to come are left out."""
    import matplotlib.pyplot as plt

    past = ev[ev["lag_days"] >= 0]
    outlets = sorted(past["outlet"].unique())
    colours = _outlet_colours((docs if docs is not None else ev)["outlet"])
    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.5 * max(len(outlets), 1)))[1]
    for y, outlet in enumerate(outlets):
        lags = past.loc[past["outlet"] == outlet, "lag_days"]
        ax.scatter(lags + 1, [y] * len(lags), alpha=0.7, color=colours[outlet])
    ax.set_xscale("log")
    ax.set_yticks(range(len(outlets)), [o if len(o) < 40 else o[:37] + "..." for o in outlets])
    ax.set_xlabel("days from the end of the happening to publication, plus one (log scale)")
    ax.grid(axis="x", alpha=0.3)
    return ax


def _nothing_to_draw(ax):
    """An empty chart says so instead of raising (a corpus or filter that leaves no rows)."""
    ax.text(0.5, 0.5, "nothing to draw: no rows", ha="center", va="center", transform=ax.transAxes)
    ax.axis("off")
    return ax


def relation_graph(edges: pd.DataFrame, ax=None, seed: int = 1):
    """Draw typed edges (source -relation-> target) as a labelled directed graph, one arrow per distinct edge."""
    import matplotlib.pyplot as plt
    import networkx as nx

    ax = ax or plt.subplots(figsize=(11, 8))[1]
    if edges.empty:
        return _nothing_to_draw(ax)
    graph = nx.MultiDiGraph()
    for (s, r, t), n in edges.groupby(["source", "relation", "target"]).size().items():
        graph.add_edge(s, t, key=r, label=f"{r} ({n})" if n > 1 else r)
    pos = nx.spring_layout(nx.Graph(graph), seed=seed, k=2.5 / max(1, len(graph)) ** 0.5, iterations=300)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=300, node_color="#cfe0f3")
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    nx.draw_networkx_edges(graph, pos, ax=ax, arrows=True, edge_color="#777", connectionstyle="arc3,rad=0.12")
    labels = {}
    for s, t, data in graph.edges(data=True):
        labels[(s, t)] = ", ".join(filter(None, [labels.get((s, t)), data["label"]]))
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=labels, ax=ax, font_size=7, connectionstyle="arc3,rad=0.12")
    ax.axis("off")
    return ax
