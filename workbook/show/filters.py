"""Filters: ipywidgets controls over a table, for a live kernel in JupyterLab.

Takes: a table with ``outlet`` and ``published`` columns (see `workbook.show.tables.with_articles`).
Gives: ``filter_panel`` (the controls) and ``filter_rows`` (what a setting keeps, without widgets). Exported HTML leaves its output out and filters through its tables instead.
Comes after every annotation stage; notebooks call it.
"""
from __future__ import annotations

import pandas as pd


def filter_rows(table: pd.DataFrame, outlets=None, published=None, entity: tuple | None = None,
                named: dict | None = None, window: tuple | None = None) -> pd.DataFrame:
    """The rows of `table` a filter panel's settings keep; pure, so it is tested without widgets.

    Parameters
    ----------
    outlets : outlets to keep (None: all).
    published : (first, last) day, inclusive, of the ``published`` column (None: all).
    entity : (column, value) to keep rows whose column equals value (None or value "(all)": all).
    named : {column: value}, for columns holding "; "-joined names: rows naming value ("(all)": all).
    window : (column, first, last): a second date column kept within [first, last] (None: all).
    """
    keep = pd.Series(True, index=table.index)
    if outlets is not None:
        keep &= table["outlet"].isin(outlets)
    if published is not None:
        keep &= table["published"].dt.date.between(*published)
    if entity is not None and entity[1] != ALL:
        keep &= table[entity[0]] == entity[1]
    for col, value in (named or {}).items():
        if value != ALL:
            keep &= table[col].fillna("").str.split("; ").apply(lambda names, v=value: v in names)
    if window is not None:
        col, first, last = window
        keep &= table[col].dt.date.between(first, last)
    return table[keep]


ALL = "(all)"


def filter_panel(table: pd.DataFrame, show, entity_column: str | None = None, *,
                 list_columns: tuple = (), date_column: str | None = None):
    """One reusable set of filters: outlet, publication date range, optionally an actor/system.

    Parameters
    ----------
    table : rows with ``outlet`` and ``published`` columns (see `with_articles`).
    show : called with the filtered table (`filter_rows`) whenever a control changes; what it
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

    def label(col):
        return col.replace("_", " ").capitalize()

    def date_slider(days, description):
        return w.SelectionRangeSlider(options=days, index=(0, len(days) - 1), description=description,
                                      layout=w.Layout(width="600px"))

    outlets = sorted(table["outlet"].dropna().unique())
    days = sorted(table["published"].dropna().dt.date.unique())
    outlet = w.SelectMultiple(options=outlets, value=tuple(outlets), description="Outlet", rows=min(6, len(outlets) or 1))
    dates = date_slider(days, "Published") if days else None
    entity = w.Dropdown(options=[ALL] + sorted(table[entity_column].dropna().unique()),
                        description=label(entity_column)) if entity_column else None
    named = {col: w.Dropdown(options=[ALL] + sorted({n for v in table[col].dropna() for n in str(v).split("; ") if n}),
                             description=label(col)) for col in list_columns}
    when = sorted(table[date_column].dropna().dt.date.unique()) if date_column else []
    window = date_slider(when, label(date_column)) if when else None
    controls = [c for c in (outlet, dates, entity, *named.values(), window) if c is not None]
    out = w.Output()

    def refresh(_=None):
        rows = filter_rows(table, outlets=outlet.value, published=dates.value if dates else None,
                           entity=(entity_column, entity.value) if entity is not None else None,
                           named={col: box.value for col, box in named.items()},
                           window=(date_column, *window.value) if window is not None else None)
        out.clear_output(wait=True)
        with out:
            show(rows)

    for c in controls:
        c.observe(refresh, names="value")
    refresh()
    return w.VBox([*controls, out])
