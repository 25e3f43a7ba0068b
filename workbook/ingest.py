"""Adding an article to the corpus: ``make add FILE=...`` and the same as a Python function.

Takes: a saved web page (.html, .htm), a pasted text (.txt, .md) or a URL, with whatever metadata
the researcher passes (title, outlet, published, reference_date, url, author), and the corpus folder.
Gives: ``add_article`` (writes ``articles/<doc_id>.txt``, keeps a saved page as ``pages/<doc_id>.html``,
appends the catalog row with its sha256; returns the row), ``AddError``, and the command line ``main``.
Comes after `workbook.pages` (reading the page or text) and `workbook.cleaning`; `workbook.corpus`
then loads the article like any other.

It never overwrites a file, refuses an article whose text is already in the corpus (naming the
doc_id), and stops with one message listing every field it still needs.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import unicodedata
from pathlib import Path

from .cleaning import _key, clean, cleaning_rules, ends_sentence, words
from .corpus import date_problem
from .files import CorpusError, corpus_path
from .pages import PageError, fetch, looks_like_html, read_page, read_text

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")
FIELDS = ("title", "outlet", "published", "reference_date", "url", "author")
REQUIRED = ("title", "outlet", "published")
HOW_TO_PASS = {"title": "TITLE='the headline'", "outlet": "OUTLET='the publisher'",
               "published": "PUBLISHED=YYYY-MM-DD"}
DUPLICATE_SHARE = 0.9        # refuse when this share of the new article's lines is already in one article
COMPARE_MIN_WORDS = 6        # lines this long are compared between articles


class AddError(CorpusError):
    """The article cannot be added; `problems` lists every reason at once."""

    def __init__(self, source, problems: list[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        ValueError.__init__(self, f"cannot add {source}:\n{lines}")


def add_article(source, title=None, outlet=None, published=None, reference_date=None, url=None, author=None,
                path=None, echo=print) -> dict:
    """Add one article to the corpus, the way ``make add`` does.

    Parameters
    ----------
    source : a saved page (.html/.htm), a pasted text (.txt/.md) or an http(s) URL to fetch.
    title, outlet, published (YYYY-MM-DD), reference_date, url, author : win over what the page
        states. Required in the end: title, outlet, published (from here or from the page).
    path : the corpus folder (default: ``corpus/``).
    echo : where the report of what was added goes (``print``; None for silence).

    Returns
    -------
    The catalog row written (a dict), with ``removed`` (what cleaning takes out) added.

    Raises
    ------
    AddError listing every problem: fields to pass, bad dates, the article already in the corpus.
    """
    folder = corpus_path(path)
    given = {k: (v or "").strip() for k, v in dict(title=title, outlet=outlet, published=published,
                                                      reference_date=reference_date, url=url, author=author).items()}
    try:
        data, name, page = _read_source(str(source))
        rules = cleaning_rules(folder)
        if page:
            meta = read_page(data, name, url=given["url"] or (str(source) if _is_url(source) else None))
            text_bytes = meta.pop("text").encode("utf-8")
            stated = read_text(text_bytes.decode("utf-8"), rules, meta["title"] or None)   # a stamp in the text
            for field in ("title", "published"):
                if not meta[field] and stated[field]:
                    meta[field], meta["found"][field] = stated[field], stated["found"][field]
        else:
            raw = _decode(data, name)
            meta = read_text(raw, rules, given["title"] or None)
            text_bytes = data
    except PageError as exc:
        raise AddError(source, exc.problems) from exc
    found = meta.pop("found")
    row = {k: given.get(k) or meta.get(k, "") for k in FIELDS}
    how = {k: ("given" if given.get(k) else found.get(k, "")) for k in FIELDS if row[k]}
    raw = _decode(text_bytes, name)
    problems = [] if not page or any(ends_sentence(ln) for ln in clean(raw, rules)[0].split("\n")) else [
        f"{name}: no article text found in the page (extraction gave only {raw.strip()[:80]!r}); save it again "
        "from the browser (File > Save Page As, 'Web Page, HTML only'), or paste the text into a .txt file"]
    problems += _check_fields(row, source)
    catalog, existing = _read_catalog(folder)
    text, removed = clean(raw, rules, row["title"])
    problems += _check_duplicate(folder, existing, raw, text, row, text_bytes, rules)
    if problems:
        raise AddError(source, problems)

    doc_id = _free_id(folder, existing, make_doc_id(row["published"], row["outlet"], row["title"]))
    (folder / "articles").mkdir(exist_ok=True)
    written = [_write_new(folder / "articles" / f"{doc_id}.txt", text_bytes)]
    try:
        if page:
            (folder / "pages").mkdir(exist_ok=True)
            written.append(_write_new(folder / "pages" / f"{doc_id}.html", data))
        row.update(doc_id=doc_id, sha256=hashlib.sha256(text_bytes).hexdigest(),
                   evidence=_evidence(name, page, how))
        _append_row(folder / "articles.csv", catalog, row)
    except BaseException:
        for file in written:
            file.unlink()
        raise
    if echo:
        echo(_report(row, how, written, folder, removed, text))
    return {**row, "removed": removed}


def make_doc_id(published: str, outlet: str, title: str) -> str:
    """'<published>_<outlet>_<first words of the title>', in lower-case ASCII letters, digits and '-'."""
    def slug(s: str, n_words: int) -> str:
        ascii_ = unicodedata.normalize("NFKD", s.replace("ı", "i")).encode("ascii", "ignore").decode()
        return "-".join(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", ascii_.lower())[:n_words])
    return "_".join(filter(None, [published, slug(outlet, 3) or "outlet", slug(title, 7) or "article"]))


def _is_url(source) -> bool:
    return bool(re.match(r"(?i)^https?://", str(source)))


def _read_source(source: str) -> tuple[bytes, str, bool]:
    """(bytes, a name for messages, is it a web page?) of a file or URL."""
    if _is_url(source):
        return fetch(source), source, True
    file = Path(source)
    if not file.is_file():
        raise PageError([f"{file}: no such file; give the path of the saved page (.html) or text (.txt)"])
    data = file.read_bytes()
    if not data.strip():
        raise PageError([f"{file}: the file is empty"])
    suffix = file.suffix.lower()
    page = suffix in PAGE_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(data))
    return data, str(file), page


def _decode(data: bytes, name: str) -> str:
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AddError(name, [f"{name}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                              "save the text as UTF-8 and add it again"]) from exc
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", raw)


def _check_fields(row: dict, source) -> list[str]:
    problems = []
    missing = [k for k in REQUIRED if not row[k]]
    if missing:
        problems.append(f"{', '.join(missing)} not found in {source}; pass "
                        f"{' '.join(HOW_TO_PASS[k] for k in missing)} (make add), or "
                        f"{', '.join(f'{k}=...' for k in missing)} (add_article)")
    for col in ("published", "reference_date"):
        if row[col] and (wrong := date_problem(row[col], col)):
            problems.append(wrong)
    if row["reference_date"] and row["published"] and not problems and row["reference_date"] > row["published"]:
        problems.append(f"reference_date {row['reference_date']} is after published {row['published']}; "
                        "an article can only count 'last week' from a day up to its publication")
    if row["url"] and not _is_url(row["url"]):
        problems.append(f"url '{row['url']}' is not a web address; it should start with http:// or https://")
    return problems


def _read_catalog(folder: Path) -> tuple[list[str], list[dict]]:
    """The catalog's header and rows (as written; the loader validates them)."""
    file = folder / "articles.csv"
    if not file.is_file():
        raise AddError(file, [f"{file}: catalog not found; is {folder} the corpus folder?"])
    with open(file, encoding="utf-8-sig", newline="") as f:      # "-sig": a spreadsheet's BOM is no column name
        reader = csv.DictReader(f)
        rows = list(reader)
    return list(reader.fieldnames or []), rows


