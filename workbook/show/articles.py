"""One page per article: where every doc_id/sent_id of every table leads.

Takes: the loaded corpus (`workbook.corpus.load_corpus`) and its folder; reads its sentences, mentions,
vague times and statements from the annotation cache (`workbook.annotate`, computed there when missing)
and computes time expressions and cleaning removals once for the whole corpus.
Gives: ``write_article_pages`` (articles/<doc_id>.html and the list of articles, articles/index.html,
in pages of INDEX_ROWS articles: index.html, index-2.html, ... so no page grows with the corpus) and ``article_page``
(the HTML of one). Each page holds the catalog facts, the source URL where the catalog gives one,
the cleaned text in its paragraphs with every sentence numbered and anchored (``#s12``), names,
dates and statements marked, tables of each, and what cleaning removed.
Comes after every annotation stage; tools/build.py calls it (``build.py articles``).

Article text is untrusted: every piece of it is escaped here, and markup is only ever ours.
The cost is one pass: each table is computed once and split by article.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from . import site

CATALOG_FACTS = ("title", "outlet", "outlet_kind", "author", "dateline", "published", "reference_date", "language",
                 "translated_from", "evidence", "confidence", "sha256")
URL_COLUMNS = ("url", "source_url")        # a catalog column naming where the article was published
INDEX_ROWS = 5_000                         # articles per page of the list of articles (about 0.8 MB)


def write_article_pages(docs: pd.DataFrame, out: Path, nav: list[tuple[str, str]], path=None) -> list[str]:
    """Write out/<doc_id>.html for every article and out/index.html (and index-2.html, ... beyond
    INDEX_ROWS articles) listing them; `path` is the corpus folder whose tables name the entities
    (default: the workbook's corpus). Returns the doc_ids."""
    from ..annotate import mentions, sentences, statements, unresolved_times
    from ..cleaning import removals
    from ..time.tagger import time_expressions

    out.mkdir(parents=True, exist_ok=True)
    sents = sentences(docs)
    parts = {"sents": sents, "mentions": mentions(docs, path, sents=sents),
             "times": time_expressions(docs, sents=sents), "vague": unresolved_times(docs, sents),
             "said": statements(docs, path, sents=sents), "removed": removals(docs)}
    by_doc = {name: dict(tuple(t.groupby("doc_id", sort=False))) for name, t in parts.items()}
    empty = {name: t.iloc[0:0] for name, t in parts.items()}
    for _, doc in docs.iterrows():
        own = {name: by_doc[name].get(doc["doc_id"], empty[name]) for name in parts}
        (out / f"{doc['doc_id']}.html").write_text(article_page(doc, **own, nav=nav), encoding="utf-8")
    pages = _article_index(docs, nav)
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
    for old in out.glob("index-*.html"):                 # pages of a longer list, from an earlier build
        if old.name not in pages:
            old.unlink()
    return docs["doc_id"].tolist()


def article_page(doc: pd.Series, sents, mentions, times, vague, said, removed, nav) -> str:
    """The page of one article (every argument already holds this article's rows only)."""
    e = html.escape
    said_by = said.groupby("sent_id").apply(lambda g: g.to_dict("records"), include_groups=False).to_dict() \
        if len(said) else {}
    body = [f"<h1>{e(str(doc['title']))}</h1>",
            f'<p class="wb-note">Article <code>{e(doc["doc_id"])}</code> as the workbook reads it: the cleaned text, '
            f"{len(sents)} numbered sentences. A link from any table lands on its sentence, highlighted.</p>",
            _facts(doc),
            '<p class="wb-legend wb-note">Marked: <span><mark class="wb-person">person or organisation</mark></span>'
            '<span><mark class="wb-country">country, alliance or place</mark></span>'
            '<span><mark class="wb-weapon_system">weapon system</mark></span>'
            '<span><mark class="wb-time">date or time</mark></span>'
            '<span class="wb-said">a reported statement</span>. Hover a mark for what it was read as; '
            "the tables below list the same.</p>",
            '<h2>The text</h2><div class="wb-text">', _text(doc["text"], sents, mentions, times, vague, said_by), "</div>",
            _table("Names found", mentions, [("entity", "entity"), ("kind", "kind"), ("surface", "as written")]),
            _table("Dates and times", _dates(times, vague), [("surface", "as written"), ("reading", "read as"),
                                                              ("precision", "precision")]),
            _table("Statements", said, [("speaker", "speaker"), ("speaker_surface", "named as"), ("verb", "verb"),
                                        ("content", "what was said"), ("resolved", "how the speaker was found")]),
            _removed(removed, doc)]
    title = f"{doc['title']} \u2014 {doc['outlet']} \u2014 {site.WORKBOOK}"
    return site.page(title, "\n".join(body), nav + [("index.html", "All articles")], root="../")


def _facts(doc: pd.Series) -> str:
    e = html.escape
    rows = []
    for col in CATALOG_FACTS:
        if col in doc and _present(doc[col]):
            value = doc[col].strftime("%Y-%m-%d") if hasattr(doc[col], "strftime") else str(doc[col])
            rows.append(f"<dt>{e(col.replace('_', ' '))}</dt><dd>{e(value)}</dd>")
    url = next((str(doc[c]) for c in URL_COLUMNS if c in doc and _present(doc[c])), "")
    if url.lower().startswith(("https://", "http://")):
        rows.append(f'<dt>source</dt><dd><a href="{e(url)}" rel="noreferrer">{e(url)}</a></dd>')
    else:
        rows.append("<dt>source</dt><dd>no source URL in the catalog (<code>corpus/articles.csv</code>); "
                    "see evidence above</dd>")
    return f'<dl class="wb-facts">{"".join(rows)}</dl>'


def _present(value) -> bool:
    return not (value is None or (not isinstance(value, str) and pd.isna(value))) and str(value).strip() != ""


def _text(text: str, sents, mentions, times, vague, said_by) -> str:
    """The cleaned text in paragraphs; each sentence a <span id="sN"> with its marks."""
    marks = [(int(r.start), int(r.end), f"wb-{r.kind}", f"{r.entity} ({r.kind})") for r in mentions.itertuples()]
    marks += [(int(r.char_start), int(r.char_end), "wb-time", f"{_reading(r)} ({r.precision})")
              for r in times.itertuples()]
    marks += [(int(r.char_start), int(r.char_end), "wb-time", f"not placed on the calendar: {r.reason}")
              for r in vague.itertuples()]
    marks.sort(key=lambda m: (m[0], -m[1]))
    out, pos, k = ["<p>"], 0, 0
    for s in sents.sort_values("start").itertuples():
        gap = text[pos:s.start]
        out.append("</p>\n<p>" if "\n\n" in gap else ("<br>" if "\n" in gap else html.escape(gap)))
        while k < len(marks) and marks[k][0] < s.start:
            k += 1
        mine = []
        while k < len(marks) and marks[k][0] < s.end:
            mine.append(marks[k])
            k += 1
        said = said_by.get(s.sent_id, [])
        cls = "wb-sent wb-said" if said else "wb-sent"
        note = "".join(f' <span class="wb-note">[{html.escape(_who(st))} {html.escape(st["verb"])}]</span>'
                       for st in said)
        out.append(f'<span class="{cls}" id="s{s.sent_id}"><a class="wb-sn" href="#s{s.sent_id}">{s.sent_id}</a>'
                   f"{_marked(text, s.start, s.end, mine)}{note}</span>")
        pos = s.end
    out.append(html.escape(text[pos:]).replace("\n", "<br>") + "</p>")
    return "".join(out)


def _marked(text: str, start: int, end: int, marks: list) -> str:
    """text[start:end] escaped, each mark wrapped in <mark>; a mark overlapping an earlier one is left out."""
    out, pos = [], start
    for a, b, cls, title in marks:
        if a < pos or b > end:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<mark class="{cls}" title="{html.escape(title)}">{html.escape(text[a:b])}</mark>')
        pos = b
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _reading(r) -> str:
    start, end = pd.Timestamp(r.start), pd.Timestamp(r.end)
    return f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def _who(statement: dict) -> str:
    return statement.get("speaker") or statement.get("speaker_surface") or "unnamed speaker"


def _dates(times, vague) -> pd.DataFrame:
    placed = times.assign(reading=[_reading(r) for r in times.itertuples()])[["sent_id", "surface", "reading", "precision"]]
    unplaced = vague.assign(reading="not placed: " + vague["reason"].astype(str), precision="")
    return pd.concat([placed, unplaced[["sent_id", "surface", "reading", "precision"]]]).sort_values("sent_id")


def _table(title: str, rows: pd.DataFrame, columns: list[tuple[str, str]]) -> str:
    """A plain table of this article's rows, each with a link to its sentence."""
    e = html.escape
    if rows.empty:
        return f"<h2>{e(title)}</h2><p>None found in this article.</p>"
    head = "".join(f"<th>{e(label)}</th>" for _, label in columns)
    body = "".join("<tr>" + f'<td><a href="#s{int(r["sent_id"])}">s{int(r["sent_id"])}</a></td>'
                   + "".join(f"<td>{e(_cell(r.get(c)))}</td>" for c, _ in columns) + "</tr>"
                   for r in rows.sort_values("sent_id", kind="stable").to_dict("records"))
    return f'<h2>{e(title)} ({len(rows)})</h2><div class="wb-wide"><table><thead><tr><th>sentence</th>{head}</tr></thead>' \
           f"<tbody>{body}</tbody></table></div>"


def _cell(value) -> str:
    return str(value) if _present(value) else ""


def _removed(removed: pd.DataFrame, doc: pd.Series) -> str:
    e = html.escape
    before, after = int(doc.get("chars_raw", 0) or 0), int(doc.get("chars_clean", 0) or 0)
    head = f"<h2>What cleaning removed</h2><p>{before:,} characters in the file, {after:,} after cleaning.</p>"
    if removed.empty:
        return head + "<p>No rule removed anything from this article.</p>"
    rows = "".join(f'<tr><td>{e(str(r["rule"]))}</td><td>{e(str(r["removed"])).replace(chr(10), "<br>")}</td></tr>'
                   for r in removed.to_dict("records"))
    return head + f'<div class="wb-wide"><table><thead><tr><th>rule</th><th>text removed</th></tr></thead>' \
                  f"<tbody>{rows}</tbody></table></div>"


def _article_index(docs: pd.DataFrame, nav) -> dict[str, str]:
    """The list of articles by publication date, INDEX_ROWS to a page: {file name: HTML}."""
    e = html.escape
    records = docs.sort_values(["published", "doc_id"]).to_dict("records")
    chunks = [records[a:a + INDEX_ROWS] for a in range(0, len(records), INDEX_ROWS)] or [[]]
    names = ["index.html"] + [f"index-{i}.html" for i in range(2, len(chunks) + 1)]
    pages = {}
    for i, (name, chunk) in enumerate(zip(names, chunks)):
        rows = "".join(f'<tr><td><a href="{e(r["doc_id"])}.html">{e(str(r["title"]))}</a></td>'
                       f'<td>{e(str(r["outlet"]))}</td><td>{r["published"]:%Y-%m-%d}</td></tr>' for r in chunk)
        where = ""
        if len(chunks) > 1:
            first, last = i * INDEX_ROWS + 1, i * INDEX_ROWS + len(chunk)
            links = " ".join(f'<a href="{n}">{j * INDEX_ROWS + 1:,}\u2013{min((j + 1) * INDEX_ROWS, len(records)):,}</a>'
                             if n != name else f"<strong>{first:,}\u2013{last:,}</strong>" for j, n in enumerate(names))
            where = (f'<p class="wb-index-pages">Articles {first:,}\u2013{last:,} of {len(records):,}, by publication '
                     f"date, {INDEX_ROWS:,} to a page: {links}</p>")
        body = (f"<h1>The articles ({len(docs)})</h1><p>Each page shows one article as the workbook reads it, "
                f"its sentences numbered.</p>{where}"
                f'<div class="wb-wide"><table><thead><tr><th>title</th><th>outlet</th><th>published</th></tr></thead>'
                f"<tbody>{rows}</tbody></table></div>{where}")
        pages[name] = site.page(f"The articles \u2014 {site.WORKBOOK}", body, nav, root="../")
    return pages
