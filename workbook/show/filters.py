"""Filters: ipywidgets controls over a table, for a live kernel in JupyterLab.

Takes: a table with ``outlet`` and ``published`` columns (see `workbook.show.tables.with_articles`).
Gives: ``filter_panel`` (the controls: outlets, dates, a name, words of the sentence) and ``filter_rows``
(what a setting keeps, without widgets), with
``FilterIndex`` (its comparisons made once per table, so a redraw does not split names or dates again).
Exported HTML leaves its output out and filters through its tables instead.
Comes after every annotation stage; notebooks call it.
"""
from __future__ import annotations

import pandas as pd

from ..knowledge import ACTOR_KINDS, entities


def filter_rows(table: pd.DataFrame, outlets=None, published=None, entity: tuple | None = None,
                named: dict | None = None, window: tuple | None = None, text: tuple | None = None,
                index: "FilterIndex | None" = None) -> pd.DataFrame:
    """The rows of `table` a filter panel's settings keep; pure, so it is tested without widgets.

    Parameters
    ----------
    outlets : outlets to keep (None: all).
    published : (first, last) day, inclusive, of the ``published`` column (None: all).
    entity : (column, value) to keep rows whose column equals value (None or value "(all)": all).
    named : {column: value}, for columns holding "; "-joined names: rows naming value ("(all)": all).
    window : (column, first, last): a second date column kept within [first, last] (None: all).
    text : (column, words): rows whose column holds the words, in any case, anywhere ("deliver"
        keeps "delivered" and "deliveries"); empty words keep every row.
    index : `FilterIndex(table)`, when the same table is filtered again and again (a panel builds it
        once, so a change of a control compares arrays instead of splitting names and dates anew).
    """
    import numpy as np

    index = FilterIndex(table) if index is None or index.table is not table else index
    keep = np.ones(len(table), dtype=bool)
    if outlets is not None:
        chosen = index.outlets.get_indexer(list(outlets))
        keep &= np.isin(index.outlet_codes, chosen[chosen >= 0])
    if published is not None:
        keep &= index.between("published", *published)
    if entity is not None and entity[1] != ALL:
        keep &= index.values(entity[0]) == entity[1]
    for col, value in (named or {}).items():
        if value != ALL:
            keep &= index.naming(col, value)
    if window is not None:
        col, first, last = window
        keep &= index.between(col, first, last)
    if text is not None and str(text[1]).strip():
        keep &= index.holding(text[0], str(text[1]).strip())
    return table[keep]


class FilterIndex:
    """What `filter_rows` compares, computed once per table: outlets as codes, each date column as
    days, each column of "; "-joined names as the rows naming each name, each text column in lower
    case (computed on first use)."""

    def __init__(self, table: pd.DataFrame):
        self.table = table
        self.outlet_codes, self.outlets = pd.factorize(table["outlet"]) if "outlet" in table else ([], pd.Index([]))
        self._days, self._values, self._names, self._lower = {}, {}, {}, {}

    def holding(self, col: str, words: str):
        """Rows whose text in `col` holds `words` (case aside): one pass over the column per search."""
        if col not in self._lower:
            self._lower[col] = self.table[col].fillna("").astype(str).str.lower()
        return self._lower[col].str.contains(words.lower(), regex=False).to_numpy(dtype=bool)

    def between(self, col: str, first, last):
        """Rows whose day in `col` lies in [first, last] (NaT never does)."""
        import numpy as np

        if col not in self._days:
            self._days[col] = self.table[col].to_numpy("datetime64[ns]").astype("datetime64[D]")
        days = self._days[col]
        return (days >= np.datetime64(first, "D")) & (days <= np.datetime64(last, "D"))

    def values(self, col: str):
        if col not in self._values:
            self._values[col] = self.table[col].to_numpy(dtype=object)
        return self._values[col]

    def naming(self, col: str, value: str):
        """Rows whose "; "-joined names in `col` include `value` whole."""
        import numpy as np

        if col not in self._names:
            names = self.table[col].fillna("").astype(str).str.split("; ")
            each = pd.Series(names.to_numpy(), dtype=object).explode()         # index: the row's position
            rows = each.index.to_numpy()
            self._names[col] = {k: rows[v] for k, v in pd.Series(rows).groupby(each.to_numpy()).indices.items()}
        keep = np.zeros(len(self.table), dtype=bool)
        keep[self._names[col].get(value, [])] = True
        return keep


ALL = "(all)"
NOTHING = "Nothing matches these filters: widen the outlets, dates or choices above."
# Columns of "; "-joined names and the kinds of entity they hold (their dropdowns list every such entity).
LIST_KINDS = {"actors": ACTOR_KINDS, "systems": ("weapon_system",)}
KIND_LABELS = {ACTOR_KINDS: "Actor", ("weapon_system",): "System", ("person",): "Person",
               ("organization",): "Organization", ("country",): "Country", ("alliance",): "Alliance"}