def _check_duplicate(folder: Path, existing: list[dict], raw: str, text: str, row: dict, data: bytes,
                     rules) -> list[str]:
    """The article is already in the corpus when its bytes, its address, its text, or nearly all of
    its longer lines are those of one article there."""
    digest = hashlib.sha256(data).hexdigest()
    mine = {_key(ln) for ln in text.split("\n") if words(ln) >= COMPARE_MIN_WORDS}
    for rec in existing:
        doc_id = rec.get("doc_id", "").strip()
        if row["url"] and rec.get("url", "").strip() == row["url"]:
            return [f"the address {row['url']} is already in the corpus as {doc_id}"]
        file = folder / "articles" / f"{doc_id}.txt"
        if not doc_id or not file.is_file():
            continue
        other = file.read_bytes()
        if hashlib.sha256(other).hexdigest() == digest:
            return [f"the same text is already in the corpus as {doc_id} ({file})"]
        other_text = other.decode("utf-8", errors="replace")
        theirs = {_key(ln) for ln in other_text.split("\n")}
        if mine and len(mine & theirs) >= DUPLICATE_SHARE * len(mine):
            return [f"the text is already in the corpus as {doc_id} ({len(mine & theirs)} of its "
                    f"{len(mine)} longer lines are there); a second copy would count every name and date twice"]
    return []


