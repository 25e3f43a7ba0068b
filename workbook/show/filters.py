"""Filters: ipywidgets controls over a table, for a live kernel in JupyterLab.

Takes: a table with ``outlet`` and ``published`` columns (see `workbook.show.tables.with_articles`).
Gives: ``filter_panel``. Exported HTML leaves its output out and filters through its tables instead.
Comes after every annotation stage; notebooks call it.
"""
from __future__ import annotations

import pandas as pd


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