def choices(table: pd.DataFrame, column: str, kinds: tuple | None = None, path=None, lists: bool = False) -> list:
    """Dropdown options for `column`: (label, value) pairs, "(all)" first, each label with its row count.

    With `kinds`, every entity of those kinds in entities.csv is offered (also those with no row
    yet, shown with 0), so the list is the knowledge tables' and not what one notebook happens to
    link; without, the values found in the column."""
    values = table[column].dropna().astype(str)
    names = values.str.split("; ").explode() if lists else values
    counts = names[names != ""].value_counts()
    offered = sorted(entities(path).query("kind in @kinds")["entity"]) if kinds else sorted(counts.index)
    return [(ALL, ALL)] + [(f"{name} ({counts.get(name, 0)})", name) for name in offered]


def filter_panel(table: pd.DataFrame, show, entity_column: str | None = None, *, entity_kinds: tuple | None = None,
                 list_columns: tuple = (), date_column: str | None = None, text_column: str | None = None,
                 entity_label: str | None = None, path=None):
    """One reusable set of filters: outlets, publication dates, optionally an actor or system.

    Parameters
    ----------
    table : rows with ``outlet`` and ``published`` columns (see `with_articles`).
    show : called with the filtered table (`filter_rows`) whenever a control changes; what it
        displays appears under the controls. When no row is left, the panel says so instead.
    entity_column : a column to filter on by value (e.g. "entity"), or None.
    entity_kinds : the kinds of entity that column holds (e.g. ``("weapon_system",)`` or
        ``helpers.ACTOR_KINDS``): its dropdown lists every such entity of entities.csv and is
        labelled by kind ("System", "Actor").
    list_columns : columns holding "; "-joined names (e.g. "actors", "systems"); each gets a
        dropdown keeping the rows that name the chosen value (kinds from `LIST_KINDS`).
    date_column : a second date column (e.g. an event's "start") filtered by a range slider.
    text_column : a column of text (e.g. "sentence") searched by a text box: rows holding the words
        typed, in any case ("deliver" finds "delivered"); it filters when Enter is pressed or the box
        is left, so a redraw costs one pass over that column, not one per key.
    entity_label : the entity dropdown's label where the kind says too little (e.g. "Speaker").
    path : the corpus folder whose entities.csv gives the choices (default: corpus/).

    Returns
    -------
    An ipywidgets VBox: the controls and the output area. It needs a live
    kernel; exported HTML gets its filtering from the interactive tables.
    """
    import ipywidgets as w

    wide = w.Layout(width="95%")

    def label(col):
        return col.replace("_", " ").capitalize()

    def date_range(days, description):
        """A range slider over the days, with a readable readout of its own beside it."""
        slider = w.SelectionRangeSlider(options=[(f"{d:%d %b %Y}", d) for d in days], index=(0, len(days) - 1),
                                        description=description, readout=False, layout=w.Layout(width="60%"))
        readout = w.Label()

        def say(_=None):
            first, last = slider.value
            readout.value = f"{first:%d %b %Y} to {last:%d %b %Y}"
        slider.observe(say, names="value")
        say()
        return slider, w.HBox([slider, readout])

    outlets = sorted(table["outlet"].dropna().unique())
    days = sorted(table["published"].dropna().dt.date.unique())
    outlet = w.SelectMultiple(options=outlets, value=tuple(outlets), description="Outlets",
                              rows=min(8, len(outlets) or 1), layout=wide)
    hint = w.HTML("<small>Ctrl-click (Cmd-click on a Mac) to choose several outlets, Shift-click for a run.</small>")
    dates, dates_row = date_range(days, "Published") if days else (None, None)
    entity = w.Dropdown(options=choices(table, entity_column, entity_kinds, path), layout=w.Layout(width="60%"),
                        description=entity_label or KIND_LABELS.get(tuple(entity_kinds or ()), label(entity_column or "")),
                        ) if entity_column else None
    named = {col: w.Dropdown(options=choices(table, col, LIST_KINDS.get(col), path, lists=True),
                             description=label(col), layout=w.Layout(width="60%")) for col in list_columns}
    when = sorted(table[date_column].dropna().dt.date.unique()) if date_column else []
    window, window_row = date_range(when, label(date_column)) if when else (None, None)
    words = w.Text(description=f"{label(text_column)} has", placeholder="a word or phrase, then Enter (e.g. deliver)",
                   continuous_update=False, layout=w.Layout(width="60%"),
                   style={"description_width": "initial"}) if text_column else None
    controls = [outlet, dates, entity, *named.values(), window, words]
    status, out = w.HTML(), w.Output()

    index = FilterIndex(table)                 # outlets, days and names compared as arrays on every change

    def refresh(_=None):
        rows = filter_rows(table, index=index, outlets=outlet.value, published=dates.value if dates else None,
                           entity=(entity_column, entity.value) if entity is not None else None,
                           named={col: box.value for col, box in named.items()},
                           window=(date_column, *window.value) if window is not None else None,
                           text=(text_column, words.value) if words is not None else None)
        status.value = f"<b>{len(rows):,}</b> of {len(table):,} rows match."
        out.clear_output(wait=True)
        with out:
            if rows.empty:             # no empty axes or empty table: say so
                print(NOTHING)
            else:
                show(rows)

    for c in controls:
        if c is not None:
            c.observe(refresh, names="value")
    refresh()
    shown = [outlet, hint, dates_row, entity, *named.values(), window_row, words, status]
    return w.VBox([c for c in shown if c is not None] + [out])
