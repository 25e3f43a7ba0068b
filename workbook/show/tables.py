"""Showing results as tables and sentences: safe defaults, evidence tables, the provenance stamp.

Takes: any table of the earlier stages.
Gives: ``open_workbook`` (a notebook's first call), ``setup_notebook``, ``show_table`` (searchable, sortable,
downloadable, escaped, offline; its cells are prepared by `cells.py`), ``stamp``, ``with_articles``,
``with_sentences``, ``per_sentence`` (one evidence row per sentence) and the one-sentence summaries
``describe_corpus`` and ``describe_events``.
Comes after every annotation stage; notebooks call it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import os

import pandas as pd

from ..corpus import corpus_hash, load_corpus
from ..files import ROOT
from ..sentences import sentences


def setup_notebook() -> None:
    """Call once at the top of a notebook: safe defaults for showing corpus text.

    Styler escapes HTML (article text is untrusted data), itables works
    offline (its library is embedded in the page), figures have one size,
    read every label as plain text (no math parsing of corpus strings) and
    carry their alt text (`workbook.show.figures`).
    """
    import matplotlib.pyplot as plt

    from .figures import attach_to_outputs

    pd.set_option("styler.format.escape", "html")
    _init_itables_offline()
    plt.rcParams.update({"figure.figsize": (9, 3.5), "figure.dpi": 96, "axes.spines.top": False,
                         "axes.spines.right": False,
                         "text.parse_math": False})     # "$2.5 billion" in a label is text, not TeX
    attach_to_outputs()            # every figure's image carries its alt text and colours into the page


def _init_itables_offline() -> None:
    """itables' offline mode, its two outputs in the order a live page needs.

    itables 2.9 shows a theme script that awaits its library before the output that defines the
    library. A saved page runs module scripts after the whole page, so the order does not matter
    there; JupyterLab runs each output as it arrives, and the theme script fails ("Cannot destructure
    property 'set_or_remove_dark_class'"). Shown library first, nothing fails anywhere.
    """
    from unittest import mock

    import IPython.display
    import itables

    outputs = []
    with mock.patch.object(IPython.display, "display", lambda *objs, **kw: outputs.append((objs, kw))):
        itables.init_notebook_mode(all_interactive=False, connected=False)
    for objs, kw in reversed(outputs):
        IPython.display.display(*objs, **kw)


def open_workbook(path=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first call of every notebook: safe display defaults (`setup_notebook`), the corpus
    loaded and validated, its provenance stamp shown, and its sentences split once.

    Returns (docs, sents): `load_corpus(path)` and `sentences(docs)`.
    """
    setup_notebook()
    docs = load_corpus(path)
    stamp(docs, path)
    return docs, sentences(docs)


# How much of a table a shared page holds. A page is built to stay under 3 MB whatever the corpus size: a
# table longer than ON_PAGE_ROWS rows, or whose cells hold more than ON_PAGE_BYTES of text, shows its first
# rows within both bounds, says how many rows it has, and links a CSV file of all of them beside the page
# (html/tables/<notebook>/<name>.csv). The build asks for this by naming the folder for those files
# (WORKBOOK_TABLES, with WORKBOOK_TABLES_HREF the link from the page; tools/build.py execute sets both);
# in JupyterLab, where nothing is shared, a table holds up to IN_LAB_ROWS rows (see `_show_lab_bounded`).
ON_PAGE_ROWS = 500
ON_PAGE_BYTES = 50_000
ON_PAGE_CELL = 3_000     # characters of one cell on a page (a list of names that grows with the corpus, say);
                         # a longer cell ends in "... (N more characters in the CSV)", the CSV holds it whole
PAGE_TABLES_BYTES = 300_000   # the text all tables of one page hold together (a page of many long tables):
                              # once used up, each further table holds ON_PAGE_BYTES // 10


def show_table(table: pd.DataFrame, caption: str | None = None, name: str | None = None, **options) -> None:
    """Show a table readers can search, sort, page and download, in JupyterLab and in exported HTML.

    Cell content is escaped (itables never gets ``allow_html``), so corpus text is shown, never
    run. Cells read as text (`workbook.show.cells`): empty for missing, line breaks kept, dates as
    YYYY-MM-DD, prose left-aligned and wrapped, key columns first and ids last; every doc_id and
    sent_id links to the article page at that sentence when the page sits in the shared folder.
    Every table keeps its search box, even a short one; a click anywhere on a column name sorts;
    paging controls appear past 10 rows; a button saves all rows as CSV (`name` names the file);
    a wide table scrolls sideways and says so. In a build for a shared page, a table beyond the
    page's bounds (ON_PAGE_ROWS, ON_PAGE_BYTES) shows its first rows, a line saying how many it has,
    and a link to a CSV file of all of them beside the page. In JupyterLab a table of more than
    IN_LAB_ROWS rows shows its first IN_LAB_ROWS, says how many it has, and offers a button that
    saves all of them as a CSV file, so a filter's redraw stays quick at any corpus size.
    """
    import itables

    from .cells import column_defs, for_display

    page = bool(os.environ.get("WORKBOOK_TABLES"))
    # only the rows that can be shown are prepared (a page shows at most ON_PAGE_ROWS, the lab IN_LAB_ROWS)
    shown = for_display(table.iloc[:(ON_PAGE_ROWS if page else IN_LAB_ROWS) + 1])
    file = _file_name(name or caption or "-".join(map(str, shown.columns[:3])))
    long_cells = _long_cells(shown) if page else {}
    if long_cells:
        shown = shown.assign(**{c: shown[c].map(_cut) for c in long_cells})
    keep, budget = _rows_on_page(shown) if page else (min(len(table), IN_LAB_ROWS), None)
    if page and (keep < len(table) or long_cells):
        _show_bounded(table, shown, keep, file, long_cells, budget)
    elif keep < len(table):
        _show_lab_bounded(table, keep, file)
    shown = shown.iloc[:keep]
    long = len(shown) > 10
    layout = {"topStart": "buttons", "topEnd": "search",
              "bottomStart": ["info", "pageLength"] if long else "info", "bottomEnd": "paging" if long else None}
    label = (f"Download CSV ({len(shown)} rows)" if keep == len(table) and not long_cells
             else f"Download CSV (the {keep} rows shown)")
    csv = {"extend": "csvHtml5", "text": label, "className": "wb-csv",
           "filename": file,
           "exportOptions": {"orthogonal": "export", "modifier": {"search": "none", "order": "applied"}}}
    options = {"showIndex": False, "classes": "display compact", "layout": layout, "scrollX": True,
               "text_in_header_can_be_selected": False, "buttons": [csv],
               "columnDefs": column_defs(shown), "drawCallback": itables.JavascriptFunction(_SCROLL_HINT),
               "maxBytes": 0, **options}
    itables.show(shown, caption=caption, table_id=_table_id(shown, caption, options), **options)


def _rows_on_page(shown: pd.DataFrame) -> tuple[int, int]:
    """How many of the first rows fit the page's bounds, and the bytes this table was allowed: at most
    ON_PAGE_ROWS rows, and their cells' text (as characters, a little less than what the page embeds)
    within ON_PAGE_BYTES, or less once the page's tables have used PAGE_TABLES_BYTES. At least one row."""
    budget = max(min(ON_PAGE_BYTES, PAGE_TABLES_BYTES - _PAGE_USED[0]), ON_PAGE_BYTES // 10)
    head = shown.iloc[:ON_PAGE_ROWS + 1]
    sizes = pd.Series(sum(head[c].astype(str).str.len().to_numpy() + 3 for c in head.columns)
                      if len(head.columns) and len(head) else [], dtype="int64")
    fits = int((sizes.cumsum() <= budget).sum())
    keep = max(1, min(fits, ON_PAGE_ROWS, len(shown)))
    _PAGE_USED[0] += int(sizes.iloc[:keep].sum())
    return keep, budget


_PAGE_USED = [0]                       # the table text this kernel has put on its page so far


def _long_cells(shown: pd.DataFrame) -> list[str]:
    """The text columns with a cell longer than ON_PAGE_CELL characters."""
    return [c for c in shown.columns if (shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c]))
            and shown[c].map(lambda v: isinstance(v, str) and len(v) > ON_PAGE_CELL).any()]


