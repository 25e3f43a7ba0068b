"""Helpers for the S-400 research workbook.

The one module the notebooks import. Data flows one way, and so does this file:

1. Paths and errors
2. Loading the corpus: catalog + text files, validated together
3. Cleaning: general rules from corpus/boilerplate.csv, the raw text kept
4. Sentences
5. Knowledge tables and mentions
6. Candidates, statements and relations
7. Events: time expressions resolved against each article's reference date
8. Showing results: filters, evidence tables, the provenance stamp

Every table a function returns is a pandas DataFrame whose rows can be traced
back to a (doc_id, sent_id) pair: the sentence behind the number.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import re
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
    """A knowledge table from the given corpus folder, or the workbook's own when it has none."""
    own = _corpus_path(path) / name
    return own if own.is_file() else CORPUS / name


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
    if "reference_date" not in catalog.columns:
        catalog["reference_date"] = ""

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
    if not problems_about(where, problems) and rec["reference_date"] > rec["published"]:
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
    if not raw.strip():
        problems.append(f"{file}: the text is empty; paste the article or remove the row")
        return rec
    rec["raw"] = raw
    return rec


def problems_about(where: str, problems: list[str]) -> bool:
    """True when a problem has already been reported for this row."""
    return any(p.startswith(where) for p in problems)


def _check_date(value: str, col: str, where: str, problems: list[str]) -> None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: {col} '{value}' is not a date; write it as YYYY-MM-DD")
        return
    if len(value) != 10:
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
    """sha256 over the catalog and every article file: names the corpus state a result came from."""
    folder = _corpus_path(path)
    h = hashlib.sha256()
    for file in [folder / "articles.csv", *sorted((folder / "articles").glob("*.txt"))]:
        h.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------
# 3. Cleaning
# ---------------------------------------------------------------------------


def boilerplate_rules(path=None) -> pd.DataFrame:
    """The outlet boilerplate rules (corpus/boilerplate.csv): rule, action, pattern, why."""
    rules = pd.read_csv(_table_file("boilerplate.csv", path), dtype=str, keep_default_na=False)
    rules["regex"] = [re.compile(p) for p in rules["pattern"]]
    return rules


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
    solid = np.flatnonzero(~_char_test(codes, str.isspace))
    lo, hi = bounds[:-1], bounds[1:]
    first = solid[np.minimum(np.searchsorted(solid, lo), max(len(solid) - 1, 0))] if len(solid) else lo
    last = solid[np.searchsorted(solid, hi) - 1] + 1 if len(solid) else hi
    keep = (first >= lo) & (first < hi)
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


def _read_table(name: str, path=None, required=()) -> pd.DataFrame:
    """Read a knowledge table as strings; CorpusError if it is missing columns."""
    file = _table_file(name, path)
    table = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise CorpusError([f"{file}: missing column(s) {', '.join(missing)}"])
    return table.apply(lambda col: col.str.strip())


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
    """An Aho-Corasick automaton over every alias, and per alias: its length and its (entity, kind, type) options."""
    import ahocorasick

    automaton, names, options = ahocorasick.Automaton(), [], []
    for k, (alias, group) in enumerate(aliases(path).groupby("alias")):
        automaton.add_word(alias, k)
        names.append(alias)
        options.append(tuple(group[["entity", "kind", "type"]].itertuples(index=False)))
    automaton.make_automaton()
    return automaton, names, options


_LOCATIVE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+(?:capital|city)\s+(?:of\s+)?)?$")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _scan(text: str, automaton, names):
    """(start, end, alias index) arrays for every alias found on word boundaries, longest first.

    A trailing plural "s" is part of the mention ("S-400s", "Turks"); a
    possessive ("Turkey's", "Turkey s") is not.
    """
    import itertools

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


