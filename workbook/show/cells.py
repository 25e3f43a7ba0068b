"""Table cells as a reader sees them: empty for missing, line breaks kept, ids last and linked.

Takes: any table about to be shown (`workbook.show.tables.show_table` calls this module).
Gives: ``for_display`` (the table with every cell ready to show, key columns first and id columns
last) and ``column_defs`` (DataTables options: left-aligned wrapped prose, evidence links from
``doc_id``/``sent_id`` to the article pages, line breaks, CSV values). Comes before nothing else; it
only prepares cells, so ``tables.py`` stays about what a table offers.

Every cell stays text: itables escapes it in Python before the page sees it, and the renderers
below only add markup of their own around values that are checked first (a doc_id is a plain file
name, a sent_id a number). A page without the article pages beside it (a notebook in JupyterLab,
or a page mailed alone) shows the ids as plain text: no link leads nowhere.
"""
from __future__ import annotations

import pandas as pd

from itables import JavascriptFunction

LINE_BREAK = "\u2028"          # a line break inside a cell: survives itables' formatting, drawn as <br>
ID_COLUMNS = ("doc_id", "sent_id")
CONTEXT = ("outlet", "published", "reference_date")     # where and when: after the evidence, before the ids
PROSE_CHARS = 60               # a column whose cells average more characters than this is prose
PROSE_WIDTH = "24em"           # ... and gets this width: a sentence reads in four or five lines
TOKEN = r"|\d{4}-\d\d-\d\d( \d\d:\d\d)?|[A-Za-z0-9_.-]*\d[A-Za-z0-9_.-]*"   # a date, an id: one unbreakable word
ROOMY_CHARS, ROOMY_WIDTH = 24, "10em"   # a short-text column with longer names (outlets) gets some room too


def is_id(column: str) -> bool:
    """Columns a reader follows rather than reads: doc_id, sent_id, quantity_sent_id, char offsets."""
    return column in ID_COLUMNS or column.endswith("_sent_id") or column in ("char_start", "char_end")


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """The table as shown: key columns first, id columns last, every missing value empty, dates as
    YYYY-MM-DD, line breaks kept (as `LINE_BREAK`), numbers with gaps as text that still sorts as numbers.

    In an evidence table (one with a ``sentence`` column) the sentence comes before where and when it
    was published (`CONTEXT` columns), so it is on screen next to the names it is evidence for.
    """
    names = [str(c) for c in table.columns]
    context = [c for c in names if c in CONTEXT] if "sentence" in names else []
    keys = [c for c in names if not is_id(c) and c not in context]
    table = table[keys + context + [c for c in names if is_id(c)]]
    return pd.DataFrame({c: _cells(col) for c, col in table.items()}, index=table.index)


def _cells(col: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(col) and not col.isna().any():
        return col
    if pd.api.types.is_datetime64_any_dtype(col):
        day_only = col.dropna().eq(col.dropna().dt.normalize()).all()
        text = col.dt.strftime("%Y-%m-%d" if day_only else "%Y-%m-%d %H:%M")
        return text.astype(object).where(col.notna(), "")
    if pd.api.types.is_numeric_dtype(col):
        if not col.isna().any() and pd.api.types.is_integer_dtype(col):
            return col.astype("int64")
        if not col.isna().any():
            return col.astype("float64")
        return col.astype(object).map(_number)
    return col.astype(object).map(_text)


def _number(value) -> str:
    if pd.isna(value):
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.6g}"


def _text(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, (list, tuple, set)):
        value = "; ".join(map(str, value))
    if hasattr(value, "isoformat") and not isinstance(value, str):
        value = value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return text.replace("\n", LINE_BREAK)


def is_text(col: pd.Series) -> bool:
    """A column of text as `for_display` leaves it (object or string dtype, not numbers or flags)."""
    return col.dtype == object or pd.api.types.is_string_dtype(col)


def prose_columns(table: pd.DataFrame) -> list[int]:
    """Positions of the columns holding prose (sentences, quotes, evidence): they get room and wrap."""
    return [i for i, (c, col) in enumerate(table.items()) if is_text(col)
            and col.astype(str).str.len().mean() > PROSE_CHARS]


def column_defs(table: pd.DataFrame) -> list[dict]:
    """DataTables columnDefs for a table from `for_display`: classes, link and line-break renderers."""
    columns = [str(c) for c in table.columns]
    prose = prose_columns(table)
    text = [i for i, (c, col) in enumerate(table.items()) if is_text(col) and i not in prose]
    defs = []
    tokens = [i for i in text if table.iloc[:, i].astype(str).str.fullmatch(TOKEN).all()]
    if tokens:                  # dates and ids: never broken at their dashes
        defs.append({"targets": tokens, "className": "wb-text wb-token"})
    text = [i for i in text if i not in tokens]
    roomy = [i for i in text if table.iloc[:, i].astype(str).str.len().max() > ROOMY_CHARS]
    if roomy:
        defs.append({"targets": roomy, "className": "wb-text", "width": ROOMY_WIDTH})
    if text:
        defs.append({"targets": text, "className": "wb-text"})
    if prose:
        defs.append({"targets": prose, "className": "wb-text wb-prose", "width": PROSE_WIDTH})
    doc = columns.index("doc_id") if "doc_id" in columns else None
    sent = columns.index("sent_id") if "sent_id" in columns else None
    linked = set()
    if doc is not None:
        defs.append({"targets": doc, "render": _article_link(doc, sent, label="doc")})
        linked.add(doc)
        for i, c in enumerate(columns):
            if c == "sent_id" or c.endswith("_sent_id"):
                defs.append({"targets": i, "render": _article_link(doc, i, label="sent")})
                linked.add(i)
    breaks = [i for i in text + prose if i not in linked
              and table.iloc[:, i].astype(str).str.contains(LINE_BREAK).any()]
    if breaks:
        defs.append({"targets": breaks, "render": JavascriptFunction(_LINE_BREAKS)})
    return defs


_LINE_BREAKS = """function (data, type) {
  if (typeof data !== 'string') { return data; }
  return data.split('\\u2028').join(type === 'display' ? '<br>' : (type === 'export' ? '\\n' : ' '));
}"""


def _article_link(doc: int, sent: int | None, label: str) -> JavascriptFunction:
    """A renderer linking a doc_id (or a sentence number) to articles/<doc_id>.html#s<N>.

    The link is drawn only when the page knows the article page exists (window.WORKBOOK_SITE,
    set by workbook-site.js beside the pages), the doc_id is a plain file name and N a number.
    """
    sent_js = "null" if sent is None else str(sent)
    return JavascriptFunction(f"""function (data, type, row) {{
  if (type !== 'display') {{ return data; }}
  var site = window.WORKBOOK_SITE, doc = String(row[{doc}]), n = {sent_js} === null ? '' : String(row[{sent_js}]);
  if (!site || !/^[A-Za-z0-9_.-]+$/.test(doc) || site.articles.indexOf(doc) < 0) {{ return data; }}
  if ({'true' if label == 'sent' else 'false'} && !/^[0-9]+$/.test(n)) {{ return data; }}
  var href = (site.root || '') + 'articles/' + doc + '.html' + (/^[0-9]+$/.test(n) ? '#s' + n : '');
  return '<a class="wb-evidence" href="' + href + '" title="open the article at this sentence">' + data + '</a>';
}}""")