def _cut(value):
    if isinstance(value, str) and len(value) > ON_PAGE_CELL:
        return f"{value[:ON_PAGE_CELL]}\u2026 ({len(value) - ON_PAGE_CELL:,} more characters in the CSV)"
    return value


def _show_bounded(table: pd.DataFrame, shown: pd.DataFrame, keep: int, file: str, long_cells=(),
                  budget: int = ON_PAGE_BYTES) -> None:
    """Write every row of `table` to a CSV beside the page, and show the line saying so."""
    from IPython.display import display

    folder = os.environ["WORKBOOK_TABLES"]
    href = os.environ.get("WORKBOOK_TABLES_HREF", "")
    stem = file
    _FILES[stem] = _FILES.get(stem, 0) + 1
    if _FILES[stem] > 1:
        file = f"{stem}-{_FILES[stem]}"
    os.makedirs(folder, exist_ok=True)
    table[list(shown.columns)].to_csv(os.path.join(folder, f"{file}.csv"), index=False, lineterminator="\n")
    counts = [f"{len(table):,} rows"]
    for column, what in (("doc_id", "articles"), ("outlet", "outlets")):
        if column in table.columns:
            counts.append(f"{table[column].nunique():,} {what}")
    link = html.escape(f"{href}{file}.csv")
    shared = (f" (what is left of the {PAGE_TABLES_BYTES // 1000} KB the tables of a page share)"
              if budget < ON_PAGE_BYTES else "")
    why = (f"more than {ON_PAGE_ROWS:,} rows" if len(table) > ON_PAGE_ROWS and keep == ON_PAGE_ROWS
           else f"more than {budget // 1000} KB of text{shared}" if keep < len(table)
           else f"cells of more than {ON_PAGE_CELL:,} characters (in {', '.join(map(str, long_cells))})")
    first = f"the first {keep:,}, in the order below" if keep < len(table) else "every row, its longest cells cut"
    text = (f"This table has {', '.join(counts)}: {why} for a shared page, so the page shows {first}. "
            f"Every row, whole, is in {href}{file}.csv, a CSV file beside this page")
    page = (f'<p class="wb-full-table"><strong>This table has {html.escape(", ".join(counts))}</strong>: '
            f'{html.escape(why)} for a shared page, so the page shows {first} (its search box and CSV button cover '
            f'what is shown). Every row, whole: <a href="{link}">{link}</a>, a CSV file beside this page'
            + (' (each row\'s sentence is also on its article page).' if "doc_id" in table.columns else ".") + "</p>")
    display({"text/html": page, "text/plain": text + "."}, raw=True,
            metadata={"workbook": {"full_table": f"{href}{file}.csv", "rows": len(table), "shown": keep}})