def mentions(docs: pd.DataFrame, path=None, unresolved: bool = False) -> pd.DataFrame:
    """Every linked mention of a known entity: doc_id, sent_id, start, end, surface, entity, kind.

    Offsets are into the cleaned text (``docs.text``). Longest alias wins;
    mentions respect word boundaries; short acronyms are case-sensitive like
    every alias. An alias naming several entities is settled by `_resolve`;
    with ``unresolved=True`` the result holds instead the mentions no rule
    could settle (entity lists the options, kind is "ambiguous").
    All articles are scanned as one text, so the cost per mention stays small.
    """
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
    for i in np.flatnonzero(np.isin(k, list(capitals))):
        as_city = bool(_LOCATIVE.search(joined, max(0, start[i] - 30), start[i])) or joined.startswith("-based", end[i])
        entity[i], kind[i] = capitals[k[i]][as_city][:2]
    # any other alias naming several entities: the one the article names elsewhere, else left open
    ambiguous = np.flatnonzero(np.array([len(o) > 1 and i not in capitals for i, o in enumerate(options)])[k])
    settled = np.ones(len(k), dtype=bool)
    settled[ambiguous] = False
    named_in = {}                                                 # doc -> entities it names unambiguously

    def in_doc(d):
        if d not in named_in:
            named_in[d] = set(entity[(doc == d) & settled])
        return named_in[d]

    is_open = np.zeros(len(k), dtype=bool)
    for i in ambiguous:
        pick = _resolve(options[k[i]], lambda d=doc[i]: in_doc(d))
        entity[i], kind[i] = pick or (" or ".join(o.entity for o in options[k[i]]), "ambiguous")
        is_open[i] = pick is None
    rows = is_open if unresolved else ~is_open
    surface = np.array(names, dtype=object)[k[rows]]
    table = pd.DataFrame({
        "doc_id": docs["doc_id"].to_numpy()[doc[rows]],
        "start": start[rows] - offsets[doc[rows]], "end": end[rows] - offsets[doc[rows]],
        "surface": np.where(end[rows] - start[rows] > np.fromiter(map(len, surface), dtype=np.int64),
                            surface + "s", surface),
        "entity": entity[rows], "kind": kind[rows]})
    sent_doc, sent_start, _ = _sentence_spans(texts)
    at = np.searchsorted(offsets[sent_doc] + sent_start, start[rows], side="right") - 1
    table.insert(1, "sent_id", _rank_within(sent_doc)[at])
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


def _name_spans(text: str, start: int):
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

    A name is a run of capitalised words outside any linked mention. Dropped:
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
    import difflib

    sents = sentences(docs)
    linked = mentions(docs, path)
    spans = {d: list(zip(g["start"], g["end"])) for d, g in linked.groupby("doc_id")}
    lower_words = set(re.findall(r"\b[a-z][\w\-]*", " ".join(docs["text"])))
    found = []
    for s in sents.itertuples():
        words = s.text.split()
        if len(words) > 3 and sum(w[:1].isupper() for w in words) / len(words) > 0.6:
            continue                                            # a headline
        taken = spans.get(s.doc_id, [])
        for run in _name_spans(s.text, s.start):
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
    unresolved = mentions(docs, path, unresolved=True)
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
            if alias[0].lower() != word[0].lower() or alias == word or len(alias) < 4:
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



# ---------------------------------------------------------------------------
# 7. Events
# ---------------------------------------------------------------------------


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
    one (itables would hide it); paging controls appear past 10 rows.
    """
    import itables

    long = len(table) > 10
    layout = {"topStart": "pageLength" if long else None, "topEnd": "search",
              "bottomStart": "info", "bottomEnd": "paging" if long else None}
    options = {"showIndex": False, "classes": "display compact", "layout": layout, **options}
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


def filter_panel(table: pd.DataFrame, show, entity_column: str | None = None):
    """One reusable set of filters: outlet, publication date range, optionally an actor/system.

    Parameters
    ----------
    table : rows with ``outlet`` and ``published`` columns (see `with_articles`).
    show : called with the filtered table whenever a control changes; what it
        displays appears under the controls.
    entity_column : a column to filter on by value (e.g. "entity"), or None.

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
    out = w.Output()

    def refresh(_=None):
        keep = table["outlet"].isin(outlet.value)
        if dates:
            lo, hi = dates.value
            keep &= table["published"].dt.date.between(lo, hi)
        if entity is not None and entity.value != "(all)":
            keep &= table[entity_column] == entity.value
        out.clear_output(wait=True)
        with out:
            show(table[keep])

    for c in controls:
        c.observe(refresh, names="value")
    refresh()
    return w.VBox([*controls, out])