def _free_id(folder: Path, existing: list[dict], doc_id: str) -> str:
    """`doc_id`, or doc_id-2, -3 ... when that id or file is taken (a file is never overwritten)."""
    taken = {rec.get("doc_id", "").strip() for rec in existing}
    candidate, n = doc_id, 1
    while candidate in taken or (folder / "articles" / f"{candidate}.txt").exists() \
            or (folder / "pages" / f"{candidate}.html").exists():
        n += 1
        candidate = f"{doc_id}-{n}"
    return candidate


def _write_new(file: Path, data: bytes) -> Path:
    with open(file, "xb") as f:           # "x": fails rather than overwrite
        f.write(data)
    return file


def _append_row(file: Path, header: list[str], row: dict) -> None:
    """Append the row; a catalog without some of its columns gets them (existing rows stay as they are)."""
    columns = header + [c for c in (*FIELDS, "evidence") if c not in header and row.get(c)]
    # (a catalog without a sha256 column has opted out of the check: adding one would fail every old row)
    record = {c: row.get(c, "") for c in columns}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([record[c] for c in columns])
    if columns == header:
        current = file.read_bytes()
        prefix = b"" if current.endswith(b"\n") or not current else b"\n"
        with open(file, "ab") as f:
            f.write(prefix + buffer.getvalue().encode("utf-8"))
        return
    with open(file, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{c: r.get(c, "") for c in columns} for r in rows] + [record])
    file.write_text(out.getvalue(), encoding="utf-8")


def _evidence(name: str, page: bool, how: dict) -> str:
    origin = f"the page fetched from {name}" if _is_url(name) else \
        f"the {'saved page' if page else 'pasted text'} {Path(name).name}"
    parts = [f"{field} " + ("given by hand" if where == "given" else f"from {where}")
             for field, where in how.items() if field in ("title", "outlet", "published")]
    return f"added with make add from {origin}: " + "; ".join(parts)


def _report(row: dict, how: dict, written: list[Path], folder: Path, removed: tuple, text: str) -> str:
    lines = [f"added {row['doc_id']}"]
    for field in FIELDS:
        if row[field]:
            lines.append(f"  {field:<15}{row[field]}" + (f"  ({how[field]})" if how.get(field) else ""))
    for file in written:
        lines.append(f"  {'wrote':<15}{file}")
    lines.append(f"  {'catalog':<15}{folder / 'articles.csv'}, a new row (sha256 {row['sha256'][:12]}...)")
    by_rule: dict[str, int] = {}
    for rule, _ in removed:
        by_rule[rule] = by_rule.get(rule, 0) + 1
    lines.append(f"  {'cleaning':<15}keeps {len([x for x in text.split(chr(10)) if x.strip()])} lines; removes "
                 + (", ".join(f"{rule} ({n})" for rule, n in by_rule.items()) or "nothing"))
    lines.append("Check the catalog row (evidence, confidence), then run `make`; notebook 00 lists every "
                 "removal and any suspicious line left.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m workbook.ingest FILE [--title ...]``: what ``make add`` runs. Empty options count as not given."""
    parser = argparse.ArgumentParser(prog="make add", description="Add a saved page, a pasted text or a URL "
                                     "to the corpus.")
    parser.add_argument("file", nargs="?", default="", help="path of the .html or .txt file, or an http(s) URL")
    for field in FIELDS:
        parser.add_argument(f"--{field.replace('_', '-')}", default="")
    parser.add_argument("--corpus", default="", help="corpus folder (default: corpus/)")
    args = parser.parse_args(argv)
    if not args.file:
        print("usage: make add FILE=path/to/page.html|article.txt|https://... [TITLE='...'] [OUTLET='...'] "
              "[PUBLISHED=YYYY-MM-DD] [REFERENCE_DATE=YYYY-MM-DD] [URL=...] [AUTHOR='...']", file=sys.stderr)
        return 2
    try:
        add_article(args.file, **{f: getattr(args, f) for f in FIELDS}, path=args.corpus or None)
    except CorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    from .corpus import load_corpus
    from .review import warnings
    try:                                   # what the build will warn of, said now (workbook.review)
        for line in warnings(load_corpus(args.corpus or None), args.corpus or None):
            print(line, file=sys.stderr)
    except CorpusError as exc:
        print(f"the article was added, but the corpus does not load: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
