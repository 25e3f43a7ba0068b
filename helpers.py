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
import itertools
import re
from pathlib import Path

import pandas as pd

# ---------------------------------------------------------------------------
# 1. Paths and errors
# ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
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

    Paragraphs (lines) are segmented separately, so headlines stay on their own.
    Returns doc_id, sent_id (1-based within the article), start, end, text;
    ``text == docs.text[start:end]``.
    """
    import sentencex

    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        n = 0
        for para in re.finditer(r"[^\n]+", text):
            pos = para.start()
            for piece in sentencex.segment("en", para.group()):
                piece = piece.strip()
                if not piece:
                    continue
                start = text.index(piece, pos)
                pos = start + len(piece)
                n += 1
                rows.append((doc_id, n, start, pos, piece))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"])


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
    """An Aho-Corasick automaton over every alias; each alias maps to its possible (entity, kind, type)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for alias, group in aliases(path).groupby("alias"):
        automaton.add_word(alias, (len(alias), tuple(group[["entity", "kind", "type"]].itertuples(index=False))))
    automaton.make_automaton()
    return automaton


_LOCATIVE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+(?:capital|city)\s+(?:of\s+)?)?$")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _scan(text: str, automaton):
    """Yield (start, end, options) for every alias found on word boundaries, longest first.

    A trailing plural "s" is part of the mention ("S-400s", "Turks"); a
    possessive ("Turkey's", "Turkey s") is not.
    """
    n = len(text)
    for last, (length, options) in automaton.iter_long(text):
        start, end = last - length + 1, last + 1
        if start and _is_word(text[start - 1]):
            continue
        if end < n and _is_word(text[end]):
            if text[end] == "s" and (end + 1 == n or not _is_word(text[end + 1])) and _is_word(text[end - 1]):
                end += 1
            else:
                continue
        yield start, end, options


def _resolve(options, text: str, start: int, end: int, in_doc: set):
    """Pick one (entity, kind) for an alias that names several entities, or None.

    Rules, in order: a capital and its city - the city after "in", "at",
    "near" or before "-based", the government otherwise; then the one entity
    that the same article names unambiguously elsewhere; else unresolved.
    """
    if len(options) == 1:
        return options[0][:2]
    kinds = {o.kind for o in options}
    if "place" in kinds and any(o.type == "capital" for o in options):
        as_place = bool(_LOCATIVE.search(text[max(0, start - 30):start])) or text.startswith("-based", end)
        chosen = [o for o in options if (o.kind == "place") == as_place]
        if len(chosen) == 1:
            return chosen[0][:2]
    named = [o for o in options if o.entity in in_doc]
    return named[0][:2] if len(named) == 1 else None


def mentions(docs: pd.DataFrame, path=None, unresolved: bool = False) -> pd.DataFrame:
    """Every linked mention of a known entity: doc_id, sent_id, start, end, surface, entity, kind.

    Offsets are into the cleaned text (``docs.text``). Longest alias wins;
    mentions respect word boundaries; short acronyms are case-sensitive like
    every alias. With ``unresolved=True`` the result holds instead the
    mentions whose alias names several entities and no rule could choose
    (entity lists the options).
    """
    automaton = _matcher(path)
    sents = sentences(docs)
    rows, open_rows = [], []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        found = list(_scan(text, automaton))
        in_doc = {o[0].entity for _, _, o in found if len(o) == 1}
        for start, end, options in found:
            pick = _resolve(options, text, start, end, in_doc)
            if pick:
                rows.append((doc_id, start, end, text[start:end], *pick))
            else:
                open_rows.append((doc_id, start, end, text[start:end],
                                  " or ".join(o.entity for o in options), "ambiguous"))
    table = pd.DataFrame(open_rows if unresolved else rows,
                         columns=["doc_id", "start", "end", "surface", "entity", "kind"])
    return _attach_sentences(table, sents)