_FILES: dict[str, int] = {}            # CSV file name -> tables of that name written by this kernel

IN_LAB_ROWS = 1_000      # rows a table holds in JupyterLab; the rest are a button's click away (a CSV file)
LAB_TABLES = ROOT / "build" / "lab-tables"     # where that button saves (build/ is never committed)


def _show_lab_bounded(table: pd.DataFrame, keep: int, file: str) -> None:
    """In the lab: the line saying how many rows the table has and how many it shows, and a button that
    writes every row to LAB_TABLES/<file>.csv when clicked (not before: a redraw writes nothing)."""
    import ipywidgets as w
    from IPython.display import display

    counts = [f"{len(table):,} rows"]
    for column, what in (("doc_id", "articles"), ("outlet", "outlets")):
        if column in table.columns:
            counts.append(f"{table[column].nunique():,} {what}")
    note = w.HTML(f"<b>This table has {html.escape(', '.join(counts))}</b>: the lab shows the first {keep:,} "
                  "(narrow the filters to see others; the button saves every row).")
    save, saved = w.Button(description=f"Save all {len(table):,} rows as CSV", layout=w.Layout(width="auto")), w.HTML()

    def write(_=None):
        LAB_TABLES.mkdir(parents=True, exist_ok=True)
        target = LAB_TABLES / f"{file}.csv"
        table.to_csv(target, index=False, lineterminator="\n")
        saved.value = f"Saved {len(table):,} rows to {html.escape(str(target))}"
    save.on_click(write)
    display(w.VBox([note, w.HBox([save, saved])]))


