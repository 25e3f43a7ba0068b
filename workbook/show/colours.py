"""Stable colours: one colour per outlet, weapon system or entity, the same in every panel and notebook.

Takes: the names of a domain as a whole (every outlet of the catalog, every weapon system of
corpus/entities.csv), never only the rows one panel draws, so a filter or a small multiple cannot
shift a colour.
Gives: ``PALETTE`` (20 colours told apart on white, strong ones first), ``assign`` (names -> colour),
``outlet_colours``, ``entity_colours``, and ``record`` (notes on a figure which colour stands for
which name; the export writes that beside the image, and the browser tests check it).
Comes before `charts.py` and `ties.py`, which draw with it.

Past 20 names a domain's colours repeat no hue: the rest are grey (`OTHER`), and the charts label
such rows or points directly instead of relying on colour.
"""
from __future__ import annotations

import pandas as pd

# Sasha Trubetskoy's 20 distinct colours, reordered: those readable as thin marks on white come first.
PALETTE = ("#4363d8", "#e6194b", "#3cb44b", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324",
           "#469990", "#800000", "#808000", "#000075", "#bfef45", "#ffe119", "#fabed4", "#dcbeff",
           "#aaffc3", "#ffd8b1", "#a9a9a9", "#fffac8")
OTHER = "#bbbbbb"


def assign(names) -> dict[str, str]:
    """Sorted distinct names -> colours of `PALETTE` in order; past its length, `OTHER`."""
    ordered = sorted({str(n) for n in names if isinstance(n, str) and n})
    return {n: PALETTE[i] if i < len(PALETTE) else OTHER for i, n in enumerate(ordered)}


def outlet_colours(docs: pd.DataFrame) -> dict[str, str]:
    """One colour per outlet of the whole catalog."""
    return assign(docs["outlet"].dropna())


def entity_colours(kind: str | None = None, path=None) -> dict[str, str]:
    """One colour per entity of corpus/entities.csv (of one `kind`, e.g. "weapon_system", if given)."""
    from ..knowledge import entities

    table = entities(path)
    return assign(table.loc[table["kind"] == kind, "entity"] if kind else table["entity"])


def record(fig, colours: dict[str, str], names=None) -> None:
    """Note on `fig` that each of `names` (default: all of `colours`) is drawn in its colour.

    The note travels with the figure's output (workbook/show/figures.py) into the page, where the
    browser tests check that one name keeps one colour on every figure.
    """
    drawn = getattr(fig, "_workbook_colours", {})
    for name in (colours if names is None else names):
        if name in colours:
            drawn[str(name)] = colours[name]
    fig._workbook_colours = drawn