def _attach_sentences(table: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Add sent_id to rows with (doc_id, start) by locating their offset among the sentences."""
    import numpy as np

    ids = np.zeros(len(table), dtype=int)
    for doc_id, idx in table.groupby("doc_id").groups.items():
        s = sents[sents["doc_id"] == doc_id]
        pos = np.searchsorted(s["start"].to_numpy(), table.loc[idx, "start"].to_numpy(), side="right") - 1
        ids[table.index.get_indexer(idx)] = s["sent_id"].to_numpy()[pos.clip(0)]
    table.insert(1, "sent_id", ids)
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
_SPEAKER_KINDS = ("person", "organization", "country", "alliance")


def statements(docs: pd.DataFrame, path=None) -> pd.DataFrame:
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
    """
    sents = sentences(docs)
    ments = mentions(docs, path)
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
    spans = [(a - offset, b - offset, e, k) for a, b, e, k in zip(ments["start"], ments["end"], ments["entity"], ments["kind"])]
    cands = [c for m in _VERB.finditer(text) if (c := _speaker(text, m, spans))]
    content_first = next((c for c in cands if _TRIVIAL_TAIL.match(text[c["verb_end"] + c["medium_skip"]:])
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
            lead = re.match(r"^.{0,40}?\bthat\s+", body)
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
    k = len(pieces) - 1
    if text[slice(*pieces[k])].strip()[:1].islower() and k and _names_someone(text, *pieces[k - 1], spans):
        k -= 1                                          # skip the appositive: "X, an analyst at Y, said"
    (a, b), content_end = pieces[k], pieces[k][0]
    raw = text[a:b].strip()
    phrase = _SUBORDINATE.sub("", _LEAD.sub("", raw))
    if not phrase or len(phrase.split()) > 8:
        return None
    a = text.rindex(phrase, 0, b + 1)
    inside = [(ent, k) for s, e, ent, k in spans if s >= a and e <= a + len(phrase)]
    persons = [ent for ent, k in inside if k == "person"]
    named = [ent for ent, k in inside if k in _SPEAKER_KINDS]
    last_word = phrase.split()[-1].lower()
    if not (_ends_with_name(text, a, a + len(phrase), spans) or last_word in GROUP_NOUNS | {"he", "she"}
            or (named and len(phrase.split()) <= 3)):
        return None                                     # "X did not give details but said"
    if phrase.lower() in ("he", "she"):
        speaker, resolved = "", "pronoun"
    elif persons:
        speaker, resolved = persons[-1], "named"
    elif _group(phrase):
        speaker, resolved = "", f"unnamed: {phrase}"
    elif named:
        speaker, resolved = named[-1], "named"
    else:
        return None
    if persons and k and re.match(r"\s*(?:the|a|an) [a-z]", text[slice(*pieces[k - 1])]) \
            and _ends_with_name(text, *pieces[k - 1], spans):
        content_end = pieces[k - 1][0]                  # "..., the head of X, Alexander Y, said": not content
    medium, skip = _medium(text, verb, spans)
    return {"speaker": speaker, "speaker_surface": phrase, "resolved": resolved, "verb": verb.group(1),
            "speaker_affiliation": named[0] if resolved.startswith("unnamed") and named else "",
            "medium": medium, "medium_skip": skip, "start": a, "content_end": content_end,
            "verb_end": verb.end(), "coordinated": raw != phrase and bool(_LEAD.match(raw))}


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
    return any(e == b and s >= a and k in _SPEAKER_KINDS for s, e, _, k in spans)


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
    speaker stays empty and `resolved` gives the reason.
    """
    doc, sent, at = table.loc[i, ["doc_id", "sent_id", "_at"]]
    earlier = table[(table["doc_id"] == doc) & (table["_at"] < at)]
    recent = earlier[earlier["sent_id"] >= sent - 3].tail(1)
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


def cited_table(name: str, docs: pd.DataFrame, path=None, required=()) -> pd.DataFrame:
    """A knowledge table whose rows cite an article quote or an outside source, each quote located.

    Parameters
    ----------
    name : the file in corpus/ (e.g. "relations.csv"); its rows give doc_id + quote,
        outside_source, or both.
    docs : the corpus from `load_corpus` (quotes are looked up in the cleaned text).

    Returns
    -------
    The table with `sent_id` (sentence where the quote starts; <NA> for a row
    citing only an outside source) and `evidence` (that sentence). Rows citing
    a catalog article that `docs` leaves out (a filtered corpus) are dropped.

    Raises
    ------
    CorpusError naming the file and row of every quote that is not in its
    article, every unknown doc_id and every row that cites nothing.
    """
    file = _table_file(name, path)
    table = _read_table(name, path, ("doc_id", "quote", "outside_source", *required))
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sents = sentences(docs)
    catalog = set(pd.read_csv(_corpus_path(path) / "articles.csv", dtype=str)["doc_id"].str.strip())
    table = table[~table["doc_id"].isin(catalog - set(texts))]
    problems, ids, evidence = [], [], []
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
        elif not row.outside_source:
            problems.append(f"{where}: cites nothing; give a doc_id and the quote from that article, "
                            "or an outside_source")
        ids.append(sid)
        evidence.append(ev)
    if problems:
        raise CorpusError(problems)
    return table.assign(sent_id=pd.array(ids, dtype="Int64"), evidence=evidence)


def relations(docs: pd.DataFrame, path=None) -> pd.DataFrame:
    """Edges between entities: typed ones from the knowledge tables, co-occurrence ones from the text.

    Typed: memberships.csv (member_of), systems.csv (maker -> produces;
    system -> origin), relations.csv (supplies, offered_to, stationed_in,
    withdrew_from, supports, opposes, ...), each quote located by
    `cited_table`. Co-occurrence: two distinct entities mentioned in the same
    sentence (source and target in alphabetical order).

    Returns
    -------
    DataFrame with RELATION_COLUMNS, one row per piece of evidence; `count`
    is the number of rows the same (source, relation, target) has.
    """
    known = set(entities(path)["entity"])
    mem = cited_table("memberships.csv", docs, path, ("member", "organization", "status", "since"))
    sysm = cited_table("systems.csv", docs, path, ("system", "attribute", "value"))
    rel = cited_table("relations.csv", docs, path, ("subject", "relation", "object", "system", "status"))
    parts = [mem.assign(source=mem["member"], relation="member_of", target=mem["organization"],
                        detail=mem["status"] + mem["since"].map(lambda y: f" since {y}" if y else ""))]
    for attribute, relation in (("maker", "produces"), ("origin", "origin")):
        rows = sysm[sysm["attribute"] == attribute].copy()
        rows["value"] = rows["value"].map(lambda v: [x for x in re.split(r" and |, ", v.split(" (")[0]) if x in known])
        rows = rows.explode("value").dropna(subset=["value"])
        ends = (rows["value"], rows["system"]) if relation == "produces" else (rows["system"], rows["value"])
        parts.append(rows.assign(source=ends[0], relation=relation, target=ends[1], detail=""))
    details = rel[["system", "status", "quantity", "value", "date"]].copy()
    details.loc[details["system"] == rel["object"], "system"] = ""      # "opposes S-400 (S-400)"
    parts.append(rel.assign(source=rel["subject"], target=rel["object"],
                            detail=["; ".join(v for v in r if v) for r in details.itertuples(index=False)]))
    typed = pd.concat(parts, ignore_index=True).assign(kind="typed").drop_duplicates(   # said by two tables
        ["source", "relation", "target", "detail", "doc_id", "sent_id", "outside_source"])
    ments = mentions(docs, path)
    text_of = sentences(docs).set_index(["doc_id", "sent_id"])["text"]
    pairs = [(a, b, d, s) for (d, s), g in ments.groupby(["doc_id", "sent_id"])
             for a, b in itertools.combinations(sorted(set(g["entity"])), 2)]
    co = pd.DataFrame(pairs, columns=["source", "target", "doc_id", "sent_id"]).assign(
        relation="co-occurs", kind="co-occurrence", detail="", outside_source="")
    co["evidence"] = [text_of[k] for k in zip(co["doc_id"], co["sent_id"])]
    table = pd.concat([typed, co], ignore_index=True)
    table["count"] = table.groupby(["source", "relation", "target"])["kind"].transform("size")
    table["sent_id"] = table["sent_id"].astype("Int64")
    return table[RELATION_COLUMNS]


def transfers(docs: pd.DataFrame, path=None) -> pd.DataFrame:
    """The arms-transfer register in the manner of SIPRI: supplier -> recipient -> system -> status -> quantity/value -> date.

    From relations.csv rows whose relation is in TRANSFER_RELATIONS. Every
    row cites its article sentence (doc_id, sent_id, quote) or an outside
    source; quantity, value and date are the text's own words and each gets
    the sentence it stands in (`<cell>_sent_id`, nearest to the quote).

    Raises
    ------
    CorpusError when such a cell's words are not in the cited article.
    """
    rel = cited_table("relations.csv", docs, path, ("subject", "relation", "object", "system", "status",
                                                    "quantity", "value", "date", "notes"))
    rel = rel[rel["relation"].isin(TRANSFER_RELATIONS)]
    buys = rel["relation"] == "buys"
    reg = rel.assign(supplier=rel["object"].where(buys, rel["subject"]), recipient=rel["subject"].where(buys, rel["object"]))
    sents = sentences(docs)
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
    text is shown, never run.
    """
    import itables

    itables.show(table, caption=caption, showIndex=False, classes="display compact", **options)


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
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return ax


def stamp(docs: pd.DataFrame, path=None) -> None:
    """Print where a page's results come from: corpus hash, run date, workbook version, packages."""
    import subprocess
    from importlib.metadata import version

    try:
        described = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], cwd=ROOT,
                                   capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        described = ""
    packages = ", ".join(f"{p} {version(p)}" for p in ("pandas", "matplotlib", "itables", "ipywidgets"))
    print(f"Corpus: {len(docs)} articles, sha256 {corpus_hash(path)[:16]}\n"
          f"Run date: {dt.date.today().isoformat()}\n"
          f"Workbook version: {described or 'unknown (not a git checkout)'}\n"
          f"Packages: {packages}")


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


def heatmap(matrix: pd.DataFrame, ax=None, cmap: str = "Blues"):
    """Shade a table of counts (rows x columns) and write each non-zero count in its cell.

    Parameters
    ----------
    matrix : counts, e.g. ``table.pivot_table(index=..., columns=..., aggfunc="size", fill_value=0)``.

    Returns
    -------
    The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(1.6 + 0.9 * matrix.shape[1], 0.8 + 0.35 * matrix.shape[0]))[1]
    ax.imshow(matrix.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c)[:28] for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    top = matrix.to_numpy().max() if matrix.size else 0
    for (r, c), v in pd.DataFrame(matrix.to_numpy()).stack().items():
        if v:
            ax.text(c, r, f"{v:g}", ha="center", va="center", fontsize="small", color="white" if v > top / 2 else "black")
    ax.spines[:].set_visible(False)
    return ax


def per_outlet(table: pd.DataFrame, draw, sharex: bool = True):
    """Small multiples: call ``draw(rows, ax)`` once per outlet, one panel each.

    The shared HTML page cannot run a filter, so charts that a filter
    changes are also drawn outlet by outlet.
    """
    import matplotlib.pyplot as plt

    outlets = sorted(table["outlet"].dropna().unique())
    fig, axes = plt.subplots(len(outlets), 1, figsize=(9, 0.5 + 2.2 * len(outlets)), sharex=sharex, squeeze=False)
    for outlet, ax in zip(outlets, axes[:, 0]):
        draw(table[table["outlet"] == outlet], ax)
        ax.set_title(outlet, loc="left", fontsize="medium")
    fig.tight_layout()
    return fig


def relation_graph(edges: pd.DataFrame, ax=None, seed: int = 1):
    """Draw typed edges (source -relation-> target) as a labelled directed graph, one arrow per distinct edge."""
    import matplotlib.pyplot as plt
    import networkx as nx

    ax = ax or plt.subplots(figsize=(11, 8))[1]
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