_SCROLL_HINT = """function () {
  var box = this.api().table().container(), body = box.querySelector('.dt-scroll-body');
  if (!body || box.querySelector('.wb-scroll-hint')) { return; }
  var hint = document.createElement('p'), scroll = box.querySelector('.dt-scroll');
  hint.className = 'wb-scroll-hint';
  hint.textContent = 'This table is wider than the page: scroll it sideways for more columns \\u2192';
  scroll.parentNode.insertBefore(hint, scroll);
  var update = function () { hint.hidden = body.scrollWidth <= body.clientWidth + 1; };
  update();
  if (window.ResizeObserver) { var watch = new ResizeObserver(update); watch.observe(body); watch.observe(body.firstElementChild); }
  window.addEventListener('resize', update);
}"""


def _file_name(text: str) -> str:
    """A CSV file name from a table's name or caption: letters, digits and dashes."""
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "table"


def _table_id(table: pd.DataFrame, caption, options: dict) -> str:
    """An HTML id made from the table's content and how often that content was shown before in
    this kernel: a rebuilt page is byte-identical, and no two tables of a page share an id (a
    filter's output that equals a table above it gets one of its own)."""
    key = f"{table.to_csv()}\0{table.dtypes.to_dict()}\0{caption}\0{sorted(map(str, options.items()))}"
    base = "itables_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    _SHOWN[base] = _SHOWN.get(base, 0) + 1
    return base if _SHOWN[base] == 1 else f"{base}_{_SHOWN[base]}"


_SHOWN: dict[str, int] = {}            # table id -> times shown in this kernel


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


def with_articles(table: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Add each row's outlet and publication date (joined on doc_id), for filtering."""
    return table.merge(docs[["doc_id", "outlet", "published"]], on="doc_id", how="left")


def per_sentence(table: pd.DataFrame, join: list[str], sep: str = "; ") -> pd.DataFrame:
    """One row per fact: rows that share a sentence (doc_id, sent_id and every column not in `join`)
    become one, each `join` column holding its distinct values in order ("Turkey; Russia; NATO").

    For evidence tables, where a sentence naming three actors would otherwise be listed three times.
    """
    keys = [c for c in table.columns if c not in join]
    if table.empty:
        return table.copy()
    group = table.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()     # numbered as first seen
    first = ~pd.Series(group).duplicated().to_numpy()
    out = table.loc[first, keys].reset_index(drop=True)
    for col in join:                                     # each group's distinct values, in order, non-empty
        values = table[col].astype(object)
        text = values.where(values.notna(), "").map(str)
        pairs = pd.DataFrame({"group": group, "value": text.to_numpy()})
        pairs = pairs[pairs["value"] != ""].drop_duplicates()
        joined: dict = {}
        for g, v in zip(pairs["group"].tolist(), pairs["value"].tolist()):
            joined.setdefault(g, []).append(v)
        out[col] = pd.Series([sep.join(joined.get(i, ())) for i in range(len(out))])
    return out[list(table.columns)]


def with_sentences(table: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Add each row's sentence text as column `sentence` (joined on doc_id and sent_id), the evidence to show."""
    return table.merge(sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}),
                       on=["doc_id", "sent_id"], how="left")


def describe_events(ev: pd.DataFrame, vague: pd.DataFrame) -> str:
    """One computed sentence on the chronology: expressions, articles, span, vague ones."""
    if ev.empty:
        return f"No time expression was placed on the calendar; {len(vague)} vague one(s) are listed below."
    shared = ev.loc[ev["n_articles"] > 1, "happening"].nunique()
    return (f"{len(ev)} time expressions in {ev['doc_id'].nunique()} articles were placed on the calendar, "
            f"from {ev['start'].min():%B %Y} to {ev['end'].max():%B %Y}; {shared} happening(s) are reported by "
            f"more than one article, {(ev['conflict'] != '').sum()} row(s) carry a dating conflict, and "
            f"{len(vague)} vague expression(s) are listed unresolved.")
